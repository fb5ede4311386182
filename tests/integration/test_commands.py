"""The commands as a person runs them: in a pipe, on a folder, outside a project, with --strict, and
what the build leaves behind for a web server (its permissions)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mpw_static.build import build_site
from mpw_static.cli import main, warnings_line
from mpw_static.problems import Problem
from mpw_static.validate import WITHOUT_ADDRESS
from support import ROOT

GOOD = {
    "format": "mpw-assessment",
    "format_version": 2,
    "framework_version": "FINAL – amended April 2023",
    "id": "c0ffee00-0000-4000-8000-000000000001",
    "ratings": {"1.1": {"statement": 2}},
    "created": "2026-06-01T09:00:00Z",
    "updated": "2026-06-01T10:00:00Z",
}


def test_validate_into_a_pipe_that_closes_ends_quietly(tmp_path: Path) -> None:
    good = tmp_path / "an-assessment-with-a-name-long-enough-to-fill-the-pipe-soon.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    # 3,000 lines of about 90 bytes: far more than a pipe holds, so the command is still writing
    # when its reader stops after the first line, as `| head -1` does.
    command = [sys.executable, str(ROOT / "build.py"), "validate", *[str(good)] * 3000]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    first = process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert first.decode().startswith(f"{good.name}: valid assessment")
    assert errors == ""
    assert process.returncode == 141  # as a shell reports a program whose reader went away


def test_validate_checks_a_folder_of_files_and_its_subfolders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "collected/team-b").mkdir(parents=True)
    (tmp_path / "collected/team-a.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "collected/team-b/second.JSON").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "collected/team-b/broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "collected/notes.txt").write_text("not an assessment", encoding="utf-8")
    assert main(["validate", "collected"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "collected: checking 3 .json files in it and its subfolders",
        "collected/team-a.json: valid assessment (1 of 45 rated)",
        "collected/team-b/second.JSON: valid assessment (1 of 45 rated)",
        "Checked 3 files: 2 valid, 1 with problems.",
    ]
    assert captured.err.splitlines() == [
        'collected/team-b/broken.json, line 1: the file is not valid JSON: a name is not in double quotes ("), '
        "or a comma is left over (column 2)",
        "   Hint: it may be damaged or not a saved assessment: ask whoever sent it for a new download",
    ]


def test_import_given_a_saved_assessment_says_what_it_is_and_what_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A .json file given to import, by mistake for its workbook: named for what it is, with the page's
    box and validate to open it; a text file, a PDF or an empty file is still plainly not a workbook."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.json").write_text(json.dumps(GOOD, indent=2), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Agreed at the March meeting", encoding="utf-8")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    assert main(["import", "team.json", "notes.txt", "empty.xlsx"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "team.json: 1 problem; nothing was written:",
        "1. team.json: the file is a saved assessment (.json), not an Excel workbook",
        "   Hint: open it on the assessment page with “Open saved assessment files (.json)”, or check it with "
        "`mpw-static validate`; `mpw-static import` reads workbooks",
        "notes.txt: 1 problem; nothing was written:",
        "1. notes.txt: the file is not an Excel workbook (.xlsx): it is not a zip archive",
        "   Hint: fill in the workbook downloaded from the site (development-matrix.xlsx), or save this one as "
        "“Excel Workbook (.xlsx)”",
        "empty.xlsx: 1 problem; nothing was written:",
        "1. empty.xlsx: the file is not an Excel workbook (.xlsx): it is not a zip archive",
        "   Hint: fill in the workbook downloaded from the site (development-matrix.xlsx), or save this one as "
        "“Excel Workbook (.xlsx)”",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.xlsx", "notes.txt", "team.json"]


def test_import_given_a_workbook_that_no_reader_opens_says_so_without_pythons_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The corpus's 280-byte stub: a zip naming a workbook part, and nothing a workbook holds."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stub.xlsx").write_bytes((ROOT / "tests/hostile/files/excel-workbook.xlsx").read_bytes())
    assert main(["import", "stub.xlsx"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "stub.xlsx: 1 problem; nothing was written:",
        "1. stub.xlsx: the workbook could not be read: it is damaged, or it is not a real Excel workbook",
        "   Hint: open it in Excel or LibreOffice and save it again as “Excel Workbook (.xlsx)”; if it does not open "
        "there, fill in the workbook downloaded from this site (development-matrix.xlsx)",
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["stub.xlsx"]


def test_upgrade_says_what_to_do_about_a_file_in_the_way_and_a_file_that_does_not_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.json").write_text(json.dumps(GOOD), encoding="utf-8")
    (tmp_path / "team.v3.json").write_text("my own notes", encoding="utf-8")
    (tmp_path / "later.json").write_text(json.dumps({**GOOD, "format_version": 4}), encoding="utf-8")
    assert main(["upgrade", "team.json", "later.json"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "team.json: team.v3.json already exists; nothing written (move or rename it, then upgrade again)",
        "later.json (format_version): the file uses format version 4, newer than this site reads (up to 3)",
        "   Hint: check it with the newest release of mpw-static, or open it with the newest version of the site",
    ]
    assert (tmp_path / "team.v3.json").read_text(encoding="utf-8") == "my own notes"


def test_validate_says_plainly_when_a_folder_has_no_json_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty/sub").mkdir(parents=True)
    assert main(["validate", "empty"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "empty: the folder holds no .json files (its subfolders were searched too)",
        "   Hint: give the folder the downloaded assessments were saved in, or name the files",
    ]


def test_validate_outside_a_project_says_what_it_expects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"There is no content folder here ({tmp_path / 'content'}). `validate` reads a site's content: run it in "
        "the project's folder, or give --content FOLDER.",
        "To check assessment files from any folder, name them: `mpw-static validate FILE.json …`, or a folder of them.",
    ]
    assert main(["build"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"There is no content folder here ({tmp_path / 'content'}). `build` reads a site's content: run it in "
        "the project's folder, or give --content FOLDER.",
    ]
    assert main(["validate", "--content", "elsewhere"]) == 2
    assert capsys.readouterr().err == "elsewhere: there is no content folder here; give --content the path of one.\n"


def test_strict_fails_on_a_translations_own_warnings(real_content_copy: Path, capsys: pytest.CaptureFixture) -> None:
    # A Welsh resources.toml whose 21 documents have no web address yet, like the English one.
    english = (real_content_copy / "resources.toml").read_text(encoding="utf-8")
    (real_content_copy / "cy/resources.toml").write_text(english, encoding="utf-8")
    assert main(["validate", "--content", str(real_content_copy)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("with 42 warnings (--strict makes them fail):")
    welsh = [line for line in out if "content/cy/resources.toml" in line]
    assert len(welsh) == 21
    assert welsh[0] == (
        '22. content/cy/resources.toml (links[0]): warning: "Community Infrastructure Programme" has no web '
        "address yet, so it is shown as plain text"
    )
    assert main(["validate", "--strict", "--content", str(real_content_copy)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content has 42 problems; nothing was written:")  # both languages at once
    assert '22. content/cy/resources.toml (links[0]): "Community Infrastructure Programme" has no web address' in err


def test_a_translation_taking_the_default_languages_file_warns_once(capsys: pytest.CaptureFixture) -> None:
    from support import REAL_CONTENT

    assert main(["validate", "--content", str(REAL_CONTENT)]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("with 21 warnings (--strict makes them fail):")


def test_the_warnings_line_says_what_they_are_and_how_to_list_them() -> None:
    def address(n: int) -> Problem:
        return Problem("content/resources.toml", f"links[{n}]", "no address", warning=True, kind=WITHOUT_ADDRESS)

    other = Problem("themes/x/static/js/assessment.js", "", "replaced", warning=True)
    end = "List them with `.venv/bin/python build.py validate`; build with --strict to make them fail the build."
    assert warnings_line((address(0),)) == (
        f"1 warning (the build went ahead): 1 documents and videos without a web address yet, shown as plain text. {end}"
    )
    assert warnings_line(tuple(address(n) for n in range(22)) + (other,)) == (
        "23 warnings (the build went ahead): 22 documents and videos without a web address yet, shown as plain "
        f"text; 1 more. {end}"
    )
    assert warnings_line((other, other)) == f"2 warnings (the build went ahead). {end}"


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_the_built_site_is_readable_by_a_web_server_running_as_another_user(
    mini_content: Path, tmp_path: Path, umask: int
) -> None:
    previous = os.umask(umask)
    try:
        build_site(mini_content, tmp_path / "dist")
        build_site(mini_content, tmp_path / "dist")  # a rebuild swaps a new folder in: it too
    finally:
        os.umask(previous)
    site = tmp_path / "dist"
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in [site, *site.rglob("*")]}
    folders = {oct(mode) for path, mode in modes.items() if path.is_dir()}
    files = {oct(mode) for path, mode in modes.items() if path.is_file()}
    assert folders == {"0o755"} and files == {"0o644"}
    assert len(modes) > 30
