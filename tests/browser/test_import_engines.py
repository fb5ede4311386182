"""The import questions of test_import_choices.py in Firefox ESR and WebKitGTK, from file:// and over
http: the engines' own <dialog>, focus and Enter/Escape, and their own file:// storage."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_assessment import valid_file
from test_import_choices import filled_workbook  # noqa: F401 (a fixture)
from test_other_engines import TEXT, VALUE, open_assessment, start_without_compositing, status

from engines import Engine, VirtualScreen

pytestmark = pytest.mark.browser

ENTER, ESCAPE = "\ue007", "\ue00c"  # WebDriver's key codes
FOCUSED_CHOICE = "return document.activeElement.getAttribute('data-choice')"
DIALOG_OPEN = "return !!document.querySelector('dialog[data-role=import-question][open]')"
ROW_NAMES = "return Array.from(document.querySelectorAll('.library-table tbody th'), th => th.textContent.trim())"


@pytest.fixture(scope="module", params=["firefox", "webkit"])
def engine(request: pytest.FixtureRequest, screen: VirtualScreen) -> Iterator[Engine]:
    started = start_without_compositing(request.param, screen)
    yield started
    started.close()


def press(engine: Engine, key: str) -> None:
    """A key pressed where focus is, as a person at the keyboard does."""
    engine.element(":focus").send_keys(key)


def write_file(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


STORED_KEYS = "return Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:')).sort()"


def test_a_newer_file_keeps_both_on_enter_and_a_workbook_is_confirmed_before_it_is_stored(
    engine: Engine,
    site_base: str,
    tmp_path: Path,
    filled_workbook: Path,  # noqa: F811
) -> None:
    """On one page load: a newer file over edits that are in no file (Escape changes nothing, Enter
    keeps both); then a workbook, shown and confirmed before anything is stored."""
    open_assessment(engine, site_base + "assess.html", empty=True)
    engine.choose_file("#import-file", write_file(tmp_path, "team.json", valid_file()))
    engine.wait_for(lambda: status(engine) == "Imported “Imported team” from team.json.", "the first import")
    line = engine.run(TEXT, "[data-role=last-downloaded]")
    assert line.startswith("Opened from team.json at ") and line.endswith("; not downloaded from this browser since.")
    engine.type("#note-2-1", "Our note")
    engine.click("#service-name")  # leaving the note saves it
    engine.wait_for(lambda: status(engine).startswith("Saved in this browser"), "the note being saved")

    theirs = valid_file(updated="2036-05-01T10:00:00Z", ratings={"2.1": {"statement": 5, "note": "Their note"}})
    engine.choose_file("#import-file", write_file(tmp_path, "emailed.json", theirs))
    engine.wait_for(lambda: engine.run(DIALOG_OPEN), "the import's question")
    assert engine.run(TEXT, "dialog p:nth-child(4)").startswith(
        "The copy saved here has changes that are in no downloaded file (it was opened from team.json at "
    )
    assert engine.run(FOCUSED_CHOICE) == "both"
    press(engine, ESCAPE)
    engine.wait_for(lambda: status(engine) == "Import cancelled: nothing was changed.", "Escape changing nothing")
    assert engine.run(VALUE, "#note-2-1") == "Our note"

    engine.choose_file("#import-file", tmp_path / "emailed.json")
    engine.wait_for(lambda: engine.run(DIALOG_OPEN), "the import's question again")
    press(engine, ENTER)
    engine.wait_for(lambda: status(engine).startswith("Kept both. The file’s newer copy"), "keeping both")
    assert engine.run(VALUE, "#note-2-1") == "Their note"
    names = sorted(engine.run(ROW_NAMES))  # type: ignore[arg-type]
    assert names[0] == "Imported team"
    assert names[1].startswith("Imported team (open now) copy from the file emailed.json, last changed ")

    # A workbook: nothing is stored until it is confirmed (Escape stores nothing).
    before = engine.run(STORED_KEYS)
    assert len(before) == 2  # type: ignore[arg-type]
    engine.choose_file("#xlsx-file", filled_workbook)
    engine.wait_for(lambda: engine.run(DIALOG_OPEN), "the workbook's question")
    assert engine.run(TEXT, "dialog p:nth-child(2)") == (
        "Who took part: OT, GP. Date: 01/06/2026. Answered: 5 of 45 indicators."
    )
    assert engine.run(FOCUSED_CHOICE) == "take"
    assert engine.run(STORED_KEYS) == before, "the workbook was stored before it was confirmed"
    press(engine, ESCAPE)
    engine.wait_for(lambda: status(engine) == "Import cancelled: nothing was changed.", "Escape storing nothing")
    assert engine.run(STORED_KEYS) == before
    engine.choose_file("#xlsx-file", filled_workbook)
    engine.wait_for(lambda: engine.run(DIALOG_OPEN), "the workbook's question again")
    engine.click("dialog [data-choice=take]")
    engine.wait_for(lambda: status(engine) == "Imported “Corpus team” from filled.xlsx.", "opening the workbook")
    assert engine.run(VALUE, "#service-name") == "Corpus team"
    after = engine.run(STORED_KEYS)
    assert len(after) == 3 and set(before) < set(after)  # type: ignore[arg-type]
    assert engine.run("return window.__errors") == []
