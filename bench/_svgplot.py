"""A small log-log line chart as SVG, so the growth plot needs no plotting library.

Two panels side by side (for example time and memory against size), each
with one line per series, decade grid lines and a legend.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")
PANEL_W, PANEL_H, MARGIN = 420, 300, 60

Series = Mapping[str, Sequence[tuple[float, float]]]


def _decades(low: float, high: float) -> list[float]:
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [10.0**k for k in range(first, last + 1)]


def _panel(title: str, unit: str, series: Series, left: float) -> list[str]:
    points = [p for values in series.values() for p in values if p[0] > 0 and p[1] > 0]
    xs = _decades(min(x for x, _ in points), max(x for x, _ in points))
    ys = _decades(min(y for _, y in points), max(y for _, y in points))
    width, height = PANEL_W - MARGIN - 10, PANEL_H - 2 * MARGIN

    def at(x: float, y: float) -> tuple[float, float]:
        fx = (math.log10(x) - math.log10(xs[0])) / (math.log10(xs[-1]) - math.log10(xs[0]) or 1)
        fy = (math.log10(y) - math.log10(ys[0])) / (math.log10(ys[-1]) - math.log10(ys[0]) or 1)
        return left + MARGIN + fx * width, MARGIN + (1 - fy) * height

    parts = [
        f'<text x="{left + MARGIN}" y="{MARGIN - 20}" font-weight="bold">{escape(title)}</text>'
    ]
    for x in xs:
        px, _ = at(x, ys[0])
        parts.append(
            f'<line x1="{px:.1f}" y1="{MARGIN}" x2="{px:.1f}" y2="{MARGIN + height}" '
            'stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{px:.1f}" y="{MARGIN + height + 16}" text-anchor="middle">{x:,.0f}</text>'
        )
    for y in ys:
        _, py = at(xs[0], y)
        parts.append(
            f'<line x1="{left + MARGIN}" y1="{py:.1f}" x2="{left + MARGIN + width}" '
            f'y2="{py:.1f}" stroke="#ddd"/>'
        )
        parts.append(
            f'<text x="{left + MARGIN - 4}" y="{py + 4:.1f}" text-anchor="end">{y:g}</text>'
        )
    parts.append(
        f'<text x="{left + MARGIN + width / 2}" y="{MARGIN + height + 34}" '
        'text-anchor="middle">providers (log)</text>'
    )
    parts.append(
        f'<text x="{left + 12}" y="{MARGIN + height / 2}" text-anchor="middle" '
        f'transform="rotate(-90 {left + 12} {MARGIN + height / 2})">{escape(unit)} (log)'
        "</text>"
    )
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        line = " ".join("{:.1f},{:.1f}".format(*at(x, y)) for x, y in values if x > 0 and y > 0)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        ly = MARGIN + height + 52 + 16 * index
        parts.append(
            f'<rect x="{left + MARGIN}" y="{ly - 9}" width="12" height="3" fill="{colour}"/>'
        )
        parts.append(f'<text x="{left + MARGIN + 18}" y="{ly - 4}">{escape(name)}</text>')
    return parts


def loglog_svg(panels: Sequence[tuple[str, str, Series]]) -> str:
    """An SVG document with one log-log panel per ``(title, unit, series)``."""
    rows = max(len(series) for _t, _u, series in panels)
    height = PANEL_H + 16 * rows + 10
    body: list[str] = []
    for index, (title, unit, series) in enumerate(panels):
        body += _panel(title, unit, series, index * PANEL_W)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PANEL_W * len(panels)}" '
        f'height="{height}" font-family="sans-serif" font-size="11">'
        f'<rect width="100%" height="100%" fill="white"/>{"".join(body)}</svg>\n'
    )
