"""PDF/A documents for coworkreg, rendered by WeasyPrint.

Registered through the ``coworkreg`` entry point; WeasyPrint itself is
imported only when the first document is rendered, because importing it
costs most of a second.
"""

from __future__ import annotations

from coworkreg_core import hookimpl
from coworkreg_core.render import Renderer
from coworkreg_weasyprint.renderer import PDF_VARIANT, PdfRenderer

__all__ = ["PDF_VARIANT", "PdfRenderer", "coworkreg_renderers"]


# optionalhook: the core may not declare coworkreg_renderers yet, and an
# undeclared hook must not stop every other plugin from loading.
@hookimpl(optionalhook=True)
def coworkreg_renderers() -> list[Renderer]:
    """The PDF/A renderer, for ``application/pdf``."""
    return [PdfRenderer()]
