"""Across services (programme.html): a small collection whose every figure is worked out by hand
below, read from a folder on file:// and over http; the small-number rule; names hidden by default;
bad files and a repeated assessment; the tidy and summary CSV read back. The files are checked in a
Worker; where one cannot start (no Worker, a policy without worker-src blob:) or it stops, the page
checks them itself and shows the same. (The pure rules of MPW.programme are tested in Node:
tests/js/programme.test.js.)

The collection (site.toml's smallest_group is 3), each service's latest assessment in brackets:

    service  assessments                     1.1          1.2   1.3          1.4
    Alpha    Baseline                        S2 fully     N/A   S3 WIP       S1
             [6-month review]                S3 fully     N/A   S2           S1
    Bravo    Baseline                        S2 WIP       N/A   S3           S1
             [6-month review]                S2 WIP       S1    S4 (→S5)     S1
    Charlie  Baseline                        S2 fully     N/A   S1           S1
             [6-month review]                S2 fully     N/A   S2           S1
    Delta    [Baseline], individual          S4           S2    –            S1
    Echo…    [Baseline], method not given    S2 fully     N/A   S3           S5

Every other indicator is unanswered. Delta is sent twice (the older copy is left out), and four
bad files sit beside them: cut short, Windows-1252 text, over the size limit, and a README.txt
(skipped when the folder is chosen, refused when chosen as a file).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from py_pages import reload
from tabs import TabPerTest, tab_per_test
from test_discussion import pdf_text

from benchmarks.collection import write_collection
from mpw_static.assessment_file import MAX_BYTES
from support import FROM_THE_FOLDER_ONLY, ROOT, download, watch_for_errors

pytestmark = pytest.mark.browser

FULLY, WIP = "fully-achieved", "work-in-progress"
HOSTILE = 'Echo <img src=x onerror="window.pwned=1">'
SERVICES = {
    "Alpha": ("Board A", "group"),
    "Bravo": ("Board A", "group"),
    "Charlie": ("Board B", "group"),
    "Delta": ("Board B; Delta Council", "individual"),
    HOSTILE: ("Board C", None),
}
# (service, cycle, date, {indicator: (statement, evidence, target)})
ASSESSMENTS = [
    ("Alpha", "Baseline", "2025-01-10", {"1.1": (2, FULLY), "1.2": ("n/a",), "1.3": (3, WIP), "1.4": (1,)}),
    ("Alpha", "6-month review", "2025-07-10", {"1.1": (3, FULLY), "1.2": ("n/a",), "1.3": (2,), "1.4": (1,)}),
    ("Bravo", "Baseline", "2025-01-11", {"1.1": (2, WIP), "1.2": ("n/a",), "1.3": (3,), "1.4": (1,)}),
    ("Bravo", "6-month review", "2025-07-11", {"1.1": (2, WIP), "1.2": (1,), "1.3": (4, None, 5), "1.4": (1,)}),
    ("Charlie", "Baseline", "2025-01-12", {"1.1": (2, FULLY), "1.2": ("n/a",), "1.3": (1,), "1.4": (1,)}),
    ("Charlie", "6-month review", "2025-07-12", {"1.1": (2, FULLY), "1.2": ("n/a",), "1.3": (2,), "1.4": (1,)}),
    ("Delta", "Baseline", "2025-02-01", {"1.1": (4,), "1.2": (2,), "1.4": (1,)}),
    (HOSTILE, "Baseline", "2025-02-02", {"1.1": (2, FULLY), "1.2": ("n/a",), "1.3": (3,), "1.4": (5,)}),
]
HIDDEN = "not shown"  # the one marker of every held-back figure


def assessment_file(number: int, service: str, cycle: str, day: str, answers: dict) -> dict:
    organisations, method = SERVICES[service]
    ratings = {}
    for indicator, answer in answers.items():
        rating: dict = {"statement": answer[0]}
        if len(answer) > 1 and answer[1]:
            rating["evidence"] = answer[1]
        if len(answer) > 2:
            rating["target"] = answer[2]
        ratings[indicator] = rating
    return {
        "format": "mpw-assessment",
        "format_version": 2,
        "framework_version": "FINAL – amended April 2023",
        "id": f"0000000{number}-aaaa-4aaa-8aaa-00000000000{number}",
        "service": {"name": service, "organisations": organisations},
        "date": day,
        "method": method,
        "review_cycle": cycle,
        "ratings": ratings,
        "created": f"{day}T09:00:00Z",
        "updated": f"{day}T17:00:00Z",
    }


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The collection above in one folder, as a lead would gather it."""
    folder = tmp_path_factory.mktemp("collection")
    for number, (service, cycle, day, answers) in enumerate(ASSESSMENTS, start=1):
        (folder / f"file-{number:02d}.json").write_text(
            json.dumps(assessment_file(number, service, cycle, day, answers))
        )
    older = assessment_file(7, *ASSESSMENTS[6])
    older["updated"] = "2025-02-01T10:00:00Z"  # the same Delta assessment, saved earlier that day
    older["ratings"]["1.1"] = {"statement": 1}
    (folder / "file-09.json").write_text(json.dumps(older))
    (folder / "file-10.json").write_text('{"format": "mpw-assessment", "format_version": 2, "id": "cut')
    (folder / "file-11.json").write_bytes(
        json.dumps(assessment_file(11, "Alpha", "", "2025-03-01", {})).replace("Alpha", "Caf\u00e9").encode("cp1252")
    )
    (folder / "file-12.json").write_bytes(b" " * (MAX_BYTES + 1))
    (folder / "README.txt").write_text("Collected files.\n")
    return folder


tabs = tab_per_test(viewport={"width": 1280, "height": 900})


@pytest.fixture
def page(tabs: TabPerTest, site_base: str) -> Iterator[Page]:
    yield from tabs.open(site_base + "programme.html")


def choose_folder(page: Page, folder: Path) -> None:
    page.set_input_files("#programme-folder", str(folder))
    expect(page.locator("[data-role=results]")).to_be_visible()


def cells(page: Page, caption: str, row: str) -> list[str]:
    """The cells of one row (by its heading's start) of the table with this caption."""
    table = page.locator("table", has=page.locator("caption", has_text=caption)).first
    line = table.locator("tbody tr", has=page.locator("th", has_text=row)).first
    return [" ".join(text.split()) for text in line.locator("td").all_inner_texts()]


def overview(page: Page) -> dict[str, str]:
    terms = page.locator(".programme-overview dt").all_inner_texts()
    values = page.locator(".programme-overview dd").all_inner_texts()
    return dict(zip(terms, values, strict=True))


def reading(page: Page) -> str | None:
    """Where the page checks the files: in a Worker ("worker") or itself ("page")."""
    return page.get_attribute("[data-module=mpw-programme]", "data-reading")


def test_a_folder_gives_the_figures_worked_out_by_hand_in_a_worker(page: Page, collection: Path) -> None:
    choose_folder(page, collection)
    check_hand_worked_figures(page, collection)
    assert reading(page) == "worker"  # on file:// and over http alike
    assert len(page.workers) == 1


def check_hand_worked_figures(page: Page, collection: Path) -> None:
    """The view of the collection in the module's docstring, figure by figure."""
    assert overview(page) == {
        "Files read": "12",  # the README.txt is not read from a folder
        "Files left out": "3",
        "Older copies of the same assessment, left out": "1",
        "Assessments used": "8",
        "Assessment dates": "10/01/2025 to 12/07/2025",  # as the site writes dates
        "Review cycle labels used": "2",
        "Assessments by method: group": "6",
        "Assessments by method: individual": HIDDEN,  # one service's assessment
        "Assessments by method: not given": HIDDEN,  # held back with it: 1 + 1 could otherwise be told
        "Services": "5",
        "Organisations named": "4",  # Board A, Board B, Delta Council, Board C
    }
    # Three lists, each counting one thing.
    assert page.locator(".programme-overview + h3, [data-role=results] h3").all_inner_texts()[:3] == [
        "Files",
        "Assessments",
        "Services",
    ]
    page.click("summary:has-text('Files left out (3)')")
    refused = page.locator(".programme-details[open] li").all_inner_texts()
    assert any(
        line.endswith(
            "/file-10.json: the file is not valid JSON. It may be damaged or not a saved assessment: "
            "ask whoever sent it for a new download."
        )
        for line in refused
    )
    assert any("/file-11.json: the file is not UTF-8 text" in line for line in refused)
    assert any("/file-12.json: the file is 2,000,001 bytes, more than an assessment can be" in line for line in refused)
    page.click("summary:has-text('The same assessment in more than one file (1)')")
    replaced = page.locator(".programme-details[open] li").all_inner_texts()[-1]
    assert (
        replaced
        == f"{collection.name}/file-09.json was left out: {collection.name}/file-07.json holds the same assessment, updated later."
    )
    assert "1 other file in the folder is not a .json file and was not read." in page.inner_text("[data-role=results]")

    # Where services stand, each one's latest assessment. 1.1: S2 ×3, S3 ×1, S4 ×1, so S3 and S4
    # are held back; S2's split (2 fully, 1 WIP) is held back too, both parts being small.
    table = "Services at each statement, domain 1"
    assert cells(page, table, "1.1 ") == [
        "0",
        "3 (■ Fully achieved not shown, ▧ Work in progress not shown)",
        HIDDEN,
        HIDDEN,
        "0",
        "0",
        "0",
    ]
    assert cells(page, table, "1.2 ") == [HIDDEN, HIDDEN, "0", "0", "0", "3", "0"]
    assert cells(page, table, "1.3 ") == ["0", HIDDEN, HIDDEN, HIDDEN, "0", "0", HIDDEN]
    # 1.4: S1 ×4 and S5 ×1. One held-back figure alone could be worked out from the total of 5,
    # so the smallest other figure is held back with it.
    assert cells(page, table, "1.4 ") == [HIDDEN, "0", "0", "0", HIDDEN, "0", "0"]
    # A domain's figure adds up its indicators' and is shown only when all of them are: N/A
    # (0 + 3 + 0 + 0) is; S1 is not, as 1.2's and 1.4's are held back.
    assert cells(page, table, "All of domain 1") == [HIDDEN] * 5 + ["3", HIDDEN]
    # A domain nobody answered: 5 services × 5 indicators, all not answered.
    assert cells(page, "Services at each statement, domain 2", "All of domain 2") == ["0"] * 6 + ["25"]

    # How services moved, first assessment to latest, for Alpha, Bravo and Charlie.
    movement = "Movement in domain 1"
    assert cells(page, movement, "1.1 ") == [HIDDEN, HIDDEN, "0", "0", "0"]  # on 1, held 2
    assert cells(page, movement, "1.2 ") == ["0", HIDDEN, "0", HIDDEN, "0"]  # held 2, N/A→S1 1
    assert cells(page, movement, "1.3 ") == [HIDDEN, "0", HIDDEN, "0", "0"]  # on 2, back 1
    assert cells(page, movement, "1.4 ") == ["0", "3", "0", "0", "0"]
    assert cells(page, movement, "All of domain 1") == [HIDDEN] * 4 + ["0"]

    # Relevance: 1.2 is the one most often N/A; only Bravo set a target (1.3), held back.
    relevance = page.locator("table", has=page.locator("caption", has_text="marked them N/A")).locator("tbody tr")
    assert relevance.first.inner_text().split("\t") == ["1.2 Strategic and senior leader engagement", "3", "0"]
    assert cells(page, "marked them N/A", "1.3 ") == ["0", HIDDEN]
    assert "fewer than" not in page.inner_text("[data-role=results]")  # one marker, whatever held a figure back
    assert "%" not in page.inner_text("[data-role=results]")  # counts, never a score


@FROM_THE_FOLDER_ONLY
def test_the_page_leaves_no_global_but_mpw(page: Page, collection: Path, tmp_path: Path) -> None:
    choose_folder(page, collection)
    (tmp_path / "blank.html").write_text("<!doctype html><title>No scripts</title>", encoding="utf-8")
    blank = page.context.new_page()
    blank.goto((tmp_path / "blank.html").as_uri())  # a page from a folder too, with what the browser defines
    own = set(page.evaluate("Object.keys(window)")) - set(blank.evaluate("Object.keys(window)"))
    assert own == {"MPW"}
    assert page.evaluate("Object.keys(MPW).filter(key => /page/i.test(key))") == []  # no MPW.programmePage


def test_a_page_whose_component_fails_to_start_says_it_cannot_read_files(browser: Browser, real_site: Path) -> None:
    opened = browser.new_page()
    said = []
    opened.on("console", lambda message: said.append(message.text))
    # The results' element goes before the page's scripts start: the component cannot start.
    opened.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => document.querySelector('[data-role=results]').remove())"
    )
    opened.goto((real_site / "programme.html").as_uri())
    expect(opened.locator("[data-role=not-started]")).to_have_text(
        "This page cannot read files: its script did not start. Reload the page; if this message stays, "
        "try another browser, and tell whoever looks after this site."
    )
    expect(opened.locator("[data-module=mpw-programme]")).to_have_attribute("data-module-failed", "")
    assert "mpw: mpw-programme did not start: MissingElementError" in said
    opened.close()


NO_WORKER = "window.Worker = function () { throw new Error('no Worker here') }"


@FROM_THE_FOLDER_ONLY
def test_without_a_worker_the_page_checks_the_files_itself_with_the_same_figures(
    page: Page, collection: Path, tmp_path: Path
) -> None:
    choose_folder(page, collection)
    shown = page.inner_text("[data-role=results]")
    figures = download(page, "summary", tmp_path).read_bytes()
    tidy = download(page, "tidy", tmp_path).read_bytes()
    without = page.context.new_page()
    without.add_init_script(NO_WORKER)
    errors = watch_for_errors(without)
    without.goto(page.url)
    choose_folder(without, collection)
    assert reading(without) == "page" and without.workers == []
    assert without.inner_text("[data-role=results]") == shown
    check_hand_worked_figures(without, collection)
    assert download(without, "summary", tmp_path).read_bytes() == figures
    assert download(without, "tidy", tmp_path).read_bytes() == tidy
    assert errors == []


def test_a_policy_without_worker_src_leaves_the_checking_to_the_page(
    browser: Browser, real_site: Path, collection: Path, tmp_path: Path
) -> None:
    """A host or theme whose policy refuses blob: Workers: the page reads the files anyway."""
    site = tmp_path / "site"
    shutil.copytree(real_site, site)
    html = (site / "programme.html").read_text(encoding="utf-8")
    assert html.count("; worker-src blob:;") == 1
    (site / "programme.html").write_text(html.replace("; worker-src blob:;", ";"), encoding="utf-8")
    opened = browser.new_page()
    opened.goto((site / "programme.html").as_uri())
    choose_folder(opened, collection)
    assert reading(opened) == "page"
    check_hand_worked_figures(opened, collection)
    opened.close()


# Stops the page's Worker when it is handed files while window.stopWorker is set, as a Worker that
# runs out of memory would stop.
STOPPING_WORKER = """
const RealWorker = window.Worker
window.Worker = function (url) {
  const worker = new RealWorker(url)
  const post = worker.postMessage.bind(worker)
  worker.postMessage = function (message, transfer) {
    if (!window.stopWorker || message.type !== 'files') return post(message, transfer)
    worker.terminate()
    setTimeout(function () { worker.onerror(new ErrorEvent('error', { message: 'stopped on purpose' })) }, 0)
  }
  return worker
}
"""


@FROM_THE_FOLDER_ONLY
def test_a_worker_that_stops_leaves_the_page_to_read_the_files_itself(page: Page, collection: Path) -> None:
    """The Worker stops while it checks a second choice of files: the page reads them itself, and
    shows what the Worker would have shown."""
    first = [str(path) for path in sorted(collection.glob("file-0[1-5].json"))]
    every = [str(path) for path in sorted(collection.glob("file-*.json"))]
    page.set_input_files("#programme-files", every)
    expect(page.locator("[data-role=status]")).to_contain_text("12 files read")
    shown = page.inner_text("[data-role=results]")
    stopping = page.context.new_page()
    stopping.add_init_script(STOPPING_WORKER)
    stopping.goto(page.url)
    stopping.set_input_files("#programme-files", first)
    expect(stopping.locator("[data-role=status]")).to_have_text("5 files read: 5 assessments used, 0 files left out.")
    assert reading(stopping) == "worker"
    stopping.evaluate("window.stopWorker = true")
    stopping.set_input_files("#programme-files", every)
    expect(stopping.locator("[data-role=status]")).to_contain_text("12 files read")
    assert reading(stopping) == "page"
    assert stopping.inner_text("[data-role=results]") == shown


@FROM_THE_FOLDER_ONLY
def test_there_is_one_view_of_the_files_and_the_page_says_why(page: Page, collection: Path) -> None:
    """A view per review cycle, set beside the latest, would give held-back figures away by
    difference (the outside tester's finding): the page offers no choice of view, and says why."""
    choose_folder(page, collection)
    results = page.locator("[data-role=results]")
    assert results.locator("select").count() == 0
    assert "Review cycle:" not in page.inner_text("[data-role=results]")
    expect(page.locator(".programme-load .hint").first).to_have_text(
        "There is one view of the files, and no view by review cycle: two views of overlapping sets of files, "
        "set side by side, would let a held-back figure be worked out by difference. For the same reason, "
        "share the figures of one set of files only."
    )
    assert page.inner_text(".programme-controls .hint") == "This view uses 5 services."
    assert "No service has two or more assessments here" not in page.inner_text("[data-role=results]")
    # The tidy data is the files' own, unprotected: the page says so beside its button.
    expect(page.locator(".programme-tidy-note")).to_have_text(
        "The tidy data holds every file’s answers, with service names, for your own analysis: the "
        "small-number rule does not apply to it, so do not publish it."
    )


def test_the_file_chooser_comes_first_and_the_tidy_columns_after_the_results(page: Page) -> None:
    """The tester found the file chooser some 1,750 px down, below the tidy data's columns."""
    page.set_viewport_size({"width": 1280, "height": 800})
    chooser = page.locator("#programme-files").bounding_box()
    columns = page.locator("h2", has_text="columns")
    assert chooser and chooser["y"] + chooser["height"] < 800, chooser  # on the first screen
    assert columns.bounding_box()["y"] > chooser["y"]
    assert page.evaluate(
        "document.querySelector('[data-role=results]').compareDocumentPosition("
        "document.querySelector('.programme-about')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )


# How far each chart of the results reaches outside the results' column, and how much it was shrunk
# or stretched to fit it (1 is drawn at the width it is shown, its words at their own size).
CHARTS_IN_THEIR_COLUMN = """() => {
    const column = document.querySelector('[data-role=results]').getBoundingClientRect()
    return { sideways: document.documentElement.scrollWidth - innerWidth,
      charts: [...document.querySelectorAll('[data-role=results] svg.chart')].map(chart => {
        const drawn = chart.getBoundingClientRect()
        return { outside: Math.round(Math.max(drawn.right - column.right, column.left - drawn.left)),
                 scale: Math.round(100 * drawn.width / chart.viewBox.baseVal.width) / 100 } }) } }"""


@FROM_THE_FOLDER_ONLY
def test_on_a_phone_each_chart_is_drawn_at_the_width_of_its_column(page: Page, tmp_path: Path) -> None:
    """At 360 and 400 px each domain's chart fits the column, with no sideways scrolling of the page,
    and is drawn at that width, not drawn wider and shrunk (its 13 px words were 7 px: the first
    view measured the results while they were still hidden, 0 px wide). 400 px is the view drawn
    again by the names box."""
    write_collection(tmp_path, files=30, seed=3)
    page.set_viewport_size({"width": 360, "height": 800})
    choose_folder(page, tmp_path)
    fitted = {"sideways": 0, "charts": [{"outside": 0, "scale": 1}] * 8}  # one chart per domain
    assert page.evaluate(CHARTS_IN_THEIR_COLUMN) == fitted, "at 360 px"
    page.set_viewport_size({"width": 400, "height": 800})
    page.check("#programme-names")
    assert page.evaluate(CHARTS_IN_THEIR_COLUMN) == fitted, "at 400 px"


# How many charts the page has put in since the count was started (each redraw puts in 8).
COUNT_CHARTS_PUT_IN = """() => {
    window.chartsPutIn = 0
    new MutationObserver(changes => changes.forEach(change => change.addedNodes.forEach(node => {
        if (node.nodeType === 1) window.chartsPutIn += node.querySelectorAll('svg.chart').length + node.matches('svg.chart')
    }))).observe(document.querySelector('[data-role=results]'), { childList: true, subtree: true })
}"""


@FROM_THE_FOLDER_ONLY
def test_when_the_window_narrows_the_charts_are_drawn_again_at_the_column_s_width(page: Page, tmp_path: Path) -> None:
    """Drawn at 1280 px and the window narrowed to 375 (a tablet turned, a window narrowed), each
    chart stayed 960 px wide, shrunk into 343 px with its 13 px words at about 4.6 px. Now, once the
    resizing stops, the charts alone are drawn again: what the person chose and where focus is stay."""
    write_collection(tmp_path, files=40, seed=3)
    page.set_viewport_size({"width": 1280, "height": 800})
    choose_folder(page, tmp_path)
    page.check("#programme-names")
    page.locator("#programme-names").focus()
    fitted = {"sideways": 0, "charts": [{"outside": 0, "scale": 1}] * 8}  # one chart per domain
    assert page.evaluate(CHARTS_IN_THEIR_COLUMN) == fitted, "at 1280 px"
    tables = page.locator("[data-role=results] table").count()  # with the services' names
    page.evaluate(COUNT_CHARTS_PUT_IN)
    page.set_viewport_size({"width": 1180, "height": 700})  # the charts' widest is 960 px: nothing to redraw
    page.wait_for_timeout(600)
    assert page.evaluate("window.chartsPutIn") == 0
    for width in (1000, 800, 600, 375):  # one drag of the window's edge: drawn again once it stops
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_timeout(50)  # a frame or three apart, as a drag gives them
    page.wait_for_function("() => document.querySelector('svg.chart').viewBox.baseVal.width < 400", timeout=5000)
    page.wait_for_timeout(600)
    assert page.evaluate(CHARTS_IN_THEIR_COLUMN) == fitted, "at 375 px"
    assert page.evaluate("window.chartsPutIn") in (8, 16)  # once (twice if the machine lagged), not per step
    assert page.evaluate("document.activeElement.id") == "programme-names"
    assert page.locator("#programme-names").is_checked()
    assert page.locator("[data-role=results] table").count() == tables


# The charts' drawn widths as the print starts: a listener added after the page's own, so it runs
# after the page has drawn them for the print.
WIDTHS_AT_PRINT = """() => {
    window.widthsAtPrint = null
    addEventListener('beforeprint', () => {
        window.widthsAtPrint = [...document.querySelectorAll('svg.chart')].map(chart => chart.viewBox.baseVal.width)
    })
}"""
CHART_WIDTHS = "() => [...document.querySelectorAll('svg.chart')].map(chart => chart.viewBox.baseVal.width)"


@FROM_THE_FOLDER_ONLY
def test_printed_from_a_narrow_window_the_charts_are_drawn_for_the_page_then_for_the_window_again(
    page: Page, tmp_path: Path
) -> None:
    """Printed from a 375 px window, the charts kept the screen's 343 px and filled half of the A4
    landscape page. They are drawn at their widest for the print, and at the window's width after it."""
    write_collection(tmp_path, files=12, seed=5)
    page.set_viewport_size({"width": 375, "height": 800})
    choose_folder(page, tmp_path)
    on_screen = page.evaluate(CHART_WIDTHS)
    assert len(on_screen) == 8 and set(on_screen) == {
        page.evaluate("document.querySelector('[data-role=results]').clientWidth")
    }
    page.evaluate(WIDTHS_AT_PRINT)
    page.pdf(format="A4", landscape=True)
    assert page.evaluate("window.widthsAtPrint") == [960] * 8
    assert page.evaluate(CHART_WIDTHS) == on_screen  # drawn for the window again after the print


@FROM_THE_FOLDER_ONLY
def test_names_are_hidden_until_asked_shown_as_text_and_off_after_a_reload(page: Page, collection: Path) -> None:
    choose_folder(page, collection)
    text = page.inner_text("body")
    assert not any(name in text for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo"))
    page.check("#programme-names")
    services = page.locator("table", has=page.locator("caption", has_text="Services in this view"))
    assert services.locator("tbody th").all_inner_texts() == ["Alpha", "Bravo", "Charlie", "Delta", HOSTILE]
    assert page.locator("[data-role=results] img").count() == 0  # markup in a file is text
    assert page.evaluate("window.pwned") is None
    reload(page)
    expect(page.locator("[data-role=results]")).to_be_hidden()  # nothing was stored
    choose_folder(page, collection)
    expect(page.locator("#programme-names")).not_to_be_checked()
    assert "Alpha" not in page.inner_text("body")


@FROM_THE_FOLDER_ONLY
def test_choosing_files_again_starts_over_and_bad_ones_never_stop_the_rest(page: Page, collection: Path) -> None:
    """Each choice is a view of its own files only: a view of some files and one of the same files with
    one more service added, set side by side, would give that service's held-back figures away (the
    outside tester's second finding)."""
    page.set_input_files("#programme-files", [str(collection / "README.txt"), str(collection / "file-01.json")])
    expect(page.locator("[data-role=results]")).to_be_visible()
    assert overview(page)["Files left out"] == "1"  # a chosen file is read, whatever its name
    text = page.inner_text("[data-role=results]")
    assert "This view has fewer than 3 services, so it shows no figures, not even how many services it has." in text
    assert "These files come from fewer than 3 services, so nothing is said about the services" in text
    assert "Assessments used" not in text and "This view uses" not in text
    page.set_input_files("#programme-files", sorted(str(path) for path in collection.glob("file-0*.json")))
    expect(page.locator("[data-role=status]")).to_have_text("9 files read: 8 assessments used, 0 files left out.")
    assert overview(page)["Assessments used"] == "8"
    assert overview(page)["Older copies of the same assessment, left out"] == "1"  # Delta's; file-01 is read once
    # One file more, chosen on its own, is a view of that file alone: no figures to set beside the last.
    page.set_input_files("#programme-files", [str(collection / "file-01.json")])
    expect(page.locator("[data-role=status]")).to_have_text("1 file read: 1 assessment used, 0 files left out.")
    assert "This view has fewer than 3 services, so it shows no figures" in page.inner_text("[data-role=results]")
    page.click("[data-action=clear]")
    expect(page.locator("[data-role=results]")).to_be_hidden()
    expect(page.locator("#programme-files")).to_be_focused()


def test_tidy_and_summary_csv_read_back(page: Page, collection: Path, tmp_path: Path) -> None:
    choose_folder(page, collection)
    tidy = download(page, "tidy", tmp_path)
    text = tidy.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # so that Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert list(rows[0]) == [
        "assessment_id", "file", "service", "organisations", "review_cycle", "assessment_date", "updated", "method",
        "framework_version", "domain", "indicator_number", "indicator", "indicator_title", "statement",
        "statement_number", "evidence", "target",
    ]  # fmt: skip
    assert len(rows) == 8 * 45  # one row per assessment and indicator
    by_key = {(row["service"], row["review_cycle"], row["indicator"]): row for row in rows}
    bravo = by_key[("Bravo", "6-month review", "1.3")]
    assert (bravo["statement"], bravo["statement_number"], bravo["evidence"], bravo["target"]) == ("4", "4", "", "5")
    assert (bravo["domain"], bravo["indicator_number"], bravo["updated"]) == ("1", "3", "2025-07-11T17:00:00Z")
    assert by_key[("Alpha", "Baseline", "1.2")]["statement"] == "not_applicable"
    assert by_key[("Alpha", "Baseline", "1.2")]["statement_number"] == ""
    assert by_key[("Alpha", "Baseline", "2.1")]["statement"] == "not_answered"
    assert by_key[("Alpha", "Baseline", "1.1")]["evidence"] == FULLY
    assert by_key[("Delta", "Baseline", "1.1")]["statement"] == "4"  # the later copy of Delta, not the older
    assert by_key[(HOSTILE, "Baseline", "1.4")]["file"].endswith("file-08.json")  # the folder's own path

    summary = download(page, "summary", tmp_path)
    figures = list(csv.DictReader(io.StringIO(summary.read_text(encoding="utf-8").removeprefix("\ufeff"))))
    find = {(row["section"], row["domain"], row["indicator"], row["measure"]): row for row in figures}
    assert len(find) == len(figures)  # one row per measure
    assert find[("distribution", "1", "1.1", "s2")]["value"] == "3"
    assert (find[("distribution", "1", "1.1", "s3")]["value"], find[("distribution", "1", "1.1", "s3")]["note"]) == (
        "",
        HIDDEN,
    )
    # Every measure has its row, held back or not: 8 domains' and 45 indicators' answers (7 counts
    # and 15 evidence parts), movement (5 kinds) and, per indicator, targets.
    assert sum(row["section"] == "distribution" for row in figures) == (8 + 45) * 22
    assert sum(row["section"] == "movement" for row in figures) == (8 + 45) * 5
    assert find[("distribution", "1", "1.1", "s2_no_evidence_level")]["value"] == "0"
    assert find[("movement", "1", "all", "held")]["note"] == HIDDEN
    assert find[("movement", "1", "1.4", "held")]["value"] == "3"
    assert find[("method", "", "", "group")]["value"] == "6"
    assert find[("overview", "", "", "services")]["value"] == "5"
    assert find[("overview", "", "", "services_with_two_or_more_assessments")]["value"] == "3"
    assert {row["note"] for row in figures} == {"", HIDDEN}


@FROM_THE_FOLDER_ONLY
def test_the_view_is_worked_by_keyboard_alone(page: Page, collection: Path) -> None:
    choose_folder(page, collection)
    page.focus("#programme-folder")
    for _ in range(4):  # from the file chooser, past the lists of files left out, to the view's first control
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "programme-names":
            break
    expect(page.locator("#programme-names")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#programme-names")).to_be_checked()
    expect(page.locator("#programme-names")).to_be_focused()  # the view is redrawn, focus stays put
    assert "Alpha" in page.inner_text("[data-role=results]")
    page.keyboard.press("Tab")
    expect(page.locator("[data-action=print]")).to_be_focused()


@FROM_THE_FOLDER_ONLY
def test_printing_gives_the_view_without_the_controls(page: Page, collection: Path) -> None:
    choose_folder(page, collection)
    text, _ = pdf_text(page)
    assert "No service is ranked, scored or totalled here" in text  # the rule goes with the figures
    assert "Where services stand" in text and "How services moved" in text and "Indicators by how often" in text
    assert "The assessment files" not in text and "Set these files aside" not in text
    assert "For health board leads" not in text  # the page's introduction is for the screen


PLURALS = [
    # (language, n, the form Intl.PluralRules picks): Welsh has six forms, English two.
    ("cy", 0, "Darllenwyd 0 ffeil"),
    ("cy", 1, "Darllenwyd 1 ffeil"),
    ("cy", 2, "Darllenwyd 2 ffeil"),
    ("cy", 3, "Darllenwyd 3 ffeil"),
    ("cy", 6, "Darllenwyd 6 ffeil"),
    ("cy", 7, "Darllenwyd 7 o ffeiliau"),
    ("en", 0, "0 files read"),
    ("en", 1, "1 file read"),
    ("en", 2, "2 files read"),
]


def test_counted_phrases_follow_each_languages_plural_rules(browser: Browser, real_site: Path) -> None:
    for language in ("en", "cy"):
        opened = browser.new_page()
        opened.goto((real_site / ("cy/programme.html" if language == "cy" else "programme.html")).as_uri())
        for n, expected in [(n, text) for lang, n, text in PLURALS if lang == language]:
            found = opened.evaluate(
                "n => { const d = JSON.parse(document.getElementById('mpw-assessment-data').textContent);"
                " return MPW.format.plural(d.strings, 'programme_read_files', n, d.language) }",
                n,
            )
            assert found == expected
        # A phrase with no entry for the chosen form falls back to _other.
        assert opened.evaluate("MPW.format.plural({x_other: '{n} things'}, 'x', 1, 'en')") == "1 things"
        opened.close()


@FROM_THE_FOLDER_ONLY
def test_a_folder_with_no_json_files_says_so_and_suggests_choosing_files(page: Page, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "README.txt").write_text("Collected files.\n")
    page.set_input_files("#programme-folder", str(folder))
    message = (
        "The folder you chose has no .json files (or this browser did not pass them on), so nothing was read. "
        "Choose the files themselves instead, with “Choose assessment files (.json)”."
    )
    expect(page.locator("[data-role=progress-text]")).to_have_text(message)
    expect(page.locator("[data-role=status]")).to_have_text(message)
    expect(page.locator("[data-role=results]")).to_be_hidden()


# The corpus's workbook, chosen among the .json files: this page has no Excel box of its own.
WORKBOOK = ROOT / "tests/hostile/files/excel-workbook.xlsx"
WORKBOOK_ADVICE = {
    "en": "excel-workbook.xlsx: the file is an Excel workbook, not a saved assessment, and this page reads only "
    "saved assessments (.json). Open the workbook on the assessment page with “Open an Excel workbook (.xlsx)”, "
    "download it there with “Download assessment (.json)”, and add that .json file here.",
    "cy": "excel-workbook.xlsx: llyfr gwaith Excel yw'r ffeil, nid asesiad wedi'i gadw, a dim ond asesiadau "
    "wedi'u cadw (.json) y mae'r dudalen hon yn eu darllen. Agorwch y llyfr gwaith ar dudalen yr asesiad gydag "
    "“Agor llyfr gwaith Excel (.xlsx)”, lawrlwythwch ef yno gyda “Lawrlwytho'r asesiad (.json)”, ac ychwanegwch "
    "y ffeil .json honno yma.",
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_workbook_among_the_files_is_told_what_to_do_from_this_page(
    page: Page, collection: Path, site_base: str, language: str
) -> None:
    """Not "open it with Open an Excel workbook", a box this page does not have; and two problems of
    one file read as sentences, one after the other."""
    if language == "cy":
        page.goto(site_base + "cy/programme.html")
    two_problems = ROOT / "tests/hostile/files/score-field.json"  # a "score" and a "rank" field
    page.set_input_files("#programme-files", [str(collection / "file-01.json"), str(WORKBOOK), str(two_problems)])
    expect(page.locator("[data-role=results]")).to_be_visible()
    left_out = page.locator(".programme-details li")
    expect(left_out.first).to_have_text(WORKBOOK_ADVICE[language])
    if language == "en":
        fix = "Remove the field from the file, or ask whoever sent it for a new download."
        expect(left_out.nth(1)).to_have_text(
            f"score-field.json: score: unknown field. {fix} rank: unknown field. {fix}"
        )
    labels = page.evaluate("[...document.querySelectorAll('label')].map(label => label.textContent)")
    assert not any("Excel" in label for label in labels)  # the box the assessment page's words name is not here
