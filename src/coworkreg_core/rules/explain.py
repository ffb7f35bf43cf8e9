"""Verdicts and rule sets as text a person reads, or as JSON, in Italian or English."""

from __future__ import annotations

from typing import Any

from coworkreg_core.i18n import DEFAULT_LANG, Lang, Text
from coworkreg_core.rules.ruleset import ResolvedRuleSet, RuleSet
from coworkreg_core.rules.text import show
from coworkreg_core.rules.verdict import Verdict

DECISIONS = {
    "eligible": Text(it="ISCRIVIBILE", en="ELIGIBLE"),
    "not_eligible": Text(it="NON ISCRIVIBILE", en="NOT ELIGIBLE"),
    "undecided": Text(it="DA DECIDERE (dati mancanti)", en="UNDECIDED (data missing)"),
}
OUTCOMES = {
    "pass": Text(it="soddisfatta", en="pass"),
    "fail": Text(it="NON soddisfatta", en="FAIL"),
    "not_applicable": Text(it="non si applica", en="not applicable"),
    "undecidable": Text(it="non decidibile", en="undecidable"),
}
_MARKS = {"pass": "+", "fail": "x", "not_applicable": "-", "undecidable": "?"}
_WORDS = {
    "rules": Text(it="Regole di", en="Rules of"),
    "on": Text(it="al", en="on"),
    "kind": Text(it="domanda", en="application"),
    "verdict": Text(it="Esito", en="Verdict"),
    "read": Text(it="valori letti", en="values read"),
    "missing": Text(it="mancano", en="missing"),
    "params": Text(it="parametri", en="parameters"),
    "from": Text(it="dal", en="from"),
    "disabled": Text(it="Regole non applicate", en="Rules not applied"),
    "parameters": Text(it="Parametri", en="Parameters"),
    "space": Text(it="spazio", en="space"),
    "when": Text(it="si applica se", en="applies when"),
    "condition": Text(it="condizione", en="condition"),
    "kinds": Text(it="domande", en="applications"),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key].get(lang)


def format_verdict(verdict: Verdict, lang: Lang = DEFAULT_LANG) -> str:
    """The verdict and every rule's outcome, grounds and reference, one block per rule."""
    lines = [
        f"{_w('rules', lang)} {verdict.town} {verdict.version}, {_w('on', lang)} "
        f"{verdict.on.isoformat()}, {_w('kind', lang)} {verdict.kind}",
        f"{_w('verdict', lang)}: {DECISIONS[verdict.decision].get(lang)}",
        "",
    ]
    for result in verdict.results:
        where = f" [{_w('space', lang)} {result.space}]" if result.space else ""
        lines.append(
            f"[{_MARKS[result.outcome]}] {result.rule_id}{where}: {result.title.get(lang)} "
            f"({OUTCOMES[result.outcome].get(lang)}, {result.severity})"
        )
        if result.outcome in {"fail", "undecidable"}:
            lines.append(f"    {result.message.get(lang)}")
        lines.append(f"    {result.reference.describe(lang)}")
        if result.values:
            shown = ", ".join(f"{k}={_short(v, lang)}" for k, v in result.values.items())
            lines.append(f"    {_w('read', lang)}: {shown}")
        if result.missing:
            lines.append(f"    {_w('missing', lang)}: {', '.join(result.missing)}")
        if result.parameters:
            shown = ", ".join(
                f"{name}={show(p.value, lang)} ({_w('from', lang)} {p.effective.isoformat()})"
                for name, p in result.parameters.items()
            )
            lines.append(f"    {_w('params', lang)}: {shown}")
    if verdict.disabled:
        lines += ["", f"{_w('disabled', lang)}:"]
        lines += [f"  {d.id} ({d.origin.town}): {d.reason.get(lang)}" for d in verdict.disabled]
    return "\n".join(lines)


def _short(value: Any, lang: Lang) -> str:
    """A value read, cut short: an explanation names the value, it does not dump it."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return f"[{len(value)} …]"
    text = show(value, lang)
    return text if len(text) <= 60 else text[:57] + "…"


def format_ruleset(ruleset: RuleSet, resolved: ResolvedRuleSet, lang: Lang = DEFAULT_LANG) -> str:
    """The rules in force on a date with their origin, then the parameters and disabled rules."""
    title = f" — {ruleset.title.get(lang)}" if ruleset.title else ""
    lines = [
        f"{_w('rules', lang)} {ruleset.town} {ruleset.version}{title}",
        f"{_w('on', lang)} {resolved.on.isoformat()}: "
        + " <- ".join(origin.describe() for origin in ruleset.files),
        "",
    ]
    for rule in resolved.rules:
        lines.append(f"{rule.id}: {rule.title.get(lang)} [{rule.severity}, {rule.applies_to}]")
        lines.append(f"    {rule.reference.describe(lang)}")
        lines.append(f"    {rule.origin.describe()}")
        if rule.when is not None:
            lines.append(f"    {_w('when', lang)}: {rule.when.source}")
        lines.append(f"    {_w('condition', lang)}: {rule.condition.source}")
        if len(rule.kinds) < 3:
            lines.append(f"    {_w('kinds', lang)}: {', '.join(rule.kinds)}")
    lines += ["", f"{_w('parameters', lang)}:"]
    for name, value in resolved.parameters.items():
        reference = f"; {value.reference.describe(lang)}" if value.reference else ""
        origin = ruleset.parameters[name].origin.describe()
        lines.append(
            f"  {name} = {show(value.value, lang)} ({_w('from', lang)} "
            f"{value.effective.isoformat()}{reference}) {origin}"
        )
    if resolved.disabled:
        lines += ["", f"{_w('disabled', lang)}:"]
        for d in resolved.disabled:
            lines.append(f"  {d.id}: {d.reason.get(lang)}")
            lines.append(f"    {d.origin.describe()}; <- {d.rule_origin.describe()}")
    return "\n".join(lines)


def ruleset_as_dict(
    ruleset: RuleSet, resolved: ResolvedRuleSet, lang: Lang = DEFAULT_LANG
) -> dict[str, Any]:
    """A JSON-ready view of the rules in force on a date, with origins."""

    def origin(o: Any) -> dict[str, Any]:
        return {"town": o.town, "file": o.file, "line": o.line}

    return {
        "town": ruleset.town,
        "version": ruleset.version,
        "on": resolved.on.isoformat(),
        "files": [origin(o) for o in ruleset.files],
        "rules": [
            {
                "id": rule.id,
                "title": rule.title.get(lang),
                "severity": rule.severity,
                "applies_to": rule.applies_to,
                "kinds": list(rule.kinds),
                "when": rule.when.source if rule.when else None,
                "condition": rule.condition.source,
                "reference": rule.reference.as_dict(lang),
                "origin": origin(rule.origin),
            }
            for rule in resolved.rules
        ],
        "parameters": {
            name: {
                "value": value.value,
                "effective": value.effective.isoformat(),
                "reference": value.reference.as_dict(lang) if value.reference else None,
                "origin": origin(ruleset.parameters[name].origin),
            }
            for name, value in resolved.parameters.items()
        },
        "disabled": [
            {
                "id": d.id,
                "reason": d.reason.get(lang),
                "origin": origin(d.origin),
                "rule_origin": origin(d.rule_origin),
            }
            for d in resolved.disabled
        ],
    }
