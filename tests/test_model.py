"""The typed provider model and its converter."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from cattrs import BaseValidationError

from coworkreg_core.convert import (
    get_converter,
    make_converter,
    parse_provider_json,
    structure_provider,
    unstructure_provider,
)
from coworkreg_core.errors import DocumentInvalid
from coworkreg_core.model import (
    Declaration,
    Interval,
    OpeningHours,
    Provider,
    Space,
)

VALID = Path(__file__).resolve().parent.parent / "examples" / "providers" / "valid"


def load(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((VALID / name).read_text(encoding="utf-8"))
    return doc


@pytest.fixture
def startup() -> Provider:
    """The innovative start-up example as a typed provider."""
    return structure_provider(load("03-nuvola-lab-innovative-startup.json"))


class TestStructure:
    def test_fields_are_typed(self, startup: Provider) -> None:
        """Dates become ``date``, arrays tuples, nested objects attrs classes."""
        assert startup.organisation.founded_on == datetime.date(2023, 2, 10)
        assert isinstance(startup.spaces, tuple)
        assert isinstance(startup.spaces[0], Space)
        assert startup.spaces[0].services.childcare is not None
        assert startup.spaces[0].services.childcare.capacity == 8
        assert startup.organisation.startup_special_section is True

    def test_absent_fields_are_none(self, startup: Provider) -> None:
        """What the document leaves out is ``None``, not an empty value."""
        assert startup.organisation.runts is None
        assert startup.spaces[0].services.lockers is None
        assert startup.spaces[0].opening_hours.sunday is None

    def test_numbers_keep_their_form(self, startup: Provider) -> None:
        """An integer stays an integer, so the document comes back byte-identical in value."""
        price = startup.spaces[0].prices[0] if startup.spaces[0].prices else None
        assert price is not None
        assert price.amount_eur == 18
        assert isinstance(price.amount_eur, int)

    def test_instances_are_frozen(self, startup: Provider) -> None:
        """A provider cannot be changed in place; ``attrs.evolve`` makes a new one."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            startup.organisation.name = "Altro"  # type: ignore[misc]
        renamed = attrs.evolve(
            startup, organisation=attrs.evolve(startup.organisation, name="Nuvola Due S.r.l.")
        )
        assert renamed.organisation.name == "Nuvola Due S.r.l."
        assert startup.organisation.name == "Nuvola Lab S.r.l."

    def test_invalid_documents_are_not_structured(self) -> None:
        """Structuring validates first, so the model never holds a bad document."""
        doc = load("01-studio-brianza-freelancer.json")
        doc["spaces"][0]["unknown"] = 1
        with pytest.raises(DocumentInvalid) as caught:
            structure_provider(doc, source="studio.json")
        assert caught.value.problems.pointers() == ["/spaces/0/unknown"]
        assert caught.value.what == "studio.json"

    def test_parse_json(self) -> None:
        """Bytes in, provider out."""
        raw = (VALID / "06-il-ponte-aps-third-sector.json").read_bytes()
        provider = parse_provider_json(raw)
        assert provider.organisation.runts is not None
        assert provider.organisation.runts.section == "b"
        assert [s.address.istat_code for s in provider.spaces] == ["108039", "108028"]

    def test_the_converter_refuses_unknown_keys_on_its_own(self) -> None:
        """A second line behind validation: cattrs forbids extra keys too."""
        with pytest.raises(BaseValidationError):
            make_converter().structure({"opens": "09:00", "closes": "18:00", "x": 1}, Interval)


class TestUnstructure:
    def test_round_trip(self) -> None:
        """Every example comes back equal after the model."""
        for path in sorted(VALID.glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            assert unstructure_provider(structure_provider(doc)) == doc, path.name

    def test_dates_become_iso_strings(self, startup: Provider) -> None:
        """JSON-ready output: no ``date`` objects, no tuples, no ``None``."""
        doc = unstructure_provider(startup)
        assert doc["organisation"]["founded_on"] == "2023-02-10"
        assert isinstance(doc["spaces"], list)
        assert "runts" not in doc["organisation"]
        json.dumps(doc)

    def test_false_is_kept(self) -> None:
        """Only ``None`` is omitted: a declared ``false`` stays in the document."""
        declaration = Declaration(
            id="privacy_notice",
            article="47",
            text_version="2025.1",
            accepted=False,
            date=datetime.date(2026, 1, 7),
        )
        assert get_converter().unstructure(declaration) == {
            "id": "privacy_notice",
            "article": "47",
            "text_version": "2025.1",
            "accepted": False,
            "date": "2026-01-07",
        }


class TestHelpers:
    def test_opening_hours_by_weekday(self, startup: Provider) -> None:
        """``on`` gives a day's slots, empty when closed."""
        hours = startup.spaces[0].opening_hours
        assert hours.on("saturday") == (Interval(opens="09:00", closes="14:00"),)
        assert hours.on("sunday") == ()

    def test_opening_hours_rejects_other_names(self) -> None:
        """A misspelt weekday is an error naming the right ones."""
        with pytest.raises(ValueError, match="monday"):
            OpeningHours().on("lunedi")

    def test_declaration_lookup(self) -> None:
        """``declaration`` finds by id; the telework employer lacks workplace safety."""
        provider = structure_provider(load("07-brianza-digitale-telework-employer.json"))
        truthfulness = provider.declaration("truthfulness")
        assert truthfulness is not None
        assert truthfulness.article == "46"
        assert provider.declaration("workplace_safety") is None
