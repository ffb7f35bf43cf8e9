"""Time the PDF/A renderer against bare WeasyPrint on the same HTML, in the same run.

For each document the template is rendered to HTML once. Then, round-robin,
``repeats`` times each:

- ``renderer``: ``PdfRenderer.render`` (Jinja2 sandbox + sandboxed fetcher +
  PDF/A-2b + fixed identifier), the whole path an outbox item takes;
- ``bare``: ``weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/a-2b")``
  on the same HTML, with the style sheet, emblem and fonts written to a
  temporary folder and referenced by ``file://`` so WeasyPrint's default
  fetcher loads the same bytes.

Medians are printed with the ratio renderer / bare. The 1,000-provider
public list takes ~10 s per render, so it runs only with ``--full``.

    .venv/bin/python bench/bench_documents.py [--repeats 7] [--full]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, add_output_arguments, write_figures

from coworkreg_core import Towns, get_plugin_manager
from coworkreg_core.documents import DOCUMENTS, checked_context, document_spec
from coworkreg_core.render import TownTemplates, render_text
from coworkreg_weasyprint import PdfRenderer
from coworkreg_weasyprint.fonts import FONT_SCHEME, font_face_css, font_file


def public_list_context(size: int) -> dict[str, Any]:
    entries = [
        {
            "registration_number": f"COW-2026-{n:04d}",
            "name": f"Coworking Brianza {n} S.r.l.",
            "address": f"Via Umberto I {n}, 20831 Seregno (MB)",
            "services": ["connectivity", "reception", "cleaning"],
            "valid_until": "2029-03-31",
        }
        for n in range(1, size + 1)
    ]
    return {"issued_at": "2026-03-02T09:30:00+01:00", "entries": entries}


def bare_inputs(html: str, templates: TownTemplates, folder: Path) -> tuple[str, str]:
    """The same HTML and font CSS with every pack URL turned into a file:// URL."""
    for name in ("document.css", "emblem.svg"):
        data = templates.asset(name)
        assert data is not None
        (folder / name).write_bytes(data)
        html = html.replace(f"coworkreg-asset:{name}", (folder / name).as_uri())
    css = font_face_css()
    for line in css.splitlines():
        name = line.split(f"{FONT_SCHEME}:")[1].split('"')[0]
        found = font_file(name)
        assert found is not None
        (folder / name).write_bytes(found.read_bytes())
        css = css.replace(f"{FONT_SCHEME}:{name}", (folder / name).as_uri())
    return html, css


def timed(func: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def bench(label: str, kind: str, context: dict[str, Any], repeats: int, towns: Towns) -> Figure:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    templates = TownTemplates(towns, "seregno")
    spec = document_spec(kind)
    full = checked_context(kind, context)
    html = render_text(templates, spec.template, full)
    renderer = PdfRenderer()
    with tempfile.TemporaryDirectory() as tmp:
        bare_html, bare_css = bare_inputs(html, templates, Path(tmp))

        def ours() -> bytes:
            return renderer.render(spec.template, full, templates=templates)

        def bare() -> bytes:
            fonts = FontConfiguration()
            sheet = CSS(string=bare_css, font_config=fonts)
            pdf: bytes = HTML(string=bare_html).write_pdf(
                stylesheets=[sheet], font_config=fonts, pdf_variant="pdf/a-2b"
            )
            return pdf

        size_ours, size_bare = len(ours()), len(bare())  # warm-up, and a size check
        samples: dict[str, list[float]] = {"renderer": [], "bare": []}
        for _ in range(repeats):
            samples["renderer"].append(timed(ours))
            samples["bare"].append(timed(bare))
    mine = statistics.median(samples["renderer"])
    base = statistics.median(samples["bare"])
    print(
        f"{label:<20} renderer {mine * 1000:8.1f} ms   bare {base * 1000:8.1f} ms   "
        f"ratio {mine / base:5.2f}   ({repeats} repeats; "
        f"{size_ours // 1024} KiB vs {size_bare // 1024} KiB)"
    )
    return Figure(
        f"{label}: PdfRenderer.render", mine, "s/document", "bare WeasyPrint", base, False
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--full", action="store_true", help="also the 1,000-provider list")
    add_output_arguments(parser)
    args = parser.parse_args()
    if args.quick:
        args.repeats = min(args.repeats, 2)
    towns = Towns.from_plugins(get_plugin_manager())
    print("median seconds per document, round-robin, same process; ratio = renderer / bare")
    figures = [
        bench("receipt", "receipt", DOCUMENTS["receipt"].example_context(), args.repeats, towns)
    ]
    if not args.quick:
        refusal = DOCUMENTS["refusal_notice"].example_context()
        figures.append(bench("refusal_notice", "refusal_notice", refusal, args.repeats, towns))
        public = public_list_context(50)
        figures.append(bench("public_list (50)", "public_list", public, args.repeats, towns))
    if args.full:
        public = public_list_context(1000)
        repeats = max(2, args.repeats // 3)
        figures.append(bench("public_list (1000)", "public_list", public, repeats, towns))
    write_figures(args.json, figures, repeats=args.repeats, full=args.full)


if __name__ == "__main__":
    main()
