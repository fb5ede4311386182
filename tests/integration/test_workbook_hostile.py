"""`mpw-static import` on the hostile-workbook corpus: each workbook is refused with its own words
and nothing is written, or it is read back."""

from __future__ import annotations

import functools
import json
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpw_static import workbook
from mpw_static.cli import main
from support import HOSTILE, REAL_CONTENT

WORKBOOKS = HOSTILE / "workbooks"
EXPECTED = tomllib.loads((WORKBOOKS / "expected.toml").read_text(encoding="utf-8"))
sys.path.insert(0, str(WORKBOOKS))
from make_workbooks import PAYLOAD  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def languages_loaded_once() -> Iterator[None]:
    """The real content's two languages are loaded once for the module instead of by each of its 33
    imports (about 0.15 s each): what these tests check is how each workbook is read."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workbook, "languages", functools.cache(workbook.languages))
        yield


@pytest.fixture(scope="module")
def corpus(workbook_corpus: dict[str, Path]) -> dict[str, Path]:
    return workbook_corpus


def test_the_corpus_covers_every_kind_the_issue_names(corpus: dict[str, Path]) -> None:
    assert set(corpus) == set(EXPECTED), "make_workbooks.py and expected.toml must list the same workbooks"
    covered = " ".join(expected["covers"] for expected in EXPECTED.values()).lower()
    for kind in (
        "decompression bomb",
        "entity bomb",
        "macros",
        ".xlsm",
        "formula where a value should be",
        "external links",
        "sheet renamed",
        "sheet deleted",
        "row moved",
        "statement typed as free text",
        "from another tool",
        "not a zip",
        "saved assessment (.json)",
        "empty file",
        "pdf",
    ):
        assert kind in covered, kind


@pytest.mark.parametrize("name", list(EXPECTED))
def test_import_refuses_or_reads_each_workbook(name: str, corpus: dict[str, Path], capsys, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(corpus[name].read_bytes())
    code = main(["import", str(path), "--content", str(REAL_CONTENT)])
    output = capsys.readouterr()
    expected = EXPECTED[name]
    written = path.with_suffix(".json")
    if expected.get("accepted"):
        assert code == 0, output.err
        assert output.out == f"{name}: written to {written.name} ({expected['rated']} of 45 rated)\n"
        assert main(["validate", str(written)]) == 0
    else:
        assert code == 1
        lines = output.err.splitlines()
        problems = [expected["cli"], *expected.get("also_cli", [])]
        assert lines[0] == f"{name}: {len(problems)} problem{'s' * (len(problems) > 1)}; nothing was written:"
        assert lines[1::2] == [f"{number}. {problem}" for number, problem in enumerate(problems, start=1)]
        assert lines[2] == f"   Hint: {expected['hint']}" if "hint" in expected else lines[2].startswith("   Hint: ")
        assert all(line.startswith("   Hint: ") for line in lines[2::2])
        assert not written.exists()


def test_the_bomb_is_refused_from_the_zips_directory_without_inflating_anything(
    corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path
) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a part was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(corpus["bomb.xlsx"].read_bytes())
    assert path.stat().st_size < 100_000
    assert main(["import", str(path), "--content", str(REAL_CONTENT)]) == 1
    assert capsys.readouterr().err.splitlines()[1] == f"1. {EXPECTED['bomb.xlsx']['cli']}"


def test_text_is_kept_as_text_and_typed_dates_are_read(corpus: dict[str, Path], tmp_path: Path) -> None:
    for name in ("script-payloads.xlsx", "date-typed-as-text.xlsx"):
        (tmp_path / name).write_bytes(corpus[name].read_bytes())
        assert main(["import", str(tmp_path / name), "--content", str(REAL_CONTENT)]) == 0
    payloads = json.loads((tmp_path / "script-payloads.json").read_text(encoding="utf-8"))
    assert payloads["ratings"]["1.1"]["note"] == PAYLOAD and payloads["ratings"]["1.1"]["next_steps"] == PAYLOAD
    dates = json.loads((tmp_path / "date-typed-as-text.json").read_text(encoding="utf-8"))
    assert dates["ratings"]["1.1"]["due_date"] == "2027-03-31"
    assert dates["ratings"]["1.2"]["due_date"] == "2027-04-01"
