"""Printing in Chromium on file://, read back from the PDF: a completed assessment prints what the
team answered and wrote, each domain from a new page, in at most 16 A4 landscape pages for all 45
indicators; without JavaScript the whole form prints, to fill in by hand; a Welsh page prints its
evidence in Welsh; the printed improvement plan carries a key to its markers; meeting mode's
print button prints the meeting record alone."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from printed_pdf import PrintedPage, read_pdf

from benchmarks.collection import write_collection
from mpw_static.load import load_framework
from mpw_static.models import ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION
from support import REAL_CONTENT, ROOT, watch_for_errors

pytestmark = pytest.mark.browser

FRAMEWORK = load_framework(REAL_CONTENT)
NOTE = "We agreed this after a long discussion about referrals, shared records and the weekly huddle."
STUB_PRINT = "window.print = () => { window.__printed = (window.__printed || 0) + 1 }"


def assessment(answered: list[str]) -> dict:
    """An assessment answering the given indicators: statements S1 to S5 in turn, evidence
    alternating, a note on every third, a target and steps on every fourth, a context per domain
    with an answer."""
    ratings = {}
    for n, indicator in enumerate(answered):
        plan = n % 4 == 0
        ratings[indicator] = {
            "statement": n % 5 + 1,
            "evidence": "fully-achieved" if n % 2 else "work-in-progress",
            "note": NOTE if n % 3 == 0 else "",
            "target": min(5, n % 5 + 2) if plan else None,
            "next_steps": "Start a weekly joint triage meeting" if plan else "",
            "lead": "Team manager" if plan else "",
            "due_date": "2027-01-31" if plan else None,
            "due_cycle": "",
        }
    domains = {indicator.split(".")[0] for indicator in answered}
    return {
        "format": ASSESSMENT_FORMAT,
        "format_version": ASSESSMENT_FORMAT_VERSION,
        "framework_version": FRAMEWORK.matrix.version,
        "id": "0000aaaa-1111-4222-8333-444455556666",
        "service": {"name": "Coastal cluster", "organisations": "", "participants": ""},
        "date": None,
        "purposes": [],
        "method": None,
        "review_cycle": "",
        "ratings": ratings,
        "domains": {
            number: {"context": f"Context of domain {number}, in the team's words.", "reflections": ""}
            for number in domains
        },
        "sources": [],
        "created": "2026-11-23T09:00:00Z",
        "updated": "2026-11-23T10:00:00Z",
    }


ALL = [indicator.id for indicator in FRAMEWORK.indicators]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-GB")
    context.add_init_script(STUB_PRINT)
    opened = context.new_page()
    errors = watch_for_errors(opened)
    yield opened
    context.close()
    assert errors == []


def open_with(page: Page, url: str, answers: dict) -> None:
    page.goto(url)
    page.set_input_files(
        "#import-file",
        files=[{"name": "team.json", "mimeType": "application/json", "buffer": json.dumps(answers).encode()}],
    )
    expect(page.locator("[data-role=status]")).not_to_be_empty()


def printed_pages(page: Page) -> list[str]:
    """Each printed page's text, ligatures undone; the paper must be A4 landscape."""
    sheets = read_pdf(page.pdf(prefer_css_page_size=True, print_background=True))
    assert (round(sheets[0].width / 72 * 25.4), round(sheets[0].height / 72 * 25.4)) == (297, 210)
    return [sheet.text for sheet in sheets]


def flat(text: str) -> str:
    return " ".join(text.split())


def split_indicators(pages: list[str]) -> list[str]:
    """Indicators whose statements are not all on the page that holds the indicator's title."""
    unspaced = ["".join(text.split()) for text in pages]
    split = []
    for indicator in FRAMEWORK.indicators:
        title = "".join(f"{indicator.id} {indicator.title}".split())
        page = next((text for text in unspaced if title in text), None)
        if page is not None and not all("".join(statement.split()) in page for statement in indicator.statements):
            split.append(indicator.id)
    return split


def headings() -> list[str]:
    """What must never end a printed page: a domain's heading, an indicator's, a field's label."""
    found = [f"{domain.number}. {domain.title}" for domain in FRAMEWORK.domains]
    found += [f"{indicator.id} {indicator.title}" for indicator in FRAMEWORK.indicators]
    return found + ["Context (the box underneath the matrix)", "Note (optional)", "Agreed next steps"]


def test_a_full_assessment_prints_in_at_most_16_pages_each_domain_from_a_new_page(page: Page, real_site: Path) -> None:
    open_with(page, (real_site / "assess.html").as_uri(), assessment(ALL))
    pages = printed_pages(page)
    assert len(pages) <= 16
    starts = [flat(text) for text in pages]
    for domain in FRAMEWORK.domains:
        heading = f"{domain.number}. {domain.title}"
        assert [n for n, text in enumerate(starts) if heading in text] == [
            next(n for n, text in enumerate(starts) if text.startswith(heading))
        ], f"domain {domain.number} does not start a page of its own"
    for number, text in enumerate(starts[:-1], start=1):
        assert not any(text.endswith(heading) for heading in headings()), f"page {number} ends with a heading"
    assert split_indicators(pages) == []
    text = flat(" ".join(pages))
    for indicator in FRAMEWORK.indicators:
        assert flat(f"{indicator.id} {indicator.title}") in text
    fully = sum(1 for n in range(45) if n % 2)
    # Each chosen cell says its evidence in words; the shading key at the top says each once more.
    assert (text.count("■ Fully achieved"), text.count("▧ Work in progress")) == (fully + 1, 45 - fully + 1)
    # Only what was written: 15 notes, 12 plans, 8 contexts; no empty box, fold or unused choice.
    assert text.count("Note (optional)") == text.count(NOTE) == 15
    assert text.count("Agreed next steps") == text.count("Start a weekly joint triage meeting") == 12
    assert text.count("Context (the box underneath the matrix)") == 8
    for left_out in (
        "Organisation(s)",
        "Who took part",
        "Reflections on the test questions",
        "Where you want to be next",
    ):
        assert left_out not in text, left_out


def test_seven_answers_print_on_a_page_for_each_domain_answered(page: Page, real_site: Path) -> None:
    open_with(page, (real_site / "assess.html").as_uri(), assessment(ALL[:7]))  # 1.1–1.4 and 2.1–2.3
    pages = printed_pages(page)
    assert len(pages) == 3  # the details, domain 1, domain 2
    assert flat(pages[1]).startswith("1. BUY-IN") and flat(pages[2]).startswith("2. INTERNAL RELATIONSHIPS")
    text = flat(" ".join(pages))
    assert "2.3 Opportunities for meeting" in text
    assert "2.4 Networking" not in text and "3. EXTERNAL RELATIONSHIPS" not in text


def test_without_javascript_the_whole_form_prints_to_fill_in_by_hand(browser: Browser, real_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((real_site / "assess.html").as_uri())
    pages = printed_pages(page)
    context.close()
    assert split_indicators(pages) == []
    text = flat(" ".join(pages))
    unspaced = "".join(text.split())  # a line may break at a hyphen in the PDF
    for indicator in FRAMEWORK.indicators:
        assert flat(f"{indicator.id} {indicator.title}") in text
        assert "".join(indicator.statements[4].split()) in unspaced
    assert text.count("Note (optional)") == 45
    assert "Organisation(s)" in text and "Reflections on the test questions" in text


def test_a_welsh_assessment_prints_its_evidence_in_welsh(page: Page, real_site: Path) -> None:
    open_with(page, (real_site / "cy/assess.html").as_uri(), assessment(["1.1", "1.2"]))
    text = flat(" ".join(printed_pages(page)))
    assert "S1 ▧ Gwaith ar y gweill" in text and "S2 ■ Wedi'i gyflawni'n llawn" in text
    assert "Fully achieved" not in text and "Work in progress" not in text


def test_the_printed_improvement_plan_has_a_key_to_its_markers(page: Page, real_site: Path) -> None:
    page.goto((real_site / "assess.html").as_uri())
    page.set_input_files("#compare-files", str(ROOT / "tests/fixtures/discussion/plan-baseline.json"))
    expect(page.locator("[data-role=status]")).to_contain_text("to compare")
    page.check("#view-plan")
    page.click("[data-action='show-view']")
    page.click("[data-action='print-view']")
    assert page.evaluate("window.__printed") == 1
    text = flat(" ".join(printed_pages(page)))
    assert "Key: ■ fully achieved (darker shading); ▧ work in progress (lighter shading)." in text
    assert "Improvement plan" in text and " ▧ " in text


def test_a_new_form_prints_no_empty_details_heading_nor_the_notices_about_this_browser_s_storage(
    page: Page, real_site: Path
) -> None:
    """Nothing filled in: the details' heading is left out with them; once a detail is filled, both print.
    Firefox on file:// keeps each page's storage apart, and the page says so at its top (the class
    is what the page's first script sets there); that notice, and the one about full storage, are
    for the screen only. One new form, printed before and after a detail is filled, checks both."""
    page.goto((real_site / "assess.html").as_uri())
    expect(page.locator("#service-name")).to_be_editable()
    page.evaluate("document.documentElement.classList.add('storage-per-file')")
    notice = page.locator(".storage-apart")
    expect(notice).to_be_visible()
    page.evaluate("document.querySelector('[data-role=storage-warning]').hidden = false")
    page.evaluate("document.querySelector('[data-role=storage-warning]').textContent = 'Storage is full.'")
    text = flat(" ".join(printed_pages(page)))
    assert flat(notice.inner_text())[:60] not in text, "the notice that storage is kept apart printed"
    assert "Storage is full." not in text, "the notice that storage is full printed"
    assert text.startswith("Complete the Development Matrix"), text[:80]
    assert "Assessment details" not in text, "an empty form printed the details' heading"
    page.fill("#service-name", "Coastal cluster")
    text = flat(" ".join(printed_pages(page)))
    assert "Assessment details Service or multi-professional team Coastal cluster" in text
    assert "Organisation(s)" not in text


@pytest.mark.parametrize("name", ["assess.html", "cy/assess.html"])
def test_printed_dates_are_written_as_the_page_writes_them(browser: Browser, real_site: Path, name: str) -> None:
    """In an American browser a date field prints 07/15/2026; the page writes dates day first."""
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    page = context.new_page()
    errors = watch_for_errors(page)
    answers = assessment(["1.1", "1.2"])
    answers["date"] = "2026-07-15"
    answers["ratings"]["1.1"]["due_date"] = "2027-01-31"
    open_with(page, (real_site / name).as_uri(), answers)
    text = flat(" ".join(printed_pages(page)))
    assert "15/07/2026" in text and "31/01/2027" in text
    assert "07/15/2026" not in text and "01/31/2027" not in text
    page.fill("#assessment-date", "2026-08-02")  # kept up to date as the date is changed
    page.fill("#due-date-1-1", "")
    text = flat(" ".join(printed_pages(page)))
    assert "02/08/2026" in text and "15/07/2026" not in text and "31/01/2027" not in text
    context.close()
    assert errors == []


LONG_NOTE = (
    "We agreed this after a long discussion about referrals, shared records and the weekly huddle; "
    "the district nurses and the social workers see it differently, and we will look again in six months."
)


def test_a_long_note_and_a_plan_on_every_indicator_print_in_at_most_16_pages(page: Page, real_site: Path) -> None:
    """The heavy case: all 45 indicators with a long note and a whole plan each (18 pages before)."""
    answers = assessment(ALL)
    for number, rating in enumerate(answers["ratings"].values()):
        rating.update(
            note=LONG_NOTE,
            target=min(5, rating["statement"] + 1),
            next_steps=f"Start a weekly joint triage meeting with the GP practices ({number})",
            lead="Team manager",
            due_date="2027-01-31",
        )
    open_with(page, (real_site / "assess.html").as_uri(), answers)
    pages = printed_pages(page)
    starts = [flat(text) for text in pages]
    assert [
        n for n, text in enumerate(starts) if text.startswith(tuple(f"{d.number}. " for d in FRAMEWORK.domains))
    ] == [
        next(n for n, text in enumerate(starts) if f"{domain.number}. {domain.title}" in text)
        for domain in FRAMEWORK.domains
    ], "each domain starts a page of its own"
    assert split_indicators(pages) == []
    text = flat(" ".join(pages))
    assert text.count(flat(LONG_NOTE)) == 45
    for number in range(45):
        assert f"Start a weekly joint triage meeting with the GP practices ({number})" in text
    assert text.count("Team manager") == 45 and text.count("31/01/2027") == 45
    assert len(pages) <= 16, f"{len(pages)} pages"


# Under print media: what of the page beside the meeting shows, which buttons show, and the meeting's text.
PRINTED = """() => {
    const meeting = document.querySelector('.meeting')
    const shown = element => element.checkVisibility()
    return {
      beside: [...document.body.querySelectorAll('*')]
        .filter(element => !element.contains(meeting) && !element.closest('.meeting') && shown(element))
        .map(element => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')),
      buttons: [...document.querySelectorAll('button')].filter(shown).map(button => button.textContent),
      text: meeting.innerText } }"""


def test_meeting_modes_print_button_prints_the_record_alone(page: Page, real_site: Path) -> None:
    """Meeting mode's "Print the record", pressed as a facilitator does (window.print is stubbed: it
    would wait for the print dialog), prints the record: the assessment, what was agreed and the
    next steps, without the meeting's bar, its way on, any button, or anything of the page behind
    it (the form, the site's header and footer). The print CSS keys on meeting mode, so the
    browser's own Print gives the same (test_meeting.py)."""
    open_with(page, (real_site / "assess.html").as_uri(), assessment(ALL[:4]))
    page.click("#meeting-open")
    page.click(".meeting-start")
    page.click("[data-action='meeting-contents']")
    page.click(".meeting-contents [data-id='record']")
    expect(page.locator(".meeting-stage h2")).to_have_text("Meeting record")
    assert "Print the record" in page.evaluate(PRINTED)["buttons"]  # on screen
    page.click(".meeting-record button:has-text('Print the record')")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["beside"] == [], "the page behind the meeting prints too"
    assert printed["buttons"] == []
    text = flat(printed["text"])
    assert text.startswith("Meeting record Assessment Coastal cluster Date ")
    for words in (
        "Agreed (4)",
        "1.2 Strategic and senior leader engagement — S2 · ■ Fully achieved",
        f"Discussion note: {NOTE}",
        "Next steps: Start a weekly joint triage meeting",
    ):
        assert words in text, words
    for absent in ("Meeting: Coastal cluster", "Leave meeting mode", "Full screen", "Contents", "Print the record"):
        assert absent not in text, absent


# Each heading of the printed results (a section's, a domain's, a table's caption) and the first words
# printed after it, read with the print styles on: the start of what it heads (for a table, its first
# row, not its column headings, which are printed again on each page it reaches).
HEADINGS_AND_WHAT_FOLLOWS = """() => {
    const shown = node => { const box = node.parentElement.closest('svg') || node.parentElement
        return box.getClientRects().length > 0 && !node.parentElement.closest('title, desc, .visually-hidden, thead') }
    const words = text => text.split(/\\s+/).filter(Boolean).slice(0, 3).join(' ')
    return [...document.querySelectorAll('[data-role=results] :is(h2, h3, caption)')].map(heading => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        walker.currentNode = heading.lastChild || heading
        let next = walker.nextNode()
        while (next && (!next.nodeValue.trim() || heading.contains(next) || !shown(next))) next = walker.nextNode()
        return [heading.textContent.trim(), next ? words(next.nodeValue) : ''] }) }"""


def lowest_text(sheet: PrintedPage) -> float:
    """How far down the page its lowest line of text is, as a share of the page's height."""
    return max((place for place, _, _ in sheet.pieces), default=0)


def page_text(sheet: PrintedPage) -> str:
    """A printed page's text in the order it is read, line by line from the top, without spaces.
    Pieces less than 0.5 % of the page's height apart are one line (a symbol from another font sits a
    little higher or lower than the words around it)."""
    lines: list[list[tuple[float, float, str]]] = []
    for piece in sheet.pieces:
        if lines and piece[0] - lines[-1][0][0] < 0.005:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return unspaced("".join(text for line in lines for _, _, text in sorted(line, key=lambda piece: piece[1])))


def unspaced(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def headings_apart(pairs: list[list[str]], sheets: list[str]) -> list[str]:
    """Headings printed on a page without the start of what they head (looked for after them there).
    Headings are found in order, each by its first 40 letters: a marker from another font (■, ▧)
    may be written out of its place in the line."""
    apart, sheet, at = [], 0, 0
    for heading, after in pairs:
        start = unspaced(heading)[:40]
        while sheet < len(sheets) and start not in sheets[sheet][at:]:
            sheet, at = sheet + 1, 0
        assert sheet < len(sheets), f"{heading!r} is not printed"
        at = sheets[sheet].index(start, at) + len(start)
        if unspaced(after) not in sheets[sheet][at:]:
            apart.append(f"{heading!r} on page {sheet + 1} without {after!r}")
    return apart


@pytest.fixture(scope="module")
def forty_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forty")
    write_collection(folder, files=40, seed=3)
    return folder


@pytest.mark.parametrize("names", [False, True], ids=["figures", "with-names"])
def test_across_services_prints_with_no_page_left_almost_empty_and_each_heading_with_its_content(
    page: Page, real_site: Path, forty_files: Path, names: bool
) -> None:
    """Forty files read: each domain's chart and table were kept whole, so the first domain, too big
    for what was left of page 2, went to page 3 and left page 2 with a heading and two lines. Now a
    table breaks between its rows (its headings repeated), a chart stays whole with its heading,
    and every page but the last is at least a third full."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto((real_site / "programme.html").as_uri())
    page.set_input_files("#programme-folder", str(forty_files))
    expect(page.locator("[data-role=results] svg.chart")).to_have_count(8)
    if names:
        page.check("#programme-names")
    page.emulate_media(media="print")
    pairs = page.evaluate(HEADINGS_AND_WHAT_FOLLOWS)
    sheets = read_pdf(page.pdf(prefer_css_page_size=True, print_background=True))
    emptyish = [
        f"page {n} is {share:.0%} full" for n, share in enumerate(map(lowest_text, sheets[:-1]), 1) if share < 1 / 3
    ]
    assert emptyish == []
    apart = headings_apart(pairs, [page_text(sheet) for sheet in sheets])
    assert len(pairs) > 30 and apart == []
