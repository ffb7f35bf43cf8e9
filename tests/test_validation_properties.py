"""Properties over generated providers and generated damage to them.

Valid providers are built field by field from the schema's rules; mutations
then break them at random places. Three things must always hold: a valid
provider survives the typed model unchanged, validation only ever reports
(never raises), and the compiled validator agrees with bare ``jsonschema``.
"""

from __future__ import annotations

import copy
import json
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.it import codicefiscale, iva

from coworkreg_core.convert import get_converter, structure_provider, unstructure_provider
from coworkreg_core.model import Provider
from coworkreg_core.problems import Problems
from coworkreg_core.validation import Limits, validate_provider, validate_provider_json
from coworkreg_core.validation.intake import is_plain_json, plain_json_problems
from coworkreg_core.validation.reference import reference_problems

DIGITS = string.digits
UPPER = string.ascii_uppercase


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text(DIGITS, min_size=n, max_size=n)


def vat_numbers() -> st.SearchStrategy[str]:
    """Eleven digits: a serial, a valid office code, and the Luhn check digit."""
    offices = st.sampled_from(["001", "015", "096", "100", "108", "120", "999"])
    ten = st.builds(lambda serial, office: serial + office, digits(7), offices)
    return ten.map(lambda t: t + luhn.calc_check_digit(t)).filter(iva.is_valid)


def personal_tax_codes() -> st.SearchStrategy[str]:
    """Sixteen characters: names, birth date, place, check character."""
    day = st.integers(1, 28).flatmap(lambda d: st.sampled_from([f"{d:02d}", f"{d + 40:02d}"]))
    fifteen = st.builds(
        lambda names, year, month, day, place: names + year + month + day + place,
        st.text(UPPER, min_size=6, max_size=6),
        digits(2),
        st.sampled_from("ABCDEHLMPRST"),
        day,
        st.builds(lambda letter, number: letter + number, st.sampled_from(UPPER), digits(3)),
    )
    return fifteen.map(lambda c: c + codicefiscale.calc_check_digit(c)).filter(
        codicefiscale.is_valid
    )


text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40
)
dates = st.dates().map(lambda d: d.isoformat())
emails = st.builds(
    "{}@{}.{}".format,
    st.text(string.ascii_lowercase + DIGITS, min_size=1, max_size=12),
    st.text(string.ascii_lowercase, min_size=1, max_size=12),
    st.sampled_from(["it", "com", "eu"]),
)
phones = st.from_regex(r"\A\+?[0-9][0-9 ]{5,19}\Z")
pricing = st.sampled_from(["included", "charged"])
hhmm = st.builds("{:02d}:{:02d}".format, st.integers(0, 23), st.integers(0, 59))
positive = st.floats(min_value=0.5, max_value=10_000, allow_nan=False) | st.integers(1, 10_000)


def fixed(**required: Any) -> Any:
    """A dict strategy with ``required`` keys; optional ones come from ``optional=``."""
    optional = required.pop("optional", {})
    return st.fixed_dictionaries(required, optional=optional)


address = fixed(
    street=text,
    postal_code=digits(5),
    municipality=text,
    istat_code=digits(6),
    province=st.text(UPPER, min_size=2, max_size=2),
    optional={
        "coordinates": fixed(
            lat=st.floats(-90, 90, allow_nan=False), lon=st.floats(-180, 180, allow_nan=False)
        )
    },
)
basic_service = fixed(pricing=pricing, optional={"notes": st.text(max_size=60)})
services = fixed(
    optional={
        "connectivity": fixed(
            technology=st.sampled_from(["ftth", "fttc", "fwa", "satellite", "other"]),
            download_mbps=positive,
            pricing=pricing,
            optional={"upload_mbps": positive, "wifi": st.booleans()},
        ),
        "reception": fixed(staffed=st.booleans(), pricing=pricing),
        "cleaning": fixed(
            frequency=st.sampled_from(["daily", "several_times_a_week", "weekly"]),
            pricing=pricing,
        ),
        "secretariat": basic_service,
        "childcare": fixed(
            capacity=st.integers(1, 100),
            min_age_months=st.integers(0, 144),
            max_age_months=st.integers(1, 144),
            pricing=pricing,
            optional={"qualified_staff": st.booleans()},
        ),
        "meeting_room": fixed(
            seats=st.integers(1, 1000), pricing=pricing, optional={"rooms": st.integers(1, 100)}
        ),
        "printing": basic_service,
        "kitchen": basic_service,
    }
)
space = fixed(
    id=st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,39}\Z"),
    name=text,
    address=address,
    workstations=st.integers(1, 5000),
    opening_hours=fixed(
        optional={
            day: st.lists(fixed(opens=hhmm, closes=hhmm), max_size=3)
            for day in ["monday", "wednesday", "saturday"]
        }
    ),
    accessibility=fixed(
        step_free_access=st.booleans(),
        accessible_toilet=st.booleans(),
        optional={"lift": st.booleans()},
    ),
    services=services,
    optional={
        "floor_area_m2": positive,
        "prices": st.lists(
            fixed(
                desk_type=st.sampled_from(["shared_desk", "fixed_desk", "private_office"]),
                period=st.sampled_from(["hour", "day", "week", "month", "year"]),
                amount_eur=st.integers(0, 5000) | st.floats(0, 5000, allow_nan=False),
                optional={"vat_included": st.booleans()},
            ),
            max_size=3,
        ),
    },
)
organisation = fixed(
    name=text,
    legal_form=st.sampled_from(["individual", "limited_company", "association", "other"]),
    category=st.sampled_from(["freelancer", "craft_firm", "third_sector_body"]),
    tax_code=vat_numbers() | personal_tax_codes(),
    registered_office=address,
    pec=emails,
    optional={
        "vat_number": vat_numbers(),
        "rea": fixed(province=st.text(UPPER, min_size=2, max_size=2), number=digits(6)),
        "runts": fixed(number=digits(5), section=st.sampled_from("abcdefg")),
        "startup_special_section": st.booleans(),
        "founded_on": dates,
        "email": emails,
        "phone": phones,
        "website": st.builds("https://{}.it/".format, st.text(string.ascii_lowercase, min_size=1)),
    },
)
providers = fixed(
    organisation=organisation,
    legal_representative=fixed(
        given_name=text, family_name=text, tax_code=personal_tax_codes(), role=text
    ),
    spaces=st.lists(space, min_size=1, max_size=3),
    declarations=st.lists(
        fixed(
            id=st.from_regex(r"\A[a-z][a-z0-9_]{1,20}\Z"),
            article=st.sampled_from(["46", "47"]),
            text_version=st.from_regex(r"\A[0-9A-Za-z.-]{1,20}\Z"),
            accepted=st.booleans(),
            date=dates,
        ),
        max_size=6,
    ),
    optional={
        "contact": fixed(name=text, optional={"email": emails, "phone": phones}),
        "insurance": fixed(
            insurer=text,
            policy_number=text,
            valid_until=dates,
            cover_eur=st.integers(0, 10_000_000),
        ),
        "attachments": st.lists(
            fixed(
                kind=st.sampled_from(["statute", "photo", "other"]),
                name=st.from_regex(r"\A[a-z0-9-]{1,30}\.pdf\Z"),
                media_type=st.just("application/pdf"),
                size_bytes=st.integers(1, 52_428_800),
                sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
            ),
            max_size=3,
        ),
    },
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _containers(doc: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Paths of every object and list in ``doc``, the root included."""
    found = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _containers(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _containers(value, (*path, index))
    return found


def _at(doc: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


@st.composite
def mutated_providers(draw: st.DrawFn) -> Any:
    """A valid provider with one to three random changes at random places."""
    doc = copy.deepcopy(draw(providers))
    for _ in range(draw(st.integers(1, 3))):
        target = _at(doc, draw(st.sampled_from(_containers(doc))))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            if action == "delete":
                del target[key]
            elif action == "replace":
                target[key] = draw(json_values)
            else:
                target[draw(st.text(max_size=10))] = draw(json_values)
        elif isinstance(target, list) and target:
            index = draw(st.integers(0, len(target) - 1))
            if action == "delete":
                del target[index]
            elif action == "replace":
                target[index] = draw(json_values)
            else:
                target.append(draw(json_values))
    if draw(st.integers(0, 9)) == 0:
        doc = draw(json_values)  # sometimes the whole document is something else
    return doc


def _pointers_and_codes(problems: Problems) -> list[tuple[str, str]]:
    return [(p.pointer, p.code) for p in problems]


# Generating a whole provider costs about 50 ms, so the counts stay modest;
# run with a larger max_examples locally when touching the schema.
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestValidProviders:
    @SETTINGS
    @given(providers)
    def test_generated_providers_are_valid(self, doc: dict[str, Any]) -> None:
        """The generator makes what the schema accepts, by both validators."""
        assert _pointers_and_codes(validate_provider(doc)) == []
        assert _pointers_and_codes(reference_problems("provider", doc)) == []

    @SETTINGS
    @given(providers)
    def test_round_trip_through_the_model(self, doc: dict[str, Any]) -> None:
        """unstructure(structure(x)) == x, and the result validates again."""
        provider = structure_provider(doc)
        again = unstructure_provider(provider)
        assert again == doc
        assert not validate_provider(again)
        assert get_converter().structure(again, Provider) == provider

    @SETTINGS
    @given(providers)
    def test_json_text_and_data_agree(self, doc: dict[str, Any]) -> None:
        """Sending the provider as JSON bytes gives the same verdict as passing the data."""
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        assert not validate_provider_json(data)


class TestMutations:
    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated_providers())
    def test_compiled_and_reference_validators_agree(self, doc: Any) -> None:
        """Same verdict and the same pointers and codes, whatever the damage."""
        fast = validate_provider(doc)
        assert _pointers_and_codes(fast) == _pointers_and_codes(reference_problems("provider", doc))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated_providers())
    def test_validation_only_reports(self, doc: Any) -> None:
        """Damaged input gives problems or a provider, and never a foreign exception."""
        problems = validate_provider_json(json.dumps(doc))
        assert all(p.message.it and p.message.en for p in problems)
        if not problems:
            assert isinstance(structure_provider(doc), Provider)

    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=200) | st.text(max_size=200))
    def test_arbitrary_bytes_only_report(self, data: bytes | str) -> None:
        """Any bytes at all yield a ``Problems`` value, usually ``not-json``."""
        assert isinstance(validate_provider_json(data), Problems)


python_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=5)
    | st.just("\ud800")
    | st.builds(object),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=3) | st.integers() | st.just("\udfff"), inner, max_size=3
        )
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(python_values, st.integers(1, 6))
def test_quick_intake_check_agrees_with_the_full_walk(doc: object, max_depth: int) -> None:
    """The fast yes/no of the intake never contradicts the walk that names problems."""
    limits = Limits(max_depth=max_depth)
    assert is_plain_json(doc, limits) == (not plain_json_problems(doc, limits))
