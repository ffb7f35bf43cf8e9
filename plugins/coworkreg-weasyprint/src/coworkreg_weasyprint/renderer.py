"""The PDF/A renderer: sandboxed Jinja2 HTML from the town pack, laid out by WeasyPrint.

PDF/A-2b by default: AgID's guidelines prefer the PDF/A-2 family, and the
b level asks only that the page look the same for ever; ``variant`` selects
another WeasyPrint profile (``pdf/a-2u``, ``pdf/a-2a``). The bytes depend only on the
inputs: the creation date comes from the context's ``issued_at`` and the PDF
file identifier from a hash of the HTML, never from the clock.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from coworkreg_core.errors import RenderError
from coworkreg_core.i18n import DEFAULT_LANG, Lang
from coworkreg_core.render import TownTemplates, render_text
from coworkreg_weasyprint.fonts import font_face_css

if TYPE_CHECKING:
    # The fetcher needs WeasyPrint, which costs ~0.7 s to import: only when rendering.
    from coworkreg_weasyprint.fetcher import Audit

PDF_VARIANT = "pdf/a-2b"

_OUTPUT_INTENT = "coworkreg-srgb"


def _srgb_profile() -> Any:
    """WeasyPrint's own sRGB profile, read and closed here.

    WeasyPrint 70 opens the profile for PDF/A's output intent and never
    closes the file (a ResourceWarning per document); handing it the same
    profile under another name keeps its output and closes the file.
    """
    from importlib.resources import files

    from weasyprint.css import ColorProfile

    with (files("weasyprint.pdf") / "sRGB2014.icc").open("rb") as icc:
        data = icc.read()
    rgb = (["r"], ["g"], ["b"])
    return ColorProfile(io.BytesIO(data), "sRGB2014.icc", "relative-colorimetric", rgb)


class PdfRenderer:
    """Render town-pack templates to PDF/A bytes.

    :param variant: a WeasyPrint ``pdf_variant`` (``pdf/a-2b`` by default).
    :param audit: called with every URL the document asks for and whether it
        was served; for logs and tests.
    """

    media_type = "application/pdf"

    def __init__(self, *, variant: str = PDF_VARIANT, audit: Audit | None = None) -> None:
        self.variant = variant
        self._audit = audit

    def render(
        self,
        template_name: str,
        context: Mapping[str, Any],
        *,
        templates: TownTemplates,
        lang: Lang = DEFAULT_LANG,
    ) -> bytes:
        """The PDF/A of ``template_name`` rendered with ``context``."""
        html = render_text(templates, template_name, context, lang=lang)
        return self.render_html(html, templates=templates, name=template_name)

    def render_html(self, html: str, *, templates: TownTemplates, name: str = "<html>") -> bytes:
        """The PDF/A of an HTML string, with the same sandbox and fonts."""
        # Imported here: WeasyPrint takes ~0.7 s to import.
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import FatalURLFetchingError

        from coworkreg_weasyprint.fetcher import PackFetcher

        fetcher = PackFetcher(templates, self._audit)
        fonts = FontConfiguration()
        try:
            stylesheet = CSS(string=font_face_css(), url_fetcher=fetcher, font_config=fonts)
            document = HTML(string=html, base_url=None, url_fetcher=fetcher).render(
                stylesheets=[stylesheet],
                font_config=fonts,
                color_profiles={_OUTPUT_INTENT: _srgb_profile()},
                output_intent=_OUTPUT_INTENT,
            )
            pdf: bytes = document.write_pdf(
                pdf_variant=self.variant,
                output_intent=_OUTPUT_INTENT,
                pdf_identifier=hashlib.sha256(html.encode()).hexdigest()[:32].encode(),
            )
        except FatalURLFetchingError as exc:
            refused = ", ".join(fetcher.refused) or str(exc)
            raise RenderError(name, f"refused to fetch {refused}") from None
        return pdf
