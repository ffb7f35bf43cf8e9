"""Only what the rules read: the provider cut down before it is converted to CEL.

Converting a provider to CEL values costs far more than evaluating every rule
against it (see ``bench/bench_rules.py``). The static reading of each
condition (:mod:`.reads`) lists the data paths it may touch, so the evaluator
converts only those: the rest of the document could not change any outcome.
A list a macro iterates keeps its length even where its items are not read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from attrs import frozen

from coworkreg_core.rules.expressions import Condition
from coworkreg_core.rules.schemawalk import INDEX

WHOLE: Any = "*"
"""A trie node meaning "keep everything below"."""

Trie = Any
"""``WHOLE``, or a mapping from key (or ``INDEX``) to a trie."""


def build(paths: Iterable[tuple[tuple[str, ...], bool]]) -> Trie:
    """The trie of ``(path, whole)`` pairs, each path without its root name."""
    root: Trie = {}
    for path, whole in paths:
        if root is WHOLE:
            break
        if not path:
            root = WHOLE if whole else root
            continue
        node = root
        for key in path[:-1]:
            child = node.setdefault(key, {})
            if child is WHOLE:
                break
            node = child
        else:
            if whole:
                node[path[-1]] = WHOLE
            else:
                node.setdefault(path[-1], {})
    return root


def project(value: Any, node: Trie) -> Any:
    """``value`` cut down to ``node``; anything unexpected is kept whole."""
    if node is WHOLE:
        return value
    if isinstance(value, dict):
        if INDEX in node:
            return value  # every key of a mapping: rare, and kept whole
        return {key: project(value[key], sub) for key, sub in node.items() if key in value}
    if isinstance(value, list):
        sub = node.get(INDEX)
        return value if sub is None else [project(item, sub) for item in value]
    return value


@frozen
class RuleViews:
    """What the provider environment and each space environment must hold."""

    provider: Trie
    space: Trie
    space_provider: Trie | None
    """The provider as space rules read it, or ``None`` if none does."""


def views_for(provider_conditions: list[Condition], space_conditions: list[Condition]) -> RuleViews:
    """The tries for the rules in force, from their conditions' static reading."""

    def trie(conditions: list[Condition], root: str, always: Iterable[str] = ()) -> Trie:
        if any(not c.reads.viewable for c in conditions if root in c.variables):
            return WHOLE
        paths = [
            (path[1:], whole)
            for c in conditions
            for path, whole in c.reads.views
            if path[0] == root
        ]
        return build([*paths, *(((key,), True) for key in always)])

    reads_provider = any("provider" in c.variables for c in space_conditions)
    return RuleViews(
        provider=trie(provider_conditions, "provider"),
        space=trie(space_conditions, "space", always=("id", "name")),
        space_provider=trie(space_conditions, "provider") if reads_provider else None,
    )


def project_root(document: Mapping[str, Any], node: Trie) -> Mapping[str, Any]:
    """A provider or space document cut to ``node``; a non-mapping is left as it is."""
    return project(document, node) if isinstance(document, dict) else document
