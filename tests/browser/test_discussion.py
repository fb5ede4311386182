"""The discussion views on file://: development profile, composite with agreement and split flags,
distance travelled, and printing each of them (and a completed assessment) to PDF."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from printed_pdf import read_pdf
from tabs import TabPerTest, tab_per_test

from mpw_static.assessment_file import read_assessment
from mpw_static.load import load_framework
from support import ROOT, download

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures" / "discussion"
MEMBERS = ["member-a.json", "member-b.json", "member-c.json"]
CYCLES = ["baseline.json", "six-month-review.json"]
# Chromium's print dialog cannot be driven from a test: record the call and print with page.pdf().
STUB_PRINT = "window.print = () => { window.__printed = (window.__printed || 0) + 1 }"


tabs = tab_per_test(STUB_PRINT, viewport={"width": 1280, "height": 900}, locale="en-GB")


@pytest.fixture
def page(tabs: TabPerTest, real_site: Path) -> Iterator[Page]:
    yield from tabs.open((real_site / "assess.html").as_uri())


def added(count: int) -> str:
    """What the status says when `count` files are added to compare, on an English page."""
    if count == 1:
        return "Added 1 file to compare. It is not saved in this browser."
    return f"Added {count} files to compare. They are not saved in this browser."


def compare_files(page: Page, names: list[str]) -> None:
    page.set_input_files("#compare-files", [str(FIXTURES / name) for name in names])
    expect(page.locator("[data-role=status]")).to_have_text(added(len(names)))


def show(page: Page, view: str) -> None:
    page.check(f"#view-{view}")
    page.click("[data-action='show-view']")
    expect(page.locator(".discussion-heading")).to_be_focused()


def row(page: Page, indicator: str):
    return page.locator(f".discussion tr[data-indicator-row='{indicator}']")


def cells(page: Page, indicator: str) -> list[str]:
    return [text.strip() for text in row(page, indicator).locator("th, td").all_text_contents()]


def pdf_text(page: Page) -> tuple[str, list[float]]:
    """The printed text with ligatures undone and all white space as single spaces, and the page size."""
    sheets = read_pdf(page.pdf(prefer_css_page_size=True, print_background=True))
    text = " ".join(sheet.text for sheet in sheets)
    return " ".join(text.split()), [sheets[0].width, sheets[0].height]


def stored_ids(page: Page) -> list[str]:
    return page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:'))"
        ".map(k => k.split(':').pop()).sort()"
    )


def test_composite_flags_agreement_and_split(page: Page) -> None:
    compare_files(page, MEMBERS)
    show(page, "composite")
    headings = page.locator(".composite-table thead th").all_inner_texts()
    assert headings[:4] == ["Indicator", "District nurse", "Social worker", "GP"]
    flags = {
        indicator: row(page, indicator).get_attribute("data-flag")
        for indicator in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "8.6")
    }
    assert flags == {
        "1.1": "agreement",
        "1.2": "split",
        "1.3": "split",
        "1.4": "agreement",
        "2.1": "split",
        "2.2": "too-few",
        "2.3": "split",
        "2.4": "agreement",
        "8.6": "too-few",
    }
    assert cells(page, "1.2")[1:6] == [
        "S1 ▧ Work in progress",
        "S4 ■ Fully achieved",
        "S3 ■ Fully achieved",
        "S1 to S4",
        "Split",
    ]
    assert cells(page, "1.3")[4:6] == ["N/A and S2", "Split"]
    assert cells(page, "2.1")[1:6] == ["S2", "S4", "— Not answered", "S2 to S4", "Split"]
    assert page.text_content(".discussion-summary") == "4 of 45 indicators are split: start the discussion there."


def test_composite_sorts_and_filters_by_split(page: Page) -> None:
    compare_files(page, MEMBERS)
    show(page, "composite")
    page.check("#composite-only-split")
    visible = page.locator(
        ".composite-table tbody:not([hidden]) tr[data-indicator-row]"
    )  # each indicator's row of choices
    assert visible.count() == 4
    assert page.text_content("[data-role=status]") == "Showing 4 of 45 indicators."
    page.select_option("#composite-order", "spread")
    assert [r.get_attribute("data-indicator-row") for r in visible.all()] == ["1.2", "2.1", "2.3", "1.3"]
    page.uncheck("#composite-only-split")
    page.select_option("#composite-order", "matrix")
    assert visible.count() == 45
    assert visible.first.get_attribute("data-indicator-row") == "1.1"


def test_composite_defaults_are_the_median_rounded_down_and_the_majority_evidence(page: Page) -> None:
    compare_files(page, MEMBERS)
    show(page, "composite")
    defaults = {
        indicator: (
            page.input_value(f"#agreed-statement-{indicator.replace('.', '-')}"),
            page.input_value(f"#agreed-evidence-{indicator.replace('.', '-')}"),
        )
        for indicator in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1")
    }
    assert defaults == {
        "1.1": ("2", "work-in-progress"),  # S2, S3, S2: median S2; two of three work in progress
        "1.2": ("3", "fully-achieved"),  # S1, S4, S3: median S3; two of three fully achieved
        "1.3": ("n/a", ""),  # N/A, N/A, S2: most said N/A
        "1.4": ("5", "fully-achieved"),
        "2.1": ("3", ""),  # S2, S4: median 3; no evidence given
        "2.2": ("3", "work-in-progress"),  # one answer
        "2.3": ("2", "work-in-progress"),
        "2.4": ("2", "fully-achieved"),  # S2, S3: median 2.5 rounds down to S2
        "3.1": ("", ""),
    }


def test_saved_composite_lists_its_sources_and_imports_are_not_stored_until_asked(page: Page, tmp_path: Path) -> None:
    compare_files(page, MEMBERS)
    assert stored_ids(page) == []  # opened for comparison only
    show(page, "composite")
    page.select_option("#agreed-statement-1-2", "2")  # the group agrees S2 after discussion
    page.select_option("#agreed-evidence-1-2", "work-in-progress")
    page.click("[data-action='save-composite']")
    expect(page.locator("[data-role=status]")).to_contain_text("as a new composite of 3 assessments")
    assert page.is_checked("#method-composite")
    assert page.is_checked("#s-1-2-2") and page.is_checked("#e-1-2-wip")
    assert len(stored_ids(page)) == 1
    saved_file = download(page, "download-json", tmp_path)
    ids = [indicator.id for indicator in load_framework(ROOT / "content").indicators]
    composite, problems = read_assessment(saved_file, ids)
    assert problems == []
    assert composite.method == "composite"
    assert [(source.id, source.service, source.date.isoformat()) for source in composite.sources] == [
        ("a0000000-0000-4000-8000-00000000000a", "Riverside cluster", "2026-03-02"),
        ("b0000000-0000-4000-8000-00000000000b", "Riverside cluster", "2026-03-02"),
        ("c0000000-0000-4000-8000-00000000000c", "Riverside cluster", "2026-03-02"),
    ]
    assert composite.ratings["1.2"].statement == 2 and composite.ratings["1.3"].statement == "n/a"
    assert composite.ratings["2.4"].statement == 2 and "3.1" not in composite.ratings
    assert composite.service.participants == "District nurse; Social worker; GP"
    page.click("[data-action='keep-compared']")
    assert "a0000000-0000-4000-8000-00000000000a" in stored_ids(page)


def test_distance_travelled_shows_each_movement_and_a_domain_summary(page: Page) -> None:
    compare_files(page, list(reversed(CYCLES)))  # chosen newest first: the view still runs oldest first
    show(page, "distance")
    table = page.locator(".distance-table")
    assert table.locator("thead th").all_inner_texts()[1:] == [
        "Baseline (15/01/2026)",
        "6-month review (15/07/2026)",
        "Movement",
    ]
    movements = {r.get_attribute("data-kind"): None for r in table.locator("tbody tr").all()}
    assert set(movements) == {"forward", "back", "firmer", "same", "changed", "new", "unanswered", "none"}
    texts = {
        indicator: table.locator("tbody tr").nth(index).locator("td").last.inner_text()
        for index, indicator in enumerate(("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"))
    }
    assert texts == {
        "1.1": "Moved on: S2 → S4",
        "1.2": "A step back: S3 → S2",
        "1.3": "Evidence firmer: Work in progress → Fully achieved (S3)",
        "1.4": "No change (S4)",
        "2.1": "Changed: N/A → S2",
        "2.2": "Newly answered: S1",
        "2.3": "Not answered in the latest cycle (was S2)",
        "2.4": "Not answered",
    }
    domains = page.locator(".discussion-table").nth(1)
    assert domains.locator("tbody tr").first.locator("th, td").all_inner_texts() == [
        "1. BUY-IN",
        "1",
        "1",
        "1",
        "0",
        "1",
        "0",
        "0",
        "0",
        "0",
    ]
    assert page.locator(".discussion-warning").count() == 0
    page.check("#distance-only-moved")
    assert table.locator("tbody tr:not([hidden])").count() == 6


def test_distance_points_out_a_change_of_method(page: Page) -> None:
    review = json.loads((FIXTURES / "six-month-review.json").read_text(encoding="utf-8"))
    review["method"] = "individual"
    page.set_input_files(
        "#compare-files",
        [
            {
                "name": "baseline.json",
                "mimeType": "application/json",
                "buffer": (FIXTURES / "baseline.json").read_bytes(),
            },
            {"name": "review.json", "mimeType": "application/json", "buffer": json.dumps(review).encode()},
        ],
    )
    show(page, "distance")
    assert page.text_content(".discussion-warning") == (
        "The method differs between cycles (Group, Individual). The guidance says to repeat the same method "
        "each cycle, so that results can be compared: read these movements with care."
    )


# Four cycles of two services, each named twice, with three methods (one twice): the warnings name
# each method by its label in the page's language and each value once, in the order first seen.
MIXED_CYCLES = [
    ("2025-01-15", "group", "Riverside cluster"),
    ("2025-07-15", "composite", "Riverside cluster"),
    ("2026-01-15", "individual", "Harbour Valley cluster"),
    ("2026-07-15", "individual", "Harbour Valley cluster"),
]


@pytest.mark.parametrize(
    "path, method_warning, service_warning",
    [
        (
            "assess.html",
            "The method differs between cycles (Group, Composite, Individual).",
            "These assessments are of different services or teams (Riverside cluster, Harbour Valley cluster).",
        ),
        (
            "cy/assess.html",
            "Mae'r dull yn wahanol rhwng cylchoedd (Grŵp, Cyfansawdd, Unigol).",
            "Mae'r asesiadau hyn o wasanaethau neu dimau gwahanol (Riverside cluster, Harbour Valley cluster).",
        ),
    ],
)
def test_distance_names_each_method_and_service_once_in_the_pages_language(
    tabs: TabPerTest, real_site: Path, path: str, method_warning: str, service_warning: str
) -> None:
    baseline = json.loads((FIXTURES / "baseline.json").read_text(encoding="utf-8"))
    files = []
    for number, (day, method, service) in enumerate(MIXED_CYCLES, start=1):
        cycle = dict(baseline, id=f"d0000000-0000-4000-8000-0000000000e{number}", date=day, method=method)
        cycle["service"] = dict(baseline["service"], name=service)
        cycle["review_cycle"] = f"Cycle {number}"
        files.append(
            {"name": f"cycle-{number}.json", "mimeType": "application/json", "buffer": json.dumps(cycle).encode()}
        )
    for page in tabs.open((real_site / path).as_uri()):
        page.set_input_files("#compare-files", files)
        expect(page.locator("#view-distance")).to_be_enabled()
        show(page, "distance")
        warnings = page.locator(".discussion-warning").all_text_contents()
        assert [warning.split(")")[0] + ")." for warning in warnings] == [method_warning, service_warning]


def test_the_tables_behind_the_charts_hold_the_same_figures(page: Page) -> None:
    compare_files(page, CYCLES)
    show(page, "distance")
    cycles = page.locator(".discussion-table").first
    cells = [" ".join(text.split()) for text in cycles.locator("tbody tr").nth(0).locator("th, td").all_inner_texts()]
    # baseline: 1.1 S2 ▧, 2.3 S2 ▧, 1.2 S3 ■, 1.3 S3 ▧, 1.4 S4 ■, 2.1 N/A; 39 not answered
    assert cells == [
        "Baseline (15/01/2026)",
        "0",
        "2 (▧ Work in progress 2)",
        "2 (■ Fully achieved 1, ▧ Work in progress 1)",
        "1 (■ Fully achieved 1)",
        "0",
        "1",
        "39",
    ]
    chart = page.locator(".discussion svg.chart")
    assert chart.get_attribute("role") == "img"
    segments = chart.locator("g.seg-group > title").all_text_contents()
    assert segments[:5] == [
        "S2: 2 (2 work in progress)",
        "S3: 2 (1 fully achieved, 1 work in progress)",
        "S4: 1 (1 fully achieved)",
        "N/A: 1",
        "Not answered: 39",
    ]
    for box in page.locator("[data-role=discuss-pick]").all():
        box.uncheck()
    page.locator("[data-role=discuss-pick]").first.check()
    show(page, "profile")
    profile = page.locator(".discussion-table").first
    assert [" ".join(t.split()) for t in profile.locator("tbody tr").first.locator("th, td").all_inner_texts()] == [
        "1. BUY-IN",
        "0",
        "1 (▧ Work in progress 1)",
        "2 (■ Fully achieved 1, ▧ Work in progress 1)",
        "1 (■ Fully achieved 1)",
        "0",
        "0",
        "0",
    ]  # the baseline: S2, S3, S3, S4
    chart_rows = page.locator(".discussion svg.chart text.chart-label").evaluate_all(
        "labels => labels.map(t => t.firstChild.textContent)"
    )  # without each label's full-text tooltip
    assert chart_rows == [f"Domain {n}" for n in range(1, 9)]
    text = page.inner_text(".discussion")
    assert "It is not a race to achieve statement 5" in text
    headings = " ".join(page.locator(".discussion th").all_inner_texts()).lower()
    assert "%" not in text and not any(word in headings for word in ("total", "score", "rank", "percent"))


# The view's chart: the width it is drawn at, the width it is shown at, and the discussion area's.
CHART_WIDTHS = """() => {
    const chart = document.querySelector('.discussion svg.chart')
    return { drawn: chart.viewBox.baseVal.width, shown: Math.round(chart.getBoundingClientRect().width),
             area: document.querySelector('.discussion').clientWidth } }"""


def chart_follows(page: Page, width: int) -> dict:
    """Resize the window, wait for the chart to be drawn at the area's width, and give its widths."""
    page.set_viewport_size({"width": width, "height": 900})
    area = page.evaluate("document.querySelector('.discussion').clientWidth")
    drawn = min(960, max(300, area))  # chart.drawnWidth: 300 to 960 px
    page.wait_for_function(
        f"() => document.querySelector('.discussion svg.chart').viewBox.baseVal.width === {drawn}", timeout=5000
    )
    return page.evaluate(CHART_WIDTHS)


@pytest.mark.parametrize("view, names", [("profile", MEMBERS[:1]), ("distance", CYCLES)])
def test_a_views_chart_is_drawn_again_at_the_new_width_when_the_window_changes_size(
    page: Page, view: str, names: list[str]
) -> None:
    """A phone turned, a window widened: the chart was drawn once, at the first width, and kept it
    (at 375 px widened to 1280 it stayed 343 px; the other way it was 960 px shrunk into 343, its
    words a third of their size). Now it is drawn again once the resizing stops, at the area's width."""
    page.set_viewport_size({"width": 375, "height": 900})
    compare_files(page, names)
    show(page, view)
    narrow = page.evaluate(CHART_WIDTHS)
    assert narrow["drawn"] == narrow["shown"] == narrow["area"] < 375
    wide = chart_follows(page, 1280)
    assert wide["drawn"] == wide["shown"] == min(960, wide["area"]) > 600
    assert chart_follows(page, 375) == narrow
    expect(page.locator(".discussion-heading")).to_have_count(1)  # the chart alone was drawn again
    assert page.locator(".discussion svg.chart").count() == 1


HOSTILE = ROOT / "tests" / "hostile" / "files"
HARBOUR = [f"harbour-{n}.json" for n in range(1, 5)]


@pytest.fixture
def language_page(tabs: TabPerTest, real_site: Path, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The assessment page in the language of its path (request.param): assess.html or cy/assess.html."""
    yield from tabs.open((real_site / request.param).as_uri())


@pytest.mark.parametrize(
    "language_page, said",
    [
        (
            "assess.html",
            [
                "Added 1 file to compare. It is not saved in this browser.",
                "Added 4 files to compare. They are not saved in this browser.",
            ],
        ),
        (
            "cy/assess.html",
            [
                "Ychwanegwyd 1 ffeil i'w chymharu. Nid yw wedi'i chadw yn y porwr hwn.",
                "Ychwanegwyd 4 o ffeiliau i'w cymharu. Nid ydynt wedi'u cadw yn y porwr hwn.",
            ],
        ),
    ],
    indirect=["language_page"],
)
def test_adding_files_to_compare_counts_them_in_the_page_s_language(language_page: Page, said: list[str]) -> None:
    """The status said "Added 2 file(s) to compare": one file, then four, each counted in words."""
    page = language_page
    status = page.locator("[data-role=status]")
    page.set_input_files("#compare-files", str(FIXTURES / "member-a.json"))
    expect(status).to_have_text(said[0])
    page.set_input_files("#compare-files", [str(FIXTURES / name) for name in HARBOUR])
    expect(status).to_have_text(said[1])


@pytest.mark.parametrize(
    "language_page, one, many",
    [
        (
            "assess.html",
            "bad-id.json was not added to compare, and nothing saved here was changed:",
            "2 files were not added to compare; nothing saved here was changed by them:",
        ),
        (
            "cy/assess.html",
            "Nid ychwanegwyd bad-id.json i'w chymharu, ac ni newidiwyd dim sydd wedi'i gadw yma:",
            "Nid ychwanegwyd 2 ffeil i'w cymharu; ni newidiwyd dim sydd wedi'i gadw yma ganddynt:",
        ),
    ],
    indirect=["language_page"],
)
def test_files_refused_for_comparing_are_said_not_added_to_compare_not_not_imported(
    language_page: Page, one: str, many: str
) -> None:
    """Files chosen to compare are never imported: the summary said "5 files were not imported"."""
    page = language_page
    intro = page.locator("[data-role='error-summary'] [data-role=error-intro]")
    page.set_input_files("#compare-files", str(HOSTILE / "bad-id.json"))
    expect(intro).to_have_text(one)
    page.set_input_files("#compare-files", [str(HOSTILE / name) for name in ("empty.json", "bad-id.json")])
    expect(intro).to_have_text(many)
    assert page.locator("[data-role=discuss-pick]").count() == 0
    page.set_input_files("#import-file", str(HOSTILE / "bad-id.json"))  # an import is still said to be one
    expect(intro).to_contain_text("bad-id.json")
    assert "ychwanegwyd" not in intro.text_content() and "added to compare" not in intro.text_content()


def test_a_view_needs_the_right_number_of_assessments(page: Page) -> None:
    compare_files(page, MEMBERS[:1])
    page.check("#view-composite")
    page.click("[data-action='show-view']")
    summary = page.locator("[data-role='error-summary']")
    expect(summary).to_be_focused()
    assert summary.locator("li").all_inner_texts() == ["Choose two or more assessments to compare."]
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "discuss-pick-0"


@pytest.mark.parametrize(
    "view, names, expected",
    [
        (
            "profile",
            ["member-a.json"],
            [
                "Development profile: Riverside cluster",
                "Indicators at each statement",
                "It is not a race to achieve statement 5",
            ],
        ),
        (
            "composite",
            MEMBERS,
            [
                "Composite of 3 assessments",
                "1.2 Strategic and senior leader engagement",
                "District nurse",
                "Split",
                "Agreement",
            ],
        ),
        ("distance", CYCLES, ["Distance travelled: Riverside cluster", "Moved on: S2 → S4", "A step back: S3 → S2"]),
    ],
)
def test_each_view_prints_to_pdf_without_its_controls(
    page: Page, view: str, names: list[str], expected: list[str]
) -> None:
    compare_files(page, names)
    show(page, view)
    page.click("[data-action='print-view']")
    assert page.evaluate("window.__printed") == 1
    text, (width, height) = pdf_text(page)
    for words in expected:
        assert words in text, words
    assert width > height  # landscape
    for control in ("Print this view", "Show only", "Assessments saved in this browser", "Save the composite"):
        assert control not in text
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.body.classList.contains('print-view')") is False


def test_a_completed_assessment_prints_like_the_paper_matrix(page: Page) -> None:
    page.set_input_files("#import-file", str(FIXTURES / "six-month-review.json"))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    page.fill("#context-1", "Team formed in 2025 after the cluster review")
    page.locator("#context-1").blur()
    text, (width, height) = pdf_text(page)
    assert width > height
    assert any(date in text for date in ("15/07/2026", "07/15/2026", "2026-07-15"))  # as the browser's locale shows it
    for words in (
        "Riverside cluster",
        "6-month review",
        "1.1 Connections with people",
        "S4 ■ Fully achieved",
        "S2 ▧ Work in progress",
        "Context (the box underneath the matrix)",
        "Team formed in 2025 after the cluster review",
    ):
        assert words in text, words
    for hidden in ("Assessments saved in this browser", "Compare and discuss", "Download assessment"):
        assert hidden not in text
