"""The public list as JSON: an array of public entries, stable bytes for stable data."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=True)


def to_json(entries: Iterable[Mapping[str, Any]]) -> bytes:
    """The entries as UTF-8 JSON with sorted keys, two-space indents and a final newline."""
    # Written piece by piece: ``json.dumps`` with an indent first gathers every
    # piece in one list, which for 100,000 providers held three times the memory.
    buffer = io.StringIO()
    for piece in _ENCODER.iterencode(list(entries)):
        buffer.write(piece)
    buffer.write("\n")
    return buffer.getvalue().encode("utf-8")
