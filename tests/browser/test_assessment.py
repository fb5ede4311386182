"""The self-assessment page in a real browser, from file:// and over http: save, reload, files, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from py_pages import enter, reload

from benchmarks.browser import WATCH_SHIFTS
from mpw_static.assessment_file import read_assessment
from mpw_static.load import load_framework
from support import REAL_CONTENT, ROOT, download

pytestmark = pytest.mark.browser
HOSTILE = '<img src=x onerror="window.__pwned=1">"\'&<script>window.__pwned=2</script>'


@pytest.fixture(scope="module")
def indicator_ids() -> list[str]:
    return [indicator.id for indicator in load_framework(REAL_CONTENT).indicators]


def fill_some(page: Page) -> None:
    """Answer part of domain 1 and the details, as a team would (in one call: see py_pages.enter)."""
    enter(
        page,
        {
            "#service-name": "North cluster team",
            "#organisations": "Health board; county council",
            "#participants": "District nurse, social worker, GP",
            "#assessment-date": "2026-11-23",
            "#purpose-learning": True,
            "#purpose-evaluation": True,
            "#method-group": True,
            "#review-cycle": "Baseline",
            "#s-1-1-3": True,
            "#e-1-1-fully": True,
            "#s-1-2-2": True,
            "#e-1-2-wip": True,
            "#s-1-3-na": True,
            "#note-1-1": "Leaflets reach most GP surgeries",
            "#context-1": "The team formed in 2025",
            "#reflections-1": "Who are we trying to influence?",
        },
    )


def import_file(page: Page, name: str, content: bytes) -> None:
    page.set_input_files("#import-file", files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def test_answers_survive_a_reload(assess_page_everywhere: Page) -> None:
    page = assess_page_everywhere
    fill_some(page)
    assert page.text_content("[data-role='progress']") == "3 of 45 answered"
    assert page.text_content("[data-domain-progress='1']") == "3 of 4 answered"
    reload(page)
    assert page.input_value("#service-name") == "North cluster team"
    assert page.input_value("#assessment-date") == "2026-11-23"
    assert page.is_checked("#purpose-learning") and page.is_checked("#method-group")
    assert page.is_checked("#s-1-1-3") and page.is_checked("#e-1-1-fully")
    assert page.is_checked("#s-1-2-2") and page.is_checked("#e-1-2-wip")
    assert page.is_checked("#s-1-3-na") and page.is_disabled("#e-1-3-fully")
    assert page.input_value("#note-1-1") == "Leaflets reach most GP surgeries"
    assert page.input_value("#reflections-1") == "Who are we trying to influence?"
    assert page.text_content("[data-role='progress']") == "3 of 45 answered"
    assert page.get_attribute("#indicator-1-1", "data-shade") == "dark"  # fully achieved: the darker shade
    assert page.text_content("label[for='s-1-1-3'] .option-label") == "S3 ■ Fully achieved"  # not by colour alone
    assert page.get_attribute("#indicator-1-2", "data-shade") == "light"


def test_download_is_valid_for_the_python_model_and_round_trips(
    assess_page_everywhere: Page, tmp_path: Path, indicator_ids: list[str]
) -> None:
    page = assess_page_everywhere
    fill_some(page)
    first = download(page, "download-json", tmp_path)
    assert first.name == "mpw-assessment-north-cluster-team-district-nurse-social-worker-gp-group-2026-11-23.json"
    assessment, problems = read_assessment(first, indicator_ids)
    assert problems == []
    assert assessment.ratings["1.1"].statement == 3 and assessment.ratings["1.3"].statement == "n/a"
    assert assessment.purposes == ["evaluation", "learning"] and assessment.method == "group"
    assert "Last downloaded at" in page.text_content("[data-role='last-downloaded']")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    assert page.input_value("#service-name") == ""
    import_file(page, first.name, first.read_bytes())
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    assert page.input_value("#service-name") == "North cluster team"
    assert page.is_checked("#e-1-2-wip")
    (tmp_path / "again").mkdir()
    second = download(page, "download-json", tmp_path / "again")
    assert json.loads(second.read_text(encoding="utf-8")) == json.loads(first.read_text(encoding="utf-8"))


def test_csv_has_one_row_per_indicator(assess_page_everywhere: Page, tmp_path: Path) -> None:
    page = assess_page_everywhere
    fill_some(page)
    page.fill("#note-1-2", '=HYPERLINK("x")')
    rows = download(page, "download-csv", tmp_path).read_bytes().decode("utf-8-sig").strip().split("\r\n")
    assert len(rows) == 1 + 45
    assert rows[0].startswith('"Domain","Indicator","Title","Statement"')
    assert rows[1].startswith(
        '"1","1.1","Connections with people who may benefit from the service, and the wider public","3","S3",'
    )
    assert '"\'=HYPERLINK(""x"")"' in rows[2]
    assert (
        ',"S3","Increased public awareness and understanding of M-PW however many people may not be benefitting directly",'
        in rows[1]
    )


def valid_file(**changes: object) -> dict:
    data = {
        "format": "mpw-assessment",
        "format_version": 1,
        "framework_version": "FINAL – amended April 2023",
        "id": "0b5a6c1e-1111-4222-8333-444455556666",
        "service": {"name": "Imported team"},
        "ratings": {"2.1": {"statement": 4, "evidence": "work-in-progress", "note": ""}},
        "created": "2026-05-01T09:00:00Z",
        "updated": "2026-05-01T10:00:00Z",
    }
    data.update(changes)
    return data


def test_hostile_text_is_shown_as_text(assess_page: Page) -> None:
    page = assess_page
    hostile = valid_file(
        service={"name": HOSTILE, "organisations": HOSTILE, "participants": HOSTILE},
        review_cycle=HOSTILE[:300],
        ratings={"1.1": {"statement": 2, "note": HOSTILE}},
        domains={"1": {"context": HOSTILE, "reflections": HOSTILE}},
    )
    import_file(page, "hostile.json", json.dumps(hostile).encode())
    page.wait_for_selector(".library-table")
    assert page.input_value("#service-name") == HOSTILE
    assert page.input_value("#note-1-1") == HOSTILE
    assert HOSTILE in page.text_content(".library-table")
    assert page.locator(".library img, .assessment script:not([type])").count() == 0
    assert page.evaluate("window.__pwned") is None


def question(page: Page) -> list[str]:
    """The import's question as shown: its sentences, then its choices in order (the first has focus)."""
    dialog = page.locator("dialog[data-role=import-question]")
    expect(dialog).to_be_visible()
    return dialog.locator("p:not(.notice-actions)").all_inner_texts() + dialog.locator("button").all_inner_texts()


def test_importing_an_older_copy_says_which_is_newer_and_keeps_it_by_default(
    assess_page_everywhere: Page, tmp_path: Path
) -> None:
    """Importing an older file asked only "Replace it with the file's version?", and accepting reverted a newer note.
    (The newer note is downloaded here, so it is in a file: see test_import_choices.py for when it is not.)"""
    page = assess_page_everywhere
    older = json.dumps(valid_file(updated="2026-05-01T10:00:00Z")).encode()
    import_file(page, "team.json", older)
    page.wait_for_selector(".library-table")
    page.fill("#note-2-1", "Newer note typed here")
    page.locator("#note-2-1").blur()
    download(page, "download-json", tmp_path)
    saved_at = page.evaluate(
        "new Date(JSON.parse(localStorage.getItem('mpw-static:assessment:0b5a6c1e-1111-4222-8333-444455556666')).updated)"
        ".toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })"
    )
    file_at = page.evaluate(
        "new Date('2026-05-01T10:00:00Z').toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })"
    )
    import_file(page, "team.json", older)
    assert question(page) == [
        "“Imported team”, in team.json, is already saved in this browser (the same assessment: it has the same id).",
        f"The copy saved here was last changed {saved_at}; the file’s copy was last changed {file_at}.",
        "The copy saved here is newer.",
        "Keep the newer copy saved here",
        "Replace it with the file’s older copy",
        "Keep both: save the file’s copy as a separate copy",
    ]
    expect(page.locator("dialog [data-choice=keep]")).to_be_focused()
    page.keyboard.press("Enter")  # the default
    expect(page.locator("[data-role=status]")).to_have_text("Import cancelled: nothing was changed.")
    assert page.input_value("#note-2-1") == "Newer note typed here"
    import_file(page, "team.json", older)
    question(page)
    page.keyboard.press("Escape")  # closing the question changes nothing either
    expect(page.locator("dialog")).to_have_count(0)
    assert page.input_value("#note-2-1") == "Newer note typed here"
    assert page.locator(".library-table tbody tr").count() == 1


def test_importing_a_newer_copy_offers_it_first(assess_page: Page) -> None:
    page = assess_page
    import_file(page, "old.json", json.dumps(valid_file()).encode())
    page.wait_for_selector(".library-table")
    newer = valid_file(
        updated="2036-05-01T10:00:00Z", ratings={"2.1": {"statement": 5, "evidence": None, "note": "later"}}
    )
    import_file(page, "new.json", json.dumps(newer).encode())
    assert question(page)[2:4] == ["The file’s copy is newer.", "Use the file’s newer copy"]
    page.keyboard.press("Enter")
    expect(page.locator("[data-role=status]")).to_have_text("Imported “Imported team” from new.json.")
    assert page.is_checked("#s-2-1-5") and page.input_value("#note-2-1") == "later"


def test_members_downloads_are_named_by_who_took_part_and_the_method(assess_page: Page, tmp_path: Path) -> None:
    """Three members' downloads were offered the same file name."""
    page = assess_page
    names = []
    for number, role in enumerate(["District nurse", "Social worker", "GP"]):
        page.click("[data-action='new']")
        enter(
            page,
            {
                "#service-name": "North cluster team",
                "#participants": role,
                "#method-individual": True,
                "#assessment-date": "2026-11-23",
            },
        )
        folder = tmp_path / str(number)
        folder.mkdir()
        names.append(download(page, "download-json", folder).name)
    assert names == [
        "mpw-assessment-north-cluster-team-district-nurse-individual-2026-11-23.json",
        "mpw-assessment-north-cluster-team-social-worker-individual-2026-11-23.json",
        "mpw-assessment-north-cluster-team-gp-individual-2026-11-23.json",
    ]
    # Who took part and the method, row by row (waited for: in two busy full runs the first row's
    # method was read empty; the cause was not found, and a row that stays empty still fails here).
    rows = page.locator(".library-table tbody tr")
    expect(rows.locator("td:nth-child(2)")).to_have_text(["District nurse", "Social worker", "GP"])
    expect(rows.locator("td:nth-child(3)")).to_have_text(["Individual", "Individual", "Individual"])


# Two changes saved in the same millisecond (a field left by clicking a choice can do it): the
# time is held still while both are made, so that the test does not depend on the clock.
TWO_CHANGES_IN_ONE_MILLISECOND = """() => {
    const real = Date.prototype.toISOString
    Date.prototype.toISOString = () => '2026-12-01T10:00:00.000Z'
    try {
        const who = document.querySelector('#participants')
        who.value = 'District nurse'
        who.dispatchEvent(new Event('input', { bubbles: true }))
        who.dispatchEvent(new Event('change', { bubbles: true }))
        document.querySelector('#method-group').click()
    } finally {
        Date.prototype.toISOString = real
    }
}"""


def test_a_change_saved_in_the_same_millisecond_as_the_last_is_in_the_list_and_opens(assess_page: Page) -> None:
    """The saved list read each assessment through a check remembered by its `updated`: a second save
    in the same millisecond kept the first one's copy, so the list lost the method and opening the
    assessment again brought back the copy without it, which the next save would have kept."""
    page = assess_page
    page.evaluate(TWO_CHANGES_IN_ONE_MILLISECOND)
    page.click("[data-action='new']")
    row = page.locator(".library-table tbody tr").first
    expect(row.locator("td:nth-child(3)")).to_have_text("Group")
    row.locator("[data-action='open']").click()
    expect(page.locator("#participants")).to_have_value("District nurse")
    assert page.is_checked("#method-group")


def test_the_next_cycle_s_label_stays_within_the_limit(
    assess_page: Page, tmp_path: Path, indicator_ids: list[str]
) -> None:
    """A long label became "… (next cycle)" past the limit, and the download was refused everywhere."""
    page = assess_page
    long_label = (
        "🙂" + "Twelve-month review with the whole cluster " * 7
    )  # over 300 characters once the suffix is added
    import_file(page, "long.json", json.dumps(valid_file(review_cycle=long_label[:300])).encode())
    page.wait_for_selector(".library-table")
    page.click("[data-action='duplicate']")
    label = page.input_value("#review-cycle")
    assert label.endswith(" (next cycle)") and label.startswith("🙂Twelve-month review")
    assert page.evaluate("t => Array.from(t).length", label) <= 300
    saved = download(page, "download-json", tmp_path)
    assessment, problems = read_assessment(saved, indicator_ids)
    assert problems == [] and assessment.review_cycle == label
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    import_file(page, saved.name, saved.read_bytes())
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    assert page.input_value("#review-cycle") == label


def test_drag_and_drop_imports(assess_page: Page) -> None:
    page = assess_page
    page.evaluate(
        """text => {
        const transfer = new DataTransfer()
        transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }))
        document.querySelector('[data-role=drop-zone]').dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }""",
        json.dumps(valid_file()),
    )
    expect(page.locator("#service-name")).to_have_value("Imported team")
    assert page.is_checked("#s-2-1-4") and page.is_checked("#e-2-1-wip")


def test_duplicate_starts_the_next_cycle_and_delete_confirms(assess_page: Page) -> None:
    page = assess_page
    fill_some(page)
    page.click("[data-action='duplicate']")
    assert page.input_value("#review-cycle") == "Baseline (next cycle)"
    assert page.is_checked("#s-1-1-3")
    assert page.locator(".library-table tbody tr").count() == 2
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("[data-action='delete']").first.click()
    assert page.locator(".library-table tbody tr").count() == 2
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-action='delete']").first.click()
    assert page.locator(".library-table tbody tr").count() == 1


def test_without_javascript_the_matrix_still_shows(browser: Browser, site_base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_base + "assess.html")
    assert page.locator("fieldset.indicator").count() == 45
    assert (
        page.locator("fieldset.indicator legend")
        .first.text_content()
        .startswith("1.1 Connections with people who may benefit")
    )
    assert "JavaScript is off, so this page cannot save your answers." in page.inner_text("main")
    assert page.is_hidden(".library") and page.is_hidden(".toolbar")
    assert page.is_hidden(".discuss") and page.is_hidden(".jump-links") and page.is_hidden(".domain-progress >> nth=0")
    context.close()


@pytest.mark.parametrize("visit", ["first", "returning"])
def test_nothing_above_the_form_moves_when_the_script_starts(browser: Browser, site_base: str, visit: str) -> None:
    """Lighthouse measured a layout shift of 0.33 on desktop: the script showed the saved list and the
    discussion tools above the form after first paint. The budget is CLS ≤ 0.05 (see the benchmark)."""
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    saved = (ROOT / "tests/fixtures/discussion/member-a.json").read_text(encoding="utf-8")
    if visit == "returning":
        context.add_init_script(
            f"if (!localStorage.length) localStorage.setItem("
            f"'mpw-static:assessment:a0000000-0000-4000-8000-00000000000a', {json.dumps(saved)})"
        )
    context.add_init_script(WATCH_SHIFTS)
    page = context.new_page()
    page.goto(site_base + "assess.html", wait_until="load")
    page.wait_for_timeout(500)
    if visit == "returning":
        assert page.input_value("#service-name") == "Riverside cluster"
    assert page.evaluate("window.__cls") <= 0.05
    context.close()


def test_labels_start_with_statement_names(assess_page: Page) -> None:
    labels = assess_page.eval_on_selector_all(
        "#indicator-3-5 .option label", "labels => labels.map(l => l.textContent.trim().split(/\\s/)[0])"
    )
    assert labels == ["S1", "S2", "S3", "S4", "S5", "N/A"]


def test_next_unanswered_moves_focus(assess_page: Page) -> None:
    page = assess_page
    fill_some(page)
    page.focus("#s-1-1-3")
    page.click("[data-action='next-unanswered']")
    assert page.evaluate("document.activeElement.id") == "s-1-4-1"


def test_rename_changes_the_saved_name(assess_page: Page) -> None:
    page = assess_page
    fill_some(page)
    page.once("dialog", lambda dialog: dialog.accept("South cluster team"))
    page.click("[data-action='rename']")
    assert page.input_value("#service-name") == "South cluster team"
    reload(page)
    assert "South cluster team" in page.text_content(".library-table")


def test_leaving_with_undownloaded_changes_warns(assess_page: Page, tmp_path: Path) -> None:
    page = assess_page
    assert page.evaluate("window.dispatchEvent(new Event('beforeunload', { cancelable: true }))") is True
    fill_some(page)
    assert page.evaluate("window.dispatchEvent(new Event('beforeunload', { cancelable: true }))") is False
    download(page, "download-json", tmp_path)
    assert page.evaluate("window.dispatchEvent(new Event('beforeunload', { cancelable: true }))") is True


# Waits (at most 5 s) for the notice's delayed showing, a CSS animation, to end. Waiting in the page costs
# little; Playwright's polling for the notice to become visible cost about 0.6 s of Chromium's CPU here.
SHOWN_LATE = """notice => Promise.race([
    Promise.all(notice.getAnimations().map(animation => animation.finished)),
    new Promise(done => setTimeout(done, 5000)),
])"""


@pytest.mark.parametrize("blocked", [None, "format/format.js", "core/store.js", "assessment/form.js", "core/start.js"])
def test_a_page_whose_script_did_not_start_says_it_is_not_saving(
    browser: Browser, hosted_site: str, blocked: str | None
) -> None:
    """A failed start must never look like a working form: the notice stays unless the form started."""
    context = browser.new_context()
    if blocked:
        context.route(f"**/static/js/{blocked}", lambda route: route.abort())
    page = context.new_page()
    page.goto(hosted_site + "assess.html")
    notice = page.locator("[data-role=not-started]")
    if blocked:
        notice.evaluate(SHOWN_LATE)  # after its short delay, so a normal start never flashes it
        assert notice.is_visible(), "the notice did not show once its delay was over"
        assert notice.inner_text().startswith("This page is not saving your work: its script did not start.")
    else:
        expect(page.locator("[data-role=progress]")).to_have_text("0 of 45 answered")
        assert notice.count() == 0
    context.close()


@pytest.mark.parametrize(
    "blocked, part",
    [
        ("assessment/library.js", "the list of assessments saved in this browser does not work"),
        (
            "assessment/files.js",
            "downloading and importing files does not work (your answers are still saved in this browser)",
        ),
        ("discuss/room.js", "the discussion views do not work"),
    ],
)
def test_a_part_of_the_page_that_did_not_start_says_so_and_the_form_still_saves(
    browser: Browser, hosted_site: str, blocked: str, part: str
) -> None:
    """Each room of the page starts on its own: one that fails names itself, and the form keeps saving."""
    context = browser.new_context()
    context.route(f"**/static/js/{blocked}", lambda route: route.abort())
    page = context.new_page()
    page.goto(hosted_site + "assess.html")
    expect(page.locator("[data-role=progress]")).to_have_text("0 of 45 answered")
    assert page.locator("[data-role=not-started]").count() == 0
    assert page.locator("[data-room-failed]").all_inner_texts() == [
        f"Part of this page did not start: {part}. Reload the page; if this message stays, tell whoever looks after "
        "this site."
    ]
    page.check("#s-1-1-3")
    expect(page.locator("[data-role=progress]")).to_have_text("1 of 45 answered")
    reload(page)
    expect(page.locator("#s-1-1-3")).to_be_checked()
    context.close()


def test_discussion_views_that_cannot_be_loaded_say_so_and_nothing_else_changes(
    browser: Browser, hosted_site: str
) -> None:
    """The views are loaded on first use: if their script cannot be fetched, the error summary says so."""
    context = browser.new_context()
    context.route("**/static/js/discuss/views.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(hosted_site + "assess.html")
    page.check("#s-1-1-2")
    page.click("[data-action='show-view']")
    expect(page.locator("[data-role=error-list]")).to_have_text(
        "The discussion views could not be loaded. Reload the page and try again; your answers are not affected."
    )
    assert page.locator("[data-role=discussion]").is_hidden()
    assert page.is_checked("#s-1-1-2")
    context.close()


def test_a_note_with_unusual_characters_survives_download_and_reimport(
    assess_page_everywhere: Page, tmp_path: Path, indicator_ids: list[str]
) -> None:
    """U+FFFD typed or pasted in a note once made the page refuse its own download as "not text";
    emoji were counted twice against the length limit."""
    page = assess_page_everywhere
    note = "Pasted from an old system: \ufffd; team mood \U0001f600"
    enter(page, {"#service-name": "Round trip team", "#s-1-1-2": True, "#note-1-1": note})
    saved = download(page, "download-json", tmp_path)
    assessment, problems = read_assessment(saved, indicator_ids)
    assert problems == [] and assessment.ratings["1.1"].note == note
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-action='clear-all']")
    page.set_input_files("#import-file", str(saved))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported “Round trip team”")
    assert page.input_value("#note-1-1") == note


# Counts the writes of assessment records from here on (the page's own storage calls go through setItem).
COUNT_WRITES = """() => {
    window.__writes = 0
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (key, value) {
        if (key.indexOf(':assessment:') !== -1) window.__writes += 1
        return setItem.call(this, key, value)
    }
}"""


def test_each_choice_is_saved_once(assess_page: Page) -> None:
    """A radio, a box or a select fires both input and change; one choice must write the record once."""
    page = assess_page
    page.evaluate(COUNT_WRITES)
    choices = [
        lambda: page.check("#s-1-1-3"),
        lambda: page.check("#e-1-1-wip"),
        lambda: page.click("#indicator-1-1 [data-role=plan] summary"),  # opening the fold saves nothing
        lambda: page.check("#purpose-learning"),
        lambda: page.select_option("#target-1-1", "4"),
        lambda: page.fill("#note-1-1", "Leaflets"),
    ]
    for choose in choices:
        page.evaluate("window.__writes = 0")
        choose()
        assert page.evaluate("window.__writes") == (0 if choose is choices[2] else 1)
    reload(page)
    assert page.is_checked("#s-1-1-3") and page.input_value("#target-1-1") == "4"


def test_chromium_shares_storage_between_languages_so_no_note_by_the_language_switch(
    browser: Browser, site_base: str
) -> None:
    """The note is for browsers that keep each file apart (Firefox from a folder: test_other_engines.py)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_base + "assess.html")
    assert page.locator(".storage-apart").count() == 1
    assert page.is_hidden(".storage-apart")
    page.evaluate("document.documentElement.classList.add('storage-per-file')")
    assert page.is_visible(".storage-apart")  # what Firefox from a folder shows, by the language switch
    assert page.inner_text(".storage-apart").startswith("Opened from a folder, this browser keeps")
    context.close()
