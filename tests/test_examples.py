"""The example providers: every valid one passes, every invalid one reports what it promises.

A new case is a new file: ``valid/NAME.json``, or ``invalid/NAME.<ext>`` with
``invalid/NAME.expected.json`` listing the ``pointer`` and ``code`` of each problem.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coworkreg_core.convert import parse_provider_json, unstructure_provider
from coworkreg_core.errors import DocumentInvalid
from coworkreg_core.validation import validate_provider, validate_provider_json
from coworkreg_core.validation.reference import reference_problems

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "providers"
VALID = sorted((EXAMPLES / "valid").glob("*.json"))
EXPECTED = sorted((EXAMPLES / "invalid").glob("*.expected.json"))


def _document_for(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    candidates = [
        p
        for p in expected.parent.iterdir()
        if p.name.startswith(f"{stem}.") and p != expected and p.stem == stem
    ]
    assert len(candidates) == 1, f"{expected.name} needs exactly one document beside it"
    return candidates[0]


INVALID = [(_document_for(e), e) for e in EXPECTED]


def _schema_checked(path: Path) -> bool:
    """Whether the document decodes and reaches the schema (not refused at intake)."""
    try:
        doc = json.loads(path.read_bytes())
    except ValueError:
        return False
    return not {p.code for p in validate_provider(doc)} & {"too-deep", "not-finite"}


SCHEMA_CHECKED = [path for path, _ in INVALID if _schema_checked(path)]


def test_there_are_enough_examples() -> None:
    """At least six valid providers, one per category, and a dozen invalid cases."""
    categories = {json.loads(p.read_text())["organisation"]["category"] for p in VALID}
    assert len(VALID) >= 6
    assert categories == {
        "freelancer",
        "entrepreneur",
        "innovative_startup",
        "small_firm",
        "craft_firm",
        "third_sector_body",
        "telework_employer",
    }
    assert len(INVALID) >= 12


def test_every_invalid_document_has_its_expectations() -> None:
    """No invalid document is left without an ``.expected.json`` beside it."""
    documents = {
        p for p in (EXAMPLES / "invalid").iterdir() if not p.name.endswith(".expected.json")
    }
    assert documents == {doc for doc, _ in INVALID}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
class TestValidExample:
    def test_has_no_problems(self, path: Path) -> None:
        """The fast validator finds nothing."""
        assert validate_provider_json(path.read_bytes(), source=str(path)).items == ()

    def test_reference_agrees(self, path: Path) -> None:
        """Bare jsonschema finds nothing either."""
        assert reference_problems("provider", json.loads(path.read_bytes())).items == ()

    def test_round_trips_through_the_model(self, path: Path) -> None:
        """Structuring then unstructuring gives back the same document."""
        doc = json.loads(path.read_bytes())
        assert unstructure_provider(parse_provider_json(path.read_bytes())) == doc


@pytest.mark.parametrize(("path", "expected"), INVALID, ids=lambda p: p.name)
class TestInvalidExample:
    def test_reports_exactly_the_expected_problems(self, path: Path, expected: Path) -> None:
        """Pointers and codes match the ``.expected.json``, no more and no fewer."""
        want = sorted((e["pointer"], e["code"]) for e in json.loads(expected.read_text()))
        got = sorted((p.pointer, p.code) for p in validate_provider_json(path.read_bytes()))
        assert got == want

    def test_parsing_raises_document_invalid_with_every_problem(
        self, path: Path, expected: Path
    ) -> None:
        """``parse_provider_json`` raises the library's error, carrying the same problems."""
        with pytest.raises(DocumentInvalid) as caught:
            parse_provider_json(path.read_bytes(), source=path.name)
        problems = caught.value.problems
        assert len(problems) == len(json.loads(expected.read_text()))
        assert {p.source for p in problems} == {path.name}

    def test_messages_exist_in_both_languages(self, path: Path, expected: Path) -> None:
        """Every problem speaks Italian and English, and the two differ."""
        for problem in validate_provider_json(path.read_bytes()):
            assert problem.message.it
            assert problem.message.en
            assert problem.message.it != problem.message.en


@pytest.mark.parametrize("path", SCHEMA_CHECKED, ids=lambda p: p.name)
def test_reference_agrees_on_invalid_examples(path: Path) -> None:
    """Bare jsonschema reports the same pointers and codes as the fast validator."""
    doc = json.loads(path.read_bytes())
    fast = [(p.pointer, p.code) for p in validate_provider(doc)]
    assert fast
    assert [(p.pointer, p.code) for p in reference_problems("provider", doc)] == fast
