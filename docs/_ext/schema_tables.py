"""The JSON Schemas as tables: one row per field, with its Italian and English titles.

Generated from the shipped schemas at build time, so the reference cannot
drift from the files the validator uses.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from coworkreg_core.resources import load_schema, schema_names

MAX_DEPTH = 8


def _resolve(root: Mapping[str, Any], node: Mapping[str, Any]) -> tuple[dict[str, Any], str | None]:
    """``node`` with a local ``$ref`` followed, the referring node's keys winning."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return dict(node), None
    name = ref.removeprefix("#/$defs/")
    target, _ = _resolve(root, root["$defs"][name])
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, name


def _kind(node: Mapping[str, Any]) -> str:
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    if "const" in node:
        return f"`{node['const']}`"
    kind = node.get("type")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    extra = node.get("format") or ("pattern" if "pattern" in node else None)
    if kind is None and ("oneOf" in node or "anyOf" in node):
        kind = "one of several shapes"
    return f"{kind or 'any'}" + (f" ({extra})" if extra else "")


def rows(name: str) -> Iterator[tuple[str, str, bool, str, str, str]]:
    """``(pointer, type, required, Italian title, English title, notes)`` for each field."""
    root = load_schema(name)
    yield from _walk(root, root, "", frozenset(), 0, required=True)


def _walk(
    root: Mapping[str, Any],
    raw: Mapping[str, Any],
    pointer: str,
    seen: frozenset[str],
    depth: int,
    *,
    required: bool,
) -> Iterator[tuple[str, str, bool, str, str, str]]:
    node, ref = _resolve(root, raw)
    if ref is not None and ref in seen:  # a recursive definition: shown once
        return
    seen = seen | {ref} if ref else seen
    if pointer:
        notes = []
        if node.get("x-personal-data"):
            notes.append("personal data: never published")
        if "x-description-en" in node:
            notes.append(node["x-description-en"])
        yield (
            pointer,
            _kind(node),
            required,
            node.get("title", ""),
            node.get("x-title-en", ""),
            " ".join(notes),
        )
    if depth >= MAX_DEPTH:
        return
    needed = set(node.get("required", ()))
    for key, child in node.get("properties", {}).items():
        yield from _walk(root, child, f"{pointer}/{key}", seen, depth + 1, required=key in needed)
    if isinstance(node.get("additionalProperties"), Mapping):
        child = node["additionalProperties"]
        yield from _walk(root, child, f"{pointer}/{{name}}", seen, depth + 1, required=False)
    if isinstance(node.get("items"), Mapping):
        yield from _walk(root, node["items"], f"{pointer}/[]", seen, depth + 1, required=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def schema_page(name: str) -> str:
    """A MyST page for schema ``name``."""
    schema = load_schema(name)
    lines = [
        f"# `{name}.schema.json`",
        "",
        f"**{schema.get('x-title-en', name)}** — *{schema.get('title', '')}*",
        "",
        schema.get("x-description-en", ""),
        "",
        f"Identifier `{schema.get('$id', '')}`, version {schema.get('x-version', '-')}. "
        f"Load it with `coworkreg_core.resources.load_schema({name!r})`.",
        "",
        "`[]` stands for each item of a list, `{name}` for each key of a mapping.",
        "",
        "| field | titolo / *title* | required | type | notes |",
        "|---|---|---|---|---|",
    ]
    for pointer, kind, required, title_it, title_en, notes in rows(name):
        title = f"{_cell(title_it)} / *{_cell(title_en)}*" if title_en else _cell(title_it)
        lines.append(
            f"| `{pointer}` | {title} | {'yes' if required else ''} "
            f"| {_cell(kind)} | {_cell(notes)} |"
        )
    return "\n".join(lines) + "\n"


def all_pages() -> dict[str, str]:
    """Every shipped schema's page, by schema name."""
    return {name: schema_page(name) for name in schema_names()}
