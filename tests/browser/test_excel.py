"""The Excel round trip on the assessment page (issue 26), in Chromium.

"Download as Excel" gives the workbook `mpw-static export --xlsx` gives for the same file, cell by
cell; a workbook changed as a person changes it in Excel (here by openpyxl) opens back as exactly
the same assessment plus the changes, through the same question as a JSON file when a copy is saved
here; every workbook of the hostile corpus is refused with the page's own words and nothing is
stored; the Excel code is loaded only when it is used. Firefox ESR and WebKitGTK take the round trip
in test_other_engines.py.
"""

from __future__ import annotations

import base64
import copy
import csv
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect
from py_pages import SharedPages

from mpw_static.cli import main as mpw_static
from mpw_static.workbook import languages
from support import HOSTILE, REAL_CONTENT, ROOT, download, watch_for_errors

pytestmark = pytest.mark.browser

WORKBOOKS = HOSTILE / "workbooks"
EXPECTED = tomllib.loads((WORKBOOKS / "expected.toml").read_text(encoding="utf-8"))
sys.path.insert(0, str(WORKBOOKS))
from make_workbooks import PAYLOAD, rezip, sample_assessment, set_cells  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "discussion"
LAYOUT = languages(REAL_CONTENT)["en"].layout
WELSH = languages(REAL_CONTENT)["cy"].layout
SNAPSHOT = "Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))"
STORED = """Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:'))
    .map(k => JSON.parse(localStorage.getItem(k)))"""
# The page's reader on one workbook given as base64 bytes, after loading the Excel scripts as the room does.
READ = """async ([name, encoded]) => {
    const data = JSON.parse(document.getElementById('mpw-assessment-data').textContent)
    await new Promise((done, failed) => MPW.load(data.scripts.excel, done, failed))
    MPW.useStrings(data.strings) // Excel's words, which its part brought, join this copy of the catalogue
    const bytes = Uint8Array.from(atob(encoded), c => c.charCodeAt(0))
    const read = MPW.workbookRead.read(name, bytes, MPW.workbookData, data)
    return { rated: read.assessment && Object.keys(read.assessment.ratings).length, errors: read.errors,
             language: read.assessment && read.assessment.language }
}"""


@pytest.fixture(scope="module")
def corpus(workbook_corpus: dict[str, Path]) -> dict[str, Path]:
    return workbook_corpus


@contextmanager
def opened(browser: Browser, url: str) -> Iterator[Page]:
    """The page in a fresh browser context (empty storage), failing on any script error or policy refusal."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = watch_for_errors(page)
    page.goto(url)
    try:
        yield page
    finally:
        context.close()
    assert errors == [], errors


def sample_file(folder: Path, **changes: object) -> Path:
    """The corpus's part-filled assessment as a .json file, with a text of every awkward kind."""
    data = sample_assessment().model_dump(mode="json")
    data["created"] = "2026-06-01T09:00:00.120Z"  # as the page writes times: Python writes .120000
    data["ratings"]["1.1"]["note"] = "Line one\nline two – “quoted” & <b>not bold</b> 🙂 _x0041_"
    data.update(changes)
    path = folder / "sample.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# What a workbook cannot carry (NOT_CARRIED in workbook.py), for a saved copy to keep.
NOT_IN_A_WORKBOOK = {
    "last_plan": {
        "1.1": {
            "statement": 2,
            "target": 3,
            "next_steps": "Joint clinic",
            "lead": "",
            "due_date": None,
            "due_cycle": "",
        }
    },
    "sources": [{"id": "d0000000-0000-4000-8000-000000000001", "service": "Corpus team", "date": "2025-06-01"}],
    "meeting": {"date": "2026-06-01", "domains": ["1", "2"], "come_back_to": ["1.2"]},
}


def import_json(page: Page, path: Path) -> None:
    page.set_input_files("#import-file", str(path))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")


def open_workbook(page: Page, path: Path) -> None:
    page.set_input_files("#xlsx-file", str(path))


def edited(path: Path, target: Path, change) -> Path:
    """The workbook opened, changed and saved again, as a person's spreadsheet program would."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(target)
    return target


def cells_of(path: Path) -> dict[str, dict[str, object]]:
    """Every cell's value on every sheet, as openpyxl reads it (formulas as their text)."""
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: {
            cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None
        }
        for sheet in book.worksheets
    }


def test_download_as_excel_writes_what_the_command_writes_cell_by_cell(assess_page: Page, tmp_path: Path) -> None:
    source = sample_file(tmp_path)
    import_json(assess_page, source)
    page_book = download(assess_page, "download-xlsx", tmp_path / "page")
    assert page_book.name == "mpw-assessment-corpus-team-ot-gp-group-2026-06-01.xlsx"
    expect(assess_page.locator("[data-role=status]")).to_have_text(f"Downloaded {page_book.name}.")
    assert mpw_static(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 0
    page_cells, command_cells = cells_of(page_book), cells_of(source.with_suffix(".xlsx"))
    assert list(page_cells) == list(command_cells)
    for sheet in command_cells:
        assert page_cells[sheet] == command_cells[sheet], sheet
    # The values themselves, as Excel would show them: a real date, the escapes undone, the id kept.
    buy_in, details = page_cells["Buy-in"], page_cells["Details"]
    assert buy_in["O5"] == datetime(2027, 3, 31) and buy_in["I5"] == "S2" and buy_in["J5"] == "Work in progress"
    assert buy_in["K5"] == "Line one\nline two – “quoted” & <b>not bold</b> 🙂 _x0041_"
    assert (details["B14"], details["B15"]) == ("c0ffee00-0000-4000-8000-000000000026", "2026-06-01T09:00:00.120000Z")
    # The input cells stay unlocked, the sheets protected: the blank's own styles and protection.
    book = openpyxl.load_workbook(page_book)
    assert book["Buy-in"]["I5"].protection.locked is False and book["Buy-in"].protection.sheet is True


def round_trip_edits(book: openpyxl.Workbook) -> None:
    """What a team changes in Excel: a statement and its evidence, a new rating with a plan, a note
    emptied, a detail, a domain's context and priority, and a date typed as a date."""
    buy_in, external, details = book["Buy-in"], book["External relationships"], book["Details"]
    buy_in["I6"], buy_in["J6"] = "S3", "Work in progress"  # 1.2 was S5, fully achieved
    buy_in["K7"] = None  # 1.3's note deleted
    external["I5"], external["J5"], external["L5"] = "S2", "Fully achieved", "S4"
    external["M5"], external["N5"], external["O5"] = (
        "Meet the council's team",
        "Practice manager",
        datetime(2027, 1, 31),
    )
    external["A13"] = "We started in April"  # domain 3's context box
    external["I24"] = "Yes"  # and a priority for the next cycle
    details["B12"] = "6-month review"
    details["B10"] = "No"  # learning no longer a purpose


def expected_after_edits(original: dict) -> dict:
    expected = copy.deepcopy(original)
    expected["ratings"]["1.2"].update(statement=3, evidence="work-in-progress")
    expected["ratings"]["1.3"]["note"] = ""
    expected["ratings"]["3.1"] = {
        "statement": 2,
        "evidence": "fully-achieved",
        "note": "",
        "target": 4,
        "next_steps": "Meet the council's team",
        "lead": "Practice manager",
        "due_date": "2027-01-31",
        "due_cycle": "",
    }
    expected["domains"]["3"] = {
        "context": "We started in April",
        "reflections": "",
        "priority": True,
        "first_steps": "",
    }
    expected["review_cycle"] = "6-month review"
    expected["purposes"] = ["reporting"]
    return expected


def test_a_workbook_changed_in_excel_opens_as_the_same_assessment_plus_exactly_the_changes(
    pages: SharedPages, site_base: str, tmp_path: Path
) -> None:
    """JSON -> Download as Excel -> changed as in Excel -> Open an Excel workbook -> JSON, from the
    folder and hosted: the same assessment, field by field, plus the changes. What a workbook cannot
    carry (last cycle's plan, its sources, the meeting's marks) is kept from the copy saved here:
    opening the workbook over it lost them, unsaid."""
    with pages.opened_at(site_base + "assess.html") as page:
        source = sample_file(tmp_path, **NOT_IN_A_WORKBOOK)
        import_json(page, source)
        before = download(page, "download-json", tmp_path / "before")
        workbook = download(page, "download-xlsx", tmp_path / "workbook")
        expect(page.locator("[data-role=status]")).to_contain_text(
            "The workbook does not carry last cycle’s plan, the assessments this one was made from or the meeting’s marks"
        )
        changed = edited(workbook, tmp_path / "changed.xlsx", round_trip_edits)

        open_workbook(page, changed)
        dialog = page.locator("dialog[open]")
        expect(dialog).to_be_visible()  # a copy is saved here: the same question as for a JSON file
        assert dialog.locator("p").nth(2).text_content() == "The file’s copy is newer."  # saved later, in "Excel"
        dialog.locator("[data-choice=take]").click()
        expect(page.locator("[data-role=status]")).to_have_text("Imported “Corpus team” from changed.xlsx.")
        assert page.input_value("#review-cycle") == "6-month review" and page.is_checked("#s-3-1-2")
        after = download(page, "download-json", tmp_path / "after")

        old, new = json.loads(before.read_text(encoding="utf-8")), json.loads(after.read_text(encoding="utf-8"))
        assert new.pop("updated") > old.pop("updated")
        assert new.pop("created") == "2026-06-01T09:00:00.120000Z"  # the same moment, as Python writes it
        old.pop("created")
        assert new == expected_after_edits(old)
        assert mpw_static(["validate", str(after)]) == 0
        assert len(page.evaluate(STORED)) == 1  # one assessment, replaced, as with a JSON file


def test_opening_the_workbook_unchanged_says_both_copies_are_as_new_and_keeping_changes_nothing(
    assess_page: Page, tmp_path: Path
) -> None:
    page = assess_page
    import_json(page, sample_file(tmp_path))
    workbook = download(page, "download-xlsx", tmp_path / "workbook")
    page.fill("#note-1-2", "Typed after the workbook was downloaded")
    page.locator("#note-1-2").blur()
    expect(page.locator("[data-role=status]")).to_contain_text("Saved")
    before = page.evaluate(SNAPSHOT)
    open_workbook(page, workbook)
    dialog = page.locator("dialog[open]")
    assert dialog.locator("p").nth(2).text_content() == "The copy saved here is newer."
    # The note typed here is in no file, so the first choice keeps both (test_import_choices.py); Escape keeps it.
    assert page.evaluate("document.activeElement.getAttribute('data-choice')") == "both"
    page.keyboard.press("Escape")
    expect(page.locator("[data-role=status]")).to_have_text("Import cancelled: nothing was changed.")
    assert page.evaluate(SNAPSHOT) == before
    assert page.input_value("#note-1-2") == "Typed after the workbook was downloaded"


def test_the_page_gives_every_hostile_workbook_its_verdict_and_words(
    assess_page: Page, corpus: dict[str, Path]
) -> None:
    """The whole corpus through the page's reader, in one page, word for word: every problem it lists
    (expected.toml's page, then also_page)."""
    wrong = []
    for name, expected in EXPECTED.items():
        read = assess_page.evaluate(READ, [name, base64.b64encode(corpus[name].read_bytes()).decode("ascii")])
        got = ("accepted", read["rated"]) if not read["errors"] else ("refused", read["errors"])
        want = (
            ("accepted", expected["rated"])
            if expected.get("accepted")
            else ("refused", [expected["page"], *expected.get("also_page", [])])
        )
        if got != want:
            wrong.append(f"{name}: expected {want}, got {got}")
    assert wrong == []
    assert assess_page.evaluate("window.__pwned") is None


# Through the real file field: a refusal of each kind, and the script payloads kept as text.
THROUGH_THE_FIELD = [
    "bomb.xlsx",
    "not-a-zip.xlsx",
    "macros.xlsm",
    "statement-s6.xlsx",
    "sheet-renamed.xlsx",
    "entity-bomb.xlsx",
    "note-too-long.xlsx",
    "script-payloads.xlsx",
]
# Records what each call of the zip library was allowed to inflate, to show that the bomb's part never was.
WATCH_INFLATING = """() => {
    window.__inflated = []
    const unzip = fflate.unzipSync
    fflate.unzipSync = (bytes, options) => unzip(bytes, { filter: part => {
        const wanted = !options || !options.filter || options.filter(part)
        if (wanted) window.__inflated.push(part.name)
        return wanted
    } })
}"""
LOAD_EXCEL = """() => new Promise((done, failed) =>
    MPW.load(JSON.parse(document.getElementById('mpw-assessment-data').textContent).scripts.excel, done, failed))"""


@pytest.mark.parametrize("name", THROUGH_THE_FIELD)
def test_a_hostile_workbook_through_the_field_changes_nothing(
    assess_page: Page, corpus: dict[str, Path], name: str
) -> None:
    page = assess_page
    page.fill("#service-name", "Team already working")
    page.check("#s-2-2-4")
    page.fill("#note-2-2", "Agreed at the March meeting")
    page.locator("#note-2-2").blur()
    page.evaluate(LOAD_EXCEL)
    page.evaluate(WATCH_INFLATING)
    before = page.evaluate(SNAPSHOT)
    open_workbook(page, corpus[name])
    expected = EXPECTED[name]
    if expected.get("accepted"):
        page.locator("dialog[open] [data-choice=take]").click()  # "Open it": what the workbook holds is shown first
        expect(page.locator("[data-role=status]")).to_have_text(f"Imported “Corpus team” from {name}.")
        assert page.input_value("#note-1-1") == PAYLOAD and page.input_value("#steps-1-1") == PAYLOAD
        assert page.evaluate("window.__pwned") is None
        assert page.locator("main img, main script:not([src]):not([type='application/json'])").count() == 0
        assert len(page.evaluate(STORED)) == 2  # the work in progress is still there beside it
        return
    summary = page.locator("[data-role='error-summary']")
    expect(summary).to_be_visible()
    assert summary.locator("li").all_text_contents()[0] == expected["page"]
    assert f"{name} was not imported, and nothing saved here was changed" in summary.text_content()
    assert page.evaluate("document.activeElement.getAttribute('data-role')") == "error-summary"
    summary.locator("li a").first.click()
    assert page.evaluate("document.activeElement.id") == "xlsx-file"  # the link leads to the field
    assert page.evaluate(SNAPSHOT) == before
    assert page.input_value("#service-name") == "Team already working"
    if name == "bomb.xlsx":
        assert page.evaluate("window.__inflated") == []  # refused from the zip's directory alone


def test_a_workbook_over_the_limit_is_refused_unread(browser: Browser, real_site: Path, tmp_path: Path) -> None:
    context = browser.new_context()
    context.add_init_script("""window.__reads = 0
        const read = FileReader.prototype.readAsArrayBuffer
        FileReader.prototype.readAsArrayBuffer = function () { window.__reads += 1; return read.apply(this, arguments) }""")
    page = context.new_page()
    errors = watch_for_errors(page)
    page.goto((real_site / "assess.html").as_uri())
    big = tmp_path / "huge.xlsx"
    big.write_bytes(b"PK" + b"\0" * 5_000_001)
    open_workbook(page, big)
    expect(page.locator("[data-role='error-list'] li")).to_have_text(
        "The file is 5,000,003 bytes, more than a Development Matrix workbook can be (5,000,000). Fill in the "
        "workbook downloaded from this site (development-matrix.xlsx), or save this one as “Excel Workbook (.xlsx)”."
    )
    assert page.evaluate("window.__reads") == 0
    context.close()
    assert errors == []


def test_the_excel_code_is_loaded_only_when_someone_uses_it(assess_page: Page, tmp_path: Path) -> None:
    page = assess_page
    loaded = "[...document.scripts].map(s => s.src).filter(src => /fflate|excel\\//.test(src)).length"
    assert page.evaluate(loaded) == 0 and page.evaluate("typeof MPW.workbookWrite") == "undefined"
    page.focus("#xlsx-file")  # reaching for the controls starts loading them
    page.wait_for_function("() => typeof MPW.workbookRead === 'object' && typeof MPW.workbookData === 'object'")
    assert page.evaluate(loaded) == 6  # fflate, cells, package, write, read, and the build's data
    download(page, "download-xlsx", tmp_path)
    download(page, "download-xlsx", tmp_path / "again")
    assert page.evaluate(loaded) == 6  # once


def test_a_welsh_workbook_in_welsh_words(
    pages: SharedPages, real_site: Path, corpus: dict[str, Path], tmp_path: Path
) -> None:
    """The Welsh page writes a Welsh workbook, reads one back, and says each problem in Welsh."""
    with pages.opened_at((real_site / "cy/assess.html").resolve().as_uri()) as page:
        assert page.text_content("#excel-heading") == "Llyfrau gwaith Excel"
        assert page.get_attribute(".excel a", "href") == "development-matrix.xlsx"  # cy/development-matrix.xlsx
        page.fill("#service-name", "Tîm y Bont")
        page.check("#s-1-1-2")
        page.check("#e-1-1-wip")
        page.locator("#service-name").blur()
        workbook = download(page, "download-xlsx", tmp_path)
        book = openpyxl.load_workbook(workbook)
        assert book.sheetnames[:3] == ["Ynghylch", "Manylion", "Ymrwymiad"]
        assert (book["Ymrwymiad"]["I5"].value, book["Ymrwymiad"]["J5"].value) == ("S2", "Gwaith ar y gweill")
        s6 = tmp_path / "s6.xlsx"
        s6.write_bytes(set_cells(workbook.read_bytes(), 3, {"I5": "S6"}))
        for name, path, words in (
            ("s6.xlsx", s6, "Ymrwymiad!I5: nid yw “S6” yn un o S1–S5, Amh. Dewiswch o gwymplen y gell."),
            (
                "not-a-zip.xlsx",
                corpus["not-a-zip.xlsx"],
                "Nid llyfr gwaith Excel (.xlsx) yw'r ffeil: nid archif zip mohoni. Llenwch y llyfr gwaith a "
                "lawrlwythwyd o'r wefan hon (development-matrix.xlsx), neu cadwch hwn fel “Excel Workbook (.xlsx)”.",
            ),
        ):
            open_workbook(page, path)
            expect(page.locator("[data-role='error-list'] li").first).to_have_text(words)
            assert f"Ni fewnforiwyd {name}" in page.text_content("[data-role='error-intro']")
        # An English workbook opens on the Welsh page too (the workbook names its language).
        read = page.evaluate(
            READ, ["filled.xlsx", base64.b64encode(corpus["filled.xlsx"].read_bytes()).decode("ascii")]
        )
        assert (read["rated"], read["language"]) == (5, "en")


def test_the_single_file_edition_has_no_excel_part(assess_page_everywhere: Page, assess_url: str) -> None:
    """Only the single file lacks it, and then no part of the page says it did not start."""
    page = assess_page_everywhere
    single = assess_url.endswith("mpw-development-matrix.html")
    assert page.locator("[data-room=excel]").count() == (0 if single else 1)
    assert page.locator("[data-room-failed]").count() == 0


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Every sheet to its own CSV file (the last field, -1), UTF-8 (76), values as shown.
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice(target: str, files: list[Path], out: Path, profile: Path) -> subprocess.CompletedProcess:
    """LibreOffice, headless, with a profile of its own so that it never meets another one running."""
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target]
    done = subprocess.run(
        [*command, "--outdir", str(out), *map(str, files)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower() and "repair" not in done.stderr.lower(), done.stderr
    return done


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc): skipped")
def test_libreoffice_opens_the_pages_workbook_and_the_page_reads_what_libreoffice_saves(
    assess_page: Page, tmp_path: Path
) -> None:
    page = assess_page
    source = sample_file(tmp_path)
    import_json(page, source)
    before = download(page, "download-json", tmp_path / "before")
    workbook = download(page, "download-xlsx", tmp_path / "page")
    assert mpw_static(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 0
    soffice(ALL_SHEETS_CSV, [workbook, source.with_suffix(".xlsx")], tmp_path / "csv", tmp_path / "profile")

    def rows(book: str, sheet: str) -> list[list[str]]:
        with (tmp_path / "csv" / f"{book}-{sheet}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    buy_in = rows(workbook.stem, "Buy-in")
    assert buy_in[4][8:14] == [
        "S2",
        "Work in progress",
        "Line one\nline two – “quoted” & <b>not bold</b> 🙂 _x0041_",
        "S3",
        "Talk to the public",
        "Team manager",
    ]
    assert {row[0]: row[1] for row in rows(workbook.stem, "Details") if len(row) > 1 and row[0]}["Method"] == "Group"
    # The page stores no results beside the formulas: these counts are LibreOffice's own.
    assert rows(workbook.stem, "Profile")[4] == ["Buy-in", "0", "1", "0", "0", "1", "1", "1", "4"]
    # And every sheet shows what the command's workbook of the same file shows, dates as LibreOffice
    # shows them (headless, it writes the dd/mm/yyyy cells of both as 03/31/2027).
    for sheet in LAYOUT.all_sheets():
        assert rows(workbook.stem, sheet) == rows(source.stem, sheet), sheet

    soffice("xlsx:Calc MS Excel 2007 XML", [workbook], tmp_path / "saved", tmp_path / "profile")
    open_workbook(page, tmp_path / "saved" / workbook.name)
    page.locator("dialog[open] [data-choice=take]").click()
    expect(page.locator("[data-role=status]")).to_have_text(f"Imported “Corpus team” from {workbook.name}.")
    after = download(page, "download-json", tmp_path / "after")
    old, new = json.loads(before.read_text(encoding="utf-8")), json.loads(after.read_text(encoding="utf-8"))
    for name in ("updated", "created"):
        old.pop(name), new.pop(name)
    assert new == old


def fill_two_domains(book: openpyxl.Workbook, layout) -> dict[str, tuple]:
    """A team's work in Excel on the site's blank workbook: the details, and two domains with
    targets and next steps. Returns what each indicator should read back as."""
    words = {choice: dict((value, word) for word, value in layout.choices[choice]) for choice in layout.choices}
    details = book[layout.sheets["details"]]
    details[layout.details["name"]] = "Riverside cluster"
    details[layout.details["date"]] = datetime(2026, 7, 20)
    details[layout.details["purpose_learning"]] = words["yes_no"][True]
    details[layout.details["method"]] = words["method"]["group"]
    answers = {}
    for domain in (layout.domains[0], layout.domains[6]):  # Buy-in and Resources
        sheet = book[domain.sheet]
        for position, row in enumerate(domain.indicators):
            statement = (position % 5) + 1
            evidence = "fully-achieved" if position % 2 else "work-in-progress"
            target = min(statement + 1, 5)
            steps = f"Next step for {row.id}"
            sheet[row.cells["statement"]] = words["statement"][statement]
            sheet[row.cells["evidence"]] = words["evidence"][evidence]
            sheet[row.cells["target"]] = words["target"][target]
            sheet[row.cells["next_steps"]] = steps
            sheet[row.cells["due_date"]] = datetime(2027, 3, 31)
            answers[row.id] = (statement, evidence, target, steps, "2027-03-31")
    return answers


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_team_fills_the_sites_workbook_offline_and_their_lead_opens_it_like_any_assessment(
    browser: Browser, real_site: Path, tmp_path: Path, language: str
) -> None:
    """Issue 26's "Done when", from a USB copy (file://): the matrix workbook downloaded from the home
    page, two domains filled in offline, opened on the assessment page with exactly those ratings,
    downloaded as JSON and as Excel again, then in distance travelled and across services."""
    usb = tmp_path / "usb"
    shutil.copytree(real_site, usb)
    folder = usb / ("" if language == "en" else "cy")
    layout = LAYOUT if language == "en" else WELSH
    with opened(browser, (folder / "index.html").as_uri()) as home:
        with home.expect_download() as info:
            home.click("text=An interactive Excel download of the Development Matrix.")
        blank = tmp_path / "team" / info.value.suggested_filename
        info.value.save_as(blank)
    assert blank.name == "development-matrix.xlsx" and blank.read_bytes() == (folder / blank.name).read_bytes()
    book = openpyxl.load_workbook(blank)
    answers = fill_two_domains(book, layout)
    emailed = tmp_path / "email" / "riverside.xlsx"
    emailed.parent.mkdir()
    book.save(emailed)

    with opened(browser, (folder / "assess.html").as_uri()) as page:
        open_workbook(page, emailed)
        page.locator("dialog[open] [data-choice=take]").click()  # "Open it"
        expect(page.locator("[data-role=status]")).to_contain_text("riverside.xlsx")
        (stored,) = page.evaluate(STORED)
        read = {
            key: (r["statement"], r["evidence"], r["target"], r["next_steps"], r["due_date"])
            for key, r in stored["ratings"].items()
        }
        assert read == answers  # exactly those ratings, and nothing else
        assert (stored["service"]["name"], stored["date"], stored["language"]) == (
            "Riverside cluster",
            "2026-07-20",
            language,
        )
        assert page.is_checked(f"#s-1-1-{answers['1.1'][0]}")
        record = download(page, "download-json", tmp_path / "board")
        assert mpw_static(["validate", str(record)]) == 0
        again = openpyxl.load_workbook(download(page, "download-xlsx", tmp_path / "board"))
        for domain in (layout.domains[0], layout.domains[6]):
            for row in domain.indicators:
                assert (
                    again[domain.sheet][row.cells["statement"]].value
                    == book[domain.sheet][row.cells["statement"]].value
                )

        # Distance travelled, from the baseline of the same service.
        page.set_input_files("#compare-files", str(FIXTURES / "baseline.json"))
        expect(page.locator("[data-role=discuss-pick]")).to_have_count(2)
        for box in page.locator("[data-role=discuss-pick]").all():
            box.check()
        page.check("#view-distance")
        page.click("[data-action=show-view]")
        expect(page.locator(".discussion-heading")).to_have_text(
            ("Distance travelled: {name}" if language == "en" else "Pellter a deithiwyd: {name}").format(
                name="Riverside cluster"
            )
        )
        assert page.locator(".distance-table tbody tr").count() == 45

    with opened(browser, (folder / "programme.html").as_uri()) as programme:
        programme.set_input_files("#programme-files", str(record))
        expect(programme.locator("[data-role=status]")).to_contain_text(
            "1 file read" if language == "en" else "1 ffeil"
        )


# The page's reader on one workbook, returning the whole assessment it reads.
READ_ASSESSMENT = """async ([name, encoded]) => {
    const data = JSON.parse(document.getElementById('mpw-assessment-data').textContent)
    await new Promise((done, failed) => MPW.load(data.scripts.excel, done, failed))
    MPW.useStrings(data.strings) // Excel's words, which its part brought, join this copy of the catalogue
    const bytes = Uint8Array.from(atob(encoded), c => c.charCodeAt(0))
    const read = MPW.workbookRead.read(name, bytes, MPW.workbookData, data)
    return read.assessment || read.errors
}"""


def every_kind_of_cell(raw: bytes, evidence: str) -> bytes:
    """A workbook as other programs write one: a formula's text result (t="str") without the formula,
    a rich-text inline string in runs, a date as a bare serial number in a date-formatted cell, a
    yes or no (t="b") in a text cell, and words typed with other capitals and spaces."""

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet3.xml":
            return data
        text = data.decode("utf-8")
        cells = {
            "I5": '<c r="I5" s="6" t="str"><v>s3</v></c>',
            "J5": f'<c r="J5" s="6" t="inlineStr"><is><t>{evidence}</t></is></c>',
            "K5": '<c r="K5" s="6" t="inlineStr"><is><r><t>Rich </t></r><r><rPr><b/></rPr><t>text</t></r></is></c>',
            "L5": '<c r="L5" s="6" t="inlineStr"><is><t>  S4 </t></is></c>',
            "O5": '<c r="O5" s="7"><v>46477</v></c>',
            "N5": '<c r="N5" s="6" t="b"><v>1</v></c>',
        }
        for cell, xml in cells.items():
            text = text.replace(f'<c r="{cell}" s="{"7" if cell == "O5" else "6"}"/>', xml, 1)
        return text.encode("utf-8")

    return rezip(raw, change)


def test_the_page_reads_each_workbook_as_mpw_static_import_does(
    assess_page: Page, corpus: dict[str, Path], tmp_path: Path
) -> None:
    """The same rules: for each workbook the command reads, the page reads the same assessment, field
    by field (but the time of the copy, which the page takes from the workbook, and a blank one's new id)."""
    mixed = tmp_path / "every-kind-of-cell.xlsx"
    mixed.write_bytes(every_kind_of_cell(corpus["blank.xlsx"].read_bytes(), "Fully  "))  # not a word of its list
    fixed = tmp_path / "every-kind-fixed.xlsx"  # that word put right, in other capitals and spaces
    fixed.write_bytes(every_kind_of_cell(corpus["blank.xlsx"].read_bytes(), " fully   ACHIEVED"))
    names = [name for name, expected in EXPECTED.items() if expected.get("accepted")]
    books = {name: corpus[name] for name in names} | {mixed.name: mixed, fixed.name: fixed}
    for name, path in books.items():
        target = tmp_path / "cli" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(path, target)
        command = mpw_static(["import", str(target), "--content", str(REAL_CONTENT)])
        read = assess_page.evaluate(READ_ASSESSMENT, [name, base64.b64encode(path.read_bytes()).decode("ascii")])
        if name == mixed.name:
            assert command == 1 and read == [
                "Buy-in!J5: “Fully  ” is not one of Fully achieved, Work in progress. Choose from the cell’s drop-down list."
            ]
            continue
        assert command == 0, name
        expected = json.loads(target.with_suffix(".json").read_text(encoding="utf-8"))
        for field in ("updated", *(("id", "created") if name in ("blank.xlsx", fixed.name) else ())):
            expected.pop(field), read.pop(field)
        assert read == expected, name
    rating = read["ratings"]["1.1"]
    assert (rating["statement"], rating["evidence"], rating["target"], rating["note"]) == (
        3,
        "fully-achieved",
        4,
        "Rich text",
    )
    assert (rating["lead"], rating["due_date"]) == ("TRUE", "2027-03-31")
