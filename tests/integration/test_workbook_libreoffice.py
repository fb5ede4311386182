"""LibreOffice, run headless, as a real client of the workbooks: it opens every workbook we write,
works out the Profile's formulas, prints a domain on A4 landscape, and what it saves still reads
back. Skipped, saying so, where LibreOffice is not installed (Debian: libreoffice-calc)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from printed_pdf import read_pdf

from mpw_static.cli import main
from mpw_static.workbook import languages
from mpw_static.workbook_write import write_workbook
from support import HOSTILE, REAL_CONTENT

sys.path.insert(0, str(HOSTILE / "workbooks"))
from make_workbooks import sample_assessment, set_cells  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    # With the browser tier: an outside program, and slow (LibreOffice takes seconds to start), so the
    # everyday loop (-m "not browser") leaves it out and the whole run keeps it.
    pytest.mark.browser,
    pytest.mark.skipif(
        SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc): workbook tier skipped"
    ),
]
# Every sheet to its own CSV file (the last field, -1), UTF-8 (76), values as shown.
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory):
    """Run soffice with a profile of its own, so that it never meets another one running."""
    profile = tmp_path_factory.mktemp("soffice-profile")

    def convert(target: str, files: list[Path], out: Path) -> subprocess.CompletedProcess:
        out.mkdir(parents=True, exist_ok=True)
        command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target]
        done = subprocess.run(
            [*command, "--outdir", str(out), *map(str, files)], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
        return done

    return convert


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The blank workbooks, one exported filled in, and the blank one filled in cell by cell in its
    XML (as the page will), which stores no formula results."""
    folder = tmp_path_factory.mktemp("books")
    known = languages(REAL_CONTENT)
    english, welsh = known["en"], known["cy"]
    blank = write_workbook(english.layout, english.framework, english.strings)
    made = {
        "blank-en.xlsx": blank,
        "blank-cy.xlsx": write_workbook(welsh.layout, welsh.framework, welsh.strings),
        "filled.xlsx": write_workbook(english.layout, english.framework, english.strings, sample_assessment()),
        "filled-cy.xlsx": write_workbook(welsh.layout, welsh.framework, welsh.strings, sample_assessment("cy")),
        "filled-in-xml.xlsx": set_cells(blank, 3, {"I5": "S3", "I6": "S3", "I7": "N/A"}),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def as_csv(office, books, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Every workbook opened by LibreOffice once and each sheet saved as CSV: the folder, and what
    LibreOffice said. (LibreOffice takes seconds to start: the tests read this one conversion.)"""
    folder = tmp_path_factory.mktemp("csv")
    done = office(ALL_SHEETS_CSV, list(books.values()), folder)
    return folder, done.stderr


def sheet_rows(folder: Path, book: str, sheet: str) -> list[list[str]]:
    with (folder / f"{book}-{sheet}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_libreoffice_opens_every_workbook_and_reads_back_the_values_written(as_csv) -> None:
    folder, said = as_csv
    assert "error" not in said.lower() and "repair" not in said.lower(), said
    details = {row[0]: row[1] for row in sheet_rows(folder, "filled", "Details") if len(row) > 1 and row[0]}
    assert details["Service or multi-professional team"] == "Corpus team"
    assert details["Method"] == "Group"
    buy_in = sheet_rows(folder, "filled", "Buy-in")
    assert buy_in[4][0] == "1.1" and buy_in[4][8:12] == ["S2", "Work in progress", "Some awareness\nsecond line", "S3"]
    assert sheet_rows(folder, "filled-cy", "Ymrwymiad")[6][8] == "Amh."
    assert sheet_rows(folder, "blank-cy", "Ynghylch")[1][1:4] == ["mpw-assessment-workbook", "1", "cy"]


@pytest.mark.parametrize(
    "book, buy_in, total",
    [
        # S1..S5, N/A, not answered, indicators
        ("filled", ["0", "1", "0", "0", "1", "1", "1", "4"], ["1", "1", "0", "1", "1", "1", "40", "45"]),
        ("filled-in-xml", ["0", "0", "2", "0", "0", "1", "1", "4"], ["0", "0", "2", "0", "0", "1", "42", "45"]),
        ("blank-en", ["0", "0", "0", "0", "0", "0", "4", "4"], ["0", "0", "0", "0", "0", "0", "45", "45"]),
    ],
)
def test_libreoffice_works_out_the_profile_counts(as_csv, book, buy_in, total) -> None:
    """filled-in-xml stores no results beside its formulas, as the page's filled workbooks will not:
    the counts are LibreOffice's own."""
    profile = sheet_rows(as_csv[0], book, "Profile")
    assert profile[3] == ["Domain", "S1", "S2", "S3", "S4", "S5", "N/A", "Not answered", "Indicators"]
    assert profile[4] == ["Buy-in", *buy_in]
    assert profile[12] == ["All domains", *total]


def test_a_workbook_saved_again_by_libreoffice_still_imports(office, books, tmp_path: Path, capsys) -> None:
    saved = tmp_path / "saved"
    office("xlsx:Calc MS Excel 2007 XML", [books["filled.xlsx"], books["filled-cy.xlsx"]], saved)
    for name, language in (("filled", "en"), ("filled-cy", "cy")):
        assert main(["import", str(saved / f"{name}.xlsx"), "--content", str(REAL_CONTENT)]) == 0, capsys.readouterr()
        back = json.loads((saved / f"{name}.json").read_text(encoding="utf-8"))
        expected = sample_assessment(language).model_dump(mode="json")
        assert back.pop("updated") != expected.pop("updated")
        assert back == expected


def test_a_domain_prints_on_a4_landscape_fitted_to_the_page_width(office, books, tmp_path: Path) -> None:
    office("pdf", [books["filled.xlsx"]], tmp_path)
    sheets = read_pdf(tmp_path / "filled.pdf")
    assert {(round(sheet.width), round(sheet.height)) for sheet in sheets} == {(842, 595)}  # A4 landscape, in points
    text = [" ".join(sheet.text.split()) for sheet in sheets]
    buy_in = next(number for number, page in enumerate(text) if "Domain 1: BUY-IN" in page)
    # The whole width of the matrix on one page: the first statement and the last column's heading.
    assert "Very limited public awareness" in text[buy_in] and "Or by a review" in text[buy_in]
