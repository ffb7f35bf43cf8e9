"""One rule file, read and validated against ``schemas/ruleset.schema.json``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import jsonschema
import jsonschema.exceptions
from attrs import frozen

from coworkreg_core.errors import RulesetError
from coworkreg_core.resources import load_schema
from coworkreg_core.rules.parameters import Origin
from coworkreg_core.yamlio import YamlDocument, load_yaml


@frozen
class RuleFile:
    """One rule file, read and validated: its town, version and data with lines."""

    town: str
    version: str
    doc: YamlDocument

    @property
    def data(self) -> dict[str, Any]:
        """The file's content, dates as ISO strings."""
        data: dict[str, Any] = self.doc.data
        return data

    def origin(self, pointer: str) -> Origin:
        """Where the node at ``pointer`` was written."""
        return Origin(self.town, self.doc.source, self.doc.line_of(pointer))

    def error(self, reason: str, pointer: str) -> RulesetError:
        """An error about the node at ``pointer``, with this file and its line."""
        return RulesetError(reason, source=self.doc.source, line=self.doc.line_of(pointer))


def _iso_dates(value: Any) -> Any:
    """YAML reads ``2025-01-01`` as a date; the schema and merge work on ISO strings."""
    if isinstance(value, dict):
        return {_iso_dates(k): _iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso_dates(v) for v in value]
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def read_rules_file(text: str, source: str) -> RuleFile:
    """Parse and validate one rule file; the first problem raises with its line."""
    raw = load_yaml(text, source, error=RulesetError)
    doc = YamlDocument(data=_iso_dates(raw.data), source=source, lines=raw.lines)
    if not isinstance(doc.data, dict):
        raise RulesetError("a rule file must be a mapping", source=source, line=1)
    validator = jsonschema.Draft202012Validator(load_schema("ruleset"))
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc.data))
    if error is not None:
        pointer = "".join(f"/{part}" for part in error.absolute_path)
        reason = error.message
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            extra = [key for key in error.instance if key not in known]
            if extra:
                pointer = f"{pointer}/{extra[0]}"
                reason = f"unknown key {extra[0]!r} (known: {', '.join(known)})"
        where = pointer or "/"
        raise RulesetError(f"{where}: {reason}", source=source, line=doc.line_of(pointer))
    return RuleFile(town=doc.data["town"], version=doc.data["version"], doc=doc)
