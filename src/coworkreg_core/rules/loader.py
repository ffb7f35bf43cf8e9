"""Loading a town's rule set: read, validate, follow ``extends``, merge, compile.

Every mistake a person can make in a rule file is caught here, with the file
and line: bad YAML, keys the schema does not know, a reference to no legal
source, an ``extends`` that loops or names a version that is not there, a
condition that does not compile or names an unknown field, parameter or
function, a message placeholder that has nothing to fill it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import jsonschema
import jsonschema.exceptions
from attrs import frozen

from coworkreg_core.errors import RulesetError, TownNotFound, TownPackError
from coworkreg_core.i18n import Text
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.resources import load_schema
from coworkreg_core.rules.expressions import Scope, compile_condition
from coworkreg_core.rules.functions import rule_functions
from coworkreg_core.rules.parameters import DatedValue, LegalReference, Origin, Parameter
from coworkreg_core.rules.reads import SchemaWalker
from coworkreg_core.rules.ruleset import KINDS, DisabledRule, Rule, RuleSet
from coworkreg_core.towns import Towns
from coworkreg_core.yamlio import YamlDocument, load_yaml

if TYPE_CHECKING:
    import pluggy

RULES_FILE = "rules.yaml"
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
_STRING = {"type": "string"}
_TOWN = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"id": _STRING, "name": _STRING, "istat_code": _STRING},
}


@frozen
class _Layer:
    """One rule file, read and validated."""

    town: str
    version: str
    doc: YamlDocument

    @property
    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.doc.data
        return data

    def origin(self, pointer: str) -> Origin:
        return Origin(self.town, self.doc.source, self.doc.line_of(pointer))

    def error(self, reason: str, pointer: str) -> RulesetError:
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


def read_rules_file(text: str, source: str) -> _Layer:
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
    return _Layer(town=doc.data["town"], version=doc.data["version"], doc=doc)


def version_matches(wanted: str, actual: str) -> bool:
    """``"1"`` accepts 1.x.y, ``"1.2"`` accepts 1.2.y, ``"1.2.3"`` only itself."""
    want = wanted.split(".")
    return actual.split(".")[: len(want)] == want


def _load_chain(town: str, towns: Towns) -> list[_Layer]:
    """The town's rule file, then the one it extends, and so on."""
    layers: list[_Layer] = []
    current, asked_by = town, None
    while True:
        try:
            resource = towns.resource(current, RULES_FILE)
        except (TownNotFound, TownPackError) as exc:
            if asked_by is None:
                raise
            raise asked_by.error(f"extends: {exc}", "/extends/town") from None
        if resource is None:
            reason = f"town {current!r} has no {RULES_FILE} in its pack or the packs it extends"
            if asked_by is None:
                raise RulesetError(reason)
            raise asked_by.error(f"extends: {reason}", "/extends/town")
        layer = read_rules_file(resource.read_text(encoding="utf-8"), str(resource))
        if asked_by is not None:
            wanted = asked_by.data["extends"]["version"]
            if not version_matches(wanted, layer.version):
                raise asked_by.error(
                    f"extends {current!r} version {wanted}, "
                    f"but its rules are version {layer.version}",
                    "/extends/version",
                )
        if any(seen.town == layer.town for seen in layers):
            cycle = " -> ".join([*(seen.town for seen in layers), layer.town])
            raise layers[-1].error(f"cycle in extends: {cycle}", "/extends/town")
        layers.append(layer)
        extends = layer.data.get("extends")
        if extends is None:
            return layers
        current, asked_by = extends["town"], layer


def load_ruleset(
    town: str,
    *,
    pm: pluggy.PluginManager | None = None,
    towns: Towns | None = None,
    functions: Mapping[str, Callable[..., object]] | None = None,
) -> RuleSet:
    """Load, merge and compile the rules of ``town`` (an id, or a pack directory).

    :param pm: the plugin manager for town packs and rule functions; a fresh
        one by default.
    :param towns: the town packs, when already at hand.
    :param functions: the rule functions, when already at hand.
    """
    if towns is None or functions is None:
        if pm is None:
            pm = get_plugin_manager()
        towns = towns if towns is not None else Towns.from_plugins(pm)
        functions = functions if functions is not None else rule_functions(pm)
    layers = _load_chain(town, towns)
    pack = towns.get(town)
    town_data = {"id": pack.id, "name": pack.name, "istat_code": pack.istat_code}
    return _Merger(functions).build(layers, town_data)


class _Merger:
    """Applies the layers from the root down, then compiles the result."""

    def __init__(self, functions: Mapping[str, Callable[..., object]]) -> None:
        self.functions = functions
        self.legal: dict[str, tuple[Mapping[str, Any], _Layer]] = {}
        self.params: dict[str, tuple[dict[str, Any], _Layer, str]] = {}
        self.rules: dict[str, tuple[Mapping[str, Any], _Layer, str]] = {}
        self.disabled: dict[str, DisabledRule] = {}

    def build(self, layers: list[_Layer], town_data: Mapping[str, str]) -> RuleSet:
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

    def _apply(self, layer: _Layer) -> None:
        data = layer.data
        for basis, raw in data.get("legal_basis", {}).items():
            self.legal[basis] = (raw, layer)
        for name, raw in data.get("parameters", {}).items():
            inherited = self.params.get(name)
            merged = dict(raw)
            if inherited is not None:
                for key in ("description", "unit", "reference"):
                    if key not in merged and key in inherited[0]:
                        merged[key] = inherited[0][key]
            self.params[name] = (merged, layer, f"/parameters/{name}")
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
        self, raw: Any, layer: _Layer, pointer: str, references: Mapping[str, LegalReference]
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
        layer: _Layer,
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
        layer: _Layer,
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
        self._check_placeholders(rule, layer, pointer, parameters)
        return rule

    @staticmethod
    def _check_placeholders(
        rule: Rule, layer: _Layer, pointer: str, parameters: frozenset[str]
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
