"""Where a team wants to be next: targets, next steps and priorities on the form, the improvement
plan view (filters, past dates, print, CSV), the next cycle's read-only "last cycle's plan",
targets reached in distance travelled, composites, and files and storage of format version 1."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from py_pages import reload
from tabs import TabPerTest, tab_per_test
from test_discussion import STUB_PRINT, added, pdf_text

from mpw_static.assessment_file import check_assessment_bytes
from mpw_static.frameworks import indicator_ids
from mpw_static.models import ASSESSMENT_FORMAT_VERSION
from support import FROM_THE_FOLDER_ONLY, ROOT, download

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures" / "discussion"


tabs = tab_per_test(STUB_PRINT, viewport={"width": 1280, "height": 900}, locale="en-GB")


@pytest.fixture
def page(tabs: TabPerTest, site_base: str) -> Iterator[Page]:
    """The assessment page from the folder and hosted, with printing recorded instead of shown."""
    for opened in tabs.open(site_base + "assess.html"):
        opened.on("dialog", lambda dialog: dialog.accept())
        yield opened


def plan_for(page: Page, indicator: str, statement: str, target: str = "", steps: str = "", lead: str = "") -> None:
    """Answer one indicator and fill in its plan, as a person would: open the fold, then type."""
    key = indicator.replace(".", "-")
    page.check(f"#s-{key}-{statement}")
    page.click(f"#indicator-{key} [data-role=plan] summary")
    if target:
        page.select_option(f"#target-{key}", target)
    if steps:
        page.fill(f"#steps-{key}", steps)
    if lead:
        page.fill(f"#lead-{key}", lead)


def test_plan_fields_appear_once_answered_and_survive_a_reload(page: Page, tmp_path: Path) -> None:
    plan = page.locator("#indicator-1-1 [data-role=plan]")
    expect(plan).to_be_hidden()  # the form does not grow for people who do not plan
    page.fill("#service-name", "Harbour Valley")
    plan_for(page, "1.1", "3", target="2", steps="Keep the <b>clinic</b> going", lead="Team manager")
    page.fill("#due-date-1-1", "2027-03-31")
    page.fill("#due-cycle-1-1", "6-month review")
    # A target below the statement chosen now is allowed, and questioned in words.
    warning = page.locator("#target-1-1-warning")
    expect(warning).to_have_text(
        "Is this a step back you expect? The target, S2, is below the statement chosen now, S3."
    )
    page.select_option("#target-1-1", "4")
    expect(warning).to_be_hidden()
    # N/A has no target, but may have next steps.
    plan_for(page, "1.2", "na", steps="Check whether this applies")
    expect(page.locator("#indicator-1-2 [data-role=target-field]")).to_be_hidden()
    page.check("#priority-1")
    page.fill("#first-steps-1", "Meet the <script>council</script> team")
    page.locator("#first-steps-1").blur()

    reload(page)
    assert page.input_value("#target-1-1") == "4"
    assert page.input_value("#steps-1-1") == "Keep the <b>clinic</b> going"
    assert page.input_value("#lead-1-1") == "Team manager"
    assert page.input_value("#due-date-1-1") == "2027-03-31"
    assert page.input_value("#due-cycle-1-1") == "6-month review"
    assert page.get_attribute("#indicator-1-1 [data-role=plan]", "open") is not None  # a plan opens unfolded
    assert page.input_value("#steps-1-2") == "Check whether this applies"
    assert page.is_checked("#priority-1")
    assert page.input_value("#first-steps-1") == "Meet the <script>council</script> team"
    expect(page.locator("#indicator-2-1 [data-role=plan]")).to_be_hidden()

    saved = download(page, "download-json", tmp_path)
    assessment, problems = check_assessment_bytes(saved.name, saved.read_bytes(), indicator_ids())
    assert problems == []
    assert assessment.format_version == ASSESSMENT_FORMAT_VERSION
    assert assessment.ratings["1.1"].target == 4 and assessment.ratings["1.1"].lead == "Team manager"
    assert (
        assessment.ratings["1.2"].target is None
        and assessment.ratings["1.2"].next_steps == "Check whether this applies"
    )
    assert assessment.domains["1"].priority is True

    rows = list(csv.reader(io.StringIO(download(page, "download-csv", tmp_path).read_text(encoding="utf-8-sig"))))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert header[8:13] == ["Target", "Next steps", "Lead", "Due date", "Due by review"]
    assert (first["Target"], first["Next steps"], first["Due date"]) == (
        "S4",
        "Keep the <b>clinic</b> going",
        "2027-03-31",
    )

    # Re-imported into an empty browser, the plan is all there.
    page.evaluate("localStorage.clear()")
    reload(page)
    page.set_input_files("#import-file", str(saved))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")  # one file imported is opened
    assert page.input_value("#target-1-1") == "4"
    assert page.input_value("#first-steps-1") == "Meet the <script>council</script> team"


def show_plan_of(page: Page, fixture: str) -> None:
    page.set_input_files("#import-file", str(FIXTURES / fixture))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")  # one file imported is opened
    page.check("#view-plan")
    page.click("[data-action=show-view]")
    expect(page.locator(".discussion-heading")).to_be_focused()


def visible_indicators(page: Page) -> list[str]:
    return [text.split(" ")[0] for text in page.locator(".plan-table tbody tr:visible th").all_text_contents()]


def test_the_plan_view_puts_priorities_first_filters_flags_past_dates_prints_and_downloads(
    page: Page, tmp_path: Path
) -> None:
    show_plan_of(page, "plan-baseline.json")
    expect(page.locator("[data-role=status]")).to_have_text("Showing the improvement plan.")
    headings = page.locator(".plan-domain-heading").all_text_contents()
    assert [heading.split(".")[0] for heading in headings] == ["2", "1"]  # the priority domain first
    assert page.locator("[data-plan-domain='2'] .plan-priority").text_content() == "★ A priority for the next cycle"
    assert "A weekly huddle" in page.locator("[data-plan-domain='2']").text_content()
    assert visible_indicators(page) == ["2.1", "1.1", "1.2", "1.3", "1.4"]
    row = page.locator(".plan-table tbody tr").nth(1)
    cells = [text.strip() for text in row.locator("th, td").all_text_contents()]
    assert cells[1:5] == [
        "S2 ▧ Work in progress",
        "S3",
        "Monthly joint clinic with the <b>community</b> team",
        "Team manager",
    ]
    assert cells[5] == "30/06/2026 (6-month review) Past its date"  # the date has gone by: said in words
    assert "Past its date" not in page.locator(".plan-table tbody tr").nth(2).text_content()  # due in 2099

    page.select_option("[data-control=plan-lead]", "GP")
    assert visible_indicators(page) == ["1.2"]
    expect(page.locator("[data-plan-domain='2']")).to_be_hidden()
    page.select_option("[data-control=plan-lead]", "")
    page.fill("[data-control=plan-due]", "2026-12-31")
    assert visible_indicators(page) == ["1.1"]
    page.fill("[data-control=plan-due]", "")
    page.select_option("[data-control=plan-domain]", "2")
    assert visible_indicators(page) == ["2.1"]
    expect(page.locator("[data-role=status]")).to_have_text("Showing 1 of 5 indicators.")
    page.select_option("[data-control=plan-domain]", "")

    page.click("[data-action=print-view]")
    assert page.evaluate("window.__printed") == 1
    text, (width, height) = pdf_text(page)
    assert width > height  # A4 landscape
    assert "Improvement plan: Riverside cluster" in text
    assert "Protect the post when its funding ends" in text and "Past its date" in text
    assert "Download the actions" not in text and "Due by" not in text  # no controls on paper

    actions = list(
        csv.DictReader(io.StringIO(download(page, "download-plan-csv", tmp_path).read_text(encoding="utf-8-sig")))
    )
    assert [(a["Indicator"], a["Priority"], a["Now"], a["Now label"], a["Target"], a["Lead"]) for a in actions] == [
        ("2.1", "Yes", "not_applicable", "N/A", "", "Team manager"),
        ("1.1", "", "2", "S2", "S3", "Team manager"),
        ("1.2", "", "3", "S3", "S4", "GP"),
        ("1.3", "", "3", "S3", "S4", "Team manager"),
        ("1.4", "", "4", "S4", "S3", ""),
    ]
    assert actions[1]["Due date"] == "2026-06-30" and actions[1]["Due by review"] == "6-month review"


@FROM_THE_FOLDER_ONLY
def test_an_assessment_without_a_plan_says_how_to_make_one(page: Page) -> None:
    page.check("#s-1-1-2")
    page.check("#view-plan")
    page.click("[data-action=show-view]")
    expect(page.locator(".discussion-summary")).to_contain_text("has no targets or next steps yet")
    assert page.locator(".plan-table").count() == 0


def test_the_next_cycle_shows_last_cycle_s_plan_and_distance_counts_targets_reached(page: Page) -> None:
    page.set_input_files("#import-file", str(FIXTURES / "plan-baseline.json"))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    page.click(".library-table [data-action=duplicate]")
    last = page.locator("#indicator-1-1 [data-role=last-plan]")
    expect(last).to_have_text(
        "Last cycle you were at S2 and aimed for S3 by 30/06/2026 (6-month review). "
        "Steps agreed: Monthly joint clinic with the <b>community</b> team Lead: Team manager"
    )
    expect(page.locator("#indicator-2-1 [data-role=last-plan]")).to_have_text(
        "Last cycle you were at N/A. Steps agreed: Check whether this applies to us Lead: Team manager"
    )
    expect(page.locator("#indicator-2-3 [data-role=last-plan]")).to_be_hidden()  # no plan last time
    assert page.input_value("#target-1-1") == ""  # the new cycle plans afresh
    assert page.input_value("#steps-1-1") == ""
    assert not page.is_checked("#priority-2")
    # Six months on: the team answers again.
    page.fill("#assessment-date", "2026-07-15")
    page.fill("#review-cycle", "6-month review")
    for indicator, statement in (("1-1", 3), ("1-2", 5), ("1-3", 3), ("1-4", 3)):
        page.check(f"#s-{indicator}-{statement}")
    reload(page)
    expect(page.locator("#indicator-1-1 [data-role=last-plan]")).to_contain_text("aimed for S3")  # kept in the file

    page.check("#view-distance")
    for box in page.locator("[data-role=discuss-pick]").all():
        box.check()
    page.click("[data-action=show-view]")
    outcomes = {
        indicator: page.get_attribute(f".distance-table tbody tr:nth-child({n})", "data-outcome")
        for n, indicator in enumerate(["1.1", "1.2", "1.3", "1.4", "1.5"], start=1)
    }
    assert outcomes == {"1.1": "reached", "1.2": "exceeded", "1.3": "not-yet", "1.4": "reached", "1.5": "none"}
    first_row = page.locator(".distance-table tbody tr").first.locator("td").all_text_contents()
    assert first_row[-1] == "Target S3 reached"
    counts = page.locator(".distance-targets-table tbody tr").first.locator("th, td").all_text_contents()
    assert counts == ["1. BUY-IN", "2", "1", "1"]
    discussion = page.locator("[data-role=discussion]").text_content()
    assert "%" not in discussion and "score:" not in discussion.lower()  # counts for discussion, never a score


@FROM_THE_FOLDER_ONLY
def test_composite_shows_members_targets_and_starts_with_none(page: Page) -> None:
    page.set_input_files("#compare-files", [str(FIXTURES / "plan-baseline.json"), str(FIXTURES / "member-a.json")])
    expect(page.locator("[data-role=status]")).to_have_text(added(2))
    page.check("#view-composite")
    page.click("[data-action=show-view]")
    expect(page.locator(".discussion-heading")).to_be_focused()  # its script is loaded on first use
    cells = page.locator("tr[data-indicator-row='1.1'] td").all_text_contents()
    assert cells[0] == "S2 ▧ Work in progress → , target S3"
    page.click("[data-action=save-composite]")
    expect(page.locator("#indicator-1-1 [data-role=plan]")).to_be_visible()
    assert page.input_value("#target-1-1") == ""
    stored = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:'))"
        ".map(k => JSON.parse(localStorage.getItem(k))).filter(a => a.method === 'composite')[0]"
    )
    assert all(rating["target"] is None for rating in stored["ratings"].values())


def test_a_version_1_file_opens_and_downloads_as_version_2_with_nothing_lost(page: Page, tmp_path: Path) -> None:
    original = json.loads((FIXTURES / "baseline.json").read_text(encoding="utf-8"))
    assert original["format_version"] == 1
    page.set_input_files("#import-file", str(FIXTURES / "baseline.json"))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")  # one file imported is opened
    saved = json.loads(download(page, "download-json", tmp_path).read_text(encoding="utf-8"))
    assert saved["format_version"] == ASSESSMENT_FORMAT_VERSION
    for key in ("id", "service", "date", "purposes", "method", "review_cycle", "created", "sources"):
        assert saved[key] == original[key], key
    for indicator, rating in original["ratings"].items():
        assert {field: saved["ratings"][indicator][field] for field in rating} == rating
        assert saved["ratings"][indicator]["target"] is None
