"""Across services in Firefox ESR and WebKitGTK, from the folder (file://) and hosted: the page checks
the files in its Worker in both engines, in both places (a Worker made from a blob: URL under
worker-src blob:), and the figures come back from it. The smoke tier (test_other_engines.py) checks
the figures themselves in these engines; this checks where they were worked out.

An engine that is not installed is skipped with a line that says so (engines.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_discussion_engines import english_matrix_texts, letters
from test_programme import ASSESSMENTS, assessment_file
from test_programme_language import MARKED, RESULT_TEXTS, language_mistakes

from engines import Engine, VirtualScreen, start_engine

pytestmark = pytest.mark.browser

TEXT = "return document.querySelector(arguments[0]).textContent"
READING = "return document.querySelector('[data-module=mpw-programme]').getAttribute('data-reading')"


@pytest.fixture(scope="module")
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    screen = VirtualScreen()
    try:
        started = start_engine(request.param, screen)
        yield started
        started.close()
    finally:
        screen.stop()  # a screen of its own is stopped whatever happened


def three_services_files(folder: Path) -> list[Path]:
    """Three services' latest assessments, as files."""
    paths = []
    for number, index in enumerate((1, 3, 5), start=1):
        paths.append(folder / f"file-{number}.json")
        paths[-1].write_text(json.dumps(assessment_file(number, *ASSESSMENTS[index])), encoding="utf-8")
    return paths


@pytest.mark.parametrize("engine", ["firefox", "webkit"], indirect=True)
def test_the_worker_checks_the_files_in_each_engine(engine: Engine, site_base: str, tmp_path: Path) -> None:
    engine.open(site_base + "programme.html")
    engine.wait_for(lambda: engine.run(READING), "the page choosing where to check files")
    assert engine.run(READING) == "worker"
    paths = three_services_files(tmp_path)  # each choice starts over: the three are chosen together
    engine.choose_files("#programme-files", paths)
    engine.wait_for(lambda: engine.run(TEXT, "[data-role=status]").startswith("3 files read"), "the three files read")
    assert engine.run(TEXT, "[data-role=status]") == "3 files read: 3 assessments used, 0 files left out."
    assert engine.run(TEXT, ".programme-controls .hint") == "This view uses 3 services."
    assert engine.run(READING) == "worker"  # the Worker read them all: it never stopped
    # One view, no choice of review cycle to set beside it; the file chooser above the tidy data's columns.
    assert engine.run("return document.querySelectorAll('[data-role=results] select').length") == 0
    above = "return document.querySelector('#programme-files').getBoundingClientRect().top"
    below = "return document.querySelector('.programme-about h2').getBoundingClientRect().top"
    assert engine.run(above) < engine.run(below)


FILES_READ = "var dd = document.querySelector('.programme-overview dd'); return dd ? dd.textContent : ''"


@pytest.mark.parametrize("engine", ["firefox", "webkit"], indirect=True)
@pytest.mark.parametrize("path, language", [("cy/programme.html", "cy"), ("programme.html", "en")])
def test_the_view_marks_the_matrix_s_english_words_on_the_welsh_page_in_each_engine(
    engine: Engine, real_site: Path, tmp_path: Path, path: str, language: str
) -> None:
    """As test_programme_language.py checks in Chromium: lang="en" on the matrix's words on the
    Welsh page (headings, rows, captions, chart titles and labels), and no lang= on the English page."""
    engine.open((real_site / path).as_uri())
    engine.wait_for(lambda: engine.run(READING), "the page choosing where to check files")
    engine.choose_files("#programme-files", three_services_files(tmp_path))  # three services: figures are shown
    engine.wait_for(lambda: engine.run(FILES_READ) == "3", "the three files read")
    engine.wait_for(lambda: engine.run("return document.querySelectorAll('.programme-domain').length") == 8, "the view")
    found = engine.run(RESULT_TEXTS)
    assert language_mistakes(found, language, english_matrix_texts()) == []
    marked = [text for text, lang, _ in found if lang == "en" and letters(text) >= 4]
    if language == "cy":  # per indicator its row in the chart, its table and the N/A table
        assert len(marked) >= 45 * 3
    else:
        assert engine.run(MARKED) == 0
