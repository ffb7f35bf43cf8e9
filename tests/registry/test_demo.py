"""The demo, the README's first command: it runs and leaves outputs that hold up."""

from __future__ import annotations

import csv
import email
import io
import json
from email.message import Message
from pathlib import Path

import jsonschema
import pikepdf
import pytest
from click.testing import CliRunner

from coworkreg_core.cli import main
from coworkreg_core.demo import examples_dir
from coworkreg_core.resources import load_schema
from coworkreg_core.workflow import verify_chain

from ..publication.privacy import private_values

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def mails(out: Path) -> list[Message]:
    return [
        email.message_from_bytes(path.read_bytes())
        for path in sorted((out / "mail" / "new").iterdir())
    ]


class TestDemoOutputs:
    def test_summary_names_every_outcome(self, tmp_path):
        """The summary shows listed, refused, suspended, withdrawn and pending applications."""
        result = CliRunner().invoke(main, ["demo", "--out", str(tmp_path), "--lang", "en"])
        assert result.exit_code == 0, result.output
        for state in ("listed", "rejected", "suspended", "withdrawn", "submitted"):
            assert f"  {state} " in result.output
        assert "SEREGNO-2026-0001" in result.output
        assert "still pending: 0" in result.output

    def test_json_and_csv_validate_and_agree(self, demo):
        """Every JSON entry satisfies the public-entry schema; the CSV has one row per space."""
        entries = json.loads((demo / "elenco" / "elenco-coworking.json").read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(load_schema("public-entry"))
        assert [list(validator.iter_errors(e)) for e in entries] == [[]] * len(entries)
        assert [e["registration_number"] for e in entries] == [
            "SEREGNO-2026-0001",
            "SEREGNO-2026-0002",
            "SEREGNO-2026-0003",
        ]
        text = (demo / "elenco" / "elenco-coworking.csv").read_text("utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert sorted((r["registration_number"], r["space_id"]) for r in rows) == sorted(
            (e["registration_number"], s["id"]) for e in entries for s in e["spaces"]
        )

    def test_no_private_field_of_any_provider_is_published(self, demo):
        """No value held only in a personal-data field reaches any published file."""
        secrets = set()
        for path in examples_dir().glob("*.json"):
            secrets |= private_values(json.loads(path.read_text("utf-8")))
        assert secrets
        for path in (demo / "elenco").iterdir():
            if path.suffix == ".pdf":
                continue  # read through its text below
            text = path.read_text("utf-8")
            assert sorted(s for s in secrets if s in text) == [], path.name

    def test_every_document_is_pdf_a(self, demo):
        """Each official document and the published list declare PDF/A-2B and embed fonts."""
        pdfs = [
            *sorted((demo / "documenti").glob("*.pdf")),
            demo / "elenco" / "elenco-coworking.pdf",
        ]
        kinds = {p.stem.split("-", 2)[2] for p in pdfs[:-1]}
        assert {
            "receipt",
            "integration_request",
            "refusal_notice",
            "refusal",
            "listing_certificate",
            "suspension",
        } <= kinds
        for path in pdfs:
            with pikepdf.open(path) as pdf:
                meta = pdf.open_metadata()
                assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "B")
                for page in pdf.pages:
                    for font in page.resources.get("/Font", {}).values():
                        descriptor = (
                            font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                        )
                        assert any(
                            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                        )

    def test_each_document_mail_carries_its_pdf(self, demo):
        """Mails that carry a document have it attached; the archive holds the same bytes."""
        documents = {p.read_bytes() for p in (demo / "documenti").glob("*.pdf")}
        attached = 0
        for mail in mails(demo):
            pdfs = [p for p in mail.walk() if p.get_content_type() == "application/pdf"]
            for part in pdfs:
                assert part.get_payload(decode=True) in documents
            attached += len(pdfs)
        assert attached == len(documents)
        assert all(m["Message-ID"] for m in mails(demo))

    def test_histories_verify(self, demo):
        """Every written history's hash chain verifies."""
        files = sorted((demo / "storia").glob("*.json"))
        assert len(files) == 8  # seven providers, one of them renewed
        for path in files:
            assert verify_chain(json.loads(path.read_text("utf-8"))["history"]) is None


def test_published_page_shows_every_listed_provider(demo, browser):
    """In Chromium, the demo's page shows each listed provider; the CoBaby filter narrows it."""
    from selenium.webdriver.common.by import By

    entries = json.loads((demo / "elenco" / "elenco-coworking.json").read_text("utf-8"))
    browser.get((demo / "elenco" / "elenco-coworking.html").as_uri())
    shown = {
        h.text for h in browser.find_elements(By.CSS_SELECTOR, "li.space h2") if h.is_displayed()
    }
    assert shown == {e["provider"]["name"] for e in entries}
    browser.find_element(By.CSS_SELECTOR, "input[value=childcare]").click()
    visible = [li for li in browser.find_elements(By.CSS_SELECTOR, "li.space") if li.is_displayed()]
    expected = sum("childcare" in s["services"] for e in entries for s in e["spaces"])
    assert len(visible) == expected
