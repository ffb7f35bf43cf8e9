"""Real PDF/A documents, opened again with pikepdf and pypdf."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest

from coworkreg_core import Towns, get_plugin_manager
from coworkreg_core.documents import DOCUMENTS, DocumentRequest, render_document
from coworkreg_core.errors import RenderError
from coworkreg_core.render import TownTemplates, renderers_from_plugins
from coworkreg_core.towns import TownPack
from coworkreg_weasyprint import PdfRenderer

INJECTION = '<img src="file:///etc/passwd"><script>alert(1)</script>'


@pytest.fixture(scope="module")
def towns() -> Towns:
    return Towns.from_plugins(get_plugin_manager())


def render(towns: Towns, kind: str, renderer: PdfRenderer | None = None, **changes: Any) -> bytes:
    context = {**DOCUMENTS[kind].example_context(), **changes}
    request = DocumentRequest(kind=kind, town=changes.pop("town", "seregno"), context=context)
    return render_document(renderer or PdfRenderer(), request, towns)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture(scope="module")
def refusal_notice(towns: Towns) -> bytes:
    return render(towns, "refusal_notice")


class TestPdfA:
    @pytest.mark.parametrize("kind", sorted(set(DOCUMENTS) - {"public_list"}))
    def test_every_document_declares_pdfa_2b(self, towns: Towns, kind: str) -> None:
        """XMP says pdfaid part 2, conformance B; an sRGB output intent and an /ID exist."""
        with pikepdf.open(io.BytesIO(render(towns, kind))) as pdf:
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "2"
            assert meta["pdfaid:conformance"] == "B"
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFA1"
            assert len(pdf.trailer.ID) == 2

    def test_metadata_names_the_document_the_town_and_the_language(
        self, refusal_notice: bytes
    ) -> None:
        """Title with protocol number, the town as author and creator, it-IT, fixed dates."""
        with pikepdf.open(io.BytesIO(refusal_notice)) as pdf:
            meta = pdf.open_metadata()
            assert "10-bis" in meta["dc:title"]
            assert "0012345/2026" in meta["dc:title"]
            assert meta["dc:creator"] == ["Comune di Seregno"]
            assert meta["xmp:CreatorTool"].startswith("Comune di Seregno")
            assert meta["xmp:CreateDate"] == "2026-03-02T09:30:00+01:00"
            assert pdf.Root.Lang == "it-IT"

    def test_every_font_is_embedded_and_titillium_is_used(self, refusal_notice: bytes) -> None:
        """Each font has a font file; the shipped Titillium Web is among them."""
        names = []
        with pikepdf.open(io.BytesIO(refusal_notice)) as pdf:
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    descriptor = (
                        font.FontDescriptor
                        if "/FontDescriptor" in font
                        else font.DescendantFonts[0].FontDescriptor
                    )
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())
                    names.append(str(font.BaseFont))
        assert any("Titillium-Web" in name for name in names)


class TestContent:
    def test_the_refusal_notice_holds_protocol_number_grounds_and_term(
        self, refusal_notice: bytes
    ) -> None:
        """The text layer carries what the addressee must read."""
        text = text_of(refusal_notice)
        assert "0012345/2026" in text
        assert "inferiore a 100 Mbit/s" in text
        assert "Avviso pubblico, art. 3 c. 2 lett. a" in text
        assert "10 giorni" in text
        assert "12/03/2026" in text

    def test_the_receipt_holds_the_application_protocol_number(self, towns: Towns) -> None:
        """The receipt quotes the application's protocol number and what was filed."""
        text = text_of(render(towns, "receipt"))
        assert "0011111/2026" in text
        assert "Planimetria dei locali" in text

    def test_the_certificate_holds_registration_number_and_validity(self, towns: Towns) -> None:
        """Registration number and validity dates appear in Italian format."""
        text = text_of(render(towns, "listing_certificate"))
        assert "COW-2026-0007" in text
        assert "31/03/2029" in text

    def test_a_neighbour_town_signs_its_own_documents(self, towns: Towns) -> None:
        """Desio extends Seregno: Seregno's templates, Desio's name."""
        pdf = render(towns, "receipt", town="desio")
        assert "Comune di Desio" in text_of(pdf)
        with pikepdf.open(io.BytesIO(pdf)) as opened:
            assert opened.open_metadata()["dc:creator"] == ["Comune di Desio"]

    @pytest.mark.slow
    def test_the_public_list_is_landscape_with_the_header_on_every_page(self, towns: Towns) -> None:
        """Many providers flow over pages of A4 landscape, each with the column headings."""
        entries = [
            {
                "registration_number": f"COW-2026-{n:04d}",
                "name": f"Coworking {n}",
                "address": f"Via Roma {n}, 20831 Seregno (MB)",
                "services": ["connectivity", "reception"],
                "valid_until": "2029-03-31",
            }
            for n in range(1, 121)
        ]
        pdf = render(towns, "public_list", entries=entries)
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) > 1
        for page in reader.pages:
            assert page.mediabox.width > page.mediabox.height
            assert "N. iscrizione" in page.extract_text()
        assert "COW-2026-0120" in text_of(pdf)


class TestReproducible:
    def test_the_same_input_gives_the_same_bytes(self, towns: Towns, refusal_notice: bytes) -> None:
        """Two renders, in two renderer instances, are byte-identical."""
        assert render(towns, "refusal_notice") == refusal_notice

    def test_another_issue_date_gives_other_bytes(
        self, towns: Towns, refusal_notice: bytes
    ) -> None:
        """The creation date comes from the context, so it changes the file."""
        later = render(towns, "refusal_notice", issued_at="2026-03-03T10:00:00+01:00")
        assert later != refusal_notice


class TestSandbox:
    def test_markup_in_a_provider_name_is_text_and_fetches_nothing(self, towns: Towns) -> None:
        """The injected tag is printed; only the pack's assets and fonts are asked for."""
        asked: list[tuple[str, bool]] = []
        provider = {**DOCUMENTS["receipt"].example_context()["provider"], "name": INJECTION}
        pdf = render(
            towns,
            "receipt",
            PdfRenderer(audit=lambda u, ok: asked.append((u, ok))),
            provider=provider,
        )
        assert "file:///etc/" in text_of(pdf)
        assert "<script>alert(1)</script>" in text_of(pdf)
        assert asked
        assert all(ok for _, ok in asked)
        assert {url.split(":")[0] for url, _ in asked} == {"coworkreg-asset", "coworkreg-font"}

    @pytest.mark.parametrize(
        "markup",
        [
            '<img src="file:///etc/passwd">',
            '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
            '<img src="https://example.org/track.png">',
            '<img src="data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E">',
            '<img src="coworkreg-asset:../town.yaml">',
            '<div style="background: url(coworkreg-font:/etc/passwd)">x</div>',
        ],
    )
    def test_a_template_asking_outside_the_pack_is_stopped(
        self, tmp_path: Path, towns: Towns, markup: str
    ) -> None:
        """A town template with a forbidden URL fails with RenderError naming the URL."""
        (tmp_path / "town.yaml").write_text(
            "id: meda\nname: Comune di Meda\nistat_code: '108031'\nextends: seregno\n"
        )
        (tmp_path / "templates").mkdir()
        (tmp_path / "templates" / "evil.html").write_text(f"<html><body>{markup}</body></html>")
        chained = Towns([*towns.as_mapping().values(), TownPack.from_directory(tmp_path)])
        asked: list[tuple[str, bool]] = []
        renderer = PdfRenderer(audit=lambda u, ok: asked.append((u, ok)))
        with pytest.raises(RenderError, match="refused to fetch"):
            renderer.render("evil.html", {}, templates=TownTemplates(chained, "meda"))
        assert [ok for _, ok in asked if not _.startswith("coworkreg-font:titillium")] == [False]


class TestPlugin:
    def test_the_entry_point_provides_the_pdf_renderer(self) -> None:
        """Installed, the plugin answers for application/pdf."""
        renderers = renderers_from_plugins(get_plugin_manager())
        assert isinstance(renderers["application/pdf"], PdfRenderer)
        assert renderers["application/pdf"].media_type == "application/pdf"
