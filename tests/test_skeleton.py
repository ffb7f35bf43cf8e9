"""The package's foundations: texts, problems, schemas by name, YAML, town packs, plugins."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from coworkreg_core import hookimpl
from coworkreg_core.errors import (
    DefinitionError,
    NotFoundError,
    PluginError,
    RulesetError,
    SchemaNotFound,
    TownNotFound,
    TownPackError,
)
from coworkreg_core.i18n import Text
from coworkreg_core.plugins import BLOCK_ENV, get_plugin_manager
from coworkreg_core.problems import Problem, Problems, pointer_from_path
from coworkreg_core.resources import load_schema, schema_names
from coworkreg_core.towns import TownPack, Towns
from coworkreg_core.yamlio import load_yaml


class TestText:
    def test_italian_is_the_default(self) -> None:
        """``get()`` without a language gives Italian."""
        assert Text(it="domanda", en="application").get() == "domanda"
        assert Text(it="domanda", en="application").get("en") == "application"

    def test_format_fills_both_languages(self) -> None:
        """Placeholders are filled in each language."""
        text = Text(it="{n} postazioni", en="{n} workstations").format(n=12)
        assert text == Text(it="12 postazioni", en="12 workstations")

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("Seregno", Text(it="Seregno", en="Seregno")),
            ({"it": "rigetto", "en": "refusal"}, Text(it="rigetto", en="refusal")),
            ({"it": "rigetto"}, Text(it="rigetto", en="rigetto")),
        ],
    )
    def test_of(self, value: str | dict[str, str], expected: Text) -> None:
        """A string serves both languages; a mapping without English falls back to Italian."""
        assert Text.of(value) == expected

    def test_of_text_is_identity(self) -> None:
        """A ``Text`` passes through unchanged."""
        text = Text(it="a", en="b")
        assert Text.of(text) is text


class TestProblems:
    @pytest.mark.parametrize(
        ("path", "pointer"),
        [
            ([], ""),
            (["spaces", 0, "name"], "/spaces/0/name"),
            (["a/b", "c~d"], "/a~1b/c~0d"),
        ],
    )
    def test_pointer_from_path(self, path: list[str | int], pointer: str) -> None:
        """RFC 6901: ``~`` becomes ``~0`` and ``/`` becomes ``~1``."""
        assert pointer_from_path(path) == pointer

    def test_describe_shows_root_as_slash(self) -> None:
        """The root pointer is empty but shown as ``/``."""
        problem = Problem(pointer="", code="type", message=Text(it="no", en="no"))
        assert problem.describe() == "/: no [type]"

    def test_as_dict(self) -> None:
        """The JSON view has exactly file, pointer, code and message."""
        problem = Problem(
            pointer="/a", code="required", message=Text(it="manca", en="missing"), source="x.json"
        )
        assert problem.as_dict("en") == {
            "file": "x.json",
            "pointer": "/a",
            "code": "required",
            "message": "missing",
        }

    def test_collection(self) -> None:
        """Empty is falsy; pointers and codes keep their order."""
        assert not Problems()
        problems = Problems(
            (
                Problem(pointer="/b", code="type", message=Text.of("x")),
                Problem(pointer="/a", code="enum", message=Text.of("y")),
            )
        )
        assert problems
        assert len(problems) == 2
        assert problems.pointers() == ["/b", "/a"]
        assert problems.codes() == ["type", "enum"]
        assert [p.code for p in problems] == ["type", "enum"]
        assert problems.describe("en") == "/b: x [type]\n/a: y [enum]"


class TestResources:
    def test_names(self) -> None:
        """The provider and town schemas ship with the package."""
        assert {"provider", "town"} <= set(schema_names())

    def test_loaded_once(self) -> None:
        """Loading is cached: the same object comes back."""
        assert load_schema("provider") is load_schema("provider")
        assert load_schema("provider")["$id"] == "urn:coworkreg:schema:provider:1"

    def test_unknown_schema(self) -> None:
        """A missing name raises ``SchemaNotFound``, a ``LookupError`` listing what exists."""
        with pytest.raises(SchemaNotFound) as caught:
            load_schema("nonexistent")
        assert isinstance(caught.value, LookupError)
        assert isinstance(caught.value, NotFoundError)
        assert "provider" in caught.value.available


class TestYaml:
    def test_data_and_lines(self) -> None:
        """Values load as plain data, and each node remembers its line."""
        doc = load_yaml("id: seregno\nrules:\n  - a\n  - b\n", "town.yaml")
        assert doc.data == {"id": "seregno", "rules": ["a", "b"]}
        assert doc.line_of("/rules/1") == 4
        assert doc.line_of("/id") == 1

    def test_line_of_falls_back_to_the_nearest_ancestor(self) -> None:
        """A pointer below any node gets its closest known parent's line."""
        doc = load_yaml("a:\n  b: 1\n", "x.yaml")
        assert doc.line_of("/a/b/c/d") == 2
        assert doc.line_of("/zzz") == 1

    def test_duplicate_keys_are_errors(self) -> None:
        """PyYAML would keep the last; here the second is an error at its line."""
        with pytest.raises(DefinitionError) as caught:
            load_yaml("a: 1\nb: 2\na: 3\n", "rules.yaml")
        assert caught.value.line == 3
        assert caught.value.source == "rules.yaml"
        assert "duplicate key 'a'" in caught.value.reason

    def test_merge_keys_are_refused(self) -> None:
        """``<<`` hides where values come from, so it is not allowed."""
        with pytest.raises(DefinitionError, match="merge keys"):
            load_yaml("base: &b {x: 1}\nother:\n  <<: *b\n", "x.yaml")

    def test_syntax_errors_carry_the_line(self) -> None:
        """A broken file is reported with its line, using the caller's error class."""
        with pytest.raises(RulesetError) as caught:
            load_yaml("a: 1\nb: [unclosed\nc: 3\n", "rules.yaml", error=RulesetError)
        assert caught.value.line is not None
        assert caught.value.line >= 2
        assert str(caught.value).startswith("rules.yaml:")

    def test_unsafe_scalar_tags_are_refused(self) -> None:
        """Only safe types load: a Python tag on a value is an error, never resolved."""
        with pytest.raises(DefinitionError, match="python/name"):
            load_yaml("a: !!python/name:os.system\n", "x.yaml")

    def test_unsafe_collection_tags_are_refused(self) -> None:
        """A Python tag on a list is refused too, not silently dropped."""
        with pytest.raises(DefinitionError):
            load_yaml("a: !!python/object/apply:os.system ['true']\n", "x.yaml")

    def test_empty_document(self) -> None:
        """An empty file loads as ``None``."""
        assert load_yaml("", "empty.yaml").data is None


def write_pack(root: Path, town_yaml: str, files: Mapping[str, str] | None = None) -> Path:
    """A town pack directory with ``town.yaml`` and any other files."""
    root.mkdir(parents=True)
    (root / "town.yaml").write_text(town_yaml, encoding="utf-8")
    for name, content in (files or {}).items():
        (root / name).write_text(content, encoding="utf-8")
    return root


class TestTownPacks:
    def test_from_directory(self, tmp_path: Path) -> None:
        """``town.yaml`` gives the pack's id, name, ISTAT code and parent."""
        root = write_pack(
            tmp_path / "meda",
            "id: meda\nname: Comune di Meda\nistat_code: '108030'\nextends: seregno\n",
        )
        pack = TownPack.from_directory(root)
        assert (pack.id, pack.name, pack.istat_code, pack.extends) == (
            "meda",
            "Comune di Meda",
            "108030",
            "seregno",
        )

    def test_missing_town_file(self, tmp_path: Path) -> None:
        """A directory without ``town.yaml`` is not a pack."""
        with pytest.raises(TownPackError, match=r"town\.yaml"):
            TownPack.from_directory(tmp_path)

    def test_schema_errors_point_at_the_line(self, tmp_path: Path) -> None:
        """A bad value is reported with the file and the line it is on."""
        root = write_pack(tmp_path / "x", "id: x-town\nname: X\nistat_code: 'I625'\n")
        with pytest.raises(TownPackError) as caught:
            TownPack.from_directory(root)
        assert caught.value.line == 3
        assert caught.value.source is not None
        assert caught.value.source.endswith("town.yaml")

    def test_installed_packs_come_from_plugins(self) -> None:
        """Seregno's pack and Desio's example, which extends it, are installed."""
        towns = Towns.from_plugins(get_plugin_manager())
        assert {"seregno", "desio"} <= set(towns.ids)
        assert [p.id for p in towns.chain("desio")] == ["desio", "seregno"]

    def test_resources_fall_back_along_extends(self, tmp_path: Path) -> None:
        """A file the child lacks comes from its parent; its own file wins."""
        parent = TownPack.from_directory(
            write_pack(
                tmp_path / "seregno",
                "id: seregno\nname: S\nistat_code: '108039'\n",
                {"rules.yaml": "parent", "calendar.yaml": "parent"},
            )
        )
        child = TownPack.from_directory(
            write_pack(
                tmp_path / "lissone",
                "id: lissone\nname: L\nistat_code: '108028'\nextends: seregno\n",
                {"calendar.yaml": "child"},
            )
        )
        towns = Towns([parent, child])
        rules = towns.resource("lissone", "rules.yaml")
        calendar = towns.resource("lissone", "calendar.yaml")
        assert rules is not None
        assert calendar is not None
        assert rules.read_text(encoding="utf-8") == "parent"
        assert calendar.read_text(encoding="utf-8") == "child"
        assert towns.resource("lissone", "workflow.yaml") is None

    def test_extends_cycle(self, tmp_path: Path) -> None:
        """Two packs extending each other is an error naming the cycle."""
        a = TownPack.from_directory(
            write_pack(tmp_path / "a", "id: aa\nname: A\nistat_code: '000001'\nextends: bb\n")
        )
        b = TownPack.from_directory(
            write_pack(tmp_path / "b", "id: bb\nname: B\nistat_code: '000002'\nextends: aa\n")
        )
        with pytest.raises(TownPackError, match="aa -> bb -> aa"):
            Towns([a, b]).chain("aa")

    def test_duplicate_ids(self, tmp_path: Path) -> None:
        """Two packs may not claim the same town."""
        text = "id: aa\nname: A\nistat_code: '000001'\n"
        one = TownPack.from_directory(write_pack(tmp_path / "1", text))
        two = TownPack.from_directory(write_pack(tmp_path / "2", text))
        with pytest.raises(TownPackError, match="two packs"):
            Towns([one, two])

    def test_unknown_town(self) -> None:
        """An unknown id raises ``TownNotFound`` listing the installed ones."""
        with pytest.raises(TownNotFound) as caught:
            Towns([]).get("cesano-maderno")
        assert caught.value.town == "cesano-maderno"
        assert caught.value.available == []


class _RuleFunctions:
    @hookimpl
    def coworkreg_rule_functions(self) -> Mapping[str, Callable[..., object]]:
        return {"double": lambda x: 2 * x}


class _Misspelt:
    @hookimpl
    def coworkreg_townz(self) -> list[TownPack]:
        return []


class TestPlugins:
    def test_fresh_manager_each_time(self) -> None:
        """No global state: two calls give two managers."""
        assert get_plugin_manager(load_entrypoints=False) is not get_plugin_manager(
            load_entrypoints=False
        )

    def test_extra_plugins_are_registered(self) -> None:
        """A plugin object passed in answers its hooks."""
        pm = get_plugin_manager(load_entrypoints=False, plugins=[_RuleFunctions()])
        (functions,) = pm.hook.coworkreg_rule_functions()
        assert functions["double"](21) == 42

    def test_misspelt_hooks_fail_loudly(self) -> None:
        """An implementation matching no spec is a ``PluginError``."""
        with pytest.raises(PluginError, match="coworkreg_townz"):
            get_plugin_manager(load_entrypoints=False, plugins=[_Misspelt()])

    def test_without_entry_points_no_towns(self) -> None:
        """Town packs arrive only through plugins."""
        pm = get_plugin_manager(load_entrypoints=False)
        assert Towns.from_plugins(pm).ids == []

    def test_blocking_by_name(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A plugin can be blocked by argument or through the environment."""
        pm = get_plugin_manager()
        seregno = next(name for name, plugin in pm.list_name_plugin() if "seregno" in str(name))
        assert "seregno" not in Towns.from_plugins(get_plugin_manager(blocked=[seregno])).ids
        monkeypatch.setenv(BLOCK_ENV, f" {seregno} ,")
        assert "seregno" not in Towns.from_plugins(get_plugin_manager()).ids
