"""The fonts shipped with the plugin: Titillium Web (SIL Open Font License 1.1).

Titillium Web is the typeface of the Italian public-administration design
kit. The files are the Latin subsets published by Fontsource (npm
``@fontsource/titillium-web`` 5.3.0), converted from WOFF to TrueType with
fontTools keeping their own timestamps: WeasyPrint re-saves a WOFF font with
the current time in its ``head`` table, which would make every PDF differ.
``fonts/OFL.txt`` is their licence.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

FONT_SCHEME = "coworkreg-font"
FAMILY = "Titillium Web"

_FACES = (
    ("400", "normal", "titillium-web-latin-400-normal.ttf"),
    ("400", "italic", "titillium-web-latin-400-italic.ttf"),
    ("600", "normal", "titillium-web-latin-600-normal.ttf"),
    ("700", "normal", "titillium-web-latin-700-normal.ttf"),
)


def font_file(name: str) -> Traversable | None:
    """The shipped font file called ``name``, or None for anything else."""
    if name not in {file for _, _, file in _FACES}:
        return None
    return files(__package__ or "coworkreg_weasyprint") / "fonts" / name


def font_face_css() -> str:
    """``@font-face`` rules that load the shipped faces through the sandboxed fetcher."""
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{FONT_SCHEME}:{file}") format("truetype"); }}'
        for weight, style, file in _FACES
    )
