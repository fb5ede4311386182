"""The workbooks the build writes, read by openpyxl as another program would, and the round trip
through `mpw-static export --xlsx` and `mpw-static import`."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from mpw_static.build import build_site
from mpw_static.cli import COMMANDS, main
from mpw_static.workbook import languages
from mpw_static.workbook_read import read_workbook_bytes
from mpw_static.workbook_write import FUNCTIONS, write_workbook
from support import HOSTILE, REAL_CONTENT, ROOT

sys.path.insert(0, str(HOSTILE / "workbooks"))
from make_workbooks import sample_assessment  # noqa: E402


@pytest.fixture(scope="module")
def known():
    return languages(REAL_CONTENT)


@pytest.fixture(scope="module")
def blank(real_site: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(real_site / "development-matrix.xlsx")


def test_the_build_writes_both_workbooks_and_two_builds_give_the_same_bytes(real_site: Path, tmp_path: Path) -> None:
    english, welsh = real_site / "development-matrix.xlsx", real_site / "cy/development-matrix.xlsx"
    assert zipfile.is_zipfile(english) and zipfile.is_zipfile(welsh)
    build_site(REAL_CONTENT, tmp_path / "again")
    assert (tmp_path / "again/development-matrix.xlsx").read_bytes() == english.read_bytes()
    core = zipfile.ZipFile(english).read("docProps/core.xml").decode()
    assert "<dcterms:created" in core and "2023-04-01T00:00:00Z" in core


def test_45_indicators_on_8_protected_sheets_with_frozen_panes_and_a4_landscape(blank: openpyxl.Workbook) -> None:
    domains = blank.sheetnames[2:-2]
    assert len(domains) == 8 and domains[0] == "Buy-in"
    ids = [blank[name].cell(row, 1).value for name in domains for row in range(5, 5 + 8)]
    assert [value for value in ids if value and re.fullmatch(r"[1-8]\.[0-9]", value)] == [
        f"{d}.{n}" for d, count in enumerate((4, 5, 5, 6, 4, 8, 7, 6), start=1) for n in range(1, count + 1)
    ]
    for name in blank.sheetnames:
        sheet = blank[name]
        assert sheet.protection.sheet is True, name
        assert sheet.protection.password is None, name  # protected without a password
    for name in domains:
        sheet = blank[name]
        assert sheet.freeze_panes == "C5"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.page_setup.fitToWidth in (None, 1)  # one page wide: 1 is the default, so may be left out
        assert sheet.page_setup.fitToHeight == 0  # as many pages tall as it takes
        assert sheet.print_title_rows == "$4:$4"
    assert blank["Buy-in"]["C5"].alignment.wrap_text is True


def test_statement_cells_are_locked_and_input_cells_unlocked(blank: openpyxl.Workbook, known) -> None:
    layout = known["en"].layout
    for domain in layout.domains:
        sheet = blank[domain.sheet]
        for row in domain.indicators:
            for cell in [row.id_cell, f"B{row.row}", *row.statement_cells]:
                assert sheet[cell].protection.locked is True, f"{domain.sheet}!{cell}"
            for cell in row.cells.values():
                assert sheet[cell].protection.locked is False, f"{domain.sheet}!{cell}"
                assert sheet[cell].value is None
        for cell in domain.cells.values():
            assert sheet[cell].protection.locked is False
    details = blank["Details"]
    for name, cell in layout.details.items():
        assert details[cell].protection.locked is (name in ("id", "created")), name
    assert blank["Buy-in"]["O5"].number_format == "dd/mm/yyyy"


def test_every_input_cell_exists_empty_and_styled_in_the_blank_xml(real_site: Path, known) -> None:
    """The page will fill the blank workbook's XML in: each input cell must be there to be found."""
    with zipfile.ZipFile(real_site / "development-matrix.xlsx") as archive:
        buy_in = archive.read("xl/worksheets/sheet3.xml").decode()
    for row in known["en"].layout.domains[0].indicators:
        for cell in row.cells.values():
            assert re.search(rf'<c r="{cell}" s="[0-9]+"/>', buy_in), cell


def test_drop_down_lists_and_their_allowed_values(blank: openpyxl.Workbook) -> None:
    def lists(sheet) -> dict[str, str]:
        return {str(rule.sqref): rule.formula1 for rule in sheet.data_validations.dataValidation if rule.type == "list"}

    assert lists(blank["Buy-in"]) == {
        "I5:I8": '"S1,S2,S3,S4,S5,N/A"',
        "J5:J8": '"Fully achieved,Work in progress"',
        "L5:L8": '"S1,S2,S3,S4,S5"',
        "I23": '"Yes,No"',  # the priority, under the matrix
    }
    details = lists(blank["Details"])
    assert details["B11"] == '"Individual,Group,Composite"'
    assert details["B8"] == details["B9"] == details["B10"] == '"Yes,No"'
    rule = next(iter(blank["Buy-in"].data_validations.dataValidation))
    assert rule.showErrorMessage and rule.error == "Choose one of: S1, S2, S3, S4, S5, N/A"


def test_the_welsh_workbook_has_welsh_sheets_and_lists(real_site: Path) -> None:
    book = openpyxl.load_workbook(real_site / "cy/development-matrix.xlsx")
    assert book.sheetnames[:3] == ["Ynghylch", "Manylion", "Ymrwymiad"]
    assert book["Ynghylch"]["D2"].value == "cy"
    rules = {str(rule.sqref): rule.formula1 for rule in book["Ymrwymiad"].data_validations.dataValidation}
    assert rules["I5:I8"] == '"S1,S2,S3,S4,S5,Amh."'
    assert rules["J5:J8"] == "\"Wedi'i gyflawni'n llawn,Gwaith ar y gweill\""


def test_the_about_sheet_says_what_it_is_for_and_carries_the_format_marker(blank: openpyxl.Workbook) -> None:
    about = blank["About"]
    assert [about["B2"].value, about["C2"].value, about["D2"].value] == ["mpw-assessment-workbook", 1, "en"]
    assert about["B3"].value == "FINAL – amended April 2023"
    text = " ".join(str(cell.value) for row in about.iter_rows() for cell in row if cell.value)
    assert "not a league table" in text and "no race to reach Statement 5" in text
    assert "Darker shading against statements" in text  # the matrix's own descriptors


def test_profile_and_plan_formulas(blank: openpyxl.Workbook) -> None:
    profile = blank["Profile"]
    assert [cell.value for cell in profile[4]] == [
        "Domain",
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
        "N/A",
        "Not answered",
        "Indicators",
    ]
    assert profile["A5"].value == "Buy-in"
    assert profile["B5"].value == "=COUNTIF('Buy-in'!$I$5:$I$8,\"S1\")"
    assert profile["G5"].value == "=COUNTIF('Buy-in'!$I$5:$I$8,\"N/A\")"
    assert profile["H5"].value == "=COUNTBLANK('Buy-in'!$I$5:$I$8)"
    assert profile["I5"].value == 4
    assert profile["B13"].value == "=SUM(B5:B12)"
    plan = blank["Plan"]
    assert [plan["A5"].value, plan["A49"].value] == ["1.1", "8.6"]
    assert plan["D5"].value == "=IF('Buy-in'!L5=\"\",\"\",'Buy-in'!L5)"
    assert plan["E49"].value == "=IF('Embedding data in practice'!M10=\"\",\"\",'Embedding data in practice'!M10)"


def test_every_formula_uses_only_the_functions_written_as_they_are(real_site: Path) -> None:
    """workbook_write writes formulas without XlsxWriter's search for Excel's newer functions."""
    with zipfile.ZipFile(real_site / "development-matrix.xlsx") as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/"))
    formulas = re.findall(r"<f>(.*?)</f>|<formula>(.*?)</formula>", xml)
    assert len(formulas) > 300
    called = {name for pair in formulas for name in re.findall(r"([A-Z][A-Z0-9.]*)\(", "".join(pair))}
    assert called == set(FUNCTIONS)


def test_the_blank_workbook_stores_no_results_so_its_formulas_are_worked_out_on_opening(real_site: Path) -> None:
    with zipfile.ZipFile(real_site / "development-matrix.xlsx") as archive:
        profile = archive.read("xl/worksheets/sheet11.xml").decode()
        workbook = archive.read("xl/workbook.xml").decode()
    assert 'fullCalcOnLoad="1"' in workbook
    assert "<v></v>" in profile and not re.search(r"</f><v>[^<]", profile)


def test_a_filled_workbook_stores_the_counts_and_shades_the_chosen_statement(known) -> None:
    english = known["en"]
    raw = write_workbook(english.layout, english.framework, english.strings, sample_assessment())
    book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    assert [book["Profile"].cell(5, column).value for column in range(2, 10)] == [0, 1, 0, 0, 1, 1, 1, 4]
    assert book["Plan"]["C5"].value == "S2" and book["Plan"]["D5"].value == "S3"
    buy_in = book["Buy-in"]
    assert [buy_in["I5"].value, buy_in["J5"].value, buy_in["L5"].value] == ["S2", "Work in progress", "S3"]
    assert buy_in["O5"].value == datetime(2027, 3, 31)
    rules = {
        str(range_): [rule.formula[0] for rule in rules]
        for range_, rules in buy_in.conditional_formatting._cf_rules.items()
    }
    assert rules["<ConditionalFormatting D5:D8>"] == [
        'AND($I5="S2",$J5="Fully achieved")',
        'AND($I5="S2",$J5="Work in progress")',
        '$I5="S2"',
    ]
    formats = [
        rule.dxf.numFmt.formatCode
        for rule in buy_in.conditional_formatting._cf_rules[next(iter(buy_in.conditional_formatting._cf_rules))]
    ]
    assert formats == ['"■ "@', '"▧ "@', '"► "@']  # a marker, so that colour is not the only cue


def test_text_that_looks_like_a_formula_stays_text(known) -> None:
    english = known["en"]
    assessment = sample_assessment().model_copy(
        update={"service": sample_assessment().service.model_copy(update={"name": '=HYPERLINK("http://x")'})}
    )
    raw = write_workbook(english.layout, english.framework, english.strings, assessment)
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book["Details"]["B4"].data_type == "s"


def test_the_round_trip_keeps_every_field_the_workbook_carries(tmp_path: Path, capsys) -> None:
    source = tmp_path / "team.json"
    original = sample_assessment().model_dump(mode="json")
    source.write_text(json.dumps(original), encoding="utf-8")
    assert main(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 0
    assert capsys.readouterr().out == "team.json: written to team.xlsx (5 of 45 rated)\n"
    workbook = tmp_path / "back.xlsx"
    shutil.move(tmp_path / "team.xlsx", workbook)
    assert main(["import", str(workbook), "--content", str(REAL_CONTENT)]) == 0
    assert capsys.readouterr().out == "back.xlsx: written to back.json (5 of 45 rated)\n"
    back = json.loads((tmp_path / "back.json").read_text(encoding="utf-8"))
    assert back.pop("updated") > original.pop("updated")
    assert back == original
    assert main(["validate", str(tmp_path / "back.json")]) == 0


def test_the_welsh_round_trip(tmp_path: Path, capsys) -> None:
    source = tmp_path / "tim.json"
    source.write_text(json.dumps(sample_assessment("cy").model_dump(mode="json")), encoding="utf-8")
    assert main(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 0
    assert openpyxl.load_workbook(tmp_path / "tim.xlsx").sheetnames[2] == "Ymrwymiad"
    (tmp_path / "tim.json").unlink()
    assert main(["import", str(tmp_path / "tim.xlsx"), "--content", str(REAL_CONTENT)]) == 0
    back = json.loads((tmp_path / "tim.json").read_text(encoding="utf-8"))
    assert back["language"] == "cy" and back["ratings"]["1.3"]["statement"] == "n/a"
    assert back["ratings"]["1.1"]["evidence"] == "work-in-progress"


def test_a_blank_workbook_imports_as_a_new_assessment_with_a_new_id(known) -> None:
    english = known["en"]
    raw = write_workbook(english.layout, english.framework, english.strings)
    now = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    first, problems = read_workbook_bytes("blank.xlsx", raw, {"en": english.layout}, now)
    second, _ = read_workbook_bytes("blank.xlsx", raw, {"en": english.layout}, now)
    assert problems == [] and first.ratings == {} and first.domains == {}
    assert first.id != second.id and re.fullmatch(r"[0-9a-f-]{36}", first.id)
    assert first.created == first.updated == now


def test_every_problem_is_listed_with_its_sheet_and_cell_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    sys.path.insert(0, str(HOSTILE / "workbooks"))
    from make_workbooks import set_cells

    english = languages(REAL_CONTENT)["en"]
    raw = write_workbook(english.layout, english.framework, english.strings, sample_assessment())
    raw = set_cells(raw, 3, {"I5": "S6", "J6": "Done", "K7": "=1+1"})
    raw = set_cells(raw, 2, {"B7": "someday", "B11": "Everyone"})
    workbook = tmp_path / "team.xlsx"
    workbook.write_bytes(raw)
    assert main(["import", str(workbook), "--content", str(REAL_CONTENT)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "team.xlsx: 5 problems; nothing was written:",
        '1. Details!B7: "someday" is not a date',
        "   Hint: write a date such as 31/03/2027",
        '2. Details!B11: "Everyone" is not one of Individual, Group, Composite',
        "   Hint: choose from the cell’s drop-down list",
        '3. Buy-in!I5: "S6" is not one of S1–S5, N/A',
        "   Hint: choose from the cell’s drop-down list",
        '4. Buy-in!J6: "Done" is not one of Fully achieved, Work in progress',
        "   Hint: choose from the cell’s drop-down list",
        "5. Buy-in!K7: the cell holds a formula (=1+1) where a value should be",
        "   Hint: type the value itself, or copy the cell and paste it as values only",
    ]
    assert not (tmp_path / "team.json").exists()


def test_neither_command_overwrites_a_file_unless_told(tmp_path: Path, capsys) -> None:
    source = tmp_path / "team.json"
    source.write_text(json.dumps(sample_assessment().model_dump(mode="json")), encoding="utf-8")
    (tmp_path / "team.xlsx").write_bytes(b"mine")
    assert main(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 1
    assert capsys.readouterr().err == "team.json: team.xlsx already exists; nothing written (--force replaces it)\n"
    assert (tmp_path / "team.xlsx").read_bytes() == b"mine"
    assert main(["export", str(source), "--xlsx", "--force", "--content", str(REAL_CONTENT)]) == 0
    before = source.read_bytes()
    assert main(["import", str(tmp_path / "team.xlsx"), "--content", str(REAL_CONTENT)]) == 1
    assert "team.xlsx: team.json already exists; nothing written (--force replaces it)" in capsys.readouterr().err
    assert source.read_bytes() == before


def test_export_says_what_the_workbook_does_not_carry(tmp_path: Path, capsys) -> None:
    data = sample_assessment().model_dump(mode="json")
    data["last_plan"] = {"1.1": {"statement": 1, "target": 2}}
    source = tmp_path / "team.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    assert main(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "   Note: the workbook does not carry last cycle’s plan; keep team.json for those"
    )


def test_export_says_the_workbook_does_not_carry_the_meeting(tmp_path: Path, capsys) -> None:
    data = sample_assessment().model_dump(mode="json")
    data["meeting"] = {"date": "2026-05-04", "domains": ["1"], "come_back_to": ["1.3"]}
    source = tmp_path / "team.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    assert main(["export", str(source), "--xlsx", "--content", str(REAL_CONTENT)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "   Note: the workbook does not carry the meeting’s marks (the indicators to come back to); keep team.json for those"
    )
    assert main(["import", str(tmp_path / "team.xlsx"), "--content", str(REAL_CONTENT), "--force"]) == 0
    assert json.loads(source.read_text(encoding="utf-8"))["format_version"] == 3


def test_export_refuses_a_file_that_is_not_an_assessment(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["export", str(bad), "--xlsx", "--content", str(REAL_CONTENT)]) == 1
    assert capsys.readouterr().err.startswith("bad.json, line 1: the file is not valid JSON")
    assert not (tmp_path / "bad.xlsx").exists()


def test_the_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"mpw-static {command}" in readme or f"python build.py {command}" in readme, command
