"""Reading a filled workbook back into an assessment, as `mpw-static import` does.

A workbook is a zip of XML parts from anyone's computer, so it is checked before it is opened
(workbook_package.py: sizes from the zip's directory, no macros, no links to other files). Then
only the layout's cells are read, as far as its last row and column, with
openpyxl, and every value goes through the same check as a .json file
(assessment_file.check_assessment_bytes). Each problem names its sheet and cell: Buy-in!I7.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import warnings
from datetime import UTC, date, datetime
from pathlib import Path

from .assessment_file import FILE_ONLY_HINTS, check_assessment_bytes
from .models import ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION, PURPOSES, Assessment
from .problems import Problem, field_path
from .workbook_dates import read_date
from .workbook_layout import (
    FRAMEWORK_VERSION_CELL,
    MARKER_CELLS,
    WORKBOOK_FORMAT,
    WORKBOOK_LAYOUT_VERSION,
    WorkbookLayout,
    column_number,
    split_cell,
)
from .workbook_package import MACRO_SUFFIXES, MAX_FILE_BYTES, USE_OURS, check_package, macro_problem, too_big

Cells = dict[str, dict[str, object]]  # sheet -> cell -> value, as openpyxl read it


def read_workbook(path: Path, layouts: dict[str, WorkbookLayout]) -> tuple[Assessment | None, list[Problem]]:
    """Read one workbook; return the assessment, or None and every problem found."""
    name = path.name
    if not path.is_file():
        return None, [Problem(name, "", "file not found", "check the file name and folder")]
    if path.suffix.lower() in MACRO_SUFFIXES:
        return None, [macro_problem(name)]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [too_big(name, size)]
    return read_workbook_bytes(name, path.read_bytes(), layouts)


def read_workbook_bytes(
    name: str, raw: bytes, layouts: dict[str, WorkbookLayout], now: datetime | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """Read a workbook's bytes (named in messages as `name`) against the layouts of the site's languages."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_big(name, len(raw))]
    problems = check_package(name, raw)
    if problems:
        return None, problems
    try:
        language, present, cells = read_cells(raw, layouts)
    except WorkbookProblem as problem:
        return None, [problem.problem(name)]
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        return None, [Problem(name, "", DAMAGED, DAMAGED_HINT)]
    layout = layouts[language]
    problems = check_sheets(name, present, cells, layout)
    if problems:
        return None, problems
    return assessment_from(name, cells, layout, now or datetime.now(UTC))


# A workbook that no reader could open, said as the page says it (js_excel_damaged, js_excel_hint_save_again),
# without the reader's own name for what failed, which means nothing to the person who sent it.
DAMAGED = "the workbook could not be read: it is damaged, or it is not a real Excel workbook"
DAMAGED_HINT = (
    "open it in Excel or LibreOffice and save it again as “Excel Workbook (.xlsx)”; if it does not open there, "
    "fill in the workbook downloaded from this site (development-matrix.xlsx)"
)


class WorkbookProblem(Exception):
    """A problem found while reading cells that stops the reading."""

    def __init__(self, place: str, message: str, hint: str):
        super().__init__(message)
        self.place, self.message, self.hint = place, message, hint

    def problem(self, name: str) -> Problem:
        return Problem(name, self.place, self.message, self.hint)


def read_cells(raw: bytes, layouts: dict[str, WorkbookLayout]) -> tuple[str, list[str], Cells]:
    """The workbook's language (from its format marker), its sheet names, and the values of the
    layout's sheets, read only as far as the layout's last row and column."""
    import openpyxl  # only the import command needs it, so the build does not load it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns of parts it leaves out (extensions, for one)
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
    try:
        language = recognise(book, layouts)
        layout = layouts[language]
        cells: Cells = {}
        for sheet in layout.all_sheets():
            if sheet in book.sheetnames and sheet not in (layout.sheets["profile"], layout.sheets["plan"]):
                cells[sheet] = sheet_values(book[sheet], sheet_extent(layout, sheet))
        return language, list(book.sheetnames), cells
    finally:
        book.close()


def recognise(book, layouts: dict[str, WorkbookLayout]) -> str:
    """The workbook's language, from the format marker on its first sheet; a workbook without one
    is not ours, whatever its sheets are called."""
    first = book.worksheets[0] if book.worksheets else None
    marker = sheet_values(first, (1 + split_cell(MARKER_CELLS["language"])[1], 4)) if first is not None else {}
    if marker.get(MARKER_CELLS["format"]) != WORKBOOK_FORMAT:
        raise WorkbookProblem(
            "",
            f"this is not a Development Matrix workbook: its first sheet has no format marker ({WORKBOOK_FORMAT} in cell "
            f"{MARKER_CELLS['format']})",
            "fill in the workbook downloaded from the site (development-matrix.xlsx); a workbook from another tool is not read",
        )
    version = marker.get(MARKER_CELLS["version"])
    if isinstance(version, (int, float)) and not isinstance(version, bool) and version > WORKBOOK_LAYOUT_VERSION:
        raise WorkbookProblem(
            "",
            f"the workbook’s layout is version {version:g}, newer than this site reads (up to {WORKBOOK_LAYOUT_VERSION})",
            "open it with the newer version of the site that made it",
        )
    if version != WORKBOOK_LAYOUT_VERSION:
        raise WorkbookProblem("", "the workbook’s layout version is not one this site knows", USE_OURS)
    language = marker.get(MARKER_CELLS["language"])
    if language not in layouts:
        raise WorkbookProblem(
            "",
            f'the workbook is in a language this site does not build ("{str(language)[:10]}")',
            f"use a workbook in {' or '.join(layouts)}, downloaded from the site",
        )
    return language


def sheet_extent(layout: WorkbookLayout, sheet: str) -> tuple[int, int]:
    """How many rows and columns of a sheet the reader needs."""
    if sheet == layout.sheets["about"]:
        return split_cell(FRAMEWORK_VERSION_CELL)[1], 4
    if sheet == layout.sheets["details"]:
        return max(split_cell(cell)[1] for cell in layout.details.values()), 2
    domain = next(domain for domain in layout.domains if domain.sheet == sheet)
    cells = [cell for row in domain.indicators for cell in row.cells.values()] + list(domain.cells.values())
    return max(split_cell(cell)[1] for cell in cells), max(column_number(split_cell(cell)[0]) for cell in cells)


class Formula(str):
    """A cell that holds a formula, where the layout expects a value."""


class ErrorValue(str):
    """A cell that holds an error such as #REF!."""


def sheet_values(sheet, extent: tuple[int, int]) -> dict[str, object]:
    """A sheet's non-empty cells within `extent` (rows, columns), by address."""
    rows, columns = extent
    found: dict[str, object] = {}
    for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=columns):
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or value == "":
                continue
            kind = getattr(cell, "data_type", "")
            if kind == "f":
                value = Formula(value)
            elif kind == "e":
                value = ErrorValue(value)
            found[cell.coordinate] = value
    return found


def check_sheets(name: str, present: list[str], cells: Cells, layout: WorkbookLayout) -> list[Problem]:
    """Every sheet is there by its name, and every indicator's row is where the layout has it."""
    expected = layout.all_sheets()
    strangers = [sheet for sheet in present if sheet not in expected]
    problems = []
    for sheet in expected:
        if sheet not in present:
            hint = "give the sheet its name back, or copy your answers into a new workbook downloaded from the site"
            if strangers:
                hint += f" (sheets this workbook should not have: {', '.join('“' + s + '”' for s in strangers)})"
            problems.append(
                Problem(name, sheet, f"the sheet “{sheet}” is missing: it may have been renamed or deleted", hint)
            )
    for domain in layout.domains:
        values = cells.get(domain.sheet)
        if values is None:
            continue
        for row in domain.indicators:
            found = values.get(row.id_cell)
            if text_of(found) != row.id:
                problems.append(
                    Problem(
                        name,
                        f"{domain.sheet}!{row.id_cell}",
                        f"expected indicator {row.id} in this row, found {shown(found)}: "
                        "a row has been moved, added or deleted",
                        "put the rows back in the matrix’s order, or copy your answers into a new workbook downloaded from the site",
                    )
                )
                break  # the rows below are out of place for the same reason
    return problems


def shown(value: object) -> str:
    return "an empty cell" if value is None else f'"{text_of(value)[:40]}"'


def text_of(value: object) -> str:
    """A cell's value as the text a person sees: 3 not 3.0, a date as 2027-03-31."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


class Reader:
    """Turns the layout's cells into the file format's values, noting each problem and where each
    field came from (so that the model's own findings can be named by cell too)."""

    def __init__(self, name: str, cells: Cells, layout: WorkbookLayout):
        self.name, self.cells, self.layout = name, cells, layout
        self.problems: list[Problem] = []
        self.origins: dict[str, str] = {}  # field path in the file -> Sheet!Cell

    def raw(self, sheet: str, cell: str, path: tuple) -> object:
        """A cell's value; a formula or an error value is a problem, and reads as empty."""
        self.origins[field_path(path)] = f"{sheet}!{cell}"
        value = self.cells[sheet].get(cell)
        if isinstance(value, Formula):
            self.problem(
                sheet,
                cell,
                f"the cell holds a formula ({value[:40]}) where a value should be",
                "type the value itself, or copy the cell and paste it as values only",
            )
            return None
        if isinstance(value, ErrorValue):
            self.problem(
                sheet, cell, f"the cell holds an error ({value}) where a value should be", "type the value itself"
            )
            return None
        return value

    def problem(self, sheet: str, cell: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.name, f"{sheet}!{cell}", message, hint))

    def text(self, sheet: str, cell: str, path: tuple) -> str:
        return text_of(self.raw(sheet, cell, path))

    def choice(self, sheet: str, cell: str, path: tuple, choice: str) -> object:
        """A word from a drop-down list, as the file's value; None for an empty cell."""
        value = self.raw(sheet, cell, path)
        if value is None:
            return None
        typed = " ".join(text_of(value).split()).casefold()
        for word, known in self.layout.choices[choice]:
            if word.casefold() == typed:
                return known
        self.problem(
            sheet,
            cell,
            f'"{text_of(value)[:40]}" is not one of {self.choices_in_words(choice)}',
            "choose from the cell’s drop-down list",
        )
        return None

    def choices_in_words(self, choice: str) -> str:
        """ "S1–S5, N/A" for the statements; the words, with commas, for a short list."""
        words = self.layout.words(choice)
        if choice in ("statement", "target"):
            statements = words[:5]
            return ", ".join([f"{statements[0]}–{statements[-1]}", *words[5:]])
        return ", ".join(words)

    def date(self, sheet: str, cell: str, path: tuple) -> str | None:
        """A date as the file writes it (2027-03-31), from an Excel date or from text such as 31/03/2027."""
        value = self.raw(sheet, cell, path)
        if value is None:
            return None
        found = read_date(value)
        if found is None:
            self.problem(sheet, cell, f"{shown(value)} is not a date", "write a date such as 31/03/2027")
        return found


def assessment_from(
    name: str, cells: Cells, layout: WorkbookLayout, now: datetime
) -> tuple[Assessment | None, list[Problem]]:
    """The assessment the cells describe, checked as a .json file is."""
    reader = Reader(name, cells, layout)
    data = details_data(reader, layout, now)
    data["ratings"], data["domains"] = domains_data(reader, layout)
    ids = [row.id for domain in layout.domains for row in domain.indicators]
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    assessment, problems = check_assessment_bytes(name, raw, ids)
    found = [in_cells(problem, reader.origins) for problem in problems]
    if not reader.problems:
        return assessment, found
    # Every problem in one reading, not a second round after the first is fixed: the model's too, but
    # for the rows a cell's problem is on, where the model sees that cell as empty.
    rows = {row_of(problem.place) for problem in reader.problems}
    return None, reader.problems + [problem for problem in found if row_of(problem.place) not in rows]


def row_of(place: str) -> str:
    """The sheet and row of a cell (Buy-in!I5 -> Buy-in!5): in a domain's sheet, one indicator."""
    return re.sub(r"[A-Z]+([0-9]+)$", r"\1", place)


def details_data(reader: Reader, layout: WorkbookLayout, now: datetime) -> dict:
    """The file's top level: format, version, the Details sheet, the id and the times."""
    sheet, cells = layout.sheets["details"], layout.details
    about = reader.cells[layout.sheets["about"]]
    stamp = now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    purposes = [p for p in PURPOSES if reader.choice(sheet, cells[f"purpose_{p}"], ("purposes",), "yes_no")]
    reader.origins["purposes"] = f"{sheet}!{cells['purpose_' + PURPOSES[0]]}"
    return {
        "format": ASSESSMENT_FORMAT,
        "format_version": ASSESSMENT_FORMAT_VERSION,
        "framework_version": text_of(about.get(FRAMEWORK_VERSION_CELL)) or layout.framework_version,
        "id": reader.text(sheet, cells["id"], ("id",)) or str(uuid.uuid4()),
        "service": {
            field: reader.text(sheet, cells[field], ("service", field))
            for field in ("name", "organisations", "participants")
        },
        "date": reader.date(sheet, cells["date"], ("date",)),
        "purposes": purposes,
        "method": reader.choice(sheet, cells["method"], ("method",), "method"),
        "review_cycle": reader.text(sheet, cells["review_cycle"], ("review_cycle",)),
        "language": layout.language,
        "created": reader.text(sheet, cells["created"], ("created",)) or stamp,
        "updated": stamp,
    }


TEXT_FIELDS = ("note", "next_steps", "lead", "due_cycle")


def domains_data(reader: Reader, layout: WorkbookLayout) -> tuple[dict, dict]:
    """Each indicator's answer and each domain's notes; those left wholly empty are left out, as the page does."""
    ratings, domains = {}, {}
    for domain in layout.domains:
        sheet = domain.sheet
        for row in domain.indicators:
            path = ("ratings", row.id)
            reader.origins[field_path(path)] = f"{sheet}!{row.cells['statement']}"
            rating = {
                "statement": reader.choice(sheet, row.cells["statement"], (*path, "statement"), "statement"),
                "evidence": reader.choice(sheet, row.cells["evidence"], (*path, "evidence"), "evidence"),
                "target": reader.choice(sheet, row.cells["target"], (*path, "target"), "target"),
                "due_date": reader.date(sheet, row.cells["due_date"], (*path, "due_date")),
                **{field: reader.text(sheet, row.cells[field], (*path, field)) for field in TEXT_FIELDS},
            }
            if any(value not in (None, "") for value in rating.values()):
                ratings[row.id] = rating
        path = ("domains", str(domain.number))
        notes = {
            field: reader.text(sheet, domain.cells[field], (*path, field))
            for field in ("context", "reflections", "first_steps")
        }
        notes["priority"] = reader.choice(sheet, domain.cells["priority"], (*path, "priority"), "yes_no") is True
        if any(notes.values()):
            domains[str(domain.number)] = notes
    return ratings, domains


def in_cells(problem: Problem, origins: dict[str, str]) -> Problem:
    """A problem the model found, named by the cell its field came from, with a hint for that cell."""
    place = problem.place
    while place and place not in origins:
        place = place.rsplit(".", 1)[0] if "." in place else ""
    hint = problem.hint
    if not hint or hint in FILE_ONLY_HINTS:  # "correct it in the file" is said of a cell instead
        hint = (
            "leave the id as it was, or empty the cell to make this a new assessment"
            if place == "id"
            else "shorten the text in this cell"
            if "at most" in problem.message
            else "correct the value in this cell"
        )
    return Problem(problem.file, origins.get(place, problem.place), problem.message, hint)
