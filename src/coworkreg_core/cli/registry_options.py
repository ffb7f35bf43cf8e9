"""Options shared by the commands that work on a town's register.

Every such command names the database, the town and the settings the same
way (``--db``, ``--town``, ``--config``, each with an environment variable),
acts at a time that can be fixed with ``--now``, and as an actor built from
``--as`` and ``--role``. :meth:`RegistryOptions.open` opens the
:class:`~coworkreg_core.registry.Registry` and turns every library error into
a :class:`click.ClickException` in the chosen language: exit code 1, no
traceback, and nothing changed, since each Registry call is one transaction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from attrs import frozen

from coworkreg_core.cli._common import as_lang, lang_option
from coworkreg_core.cli.error_messages import describe_error
from coworkreg_core.errors import CoworkregError, DefinitionError
from coworkreg_core.i18n import Lang, Text
from coworkreg_core.registry import Registry
from coworkreg_core.workflow import Actor

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "sqlite:///coworkreg.db"
DEFAULT_TOWN = "seregno"


class InstantType(click.ParamType[datetime, Any]):
    """An ISO 8601 instant; one without a zone is taken as UTC, a bare date as its midnight."""

    name = "instant"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r}: ISO 8601 (2026-03-02T10:00:00+01:00)", param, ctx)
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


class DayType(click.ParamType[date, Any]):
    """An ISO 8601 calendar day (``2026-03-02``)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r}: ISO 8601 (2026-03-02)", param, ctx)


INSTANT = InstantType()
DAY = DayType()


@frozen
class RegistryOptions:
    """Where the register is, whose it is, its settings, the language and the time."""

    db: str
    town: str
    config_file: Path | None
    lang: Lang
    now: datetime | None

    def today(self) -> date:
        """The day of ``--now``, or today."""
        return (self.now or datetime.now(UTC)).date()

    def fail(self, text: Text) -> click.ClickException:
        """A :class:`click.ClickException` with ``text`` in the chosen language."""
        return click.ClickException(text.get(self.lang))

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn a library error raised inside into a message in the chosen language."""
        try:
            yield
        except CoworkregError as exc:
            raise click.ClickException(describe_error(exc, self.lang)) from exc

    @contextmanager
    def open(self) -> Iterator[Registry]:
        """The town's Registry on ``--db``, closed on exit; library errors become messages."""
        with self.errors():
            config = load_config(self.config_file)
            now = self.now
            if now is None:
                registry = Registry.open(self.db, self.town, config=config)
            else:
                registry = Registry.open(self.db, self.town, config=config, clock=lambda: now)
            with registry:
                yield registry


def load_config(path: Path | None) -> dict[str, Any]:
    """The settings in ``path`` (YAML or JSON, a mapping), or none.

    Keys the Registry reads: ``sender``, ``signer``, ``maildir``, ``pec``,
    ``channel_for``, ``mail_domain``.

    :raise DefinitionError: the file cannot be read, is not YAML, or is not a mapping.
    """
    if path is None:
        return {}
    from coworkreg_core.yamlio import load_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError(exc.strerror or type(exc).__name__, source=str(path)) from exc
    data = load_yaml(text, str(path)).data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DefinitionError("the settings must be a mapping of names to values", source=str(path))
    return data


def registry_options(func: F) -> F:
    """Add ``--db``, ``--town``, ``--config``, ``--now`` and ``--lang``; pass ``options``.

    The decorated command receives one :class:`RegistryOptions` as ``options``
    in place of the five values.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["options"] = RegistryOptions(
            db=kwargs.pop("db"),
            town=kwargs.pop("town"),
            config_file=kwargs.pop("config_file"),
            lang=as_lang(kwargs.pop("lang")),
            now=kwargs.pop("now"),
        )
        return func(*args, **kwargs)

    decorated: Any = lang_option(wrapper)
    decorated = click.option(
        "--now",
        type=INSTANT,
        help="Istante in cui agire / act at this ISO 8601 time (UTC if no zone); default: now.",
    )(decorated)
    decorated = click.option(
        "--config",
        "config_file",
        envvar="COWORKREG_CONFIG",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Impostazioni YAML o JSON / settings file (sender, signer, maildir, pec, "
        "channel_for); or $COWORKREG_CONFIG.",
    )(decorated)
    decorated = click.option(
        "--town",
        envvar="COWORKREG_TOWN",
        default=DEFAULT_TOWN,
        show_default=True,
        help="Comune / town pack id; or $COWORKREG_TOWN.",
    )(decorated)
    decorated = click.option(
        "--db",
        envvar="COWORKREG_DB",
        default=DEFAULT_DB,
        show_default=True,
        help="Archivio / storage URL (sqlite:///path.db, postgresql://...); or $COWORKREG_DB.",
    )(decorated)
    result: F = decorated
    return result


def actor_options(*, required: bool = True) -> Callable[[F], F]:
    """Add ``--as ID`` and repeatable ``--role ROLE``; pass ``actor`` (an :class:`Actor`).

    With ``required=False`` and no ``--as``, ``actor`` is ``None`` and the
    command picks a default.
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            actor_id = kwargs.pop("actor_id")
            roles = kwargs.pop("roles")
            kwargs["actor"] = None if actor_id is None else Actor(actor_id, roles=roles)
            return func(*args, **kwargs)

        decorated: Any = click.option(
            "--role",
            "roles",
            multiple=True,
            help="Ruolo di chi agisce (ripetibile) / the actor's role (repeatable): "
            "reviewer, manager ...",
        )(wrapper)
        decorated = click.option(
            "--as",
            "actor_id",
            required=required,
            help="Chi agisce / who acts (a user id).",
        )(decorated)
        result: F = decorated
        return result

    return decorate
