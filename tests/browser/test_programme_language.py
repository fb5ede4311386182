"""Across services on the Welsh page (cy/programme.html): the view the scripts draw once files are
read marks the matrix's English words lang="en" (the build fell back to the English content), in
headings, table rows and captions, chart titles and labels, and the movement and N/A tables; a
Welsh sentence around them stays the page's. On the English page nothing the scripts draw gains a
lang=. (The same check in Firefox ESR and WebKitGTK: test_other_engines.py.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_discussion_engines import english_matrix_texts, letters, words
from test_programme import collection  # noqa: F401 - the fixture: a folder of files worked by hand

from mpw_static.load import load_framework
from support import ROOT, watch_for_errors

pytestmark = pytest.mark.browser

# Every text node of the results, with the language it is marked in (the nearest lang=).
RESULT_TEXTS = """
    var found = []
    var walker = document.createTreeWalker(document.querySelector('[data-role=results]'), NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
        var node = walker.currentNode
        var holder = node.parentNode.closest('[lang]')
        found.push([node.textContent, holder ? holder.getAttribute('lang') : '', node.parentNode.tagName.toLowerCase()])
    }
    return found
"""
MARKED = "return document.querySelectorAll('[data-role=results] [lang]').length"


def is_matrix(text: str, english: set[str]) -> bool:
    """The matrix's words, whole or as a chart label shortens them ("1.1 Connections…")."""
    found = words(text)
    if found in english:
        return True
    return text.rstrip().endswith("…") and len(found) >= 4 and any(item.startswith(found) for item in english)


def language_mistakes(found: list[list[str]], page_language: str, english: set[str]) -> list[tuple]:
    """Text marked in the wrong language: the matrix's English words not marked "en" (on a page in
    another language), anything else marked other than the page, and a run of the page's own text
    with the matrix's words inside it (on a page not in English), which no mark can make right."""
    wrong = []
    for text, language, where in found:
        if letters(text) < 4:  # numbers, S1, N/A, marks: the same in both languages
            continue
        matrix = is_matrix(text, english)
        if language != ("en" if matrix else page_language):
            wrong.append((text.strip()[:60], language, where))
        elif (
            page_language != "en"
            and not matrix
            and any(len(part.split()) >= 3 and part in words(text) for part in english)
        ):
            wrong.append((text.strip()[:60], "mixed", where))
    return wrong


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors = watch_for_errors(opened)
    yield opened
    context.close()
    assert errors == []


@pytest.mark.parametrize("path, language", [("cy/programme.html", "cy"), ("programme.html", "en")])
def test_the_view_marks_the_matrix_s_english_words_on_the_welsh_page_and_only_there(
    page: Page,
    real_site: Path,
    collection: Path,  # noqa: F811 - the fixture imported above
    path: str,
    language: str,
) -> None:
    page.goto((real_site / path).as_uri())
    page.set_input_files("#programme-folder", str(collection))
    expect(page.locator("[data-role=results] .programme-domain").first).to_be_visible()
    expect(page.locator("[data-role=results] .programme-section h2")).to_have_count(
        4
    )  # what was read, where services stand, movement, N/A
    found = page.evaluate(f"() => {{ {RESULT_TEXTS} }}")
    assert language_mistakes(found, language, english_matrix_texts()) == []
    if language == "en":
        assert page.evaluate(f"() => {{ {MARKED} }}") == 0
        return
    # The check saw the matrix's words: per indicator a row where services stand, in the chart and
    # in the N/A table, and per domain its heading and captions.
    marked = [text for text, lang, _ in found if lang == "en" and letters(text) >= 4]
    assert len(marked) >= 45 * 3 + 8 * 3
    domain = load_framework(ROOT / "content").domains[0]
    caption = page.locator(".programme-domain caption").first
    expect(caption.locator("span[lang=en]")).to_have_text(domain.title)
    assert caption.inner_text().startswith("Gwasanaethau ym mhob datganiad, parth 1: ")
    chart_title = page.locator(".programme-domain svg > title").first
    assert chart_title.locator("span").get_attribute("lang") == "en"
    # Screen readers still hear the chart's whole title (then its description).
    heard = re.compile("^" + re.escape(f"Gwasanaethau ym mhob datganiad, parth 1: {domain.title} "))
    expect(page.locator(".programme-domain svg").first).to_have_accessible_name(heard)
