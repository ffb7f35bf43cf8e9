"""Plugins: the hooks they may implement, how a manager finds them, and how one is blocked."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import coworkreg_core
from coworkreg_core import hookspecs
from coworkreg_core.errors import PluginError, StorageUnavailable, UnsupportedStorageURL
from coworkreg_core.hookspecs import TransitionEvent, hookimpl
from coworkreg_core.notify import Channel, Message, Receipt, channels_from_plugins
from coworkreg_core.plugins import BLOCK_ENV, DEFAULT_PLUGINS, get_plugin_manager
from coworkreg_core.render import Renderer, renderers_from_plugins
from coworkreg_core.storage import HistoryEntry, open_storage
from coworkreg_core.storage.contract import add, make_application
from coworkreg_core.storage.sqlite import SQLiteStorage

SQLITE_DEFAULT = "coworkreg_core.default_plugins.sqlite_storage"
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("coworkreg_"))


class MemoryStoragePlugin:
    """A storage plugin written here: ``memory:`` URLs give a private in-memory store."""

    def __init__(self) -> None:
        self.opened: list[str] = []

    @hookimpl
    def coworkreg_storage(self, url: str) -> SQLiteStorage | None:
        if not url.startswith("memory:"):
            return None
        self.opened.append(url)
        return SQLiteStorage(":memory:")


class RecordingChannel:
    """A channel that keeps what it is asked to send."""

    name = "recording"

    def __init__(self) -> None:
        self.sent: list[Message] = []

    def send(self, message: Message) -> Receipt:
        self.sent.append(message)
        return Receipt(self.name, message.message_id, datetime(2026, 3, 2, tzinfo=UTC), "250 ok")


class TestHookSpecs:
    """Every hook is prefixed, typed and documented."""

    def test_the_hooks_are_the_documented_set(self) -> None:
        """The public hooks, by name."""
        assert HOOKS == [
            "coworkreg_after_transition",
            "coworkreg_commands",
            "coworkreg_document_renderers",
            "coworkreg_notification_channels",
            "coworkreg_rule_functions",
            "coworkreg_storage",
            "coworkreg_towns",
        ]

    @pytest.mark.parametrize("name", HOOKS)
    def test_each_hook_documents_its_parameters(self, name: str) -> None:
        """A docstring with a ``:param x:`` line for every argument."""
        spec = getattr(hookspecs, name)
        doc = inspect.getdoc(spec) or ""
        assert doc, f"{name} has no docstring"
        for parameter in inspect.signature(spec).parameters:
            assert f":param {parameter}:" in doc

    def test_storage_stops_at_the_first_answer(self) -> None:
        """``coworkreg_storage`` is firstresult; collecting hooks are not."""
        pm = get_plugin_manager(load_entrypoints=False)
        storage_spec = pm.hook.coworkreg_storage.spec
        channels_spec = pm.hook.coworkreg_notification_channels.spec
        assert storage_spec is not None
        assert channels_spec is not None
        assert storage_spec.opts["firstresult"] is True
        assert channels_spec.opts["firstresult"] is False

    def test_hookimpl_is_exported_from_the_package_root(self) -> None:
        """Plugins write ``from coworkreg_core import hookimpl``."""
        assert coworkreg_core.hookimpl is hookimpl


class TestManager:
    """A fresh manager per caller, defaults last, misspellings refused."""

    def test_the_defaults_are_registered_by_module_name(self) -> None:
        """The SQLite back end is a plugin like any other, listed in DEFAULT_PLUGINS."""
        assert SQLITE_DEFAULT in DEFAULT_PLUGINS
        pm = get_plugin_manager(load_entrypoints=False)
        assert pm.get_plugin(SQLITE_DEFAULT) is not None

    def test_an_unknown_hook_name_is_refused(self) -> None:
        """A misspelt hook fails when the manager is built, naming the hook."""

        class Misspelt:
            @hookimpl
            def coworkreg_get_storge(self, url: str) -> None:
                return None

        with pytest.raises(PluginError, match="coworkreg_get_storge"):
            get_plugin_manager(load_entrypoints=False, plugins=[Misspelt()])

    def test_an_argument_the_hook_does_not_have_is_refused(self) -> None:
        """An implementation asking for ``uri`` instead of ``url`` is a PluginError."""

        class WrongArgument:
            @hookimpl
            def coworkreg_storage(self, uri: str) -> None:
                return None

        with pytest.raises(PluginError, match="uri"):
            get_plugin_manager(load_entrypoints=False, plugins=[WrongArgument()])


class TestStorageHook:
    """The storage for a URL comes from the first plugin that understands it."""

    def test_sqlite_urls_open_with_the_default_plugin(self, tmp_path: Path) -> None:
        """A fresh manager opens ``sqlite:///...`` with the core's SQLite back end."""
        with open_storage(f"sqlite:///{tmp_path / 'r.db'}") as storage:
            assert isinstance(storage, SQLiteStorage)
            add(storage, make_application())
            assert storage.get_application("app-1").version == 1

    def test_a_storage_plugin_written_here_is_used_for_its_scheme(self, tmp_path: Path) -> None:
        """Registered on a fresh manager, it answers ``memory:``; SQLite still answers its own."""
        plugin = MemoryStoragePlugin()
        pm = get_plugin_manager(load_entrypoints=False, plugins=[plugin])
        with open_storage("memory:", pm=pm) as storage:
            add(storage, make_application())
            assert storage.get_application("app-1").state == "submitted"
        assert plugin.opened == ["memory:"]
        with open_storage(f"sqlite:///{tmp_path / 'r.db'}", pm=pm) as storage:
            assert isinstance(storage, SQLiteStorage)
        assert plugin.opened == ["memory:"]

    def test_an_installed_plugin_wins_over_the_default(self) -> None:
        """The default is ``trylast``: a plugin answering ``sqlite:`` URLs is asked first."""

        class TakesSQLite:
            @hookimpl
            def coworkreg_storage(self, url: str) -> SQLiteStorage:
                return SQLiteStorage(":memory:", synchronous="NORMAL")

        pm = get_plugin_manager(load_entrypoints=False, plugins=[TakesSQLite()])
        with open_storage("sqlite:///never-created.db", pm=pm) as storage:
            assert isinstance(storage, SQLiteStorage)
            assert storage.path == ":memory:"
        assert not Path("never-created.db").exists()

    def test_an_unknown_scheme_names_the_registered_plugins(self) -> None:
        """UnsupportedStorageURL says which plugins were asked, and hides the password."""
        pm = get_plugin_manager(load_entrypoints=False)
        with pytest.raises(UnsupportedStorageURL) as caught:
            open_storage("mysql://clerk:s3cret@db/register", pm=pm)
        assert SQLITE_DEFAULT in caught.value.plugins
        assert "s3cret" not in str(caught.value)

    def test_blocking_the_default_by_argument(self, tmp_path: Path) -> None:
        """With the SQLite plugin blocked, nothing answers ``sqlite:`` URLs."""
        pm = get_plugin_manager(load_entrypoints=False, blocked=[SQLITE_DEFAULT])
        with pytest.raises(UnsupportedStorageURL):
            open_storage(f"sqlite:///{tmp_path / 'r.db'}", pm=pm)
        assert not (tmp_path / "r.db").exists()

    def test_blocking_through_the_environment(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``COWORKREG_DISABLE_PLUGINS`` blocks by the same names."""
        monkeypatch.setenv(BLOCK_ENV, f"someone-else, {SQLITE_DEFAULT}")
        with pytest.raises(UnsupportedStorageURL):
            open_storage(f"sqlite:///{tmp_path / 'r.db'}")

    def test_blocking_an_installed_plugin_by_its_entry_point_name(self) -> None:
        """Blocking ``postgres`` leaves ``postgresql:`` URLs to no one, without connecting."""
        pytest.importorskip("coworkreg_postgres")
        pm = get_plugin_manager(blocked=["postgres"])
        with pytest.raises(UnsupportedStorageURL):
            open_storage("postgresql://postgres@127.0.0.1:1/test", pm=pm)
        with pytest.raises(StorageUnavailable):
            open_storage("postgresql://postgres@127.0.0.1:1/test?pool_size=1")

    def test_a_broken_file_is_a_typed_error_through_the_hook(self, tmp_path: Path) -> None:
        """Errors from the back end reach the caller as they are, not wrapped by pluggy."""
        broken = tmp_path / "broken.db"
        broken.write_bytes(b"not a database" * 100)
        with pytest.raises(StorageUnavailable):
            open_storage(f"sqlite:///{broken}")
        assert broken.read_bytes() == b"not a database" * 100


class TestChannelsAndRenderers:
    """Collecting hooks gather what every plugin offers."""

    def test_a_channel_plugin_written_here_is_found_and_sends(self) -> None:
        """The channel comes back by name, satisfies Channel, and delivers."""
        channel = RecordingChannel()

        class ChannelPlugin:
            @hookimpl
            def coworkreg_notification_channels(
                self, config: Mapping[str, Any]
            ) -> list[RecordingChannel]:
                return [channel] if config.get("recording") else []

        pm = get_plugin_manager(load_entrypoints=False, plugins=[ChannelPlugin()])
        assert channels_from_plugins(pm, {}) == {}
        found = channels_from_plugins(pm, {"recording": True})
        assert isinstance(found["recording"], Channel)
        message = Message(
            message_id="<receipt-app-1@coworkreg.example>",
            sender="protocollo@pec.comune.seregno.mb.it",
            to=("spazio.comune@pec.it",),
            subject="Ricevuta",
            body="Protocollo 2026-0000001",
        )
        receipt = found["recording"].send(message)
        assert receipt.message_id == message.message_id
        assert channel.sent == [message]

    def test_a_renderer_plugin_written_here_is_found_by_media_type(self) -> None:
        """A renderer for ``text/plain`` joins the core's HTML one."""

        class PlainRenderer:
            media_type = "text/plain"

            def render(self, template_name: str, context: Mapping[str, Any], **_: Any) -> bytes:
                return f"{template_name}: {dict(context)}".encode()

        class RendererPlugin:
            @hookimpl
            def coworkreg_document_renderers(self) -> list[PlainRenderer]:
                return [PlainRenderer()]

        pm = get_plugin_manager(load_entrypoints=False, plugins=[RendererPlugin()])
        renderers = renderers_from_plugins(pm)
        assert isinstance(renderers["text/plain"], Renderer)
        assert "text/html" in renderers


class TestEventsAndCommands:
    """After-transition events and extra CLI commands."""

    def test_after_transition_receives_the_committed_event(self) -> None:
        """Each implementation gets the stored application and its history entry."""
        seen: list[TransitionEvent] = []

        class Audit:
            @hookimpl
            def coworkreg_after_transition(self, event: TransitionEvent) -> None:
                seen.append(event)

        pm = get_plugin_manager(load_entrypoints=False, plugins=[Audit()])
        entry = HistoryEntry("app-1", 2, {"to": "under_review"}, "h2", "h1", datetime.now(UTC))
        event = TransitionEvent(
            application=make_application(state="under_review", version=2),
            entry=entry,
            transition="start_review",
            previous_state="submitted",
        )
        pm.hook.coworkreg_after_transition(event=event)
        assert seen == [event]

    def test_a_plugin_adds_a_command(self) -> None:
        """``coworkreg_commands`` receives the group and may add to it."""

        class Hello:
            @hookimpl
            def coworkreg_commands(self, cli: click.Group) -> None:
                @cli.command()
                def hello() -> None:
                    click.echo("ciao")

        group = click.Group("coworkreg")
        pm = get_plugin_manager(load_entrypoints=False, plugins=[Hello()])
        pm.hook.coworkreg_commands(cli=group)
        result = CliRunner().invoke(group, ["hello"])
        assert (result.exit_code, result.output) == (0, "ciao\n")
