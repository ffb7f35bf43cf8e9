"""The open-data files: CSV per RFC 4180, JSON, HTML and DCAT-AP_IT metadata."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from coworkreg_core.publication import Publication
from coworkreg_core.publication.csv_format import COLUMNS, to_csv
from coworkreg_core.publication.html_format import to_html

BASE = "https://example.org/opendata/"


def publish(entries) -> dict[str, bytes]:
    return Publication(
        town_name="Comune di Seregno",
        ipa_code="c_i625",
        as_of=dt.date(2026, 4, 1),
        entries=entries,
    ).files(base_url=BASE)


class TestDeterminism:
    def test_same_data_in_any_order_gives_the_same_bytes(self, entries):
        """Publishing is a function of the data, not of the order it was read in."""
        assert publish(entries) == publish(list(reversed(entries)))


class TestCsv:
    def test_rows_end_with_crlf_and_parse_back(self, entries):
        """RFC 4180: CRLF line ends; one row per space; the header is the documented one."""
        data = publish(entries)["elenco-coworking.csv"]
        assert data.count(b"\r\n") == 1 + sum(len(e["spaces"]) for e in entries)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        assert tuple(rows[0]) == COLUMNS
        first = dict(zip(COLUMNS, rows[1], strict=True))
        assert first["registration_number"] == entries[0]["registration_number"]
        assert first["istat_code"] == entries[0]["spaces"][0]["address"]["istat_code"]

    def test_commas_quotes_and_line_breaks_survive(self, entries):
        """A name with a comma, a quote and a line break is quoted, not split."""
        entry = {**entries[0], "provider": {**entries[0]["provider"], "name": 'A, "B"\nC'}}
        rows = list(csv.reader(io.StringIO(to_csv([entry]).decode("utf-8"), newline="")))
        assert rows[1][COLUMNS.index("provider_name")] == 'A, "B"\nC'


class TestJson:
    def test_json_is_the_list_of_entries(self, entries):
        """The JSON file holds exactly the entries, sorted by registration number."""
        data = json.loads(publish(entries)["elenco-coworking.json"])
        assert data == sorted(entries, key=lambda e: e["registration_number"])


class TestHtml:
    def test_markup_in_a_name_is_shown_as_text(self, entries):
        """A provider name holding HTML is escaped, so it can neither run nor fetch."""
        name = '<script>alert(1)</script><img src="file:///etc/passwd">'
        entry = {**entries[0], "provider": {**entries[0]["provider"], "name": name}}
        page = to_html([entry], town_name="Comune di Seregno", as_of=dt.date(2026, 4, 1))
        assert b"<script>alert(1)" not in page
        assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert b'<img src="file:' not in page

    def test_page_is_italian_and_lists_every_space(self, entries):
        """The page declares Italian and has one item per published space."""
        page = publish(entries)["elenco-coworking.html"].decode("utf-8")
        assert '<html lang="it">' in page
        assert page.count('<li class="space"') == sum(len(e["spaces"]) for e in entries)


class TestDcat:
    @pytest.fixture
    def dataset(self, entries):
        return json.loads(publish(entries)["dcat.jsonld"])

    def test_dataset_has_the_mandatory_properties(self, dataset):
        """DCAT-AP_IT: identifier IPA:D.n, title, description, modified, theme, holder..."""
        for key in (
            "dct:identifier",
            "dct:title",
            "dct:description",
            "dct:modified",
            "dcat:theme",
            "dct:rightsHolder",
            "dct:accrualPeriodicity",
            "dcat:distribution",
        ):
            assert key in dataset, key
        assert dataset["dct:identifier"] == "c_i625:D.coworking"
        assert dataset["dct:modified"]["@value"] == "2026-04-01"

    def test_each_distribution_has_format_url_and_cc_by_licence(self, dataset):
        """Every distribution names its format, where it is, and CC BY 4.0."""
        names = set()
        for distribution in dataset["dcat:distribution"]:
            assert distribution["dct:format"]["@id"].startswith("http://publications.europa.eu/")
            assert distribution["dcat:accessURL"]["@id"].startswith(BASE)
            licence = distribution["dct:license"]["@id"]
            assert licence == "https://creativecommons.org/licenses/by/4.0/"
            names.add(distribution["dcat:accessURL"]["@id"].removeprefix(BASE))
        assert names == {"elenco-coworking.csv", "elenco-coworking.json", "elenco-coworking.html"}
