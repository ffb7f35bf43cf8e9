"""Cost per transition and per new instance: coworkreg against transitions and python-statemachine.

All variants run the same 8-state, 9-transition procedure (draft, submitted,
under_review, integration_requested, approved, rejected, suspended, cancelled)
with one role guard per transition and a history, along the same 8-step path,
on the same objects. Repeats are round-robin (each repeat runs every variant
once) and the figures are medians, so a slow phase of the machine is shared.

    .venv/bin/python bench/bench_workflow.py [--objects 1000] [--repeats 7]

Needs the ``bench`` dependency group: ``pip install transitions python-statemachine``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures

from coworkreg_core.workflow import Actor, WorkflowBuilder, fire, new_instance

STATES = [
    "draft",
    "submitted",
    "under_review",
    "integration_requested",
    "approved",
    "rejected",
    "suspended",
    "cancelled",
]
# (transition, source, target, role allowed)
TRANSITIONS = [
    ("submit", "draft", "submitted", "applicant"),
    ("take_in_charge", "submitted", "under_review", "reviewer"),
    ("request_integration", "under_review", "integration_requested", "reviewer"),
    ("provide_integration", "integration_requested", "under_review", "applicant"),
    ("approve", "under_review", "approved", "manager"),
    ("refuse", "under_review", "rejected", "manager"),
    ("suspend", "approved", "suspended", "manager"),
    ("reinstate", "suspended", "approved", "manager"),
    ("cancel", "approved", "cancelled", "manager"),
]
PATH = [
    "submit",
    "take_in_charge",
    "request_integration",
    "provide_integration",
    "approve",
    "suspend",
    "reinstate",
    "cancel",
]
ROLE_OF = {name: role for name, _s, _t, role in TRANSITIONS}
ROLE_FOR_STEP = [ROLE_OF[step] for step in PATH]


class Application:
    """The domain object the third-party machines are bound to."""

    def __init__(self) -> None:
        self.acting_role = ""
        self.history: list[tuple[str, str, str, float]] = []
        self.state = "draft"

    def allowed(self, *args: object, **kwargs: object) -> bool:
        return self.acting_role in ("applicant", "reviewer", "manager")


# --- hand-written dict table: the floor --------------------------------------------------
TABLE = {(src, name): (dst, role) for name, src, dst, role in TRANSITIONS}


def plain(objects: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    apps = [Application() for _ in range(objects)]
    t1 = time.perf_counter()
    for app in apps:
        for step, role in zip(PATH, ROLE_FOR_STEP, strict=True):
            dst, wanted = TABLE[(app.state, step)]
            if wanted != role:
                raise AssertionError(step)
            app.history.append((step, app.state, dst, time.time()))
            app.state = dst
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


# --- transitions (pytransitions) ---------------------------------------------------------
def _transitions_config() -> list[dict[str, object]]:
    return [
        {"trigger": n, "source": s, "dest": d, "conditions": "allowed"}
        for n, s, d, _r in TRANSITIONS
    ]


def _record(event: object) -> None:
    e = event  # transitions.EventData
    e.model.history.append(  # type: ignore[attr-defined]
        (e.event.name, e.transition.source, e.transition.dest, time.time())  # type: ignore[attr-defined]
    )


def pytransitions(objects: int) -> tuple[float, float]:
    from transitions import Machine

    config = _transitions_config()
    t0 = time.perf_counter()
    apps = []
    for _ in range(objects):
        app = Application()
        Machine(
            model=app,
            states=STATES,
            transitions=config,
            initial="draft",
            auto_transitions=False,
            send_event=True,
            after_state_change=_record,
        )
        apps.append(app)
    t1 = time.perf_counter()
    for app in apps:
        for step, role in zip(PATH, ROLE_FOR_STEP, strict=True):
            app.acting_role = role
            if not getattr(app, step)():
                raise AssertionError(step)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


# --- python-statemachine -----------------------------------------------------------------
def _statemachine_class() -> type:
    from statemachine import State, StateMachine

    finals = ("rejected", "cancelled")
    states = {
        name: State(name, initial=(name == "draft"), final=(name in finals)) for name in STATES
    }
    namespace: dict[str, object] = dict(states)
    for name, src, dst, _role in TRANSITIONS:
        namespace[name] = states[src].to(states[dst], cond="allowed")

    def after_transition(self: object, event: str, source: object, target: object) -> None:
        self.model.history.append((event, source.id, target.id, time.time()))  # type: ignore[attr-defined]

    namespace["after_transition"] = after_transition
    return type("Procedure", (StateMachine,), namespace)


def statemachine(objects: int, machine_class: type) -> tuple[float, float]:
    t0 = time.perf_counter()
    pairs = []
    for _ in range(objects):
        app = Application()
        pairs.append((app, machine_class(model=app, state_field="sm_state")))
    t1 = time.perf_counter()
    for app, machine in pairs:
        for step, role in zip(PATH, ROLE_FOR_STEP, strict=True):
            app.acting_role = role
            machine.send(step)
    t2 = time.perf_counter()
    if pairs and pairs[0][0].history[-1][0] != "cancel":
        raise AssertionError("python-statemachine did not finish the path")
    return t1 - t0, t2 - t1


# --- coworkreg ---------------------------------------------------------------------------
def _coworkreg_definition(full: bool) -> object:
    builder = WorkflowBuilder(
        "bench",
        1,
        roles=["applicant", "reviewer", "manager"],
        permissions=["act"],
        owner_role="applicant",
    )
    for state in STATES:
        final = state in ("rejected", "cancelled")
        builder.state(state, final=final, permissions={"act": ["applicant", "reviewer", "manager"]})
    payload = {
        "properties": {"comment": {"type": "string", "maxLength": 2000}},
        "additionalProperties": False,
    }
    for name, src, dst, role in TRANSITIONS:
        if full:
            builder.transition(
                name, source=[src], to=dst, roles=[role], permissions=["act"], payload=payload
            )
        else:
            builder.transition(name, source=[src], to=dst, roles=[role])
    return builder.build()


ACTORS = {
    "applicant": Actor("owner"),
    "reviewer": Actor("rev", roles={"reviewer"}),
    "manager": Actor("boss", roles={"manager"}),
}


def coworkreg(objects: int, definition: object) -> tuple[float, float]:
    now = datetime(2026, 11, 2, 9, tzinfo=UTC)
    t0 = time.perf_counter()
    instances = [new_instance(definition, now, owner="owner") for _ in range(objects)]  # type: ignore[arg-type]
    t1 = time.perf_counter()
    # Each step happens at its own time, as it would in an office.
    plan = [
        (step, ACTORS[role], now + timedelta(days=index + 1))
        for index, (step, role) in enumerate(zip(PATH, ROLE_FOR_STEP, strict=True))
    ]
    for instance in instances:
        history: list[object] = []
        for step, actor, when in plan:
            outcome = fire(definition, instance, step, actor, None, now=when)  # type: ignore[arg-type]
            instance = outcome.instance
            history.extend(outcome.entries)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=7)
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.objects, args.repeats = min(args.objects, 200), min(args.repeats, 3)

    machine_class = _statemachine_class()
    lean = _coworkreg_definition(full=False)
    full = _coworkreg_definition(full=True)
    variants: dict[str, Callable[[int], tuple[float, float]]] = {
        "hand-written dict table": plain,
        "transitions, Machine per object": pytransitions,
        "python-statemachine StateMachine": lambda n: statemachine(n, machine_class),
        "coworkreg (role guard, hashed history)": lambda n: coworkreg(n, lean),
        "coworkreg (role+permission guard, payload schema, hashed history)": lambda n: coworkreg(
            n, full
        ),
    }
    build: dict[str, list[float]] = {name: [] for name in variants}
    run: dict[str, list[float]] = {name: [] for name in variants}
    for variant in variants.values():  # warm-up, not measured
        variant(min(args.objects, 50))
    for _ in range(args.repeats):
        for name, variant in variants.items():
            made, fired = variant(args.objects)
            build[name].append(made * 1e6 / args.objects)
            run[name].append(fired * 1e6 / (args.objects * len(PATH)))

    def med(values: list[float]) -> float:
        return statistics.median(values)

    baseline = med(run["transitions, Machine per object"])
    print(f"{args.objects} objects x {len(PATH)} transitions, {args.repeats} round-robin repeats")
    print(f"{'variant':<68} {'us/transition':>14} {'min-max':>15} {'us/new object':>14}")
    for name in variants:
        low, high = min(run[name]), max(run[name])
        print(
            f"{name:<68} {med(run[name]):>14.2f} {low:>7.2f}-{high:<7.2f} {med(build[name]):>14.2f}"
        )
    print()
    figures: list[Figure] = []
    for name in variants:
        if name.startswith("coworkreg"):
            ours = 1e6 / med(run[name])
            for other in ("transitions, Machine per object", "python-statemachine StateMachine"):
                figures.append(Figure(name, ours, "transitions/s", other, 1e6 / med(run[other])))
            figures.append(
                Figure(
                    f"{name}: new instance",
                    med(build[name]),
                    "µs/object",
                    "transitions, Machine per object",
                    med(build["transitions, Machine per object"]),
                    higher_is_better=False,
                )
            )
            speed = baseline / med(run[name])
            psm = med(run["python-statemachine StateMachine"]) / med(run[name])
            best = min(run["transitions, Machine per object"]) / min(run[name])
            print(
                f"{name}: {speed:.1f}x faster than transitions, {psm:.1f}x than python-statemachine"
            )
            print(f"    best repeat against best repeat: {best:.1f}x faster than transitions")
            build_ratio = med(build["transitions, Machine per object"]) / med(build[name])
            print(
                f"    new instance {build_ratio:.0f}x cheaper than a transitions Machine per object"
            )
    floor = 1e6 / med(run["hand-written dict table"])
    figures.append(
        Figure(
            "transitions, Machine per object",
            1e6 / baseline,
            "transitions/s",
            "hand-written dict table",
            floor,
        )
    )
    write_figures(args.json, figures, objects=args.objects, repeats=args.repeats)


if __name__ == "__main__":
    main()
