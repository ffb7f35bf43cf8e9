"""Documents from templates: where templates live, how they render, what they expect.

Templates live in the town pack under ``templates/``; a town that extends
another overrides one template and inherits the rest, because every lookup
walks the ``extends`` chain (:class:`TownTemplates`). Templates are Jinja2 in
a sandbox with autoescaping on, so a provider's name that holds HTML shows as
text. A :class:`Renderer` turns a template and its context into bytes of one
media type; the PDF/A renderer is a plugin (``coworkreg-weasyprint``), the
HTML renderer here is the cheap one for previews and the web.

The context each official document expects is declared in
:mod:`coworkreg_core.documents`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from coworkreg_core.errors import RenderError, TemplateNotFound
from coworkreg_core.i18n import DEFAULT_LANG, Lang, Text

if TYPE_CHECKING:
    import pluggy

    from coworkreg_core.towns import TownPack, Towns

TEMPLATES_DIR = "templates"
ASSETS_DIR = "assets"
"""Images and style sheets a template may use, under ``templates/assets/``."""

_SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")


def safe_relative_name(name: str) -> str | None:
    """``name`` if it is a relative path inside a folder (no ``..``, no root), else None.

    >>> safe_relative_name("documents/receipt.html"), safe_relative_name("../town.yaml")
    ('documents/receipt.html', None)
    """
    if _SAFE_NAME.fullmatch(name) and ".." not in name.split("/"):
        return name
    return None


class TownTemplates:
    """The templates and assets of one town, looked up along its ``extends`` chain."""

    def __init__(self, towns: Towns, town: str) -> None:
        self.chain: list[TownPack] = towns.chain(town)
        self.town: TownPack = self.chain[0]

    def find(self, name: str) -> Traversable | None:
        """The file ``templates/<name>`` of the nearest pack that has it."""
        if safe_relative_name(name) is None:
            return None
        for pack in self.chain:
            found = pack.own_resource(f"{TEMPLATES_DIR}/{name}")
            if found is not None and found.is_file():
                return found
        return None

    def source(self, name: str) -> tuple[str, str]:
        """The text of template ``name`` and where it came from."""
        found = self.find(name)
        if found is None:
            raise TemplateNotFound(name, self.town.id, [pack.id for pack in self.chain])
        return found.read_text(encoding="utf-8"), str(found)

    def asset(self, name: str) -> bytes | None:
        """The bytes of asset ``templates/assets/<name>``, or None if no pack has it."""
        if safe_relative_name(name) is None:
            return None
        found = self.find(f"{ASSETS_DIR}/{name}")
        return found.read_bytes() if found is not None else None


class _ChainLoader(jinja2.BaseLoader):
    """Jinja's view of :class:`TownTemplates`, so ``{% extends %}`` follows the chain too."""

    def __init__(self, templates: TownTemplates) -> None:
        self.templates = templates

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            text, origin = self.templates.source(template)
        except TemplateNotFound as exc:
            raise jinja2.TemplateNotFound(template) from exc
        return text, origin, lambda: True


def _autoescape(template_name: str | None) -> bool:
    # Plain-text mail bodies and subjects are the only templates not escaped.
    return not (template_name or "").endswith(".txt")


def _pick(context: Mapping[str, Any], value: Any) -> str:
    lang: Lang = context.get("lang", DEFAULT_LANG)
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("it", ""))
    return str(value)


def _italian_date(value: date | datetime | str) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def template_environment(templates: TownTemplates) -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment over ``templates`` with escaping on.

    Undefined values raise instead of printing nothing, so a template that
    asks for a missing field fails at render time, not in a citizen's hands.
    Filters: ``tr`` picks a :class:`Text` (or ``{it, en}`` mapping) in the
    render language, ``date_it`` writes ``dd/mm/yyyy``.
    """
    env = SandboxedEnvironment(
        loader=_ChainLoader(templates),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tr"] = jinja2.pass_context(_pick)
    env.filters["date_it"] = _italian_date
    return env


def town_context(town: TownPack) -> dict[str, Any]:
    """What every template sees as ``town``."""
    return {
        "id": town.id,
        "name": town.name,
        "istat_code": town.istat_code,
        "ipa_code": town.ipa_code,
        "pec": town.pec,
    }


def render_text(
    templates: TownTemplates,
    template_name: str,
    context: Mapping[str, Any],
    *,
    lang: Lang = DEFAULT_LANG,
) -> str:
    """Render ``template_name`` with ``context`` plus ``town`` and ``lang``.

    A missing template raises :class:`TemplateNotFound`; a broken one, a
    missing value or a sandbox violation raises :class:`RenderError`.
    """
    env = template_environment(templates)
    try:
        template = env.get_template(template_name)
    except jinja2.TemplateNotFound:
        raise TemplateNotFound(
            template_name, templates.town.id, [pack.id for pack in templates.chain]
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(template_name, f"line {exc.lineno}: {exc.message}") from exc
    try:
        return template.render({**context, "town": town_context(templates.town), "lang": lang})
    except jinja2.TemplateError as exc:
        raise RenderError(template_name, str(exc)) from exc


@runtime_checkable
class Renderer(Protocol):
    """Turns a template and its context into a document of one media type."""

    @property
    def media_type(self) -> str:
        """What :meth:`render` produces, e.g. ``application/pdf``."""
        ...

    def render(
        self,
        template_name: str,
        context: Mapping[str, Any],
        *,
        templates: TownTemplates,
        lang: Lang = DEFAULT_LANG,
    ) -> bytes:
        """The document's bytes; the same inputs give the same bytes."""
        ...


class HtmlRenderer:
    """Renders templates to UTF-8 HTML: previews, the web, and the PDF renderer's input."""

    media_type = "text/html"

    def render(
        self,
        template_name: str,
        context: Mapping[str, Any],
        *,
        templates: TownTemplates,
        lang: Lang = DEFAULT_LANG,
    ) -> bytes:
        """The rendered template as UTF-8 bytes."""
        return render_text(templates, template_name, context, lang=lang).encode("utf-8")


def renderers_from_plugins(
    pm: pluggy.PluginManager, config: Mapping[str, Any] | None = None
) -> dict[str, Renderer]:
    """The renderers plugins provide, by media type; the core's HTML one is the fallback."""
    found: dict[str, Renderer] = {HtmlRenderer.media_type: HtmlRenderer()}
    for renderers in pm.hook.coworkreg_document_renderers(config=config or {}):
        for renderer in renderers:
            found[renderer.media_type] = renderer
    return found
