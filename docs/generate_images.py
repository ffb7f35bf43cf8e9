"""Regenerate the pictures in ``docs/_static/`` from the library itself.

- ``public-list.png``: the published list page, made by
  ``coworkreg_core.publication`` from the example providers that Seregno's
  rules find eligible, photographed by headless Chromium;
- ``receipt.png``: the first page of a receipt rendered as PDF/A by the
  ``coworkreg-weasyprint`` plugin, turned into an image by ``pdftoppm``
  (Debian package ``poppler-utils``).

Run ``.venv/bin/python docs/generate_images.py`` after changing a template,
and commit the images.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from coworkreg_core import Towns, get_plugin_manager
from coworkreg_core.documents import DocumentRequest, document_spec, render_document
from coworkreg_core.publication import HTML_NAME
from coworkreg_core.render import renderers_from_plugins

DOCS = Path(__file__).resolve().parent
STATIC = DOCS / "_static"
WEBAPP = DOCS.parent / "examples" / "webapp" / "app.py"
AS_OF = dt.date(2026, 11, 25)


def _webapp() -> object:
    spec = importlib.util.spec_from_file_location("coworkreg_example_webapp", WEBAPP)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is needed: apt-get install -y {name}")
    return found


def public_list(target: Path) -> None:
    """Photograph the published list page."""
    from coworkreg_core.rules import load_ruleset

    app = _webapp()
    publication = app.build_publication("seregno", load_ruleset("seregno"), AS_OF)  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / HTML_NAME
        page.write_bytes(publication.files(base_url="https://example.invalid/")[HTML_NAME])
        subprocess.run(
            [
                _tool("chromium"),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--screenshot={target}",
                "--window-size=1280,1600",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )


def receipt(target: Path) -> None:
    """Render a receipt as PDF/A and keep its first page as a PNG."""
    pm = get_plugin_manager()
    renderer = renderers_from_plugins(pm)["application/pdf"]
    context = document_spec("receipt").example_context()
    request = DocumentRequest(kind="receipt", town="seregno", context=context)
    pdf = render_document(renderer, request, Towns.from_plugins(pm))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "receipt.pdf"
        source.write_bytes(pdf)
        prefix = Path(tmp) / "page"
        subprocess.run(
            [
                _tool("pdftoppm"),
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(prefix),
            ],
            check=True,
        )
        shutil.copyfile(prefix.with_suffix(".png"), target)


def main() -> None:
    """Write every picture into ``docs/_static/``."""
    STATIC.mkdir(exist_ok=True)
    public_list(STATIC / "public-list.png")
    receipt(STATIC / "receipt.png")
    for name in ("public-list.png", "receipt.png"):
        print(STATIC / name, (STATIC / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
