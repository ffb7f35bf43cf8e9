"""The JSON file's layout: what a reader of the open data (and a diff) relies on."""

from __future__ import annotations

import json

from coworkreg_core.publication.json_format import to_json

ENTRIES = [
    {"registration_number": "SEREGNO-2026-0002", "provider": {"name": "Città Hub"}, "spaces": []},
    {"spaces": [{"id": "sede-1", "workstations": 12}], "registration_number": "SEREGNO-2026-0001"},
]


class TestJsonLayout:
    def test_keys_sorted_two_space_indent_utf8_final_newline(self) -> None:
        """The bytes are json.dumps(indent=2, sort_keys=True) in UTF-8, plus a newline."""
        expected = json.dumps(ENTRIES, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert to_json(ENTRIES) == expected.encode("utf-8")

    def test_non_ascii_stays_as_written(self) -> None:
        """Accented letters are UTF-8, not \\u escapes."""
        assert "Città".encode() in to_json(ENTRIES)

    def test_an_empty_list_is_an_empty_array(self) -> None:
        """No entries still make a valid file."""
        assert to_json([]) == b"[]\n"

    def test_a_generator_is_read_once(self) -> None:
        """Entries may come from a generator, as the storage streams them."""
        assert json.loads(to_json(e for e in ENTRIES)) == ENTRIES
