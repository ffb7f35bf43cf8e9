"""Templates along the town chain, the sandbox, and the context each document expects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coworkreg_core.documents import DOCUMENTS, DocumentRequest, render_document
from coworkreg_core.errors import DocumentInvalid, RenderError, TemplateNotFound
from coworkreg_core.i18n import Text
from coworkreg_core.plugins import get_plugin_manager
from coworkreg_core.render import (
    HtmlRenderer,
    Renderer,
    TownTemplates,
    render_text,
    safe_relative_name,
)
from coworkreg_core.towns import TownPack, Towns

INJECTION = '<img src="file:///etc/passwd"><script>alert(1)</script>'


def sample_context(kind: str, provider_name: str | None = None) -> dict[str, Any]:
    """The documented example context of ``kind``, optionally with another provider name."""
    context = DOCUMENTS[kind].example_context()
    if provider_name is not None:
        context["provider"] = {**context["provider"], "name": provider_name}
    return context


@pytest.fixture
def towns() -> Towns:
    return Towns.from_plugins(get_plugin_manager())


def neighbour(tmp_path: Path, towns: Towns, files: dict[str, str]) -> Towns:
    """A town pack in ``tmp_path`` that extends Seregno with ``files`` of its own."""
    (tmp_path / "town.yaml").write_text(
        "id: lissone\nname: Comune di Lissone\nistat_code: '108028'\nextends: seregno\n"
    )
    for name, text in files.items():
        target = tmp_path / "templates" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return Towns([*towns.as_mapping().values(), TownPack.from_directory(tmp_path)])


class TestTownTemplates:
    def test_a_town_overrides_one_template_and_inherits_the_rest(
        self, tmp_path: Path, towns: Towns
    ) -> None:
        """Lissone's own receipt wins; its refusal still comes from Seregno."""
        chained = neighbour(tmp_path, towns, {"documents/receipt.html": "LISSONE"})
        templates = TownTemplates(chained, "lissone")
        assert templates.source("documents/receipt.html")[0] == "LISSONE"
        assert "10-bis" in templates.source("documents/refusal_notice.html")[0]

    def test_an_overridden_base_changes_every_document(self, tmp_path: Path, towns: Towns) -> None:
        """{% extends "base.html" %} in Seregno's documents finds the town's own base."""
        chained = neighbour(
            tmp_path, towns, {"base.html": "<p>Carta intestata di {{ town.name }}</p>"}
        )
        html = render_text(
            TownTemplates(chained, "lissone"),
            "documents/receipt.html",
            sample_context("receipt"),
        )
        assert html == "<p>Carta intestata di Comune di Lissone</p>"

    def test_assets_follow_the_chain(self, tmp_path: Path, towns: Towns) -> None:
        """An asset the town lacks comes from the pack it extends."""
        templates = TownTemplates(neighbour(tmp_path, towns, {}), "lissone")
        css = templates.asset("document.css")
        assert css is not None
        assert b"Titillium Web" in css

    @pytest.mark.parametrize(
        "name", ["../town.yaml", "/etc/passwd", "assets/../../town.yaml", "a//b", ""]
    )
    def test_names_that_leave_the_templates_folder_find_nothing(
        self, towns: Towns, name: str
    ) -> None:
        """No template or asset name can reach outside templates/."""
        templates = TownTemplates(towns, "seregno")
        assert safe_relative_name(name) is None
        assert templates.find(name) is None
        assert templates.asset(name) is None

    def test_a_missing_template_names_the_packs_searched(self, towns: Towns) -> None:
        """TemplateNotFound says which packs were looked in."""
        with pytest.raises(TemplateNotFound) as caught:
            TownTemplates(towns, "desio").source("documents/nope.html")
        assert caught.value.searched == ["desio", "seregno"]


class TestSandbox:
    def test_html_in_a_provider_name_is_escaped(self, towns: Towns) -> None:
        """Markup supplied by an applicant reaches the HTML as inert text."""
        html = (
            HtmlRenderer()
            .render(
                "documents/receipt.html",
                {
                    **sample_context("receipt", INJECTION),
                    "kind": "receipt",
                    "title": Text("R", "R"),
                },
                templates=TownTemplates(towns, "seregno"),
            )
            .decode()
        )
        assert '<img src="file:' not in html
        assert "<script>" not in html
        assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html

    def test_templates_cannot_reach_python_internals(self, tmp_path: Path, towns: Towns) -> None:
        """The sandbox stops attribute walks towards os or builtins."""
        chained = neighbour(
            tmp_path, towns, {"evil.html": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}
        )
        with pytest.raises(RenderError, match="unsafe"):
            render_text(TownTemplates(chained, "lissone"), "evil.html", {})

    def test_a_missing_value_fails_instead_of_printing_nothing(
        self, tmp_path: Path, towns: Towns
    ) -> None:
        """Undefined names raise, so no document goes out with a blank."""
        chained = neighbour(tmp_path, towns, {"blank.html": "n. {{ protocol.number }}"})
        with pytest.raises(RenderError, match="protocol"):
            render_text(TownTemplates(chained, "lissone"), "blank.html", {})

    def test_a_syntax_error_names_the_line(self, tmp_path: Path, towns: Towns) -> None:
        """A broken template is reported with its line."""
        chained = neighbour(tmp_path, towns, {"broken.html": "ok\n{% if %}"})
        with pytest.raises(RenderError, match="line 2"):
            render_text(TownTemplates(chained, "lissone"), "broken.html", {})

    def test_text_templates_are_not_escaped(self, towns: Towns) -> None:
        """Mail bodies are plain text: an apostrophe stays an apostrophe."""
        body = render_text(
            TownTemplates(towns, "seregno"),
            "mail/body.txt",
            {**sample_context("receipt", "L'Officina & Co."), "title": DOCUMENTS["receipt"].title},
        )
        assert "Spett.le L'Officina & Co.," in body


class TestDocuments:
    @pytest.mark.parametrize("kind", sorted(DOCUMENTS))
    def test_every_document_renders_from_its_declared_context(
        self, towns: Towns, kind: str
    ) -> None:
        """The spec's fields are enough for Seregno's template of each document."""
        request = DocumentRequest(kind=kind, town="seregno", context=sample_context(kind))
        html = render_document(HtmlRenderer(), request, towns).decode()
        assert DOCUMENTS[kind].title.it.replace("'", "&#39;") in html
        assert '<html lang="it-IT">' in html

    @pytest.mark.parametrize("kind", sorted(DOCUMENTS))
    def test_a_missing_field_is_reported_by_pointer(self, towns: Towns, kind: str) -> None:
        """Each required field left out is one problem at /field."""
        context = sample_context(kind)
        required = [f.name for f in DOCUMENTS[kind].fields if f.required]
        del context[required[-1]]
        with pytest.raises(DocumentInvalid) as caught:
            render_document(HtmlRenderer(), DocumentRequest(kind, "seregno", context), towns)
        assert caught.value.problems.pointers() == [f"/{required[-1]}"]

    def test_the_refusal_notice_lists_grounds_with_references(self, towns: Towns) -> None:
        """The art. 10-bis notice shows each failing rule, its reference and the 10 days."""
        html = render_document(
            HtmlRenderer(),
            DocumentRequest("refusal_notice", "seregno", sample_context("refusal_notice")),
            towns,
        ).decode()
        assert "inferiore a 100 Mbit/s" in html
        assert "Avviso pubblico, art. 3 c. 2 lett. a" in html
        assert "connectivity.min_bandwidth" in html
        assert "<strong>10 giorni</strong>" in html
        assert "12/03/2026" in html

    def test_english_picks_the_english_texts(self, towns: Towns) -> None:
        """With lang=en the grounds and the page language are English."""
        html = render_document(
            HtmlRenderer(),
            DocumentRequest(
                "refusal_notice", "seregno", sample_context("refusal_notice"), lang="en"
            ),
            towns,
        ).decode()
        assert "below 100 Mbit/s" in html
        assert '<html lang="en">' in html

    def test_the_html_renderer_satisfies_the_protocol(self) -> None:
        """HtmlRenderer is a Renderer for text/html."""
        assert isinstance(HtmlRenderer(), Renderer)
        assert HtmlRenderer().media_type == "text/html"


class TestPublicList:
    def test_services_are_named_in_the_readers_language(self, towns: Towns) -> None:
        """Service keys from the data become Italian labels, or English with lang=en."""
        context = DOCUMENTS["public_list"].example_context()
        italian = render_document(
            HtmlRenderer(), DocumentRequest("public_list", "seregno", context), towns
        ).decode()
        english = render_document(
            HtmlRenderer(), DocumentRequest("public_list", "seregno", context, lang="en"), towns
        ).decode()
        assert "rete informatica, portierato, pulizie" in italian
        assert "connectivity, reception, cleaning" in english
