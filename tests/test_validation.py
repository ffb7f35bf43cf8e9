"""Validation of provider documents: formats, messages, limits and bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from coworkreg_core.errors import CoworkregError, DocumentInvalid
from coworkreg_core.resources import load_schema
from coworkreg_core.validation import (
    Limits,
    SchemaValidator,
    provider_validator,
    validate_provider,
    validate_provider_json,
)
from coworkreg_core.validation.formats import (
    check_date,
    check_email,
    check_tax_code,
    check_uri,
    check_vat_number,
)
from coworkreg_core.validation.titles import subschema_at

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "providers"
    / "valid"
    / "03-nuvola-lab-innovative-startup.json"
)


@pytest.fixture
def provider() -> dict[str, Any]:
    """A fresh copy of a valid provider, free to mutate."""
    doc: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return doc


class TestFormats:
    @pytest.mark.parametrize(
        "value",
        ["00743110157", "BRNLCU82C14I625R", "RSSMRA85T10A562S"],
    )
    def test_accepts_real_tax_codes(self, value: str) -> None:
        """Organisation (11 digits) and personal (16 characters) codes both pass."""
        assert check_tax_code(value) is None

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("00743110158", "the check digit does not match"),
            ("RSSMRA85T10A562T", "the check digit does not match"),
            ("0074311015", "the length is wrong"),
            ("rssmra85t10a562s", "write it in capitals, without spaces"),
        ],
    )
    def test_says_why_a_tax_code_fails(self, value: str, reason: str) -> None:
        """The reason distinguishes check digit, length and writing."""
        found = check_tax_code(value)
        assert found is not None
        assert found.en == reason

    def test_vat_number_check_digit(self) -> None:
        """A partita IVA with a wrong Luhn digit is refused, the right one accepted."""
        assert check_vat_number("00743110157") is None
        refused = check_vat_number("00743110150")
        assert refused is not None
        assert "check digit" in refused.en

    def test_vat_number_with_country_prefix_is_refused(self) -> None:
        """The register stores the bare eleven digits."""
        assert check_vat_number("IT00743110157") is not None

    @pytest.mark.parametrize("value", ["2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10"])
    def test_impossible_dates(self, value: str) -> None:
        """A date must exist in the calendar."""
        assert check_date(value) is not None

    @pytest.mark.parametrize("value", ["2025-1-5", "05/01/2025", "20250105", "2025-01-05T10:00"])
    def test_dates_in_other_forms(self, value: str) -> None:
        """Only YYYY-MM-DD is a date here, whatever Python's parser would forgive."""
        refused = check_date(value)
        assert refused is not None
        assert "YYYY-MM-DD" in refused.en

    def test_leap_day(self) -> None:
        """29 February exists in leap years."""
        assert check_date("2024-02-29") is None

    @pytest.mark.parametrize(
        ("value", "valid"),
        [
            ("ufficio.protocollo@pec.comune.seregno.mb.it", True),
            ("a+b@example.it", True),
            ("info(at)example.it", False),
            ("no-domain@", False),
            ("spaces in@example.it", False),
            ("missing-tld@example", False),
        ],
    )
    def test_email(self, value: str, valid: bool) -> None:
        """Ordinary mailbox addresses pass, malformed ones do not."""
        assert (check_email(value) is None) is valid

    @pytest.mark.parametrize(
        ("value", "valid"),
        [
            ("https://www.comune.seregno.mb.it/", True),
            ("urn:coworkreg:schema:provider:1", True),
            ("www.example.it", False),
            ("https://", False),
            ("https://exa mple.it", False),
        ],
    )
    def test_uri(self, value: str, valid: bool) -> None:
        """Absolute URIs pass; web addresses need a host."""
        assert (check_uri(value) is None) is valid


class TestProblems:
    def test_valid_document_has_none(self, provider: dict[str, Any]) -> None:
        """An empty, falsy ``Problems``."""
        problems = validate_provider(provider)
        assert not problems
        assert len(problems) == 0

    def test_reports_every_problem_at_once(self, provider: dict[str, Any]) -> None:
        """Three unrelated faults give three problems, in document order."""
        provider["spaces"][0]["workstations"] = -1
        provider["organisation"]["pec"] = "not an address"
        del provider["declarations"][0]["accepted"]
        assert validate_provider(provider).pointers() == [
            "/declarations/0/accepted",
            "/organisation/pec",
            "/spaces/0/workstations",
        ]

    def test_list_indexes_sort_as_numbers(self, provider: dict[str, Any]) -> None:
        """The eleventh space comes after the second, not before it."""
        spaces = [copy.deepcopy(provider["spaces"][0]) for _ in range(11)]
        for index, space in enumerate(spaces):
            space["id"] = f"space-{index}"
        spaces[1]["workstations"] = 0
        spaces[10]["workstations"] = 0
        provider["spaces"] = spaces
        assert validate_provider(provider).pointers() == [
            "/spaces/1/workstations",
            "/spaces/10/workstations",
        ]

    def test_message_names_the_field_by_its_title(self, provider: dict[str, Any]) -> None:
        """The schema's Italian title and its English title name the field."""
        provider["organisation"]["vat_number"] = "11348720961"
        (problem,) = validate_provider(provider)
        assert problem.code == "format.it-vat-number"
        assert "«Partita IVA»" in problem.message.it
        assert "cifra di controllo" in problem.message.it
        assert "“VAT number”" in problem.message.en

    def test_required_points_at_the_missing_field(self, provider: dict[str, Any]) -> None:
        """A missing field's pointer is the field itself, and its title is named."""
        del provider["spaces"][0]["address"]["istat_code"]
        (problem,) = validate_provider(provider)
        assert (problem.pointer, problem.code) == ("/spaces/0/address/istat_code", "required")
        assert "Codice ISTAT del comune" in problem.message.it

    def test_unknown_fields_each_get_their_pointer(self, provider: dict[str, Any]) -> None:
        """Two unknown keys in one object are two problems, never silently dropped."""
        provider["organisation"]["fax"] = "0362 000000"
        provider["organisation"]["motto"] = "lavorare insieme"
        problems = validate_provider(provider)
        assert problems.codes() == ["unknown-field", "unknown-field"]
        assert problems.pointers() == ["/organisation/fax", "/organisation/motto"]
        assert problems.items[0].params["name"] == "fax"
        assert "Organisation" in problems.items[0].message.en

    def test_enum_message_lists_the_allowed_values(self, provider: dict[str, Any]) -> None:
        """The provider learns what to write instead."""
        provider["spaces"][0]["prices"][0]["period"] = "fortnight"
        (problem,) = validate_provider(provider)
        assert problem.code == "enum"
        assert "hour, day, week, month, year" in problem.message.en

    def test_source_is_recorded(self, provider: dict[str, Any]) -> None:
        """Each problem carries the file it was found in."""
        provider["spaces"] = []
        (problem,) = validate_provider(provider, source="domanda.json")
        assert problem.source == "domanda.json"
        assert problem.as_dict("en")["file"] == "domanda.json"


class TestBadInput:
    def test_oversize_json_is_refused_before_parsing(self) -> None:
        """A configurable byte limit; the problem states size and limit."""
        validator = SchemaValidator("provider", limits=Limits(max_bytes=100))
        (problem,) = validator.validate_json(b" " * 101 + b"{}")
        assert problem.code == "too-large"
        assert problem.params == {"size": 103, "limit": 100}

    def test_default_limit_is_one_mebibyte(self) -> None:
        """1 MiB of input is the default ceiling."""
        assert provider_validator().limits.max_bytes == 1024 * 1024
        (problem,) = validate_provider_json("[" + " " * (1024 * 1024) + "]")
        assert problem.code == "too-large"

    def test_deeply_nested_json(self) -> None:
        """Nesting beyond Python's recursion limit is a problem, not a RecursionError."""
        (problem,) = validate_provider_json("[" * 200_000 + "]" * 200_000)
        assert problem.code == "too-deep"

    def test_deeply_nested_python_data(self) -> None:
        """Data built in Python is walked without recursion, however deep."""
        deep: list[Any] = []
        node = deep
        for _ in range(100_000):
            node.append([])
            node = node[0]
        problems = validate_provider({"organisation": deep})
        assert problems.codes() == ["too-deep"]
        assert problems.pointers()[0].startswith("/organisation/0/0/")

    def test_cycle_in_python_data(self) -> None:
        """A container holding itself is refused as too deep, never looped over forever."""
        cyclic: dict[str, Any] = {}
        cyclic["organisation"] = cyclic
        assert validate_provider(cyclic).codes() == ["too-deep"]

    @pytest.mark.parametrize("text", ['{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}'])
    def test_non_finite_numbers_in_json(self, text: str) -> None:
        """JSON has no NaN or Infinity, whatever Python's decoder accepts."""
        assert validate_provider_json(text).codes() == ["not-finite"]

    def test_non_finite_numbers_in_python_data(self, provider: dict[str, Any]) -> None:
        """A NaN in data built in Python is pointed at."""
        provider["spaces"][0]["floor_area_m2"] = float("nan")
        (problem,) = validate_provider(provider)
        assert (problem.pointer, problem.code) == ("/spaces/0/floor_area_m2", "not-finite")
        assert "Superficie" in problem.message.it

    def test_huge_number_literal(self, provider: dict[str, Any]) -> None:
        """1e400 decodes to infinity, which is then refused."""
        text = json.dumps(provider).replace('"floor_area_m2": 420', '"floor_area_m2": 1e400')
        assert validate_provider_json(text).pointers() == ["/spaces/0/floor_area_m2"]

    def test_values_json_cannot_hold(self, provider: dict[str, Any]) -> None:
        """Non-string keys and arbitrary objects are problems with pointers."""
        provider["organisation"][7] = "seven"
        provider["spaces"][0]["name"] = object()
        problems = validate_provider(provider)
        assert problems.codes() == ["unsupported-value", "unsupported-value"]
        assert problems.pointers() == ["/organisation/7", "/spaces/0/name"]

    @pytest.mark.parametrize(
        ("text", "pointer"),
        [(r'{"organisation": "\ud800"}', "/organisation"), (r'{"\udfff": 1}', "/\\udfff")],
    )
    def test_unpaired_surrogates(self, text: str, pointer: str) -> None:
        """JSON escapes can spell text that is not Unicode; the pointer stays printable."""
        (problem,) = validate_provider_json(text)
        assert (problem.pointer, problem.code) == (pointer, "unsupported-value")
        problem.describe("en").encode("utf-8")

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            (b"\xff\xfe{}", "not-json"),
            (b"", "not-json"),
            (b'{"a": 1,}', "not-json"),
            ('{"a": 1, "a": 2}', "duplicate-key"),
            (b"\xef\xbb\xbf{}", "required"),  # a UTF-8 byte order mark is tolerated
        ],
    )
    def test_malformed_input(self, data: bytes | str, code: str) -> None:
        """Each kind of malformed input maps to its code."""
        assert code in validate_provider_json(data).codes()

    def test_not_json_says_where(self) -> None:
        """The line and column of the first syntax error are in the message."""
        (problem,) = validate_provider_json('{\n  "organisation": ,\n}')
        assert "line 2, column 19" in problem.message.en
        assert "riga 2, colonna 19" in problem.message.it

    @pytest.mark.parametrize("doc", [None, 42, "text", [], True])
    def test_wrong_top_level_type(self, doc: object) -> None:
        """Anything but an object is one ``type`` problem at the root."""
        problems = validate_provider(doc)
        assert problems.codes() == ["type"]
        assert problems.pointers() == [""]

    def test_problem_count_is_capped(self) -> None:
        """A document with thousands of faults reports at most ``max_problems``."""
        validator = SchemaValidator("provider", limits=Limits(max_problems=5))
        doc = {f"unknown_{i}": i for i in range(1000)}
        assert len(validator.validate(doc)) == 5


class TestValidator:
    def test_check_raises_the_library_error(self) -> None:
        """``check`` raises ``DocumentInvalid``, a ``ValueError`` and a ``CoworkregError``."""
        with pytest.raises(DocumentInvalid) as caught:
            provider_validator().check({}, what="domanda")
        assert isinstance(caught.value, ValueError)
        assert isinstance(caught.value, CoworkregError)
        assert caught.value.what == "domanda"
        assert set(caught.value.problems.codes()) == {"required"}

    def test_shared_validator_is_built_once(self) -> None:
        """The provider validator is reused, not rebuilt per call."""
        assert provider_validator() is provider_validator()

    def test_is_valid_never_raises(self) -> None:
        """Even data the compiled validator cannot read yields a plain False."""
        validator = provider_validator()
        assert validator.is_valid({1: object()}) is False

    def test_other_shipped_schemas_work_too(self) -> None:
        """The validator is not tied to providers: the town schema validates as well."""
        town = SchemaValidator("town")
        assert town.validate({"id": "seregno"}).codes()


class TestSchema:
    def test_is_a_valid_draft_2020_12_schema(self) -> None:
        """The provider schema passes the 2020-12 meta-schema and has an id and version."""
        schema = load_schema("provider")
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"] == "urn:coworkreg:schema:provider:1"
        assert schema["x-version"]

    def test_every_field_has_both_titles(self) -> None:
        """A form generator can label every field in Italian and English."""
        schema = load_schema("provider")
        untitled: list[str] = []

        def walk(path: list[str | int]) -> None:
            node = subschema_at(schema, path)
            assert node is not None
            if not (node.get("title") and node.get("x-title-en")):
                untitled.append("/" + "/".join(map(str, path)))
            for key in node.get("properties", {}):
                walk([*path, key])
            if isinstance(node.get("items"), dict):
                walk([*path, 0])

        walk([])
        assert untitled == []

    def test_the_keys_rules_are_written_against_exist(self) -> None:
        """Keys other parts rely on stay where they are."""
        schema = load_schema("provider")
        paths: list[list[str | int]] = [
            ["organisation", "startup_special_section"],
            ["organisation", "runts", "section"],
            ["spaces", 0, "address", "istat_code"],
            ["spaces", 0, "services", "connectivity", "download_mbps"],
            ["spaces", 0, "services", "childcare", "capacity"],
            ["spaces", 0, "opening_hours", "monday", 0, "opens"],
            ["spaces", 0, "accessibility", "step_free_access"],
            ["declarations", 0, "text_version"],
            ["insurance", "valid_until"],
            ["attachments", 0, "sha256"],
        ]
        for path in paths:
            assert subschema_at(schema, path) is not None, path
