"""Merging rule files along ``extends``, then compiling the result.

Files apply from the root of the chain down: a legal source, a parameter or a
rule with the same id as an inherited one replaces it (a rule keeps its place
in the order); new ones are added; ``disable`` removes an inherited rule and
records why. A parameter replaced keeps the inherited description, unit and
reference unless it gives its own, but never the inherited dated values: a
town's thresholds are its own decision, whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from coworkreg_core.errors import RulesetError
from coworkreg_core.i18n import Text
from coworkreg_core.resources import load_schema
from coworkreg_core.rules.expressions import Scope, compile_condition
from coworkreg_core.rules.parameters import DatedValue, LegalReference, Parameter
from coworkreg_core.rules.rulefile import RuleFile
from coworkreg_core.rules.ruleset import KINDS, DisabledRule, Rule, RuleSet
from coworkreg_core.rules.schemawalk import SchemaWalker

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
_STRING = {"type": "string"}
_TOWN = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"id": _STRING, "name": _STRING, "istat_code": _STRING},
}


def merge(
    files: list[RuleFile],
    town_data: Mapping[str, str],
    functions: Mapping[str, Callable[..., object]],
) -> RuleSet:
    """The rule set of ``files`` (the town's own first, then each one it extends)."""
    return _Merger(functions).build(files, town_data)


def _value_kind(raw: Mapping[str, Any], layer: RuleFile, pointer: str) -> str:
    """The one JSON type of a parameter's values: number, string, boolean or list."""
    first = None
    for effective, entry in raw["values"].items():
        value = entry["value"] if isinstance(entry, dict) else entry
        if isinstance(value, bool):
            kind = "boolean"
        elif isinstance(value, int | float):
            kind = "number"
        else:
            kind = "list" if isinstance(value, list) else "string"
        if first is not None and kind != first:
            raise layer.error(
                f"the values of a parameter must share one type: {first} before, {kind} here",
                f"{pointer}/values/{effective}",
            )
        first = kind
    return first or "number"


class _Merger:
    """Applies the layers from the root down, then compiles the result."""

    def __init__(self, functions: Mapping[str, Callable[..., object]]) -> None:
        self.functions = functions
        self.legal: dict[str, tuple[Mapping[str, Any], RuleFile]] = {}
        self.params: dict[str, tuple[dict[str, Any], RuleFile, str]] = {}
        self.rules: dict[str, tuple[Mapping[str, Any], RuleFile, str]] = {}
        self.disabled: dict[str, DisabledRule] = {}

    def build(self, layers: list[RuleFile], town_data: Mapping[str, str]) -> RuleSet:
        for layer in reversed(layers):
            self._apply(layer)
        references = {basis: self._basis(basis) for basis in self.legal}
        parameters = {
            name: self._parameter(name, raw, layer, pointer, references)
            for name, (raw, layer, pointer) in self.params.items()
        }
        walker = SchemaWalker(load_schema("provider"))
        rules = tuple(
            self._rule(raw, layer, pointer, references, frozenset(parameters), walker)
            for raw, layer, pointer in self.rules.values()
        )
        top = layers[0]
        title = top.data.get("title")
        return RuleSet(
            town=town_data["id"],
            version=top.version,
            title=Text.of(title) if title is not None else None,
            files=tuple(layer.origin("") for layer in layers),
            rules=rules,
            parameters=parameters,
            disabled=tuple(self.disabled.values()),
            town_data=dict(town_data),
            functions=dict(self.functions),
        )

    def _apply(self, layer: RuleFile) -> None:
        data = layer.data
        for basis, raw in data.get("legal_basis", {}).items():
            self.legal[basis] = (raw, layer)
        for name, raw in data.get("parameters", {}).items():
            pointer = f"/parameters/{name}"
            kind = _value_kind(raw, layer, pointer)
            inherited = self.params.get(name)
            merged = dict(raw)
            if inherited is not None:
                was = _value_kind(inherited[0], inherited[1], inherited[2])
                if kind != was:
                    raise layer.error(
                        f"parameter {name!r} is a {was} where it is inherited from; "
                        f"here it is a {kind}, which the inherited rules cannot compare",
                        f"{pointer}/values",
                    )
                for key in ("description", "unit", "reference"):
                    if key not in merged and key in inherited[0]:
                        merged[key] = inherited[0][key]
            self.params[name] = (merged, layer, pointer)
        seen: set[str] = set()
        for index, raw in enumerate(data.get("rules", [])):
            pointer = f"/rules/{index}"
            if raw["id"] in seen:
                raise layer.error(f"rule id {raw['id']!r} appears twice in this file", pointer)
            seen.add(raw["id"])
            self.disabled.pop(raw["id"], None)
            self.rules[raw["id"]] = (raw, layer, pointer)
        for rule_id, reason in data.get("disable", {}).items():
            pointer = f"/disable/{rule_id}"
            if rule_id not in self.rules:
                raise layer.error(f"disables rule {rule_id!r}, which no extended file has", pointer)
            _, rule_layer, rule_pointer = self.rules.pop(rule_id)
            self.disabled[rule_id] = DisabledRule(
                rule_id, Text.of(reason), layer.origin(pointer), rule_layer.origin(rule_pointer)
            )

    def _basis(self, basis: str) -> LegalReference:
        raw, _ = self.legal[basis]
        return LegalReference(basis, Text.of(raw["title"]), raw.get("article"), raw.get("url"))

    def _reference(
        self, raw: Any, layer: RuleFile, pointer: str, references: Mapping[str, LegalReference]
    ) -> LegalReference:
        basis, article = (raw, None) if isinstance(raw, str) else (raw["basis"], raw.get("article"))
        if basis not in references:
            known = ", ".join(sorted(references)) or "none"
            raise layer.error(
                f"reference to unknown legal_basis {basis!r} (known: {known})", pointer
            )
        found = references[basis]
        return (
            found if article is None else LegalReference(found.id, found.title, article, found.url)
        )

    def _parameter(
        self,
        name: str,
        raw: Mapping[str, Any],
        layer: RuleFile,
        pointer: str,
        references: Mapping[str, LegalReference],
    ) -> Parameter:
        default = raw.get("reference")
        values = []
        for effective, entry in sorted(raw["values"].items()):
            value_pointer = f"{pointer}/values/{effective}"
            try:
                day = date.fromisoformat(effective)
            except ValueError:
                raise layer.error(f"{effective!r} is not a date", value_pointer) from None
            long_form = isinstance(entry, dict)
            ref = entry.get("reference", default) if long_form else default
            values.append(
                DatedValue(
                    effective=day,
                    value=entry["value"] if long_form else entry,
                    reference=self._reference(ref, layer, value_pointer, references)
                    if ref is not None
                    else None,
                )
            )
        description = raw.get("description")
        return Parameter(
            name=name,
            values=tuple(values),
            # The line of the first dated value: where a reader looks for what applies when.
            origin=layer.origin(f"{pointer}/values"),
            description=Text.of(description) if description is not None else None,
            unit=raw.get("unit"),
        )

    def _rule(
        self,
        raw: Mapping[str, Any],
        layer: RuleFile,
        pointer: str,
        references: Mapping[str, LegalReference],
        parameters: frozenset[str],
        walker: SchemaWalker,
    ) -> Rule:
        applies_to = raw.get("applies_to", "provider")
        roots: dict[str, Mapping[str, Any] | None] = {
            "provider": walker.root,
            "params": None,
            "on": _STRING,
            "kind": _STRING,
            "town": _TOWN,
        }
        if applies_to == "space":
            roots["space"] = walker.definition("space")
        scope = Scope(roots, parameters, frozenset(self.functions), walker)
        compiled = {}
        for key in ("when", "condition"):
            if key in raw:
                try:
                    compiled[key] = compile_condition(raw[key], scope)
                except RulesetError as exc:
                    raise layer.error(
                        f"rule {raw['id']!r}: {exc.reason}", f"{pointer}/{key}"
                    ) from None
        rule = Rule(
            id=raw["id"],
            title=Text.of(raw["title"]),
            reference=self._reference(raw["reference"], layer, f"{pointer}/reference", references),
            condition=compiled["condition"],
            severity=raw["severity"],
            message=Text.of(raw["message"]),
            origin=layer.origin(pointer),
            applies_to=applies_to,
            kinds=tuple(raw.get("kinds", KINDS)),
            when=compiled.get("when"),
            valid_from=date.fromisoformat(raw["valid_from"]) if "valid_from" in raw else None,
            valid_until=date.fromisoformat(raw["valid_until"]) if "valid_until" in raw else None,
        )
        if rule.valid_from and rule.valid_until and rule.valid_until < rule.valid_from:
            raise layer.error(
                f"rule {rule.id!r} ends ({rule.valid_until}) before it starts ({rule.valid_from})",
                f"{pointer}/valid_until",
            )
        self._check_placeholders(rule, layer, pointer, parameters)
        return rule

    @staticmethod
    def _check_placeholders(
        rule: Rule, layer: RuleFile, pointer: str, parameters: frozenset[str]
    ) -> None:
        allowed = {".".join(path) for path in rule.paths}
        allowed |= {f"params.{name}" for name in parameters}
        if rule.applies_to == "space":
            allowed |= {"space.id", "space.name"}
        for text in (rule.message.it, rule.message.en):
            for name in _PLACEHOLDER.findall(text):
                if name not in allowed:
                    raise layer.error(
                        f"rule {rule.id!r}: message placeholder {{{name}}} names neither a "
                        "parameter nor a value the rule reads",
                        f"{pointer}/message",
                    )
