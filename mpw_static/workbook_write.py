"""Writing the Development Matrix workbook with XlsxWriter: blank at build time, or filled from an
assessment by `mpw-static export FILE.json --xlsx`. Every cell's place comes from workbook_layout.

Two builds give identical bytes: XlsxWriter dates the zip's parts 1980-01-01, and the workbook's
own created date is fixed (workbook_cells.BLANK_DATE, or the assessment's), never "now".
"""

from __future__ import annotations

import io

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .models import Assessment, Framework, Rating
from .theme import Strings
from .workbook_cells import (
    BLANK_DATE,
    DOMAIN_WIDTHS,
    FUNCTIONS,
    Formats,
    add_list,
    add_sheet,
    excel_text,
    lines_needed,
    make_formats,
    print_landscape,
    protect,
    word_for,
    write_value,
)
from .workbook_layout import (
    FRAMEWORK_VERSION_CELL,
    HEADER_ROW,
    INPUT_COLUMNS,
    MARKER_CELLS,
    NA_COLUMN,
    STATEMENT_COLUMNS,
    DomainSheet,
    WorkbookLayout,
    split_cell,
)
from .workbook_summary import write_plan, write_profile

__all__ = ["FUNCTIONS", "write_workbook"]


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
        elif name == "id":
            sheet.set_row(row - 1, 28)  # its label takes two lines
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
    sheet.set_row(HEADER_ROW - 1, 56)  # room for the wrapped headings of the narrow input columns (Welsh is longer)
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
