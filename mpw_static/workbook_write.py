"""Writing the Development Matrix workbook with XlsxWriter: blank at build time, or filled from an
assessment by `mpw-static export FILE.json --xlsx`. Every cell's place comes from workbook_layout.

Two builds give identical bytes: XlsxWriter dates the zip's parts 1980-01-01, and the workbook's
own created date is fixed here (or is the assessment's), never "now".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from .models import Assessment, Framework, Rating
from .theme import Strings
from .workbook_layout import (
    FRAMEWORK_VERSION_CELL,
    HEADER_ROW,
    INPUT_COLUMNS,
    LAST_COLUMN,
    MARKER_CELLS,
    NA_COLUMN,
    STATEMENT_COLUMNS,
    DomainSheet,
    WorkbookLayout,
    quoted,
    split_cell,
)

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


def write_workbook(
    layout: WorkbookLayout, framework: Framework, strings: Strings, assessment: Assessment | None = None
) -> bytes:
    """The workbook as bytes: blank, or filled in from an assessment."""
    output = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(output, options)
    when = BLANK_DATE if assessment is None else assessment.created.replace(tzinfo=None)
    book.set_properties({"title": framework.matrix.title, "created": when, "author": "", "company": ""})
    formats = make_formats(book)
    write_about(add_sheet(book, layout.sheets["about"]), layout, framework, strings, formats)
    write_details(add_sheet(book, layout.sheets["details"]), layout, strings, formats, assessment)
    for domain, sheet in zip(framework.domains, layout.domains, strict=True):
        write_domain(add_sheet(book, sheet.sheet), sheet, domain, layout, framework, strings, formats, assessment)
    write_profile(add_sheet(book, layout.sheets["profile"]), layout, strings, formats, assessment)
    write_plan(add_sheet(book, layout.sheets["plan"]), layout, framework, strings, formats, assessment)
    book.close()
    return output.getvalue()


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


def write_about(sheet: Worksheet, layout: WorkbookLayout, framework: Framework, strings: Strings, f: Formats) -> None:
    """What the matrix is for, that it is not a league table, how to fill it in, and the format marker."""
    sheet.set_column("A:A", 26)
    sheet.set_column("B:B", 100)
    sheet.write_string("A1", framework.matrix.title, f.title)
    sheet.write_string("A2", strings.xlsx_format_label, f.small)
    sheet.write_string(MARKER_CELLS["format"], layout.format, f.small)
    sheet.write_number(MARKER_CELLS["version"], layout.version, f.small)
    sheet.write_string(MARKER_CELLS["language"], layout.language, f.small)
    sheet.write_string("A3", strings.xlsx_framework_version, f.bold_text)
    sheet.write_string(FRAMEWORK_VERSION_CELL, layout.framework_version, f.text)
    sections = [
        (strings.xlsx_about_for_heading, [strings.xlsx_about_for]),
        (strings.xlsx_about_not_league_heading, [strings.xlsx_about_not_league]),
        (strings.xlsx_about_how_heading, [getattr(strings, f"xlsx_about_how_{n}") for n in range(1, 7)]),
        (strings.xlsx_about_statements_heading, list(framework.matrix.descriptors)),
        (strings.xlsx_about_back_heading, [strings.xlsx_about_back]),
    ]
    row = 4
    for heading, paragraphs in sections:
        row += 1
        sheet.write_string(row, 0, heading, f.bold_text)
        for paragraph in paragraphs:
            sheet.write_string(row, 1, paragraph, f.text)
            sheet.set_row(row, 14 * lines_needed(paragraph, 100))
            row += 1
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    protect(sheet)


def write_details(
    sheet: Worksheet, layout: WorkbookLayout, strings: Strings, f: Formats, assessment: Assessment | None
) -> None:
    """The assessment's details: a label in column A, the team's answer beside it."""
    sheet.set_column("A:A", 40)
    sheet.set_column("B:B", 60)
    sheet.write_string("A1", strings.details_heading, f.title)
    sheet.write_string("A2", strings.xlsx_details_help, f.text)
    labels = {
        "name": strings.service_name,
        "organisations": strings.organisations,
        "participants": f"{strings.participants}\n{strings.participants_hint}",
        "date": strings.assessment_date,
        "method": strings.method,
        "review_cycle": f"{strings.review_cycle}\n{strings.review_cycle_hint}",
        "id": strings.xlsx_assessment_id,
        "created": strings.xlsx_created,
    }
    for name, cell in layout.details.items():
        purpose = name.removeprefix("purpose_")
        label = labels.get(name) or strings.xlsx_purpose.format(purpose=getattr(strings, f"purpose_{purpose}"))
        column, row = split_cell(cell)
        sheet.write_string(f"A{row}", label, f.header)
        kind = layout.detail_kinds[name]
        value = detail_value(name, kind, layout, assessment)
        write_value(sheet, cell, value, f.locked if kind == "kept" else f.input_date if kind == "date" else f.input)
        if kind in ("yes_no", "method"):
            add_list(sheet, cell, layout.words(kind), strings)
        if name in ("participants", "review_cycle"):
            sheet.set_row(row - 1, 42)
    sheet.freeze_panes(3, 0)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    protect(sheet)


def detail_value(name: str, kind: str, layout: WorkbookLayout, assessment: Assessment | None) -> object:
    """What a Details cell holds for an assessment: text, a date, a word from its list, or nothing."""
    if assessment is None:
        return None
    if name in ("name", "organisations", "participants"):
        return getattr(assessment.service, name)
    if name.startswith("purpose_"):
        return word_for(layout, "yes_no", True) if name.removeprefix("purpose_") in assessment.purposes else None
    if name == "method":
        return word_for(layout, "method", assessment.method)
    if name == "created":
        return assessment.created.isoformat().replace("+00:00", "Z")
    return getattr(assessment, name)


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


def write_domain(
    sheet: Worksheet,
    layout_sheet: DomainSheet,
    domain,
    layout: WorkbookLayout,
    framework: Framework,
    strings: Strings,
    f: Formats,
    assessment: Assessment | None,
) -> None:
    """One domain as the paper matrix prints it, with the team's cells to its right and the boxes under it."""
    for column, width in DOMAIN_WIDTHS.items():
        sheet.set_column(f"{column}:{column}", width)
    # Lines of text run on over the empty cells to their right; merging them would write a styled
    # empty cell under each, and double the time of writing the workbook.
    sheet.write_string("A1", layout_sheet.heading, f.title)
    chosen = strings.xlsx_statement_chosen
    sheet.write_string("A2", strings.xlsx_domain_help.format(column=chosen), f.line)
    items = "; ".join(item.text for item in domain.data_items)
    if items:
        sheet.write_string("A3", f"{framework.matrix.data_items_label}: {items}", f.line)
    headers = [
        *framework.matrix.statement_labels,
        strings.na_column,
        chosen,
        strings.evidence_legend,
        strings.note_label,
        strings.target_label,
        strings.next_steps_label,
        strings.lead_label,
        strings.due_date_label,
        strings.due_cycle_label,
    ]
    sheet.merge_range(f"A{HEADER_ROW}:B{HEADER_ROW}", strings.indicator, f.header)
    sheet.set_row(HEADER_ROW - 1, 42)  # room for the wrapped headings of the narrow input columns
    for column, header in zip((*STATEMENT_COLUMNS, NA_COLUMN, *INPUT_COLUMNS.values()), headers, strict=True):
        sheet.write_string(f"{column}{HEADER_ROW}", header, f.header)
    ratings = assessment.ratings if assessment else {}
    for indicator, cells in zip(domain.indicators, layout_sheet.indicators, strict=True):
        sheet.write_string(cells.id_cell, indicator.id, f.id)
        title = f"{indicator.title}\n{indicator.qualifier}" if indicator.qualifier else indicator.title
        sheet.write_string(f"B{cells.row}", title, f.locked)
        for cell, text in zip(cells.statement_cells, [*indicator.statements, strings.na_cell], strict=True):
            sheet.write_string(cell, text, f.locked)
        longest = max(len(text) for text in indicator.statements)
        sheet.set_row(cells.row - 1, 13 * max(3, lines_needed("x" * longest, 21)))
        write_rating(sheet, cells.cells, ratings.get(indicator.id), layout, f)
    first, last = layout_sheet.indicators[0].row, layout_sheet.indicators[-1].row
    add_inputs(sheet, first, last, layout, strings)
    shade_chosen(sheet, first, last, layout, f)
    write_boxes(sheet, layout_sheet, domain, layout, strings, f, assessment)
    sheet.freeze_panes(HEADER_ROW, 2)
    print_landscape(sheet, split_cell(layout_sheet.cells["first_steps"])[1], HEADER_ROW)
    protect(sheet)


def write_rating(
    sheet: Worksheet, cells: dict[str, str], rating: Rating | None, layout: WorkbookLayout, f: Formats
) -> None:
    """One indicator's input cells: blank and unlocked, or holding the rating's words."""
    for name, cell in cells.items():
        value = getattr(rating, name) if rating is not None else None
        if name in ("statement", "target", "evidence"):
            value = word_for(layout, name, value)
        write_value(sheet, cell, value, f.input_date if name == "due_date" else f.input)


def add_inputs(sheet: Worksheet, first: int, last: int, layout: WorkbookLayout, strings: Strings) -> None:
    """The drop-down lists of the indicators' columns."""
    for name in ("statement", "evidence", "target"):
        column = INPUT_COLUMNS[name]
        add_list(sheet, f"{column}{first}:{column}{last}", layout.words(name), strings)


def shade_chosen(sheet: Worksheet, first: int, last: int, layout: WorkbookLayout, f: Formats) -> None:
    """Shade the chosen statement's cell as the paper matrix does, dark for fully achieved and light
    for work in progress, each with a marker; a statement chosen without evidence is marked too."""
    chosen, evidence = f"${INPUT_COLUMNS['statement']}{first}", f"${INPUT_COLUMNS['evidence']}{first}"
    fully, wip = (excel_text(word) for word in layout.words("evidence"))
    for column, word in zip((*STATEMENT_COLUMNS, NA_COLUMN), layout.words("statement"), strict=True):
        cells = f"{column}{first}:{column}{last}"
        is_chosen = f"{chosen}={excel_text(word)}"
        if column != NA_COLUMN:
            for level, fmt in ((fully, f.fully), (wip, f.wip)):
                sheet.conditional_format(
                    cells,
                    {
                        "type": "formula",
                        "criteria": f"=AND({is_chosen},{evidence}={level})",
                        "format": fmt,
                        "stop_if_true": True,
                    },
                )
        sheet.conditional_format(cells, {"type": "formula", "criteria": f"={is_chosen}", "format": f.chosen})


def excel_text(text: str) -> str:
    """Text as a formula writes it: "like ""this""."""
    return '"' + text.replace('"', '""') + '"'


def write_boxes(
    sheet: Worksheet,
    cells: DomainSheet,
    domain,
    layout: WorkbookLayout,
    strings: Strings,
    f: Formats,
    assessment: Assessment | None,
) -> None:
    """The boxes under the matrix: context, reflections on the test questions, priority, first steps."""
    notes = assessment.domains.get(str(domain.number)) if assessment else None
    headings = {
        "context": strings.context_box,
        "reflections": strings.reflections_label,
        "priority": strings.priority_label,
        "first_steps": strings.first_steps_label,
    }
    for name, row in cells.labels.items():
        sheet.write_string(f"A{row}", headings[name], f.bold_line)
    sheet.write_string(f"A{cells.labels['context'] + 1}", strings.context_box_help, f.line)
    for row, question in cells.questions:
        sheet.write_string(f"A{row}", question, f.line)
    for name, merged in cells.merged.items():
        value = getattr(notes, name) if notes is not None else ""
        sheet.merge_range(merged, value, f.box)
        sheet.set_row(split_cell(merged.split(":")[0])[1] - 1, 90)
    priority = word_for(layout, "yes_no", True) if notes is not None and notes.priority else None
    write_value(sheet, cells.cells["priority"], priority, f.input)
    add_list(sheet, cells.cells["priority"], layout.words("yes_no"), strings)


def write_profile(
    sheet: Worksheet, layout: WorkbookLayout, strings: Strings, f: Formats, assessment: Assessment | None
) -> None:
    """How many indicators sit at each statement, per domain, counted by formulas from the domain
    sheets. A filled workbook stores the counts beside the formulas, for readers that do not
    recalculate. The blank one stores none (see stored)."""
    words = layout.words("statement")
    headers = [strings.domain, *words, strings.xlsx_not_answered, strings.xlsx_indicators]
    sheet.set_column("A:A", 34)
    sheet.set_column(1, len(headers) - 1, 12)
    sheet.write_string("A1", strings.xlsx_profile_heading, f.title)
    sheet.merge_range(1, 0, 1, len(headers) - 1, strings.xlsx_profile_help, f.text)
    for column, header in enumerate(headers):
        sheet.write_string(3, column, header, f.header)
    sheet.set_row(3, 30)
    ratings = assessment.ratings if assessment else {}
    values = {word: value for word, value in layout.choices["statement"]}
    totals = [0] * (len(words) + 2)
    for position, domain in enumerate(layout.domains):
        row = 4 + position
        column = INPUT_COLUMNS["statement"]
        cells = f"{quoted(domain.sheet)}!${column}${domain.indicators[0].row}:${column}${domain.indicators[-1].row}"
        chosen = [ratings[i.id].statement if i.id in ratings else None for i in domain.indicators]
        sheet.write_string(row, 0, domain.sheet, f.locked)
        counts = [chosen.count(values[word]) for word in words]
        counts.append(len(chosen) - sum(counts))
        for offset, word in enumerate(words):
            formula = f"=COUNTIF({cells},{excel_text(word)})"
            sheet.write_formula(row, 1 + offset, formula, f.locked, stored(counts[offset], assessment))
        sheet.write_formula(row, 1 + len(words), f"=COUNTBLANK({cells})", f.locked, stored(counts[-1], assessment))
        sheet.write_number(row, 2 + len(words), len(chosen), f.locked)
        totals = [total + count for total, count in zip(totals, [*counts, len(chosen)], strict=True)]
    last = 3 + len(layout.domains)
    sheet.write_string(last + 1, 0, strings.xlsx_total, f.header)
    for column, total in enumerate(totals, start=1):
        letter = chr(ord("A") + column)
        sheet.write_formula(
            last + 1, column, f"=SUM({letter}5:{letter}{last + 1})", f.header, stored(total, assessment)
        )
    sheet.freeze_panes(4, 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    protect(sheet)


def stored(value: object, assessment: Assessment | None) -> object:
    """The result stored beside a formula: none in the blank workbook. The page fills that workbook's
    cells in later without working out the formulas; LibreOffice trusts a stored result and does not
    recalculate a workbook that says Excel made it, but it does work out a formula with an empty one,
    as Excel does every formula (fullCalcOnLoad)."""
    return "" if assessment is None else value


PLAN_FIELDS = ("statement", "target", "next_steps", "lead", "due_date", "due_cycle")


def write_plan(
    sheet: Worksheet,
    layout: WorkbookLayout,
    framework: Framework,
    strings: Strings,
    f: Formats,
    assessment: Assessment | None,
) -> None:
    """Every indicator's target and next steps, read by formulas from its domain's sheet."""
    headers = [
        strings.xlsx_statement_now,
        strings.target_label,
        strings.next_steps_label,
        strings.lead_label,
        strings.due_date_label,
        strings.due_cycle_label,
    ]
    for column, width in enumerate((6, 40, 12, 12, 44, 16, 12, 16)):
        sheet.set_column(column, column, width)
    sheet.write_string("A1", strings.xlsx_plan_heading, f.title)
    sheet.merge_range(1, 0, 1, len(headers) + 1, strings.xlsx_plan_help, f.text)
    sheet.merge_range(3, 0, 3, 1, strings.indicator, f.header)
    for column, header in enumerate(headers, start=2):
        sheet.write_string(3, column, header, f.header)
    sheet.set_row(3, 30)
    titles = {indicator.id: indicator.title for indicator in framework.indicators}
    ratings = assessment.ratings if assessment else {}
    row = 4
    for domain in layout.domains:
        for cells in domain.indicators:
            sheet.write_string(row, 0, cells.id, f.id)
            sheet.write_string(row, 1, titles[cells.id], f.locked)
            sheet.set_row(row, 13 * lines_needed(titles[cells.id], 40))
            rating = ratings.get(cells.id)
            for column, name in enumerate(PLAN_FIELDS, start=2):
                source = f"{quoted(domain.sheet)}!{cells.cells[name]}"
                value = stored(plan_value(layout, name, rating), assessment)
                fmt = f.plan_date if name == "due_date" else f.locked
                sheet.write_formula(row, column, f'=IF({source}="","",{source})', fmt, value)
            row += 1
    sheet.freeze_panes(4, 2)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(3)
    protect(sheet)


def plan_value(layout: WorkbookLayout, name: str, rating: Rating | None) -> object:
    """What a Plan formula works out to, stored beside it: a word, text, or a date as Excel's number."""
    value = getattr(rating, name) if rating is not None else None
    if name in ("statement", "target"):
        return word_for(layout, name, value) or ""
    if isinstance(value, date):
        return (value - EXCEL_EPOCH).days
    return value or ""
