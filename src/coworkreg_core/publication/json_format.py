"""The public list as JSON: an array of public entries, stable bytes for stable data."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any


def to_json(entries: Iterable[Mapping[str, Any]]) -> bytes:
    """The entries as UTF-8 JSON with sorted keys and a final newline."""
    text = json.dumps(list(entries), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")
