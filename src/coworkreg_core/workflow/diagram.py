"""Diagrams of a definition for readers who do not read YAML: Mermaid and Graphviz DOT.

States where the term is stopped are drawn dashed, timer and automatic
transitions are labelled as such, and final states lead to the end marker.
"""

from __future__ import annotations

from coworkreg_core.i18n import DEFAULT_LANG, Lang
from coworkreg_core.workflow.definition import Transition, WorkflowDefinition


def _label(transition: Transition, lang: Lang) -> str:
    label = transition.title.get(lang)
    if transition.trigger == "timer" and transition.timer is not None:
        label += f" ⏱ {transition.timer.after_days}d"
    elif transition.trigger == "automatic":
        label += " (auto)"
    return label


def _edges(definition: WorkflowDefinition) -> list[tuple[str, str, Transition]]:
    return [
        (state.id, transition.to or state.id, transition)
        for state in definition.states.values()
        for transition in definition.exits(state.id)
    ]


def _mermaid_text(text: str) -> str:
    return text.replace('"', "'").replace(":", " -").replace(";", ",")


def to_mermaid(definition: WorkflowDefinition, lang: Lang = DEFAULT_LANG) -> str:
    """A Mermaid ``stateDiagram-v2`` of the definition."""
    lines = ["stateDiagram-v2", f"    %% {definition.id} v{definition.version}"]
    for state in definition.states.values():
        lines.append(f'    state "{_mermaid_text(state.title.get(lang))}" as {state.id}')
    lines.append(f"    [*] --> {definition.initial_state}")
    for source, target, transition in _edges(definition):
        lines.append(f"    {source} --> {target}: {_mermaid_text(_label(transition, lang))}")
    lines.extend(f"    {s.id} --> [*]" for s in definition.states.values() if s.final)
    stopped = [s.id for s in definition.states.values() if not s.clock_running]
    if stopped:
        lines.append("    classDef clockStopped stroke-dasharray: 5 5")
        lines.append(f"    class {','.join(stopped)} clockStopped")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(definition: WorkflowDefinition, lang: Lang = DEFAULT_LANG) -> str:
    """A Graphviz DOT digraph of the definition."""
    lines = [
        f'digraph "{_dot_text(definition.id)}" {{',
        "    rankdir=LR;",
        '    node [shape=box, style=rounded, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
        '    __start [shape=point, label=""];',
        f"    __start -> {definition.initial_state};",
    ]
    for state in definition.states.values():
        attrs = [f'label="{_dot_text(state.title.get(lang))}"']
        if state.final:
            attrs.append("peripheries=2")
        if not state.clock_running:
            attrs.append('style="rounded,dashed"')
        lines.append(f"    {state.id} [{', '.join(attrs)}];")
    for source, target, transition in _edges(definition):
        style = ", style=dashed" if transition.trigger != "user" else ""
        label = _dot_text(_label(transition, lang))
        lines.append(f'    {source} -> {target} [label="{label}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
