"""The workbook's cells as XlsxWriter writes them: formats, values, drop-down lists, protection and
print setup, shared by the sheets' writers (workbook_write.py, workbook_summary.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from .theme import Strings
from .workbook_layout import LAST_COLUMN, WorkbookLayout

# The blank workbook's date: fixed, so that two builds give the same bytes.
BLANK_DATE = datetime(2023, 4, 1)
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's date numbers (as it counts, with 1900 a leap year)
DATE_FORMAT = "dd/mm/yyyy"
FULLY, WORK_IN_PROGRESS, PALE, INPUT, HEADING, LINE = "#00615A", "#CFE8E5", "#F2F2F2", "#FFF8D6", "#E4E4E4", "#808080"
# Markers the chosen statement's cell shows before its text, so that colour is not the only cue.
MARK_FULLY, MARK_WIP, MARK_CHOSEN = "■", "▧", "►"
# Width of each domain-sheet column, in characters: the matrix itself is widest.
DOMAIN_WIDTHS = dict(
    zip("ABCDEFGHIJKLMNOP", (5, 20, 21, 21, 21, 21, 21, 10, 10, 13, 22, 9, 22, 12, 11, 12), strict=True)
)


# The only functions our formulas call. None of them is one of Excel's newer functions, which
# XlsxWriter would otherwise look for in every formula (about a hundred searches each, most of
# the time of writing a workbook); a test checks every formula against this list.
FUNCTIONS = ("IF", "AND", "COUNTIF", "COUNTBLANK", "SUM")


class MatrixSheet(Worksheet):
    """A worksheet whose formulas are written as they are, less the leading "=" (see FUNCTIONS)."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        return formula.removeprefix("=")


@dataclass
class Formats:
    """The workbook's cell formats, made once per workbook."""

    title: Format
    line: Format  # one line, running on over the empty cells beside it
    bold_line: Format
    text: Format
    bold_text: Format
    small: Format
    header: Format
    id: Format
    locked: Format
    input: Format
    input_date: Format
    box: Format
    plan_date: Format
    fully: Format
    wip: Format
    chosen: Format


def make_formats(book: xlsxwriter.Workbook) -> Formats:
    """The formats: locked text is the matrix as printed; yellow, unlocked cells are for the team."""
    cell = {"text_wrap": True, "valign": "top", "border": 1, "border_color": LINE, "font_size": 10}
    entry = {**cell, "locked": False, "bg_color": INPUT}
    return Formats(
        title=book.add_format({"bold": True, "font_size": 14}),
        line=book.add_format({"font_size": 10}),
        bold_line=book.add_format({"font_size": 10, "bold": True}),
        text=book.add_format({"text_wrap": True, "valign": "top", "font_size": 10}),
        bold_text=book.add_format({"text_wrap": True, "valign": "top", "font_size": 10, "bold": True}),
        small=book.add_format({"font_size": 8, "font_color": "#595959"}),
        header=book.add_format({**cell, "bold": True, "bg_color": HEADING}),
        id=book.add_format({**cell, "bold": True}),
        locked=book.add_format(cell),
        input=book.add_format(entry),
        input_date=book.add_format({**entry, "num_format": DATE_FORMAT, "align": "left"}),
        box=book.add_format(entry),
        plan_date=book.add_format({**cell, "num_format": DATE_FORMAT, "align": "left"}),
        fully=book.add_format(
            {"bg_color": FULLY, "font_color": "#FFFFFF", "bold": True, "num_format": f'"{MARK_FULLY} "@'}
        ),
        wip=book.add_format({"bg_color": WORK_IN_PROGRESS, "bold": True, "num_format": f'"{MARK_WIP} "@'}),
        chosen=book.add_format({"bold": True, "num_format": f'"{MARK_CHOSEN} "@'}),
    )


def add_sheet(book: xlsxwriter.Workbook, name: str) -> Worksheet:
    return book.add_worksheet(name, worksheet_class=MatrixSheet)


def protect(sheet: Worksheet) -> None:
    """Locked cells stay as written; with no password, so a team can lift it if it must."""
    sheet.protect("", {"format_columns": True, "format_rows": True})


def print_landscape(sheet: Worksheet, last_row: int, repeat_row: int | None = None) -> None:
    """A4 landscape, fitted to the page width, any number of pages tall."""
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.print_area(f"A1:{LAST_COLUMN}{last_row}")
    if repeat_row is not None:
        sheet.repeat_rows(repeat_row - 1)


def lines_needed(text: str, width: float) -> int:
    """Roughly how many lines wrapped text takes in a column `width` characters wide."""
    return sum(max(1, -(-len(part) // max(1, int(width * 1.1)))) for part in text.split("\n"))


def word_for(layout: WorkbookLayout, choice: str, value: object) -> str | None:
    """The word a drop-down list shows for a value of the file, or None."""
    return next((word for word, known in layout.choices[choice] if known == value and value is not None), None)


def write_value(sheet: Worksheet, cell: str, value: object, fmt: Format) -> None:
    """A value as the cell's kind of value: a real Excel date, or text (never a formula); an empty
    cell is still written, styled and unlocked, so that the page can fill it in later."""
    if isinstance(value, date):
        sheet.write_datetime(cell, datetime(value.year, value.month, value.day), fmt)
    elif value in (None, ""):
        sheet.write_blank(cell, None, fmt)
    else:
        sheet.write_string(cell, str(value), fmt)


def add_list(sheet: Worksheet, cells: str, words: list[str], strings: Strings) -> None:
    """A drop-down list in the sheet's language; anything else typed is refused by Excel."""
    sheet.data_validation(
        cells,
        {
            "validate": "list",
            "source": words,
            "error_title": strings.xlsx_list_title,
            "error_message": strings.xlsx_choose_from_list.format(words=", ".join(words)),
        },
    )


def excel_text(text: str) -> str:
    """Text as a formula writes it: "like ""this""."""
    return '"' + text.replace('"', '""') + '"'
