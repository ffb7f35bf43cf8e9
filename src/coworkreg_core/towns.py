"""Town packs: a town's rules, procedure, calendar, templates and texts as files.

A pack is a directory with a ``town.yaml`` (validated by ``town.schema.json``)
and, by convention, ``rules.yaml``, ``workflow.yaml``, ``calendar.yaml`` and a
``templates/`` folder. A pack may name another in ``extends``: any file it
does not have is taken from the pack it extends, so a neighbouring town writes
only what differs. Plugins hand packs over through ``coworkreg_towns``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema
from attrs import frozen

from coworkreg_core.errors import TownNotFound, TownPackError
from coworkreg_core.resources import load_schema
from coworkreg_core.yamlio import load_yaml

if TYPE_CHECKING:
    import pluggy

TOWN_FILE = "town.yaml"


@frozen
class TownPack:
    """One town's pack: who the town is and where its files are."""

    id: str
    name: str
    istat_code: str
    root: Traversable
    extends: str | None = None
    ipa_code: str | None = None
    pec: str | None = None

    def own_resource(self, name: str) -> Traversable | None:
        """The pack's own file ``name`` (a relative path), if it has one."""
        node = self.root
        for part in name.split("/"):
            node = node / part
        return node if node.is_file() or node.is_dir() else None

    @classmethod
    def from_directory(cls, root: Traversable | Path) -> TownPack:
        """Read ``town.yaml`` in ``root``; a broken file raises ``TownPackError``."""
        town_file = root / TOWN_FILE
        source = str(town_file)
        if not town_file.is_file():
            raise TownPackError(f"a town pack needs a {TOWN_FILE}", source=str(root))
        doc = load_yaml(town_file.read_text(encoding="utf-8"), source, error=TownPackError)
        validator = jsonschema.Draft202012Validator(load_schema("town"))
        for problem in sorted(validator.iter_errors(doc.data), key=lambda e: list(e.path)):
            pointer = "/" + "/".join(str(p) for p in problem.absolute_path)
            raise TownPackError(problem.message, source=source, line=doc.line_of(pointer))
        data = doc.data
        return cls(
            id=data["id"],
            name=data["name"],
            istat_code=data["istat_code"],
            root=root,
            extends=data.get("extends"),
            ipa_code=data.get("ipa_code"),
            pec=data.get("pec"),
        )


class Towns:
    """The installed town packs, resolved along their ``extends`` chains."""

    def __init__(self, packs: Iterable[TownPack]) -> None:
        self._packs: dict[str, TownPack] = {}
        for pack in packs:
            if pack.id in self._packs:
                raise TownPackError(
                    f"two packs claim the town id {pack.id!r}", source=str(pack.root)
                )
            self._packs[pack.id] = pack

    @classmethod
    def from_plugins(cls, pm: pluggy.PluginManager) -> Towns:
        """Every pack that the plugins registered on ``pm`` provide."""
        return cls(pack for packs in pm.hook.coworkreg_towns() for pack in packs)

    @property
    def ids(self) -> list[str]:
        """The town ids, sorted."""
        return sorted(self._packs)

    def get(self, town: str | Path) -> TownPack:
        """The pack with id ``town``, or the pack in directory ``town``."""
        if isinstance(town, Path) or "/" in str(town) or str(town).startswith("."):
            pack = TownPack.from_directory(Path(town))
            self._packs.setdefault(pack.id, pack)
            return pack
        try:
            return self._packs[str(town)]
        except KeyError:
            raise TownNotFound(str(town), self.ids) from None

    def chain(self, town: str | Path) -> list[TownPack]:
        """The pack, then the pack it extends, and so on; a cycle is an error."""
        packs = [self.get(town)]
        while packs[-1].extends is not None:
            parent = self.get(packs[-1].extends)
            if parent in packs:
                cycle = " -> ".join(p.id for p in [*packs, parent])
                raise TownPackError(f"cycle in extends: {cycle}", source=str(packs[0].root))
            packs.append(parent)
        return packs

    def resource(self, town: str | Path, name: str) -> Traversable | None:
        """The file ``name`` from the nearest pack in the chain that has it."""
        for pack in self.chain(town):
            found = pack.own_resource(name)
            if found is not None:
                return found
        return None

    def as_mapping(self) -> Mapping[str, TownPack]:
        """A read-only view of the packs by id."""
        return dict(self._packs)
