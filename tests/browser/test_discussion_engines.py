"""The discussion views as an outside tester found them, in all three engines on file://: Chromium
through Playwright, Firefox ESR and WebKitGTK through engines.py (skipped, with a reason, where an
engine is not installed). One test body drives each engine through the same small Engine interface."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from py_pages import EMPTY_STORAGE, reload

from engines import Engine
from mpw_static.load import load_framework
from support import ROOT

pytestmark = pytest.mark.browser

FIXTURES = ROOT / "tests" / "fixtures" / "discussion"
READY = "return performance.getEntriesByName('mpw-assessment-ready').length === 1"
WATCH_ERRORS = (
    "window.__errors = []; window.addEventListener('error', function (e) { window.__errors.push(String(e.message)) })"
)
TEXTS = (
    "return Array.prototype.map.call(document.querySelectorAll(arguments[0]), function (e) { return e.textContent })"
)


class Chromium(Engine):
    """Chromium through Playwright, behind the same interface as the other two engines."""

    name = "chromium"

    def __init__(self, browser: Browser) -> None:
        super().__init__()
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("download", lambda download: download.save_as(self.downloads / download.suggested_filename))

    def open(self, url: str) -> None:
        self.page.goto(url)

    def run(self, script: str, *args: object) -> object:
        return self.page.evaluate("(args) => (function () { " + script + " }).apply(null, args)", list(args))

    def element(self, selector: str):
        return self.page.locator(selector).first

    def type(self, selector: str, text: str) -> None:
        self.page.locator(selector).first.press_sequentially(text)

    def choose_file(self, selector: str, path: Path) -> None:
        self.page.set_input_files(selector, str(path))

    def reload(self) -> None:
        reload(self.page)

    def close(self) -> None:
        self.context.close()
        super().close()


@pytest.fixture(scope="module", params=["chromium", "firefox", "webkit"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """Chromium in a context of its own, or Firefox or WebKitGTK borrowed from the test process's pool."""
    if request.param != "chromium":
        yield from request.getfixturevalue("engine_pool").lend(request.param)
        return
    started = Chromium(request.getfixturevalue("browser"))
    yield started
    started.close()


@pytest.fixture(autouse=True)
def empty_storage_after(engine: Engine) -> Iterator[None]:
    """Each test clears what it saved on the page it ends on, so that the next one can often start
    without clearing and loading the page a second time (open_assessment)."""
    yield
    engine.run(EMPTY_STORAGE)  # focus off first, or a changed text box saves as the page is left


def open_assessment(engine: Engine, url: str) -> None:
    """Open the assessment page with empty storage and wait for it. Where earlier tests in the
    session left something in the storage this page sees, clear it and load the page again."""
    engine.open(url)
    if engine.run("return localStorage.length"):
        engine.run("localStorage.clear()")
        engine.reload()
    engine.wait_for(lambda: engine.run(READY), "the assessment page starting")
    engine.run(WATCH_ERRORS)


PICKS = "return document.querySelectorAll('[data-role=discuss-pick]').length"


def compare(engine: Engine, names: list[str | Path]) -> None:
    """Add files to compare (fixtures by name, or paths), one at a time as a person might; the list
    grows by one each."""
    for name in names:
        before = engine.run(PICKS)
        engine.choose_file("#compare-files", FIXTURES / name)
        engine.wait_for(lambda before=before: engine.run(PICKS) == before + 1, f"adding {name}")


def show(engine: Engine, view: str) -> None:
    engine.click(f"label[for='view-{view}']")
    engine.click("[data-action='show-view']")
    engine.wait_for(
        lambda: engine.run("return document.activeElement.classList.contains('discussion-heading')"), f"the {view} view"
    )


# The whole statement, slash and all: the form breaks the line after each "/" with a <wbr>.
SLASHED = {
    "6.3": (
        3,
        "All roles have a definition however there may not be clearly defined boundaries/responsibilities established for these",
    ),
    "7.6": (1, "Where co-location is recommended/required, there is very limited or no space for this to be achieved"),
}


def test_statements_with_a_slash_keep_their_whole_text_in_the_csv_and_the_composite(
    engine: Engine, real_site: Path
) -> None:
    """Item 6: the text of a statement is the label's whole text, not what follows its last <wbr>."""
    open_assessment(engine, (real_site / "assess.html").as_uri())
    for indicator, (statement, _) in SLASHED.items():
        engine.click(f"label[for='s-{indicator.replace('.', '-')}-{statement}']")
    engine.click("[data-action='download-csv']")
    rows = list(csv.reader(io.StringIO(engine.downloaded("mpw-assessment-").read_text(encoding="utf-8-sig"))))
    by_id = {row[1]: row for row in rows[1:]}
    assert {indicator: by_id[indicator][3:6] for indicator in SLASHED} == {
        indicator: [str(statement), f"S{statement}", text] for indicator, (statement, text) in SLASHED.items()
    }

    compare(engine, ["member-a.json", "member-b.json"])
    show(engine, "composite")
    for indicator, (statement, text) in SLASHED.items():
        wording = engine.run(TEXTS, f"[data-indicator-group='{indicator}'] .statement-wording li")
        assert wording[statement - 1] == f"S{statement} {text}"
    assert engine.run("return window.__errors") == []


# Every text node of the view on screen, with the language it is marked in (the nearest lang=).
VIEW_TEXTS = """
    var found = []
    var walker = document.createTreeWalker(document.querySelector('[data-role=discussion]'), NodeFilter.SHOW_TEXT)
    while (walker.nextNode()) {
        var node = walker.currentNode
        var holder = node.parentNode.closest('[lang]')
        found.push([node.textContent, holder ? holder.getAttribute('lang') : '', node.parentNode.tagName.toLowerCase()])
    }
    return found
"""
TICK = """
    var starts = arguments[0]
    document.querySelectorAll('[data-role=discuss-pick]').forEach(function (box) {
        box.checked = starts.some(function (start) { return box.value.indexOf(start) === 0 })
    })
"""
# Each view, from which files (by the start of their ids): the composite's three members, one
# assessment with a plan, and two cycles that set targets.
VIEWS = [
    ("composite", ["a0000000", "b0000000", "c0000000"]),
    ("profile", ["f0000000-0000-4000-8000-0000000000f1"]),
    ("plan", ["f0000000-0000-4000-8000-0000000000f1"]),
    ("distance", ["f0000000"]),
    ("distance", ["d0000000"]),
]


def words(text: str) -> str:
    """Text without an indicator's or domain's number before it, nor the punctuation around it."""
    return re.sub(r"^[\W\d_]+|[\W_]+$", "", " ".join(text.split()))


def letters(text: str) -> int:
    return len(re.findall(r"[^\W\d_]", text))


def english_matrix_texts() -> set[str]:
    """The matrix's own words in the default language: domain and indicator titles, statements."""
    framework = load_framework(ROOT / "content")
    texts = {domain.title for domain in framework.domains}
    for indicator in framework.indicators:
        texts |= {indicator.title, *indicator.statements}
    return {words(text) for text in texts}


def view_language_mistakes(found: list[list[str]], page_language: str, english: set[str]) -> list[tuple]:
    """Text marked in the wrong language: the matrix's English words not marked "en" (on a page in
    another language), anything else marked other than the page, and a run of the page's own text
    with the matrix's words inside it, which no mark can make right."""
    wrong = []
    phrases = [part for part in english if len(part.split()) >= 3]  # once: splitting each for each text cost 3 s
    for text, language, where in found:
        if letters(text) < 4:  # numbers, S1, N/A, marks: the same in both languages
            continue
        is_matrix = words(text) in english
        if language != ("en" if is_matrix else page_language):
            wrong.append((text.strip()[:60], language, where))
        elif not is_matrix and any(part in text for part in phrases):
            wrong.append((text.strip()[:60], "mixed", where))
    return wrong


@pytest.mark.parametrize("path, language", [("cy/assess.html", "cy"), ("assess.html", "en")])
def test_the_views_mark_the_matrix_s_english_words_on_a_welsh_page_and_only_there(
    engine: Engine, real_site: Path, path: str, language: str
) -> None:
    """Item 9: what the scripts build carries lang="en" around the matrix's words where the page is
    in another language (the build fell back to the English content), and no lang= otherwise."""
    open_assessment(engine, (real_site / path).as_uri())
    english = english_matrix_texts()
    compare(engine, ["member-a.json", "member-b.json", "member-c.json", "plan-baseline.json", "plan-review.json"])
    compare(engine, ["baseline.json", "six-month-review.json"])
    for view, files in VIEWS:
        engine.run(TICK, files)
        show(engine, view)
        found = engine.run(VIEW_TEXTS)
        assert view_language_mistakes(found, language, english) == [], view
        marked = [text for text, lang, _ in found if lang == "en" and letters(text) >= 4]
        if language == "cy":  # the check saw the matrix's words: at least one row per indicator
            assert len(marked) >= (45 if view in ("composite", "distance") else 8), view
        else:
            assert engine.run("return document.querySelectorAll('[data-role=discussion] [lang]').length") == 0
    assert engine.run("return window.__errors") == []


def member_of(service: str, fixture: str, folder: Path) -> Path:
    """A member's file from a fixture, of another service, with an id of its own."""
    data = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    data["service"]["name"] = service
    data["id"] = data["id"][:-4] + "beef"
    path = folder / f"{service.split()[0].lower()}-{fixture}"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


WARNING = (
    "These assessments are of different services or teams (Hillside cluster, Riverside cluster)."
    " A composite brings together the members of one team: check that they belong together before you save."
    " Saved, it is named after the first (Hillside cluster)."
)


def test_a_composite_of_members_from_different_services_is_warned_of_and_still_allowed(
    engine: Engine, real_site: Path, tmp_path: Path
) -> None:
    """Item 8: Hillside and Riverside members made a composite without a word."""
    open_assessment(engine, (real_site / "assess.html").as_uri())
    compare(engine, [member_of("Hillside cluster", "member-a.json", tmp_path), "member-b.json"])
    engine.run(TICK, ["a0000000", "b0000000"])
    show(engine, "composite")
    assert engine.run(TEXTS, "[data-role=discussion] .discussion-warning") == [WARNING]
    engine.click("[data-action='save-composite']")
    engine.wait_for(lambda: "Composite: Hillside cluster" in engine.run(TEXTS, ".composite-status")[0], "saving")

    # Members of one service, however its name is typed, are not warned of.
    compare(engine, [member_of("riverside  Cluster ", "member-c.json", tmp_path)])
    engine.run(TICK, ["b0000000", "c0000000"])
    show(engine, "composite")
    assert engine.run(TEXTS, "[data-role=discussion] .discussion-warning") == []
    assert engine.run("return window.__errors") == []


# The last indicator's notes: their height once scrolled to, and on paper (print media).
LAST_NOTES = """
    var body = document.querySelector("[data-indicator-group='8.6'] .composite-detail-body")
    body.scrollIntoView()
    return new Promise(function (resolve) {
        requestAnimationFrame(function () { requestAnimationFrame(function () {
            var notes = body.querySelector('.member-notes')
            resolve({ height: notes.getBoundingClientRect().height, text: notes.textContent })
        }) })
    })
"""
HEARD = """return Array.prototype.map.call(
    document.querySelectorAll("[data-indicator-row='8.6'] td .statement-cell"),
    function (cell) { return Array.prototype.map.call(cell.querySelectorAll('.visually-hidden'), function (s) { return s.textContent }) })"""


def members_rating_8_6(folder: Path) -> list[Path]:
    """Three members of one team whose last indicator, 8.6, has a note, a level alone, and nothing."""
    base = json.loads((FIXTURES / "member-a.json").read_text(encoding="utf-8"))
    ratings = [
        ("Pharmacist", {"statement": 2, "evidence": "work-in-progress", "note": "We share the rota\nbut not the room"}),
        ("Social worker", {"statement": 3, "evidence": "fully-achieved", "note": ""}),
        ("GP", None),
    ]
    paths = []
    for n, (role, rating) in enumerate(ratings):
        data = {
            **base,
            "id": f"e0000000-0000-4000-8000-00000000000{n}",
            "service": {**base["service"], "participants": role},
        }
        data["ratings"] = {key: value for key, value in base["ratings"].items() if key != "8.6"}
        if rating:
            data["ratings"]["8.6"] = rating
        paths.append(folder / f"member-{n}.json")
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    return paths


def test_a_composite_of_many_members_still_shows_every_note_when_scrolled_to(
    engine: Engine, real_site: Path, tmp_path: Path
) -> None:
    """Item 12: the composite lays out an indicator's notes only near the screen, and each member's
    cell has one span for screen readers; nothing a person sees or hears is dropped."""
    open_assessment(engine, (real_site / "assess.html").as_uri())
    compare(engine, members_rating_8_6(tmp_path))
    engine.run(TICK, ["e0000000"])
    show(engine, "composite")
    shown = engine.run(LAST_NOTES)
    assert shown["height"] > 20
    assert " ".join(shown["text"].split()) == "Pharmacist (S2 ▧ Work in progress): We share the rota but not the room"
    assert engine.run(HEARD) == [[" Work in progress (note below)"], [" Fully achieved"], [" Not answered"]]
    assert engine.run("return window.__errors") == []
