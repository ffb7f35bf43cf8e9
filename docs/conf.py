"""Sphinx configuration for the coworkreg documentation.

Pages are MyST Markdown. Generated parts (the schema tables and the workflow
diagram) are written into ``_generated/`` when the configuration is read,
from the library itself, so they always match the installed code.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import generated  # noqa: E402 - found through the path set just above

generated.write_all(HERE / "_generated")

project = "coworkreg"
author = "coworkreg developers"
copyright = "coworkreg developers, EUPL-1.2"  # noqa: A001 - the name Sphinx reads
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "sphinx_click",
    "sphinxcontrib.mermaid",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "README.md"]
root_doc = "index"

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Two public classes are called HistoryEntry (workflow and storage). The hook
# specs import theirs only for type checking, so autodoc sees the bare name and
# cannot tell which is meant; that one ambiguity is not an error here. (Without
# nitpicky mode, "ref.python" warns only about such ambiguous names.)
suppress_warnings = ["ref.python"]
autodoc_default_options = {"members": True, "show-inheritance": True}
# Names re-exported at the front door are documented where they live.
autodoc_inherit_docstrings = True


html_theme = "furo"
html_title = "coworkreg"
html_static_path = ["_static"]
html_show_sourcelink = False

# Mermaid renders in the reader's browser; nothing is drawn at build time.
mermaid_version = "11.4.1"
