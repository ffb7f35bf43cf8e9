"""Public entries: minimised, schema-valid, and free of personal data."""

from __future__ import annotations

import datetime as dt

import jsonschema

from coworkreg_core.publication import Publication
from coworkreg_core.resources import load_schema

from .privacy import private_values


class TestPublicEntry:
    def test_every_entry_validates_against_the_public_schema(self, entries):
        """Each example provider's entry satisfies public-entry.schema.json."""
        validator = jsonschema.Draft202012Validator(load_schema("public-entry"))
        for entry in entries:
            assert list(validator.iter_errors(entry)) == []

    def test_the_legal_representative_never_reaches_any_published_file(self, providers, entries):
        """No personal value of any provider appears in the CSV, JSON or HTML bytes."""
        publication = Publication(
            town_name="Comune di Seregno",
            ipa_code="c_i625",
            as_of=dt.date(2026, 4, 1),
            entries=entries,
        )
        files = publication.files(base_url="https://example.org/opendata/")
        secrets = set().union(*(private_values(p) for p in providers))
        assert secrets, "the examples must carry personal data for this test to mean anything"
        for name, data in files.items():
            text = data.decode("utf-8")
            leaked = sorted(s for s in secrets if s in text)
            assert leaked == [], f"{name} leaks {leaked}"

    def test_space_services_keep_their_pricing(self, providers, entries):
        """Each published service says whether it is included or charged, as filed."""
        for provider, entry in zip(providers, entries, strict=True):
            for space, public in zip(provider["spaces"], entry["spaces"], strict=True):
                assert public["services"] == {
                    kind: detail["pricing"] for kind, detail in space["services"].items()
                }
