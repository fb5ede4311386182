"""Meeting mode on the assessment page, in Chromium: members' positions hidden until revealed, then
counted (roles only when chosen) by the composite's rule; the keys; a reload in the middle; the
record, printed and downloaded; the legibility sizes at 1280×720, 1024×768 and 200 % zoom; full
screen refused; the timer; axe; Welsh. The members' fixtures and what they should show are worked out
by hand in tests/fixtures/meeting/make_fixtures.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from printed_pdf import read_pdf
from py_pages import SharedPages, module_fixture, reload
from test_accessibility import FOCUS_MARK, press_until, violations

from mpw_static.assessment_file import read_assessment
from mpw_static.load import load_framework
from support import REAL_CONTENT, ROOT, watch_for_errors

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures" / "meeting"
MEMBERS = [f"member-{letter}.json" for letter in "abcde"]
ROLES = ["District nurse", "Social worker", "GP", "Occupational therapist", "Team manager"]
MEMBER_IDS = [f"{letter * 8}-0000-4000-8000-00000000000{letter}" for letter in "abcde"]
INDICATORS = [indicator.id for indicator in load_framework(REAL_CONTENT).indicators]
STUB_PRINT = "window.print = () => { window.__printed = (window.__printed || 0) + 1 }"
STATUS = ".meeting-status"
HEADING = ".meeting-stage h2"
KEYS = "Keys: ← and → move between steps, and change a choice only once you have moved into it with Tab; Page Up and Page Down always move; Esc leaves."


def open_page(browser: Browser, url: str, **options: object) -> Iterator[Page]:
    settings = {"viewport": {"width": 1280, "height": 720}, "locale": "en-GB", **options}
    context = browser.new_context(accept_downloads=True, **settings)
    context.add_init_script(STUB_PRINT)
    opened = context.new_page()
    errors = watch_for_errors(opened)
    opened.goto(url)
    yield opened
    context.close()
    assert errors == []


shared_pages = module_fixture(
    SharedPages, STUB_PRINT, per_origin=True, viewport={"width": 1280, "height": 720}, locale="en-GB"
)


@pytest.fixture
def page(shared_pages: SharedPages, real_site: Path) -> Iterator[Page]:
    """assess.html at 1280×720, opened once for the module and given back for each test with its storage
    (the tab's too) emptied and loaded afresh, as open_page would open it."""
    yield from shared_pages.fresh((real_site / "assess.html").as_uri())


def open_meeting(page: Page) -> None:
    page.click("#meeting-open")
    expect(page.locator("#meeting-setup-heading")).to_be_focused()


def load_members(page: Page, names: list[str] = MEMBERS) -> None:
    page.set_input_files("#meeting-members-files", [str(FIXTURES / name) for name in names])
    said = "1 member’s file. It is" if len(names) == 1 else f"{len(names)} members’ files. They are"
    expect(page.locator(STATUS)).to_have_text(f"Loaded {said} not saved in this browser.")


def start(page: Page) -> None:
    page.click(".meeting-start")
    expect(page.locator(HEADING)).to_be_focused()


# The contents' button and then the step's, clicked in one call (the contents and the step each take focus
# in their click). The contents' own clicks and keys are Playwright's in the tests of them.
GO = """key => {
    const focused = () => document.activeElement && (document.activeElement.id || document.activeElement.tagName)
    document.querySelector("[data-action='meeting-contents']").click()
    if (focused() !== 'meeting-contents-heading') throw new Error('the contents did not take focus: ' + focused())
    const item = document.querySelector(".meeting-contents [data-id='" + key + "']")
    if (!item) throw new Error('no step ' + key + ' in the contents')
    item.click()
    if (document.activeElement !== document.querySelector(HEADING)) throw new Error('the step did not take focus: ' + focused())
}""".replace("HEADING", repr(HEADING))


def go(page: Page, key: str) -> None:
    """To a step through the contents, as a facilitator picks one."""
    page.evaluate(GO, key)


def lines(texts: list[str]) -> list[str]:
    """Inner texts with the blank lines between paragraphs dropped."""
    return ["\n".join(line for line in text.split("\n") if line.strip()) for text in texts]


def counts(page: Page) -> list[str]:
    return page.locator(".meeting-option .meeting-count-text").all_text_contents()


def roles(page: Page) -> list[str]:
    """The roles under each statement, S1 to S5 then N/A; '' where none is shown."""
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('.meeting-option'), o => "
        "(o.querySelector('.meeting-roles') || {}).textContent || '')"
    )


# The Reveal button clicked inside the page; the flag it shows takes focus in the click. (The keyboard
# test presses it with Enter.)
REVEAL = """() => {
    document.querySelector('.meeting-reveal').click()
    const flag = document.querySelector('.meeting-flag')
    if (!flag || document.activeElement !== flag) throw new Error('the flag did not show and take focus')
    return flag.textContent
}"""


def reveal(page: Page) -> str:
    return page.evaluate(REVEAL)


def stored(page: Page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('mpw-static:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )


def test_positions_are_hidden_until_revealed_then_counted_per_statement_with_roles_only_when_chosen(
    page: Page,
) -> None:
    open_meeting(page)
    load_members(page)
    start(page)
    go(page, "indicator:1.2")
    assert page.text_content(".meeting-members p") == "The positions of 5 members are hidden until you reveal them."
    hidden = page.text_content(".meeting")
    assert (
        counts(page) == [] and page.locator(".meeting-count").all_text_contents() == [""] * 6
    )  # room kept, nothing in it
    assert not any(role in hidden for role in ROLES) and not any(name in hidden for name in MEMBERS)

    assert reveal(page) == "Split: S1 to S4."
    assert counts(page) == ["1 member", "1 member", "2 members", "1 member", "0 members", "0 members"]
    shown = page.text_content(".meeting")
    assert not any(role in shown for role in ROLES), "roles are shown only when the facilitator chooses"
    assert not any(name in shown for name in MEMBERS), "never a file name"
    page.check("#meeting-roles")
    assert roles(page) == ["District nurse", "Team manager", "GP, Occupational therapist", "Social worker", "", ""]

    expected = {
        "1.1": ("Agreement: S2 to S3.", ["0 members", "3 members", "2 members", "0 members", "0 members", "0 members"]),
        "1.3": ("Split: N/A and S2. 1 member gave no answer.", None),
        "1.4": ("Agreement: S4 to S5.", None),
        "2.1": ("Agreement: S3.", None),
        "2.2": ("Too few answers: S1. 4 members gave no answer.", None),
        "2.3": ("Split: S2 to S4.", None),
        "2.4": ("Split: N/A and S4.", None),
        "2.5": ("Too few answers. 5 members gave no answer.", None),
    }
    for indicator, (flag, numbers) in expected.items():
        go(page, f"indicator:{indicator}")
        assert page.locator(".meeting-flag").count() == 0, f"{indicator} is hidden until revealed"
        assert reveal(page) == flag, indicator
        if numbers:
            assert counts(page) == numbers
    assert roles(page) == ["", "", "", "", "", ""]  # 2.5: nobody answered, so no role under any statement
    assert page.text_content(".meeting [aria-live]") == "Too few answers. 5 members gave no answer."
    # The members' files were read, not stored: this browser keeps nothing of theirs.
    kept = json.dumps(stored(page))
    assert not any(member_id in kept for member_id in MEMBER_IDS)


def test_keys_move_between_steps_and_never_change_a_choice(page: Page) -> None:
    open_meeting(page)
    page.uncheck("#meeting-domain-1")  # today: domain 2 only (2.1 to 2.5)
    for number in range(3, 9):
        page.uncheck(f"#meeting-domain-{number}")
    start(page)
    assert page.text_content(HEADING) == "2. INTERNAL RELATIONSHIPS, COLLABORATION AND COHESION"
    assert page.text_content(".meeting-keys") == KEYS
    page.keyboard.press("PageDown")
    expect(page.locator("#meeting-indicator-heading")).to_be_focused()
    assert page.text_content(HEADING).startswith("2.1 ")
    # Counted among today's indicators (domain 2's five), not the matrix's 45.
    expect(page.locator(".meeting [aria-live]")).to_have_text("Indicator 2.1, 1 of 5 in today’s meeting")
    page.keyboard.press("ArrowRight")
    assert page.text_content(HEADING).startswith("2.2 ")
    expect(page.locator(".meeting [aria-live]")).to_have_text("Indicator 2.2, 2 of 5 in today’s meeting")
    page.keyboard.press("ArrowLeft")
    assert page.text_content(HEADING).startswith("2.1 ")
    assert page.text_content(".meeting-progress") == "0 of 5 agreed"

    # In a choice reached with Tab, ← and → are the radio group's own: they move the choice, never the meeting.
    page.focus("#meeting-s-3")  # where Tab and the arrows bring a keyboard user
    page.keyboard.press("Space")
    assert page.is_checked("#meeting-s-3")
    page.keyboard.press("ArrowRight")
    assert page.text_content(HEADING).startswith("2.1 ")
    assert page.is_checked("#meeting-s-4"), "the radio group's arrow moved the choice, as it does everywhere"
    page.keyboard.press("ArrowLeft")
    assert page.is_checked("#meeting-s-3")
    # Page Down (a clicker) moves on from inside the choice, and the choice stays as it was.
    page.keyboard.press("PageDown")
    assert page.text_content(HEADING).startswith("2.2 ")
    page.keyboard.press("PageUp")
    assert page.text_content(HEADING).startswith("2.1 ") and page.is_checked("#meeting-s-3")
    assert page.text_content(".meeting-progress") == "1 of 5 agreed"
    # In the note, ← and → move the caret.
    page.fill("#meeting-note", "Typed")
    page.focus("#meeting-note")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    assert page.text_content(HEADING).startswith("2.1 ")
    assert page.evaluate("document.activeElement.id") == "meeting-note"
    # The buttons say which keys do the same; the last indicator leads to the record.
    assert page.get_attribute("[data-action='meeting-next']", "aria-keyshortcuts") == "ArrowRight PageDown"
    page.keyboard.press("PageDown")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(page.locator("#meeting-record-heading")).to_be_focused()
    assert page.is_disabled("[data-action='meeting-next']")
    # and looks it: not the colours and pointer of the buttons that still do something
    looks = "b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color, getComputedStyle(b).cursor]"
    disabled = page.eval_on_selector("[data-action='meeting-next']", looks)
    assert disabled[2] == "not-allowed"
    assert disabled[:2] != page.eval_on_selector("[data-action='meeting-prev']", looks)[:2]


def test_after_a_click_the_arrow_keys_move_between_indicators_and_never_change_the_choice(page: Page) -> None:
    open_meeting(page)
    start(page)
    go(page, "indicator:1.4")
    page.click("label[for='meeting-s-5']")  # a mouse user's click on the card
    expect(page.locator(HEADING)).to_be_focused()  # out of the radio group, so the arrows are the meeting's
    page.keyboard.press("ArrowRight")
    assert page.text_content(HEADING).startswith("2. INTERNAL")  # moved on, as the footer says
    page.keyboard.press("ArrowLeft")
    assert page.text_content(HEADING).startswith("1.4 ")
    assert page.is_checked("#meeting-s-5") and not page.is_checked(".meeting-option-na input")
    # A click on the radio itself, and on an evidence level, then ↓ and →: nothing changes but the step.
    page.click("#meeting-s-4")
    page.click("label[for='meeting-e-wip']")
    expect(page.locator(HEADING)).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.is_checked("#meeting-s-4") and page.is_checked("#meeting-e-wip")
    page.keyboard.press("ArrowLeft")
    assert page.text_content(HEADING).startswith("1.3 ")
    go(page, "indicator:1.4")
    assert page.is_checked("#meeting-s-4") and page.is_checked("#meeting-e-wip")
    saved = [json.loads(t) for k, t in stored(page).items() if k.startswith("mpw-static:assessment:")][0]
    assert (saved["ratings"]["1.4"]["statement"], saved["ratings"]["1.4"]["evidence"]) == (4, "work-in-progress")


# What the window shows in its middle, and how far down: the same after leaving meeting mode. (Not the
# scroll offset: the domains out of view are not laid out, so the same place can be another offset.)
IN_THE_MIDDLE = """() => {
    const element = document.elementFromPoint(innerWidth / 2, innerHeight / 2)
    return [element.closest('[id]').id, element.textContent.slice(0, 40), Math.round(element.getBoundingClientRect().top)]
}"""


def test_esc_leaves_meeting_mode_and_the_page_is_where_it_was_with_the_meetings_choices(page: Page) -> None:
    page.evaluate("window.scrollTo(0, 6000); document.getElementById('note-3-2').focus({ preventScroll: true })")
    scrolled = page.evaluate(IN_THE_MIDDLE)
    page.evaluate(
        "document.getElementById('meeting-open').click()"
    )  # a click that leaves focus and scroll as they were
    expect(page.locator("#meeting-setup-heading")).to_be_focused()
    assert page.locator(".assessment-form").is_hidden() and page.locator(".site-header").is_hidden()
    start(page)
    page.keyboard.press("PageDown")
    page.click("label[for='meeting-s-4']")
    page.fill("#meeting-note", "Agreed in the meeting")
    # Esc while an input method composes a word (Chinese, or accents on some keyboards) is the input
    # method's: it cancels the word, and the meeting stays.
    page.locator("#meeting-note").dispatch_event("keydown", {"key": "Escape", "isComposing": True, "bubbles": True})
    assert page.locator(".meeting").is_visible()
    page.keyboard.press("Escape")  # from the note: Esc leaves whatever has focus
    assert page.locator(".meeting").is_hidden()
    assert page.evaluate(IN_THE_MIDDLE) == scrolled
    assert page.evaluate("document.activeElement.id") == "note-3-2"
    # The form shows what the meeting recorded.
    assert page.is_checked("#s-1-1-4") and page.input_value("#note-1-1") == "Agreed in the meeting"
    assert page.text_content("[data-role=progress]") == "1 of 45 answered"
    # Opened again by its button, the meeting is where it was; leaving puts focus back on the button.
    page.click("#meeting-open")
    expect(page.locator("#meeting-indicator-heading")).to_be_focused()
    assert page.text_content(HEADING).startswith("1.1 ") and page.is_checked("#meeting-s-4")
    page.click("[data-action='meeting-leave']")
    assert page.evaluate("document.activeElement.id") == "meeting-open"


def test_a_reload_in_the_middle_returns_to_the_same_indicator_with_everything_recorded(
    shared_pages: SharedPages, site_base: str
) -> None:
    """From the folder and hosted: session and local storage are the location's."""
    for page in shared_pages.fresh(site_base + "assess.html"):
        reload_in_the_middle(page)


def reload_in_the_middle(page: Page) -> None:
    open_meeting(page)
    load_members(page)
    start(page)
    go(page, "indicator:1.2")
    page.click("label[for='meeting-s-3']")
    page.click("label[for='meeting-e-fully']")
    page.fill("#meeting-note", "S3: the GP and the OT see the joint clinic working.")
    page.click("[data-action='meeting-skip']")  # 1.2 is agreed; then come back to 1.3
    page.click("[data-action='meeting-skip']")
    assert page.text_content(HEADING).startswith("1.4 ")
    reveal(page)
    reload(page)
    expect(page.locator("#meeting-indicator-heading")).to_be_focused()
    assert page.text_content(HEADING).startswith("1.4 ")
    assert page.text_content(".meeting-flag") == "Agreement: S4 to S5."  # still revealed, members still loaded
    page.click("[data-action='meeting-contents']")
    states = dict(
        zip(
            [t.split(" ")[0] for t in page.locator(".meeting-contents-name").all_text_contents()[2:6]],
            page.locator(".meeting-state").all_text_contents()[:4],
            strict=True,
        )
    )
    assert states == {
        "1.1": "Not reached yet",  # the contents went straight to 1.2
        "1.2": "Marked to come back to; agreed so far: S3",  # S3 chosen, then marked
        "1.3": "To come back to",
        "1.4": "Opened, nothing recorded",  # revealed, but nothing recorded yet
    }
    page.click(".meeting-contents [data-id='indicator:1.2']")
    assert page.is_checked("#meeting-s-3") and page.is_checked("#meeting-e-fully")
    assert page.input_value("#meeting-note") == "S3: the GP and the OT see the joint clinic working."
    kept = stored(page)
    assert not any(member_id in json.dumps(kept) for member_id in MEMBER_IDS)
    assert len([key for key in kept if key.startswith("mpw-static:assessment:")]) == 1  # the group's record only
    page.keyboard.press("Escape")  # opened by the reload, so focus goes back to meeting mode's button
    assert page.evaluate("document.activeElement.id") == "meeting-open"
    assert page.locator("#meeting-open").is_visible() and page.evaluate(
        "() => { const r = document.getElementById('meeting-open').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }"
    )


def test_a_member_is_refused_twice_the_groups_own_record_is_refused_and_keep_stores_a_member(page: Page) -> None:
    # The group's record, begun in format 1 by an earlier release, opens and the meeting continues on it.
    page.set_input_files("#import-file", str(FIXTURES / "team-record-v1.json"))
    expect(page.locator("#service-name")).to_have_value("Valley team")
    open_meeting(page)
    assert page.text_content(".meeting-lead").startswith(
        "The group’s record is the assessment open on this page: “Valley team”."
    )
    load_members(page, ["member-a.json"])
    workbook = ROOT / "tests/hostile/files/excel-workbook.xlsx"  # a member's filled workbook, chosen here
    page.set_input_files(
        "#meeting-members-files",
        [str(FIXTURES / name) for name in ("member-a.json", "team-record-v1.json")] + [str(workbook)],
    )
    # Each refusal is a sentence; the workbook's says how to make it a member's file without it
    # becoming the open assessment (the group's record) on the way.
    expect(page.locator(".meeting-file-errors li")).to_have_text(
        [
            "member-a.json: this member’s assessment is loaded already (it has the same id). Each member is counted once.",
            "team-record-v1.json: this is the group’s own record, the assessment open on this page. Load the members’ own files.",
            "excel-workbook.xlsx: the file is an Excel workbook, not a member’s saved assessment (.json). Opening it on "
            "this page would make it the open assessment, in place of the group’s record. Turn it into a .json file "
            "first: leave meeting mode, open the workbook with “Open an Excel workbook (.xlsx)”, download it with "
            "“Download assessment (.json)”, open the group’s record again from “Assessments saved in this browser”, "
            "and load that .json file here.",
        ]
    )
    assert page.get_attribute(".meeting-member-count", "data-count") == "1"
    page.click(".meeting-member-list [data-member-action='keep']")
    expect(page.locator(".meeting-member-list li").first).to_have_text("District nurse · kept in this browserRemove")
    assert "mpw-static:assessment:" + MEMBER_IDS[0] in stored(page)
    start(page)
    page.keyboard.press("PageDown")
    assert page.is_checked("#meeting-s-2")  # the record's own 1.1, from its format 1 file
    assert page.text_content(".meeting-bar .meeting-title") == "Meeting: Valley team"


def test_the_set_up_shows_members_by_role_and_a_file_name_only_to_tell_two_of_a_role_apart(
    page: Page, tmp_path: Path
) -> None:
    open_meeting(page)
    load_members(page, ["member-a.json", "member-b.json"])
    items = page.locator(".meeting-member-list li:not(.meeting-member-count)")
    assert items.all_inner_texts() == [
        "District nurse\n· not saved\nKeep\nRemove",
        "Social worker\n· not saved\nKeep\nRemove",
    ]
    assert "member-" not in page.inner_text(".meeting-stage")  # on the projector: roles, never file names
    expect(page.get_by_role("button", name="Keep: District nurse")).to_be_visible()
    expect(page.get_by_role("button", name="Remove: Social worker")).to_be_visible()
    # A second district nurse: the two are told apart by their files, in smaller type.
    other = json.loads((FIXTURES / "member-a.json").read_text(encoding="utf-8"))
    other["id"] = "ffffffff-0000-4000-8000-00000000000f"
    (tmp_path / "night-nurse.json").write_text(json.dumps(other), encoding="utf-8")
    page.set_input_files("#meeting-members-files", str(tmp_path / "night-nurse.json"))
    expect(items).to_have_count(3)
    assert items.all_inner_texts()[0::2] == [
        "District nurse (member-a.json)\n· not saved\nKeep\nRemove",
        "District nurse (night-nurse.json)\n· not saved\nKeep\nRemove",
    ]
    expect(page.get_by_role("button", name="Keep: District nurse (night-nurse.json)")).to_be_visible()


def meeting_with_a_record(page: Page) -> None:
    """Two domains, five members: two indicators agreed with notes, one skipped, a next step set."""
    open_meeting(page)
    page.fill("#meeting-date", "2026-05-04")
    page.fill("#meeting-participants", "District nurse, social worker, GP, occupational therapist, team manager")
    for number in range(3, 9):
        page.uncheck(f"#meeting-domain-{number}")
    load_members(page)
    start(page)
    page.fill("#meeting-context", "Two practices merged in March.")
    page.fill("#meeting-reflections", "Yes to the first question; the second needs the GPs.")
    page.keyboard.press("PageDown")
    reveal(page)
    page.click("label[for='meeting-s-2']")
    page.click("label[for='meeting-e-wip']")
    page.fill("#meeting-note", "We agreed S2; the GP and the team manager saw S3 because of the new clinic.")
    page.click("[data-action='meeting-next']")
    reveal(page)
    page.click("label[for='meeting-s-3']")
    page.click("label[for='meeting-e-fully']")
    page.fill("#meeting-note", "S3 for now; the district nurse sees S1 in the north of the patch.")
    page.click(".meeting-plan summary")
    page.select_option("#meeting-target", "4")
    page.fill("#meeting-next-steps", "A shared referral form by June")
    page.click("[data-action='meeting-next']")
    page.click("[data-action='meeting-skip']")  # 1.3: come back to this
    assert page.text_content(HEADING).startswith("1.4 ")
    go(page, "record")


@pytest.fixture(scope="module")
def recorded(browser: Browser, real_site: Path) -> Iterator[tuple[Page, list[str]]]:
    """One meeting_with_a_record for the tests that read its record, print it or download it (and
    leave it as it was): the same meeting built once instead of once for each of them."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 720}, locale="en-GB")
    context.add_init_script(STUB_PRINT)
    page = context.new_page()
    errors = watch_for_errors(page)
    page.goto((real_site / "assess.html").as_uri())
    meeting_with_a_record(page)
    yield page, errors
    context.close()


@pytest.fixture
def record(recorded: tuple[Page, list[str]]) -> Iterator[Page]:
    """The recorded meeting, on its record, failing the test on any script error."""
    page, errors = recorded
    if page.locator("#meeting-contents-heading").is_visible():  # left on the contents
        page.click(".meeting-contents [data-id='record']")
        expect(page.locator(HEADING)).to_be_focused()
    else:
        go(page, "record")
    errors.clear()
    yield page
    assert errors == []


def test_the_record_holds_what_was_agreed_skipped_and_planned_and_the_file_holds_all_of_it(
    record: Page, tmp_path: Path
) -> None:
    page = record
    assert page.locator(".meeting-record-details dd").all_text_contents() == [
        "Untitled assessment",
        "04/05/2026",
        "District nurse, social worker, GP, occupational therapist, team manager",
        "1. BUY-IN; 2. INTERNAL RELATIONSHIPS, COLLABORATION AND COHESION",
        "2 of 9 agreed",
        "5 members’ files loaded",
    ]
    part = lambda name: page.locator(f".meeting-record-part[data-part='{name}']")  # noqa: E731
    # What the room typed on a domain's screen is in the record (domain 2 has nothing: left out).
    assert part("domain_notes").locator("h3").text_content() == "Context and reflections (1)"
    assert lines(part("domain_notes").locator("li").all_inner_texts()) == [
        "1. BUY-IN\nContext: Two practices merged in March.\n"
        "Reflections on the test questions: Yes to the first question; the second needs the GPs."
    ]
    assert part("agreed").locator("h3").text_content() == "Agreed (2)"
    assert lines(part("agreed").locator("li").all_inner_texts()) == [
        "1.1 Connections with people who may benefit from the service, and the wider public — S2 · ▧ Work in progress\n"
        "Discussion note: We agreed S2; the GP and the team manager saw S3 because of the new clinic.\n"
        "Members: Agreement: S2 to S3.",
        "1.2 Strategic and senior leader engagement — S3 · ■ Fully achieved\n"
        "Discussion note: S3 for now; the district nurse sees S1 in the north of the patch.\n"
        "Members: Split: S1 to S4.",
    ]
    assert part("unresolved").locator("h3").text_content() == "To come back to, or not agreed yet (2)"
    assert [t.split("\n")[0] for t in part("unresolved").locator("li").all_inner_texts()] == [
        "1.3 Influence within key organisations (health board and/or local authority and/or third sector) processes — To come back to",
        "1.4 Buy-in of other professionals — Opened, nothing recorded",  # arrived at by "Come back to this" on 1.3
    ]
    assert part("not_reached").locator("h3").text_content() == "Not reached (5)"
    assert lines(part("plans").locator("li").all_inner_texts()) == [
        "1.2 Strategic and senior leader engagement\nTarget: S4\nNext steps: A shared referral form by June"
    ]
    with page.expect_download() as info:
        page.click(".meeting-record [data-action='download-json']")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.name == ("mpw-assessment-untitled-district-nurse-social-worker-gp-occupati-group-2026-05-04.json")
    checked, problems = read_assessment(path, INDICATORS)  # valid, as validate reads it
    assert problems == [] and checked is not None and checked.method == "group"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert (saved["method"], saved["date"], saved["service"]["participants"]) == (
        "group",
        "2026-05-04",
        "District nurse, social worker, GP, occupational therapist, team manager",
    )
    assert saved["ratings"]["1.1"] | {} == {
        "statement": 2,
        "evidence": "work-in-progress",
        "note": "We agreed S2; the GP and the team manager saw S3 because of the new clinic.",
        "target": None,
        "next_steps": "",
        "lead": "",
        "due_date": None,
        "due_cycle": "",
    }
    assert (saved["ratings"]["1.2"]["statement"], saved["ratings"]["1.2"]["target"]) == (3, 4)
    assert saved["ratings"]["1.2"]["next_steps"] == "A shared referral form by June"
    assert saved["ratings"].get("1.3", {}).get("statement") is None  # skipped: not answered yet
    assert saved["format_version"] == 3
    assert saved["meeting"] == {"date": "2026-05-04", "domains": ["1", "2"], "come_back_to": ["1.3"]}
    assert checked.meeting.come_back_to == ["1.3"]
    assert saved["domains"]["1"]["context"] == "Two practices merged in March."
    assert saved["domains"]["1"]["reflections"] == "Yes to the first question; the second needs the GPs."
    assert not any(member_id in path.read_text(encoding="utf-8") for member_id in MEMBER_IDS)
    expect(page.locator(".meeting-downloaded")).to_contain_text("Last downloaded")


def download_record(page: Page, folder: Path) -> dict:
    with page.expect_download() as info:
        page.click(".meeting-record [data-action='download-json']")
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    assert read_assessment(path, INDICATORS)[1] == []
    return json.loads(path.read_text(encoding="utf-8")) | {"path": str(path)}


def stored_meeting(page: Page) -> dict:
    """The meeting as the open assessment's record in browser storage holds it."""
    records = [json.loads(text) for key, text in stored(page).items() if key.startswith("mpw-static:assessment:")]
    (record,) = records
    return record["meeting"]


def unresolved(page: Page) -> list[str]:
    """The record's indicators to come back to or not agreed: each id and its state, in words."""
    entries = page.locator(".meeting-record-part[data-part='unresolved'] li").all_inner_texts()
    return [entry.split(" ", 1)[0] + " " + entry.split("\n")[0].split(" — ")[-1] for entry in entries]


RECORD_FILE = (
    "The assessment file holds everything above that the room agreed: statements, evidence, discussion notes, "
    "targets and next steps, each domain’s context and reflections, with the date and who took part. It also "
    "marks the indicators to come back to, with any statement agreed so far: open the file again and meeting "
    "mode shows them."
)


def test_an_agreed_indicator_marked_to_come_back_to_says_so_and_an_empty_part_prints_none(page: Page) -> None:
    open_meeting(page)
    for number in range(2, 9):
        page.uncheck(f"#meeting-domain-{number}")
    start(page)
    go(page, "indicator:1.2")  # arrived at, nothing recorded
    go(page, "indicator:1.3")
    page.fill("#meeting-note", "The GPs are not sure yet.")  # discussed, no statement
    go(page, "indicator:1.4")
    page.click("label[for='meeting-s-2']")
    page.click("[data-action='meeting-skip']")  # agreed, and still to come back to
    expect(page.locator(STATUS)).to_have_text("1.4 is on the list to come back to.")
    expect(page.locator("#meeting-record-heading")).to_be_focused()  # moved on, to the record
    assert stored_meeting(page)["come_back_to"] == ["1.4"]
    go(page, "record")
    assert unresolved(page) == [
        "1.2 Opened, nothing recorded",
        "1.3 Discussed, not agreed yet",
        "1.4 Marked to come back to; agreed so far: S2",
    ]
    assert page.text_content(".meeting-record > p.hint:last-child") == RECORD_FILE
    part = lambda name: page.locator(f".meeting-record-part[data-part='{name}']")  # noqa: E731
    assert part("plans").locator("h3").text_content() == "Next steps set (0)"
    assert part("domain_notes").locator("h3").text_content() == "Context and reflections (0)"
    text, _ = pdf_text(page)  # Ctrl+P: every part says what it holds, "None." for an empty one
    assert "Next steps set (0) None." in text and "Context and reflections (0) None." in text
    assert "1.2 Strategic and senior leader engagement — Opened, nothing recorded" in text
    assert "— Discussed, not agreed yet Discussion note: The GPs are not sure yet." in text
    assert "1.4 Buy-in of other professionals — Marked to come back to; agreed so far: S2" in text
    assert RECORD_FILE in text
    # The contents say the same, each beside its marker.
    page.click("[data-action='meeting-contents']")
    states = page.eval_on_selector_all(
        ".meeting-contents .meeting-state",
        "all => all.map(e => getComputedStyle(e, '::before').content.slice(1, -1) + e.textContent)",
    )
    assert states == [
        "○ Not reached yet",
        "– Opened, nothing recorded",
        "… Discussed, not agreed yet",
        "↻ Marked to come back to; agreed so far: S2",  # as the record says (the contents said only "To come back to")
    ]


def test_a_mark_to_come_back_to_is_in_the_file_and_shows_when_it_is_opened_in_a_fresh_browser(
    record: Page, page: Page, tmp_path: Path
) -> None:
    saved = download_record(record, tmp_path)
    assert saved["meeting"]["come_back_to"] == ["1.3"]
    # Opened where that browser's session storage and saved list are not: the shared page, emptied.
    page.set_input_files("#import-file", saved["path"])
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    assert page.evaluate("() => Object.keys(sessionStorage).filter(k => k.includes('meeting'))") == []
    open_meeting(page)
    assert [page.is_checked(f"#meeting-domain-{n}") for n in range(1, 4)] == [True, True, False]  # the file's domains
    start(page)
    go(page, "record")
    assert unresolved(page) == ["1.3 To come back to"]  # the session's "reached" marks stayed behind
    # This browser never downloaded it: the record says where it came from, as the toolbar does.
    downloaded = page.text_content(".meeting-downloaded")
    assert downloaded.startswith(f"Opened from {Path(saved['path']).name} at ")
    assert downloaded.endswith("; not downloaded from this browser since.")
    # A mark taken off with its own button: the step stays on screen, and the file loses the mark.
    go(page, "indicator:1.4")
    assert page.text_content("[data-action='meeting-skip']") == "Come back to this"
    page.click("[data-action='meeting-skip']")
    assert page.text_content(HEADING).startswith("2. INTERNAL")  # on, to the next domain's prompts
    go(page, "indicator:1.4")
    assert page.text_content("[data-action='meeting-skip']") == "Do not come back to this"
    assert stored_meeting(page)["come_back_to"] == ["1.3", "1.4"]
    page.click("[data-action='meeting-skip']")
    expect(page.locator(STATUS)).to_have_text("Taken off the list to come back to.")
    assert page.text_content(HEADING).startswith("1.4 ")
    expect(page.locator("[data-action='meeting-skip']")).to_be_focused()
    assert page.text_content("[data-action='meeting-skip']") == "Come back to this"
    assert stored_meeting(page)["come_back_to"] == ["1.3"]
    # Agreed after all: the mark is cleared, in the file too.
    go(page, "indicator:1.3")
    page.click("label[for='meeting-s-2']")
    go(page, "record")
    assert all(not entry.startswith("1.3 ") for entry in unresolved(page))
    (tmp_path / "again").mkdir()
    again = download_record(page, tmp_path / "again")
    assert again["meeting"]["come_back_to"] == [] and again["ratings"]["1.3"]["statement"] == 2
    assert again["meeting"]["domains"] == ["1", "2"]


def test_a_statement_chosen_on_a_marked_indicator_gives_its_button_back_its_first_words(page: Page) -> None:
    """Marked, come back to with Previous, then agreed: the mark came off, but the button still said
    "Do not come back to this", and pressing it marked the indicator again."""
    open_meeting(page)
    start(page)
    go(page, "indicator:1.1")
    page.click("[data-action='meeting-skip']")
    assert page.text_content(HEADING).startswith("1.2 ")
    page.click("[data-action='meeting-prev']")
    assert page.text_content("[data-action='meeting-skip']") == "Do not come back to this"
    page.click("label[for='meeting-s-2']")
    assert page.text_content("[data-action='meeting-skip']") == "Come back to this"
    assert stored_meeting(page)["come_back_to"] == []


def pdf_text(page: Page) -> tuple[str, list[float]]:
    sheets = read_pdf(page.pdf(prefer_css_page_size=True))
    text = " ".join(sheet.text for sheet in sheets)
    return " ".join(text.split()), [round(sheets[0].width), round(sheets[0].height)]


def test_the_record_prints_alone_on_a4(record: Page) -> None:
    page = record
    printed = page.evaluate("window.__printed || 0")
    page.click(".meeting-record button:has-text('Print the record')")
    assert page.evaluate("window.__printed") == printed + 1
    text, size = pdf_text(page)
    assert size == [595, 842]  # A4 portrait, in points
    for words in (
        "Meeting record",
        "Date 04/05/2026",
        "Agreed (2)",
        "Discussion note: We agreed S2; the GP and the team manager saw S3 because of the new clinic.",
        "Members: Split: S1 to S4.",
        "1.3 Influence within key organisations (health board and/or local authority and/or third sector) processes — To come back to",
        "1.4 Buy-in of other professionals — Opened, nothing recorded",
        "Next steps set (1)",
        "Next steps: A shared referral form by June",
    ):
        assert words in text
    for absent in ("Print the record", "Leave meeting mode", "Assessment details", "Next →", "Contents"):
        assert absent not in text


def test_the_browsers_own_print_gives_the_whole_record_or_the_indicator_without_controls(record: Page) -> None:
    page = record  # the record on screen; the page's button is not pressed (Ctrl+P)
    printed = page.evaluate("window.__printed")
    text, size = pdf_text(page)
    assert page.evaluate("window.__printed") == printed
    assert size == [595, 842]
    for words in (
        "Meeting record",
        "To come back to, or not agreed yet (2)",
        "Next steps set (1)",
        "Next steps: A shared referral form by June",
    ):
        assert words in text
    for absent in ("Keys:", "Leave meeting mode", "Next →", "Contents", "Print the record", "Meeting: Untitled"):
        assert absent not in text
    # On an indicator: its words and what the room recorded, without the bar, the way on or the buttons.
    go(page, "indicator:1.2")
    text, _ = pdf_text(page)
    assert text.startswith("1. BUY-IN · indicator 2 of 4 in this domain 1.2 Strategic and senior leader engagement")
    assert "S3 for now; the district nurse sees S1 in the north of the patch." in text
    for absent in ("Keys:", "Leave meeting mode", "Come back to this", "Reveal", "Show roles"):
        assert absent not in text
    # The contents over the step: its list of steps prints (they are buttons on screen).
    page.click("[data-action='meeting-contents']")
    text, _ = pdf_text(page)
    assert "1.2 Strategic and senior leader engagement ✓ Agreed: S3" in text and "Keys:" not in text


def measure_statements(page: Page) -> dict:
    """The five statements' boxes against the stage's visible box, their text's size, and how tall they are."""
    return page.evaluate(MEASURE)


MEASURE = """() => {
        const stage = document.querySelector('.meeting-stage').getBoundingClientRect()
        const options = Array.from(document.querySelectorAll('.meeting-options .meeting-option'))
        const boxes = options.map(o => o.getBoundingClientRect())
        return {
            count: options.length,
            inside: boxes.every(b => b.top >= stage.top - 0.5 && b.bottom <= stage.bottom + 0.5 && b.left >= 0 && b.right <= innerWidth),
            scrolled: document.querySelector('.meeting-stage').scrollTop,
            smallest: Math.min(...options.map(o => parseFloat(getComputedStyle(o.querySelector('label')).fontSize))),
            bottom: Math.max(...boxes.map(b => b.bottom)),
            sideways: document.documentElement.scrollWidth > innerWidth,
        }
    }"""


def each_indicator_measured(page: Page) -> list[dict]:
    """From the meeting's first step, Next (as Page Down does) to each indicator in turn, past the domains'
    prompts, measuring its statements as measure_statements does, in one call. Each step's screen is made
    in its click, and measuring lays it out, as the frame after it would (waiting for that frame each time
    doubled the cost)."""
    return page.evaluate(EACH_INDICATOR.replace("MEASURE", MEASURE).replace("HEADING", repr(HEADING)))


EACH_INDICATOR = """() => {
    const seen = []
    const next = () => document.querySelector("[data-action='meeting-next']")
    while (!next().disabled && seen.length < 100) {
        next().click()
        if (!document.getElementById('meeting-indicator-heading')) continue
        seen.push({ heading: document.querySelector(HEADING).textContent, ...(MEASURE)() })
    }
    return seen
}"""


@pytest.mark.parametrize(("width", "height", "size"), [(1280, 720, 20), (1024, 768, 18)])
def test_every_indicators_five_statements_show_without_scrolling(
    browser: Browser, real_site: Path, width: int, height: int, size: int
) -> None:
    """Each of the 45, then the longest (found by measuring, not by name) with the members revealed
    and their roles under every statement, the tallest the statements get."""
    for page in open_page(browser, (real_site / "assess.html").as_uri(), viewport={"width": width, "height": height}):
        open_meeting(page)
        load_members(page)
        start(page)
        bottoms = {}
        for indicator, seen in zip(INDICATORS, each_indicator_measured(page), strict=True):
            assert seen["heading"].startswith(indicator + " "), (indicator, seen["heading"])
            assert seen["count"] == 5 and seen["inside"] and seen["scrolled"] == 0, (indicator, seen)
            assert seen["smallest"] >= size and not seen["sideways"], (indicator, seen)
            bottoms[indicator] = seen["bottom"]
        longest = max(bottoms, key=bottoms.get)
        assert longest == "6.6", f"measured: {sorted(bottoms.items(), key=lambda item: -item[1])[:3]}"
        for indicator in (longest, "1.2"):
            go(page, f"indicator:{indicator}")
            reveal(page)
            page.check("#meeting-roles")
            page.click("label[for='meeting-s-3']")  # shaded, with its marker and words beside S3
            page.click("label[for='meeting-e-fully']")
            page.focus(HEADING)
            page.evaluate("document.querySelector('.meeting-stage').scrollTop = 0")
            seen = measure_statements(page)
            assert seen["inside"] and seen["smallest"] >= size and not seen["sideways"], (indicator, seen)
            assert all(roles(page)[:5]) if indicator == longest else True
        page.screenshot(path=str(real_site.parent / f"meeting-{width}.png"))


def test_at_200_percent_zoom_the_meeting_is_one_readable_column_without_sideways_scrolling(
    browser: Browser, real_site: Path
) -> None:
    """Browser zoom at 200 % on a 1280×720 window lays out 640×360 CSS pixels at 2 device pixels
    each: media queries see 640 px, as they do zoomed. (CSS zoom on the page would keep the 1280 px
    viewport and its media queries, which is not what a zoomed browser does.)"""
    for page in open_page(
        browser, (real_site / "assess.html").as_uri(), viewport={"width": 640, "height": 360}, device_scale_factor=2
    ):
        open_meeting(page)
        load_members(page)
        start(page)
        for key in ("indicator:6.6", "indicator:1.2", "record", "setup"):
            go(page, key)
            if key.startswith("indicator"):
                reveal(page)
                page.check("#meeting-roles")
            layout = page.evaluate(
                """() => {
                const stage = document.querySelector('.meeting-stage')
                const lefts = Array.from(document.querySelectorAll('.meeting-options .meeting-option'), o => o.getBoundingClientRect().left)
                const outside = Array.from(document.querySelectorAll('.meeting *')).filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                return { columns: new Set(lefts).size, sideways: [document.documentElement, stage, document.querySelector('.meeting')].some(e => e.scrollWidth > e.clientWidth),
                         outside: outside.map(e => e.className || e.tagName).slice(0, 5),
                         size: parseFloat(getComputedStyle(stage).fontSize) }
            }"""
            )
            assert layout["columns"] <= 1 and not layout["sideways"] and layout["outside"] == [], (key, layout)
            assert layout["size"] >= 18
            assert page.locator(".meeting-keys").is_visible()  # the keys are shown zoomed too
        go(page, "indicator:6.6")
        page.screenshot(path=str(real_site.parent / "meeting-zoom-200.png"))


# The bars, the stage between them and every control of the bars, as boxes in CSS pixels.
BARS = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height} }
    const controls = Array.from(document.querySelectorAll('.meeting-bar button, .meeting-nav button'))
    return { height: innerHeight, width: innerWidth, bar: box(document.querySelector('.meeting-bar')),
             stage: box(document.querySelector('.meeting-stage')), nav: box(document.querySelector('.meeting-nav')),
             controls: controls.map(b => ({action: b.dataset.action, shown: b.innerText.trim(), name: b.getAttribute('aria-label') || b.textContent, ...box(b)})),
             keys: document.querySelector('.meeting-keys').getClientRects().length > 0,
             size: parseFloat(getComputedStyle(document.querySelector('.meeting-bar')).fontSize) }
}"""


def bars(page: Page) -> dict:
    return page.evaluate(BARS)


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def one_row(boxes: list[dict]) -> bool:
    return max(b["top"] for b in boxes) < min(b["bottom"] for b in boxes)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_on_a_phone_the_bars_are_compact_and_every_control_is_still_there_and_reachable(
    browser: Browser, real_site: Path, language: str
) -> None:
    """375×667, a touch screen: the bars take at most a quarter of the height (with Welsh's longer
    words, the timer on and "Do not come back to this", the longest, too), so that the statements
    have the rest."""
    page_path = "assess.html" if language == "en" else "cy/assess.html"
    for page in open_page(
        browser,
        (real_site / page_path).as_uri(),
        viewport={"width": 375, "height": 667},
        has_touch=True,
        is_mobile=True,
    ):
        open_meeting(page)
        page.select_option("#meeting-timer", "2")  # the timer on too: the bar's longest
        start(page)
        page.keyboard.press("PageDown")
        page.click("[data-action='meeting-skip']")  # 1.1 marked: the way on says its longest words
        page.click("[data-action='meeting-prev']")
        expect(page.locator("#meeting-indicator-heading")).to_be_focused()
        seen = bars(page)
        assert (seen["bar"]["height"] + seen["nav"]["height"]) / seen["height"] <= 0.25, seen
        assert (
            seen["bar"]["bottom"] <= seen["stage"]["top"] + 0.5 and seen["stage"]["bottom"] <= seen["nav"]["top"] + 0.5
        )
        assert seen["nav"]["bottom"] <= seen["height"] + 0.5 and not seen["keys"]  # the keys' help folded away
        controls = seen["controls"]
        assert [c["action"] for c in controls] == [
            "meeting-contents",
            "meeting-fullscreen",
            "meeting-leave",
            "meeting-prev",
            "meeting-skip",
            "meeting-next",
        ]
        for control in controls:  # each shown whole, inside the window, at least 24 × 24 (WCAG 2.2 target size)
            assert control["shown"] and control["width"] >= 24 and control["height"] >= 24, control
            assert 0 <= control["left"] and control["right"] <= seen["width"] and 0 <= control["top"], control
            assert control["bottom"] <= seen["height"], control
        assert not any(overlap(a, b) for i, a in enumerate(controls) for b in controls[i + 1 :])
        leave = controls[2]  # short on screen, whole for a screen reader
        assert (leave["shown"], leave["name"]) == (
            ("Leave", "Leave meeting mode (Esc)") if language == "en" else ("Gadael", "Gadael y modd cyfarfod (Esc)")
        )
        # The indicator's own controls are reached by scrolling the stage, between the bars.
        page.evaluate("document.querySelector('.meeting-stage').scrollTop = 1e6")
        plan = page.locator(".meeting-plan summary").bounding_box()
        assert (
            plan and seen["stage"]["top"] <= plan["y"] and plan["y"] + plan["height"] <= seen["stage"]["bottom"] + 0.5
        )
        page.click(".meeting-plan summary")
        assert page.locator("#meeting-target").is_visible()
        # A keyboard in use in the way on: the keys' help shows there.
        page.focus("#meeting-next-steps")  # the stage's last field, before the way on
        for _ in range(3):
            page.keyboard.press("Tab")
            if page.evaluate("!!document.activeElement.closest('.meeting-nav')"):
                break
        assert page.evaluate("!!document.activeElement.closest('.meeting-nav')") and bars(page)["keys"]
        page.screenshot(path=str(real_site.parent / f"meeting-phone-{language}.png"))


# Where focus is (a statement's radio with the statement's words: what a person needs to see), and
# the way on's top edge, in CSS pixels of the window.
FOCUS_AND_NAV = """() => {
    const focused = (document.activeElement.closest('.meeting-option') || document.activeElement).getBoundingClientRect()
    return { inNav: !!document.activeElement.closest('.meeting-nav'), what: document.activeElement.id || document.activeElement.tagName,
             top: focused.top, bottom: focused.bottom, navTop: document.querySelector('.meeting-nav').getBoundingClientRect().top }
}"""


@pytest.mark.parametrize("language", ["en", "cy"])
def test_on_a_phone_on_its_side_next_stays_in_reach_and_focus_is_never_under_it(
    browser: Browser, real_site: Path, language: str
) -> None:
    """844×390, a touch screen (a phone turned sideways): the window is too short for both bars, so the
    meeting scrolls as one, but the way on stays at the window's foot, one short row, wherever the
    stage is scrolled to (it was two screens down). Each control Tab reaches on the step shows above
    it, not under it, a statement with its words; Next is pressed where it is and moves on, and stays
    there when the middle button says "Do not come back to this" (a tap where Next had been unmarked
    the indicator instead). A tap on a choice leaves the view where it is (it was thrown back to the
    heading)."""
    page_path = "assess.html" if language == "en" else "cy/assess.html"
    for page in open_page(
        browser,
        (real_site / page_path).as_uri(),
        viewport={"width": 844, "height": 390},
        has_touch=True,
        is_mobile=True,
    ):
        open_meeting(page)
        load_members(page, MEMBERS[:3]) if language == "en" else None
        start(page)
        page.keyboard.press("PageDown")
        expect(page.locator("#meeting-indicator-heading")).to_be_focused()
        if language == "en":
            reveal(page)
        for scrolled in (0, 1e6):
            page.evaluate(f"document.querySelector('.meeting').scrollTop = {scrolled}")
            seen = bars(page)
            assert seen["nav"]["bottom"] <= seen["height"] + 0.5 and seen["nav"]["top"] >= seen["height"] * 0.8, seen
            nav = [c for c in seen["controls"] if c["action"] in ("meeting-prev", "meeting-skip", "meeting-next")]
            assert one_row(nav) and all(c["top"] >= 0 and c["bottom"] <= seen["height"] + 0.5 for c in nav), nav
        page.check("#meeting-s-2")  # a statement chosen and the plan opened: every field of the step in Tab's way
        page.click(".meeting-plan summary")
        page.evaluate("document.querySelector('.meeting').scrollTop = 0")
        page.focus("#meeting-indicator-heading")
        reached = []
        for _ in range(40):
            page.keyboard.press("Tab")
            where = page.evaluate(FOCUS_AND_NAV)
            if where["inNav"]:
                break
            reached.append(where["what"])
            assert where["bottom"] <= where["navTop"] + 0.5 and where["top"] >= 0, where
        assert where["inNav"] and len(reached) >= 6, reached  # the statements, evidence, note and plan on the way
        page.evaluate("document.querySelector('.meeting-evidence').scrollIntoView({ block: 'center' })")
        before = page.evaluate("document.querySelector('.meeting').scrollTop")
        assert before > 0
        page.tap("label[for='meeting-e-fully']")  # in view: Playwright scrolls nothing itself
        assert page.is_checked("#meeting-e-fully")
        assert page.evaluate("document.querySelector('.meeting').scrollTop") == before  # not thrown back up
        page.tap("[data-action='meeting-next']")
        expect(page.locator("#meeting-indicator-heading")).to_be_focused()
        assert page.locator(HEADING).inner_text().startswith("1.2 ")
        next_at = page.locator("[data-action='meeting-next']").bounding_box()
        page.tap("[data-action='meeting-skip']")  # 1.2 to come back to: on to 1.3, then back
        page.tap("[data-action='meeting-prev']")
        assert page.locator(HEADING).inner_text().startswith("1.2 ")
        assert (
            page.locator("[data-action='meeting-skip']").inner_text()
            != page.locator("[data-action='meeting-next']").inner_text()
        )
        moved = page.locator("[data-action='meeting-next']").bounding_box()
        assert abs(moved["x"] - next_at["x"]) < 1 and abs(moved["y"] - next_at["y"]) < 1, (next_at, moved)
        page.screenshot(path=str(real_site.parent / f"meeting-phone-sideways-{language}.png"))


def test_a_click_on_a_choice_leaves_the_stage_scrolled_where_it_was(page: Page) -> None:
    """At 1280×720 with a mouse, a click on an evidence level threw the stage back up to the heading
    (focus returns there after a click, without scrolling; the code that shows a Tab-reached control
    whole scrolled it anyway)."""
    open_meeting(page)
    start(page)
    page.keyboard.press("PageDown")
    page.click("label[for='meeting-s-3']")
    page.evaluate("document.querySelector('.meeting-evidence').scrollIntoView({ block: 'center' })")
    before = page.evaluate("document.querySelector('.meeting-stage').scrollTop")
    assert before > 0
    page.click("label[for='meeting-e-fully']")
    expect(page.locator("#meeting-indicator-heading")).to_be_focused()  # focus back to the heading, as before
    assert page.is_checked("#meeting-e-fully")
    assert page.evaluate("document.querySelector('.meeting-stage').scrollTop") == before


def test_at_1280_by_800_the_bars_are_as_they_were_one_row_each_with_the_keys_shown(
    browser: Browser, real_site: Path
) -> None:
    for page in open_page(browser, (real_site / "assess.html").as_uri(), viewport={"width": 1280, "height": 800}):
        check_the_bars_at_1280_by_800(page)


def check_the_bars_at_1280_by_800(page: Page) -> None:
    open_meeting(page)
    start(page)
    page.keyboard.press("PageDown")
    seen = bars(page)
    controls = {c["action"]: c for c in seen["controls"]}
    assert seen["size"] == 16 and seen["keys"] and page.text_content(".meeting-keys") == KEYS
    assert controls["meeting-leave"]["shown"] == "Leave meeting mode (Esc)"
    top = [page.locator(s).bounding_box() for s in (".meeting-title", ".meeting-progress")]
    top_row = [{"top": b["y"], "bottom": b["y"] + b["height"]} for b in top if b] + [
        controls[a] for a in ("meeting-contents", "meeting-fullscreen", "meeting-leave")
    ]
    assert one_row(top_row) and one_row([controls[a] for a in ("meeting-prev", "meeting-skip", "meeting-next")])
    assert seen["stage"]["height"] / seen["height"] >= 0.8


@pytest.mark.parametrize(
    "refuse",
    [
        "() => { Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('denied')) }",
        "() => { delete Element.prototype.requestFullscreen; delete Element.prototype.webkitRequestFullscreen }",
    ],
    ids=["refused", "not-offered"],
)
def test_full_screen_falls_back_to_the_window_when_refused(page: Page, refuse: str) -> None:
    if True:  # (the shared page is loaded afresh, without the refusal, for the next test)
        page.evaluate(refuse)
        open_meeting(page)
        page.click("[data-action='meeting-fullscreen']")
        expect(page.locator(STATUS)).to_have_text(
            "This browser did not allow full screen. The meeting already fills the window; the browser’s own "
            "full-screen key (often F11) hides the rest."
        )
        box = page.locator(".meeting").bounding_box()
        assert box == {"x": 0, "y": 0, "width": 1280, "height": 720}  # the meeting fills the window all the same
        assert page.evaluate("document.fullscreenElement") is None


def test_the_timer_is_off_until_set_shows_time_only_and_never_ends_the_discussion(
    browser: Browser, real_site: Path
) -> None:
    """In a context of its own: the installed clock is the context's, and would stop the shared page's timers."""
    for page in open_page(browser, (real_site / "assess.html").as_uri()):
        check_the_timer(page)
        # Going past the limit, the timer's words grow ("past 2:00", in bold): its room is held from the
        # first second, so nothing moves. Both cases wrapped the bar on going over before (the heading
        # went 22 px down on an English phone, 4 px on a Welsh phone on its side).
        # (A tab of its own each time: the meeting of this one would open again on loading the page.)
        for folder, width, height in (("", 390, 844), ("cy/", 667, 375)):
            tab = page.context.new_page()
            check_going_past_the_limit_moves_nothing(tab, real_site / folder / "assess.html", width, height)
            tab.close()


def check_going_past_the_limit_moves_nothing(page: Page, url: Path, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url.as_uri())
    open_meeting(page)
    page.select_option("#meeting-timer", "2")
    start(page)
    page.keyboard.press("PageDown")
    expect(page.locator(".meeting-timer")).not_to_be_empty()
    before = page.locator(HEADING).bounding_box()
    page.clock.run_for("02:05")
    expect(page.locator(".meeting-timer[data-over]")).to_be_visible()
    assert page.locator(HEADING).bounding_box() == before, f"{url.parent.name or 'en'} {width}×{height}"
    fits = "t => t.scrollWidth <= t.clientWidth && t.getBoundingClientRect().right <= innerWidth"
    assert page.locator(".meeting-timer").evaluate(fits), "the timer's words are cut off or leave the window"


def check_the_timer(page: Page) -> None:
    page.clock.install()
    reload(page)
    open_meeting(page)
    assert page.input_value("#meeting-timer") == "0"
    start(page)
    page.keyboard.press("PageDown")
    assert page.text_content(".meeting-timer") == ""
    go(page, "setup")
    page.select_option("#meeting-timer", "2")
    go(page, "indicator:1.1")
    expect(page.locator(".meeting-timer")).to_have_text("Timer: 0:00 of 2:00")
    assert page.get_attribute(".meeting-timer", "role") == "timer"  # not read out as it runs
    page.clock.run_for("02:05")
    expect(page.locator(".meeting-timer")).to_have_text("Timer: 2:05, past 2:00")  # in words, not by colour alone
    assert page.get_attribute(".meeting-timer", "data-over") == ""
    assert page.text_content(HEADING).startswith("1.1 ")  # the discussion goes on
    # The same indicator drawn again goes on from when it was come to: after the contents is opened
    # and closed, and after a reload (which started it from 0:00 again).
    page.click("[data-action='meeting-contents']")
    page.click("[data-action='meeting-contents']")
    expect(page.locator(".meeting-timer")).to_have_text("Timer: 2:05, past 2:00")
    reload(page)
    expect(page.locator("#meeting-indicator-heading")).to_be_focused()
    page.clock.run_for("00:03")
    expect(page.locator(".meeting-timer")).to_have_text("Timer: 2:08, past 2:00")
    # A time kept for this tab that cannot be (in the future, or not a number) starts the timer again.
    for at in ("Date.now() + 1e9", "'soon'"):
        page.evaluate(f"""() => {{ const kept = JSON.parse(sessionStorage.getItem('mpw-static:meeting'))
            kept.timerSince.at = {at}; sessionStorage.setItem('mpw-static:meeting', JSON.stringify(kept)) }}""")
        reload(page)
        expect(page.locator(".meeting-timer")).to_have_text("Timer: 0:00 of 2:00")
        page.clock.run_for("00:01")
    page.keyboard.press("PageDown")
    expect(page.locator(".meeting-timer")).to_have_text("Timer: 0:00 of 2:00")  # each indicator starts afresh
    page.keyboard.press("PageUp")  # and so does coming back to one
    expect(page.locator(".meeting-timer")).to_have_text("Timer: 0:00 of 2:00")


@pytest.fixture
def axe_page(browser: Browser, real_site: Path) -> Iterator[Page]:
    """axe reads the stylesheets itself, which the site's policy refuses: this context bypasses it."""
    yield from open_page(browser, (real_site / "assess.html").as_uri(), bypass_csp=True)


def test_meeting_mode_passes_axe_with_members_revealed_and_with_the_record_showing(axe_page: Page) -> None:
    axe = Axe()
    page = axe_page
    meeting_with_a_record(page)
    assert violations(axe, page, within=[".meeting"]) == []
    go(page, "indicator:1.2")
    page.check("#meeting-roles")
    page.click(".meeting-plan summary")
    assert violations(axe, page, within=[".meeting"]) == []
    for key in ("setup", "domain:2"):
        go(page, key)
        assert violations(axe, page, within=[".meeting"]) == []
    page.click("[data-action='meeting-contents']")
    assert violations(axe, page, within=[".meeting"]) == []


def test_the_meeting_loads_on_first_use_and_speaks_welsh(shared_pages: SharedPages, real_site: Path) -> None:
    for page in shared_pages.fresh((real_site / "cy/assess.html").as_uri()):
        assert page.evaluate("typeof window.MPW.MeetingStage") == "undefined"  # the form loads without it
        assert page.text_content("#meeting-open") == "Dechrau’r modd cyfarfod"
        page.click("#meeting-open")
        expect(page.locator("#meeting-setup-heading")).to_have_text("Paratoi’r cyfarfod")
        assert page.evaluate("typeof window.MPW.MeetingStage") == "function"
        page.click(".meeting-start")
        page.keyboard.press("PageDown")
        expect(page.locator(".meeting [aria-live]")).to_have_text("Dangosydd 1.1, 1 o 45 yng nghyfarfod heddiw")
        assert page.text_content("[data-action='meeting-next']") == "Nesaf →"
        assert page.text_content(".meeting-progress") == "0 o 45 wedi’u cytuno"
        # The matrix is not translated yet: its words are marked as English inside the Welsh page.
        marks = page.evaluate(
            """() => [document.querySelector('#meeting-indicator-heading').lang,
                document.querySelector('.meeting-where span').lang, document.querySelector('.meeting-where').lang,
                ...Array.from(document.querySelectorAll('.meeting-options label > [lang]'), e => e.lang)]"""
        )
        assert marks == ["en", "en", "", "en", "en", "en", "en", "en"]
        page.click("[data-action='meeting-skip']")
        go(page, "record")
        assert page.get_attribute(".meeting-record-part[data-part='unresolved'] .meeting-record-title", "lang") == "en"
        assert page.locator(".meeting-record-part h3").all_text_contents()[:3] == [
            "Cyd-destun a myfyrdodau (0)",
            "Wedi’u cytuno (0)",
            "I ddod yn ôl atynt, neu heb eu cytuno eto (2)",  # 1.1 to come back to, 1.2 reached
        ]
        assert unresolved(page) == ["1.1 I ddod yn ôl ato", "1.2 Wedi’i agor, dim wedi’i gofnodi"]
        text, _ = pdf_text(page)  # printed, the same words
        assert "— I ddod yn ôl ato" in text and "— Wedi’i agor, dim wedi’i gofnodi" in text


def session(page: Page) -> list[str]:
    return page.evaluate("() => Object.keys(sessionStorage).filter(k => k.startsWith('mpw-static:meeting')).sort()")


def test_clear_all_my_data_forgets_the_meeting_and_its_members_files(page: Page) -> None:
    open_meeting(page)
    load_members(page)
    start(page)
    page.keyboard.press("PageDown")
    page.click("[data-action='meeting-skip']")
    assert session(page) == ["mpw-static:meeting", "mpw-static:meeting-members"]
    page.keyboard.press("Escape")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    assert session(page) == []
    open_meeting(page)  # a new meeting, at its set-up, with no members
    assert page.get_attribute(".meeting-member-count", "data-count") == "0"
    reload(page)
    assert page.locator(".meeting").is_hidden()  # nothing to open again


def test_another_tabs_change_shows_in_the_meeting_and_a_save_it_would_overwrite_is_refused_in_words(
    shared_pages: SharedPages, real_site: Path
) -> None:
    for page in shared_pages.fresh((real_site / "assess.html").as_uri()):
        page.fill("#service-name", "Valley team")
        other = page.context.new_page()
        other.goto((real_site / "assess.html").as_uri())
        open_meeting(page)
        start(page)
        page.keyboard.press("PageDown")
        # The other tab's choice arrives while this page has nothing unsaved: the meeting shows it.
        other.check("#s-1-1-4")
        expect(page.locator("#meeting-s-4")).to_be_checked()
        expect(page.locator("#meeting-indicator-heading")).to_be_focused()
        # A change from the other tab that this page did not hear of (as when a browser drops the
        # event): the meeting's next save would overwrite it, so it is not saved, and it says so.
        # (Written from this page itself, whose own writes raise no storage event in it.)
        page.evaluate(
            """() => { const key = Object.keys(localStorage).find(k => k.startsWith('mpw-static:assessment:'))
            const record = JSON.parse(localStorage.getItem(key))
            record.updated = '2099-01-01T00:00:00.000Z'
            localStorage.setItem(key, JSON.stringify(record)) }"""
        )
        page.click("label[for='meeting-s-2']")
        expect(page.locator(STATUS)).to_have_text(
            "Not saved: this assessment was changed in another tab. Leave meeting mode (Esc) to choose which "
            "version to keep."
        )
        page.keyboard.press("Escape")
        expect(page.locator("[data-role=elsewhere]")).to_be_visible()  # the page asks which version to keep
        other.close()


def test_the_single_file_edition_has_meeting_mode_inline(shared_pages: SharedPages, real_site: Path) -> None:
    for page in shared_pages.fresh((real_site / "mpw-development-matrix.html").as_uri()):
        assert page.evaluate("typeof window.MPW.MeetingStage") == "function"  # no file to load: it is all inline
        open_meeting(page)
        load_members(page, ["member-a.json", "member-b.json"])
        start(page)
        page.keyboard.press("PageDown")
        assert reveal(page) == "Agreement: S2."


def test_a_meeting_can_be_run_with_the_keyboard_alone(page: Page) -> None:
    page.keyboard.press("Tab")
    press_until(page, "Tab", "meeting-open")
    page.keyboard.press("Enter")
    expect(page.locator("#meeting-setup-heading")).to_be_focused()
    press_until(page, "Tab", "meeting-participants")
    page.keyboard.type("District nurse, GP")
    for number in range(2, 9):
        press_until(page, "Tab", f"meeting-domain-{number}")
        page.keyboard.press("Space")
    load_members(page, ["member-a.json", "member-c.json"])  # the file picker is the system's own dialog
    press_until(page, "Tab", "meeting-timer")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "button meeting-start"
    page.keyboard.press("Enter")
    expect(page.locator("#meeting-domain-heading")).to_be_focused()
    page.keyboard.press("PageDown")
    expect(page.locator("#meeting-indicator-heading")).to_be_focused()
    press_until(page, "Tab", "meeting-s-1")  # into the statements: the arrows choose there
    page.keyboard.press("ArrowRight")
    assert page.is_checked("#meeting-s-2")
    steps = press_until(page, "Tab", "")  # to the Reveal button, which has no id
    assert page.evaluate("document.activeElement.textContent") == "Reveal", steps[-1]
    page.keyboard.press("Enter")
    expect(page.locator(".meeting-flag")).to_have_text("Agreement: S2 to S3.")  # A chose S2, C S3: within one
    press_until(page, "Tab", "meeting-e-fully")
    page.keyboard.press("Space")
    press_until(page, "Tab", "meeting-note")
    page.keyboard.type("Typed with the keyboard")
    for mark in [page.evaluate(FOCUS_MARK)]:
        assert mark["visible"], mark
    page.keyboard.press("PageDown")
    assert page.text_content(HEADING).startswith("1.2 ")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "meeting-open"
    assert page.is_checked("#s-1-1-2") and page.input_value("#note-1-1") == "Typed with the keyboard"
    assert page.is_checked("#e-1-1-fully")


def test_printing_the_assessment_leaves_meeting_mode_out(page: Page) -> None:
    page.check("#s-1-1-3")
    text, _ = pdf_text(page)
    assert "1.1 Connections with people" in text
    assert "Meeting mode" not in text and "Start meeting mode" not in text
