"""Cymraeg in Chromium on file://: switching language, and one assessment used from both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from support import download, watch_for_errors

pytestmark = pytest.mark.browser


def test_switching_language_keeps_the_page_and_the_assessment(
    browser: Browser, real_site: Path, tmp_path: Path
) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = watch_for_errors(page)
    page.goto((real_site / "assess.html").as_uri())
    page.fill("#service-name", "Tîm Glan-yr-afon")
    page.check("#s-1-1-4")
    page.check("#e-1-1-fully")
    page.locator("#service-name").blur()

    page.click(".language-switcher a[hreflang='cy']")
    page.wait_for_load_state()
    assert page.url.endswith("/cy/assess.html")
    assert page.evaluate("document.documentElement.lang") == "cy"
    # The same browser storage: the assessment started in English opens in Welsh.
    assert page.input_value("#service-name") == "Tîm Glan-yr-afon"
    assert page.is_checked("#s-1-1-4") and page.is_checked("#e-1-1-fully")
    assert page.text_content("[data-role='progress']") == "1 o 45 wedi'u hateb"
    page.check("#s-1-2-2")
    assert page.text_content("[data-role=status]").startswith("Wedi'i gadw yn y porwr hwn am ")
    assert page.get_attribute("#indicator-1-1 legend", "lang") == "en"  # the framework's text is not yet translated

    saved = json.loads(download(page, "download-json", tmp_path).read_text(encoding="utf-8"))
    assert saved["language"] == "cy" and saved["ratings"]["1.2"]["statement"] == 2
    csv = download(page, "download-csv", tmp_path).read_bytes().decode("utf-8-sig").splitlines()[0]
    assert csv.startswith('"Parth","Dangosydd","Teitl","Datganiad"')

    page.click(".language-switcher a[hreflang='en']")
    page.wait_for_load_state()
    assert page.url.endswith("/assess.html") and "/cy/" not in page.url
    assert page.is_checked("#s-1-2-2")
    (tmp_path / "en").mkdir()
    english = json.loads(download(page, "download-json", tmp_path / "en").read_text(encoding="utf-8"))
    assert english["language"] == "en" and english["id"] == saved["id"]
    context.close()
    assert errors == []


def test_every_welsh_page_switches_back_to_its_english_page(browser: Browser, real_site: Path) -> None:
    page = browser.new_page()
    for welsh in sorted((real_site / "cy").rglob("*.html")):
        page.goto(welsh.as_uri())
        expect(page.locator(".language-switcher [aria-current='true']")).to_have_text("Cymraeg")
        page.click(".language-switcher a[hreflang='en']")
        page.wait_for_load_state()
        assert page.url == (real_site / welsh.relative_to(real_site / "cy")).as_uri()
    page.close()
