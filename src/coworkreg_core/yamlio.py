"""YAML loading that remembers where each value came from.

Rule sets, workflow definitions and town packs are written by people, so a
mistake must be reported with its file and line. ``load_yaml`` builds plain
data (safe types only), rejects duplicate keys, which PyYAML would silently
merge, and keeps the line of every node by JSON pointer.
"""

from __future__ import annotations

from typing import Any

import yaml
from attrs import frozen

from coworkreg_core.errors import DefinitionError
from coworkreg_core.problems import pointer_from_path


@frozen
class YamlDocument:
    """Loaded data plus the 1-based line of each node, keyed by JSON pointer."""

    data: Any
    source: str
    lines: dict[str, int]

    def line_of(self, pointer: str) -> int | None:
        """The line of the node at ``pointer``, or of its nearest ancestor."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


def load_yaml(
    text: str, source: str, *, error: type[DefinitionError] = DefinitionError
) -> YamlDocument:
    """Parse ``text``; syntax errors and duplicate keys raise ``error`` with file and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise error(f"not valid YAML: {reason}", source=source, line=line) from exc
    lines: dict[str, int] = {}
    constructor = yaml.SafeLoader("")
    data = _build(root, [], lines, constructor, source, error) if root is not None else None
    return YamlDocument(data=data, source=source, lines=lines)


def _build(
    node: yaml.Node,
    path: list[str | int],
    lines: dict[str, int],
    constructor: yaml.SafeLoader,
    source: str,
    error: type[DefinitionError],
) -> Any:
    lines[pointer_from_path(path)] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
        # Collections are built here, not by PyYAML, so its safe constructor
        # never sees their tags: refuse any that is not a plain map or list.
        raise error(f"unsupported tag {node.tag}", source=source, line=node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise error(
                    "merge keys (<<) are not supported",
                    source=source,
                    line=key_node.start_mark.line + 1,
                )
            key = constructor.construct_object(key_node, deep=True)
            if key in result:
                raise error(
                    f"duplicate key {key!r}", source=source, line=key_node.start_mark.line + 1
                )
            result[key] = _build(value_node, [*path, str(key)], lines, constructor, source, error)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, [*path, index], lines, constructor, source, error)
            for index, item in enumerate(node.value)
        ]
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise error(f"bad value: {exc}", source=source, line=node.start_mark.line + 1) from exc
