"""Importing a file whose assessment is saved here, and telling copies apart: what an outside tester
found. Edits that are in no downloaded file are never lost on Enter; after "keep both" the newer work
stays open and the two rows read differently; the saved list's buttons and the downloads' names are
told apart; the toolbar says only what is true of this browser; a workbook is confirmed before it
is stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from py_pages import reload
from test_assessment import import_file, question, valid_file

from support import download

pytestmark = pytest.mark.browser

ID = valid_file()["id"]
SNAPSHOT = "Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))"
STORED = """Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:'))
    .map(k => JSON.parse(localStorage.getItem(k)))"""
# A time as the page writes it in English (core/dom.js's time).
LOCAL = "iso => new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })"


def local(page: Page, iso: str) -> str:
    return page.evaluate(LOCAL, iso)


def stored(page: Page, key: str, id_: str = ID) -> dict:
    return page.evaluate("([key, id]) => JSON.parse(localStorage.getItem('mpw-static:' + key + id))", [key, id_])


def opened_at(page: Page, id_: str = ID) -> str:
    """When the page says it opened an assessment from a file, as it writes the time."""
    return local(page, page.evaluate("id => JSON.parse(localStorage.getItem('mpw-static:from-files'))[id].opened", id_))


def type_note(page: Page, text: str) -> None:
    page.fill("#note-2-1", text)
    page.locator("#note-2-1").blur()
    expect(page.locator("[data-role=status]")).to_contain_text("Saved in this browser")


def test_a_newer_file_over_edits_in_no_file_asks_to_keep_both_first(assess_page_everywhere: Page) -> None:
    """The question said "The file's copy is newer" with "Use the file's newer copy" focused, and nothing
    said that the copy saved here had changes in no downloaded file: Enter lost them."""
    page = assess_page_everywhere
    import_file(page, "team.json", json.dumps(valid_file()).encode())
    expect(page.locator("[data-role=status]")).to_have_text("Imported “Imported team” from team.json.")
    type_note(page, "Our note, in no file yet")
    theirs = valid_file(updated="2036-05-01T10:00:00Z", ratings={"2.1": {"statement": 5, "note": "Their note"}})
    import_file(page, "emailed.json", json.dumps(theirs).encode())
    saved_at = local(page, stored(page, "assessment:")["updated"])
    assert question(page) == [
        "“Imported team”, in emailed.json, is already saved in this browser (the same assessment: it has the same id).",
        f"The copy saved here was last changed {saved_at}; the file’s copy was last changed "
        f"{local(page, '2036-05-01T10:00:00Z')}.",
        "The file’s copy is newer.",
        "The copy saved here has changes that are in no downloaded file (it was opened from team.json at "
        f"{opened_at(page)} and not downloaded since). Keep both, so that neither copy’s work is lost.",
        "Keep both: save the file’s copy as a separate copy",
        "Use the file’s newer copy",
        "Keep the copy saved here",
    ]
    expect(page.locator("dialog [data-choice=both]")).to_be_focused()
    before = page.evaluate(SNAPSHOT)
    page.keyboard.press("Escape")  # closing the question stores nothing and keeps ours
    expect(page.locator("[data-role=status]")).to_have_text("Import cancelled: nothing was changed.")
    assert page.evaluate(SNAPSHOT) == before and page.input_value("#note-2-1") == "Our note, in no file yet"

    import_file(page, "emailed.json", json.dumps(theirs).encode())
    question(page)
    page.keyboard.press("Enter")  # the default keeps both
    listed = f"copy from the file emailed.json, last changed {local(page, '2036-05-01T10:00:00Z')}"
    expect(page.locator("[data-role=status]")).to_have_text(
        f"Kept both. The file’s newer copy of “Imported team” is now open, listed as “{listed}”; "
        "the copy that was saved here is kept in the list too."
    )
    assert stored(page, "assessment:")["ratings"]["2.1"]["note"] == "Our note, in no file yet"
    assert page.input_value("#note-2-1") == "Their note"  # the newer is open, and the list says which it is
    names = sorted(text.strip() for text in page.locator(".library-table tbody th").all_inner_texts())
    assert names == ["Imported team", f"Imported team (open now) {listed}"]


def test_edits_never_downloaded_or_changed_since_the_download_are_said_so(assess_page: Page, tmp_path: Path) -> None:
    page = assess_page
    page.fill("#service-name", "Hillside cluster")
    page.check("#s-2-1-3")
    page.locator("#service-name").blur()
    id_ = page.evaluate("localStorage.getItem('mpw-static:current')")
    theirs = json.dumps(valid_file(id=id_, service={"name": "Hillside cluster"}, updated="2036-05-01T10:00:00Z"))
    import_file(page, "notes.json", b'{"hello": "world"}')  # first a file that is refused
    expect(page.locator("[data-role=error-summary]")).to_be_visible()
    import_file(page, "emailed.json", theirs.encode())
    expect(page.locator("[data-role=error-summary]")).to_be_hidden()  # that refusal is not this file's
    assert question(page)[3:5] == [
        "The copy saved here has changes that are in no downloaded file (it has never been downloaded from this "
        "browser). Keep both, so that neither copy’s work is lost.",
        "Keep both: save the file’s copy as a separate copy",
    ]
    page.keyboard.press("Escape")
    download(page, "download-json", tmp_path)
    downloaded_at = local(
        page, page.evaluate("id => JSON.parse(localStorage.getItem('mpw-static:downloads'))[id]", id_)
    )
    type_note(page, "After the download")
    import_file(page, "emailed.json", theirs.encode())
    assert question(page)[3] == (
        f"The copy saved here has changes that are in no downloaded file (it was last downloaded from this browser at "
        f"{downloaded_at}). Keep both, so that neither copy’s work is lost."
    )
    expect(page.locator("dialog [data-choice=both]")).to_be_focused()


def test_keeping_both_keeps_the_newer_work_open_and_the_rows_tell_apart(assess_page_everywhere: Page) -> None:
    """After "keep both" the file's older copy was the one open, the status said it was made from the one
    saved here, and the two rows read "Imported team (open now)made from …" and "Imported team"."""
    page = assess_page_everywhere
    older = valid_file(service={"name": "Imported team", "participants": "District nurse"}, date="2026-05-01")
    import_file(page, "team.json", json.dumps(older).encode())
    type_note(page, "Newer note typed here")
    import_file(page, "team.json", json.dumps(older).encode())
    question(page)
    page.click("dialog [data-choice=both]")
    listed = f"copy from the file team.json, last changed {local(page, older['updated'])}"
    expect(page.locator("[data-role=status]")).to_have_text(
        "Kept both. The newer copy of “Imported team”, the one saved here, is still open; the file’s copy is "
        f"saved separately, listed as “{listed}”."
    )
    assert page.input_value("#note-2-1") == "Newer note typed here"
    rows = {
        row.get_attribute("data-id"): row.locator("th").inner_text().strip()
        for row in page.locator(".library-table tbody tr").all()
    }
    copy_id = next(id_ for id_ in rows if id_ != ID)
    assert rows == {ID: "Imported team (open now)", copy_id: f"Imported team {listed}"}
    assert stored(page, "assessment:", copy_id)["sources"] == [
        {"id": ID, "service": "Imported team", "date": "2026-05-01"}
    ]
    reload(page)  # the list still tells them apart
    expect(page.locator(f".library-table tr[data-id='{copy_id}'] .library-source")).to_have_text(listed)


def member(number: int, participants: str, updated: str) -> dict[str, object]:
    data = valid_file(
        id=f"0b5a6c1e-1111-4222-8333-00000000000{number}",
        service={"name": "Hillside cluster", "participants": participants},
        method="individual",
        date="2026-03-02",
        updated=updated,
    )
    return {"name": f"member-{number}.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}


def test_the_saved_list_s_buttons_name_each_assessment_apart(assess_page: Page) -> None:
    """Three members' files for "Hillside cluster" gave three buttons named "Open: Hillside cluster"."""
    page = assess_page
    files = [
        member(1, "District nurse", "2026-03-02T10:00:00Z"),
        member(2, "GP", "2026-03-02T11:00:00Z"),
        member(3, "", "2026-03-02T12:00:00Z"),
        member(4, "", "2026-03-02T13:00:00Z"),
    ]
    page.set_input_files("#import-file", files=files)
    expect(page.locator("[data-role=status]")).to_have_text("Imported 4 assessments.")
    blank = "Hillside cluster, who took part not given, Individual, 02/03/2026, last changed"
    expected = [
        "Hillside cluster, District nurse, Individual, 02/03/2026",
        "Hillside cluster, GP, Individual, 02/03/2026",
        f"{blank} {local(page, '2026-03-02T12:00:00Z')}",
        f"{blank} {local(page, '2026-03-02T13:00:00Z')}",
    ]
    for action in ("Open", "Rename", "Delete"):
        for label in expected:
            # Chromium reads the visually hidden part as its own run of text: "Open : Hillside cluster, …"
            name = re.compile(rf"^{action} ?: {re.escape(label)}$".replace("/", r"\/"))
            expect(page.get_by_role("button", name=name)).to_have_count(1)
    names = page.locator(".library-table [data-action=open]").all_text_contents()
    assert len(set(names)) == len(names) == 4


def test_downloads_of_members_who_name_nobody_on_the_same_day_are_told_apart(assess_page: Page, tmp_path: Path) -> None:
    """Two members who left "Who took part" blank, on the same date, were offered the same file name."""
    page = assess_page
    names = []
    for number in range(2):
        page.click("[data-action='new']")
        page.fill("#service-name", "Hillside cluster")
        page.check("#method-individual")
        page.fill("#assessment-date", "2026-03-02")
        page.locator("#assessment-date").blur()
        id_ = page.evaluate("localStorage.getItem('mpw-static:current')")
        (tmp_path / str(number)).mkdir()
        name = download(page, "download-json", tmp_path / str(number)).name
        assert name == f"mpw-assessment-hillside-cluster-individual-2026-03-02-{id_[:8]}.json"
        names.append(name)
    assert names[0] != names[1]


def test_after_opening_a_file_the_toolbar_says_so_not_that_it_was_downloaded(
    assess_page_everywhere: Page, tmp_path: Path
) -> None:
    """A browser that never downloaded said "Last downloaded at" the file's own last change."""
    page = assess_page_everywhere
    line = page.locator("[data-role=last-downloaded]")
    import_file(page, "team.json", json.dumps(valid_file()).encode())
    expect(page.locator("[data-role=status]")).to_have_text("Imported “Imported team” from team.json.")
    expect(line).to_have_text(f"Opened from team.json at {opened_at(page)}; not downloaded from this browser since.")
    type_note(page, "A change")
    expect(line).to_have_text(f"Opened from team.json at {opened_at(page)}; not downloaded from this browser since.")
    download(page, "download-json", tmp_path)
    downloads = page.evaluate("JSON.parse(localStorage.getItem('mpw-static:downloads'))")
    expect(line).to_have_text(f"Last downloaded at {local(page, downloads[ID])}.")
    reload(page)
    expect(line).to_have_text(f"Last downloaded at {local(page, downloads[ID])}.")


@pytest.fixture(scope="module")
def filled_workbook(workbook_corpus: dict[str, Path]) -> Path:
    return workbook_corpus["filled.xlsx"]


def test_a_workbook_is_shown_and_confirmed_before_anything_is_stored(assess_page: Page, filled_workbook: Path) -> None:
    """A workbook whose assessment was not saved here was stored straight away."""
    page = assess_page
    page.fill("#service-name", "Work in progress")
    page.locator("#service-name").blur()
    before = page.evaluate(SNAPSHOT)
    page.set_input_files("#xlsx-file", str(filled_workbook))
    assert question(page) == [
        "Open “Corpus team” from filled.xlsx? It is not saved in this browser yet, and nothing is stored unless "
        "you open it.",
        "Who took part: OT, GP. Date: 01/06/2026. Answered: 5 of 45 indicators.",
        "Open it",
        "Cancel",
    ]
    expect(page.locator("dialog [data-choice=take]")).to_be_focused()
    assert page.evaluate(SNAPSHOT) == before  # nothing stored while the question is open
    page.click("dialog [data-choice=keep]")
    expect(page.locator("[data-role=status]")).to_have_text("Import cancelled: nothing was changed.")
    assert page.evaluate(SNAPSHOT) == before and page.input_value("#service-name") == "Work in progress"

    page.set_input_files("#xlsx-file", str(filled_workbook))
    question(page)
    page.keyboard.press("Enter")
    expect(page.locator("[data-role=status]")).to_have_text("Imported “Corpus team” from filled.xlsx.")
    assert page.input_value("#service-name") == "Corpus team"
    assert sorted(record["service"]["name"] for record in page.evaluate(STORED)) == ["Corpus team", "Work in progress"]
    expect(page.locator("#library-heading")).to_be_focused()


NO_DIALOG = "delete HTMLDialogElement.prototype.showModal"  # a browser without the dialog element


def test_without_the_dialog_element_the_yes_or_no_question_keeps_both_or_nothing(
    assess_page: Page, filled_workbook: Path
) -> None:
    page = assess_page
    page.evaluate(NO_DIALOG)
    import_file(page, "team.json", json.dumps(valid_file()).encode())
    type_note(page, "Our note, in no file yet")
    theirs = json.dumps(valid_file(updated="2036-05-01T10:00:00Z")).encode()
    asked: list[str] = []

    def answer(accept: bool):
        def reply(dialog) -> None:  # noqa: ANN001 (Playwright's Dialog)
            asked.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        return reply

    page.once("dialog", answer(False))
    before = page.evaluate(SNAPSHOT)
    import_file(page, "emailed.json", theirs)
    expect(page.locator("[data-role=status]")).to_have_text("Import cancelled: nothing was changed.")
    assert page.evaluate(SNAPSHOT) == before
    assert asked[0].endswith(
        "Keep both, so that neither copy’s work is lost. Keep both: save the file’s copy as a separate copy?"
    )
    page.once("dialog", answer(True))
    import_file(page, "emailed.json", theirs)
    expect(page.locator("[data-role=status]")).to_contain_text("Kept both.")
    assert len(page.evaluate(STORED)) == 2

    page.once("dialog", answer(True))
    page.set_input_files("#xlsx-file", str(filled_workbook))
    expect(page.locator("[data-role=status]")).to_have_text("Imported “Corpus team” from filled.xlsx.")
    assert asked[-1] == (
        "Open “Corpus team” from filled.xlsx? It is not saved in this browser yet, and nothing is stored unless "
        "you open it. Who took part: OT, GP. Date: 01/06/2026. Answered: 5 of 45 indicators. Open it?"
    )


@pytest.mark.parametrize("newer_first", [False, True], ids=["older-first", "newer-first"])
def test_two_copies_chosen_together_the_one_changed_later_is_taken(assess_page: Page, newer_first: bool) -> None:
    """Emailed copies ("team.json", "team (1).json") chosen in one go: the first in the list was taken
    and the newer refused, so the older answers were opened without a word about which was newer."""
    page = assess_page
    older = valid_file(ratings={"2.1": {"statement": 3, "evidence": None, "note": "first draft"}})
    newer = valid_file(
        updated="2026-06-01T10:00:00Z", ratings={"2.1": {"statement": 5, "evidence": None, "note": "agreed later"}}
    )
    files = [("team.json", older), ("team (1).json", newer)]
    files = files[::-1] if newer_first else files
    page.set_input_files(
        "#import-file",
        files=[
            {"name": name, "mimeType": "application/json", "buffer": json.dumps(data).encode()} for name, data in files
        ],
    )
    expect(page.locator("[data-role=status]")).to_have_text("Imported “Imported team” from team (1).json.")
    assert page.is_checked("#s-2-1-5") and page.input_value("#note-2-1") == "agreed later"
    summary = page.locator("[data-role='error-summary']")
    assert summary.locator("[data-role=error-intro]").text_content().startswith("team.json was not imported")
    assert summary.locator("li a").all_text_contents() == [
        "It is an older copy of the same assessment as team (1).json, chosen with it, which was changed later "
        "and was taken instead. To use this copy, open it on its own."
    ]
