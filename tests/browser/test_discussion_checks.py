"""What the independent checks found in the discussion views (issue 12, items 1–8), each against
hand-computed fixtures: tests/fixtures/discussion/make_fixtures.py lists the expected results."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from tabs import TabPerTest, tab_per_test
from test_discussion import FIXTURES, MEMBERS, STUB_PRINT, added, compare_files, show

from support import watch_for_errors

pytestmark = pytest.mark.browser

HARBOUR = [f"harbour-{n}.json" for n in range(1, 5)]


def open_page(browser: Browser, url: str, width: int = 1280, **options) -> tuple[Page, list[str]]:
    context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": 900}, **options)
    context.add_init_script(STUB_PRINT)
    page = context.new_page()
    errors = watch_for_errors(page)
    page.goto(url)
    return page, errors


# An American browser in London: the page must still write dates the British way.
tabs = tab_per_test(STUB_PRINT, viewport={"width": 1280, "height": 900}, locale="en-US", timezone_id="Europe/London")


@pytest.fixture
def page(tabs: TabPerTest, real_site: Path) -> Iterator[Page]:
    yield from tabs.open((real_site / "assess.html").as_uri())


def picks(page: Page) -> list[tuple[str, bool]]:
    """Each entry of "Assessments to include": its name line and whether it is ticked."""
    return [
        (box.locator("xpath=following-sibling::label/span[1]").inner_text(), box.is_checked())
        for box in page.locator("[data-role=discuss-pick]").all()
    ]


def pick_labels(page: Page) -> list[str]:
    return [" ".join(text.split()) for text in page.locator(".discuss-list label").all_inner_texts()]


def test_keeping_a_file_leaves_the_other_ticks_where_they_were(page: Page) -> None:
    """Item 1: entries are keyed by assessment id, not by their place in the list."""
    compare_files(page, HARBOUR)
    boxes = page.locator("[data-role=discuss-pick]")
    boxes.nth(1).uncheck()
    boxes.nth(3).uncheck()  # ticked: the 1st and 3rd
    page.locator("[data-action=keep-compared]").nth(1).click()  # keep the 2nd
    ticked = [
        label
        for label, box in zip(pick_labels(page), page.locator("[data-role=discuss-pick]").all(), strict=True)
        if box.is_checked()
    ]
    assert [re.search(r"Practice nurse|Occupational therapist|Pharmacist|Team manager", t).group() for t in ticked] == [
        "Practice nurse",
        "Pharmacist",
    ]
    show(page, "composite")
    assert page.locator(".composite-table thead th").all_inner_texts()[1:3] == ["Practice nurse", "Pharmacist"]


def test_the_same_assessment_cannot_be_compared_twice(page: Page) -> None:
    """Item 2: a repeated id is refused with a message, whether added again, in one batch, or after keeping."""
    compare_files(page, HARBOUR[:2])
    page.set_input_files("#compare-files", [str(FIXTURES / HARBOUR[0])])
    summary = page.locator("[data-role=error-summary]")
    expect(summary).to_be_focused()
    assert summary.locator("li").all_inner_texts() == [
        "This assessment is already in the list, as “Harbour Valley cluster · Baseline · 02/11/2026” "
        "(it has the same id). Each assessment is counted once."
    ]
    assert page.locator("[data-role=discuss-pick]").count() == 2
    page.locator("[data-action=keep-compared]").first.click()
    page.set_input_files(
        "#compare-files", [str(FIXTURES / HARBOUR[0]), str(FIXTURES / HARBOUR[2]), str(FIXTURES / HARBOUR[2])]
    )
    expect(summary.locator("li")).to_have_count(2)  # the kept file again, and the repeat within the batch
    expect(page.locator("[data-role=discuss-pick]")).to_have_count(3)
    show(page, "composite")
    assert page.text_content(".discussion-heading") == "Composite of 3 assessments"


def test_widest_spread_first_puts_every_split_first_including_na_splits(page: Page) -> None:
    """Item 3: 3.1 (N/A, N/A, S4, S4) is split with a spread of 0 and still comes before agreements."""
    compare_files(page, HARBOUR)
    show(page, "composite")
    assert {
        i: page.get_attribute(f"tr[data-indicator-row='{i}']", "data-flag") for i in ("3.1", "3.2", "3.3", "3.4")
    } == {"3.1": "split", "3.2": "split", "3.3": "agreement", "3.4": "agreement"}
    page.select_option("#composite-order", "spread")
    order = page.eval_on_selector_all(
        ".composite-table tr[data-indicator-row]", "rows => rows.map(r => r.dataset.indicatorRow)"
    )
    assert order[:4] == ["3.2", "3.1", "3.3", "3.4"]
    assert order[4:7] == ["1.1", "1.2", "1.3"]  # the rest keep matrix order


def test_the_list_follows_the_name_as_it_is_typed(page: Page) -> None:
    """Item 4: the list showed the first keystroke ("A · date") until reload."""
    page.locator("#service-name").press_sequentially("Alpha Team")
    expect(page.locator(".discuss-list .discuss-name")).to_have_text([re.compile(r"^Alpha Team · \d\d/\d\d/\d{4}$")])
    page.fill("#review-cycle", "Baseline")
    expect(page.locator(".discuss-list .discuss-name")).to_have_text([re.compile(r"^Alpha Team · Baseline · ")])


def test_members_are_told_apart_and_a_saved_composite_is_labelled_as_one(page: Page) -> None:
    """Item 5: who took part, the file and the time saved; a composite has its own name and date."""
    compare_files(page, HARBOUR[:2])
    assert pick_labels(page) == [
        "Harbour Valley cluster · Baseline · 02/11/2026 "
        "Practice nurse · from harbour-1.json, not saved · last changed 02/11/2026, 11:00",
        "Harbour Valley cluster · Baseline · 02/11/2026 "
        "Occupational therapist · from harbour-2.json, not saved · last changed 02/11/2026, 11:00",
    ]
    show(page, "composite")
    page.click("[data-action=save-composite]")
    assert page.input_value("#review-cycle") == "Baseline"  # the members' shared cycle
    names = [text for text, _ in picks(page)]
    assert "Composite: Harbour Valley cluster · Baseline · 02/11/2026" in names  # the members' date, not today's
    assert page.locator(".library-table tbody th").first.inner_text() == "Composite: Harbour Valley cluster (open now)"


def test_a_composite_of_different_cycles_leaves_its_cycle_for_the_group(page: Page) -> None:
    other = json.loads((FIXTURES / HARBOUR[1]).read_text(encoding="utf-8"))
    other["review_cycle"] = "6-month review"
    page.set_input_files(
        "#compare-files",
        [
            {"name": HARBOUR[0], "mimeType": "application/json", "buffer": (FIXTURES / HARBOUR[0]).read_bytes()},
            {"name": "other.json", "mimeType": "application/json", "buffer": json.dumps(other).encode()},
        ],
    )
    show(page, "composite")
    page.click("[data-action=save-composite]")
    assert page.input_value("#review-cycle") == ""


def chart_figures(page: Page, row: int) -> dict[str, tuple[int, int, int]]:
    """One chart row's segments: {level: (count, fully achieved, work in progress)}."""
    groups = page.locator("svg.chart > g.seg-group")
    figures = page.evaluate("""() => {
      const rows = {}
      for (const g of document.querySelectorAll('svg.chart > g.seg-group')) {
        const y = g.querySelector('rect').getAttribute('y')
        ;(rows[y] = rows[y] || []).push([g.dataset.level, +g.dataset.count, +g.dataset.fully, +g.dataset.wip])
      }
      return Object.keys(rows).sort((a, b) => a - b).map(y => rows[y])
    }""")
    assert groups.count() > 0
    return {level: (count, fully, wip) for level, count, fully, wip in figures[row]}


def table_figures(page: Page, row: int) -> dict[str, tuple[int, int, int]]:
    """One table row's cells read back as {level: (count, fully achieved, work in progress)}."""
    headings = page.locator(".discussion-table").first.locator("thead th").all_inner_texts()[1:]
    cells = page.locator(".discussion-table").first.locator("tbody tr").nth(row).locator("td").all_inner_texts()
    figures = {}
    for heading, cell in zip(headings, cells, strict=True):
        count = int(cell.split()[0])
        fully = re.search(r"■\D*(\d+)", cell)  # the marker, its words for screen readers, the count
        wip = re.search(r"▧\D*(\d+)", cell)
        figures[heading] = (count, int(fully.group(1)) if fully else 0, int(wip.group(1)) if wip else 0)
    return {level: value for level, value in figures.items() if value[0]}


def test_the_profile_chart_shows_the_same_figures_as_its_table(page: Page) -> None:
    """Item 6: the evidence split is in the chart as well as the table, with labels and patterns."""
    compare_files(page, ["member-a.json"])
    show(page, "profile")
    # member-a, domain 1: 1.1 S2 work in progress, 1.2 S1 work in progress, 1.3 N/A, 1.4 S5 fully achieved
    expected = {"S1": (1, 0, 1), "S2": (1, 0, 1), "S5": (1, 1, 0), "N/A": (1, 0, 0)}
    assert chart_figures(page, 0) == expected
    assert table_figures(page, 0) == expected
    # domain 2: 2.1 S2 no level, 2.2 S3 work in progress, 2.3 S1 work in progress, 2.4 S2 fully achieved; 2.5 blank
    expected = {"S1": (1, 0, 1), "S2": (2, 1, 0), "S3": (1, 0, 1), "Not answered": (1, 0, 0)}
    assert chart_figures(page, 1) == expected
    assert table_figures(page, 1) == expected
    chart = page.locator("svg.chart")
    fills = chart.locator("rect.seg-pattern").evaluate_all("rects => rects.map(r => r.getAttribute('fill'))")
    assert any("-hatch-" in fill for fill in fills) and any("-dots-" in fill for fill in fills)
    labels = chart.locator("text.seg-text").all_text_contents()
    assert "S1: 1" in labels and "N/A: 1" in labels  # named in words, not by colour alone
    assert "Work in progress" in chart.locator("text.chart-legend").all_text_contents()


def test_distance_names_a_missing_evidence_level_and_marks_cut_labels(page: Page) -> None:
    """Item 7: "Evidence firmer:  → Fully achieved" had nothing before the arrow; labels were cut silently."""
    baseline = json.loads((FIXTURES / "baseline.json").read_text(encoding="utf-8"))
    review = json.loads((FIXTURES / "six-month-review.json").read_text(encoding="utf-8"))
    baseline["ratings"]["1.3"]["evidence"] = None
    review["review_cycle"] = "12-month review with the whole cluster"
    page.set_input_files(
        "#compare-files",
        [
            {"name": "a.json", "mimeType": "application/json", "buffer": json.dumps(baseline).encode()},
            {"name": "b.json", "mimeType": "application/json", "buffer": json.dumps(review).encode()},
        ],
    )
    show(page, "distance")
    assert page.locator(".distance-table tr[data-kind='firmer'] td").last.inner_text() == (
        "Evidence firmer: No evidence level → Fully achieved (S3)"
    )
    labels = page.locator("svg.chart text.chart-label")
    assert labels.nth(1).evaluate("t => t.firstChild.textContent") == "12-month review …"
    assert labels.nth(1).locator("title").text_content() == "12-month review with the whole cluster"


@pytest.mark.parametrize("width", [420, 480])
def test_narrow_screens_keep_chart_text_readable_and_controls_on_screen(
    browser: Browser, real_site: Path, width: int
) -> None:
    """Item 7: at 450–500 px the labels shrank to about 7 px; at 420 px the agreed choices were off screen."""
    page, errors = open_page(browser, (real_site / "assess.html").as_uri(), width=width)
    compare_files(page, ["baseline.json", "six-month-review.json"])
    show(page, "distance")
    label_px = page.evaluate(
        "(() => { const s = document.querySelector('svg.chart');"
        " return s.getBoundingClientRect().width / s.viewBox.baseVal.width * 13 })()"
    )
    assert label_px >= 12
    show(page, "composite")
    rights = page.locator("select[data-agreed]").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)")
    assert len(rights) == 90 and max(rights) <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("path, words", [("assess.html", "last changed"), ("cy/assess.html", "newidiwyd ddiwethaf")])
def test_dates_and_times_follow_the_page_language_not_the_browser(
    browser: Browser, real_site: Path, path: str, words: str
) -> None:
    """Item 8: an en-US browser showed "11/23/2026, 2:43 PM" on a British page."""
    page, errors = open_page(browser, (real_site / path).as_uri(), locale="en-US", timezone_id="Europe/London")
    compare_files(page, ["member-a.json"]) if path == "assess.html" else page.set_input_files(
        "#compare-files", [str(FIXTURES / "member-a.json")]
    )
    expect(page.locator(".discuss-detail")).to_contain_text(f"{words} 02/03/2026, 11:00")
    assert "02/03/2026" in page.locator(".discuss-name").inner_text()
    page.context.close()
    assert errors == []


# --- Issue 23, section 2: group work is never lost, and a team can tell its files apart. ---------


def member(name: str, changes: dict) -> dict:
    """A file for the composite: a fixture member with some fields changed (ratings merged by indicator)."""
    data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    ratings = changes.pop("ratings", {})
    data.update(changes)
    for indicator, rating in ratings.items():
        data["ratings"][indicator] = {**data["ratings"].get(indicator, {"evidence": None, "note": ""}), **rating}
    return data


def compare_files_made(page: Page, files: dict[str, dict]) -> None:
    page.set_input_files(
        "#compare-files",
        [
            {"name": name, "mimeType": "application/json", "buffer": json.dumps(data).encode()}
            for name, data in files.items()
        ],
    )
    expect(page.locator("[data-role=status]")).to_have_text(added(len(files)))


def leaving_is_stopped(page: Page) -> bool:
    """What the page's beforeunload handler decides: True if it asks the person before leaving."""
    return page.evaluate("!window.dispatchEvent(new Event('beforeunload', { cancelable: true }))")


def saved_composites(page: Page) -> list[dict]:
    return page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:'))"
        ".map(k => JSON.parse(localStorage.getItem(k))).filter(a => a.method === 'composite')"
    )


def test_leaving_with_unsaved_agreed_choices_asks_first(page: Page) -> None:
    """A facilitator changed two agreed statements, clicked "Home", and the choices were gone."""
    compare_files(page, MEMBERS)
    show(page, "composite")
    assert not leaving_is_stopped(page)  # the defaults alone are not work to lose
    page.select_option("#agreed-statement-1-2", "2")
    page.select_option("#agreed-statement-2-1", "4")
    assert page.text_content(".composite-status") == "The agreed choices are not saved yet."
    assert leaving_is_stopped(page)
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.click(".site-nav a >> nth=0")  # Home
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"] and page.url.endswith("assess.html")
    assert page.input_value("#agreed-statement-1-2") == "2"
    page.click("[data-action=save-composite]")
    assert page.input_value("#agreed-statement-1-2") == "2"
    with page.expect_download():
        page.click("[data-action=download-json]")  # saved and downloaded: nothing left to lose
    assert not leaving_is_stopped(page)


def test_saving_the_composite_twice_updates_the_same_assessment(page: Page) -> None:
    compare_files(page, MEMBERS)
    show(page, "composite")
    page.click("[data-action=save-composite]")
    status = page.locator(".discussion-actions .composite-status")  # beside the button
    expect(status).to_have_text(
        "Saved “Composite: Riverside cluster” as a new composite of 3 assessments, in the list “Assessments saved "
        "in this browser”. It is open in the form at the top of this page: download it there to keep the record."
    )
    first = saved_composites(page)
    page.select_option("#agreed-statement-1-2", "2")
    page.click("[data-action=save-composite]")
    expect(status).to_contain_text("Updated “Composite: Riverside cluster”, the composite saved before")
    again = saved_composites(page)
    assert [a["id"] for a in again] == [first[0]["id"]]
    assert again[0]["ratings"]["1.2"]["statement"] == 2 and again[0]["created"] == first[0]["created"]
    assert page.locator(".library-table tbody tr").count() == 1


def test_members_notes_are_shown_by_role_and_the_group_s_note_is_saved(page: Page) -> None:
    compare_files_made(
        page,
        {
            "a.json": member("member-a.json", {"ratings": {"1.2": {"note": "Only the GP lead comes to meetings"}}}),
            "b.json": member("member-b.json", {"ratings": {"1.2": {"note": "The board chair <b>backs</b> us"}}}),
            "c.json": member("member-c.json", {}),
        },
    )
    show(page, "composite")
    notes = page.locator(".discussion tbody[data-indicator-group='1.2'] .member-notes li").all_text_contents()
    assert notes == [
        "District nurse (S1 ▧ Work in progress): Only the GP lead comes to meetings",
        "Social worker (S4 ■ Fully achieved): The board chair <b>backs</b> us",
    ]
    assert page.locator(".discussion tbody[data-indicator-group='1.1'] .member-notes").count() == 0
    page.fill("#agreed-note-1-2", "Agreed S2: leaders engage, but only some of them")
    page.select_option("#agreed-statement-1-2", "2")
    page.click("[data-action=save-composite]")
    composite = saved_composites(page)[0]
    assert composite["ratings"]["1.2"]["note"] == "Agreed S2: leaders engage, but only some of them"
    assert page.input_value("#note-1-2") == "Agreed S2: leaders engage, but only some of them"


def test_members_are_labelled_by_role_never_by_their_place_or_file(page: Page) -> None:
    no_role = {"service": {"name": "Riverside cluster", "organisations": "", "participants": ""}}
    compare_files_made(
        page,
        {
            "first-file.json": member("member-a.json", dict(no_role)),
            "second-file.json": member("member-b.json", {**no_role, "date": "2026-03-09"}),
            "third-file.json": member("member-c.json", {}),
        },
    )
    show(page, "composite")
    assert page.locator(".composite-table thead th").all_inner_texts()[1:4] == [
        "no role given · 02/03/2026",
        "no role given · 09/03/2026",
        "GP",
    ]


def test_a_composite_s_date_is_its_members_and_updated_is_when_it_was_saved(page: Page) -> None:
    """Saved in December from members who assessed in January, it became the service's "latest"."""
    compare_files_made(
        page,
        {
            "a.json": member("member-a.json", {"date": "2026-01-12"}),
            "b.json": member("member-b.json", {"date": "2026-01-20"}),
            "c.json": member("member-c.json", {"date": "2026-01-14"}),
        },
    )
    show(page, "composite")
    page.click("[data-action=save-composite]")
    composite = saved_composites(page)[0]
    assert composite["date"] == "2026-01-20"
    assert composite["updated"][:10] == page.evaluate("new Date().toISOString().slice(0, 10)")
    assert page.input_value("#assessment-date") == "2026-01-20"


def test_eight_members_fit_a_1024_px_screen_with_the_statements_on_demand(browser: Browser, real_site: Path) -> None:
    page, errors = open_page(browser, (real_site / "assess.html").as_uri(), width=1024)
    # One role typed as a single long word (found by a tester): it alone widened the table past the screen.
    roles = ["District nurse", "Social worker", "General practitioner", "Occupational therapist", "Physiotherapist",
             "Community pharmacist", "AdvancedNursePractitioner", "Carers’ support officer"]  # fmt: skip
    files = {}
    for number, role in enumerate(roles):
        data = member("harbour-1.json", {"id": f"e000000{number}-0000-4000-8000-000000000000"})
        data["service"]["participants"] = role
        data["ratings"]["1.1"] = {
            "statement": 1 + number % 5,
            "evidence": "work-in-progress",
            "note": f"{role}: " + "word " * 30,
        }
        files[f"member-{number}.json"] = data
    compare_files_made(page, files)
    show(page, "composite")
    assert page.locator(".composite-table thead th").all_inner_texts()[1:9] == roles
    assert page.evaluate("document.documentElement.scrollWidth") <= 1024
    table_right = page.evaluate("document.querySelector('.composite-table').getBoundingClientRect().right")
    assert table_right <= page.evaluate("document.querySelector('.discussion').getBoundingClientRect().right")
    wording = page.locator("tbody[data-indicator-group='1.1'] details.statement-wording")
    assert not wording.evaluate("d => d.open")  # on demand: folded until asked for
    wording.locator("summary").click()
    assert wording.locator("li").first.inner_text().startswith("S1 ")
    assert page.locator(".composite-table tr[data-indicator-row] td").filter(has_text="Leaflets").count() == 0
    page.context.close()
    assert errors == []


# Found by a tester: one-word roles of 15 or 16 letters (each may not break) made the composite
# 1038-1258 px wide at 1024 px, so the whole page scrolled sideways and the agreed choices were cut off.
ROLES_15 = ["Physiotherapist", "Psychotherapist", "Paediatrician", "Gerontologist",
            "Radiographer", "Anaesthetist", "Pharmacist", "Orthoptist"]  # fmt: skip
ROLES_16 = ["Physiotherapists", "Anaesthesiologis", "Psychotherapists", "Neuropsychologis",
            "Dermatopathology", "Gastroenterology", "Rheumatologistss", "Otolaryngologist"]  # fmt: skip


def composite_of(page: Page, roles: list[str]) -> None:
    files = {}
    for number, role in enumerate(roles):
        data = member("harbour-1.json", {"id": f"e000000{number}-0000-4000-8000-000000000000"})
        data["service"]["participants"] = role
        files[f"member-{number}.json"] = data
    compare_files_made(page, files)
    show(page, "composite")


@pytest.mark.parametrize(("roles", "width"), [(ROLES_15, 1024), (ROLES_16, 1024), (ROLES_16, 1280)])
def test_a_composite_too_wide_for_the_screen_scrolls_in_its_own_box_not_the_page(
    browser: Browser, real_site: Path, roles: list[str], width: int
) -> None:
    page, errors = open_page(browser, (real_site / "assess.html").as_uri(), width=width)
    composite_of(page, roles)
    assert page.locator(".composite-table .member-heading").all_inner_texts() == roles  # whole words
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".composite-scroll")
    assert box.evaluate("b => b.contains(document.querySelector('.composite-table'))")
    discussion_right = page.evaluate("document.querySelector('.discussion').getBoundingClientRect().right")
    assert box.evaluate("b => b.getBoundingClientRect().right") <= discussion_right + 0.5
    # Focus on the last agreed choice (as Tab brings it) scrolls the box until the choice is whole in it;
    # the page itself does not move sideways.
    last = page.locator(".composite-table .agreed-choice select").last
    last.focus()
    assert box.evaluate("b => b.scrollLeft") > 0
    assert last.evaluate("s => s.getBoundingClientRect().right") <= discussion_right + 0.5
    assert page.evaluate("[document.documentElement.scrollWidth <= innerWidth, scrollX]") == [True, 0]
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("aria-labelledby") == page.locator(".composite-table caption").get_attribute("id")
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("width", [360, 375, 414])
def test_a_long_one_word_role_wraps_in_the_list_of_files_on_a_phone(
    browser: Browser, real_site: Path, width: int
) -> None:
    page, errors = open_page(browser, (real_site / "assess.html").as_uri(), width=width)
    role = "Gwasanaethaucymdeithasolcymunedolarbenigol"
    data = member("harbour-1.json", {"id": "e0000000-0000-4000-8000-000000000000"})
    data["service"]["participants"] = role
    compare_files_made(page, {"member.json": data})
    detail = page.locator(".discuss-list .discuss-detail").filter(has_text=role)
    assert detail.count() == 1
    assert detail.evaluate("d => d.getBoundingClientRect().right") <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.context.close()
    assert errors == []


def test_a_long_one_word_role_wraps_in_the_meeting_s_set_up_on_a_phone(browser: Browser, real_site: Path) -> None:
    page, errors = open_page(browser, (real_site / "assess.html").as_uri(), width=375)
    role = "Gwasanaethaucymdeithasolcymunedolarbenigol"
    data = member("harbour-1.json", {"id": "e0000000-0000-4000-8000-000000000000"})
    data["service"]["participants"] = role
    page.click("#meeting-open")
    expect(page.locator("#meeting-setup-heading")).to_be_focused()
    page.set_input_files(
        "#meeting-members-files",
        [{"name": "member.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}],
    )
    shown = page.locator(".meeting-member-role").filter(has_text=role)
    expect(shown).to_have_count(1)
    assert shown.evaluate("r => r.getBoundingClientRect().right") <= 375
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.context.close()
    assert errors == []
