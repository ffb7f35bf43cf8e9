"""Writing a document renderer plugin.

A renderer turns a town template and its context into bytes of one media
type. This one makes plain text for an office that pastes notices into a
protocol system: it renders the town's HTML template with the core's
sandboxed Jinja2 environment, then keeps only the text. The town pack comes
from the Seregno plugin, registered by hand on a manager that loads nothing
else. Run: ``python examples/scripts/renderer_plugin.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

import coworkreg_seregno
from coworkreg_core import Towns, get_plugin_manager, hookimpl
from coworkreg_core.documents import DocumentRequest, document_spec, render_document
from coworkreg_core.i18n import DEFAULT_LANG, Lang
from coworkreg_core.render import Renderer, TownTemplates, render_text, renderers_from_plugins


# [renderer]
class _TextOnly(HTMLParser):
    """Collects the text of an HTML page, one line per block, without style or script."""

    BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "tr", "li", "br", "dt", "dd"})

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self._words: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script", "head")
        if tag in self.BLOCKS:
            self.close_line()

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script", "head")
        if tag in self.BLOCKS:
            self.close_line()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._words.extend(data.split())

    def close_line(self) -> None:
        if self._words:
            self.lines.append(" ".join(self._words))
            self._words = []


class PlainTextRenderer:
    """Official documents as plain UTF-8 text."""

    media_type = "text/plain"

    def render(
        self,
        template_name: str,
        context: Mapping[str, Any],
        *,
        templates: TownTemplates,
        lang: Lang = DEFAULT_LANG,
    ) -> bytes:
        parser = _TextOnly()
        parser.feed(render_text(templates, template_name, context, lang=lang))
        parser.close_line()
        return "\n".join(parser.lines).encode("utf-8")


class PlainTextPlugin:
    """Offers the plain-text renderer."""

    @hookimpl
    def coworkreg_document_renderers(self, config: Mapping[str, Any]) -> list[Renderer]:
        return [PlainTextRenderer()]


# [renderer-end]


def main() -> str:
    """Render Seregno's receipt as text; return it."""
    # [use]
    pm = get_plugin_manager(load_entrypoints=False, plugins=[coworkreg_seregno, PlainTextPlugin()])
    renderers = renderers_from_plugins(pm)
    print("renderers:", sorted(renderers))
    context = document_spec("receipt").example_context()  # the documented example values
    request = DocumentRequest(kind="receipt", town="seregno", context=context)
    text = render_document(renderers["text/plain"], request, Towns.from_plugins(pm))
    # [use-end]
    print(text.decode("utf-8"))
    return text.decode("utf-8")


if __name__ == "__main__":
    receipt = main()
    assert "Seregno" in receipt
    assert "<" not in receipt  # no markup left
