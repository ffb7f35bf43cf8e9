"""The published page in a real browser: every space shows and the filters work."""

from __future__ import annotations

import datetime as dt

import pytest

from coworkreg_core.publication import Publication

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser, entries, tmp_path):
    Publication(
        town_name="Comune di Seregno",
        ipa_code="c_i625",
        as_of=dt.date(2026, 4, 1),
        entries=entries,
    ).write(tmp_path, base_url="https://example.org/opendata/")
    browser.get((tmp_path / "elenco-coworking.html").as_uri())
    return browser


def visible_spaces(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [
        li.find_element(By.CSS_SELECTOR, ".space-name").text
        for li in driver.find_elements(By.CSS_SELECTOR, "li.space")
        if li.is_displayed()
    ]


class TestPublishedPage:
    def test_every_listed_space_is_rendered(self, page, entries):
        """With no filter chosen, every space of every entry is visible."""
        names = [space["name"] for entry in entries for space in entry["spaces"]]
        assert sorted(visible_spaces(page)) == sorted(names)

    def test_service_filter_keeps_only_spaces_offering_it(self, page, entries):
        """Ticking CoBaby leaves exactly the spaces with a childcare space."""
        from selenium.webdriver.common.by import By

        with_childcare = sorted(
            space["name"]
            for entry in entries
            for space in entry["spaces"]
            if "childcare" in space["services"]
        )
        assert 0 < len(with_childcare) < sum(len(e["spaces"]) for e in entries)
        page.find_element(By.CSS_SELECTOR, "input[value=childcare]").click()
        assert sorted(visible_spaces(page)) == with_childcare
        counter = page.find_element(By.ID, "conteggio").text
        assert counter.startswith(f"{len(with_childcare)} spazi mostrati")

    def test_category_filter(self, page, entries):
        """Choosing a category leaves that category's spaces only."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select

        expected = sorted(
            space["name"]
            for entry in entries
            for space in entry["spaces"]
            if entry["provider"]["category"] == "third_sector_body"
        )
        Select(page.find_element(By.ID, "categoria")).select_by_value("third_sector_body")
        assert sorted(visible_spaces(page)) == expected
