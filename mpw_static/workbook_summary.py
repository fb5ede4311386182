"""The workbook's two summary sheets, worked out by formulas from the domain sheets: Profile (how
many indicators sit at each statement, per domain) and Plan (every target and next step)."""

from __future__ import annotations

from datetime import date

from xlsxwriter.worksheet import Worksheet

from .models import Assessment, Framework, Rating
from .theme import Strings
from .workbook_cells import EXCEL_EPOCH, Formats, excel_text, lines_needed, protect, word_for
from .workbook_layout import INPUT_COLUMNS, WorkbookLayout, quoted


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
