"""Importing the hostile-file corpus in Chromium: each file is refused with its message or kept as text,
and what was already saved is byte-for-byte unchanged."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from py_pages import SharedPages, module_fixture

from engines import Engine, EnginePool

pytestmark = pytest.mark.browser

# Counts FileReader reads of any kind, so a test can show that an oversized file is never read.
COUNT_READS = """
    window.__reads = 0
    for (const method of ['readAsText', 'readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL']) {
        const read = FileReader.prototype[method]
        FileReader.prototype[method] = function () { window.__reads += 1; return read.apply(this, arguments) }
    }
"""
SNAPSHOT = "Object.fromEntries(Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)]))"


def work_in_progress(page: Page) -> None:
    """A team's unsaved-to-file work that no import may disturb."""
    page.fill("#service-name", "Team already working")
    page.check("#s-2-2-4")
    page.check("#e-2-2-fully")
    page.fill("#note-2-2", "Agreed at the March meeting")
    page.locator("#note-2-2").blur()


def nothing_ran(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("Object.prototype.isAdmin === undefined && Object.prototype.a === undefined")
    assert page.locator("main img, main script:not([src]):not([type='application/json'])").count() == 0


pages = module_fixture(SharedPages, COUNT_READS)  # overrides conftest's: every page counts its reads


@pytest.fixture
def clean_page(pages: SharedPages, real_site: Path) -> Iterator[Page]:
    """assess.html from the folder with its reads counted, in one context shared by the module's
    Chromium tests, as a new context shows it (py_pages.py): no read of the last test is counted."""
    yield from pages.fresh((real_site / "assess.html").resolve().as_uri())


# The page's import path on one file given as base64 bytes: decode, then parse, as the file field does.
PARSE = """encoded => {
    const data = JSON.parse(document.getElementById('mpw-assessment-data').textContent)
    const binary = atob(encoded), bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) // a callback a byte took 2 s on 10 MB
    if (bytes.length > data.limits.maxBytes) return MPW.format.parse('', bytes.length, data)
    const decoded = MPW.format.decode(bytes.buffer)
    if (decoded.error) return { assessment: null, errors: [data.strings[decoded.error]] }
    const checked = MPW.format.parse(decoded.text, bytes.length, data)
    return { assessment: checked.assessment && checked.assessment.service.name, errors: checked.errors }
}"""


def test_the_parser_gives_each_corpus_file_its_expected_verdict_and_words(
    clean_page: Page, hostile_corpus: dict
) -> None:
    """The whole corpus through the page's parser, in one page: table-driven, every file, word for word."""
    wrong = []
    for name, (path, expected) in hostile_corpus.items():
        checked = clean_page.evaluate(PARSE, base64.b64encode(path.read_bytes()).decode("ascii"))
        got = ("accepted", checked["assessment"]) if checked["assessment"] else ("refused", checked["errors"][0])
        want = ("accepted", expected["name"]) if expected.get("accepted") else ("refused", expected["browser"])
        if got != want:
            wrong.append(f"{name}: expected {want}, got {got}")
    assert wrong == []
    nothing_ran(clean_page)


# The import through the real file field, for files of each kind: storage, focus and the screen.
THROUGH_THE_FIELD = [
    "script-payloads.json",
    "bom-utf16.json",
    "note-with-replacement-character.json",
    "truncated.json",
    "zip-archive.json",
    "proto-key-top.json",
    "constructor-key.json",
    "statement-to-string.json",
    "lone-surrogate.json",
    "deep-nesting-100000.json",
]


def shown_alone(words: str) -> str:
    """A refusal as the error summary lists one file's: a sentence, starting with a capital, unless it
    starts with the field's path ("ratings.1.1.statement: …"); after a file's name it is as validate says it."""
    return words if re.match(r"\S*[.:[]", words) else words[:1].upper() + words[1:]


@pytest.mark.parametrize("name", THROUGH_THE_FIELD)
def test_import_refuses_or_keeps_as_text(clean_page: Page, hostile_corpus: dict, name: str) -> None:
    page = clean_page
    path, expected = hostile_corpus[name]
    work_in_progress(page)
    before = page.evaluate(SNAPSHOT)
    page.set_input_files("#import-file", str(path))
    if expected.get("accepted"):
        expect(page.locator("[data-role=status]")).to_have_text(f"Imported “{expected['name']}” from {name}.")
        assert page.input_value("#service-name") == expected["name"]
        assert expected["name"] in page.text_content(".library-table")
        after = page.evaluate(SNAPSHOT)
        assert {key: after[key] for key in before if key != "mpw-static:current" and key in after} == {
            key: value for key, value in before.items() if key != "mpw-static:current"
        }
    else:
        summary = page.locator("[data-role='error-summary']")
        expect(summary).to_be_visible()
        assert summary.locator("li").all_text_contents()[0] == shown_alone(expected["browser"])
        assert f"{name} was not imported, and nothing saved here was changed" in summary.text_content()
        assert page.evaluate("document.activeElement.getAttribute('data-role')") == "error-summary"
        assert page.evaluate(SNAPSHOT) == before
        assert page.input_value("#service-name") == "Team already working"
        assert page.input_value("#note-2-2") == "Agreed at the March meeting"
    nothing_ran(page)


@pytest.mark.parametrize(
    "path, workbook_in_json_box, json_in_workbook_box",
    [
        (
            "assess.html",
            "The file is an Excel workbook, not a saved assessment. Open it with “Open an Excel workbook (.xlsx)”.",
            "The file is a saved assessment (.json), not an Excel workbook. "
            "Open it with “Open saved assessment files (.json)”.",
        ),
        (
            "cy/assess.html",
            "Llyfr gwaith Excel yw'r ffeil, nid asesiad wedi'i gadw. Agorwch hi gydag “Agor llyfr gwaith Excel (.xlsx)”.",
            "Asesiad wedi'i gadw (.json) yw'r ffeil, nid llyfr gwaith Excel. "
            "Agorwch hi gydag “Agor ffeiliau asesu sydd wedi'u cadw (.json)”.",
        ),
    ],
)
def test_a_file_in_the_wrong_box_is_sent_to_the_other_by_its_label(
    pages: SharedPages,
    real_site: Path,
    hostile_corpus: dict,
    path: str,
    workbook_in_json_box: str,
    json_in_workbook_box: str,
) -> None:
    """The site's own workbook chosen as a saved file, and a saved file chosen as a workbook: each is
    refused with the words on the other box's label, in the page's language."""
    workbook = (real_site / path).with_name("development-matrix.xlsx")
    for page in pages.fresh((real_site / path).resolve().as_uri()):
        summary = page.locator("[data-role='error-summary'] li").first
        page.set_input_files("#import-file", str(workbook))
        expect(summary).to_have_text(workbook_in_json_box)
        assert f"“{page.text_content('label[for=xlsx-file]').strip()}”" in workbook_in_json_box
        page.set_input_files("#xlsx-file", str(hostile_corpus["bom-utf8.json"][0]))
        expect(summary).to_have_text(json_in_workbook_box)
        assert f"“{page.text_content('label[for=import-file]').strip()}”" in json_in_workbook_box
        assert [key for key in page.evaluate(SNAPSHOT) if key.startswith("mpw-static:assessment:")] == []


ASK_AGAIN_CY = "gofynnwch i bwy bynnag a'i hanfonodd am lawrlwythiad newydd"
# The Welsh page says what to do as the English does (its words are the catalogue's cy.toml).
IN_WELSH = {
    "version-4.json": "Mae'r ffeil yn defnyddio fersiwn fformat 4, sy'n fwy newydd nag y mae'r wefan hon yn ei "
    "darllen (hyd at 3). Agorwch hi gyda'r fersiwn diweddaraf o'r wefan.",
    "statement-6.json": "ratings.1.1.statement: nid yw “6” yn un o'r gwerthoedd a ganiateir. Newidiwch ef i 1, 2, 3, "
    '4, 5 neu "n/a" (S1–S5 neu Amh.), neu atebwch y dangosydd eto ar y dudalen asesu.',
    "truncated.json": "Nid yw'r ffeil yn JSON dilys. Efallai ei bod wedi'i difrodi neu nad yw'n asesiad wedi'i gadw: "
    f"{ASK_AGAIN_CY}.",
    "score-field.json": f"score: maes anhysbys. Tynnwch y maes o'r ffeil, neu {ASK_AGAIN_CY}.",
    "note-too-long.json": "ratings.1.1.note: mae'r testun yn hwy na 10000 nod. Byrhewch ef i 10000 nod neu lai.",
}


def test_the_welsh_page_says_what_to_do_in_welsh(pages: SharedPages, real_site: Path, hostile_corpus: dict) -> None:
    """Refusals in the Welsh page's words, each with what to do next, through the real file field."""
    for page in pages.fresh((real_site / "cy/assess.html").resolve().as_uri()):
        before = page.evaluate(SNAPSHOT)
        for name, words in IN_WELSH.items():
            page.set_input_files("#import-file", str(hostile_corpus[name][0]))
            expect(page.locator("[data-role='error-summary'] li").first).to_have_text(words)
        assert page.evaluate(SNAPSHOT) == before


def test_oversized_file_is_refused_before_it_is_read(clean_page: Page, hostile_corpus: dict) -> None:
    page = clean_page
    page.set_input_files("#import-file", str(hostile_corpus["ten-megabytes.json"][0]))
    expect(page.locator("[data-role='error-summary']")).to_be_visible()
    assert page.evaluate("window.__reads") == 0
    page.set_input_files("#import-file", str(hostile_corpus["bom-utf8.json"][0]))
    expect(page.locator("[data-role=status]")).to_contain_text("Imported")
    assert page.evaluate("window.__reads") == 1


def test_whole_corpus_at_once_over_http(browser: Browser, hosted_site: str, hostile_corpus: dict) -> None:
    """One import of every file: the first good file is kept, later files with its id are refused,
    and each refusal is listed as a link to the file field."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(hosted_site + "assess.html")
    page.set_input_files("#import-file", [str(path) for path, _ in hostile_corpus.values()])
    summary = page.locator("[data-role='error-summary']")
    expect(summary).to_be_visible()
    refused = len([1 for _, expected in hostile_corpus.values() if not expected.get("accepted")])
    same_id = len(hostile_corpus) - refused - 1  # every accepted file shares the first one's id
    assert summary.locator("[data-role=error-intro]").text_content() == (
        f"{refused + same_id} files were not imported; nothing saved here was changed by them:"
    )
    items = summary.locator("li a").all_text_contents()
    same = (
        "the same assessment as bom-utf8.json, chosen with it and saved at the same time; that file was taken instead."
    )
    assert f"bom-utf16.json: it is {same}" in items
    assert f"script-payloads.json: it is {same}" in items
    assert page.text_content("[data-role=status]") == "Imported “Corpus team” from bom-utf8.json."
    summary.locator("li a").first.click()
    assert page.evaluate("document.activeElement.id") == "import-file"
    nothing_ran(page)
    context.close()


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def other_engine(request: pytest.FixtureRequest, engine_pool: EnginePool) -> Iterator[Engine]:
    """Firefox ESR or WebKitGTK, as the smoke tier drives them (tests/browser/engines.py), borrowed
    from the process's pool instead of started for this module (the test only reads the page)."""
    yield from engine_pool.lend(request.param)


# The page's import path on every file at once, as PARSE does it, for the WebDriver clients.
PARSE_ALL = """
    var data = JSON.parse(document.getElementById('mpw-assessment-data').textContent)
    return arguments[0].map(function (encoded) {
        var binary = atob(encoded), bytes = new Uint8Array(binary.length)
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
        var decoded = MPW.format.decode(bytes.buffer)
        if (decoded.error) return [null, data.strings[decoded.error]]
        var checked = MPW.format.parse(decoded.text, bytes.length, data)
        return [checked.assessment && checked.assessment.service.name, checked.errors[0] || '']
    })
"""


def test_firefox_and_webkit_give_each_corpus_file_its_verdict_and_words(
    other_engine: Engine, real_site: Path, hostile_corpus: dict
) -> None:
    """The checker's patterns (the calendar, the clock, white space, ids) read the same in every engine."""
    names = [name for name in hostile_corpus if name != "ten-megabytes.json"]  # its size is checked before reading
    other_engine.open((real_site / "assess.html").as_uri())
    other_engine.wait_for(lambda: other_engine.run("return Boolean(window.MPW && MPW.format)"), "the page's scripts")
    files = [base64.b64encode(hostile_corpus[name][0].read_bytes()).decode("ascii") for name in names]
    verdicts = other_engine.run(PARSE_ALL, files)
    wrong = []
    for name, (accepted, message) in zip(names, verdicts, strict=True):
        expected = hostile_corpus[name][1]
        want = ("accepted", expected["name"]) if expected.get("accepted") else ("refused", expected["browser"])
        got = ("accepted", accepted) if accepted else ("refused", message)
        if got != want:
            wrong.append(f"{name}: expected {want}, got {got}")
    assert wrong == []
