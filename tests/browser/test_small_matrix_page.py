"""The assessment page takes the matrix's shape from its embedded data: on a site whose content has 3
domains and 7 indicators (3 + 2 + 2), it fills, saves, downloads and re-imports an assessment of that
matrix, refuses what that matrix lacks, and draws the discussion views; Firefox ESR and WebKitGTK
take the same steps (engines.py). From the folder (file://) only: where the page is opened from
changes storage, which test_assessment.py covers, not the matrix's shape."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from py_pages import reload
from test_discussion import added
from test_other_engines import READY, TEXT, WATCH_ERRORS, open_assessment, show

from engines import Engine, EnginePool
from mpw_static.assessment_file import read_assessment
from mpw_static.build import build_site
from mpw_static.cli import main
from support import SMALL_MATRIX_IDS, download, small_matrix_content, watch_for_errors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small matrix's content folder, and its site built with the real theme."""
    content = small_matrix_content(tmp_path_factory.mktemp("small") / "content")
    site = tmp_path_factory.mktemp("small-site") / "dist"
    build_site(content, site)
    return content, site


@pytest.fixture
def page(browser: Browser, small: tuple[Path, Path]) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="en-GB")
    opened = context.new_page()
    errors = watch_for_errors(opened)
    opened.goto((small[1] / "assess.html").as_uri())
    yield opened
    context.close()
    assert errors == []


def answer_everything(page: Page) -> None:
    page.fill("#service-name", "Small matrix team")
    page.fill("#participants", "District nurse")
    page.fill("#assessment-date", "2026-11-23")
    page.check("#method-individual")
    for position, indicator in enumerate(SMALL_MATRIX_IDS):
        key = indicator.replace(".", "-")
        page.check(f"#s-{key}-{position % 5 + 1}")
    page.check("#e-3-2-fully")
    page.fill("#note-3-2", "The last indicator of the last domain")
    page.fill("#context-3", "Domain 3 is the last one here")
    page.locator("#context-3").blur()


def choose_files(page: Page, field: str, files: dict[str, dict]) -> None:
    page.set_input_files(
        field,
        [
            {"name": name, "mimeType": "application/json", "buffer": json.dumps(data).encode()}
            for name, data in files.items()
        ],
    )


def test_the_page_fills_saves_downloads_and_reimports_an_assessment_of_the_small_matrix(
    page: Page, small: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert page.locator("fieldset.indicator").count() == 7
    answer_everything(page)
    assert page.text_content("[data-role='progress']") == "7 of 7 answered"
    assert page.text_content("[data-domain-progress='3']") == "2 of 2 answered"
    reload(page)
    assert page.is_checked("#s-3-2-2") and page.is_checked("#e-3-2-fully")
    assert page.input_value("#context-3") == "Domain 3 is the last one here"
    assert page.text_content("[data-role='progress']") == "7 of 7 answered"

    saved = download(page, "download-json", tmp_path)
    assessment, problems = read_assessment(saved, SMALL_MATRIX_IDS)
    assert problems == []
    assert list(assessment.ratings) == SMALL_MATRIX_IDS and assessment.ratings["3.2"].statement == 2
    assert assessment.domains["3"].context == "Domain 3 is the last one here"
    content, _ = small
    assert main(["validate", "--content", str(content), str(saved)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{saved.name}: valid assessment (7 of 7 rated)"

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    assert page.text_content("[data-role='progress']") == "0 of 7 answered"
    page.set_input_files("#import-file", str(saved))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    assert page.is_checked("#s-3-2-2") and page.input_value("#note-3-2") == "The last indicator of the last domain"
    assert page.text_content("[data-role='progress']") == "7 of 7 answered"


def test_the_page_refuses_indicators_and_domains_the_small_matrix_does_not_have(
    page: Page, small: tuple[Path, Path], tmp_path: Path
) -> None:
    answer_everything(page)
    saved = json.loads(download(page, "download-json", tmp_path).read_text(encoding="utf-8"))
    wrong = {**saved, "id": "5a11ba11-0000-4000-8000-0000000000ff", "domains": {"4": {"context": "no such domain"}}}
    wrong["ratings"] = {**saved["ratings"], "4.1": {"statement": 1}}
    choose_files(page, "#import-file", {"eight-domains.json": wrong})
    summary = page.locator("[data-role='error-summary']")
    expect(summary).to_be_visible()
    assert summary.locator("li").all_inner_texts() == [
        "domains.4: expected a domain number from 1 to 3. Correct it in the file, or ask whoever sent it for a new download.",
        "ratings: unknown indicator id 4.1. Remove it, or correct it to an indicator id of the matrix, from 1.1 to 3.2.",
    ]


@pytest.mark.parametrize("view", ["profile", "composite", "distance"])
def test_the_discussion_views_draw_the_small_matrix(page: Page, view: str, tmp_path: Path) -> None:
    answer_everything(page)
    saved = json.loads(download(page, "download-json", tmp_path).read_text(encoding="utf-8"))
    first = {**saved, "id": "5a11ba11-0000-4000-8000-000000000001"}  # the saved one is listed already
    second = {
        **first,
        "id": "5a11ba11-0000-4000-8000-000000000002",
        "service": {**first["service"], "participants": "Social worker"},
        "review_cycle": "6-month review",
        "date": "2027-05-23",
        "ratings": {key: {**rating, "statement": 5, "evidence": None} for key, rating in first["ratings"].items()},
    }
    files = {"a.json": first} if view == "profile" else {"a.json": first, "b.json": second}
    if view == "composite":
        files["b.json"] = {**second, "review_cycle": first["review_cycle"], "date": first["date"]}
    choose_files(page, "#compare-files", files)
    expect(page.locator("[data-role=status]")).to_have_text(added(len(files)))
    page.check(f"#view-{view}")
    page.click("[data-action='show-view']")
    expect(page.locator(".discussion-heading")).to_be_focused()
    labels = "labels => labels.map(t => t.firstChild.textContent)"  # without each label's full-text tooltip
    if view == "profile":  # a row for each domain, in the table and the chart
        first_cells = page.locator(".discussion-table").first.locator("tbody tr th").all_inner_texts()
        assert [" ".join(cell.split()) for cell in first_cells] == [
            "1. BUY-IN",
            "2. INTERNAL RELATIONSHIPS, COLLABORATION AND COHESION",
            "3. EXTERNAL RELATIONSHIPS",
        ]
        chart_rows = page.locator(".discussion svg.chart text.chart-label").evaluate_all(labels)
        assert chart_rows == ["Domain 1", "Domain 2", "Domain 3"]
    if view == "composite":  # a row for each indicator
        rows = page.locator(".discussion tr[data-indicator-row]")
        assert [row.get_attribute("data-indicator-row") for row in rows.all()] == SMALL_MATRIX_IDS
        summary = page.text_content(".discussion-summary")  # how many are split is the composite's rule
        assert re.fullmatch(r"[1-7] of 7 indicators are split: start the discussion there\.", summary), summary
    if view == "distance":  # each indicator's movement, then each domain's
        movements = page.locator(".distance-table tbody tr td:last-child").all_inner_texts()
        assert len(movements) == 7 and movements[0].startswith("Moved on: S1 → S5")
        assert page.locator(".discussion-table").nth(1).locator("tbody tr").count() == 3


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request: pytest.FixtureRequest, engine_pool: EnginePool) -> Iterator[Engine]:
    """Firefox ESR or WebKitGTK, borrowed from the test process's pool, as test_other_engines.py does."""
    yield from engine_pool.lend(request.param)


def test_firefox_and_webkit_take_the_small_matrix_from_the_page_s_data(
    engine: Engine, small: tuple[Path, Path]
) -> None:
    """The same page in the other two engines: it fills the 7 indicators, keeps them over a reload,
    downloads a file of that matrix, and draws the profile of its 3 domains (of the form's assessment)."""
    open_assessment(engine, (small[1] / "assess.html").as_uri(), empty=True)
    assert engine.run("return document.querySelectorAll('fieldset.indicator').length") == 7
    engine.type("#service-name", f"{engine.name} small team")
    for indicator in SMALL_MATRIX_IDS:  # clicked as a script does: most are below the fold
        engine.run("document.getElementById(arguments[0]).click()", f"s-{indicator.replace('.', '-')}-2")
    assert engine.run(TEXT, "[data-role=progress]") == "7 of 7 answered"
    engine.reload()
    engine.wait_for(lambda: engine.run(READY), "the page starting again after reload")
    engine.run(WATCH_ERRORS)
    assert engine.run(TEXT, "[data-role=progress]") == "7 of 7 answered"
    engine.click("[data-action='download-json']")
    saved = engine.downloaded(f"mpw-assessment-{engine.name}-small-team")
    assessment, problems = read_assessment(saved, SMALL_MATRIX_IDS)
    assert problems == [] and list(assessment.ratings) == SMALL_MATRIX_IDS
    engine.run("document.querySelectorAll('[data-role=discuss-pick]').forEach(function (box) { box.checked = false })")
    assert show(engine, "profile").startswith(f"Development profile: {engine.name} small team")
    labels = "return Array.from(document.querySelectorAll('.discussion svg.chart text.chart-label'), t => t.firstChild.textContent)"
    assert engine.run(labels) == ["Domain 1", "Domain 2", "Domain 3"]
    assert engine.run("return window.__errors") == []
