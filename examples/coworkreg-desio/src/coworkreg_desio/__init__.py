"""Desio's town pack: Seregno's, with only what differs."""

from __future__ import annotations

from importlib.resources import files

from coworkreg_core import TownPack, hookimpl

__all__ = ["coworkreg_towns"]


@hookimpl
def coworkreg_towns() -> list[TownPack]:
    """The Desio pack, read from this package's data."""
    return [TownPack.from_directory(files(__name__) / "pack")]
