"""PDF/A documents for coworkreg, rendered by WeasyPrint.

Registered through the ``coworkreg`` entry point; WeasyPrint itself is
imported only when the first document is rendered, because importing it
costs most of a second.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coworkreg_core import hookimpl
from coworkreg_core.render import Renderer
from coworkreg_weasyprint.renderer import PDF_VARIANT, PdfRenderer

__all__ = ["PDF_VARIANT", "PdfRenderer", "coworkreg_document_renderers"]


@hookimpl
def coworkreg_document_renderers(config: Mapping[str, Any]) -> list[Renderer]:
    """The PDF/A renderer, for ``application/pdf``.

    ``config["weasyprint"]["variant"]`` picks another WeasyPrint ``pdf_variant``
    (``pdf/a-2b`` by default).
    """
    settings = config.get("weasyprint") or {}
    return [PdfRenderer(variant=settings.get("variant", PDF_VARIANT))]
