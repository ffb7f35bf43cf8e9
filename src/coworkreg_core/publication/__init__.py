"""Publication of the public list: minimised entries and their open-data files.

>>> import datetime as dt
>>> publication = Publication(town_name="Comune di Esempio", ipa_code="c_x000",
...                           as_of=dt.date(2026, 1, 1), entries=())
>>> sorted(publication.files(base_url="https://example.org/opendata/"))
['dcat.jsonld', 'elenco-coworking.csv', 'elenco-coworking.html', 'elenco-coworking.json']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import field, frozen

from coworkreg_core.publication.csv_format import to_csv
from coworkreg_core.publication.dcat import Distribution, dcat_metadata
from coworkreg_core.publication.entry import public_entry
from coworkreg_core.publication.html_format import to_html
from coworkreg_core.publication.json_format import to_json

__all__ = ["Publication", "public_entry"]

CSV_NAME = "elenco-coworking.csv"
JSON_NAME = "elenco-coworking.json"
HTML_NAME = "elenco-coworking.html"
PDF_NAME = "elenco-coworking.pdf"
DCAT_NAME = "dcat.jsonld"


def _sorted_entries(entries: Sequence[Mapping[str, Any]]) -> tuple[dict[str, Any], ...]:
    return tuple(dict(e) for e in sorted(entries, key=lambda e: e["registration_number"]))


@frozen
class Publication:
    """The public list of a town as on a date; the same data gives the same bytes."""

    town_name: str
    ipa_code: str
    as_of: dt.date
    entries: tuple[dict[str, Any], ...] = field(converter=_sorted_entries)

    def files(
        self,
        *,
        base_url: str,
        html_template: str | None = None,
        pdf: bytes | None = None,
    ) -> dict[str, bytes]:
        """Every file of the publication by name; ``pdf`` is added when rendered elsewhere."""
        distributions = [
            Distribution(CSV_NAME, "CSV", "Elenco in CSV (RFC 4180, UTF-8)"),
            Distribution(JSON_NAME, "JSON", "Elenco in JSON"),
            Distribution(HTML_NAME, "HTML", "Pagina consultabile"),
        ]
        if pdf is not None:
            distributions.append(Distribution(PDF_NAME, "PDF", "Elenco in PDF/A"))
        downloads = [(d.file_name, d.file_type) for d in distributions] + [
            (DCAT_NAME, "DCAT-AP_IT")
        ]
        result = {
            CSV_NAME: to_csv(self.entries),
            JSON_NAME: to_json(self.entries),
            HTML_NAME: to_html(
                self.entries,
                town_name=self.town_name,
                as_of=self.as_of,
                downloads=downloads,
                template=html_template,
            ),
            DCAT_NAME: dcat_metadata(
                town_name=self.town_name,
                ipa_code=self.ipa_code,
                as_of=self.as_of,
                base_url=base_url,
                distributions=distributions,
            ),
        }
        if pdf is not None:
            result[PDF_NAME] = pdf
        return result

    def write(self, directory: Path, **options: Any) -> list[Path]:
        """Write every file into ``directory``; returns the paths written."""
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for name, data in self.files(**options).items():
            path = directory / name
            path.write_bytes(data)
            written.append(path)
        return written
