"""Who fires a transition: an id, global roles and groups.

Local roles (an applicant is ``applicant`` only on their own application) live
on the instance, not on the actor; :func:`roles_on` joins the two.
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen


def _frozen_strings(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, frozenset):
        return value
    return frozenset(str(v) for v in value)  # type: ignore[attr-defined]


@frozen
class Actor:
    """A person or the system itself acting on an instance."""

    id: str
    roles: frozenset[str] = field(default=frozenset(), converter=_frozen_strings)
    groups: frozenset[str] = field(default=frozenset(), converter=_frozen_strings)
    system: bool = False
    """True only for the scheduler that fires automatic and timer transitions."""


SYSTEM = Actor(id="system", system=True)
"""The actor that fires automatic and timer transitions."""


def roles_on(actor: Actor, local_roles: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """The actor's global roles plus the local roles it holds on one instance."""
    local = local_roles.get(actor.id)
    return actor.roles | frozenset(local) if local else actor.roles
