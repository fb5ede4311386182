"""The Excel workbook's layout, described once: its sheets, which cell holds which field, and the
words of its drop-down lists in the workbook's language.

The writer (workbook_write.py), the reader (workbook_read.py) and, through the JSON the build can
embed, the assessment page all work from this description, so no cell address is typed twice.
The matrix's shape comes from content: any number of domains and indicators.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .models import EVIDENCE_LEVELS, METHODS, PURPOSES, Domain, Framework
from .theme import Strings

WORKBOOK_FORMAT = "mpw-assessment-workbook"
# Raise it when a cell moves: the reader refuses layout versions it does not know.
WORKBOOK_LAYOUT_VERSION = 1

# The format marker: on the first sheet (About), at addresses that do not depend on the language,
# so that the reader can recognise a workbook before it knows which language it is in.
MARKER_CELLS = {"format": "B2", "version": "C2", "language": "D2"}
FRAMEWORK_VERSION_CELL = "B3"

# Columns of a domain sheet, left to right: the paper matrix, then the cells a team fills in.
ID_COLUMN, TITLE_COLUMN = "A", "B"
STATEMENT_COLUMNS = ("C", "D", "E", "F", "G")  # S1 to S5
NA_COLUMN = "H"
INPUT_COLUMNS = {
    "statement": "I",
    "evidence": "J",
    "note": "K",
    "target": "L",
    "next_steps": "M",
    "lead": "N",
    "due_date": "O",
    "due_cycle": "P",
}
LAST_COLUMN = "P"
HEADER_ROW = 4  # the column headings; indicators start on the row below
# Fields of a domain's notes (DomainNotes) and the kind of cell each is.
DOMAIN_FIELDS = ("context", "reflections", "priority", "first_steps")
# Fields of the Details sheet, in order, with the kind of cell each is: text, date, yes/no or a choice.
DETAIL_FIELDS = (
    ("name", "text"),
    ("organisations", "text"),
    ("participants", "text"),
    ("date", "date"),
    *((f"purpose_{purpose}", "yes_no") for purpose in PURPOSES),
    ("method", "method"),
    ("review_cycle", "text"),
)
DETAILS_FIRST_ROW = 4
# Kept on the Details sheet, locked: the assessment's id and when it was first made survive the round trip.
KEPT_FIELDS = ("id", "created")

# Excel's rules for sheet names: at most 31 characters, none of these, and not "History".
SHEET_NAME_LIMIT = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class IndicatorCells:
    """One indicator's row on its domain's sheet."""

    id: str
    row: int
    id_cell: str  # holds the id, locked: the reader checks it to catch a moved row
    statement_cells: list[str]  # S1 to S5 then N/A, as the paper matrix prints them
    cells: dict[str, str]  # rating field -> input cell, e.g. {"statement": "I5", ...}


@dataclass(frozen=True)
class DomainSheet:
    number: int
    sheet: str
    heading: str
    indicators: list[IndicatorCells]
    cells: dict[str, str]  # domain field (context, reflections, priority, first_steps) -> input cell
    merged: dict[str, str]  # domain field -> the whole merged range it fills, e.g. "A12:P12"
    labels: dict[str, int]  # domain field -> the row of its heading
    questions: list[tuple[int, str]] = field(default_factory=list)  # (row, text) of the test questions


@dataclass(frozen=True)
class WorkbookLayout:
    """Everything the writer, the reader and the page need to agree on."""

    language: str
    framework_version: str
    sheets: dict[str, str]  # about, details, profile, plan -> sheet name in this language
    details: dict[str, str]  # details field (name, date, purpose_learning, method, …, id, created) -> cell
    detail_kinds: dict[str, str]  # details field -> text, date, yes_no or method
    choices: dict[str, list[tuple[str, object]]]  # list name -> (word in the sheet, value in the file)
    domains: list[DomainSheet]
    format: str = WORKBOOK_FORMAT
    version: int = WORKBOOK_LAYOUT_VERSION
    marker: dict[str, str] = field(default_factory=lambda: dict(MARKER_CELLS))
    framework_version_cell: str = FRAMEWORK_VERSION_CELL

    @property
    def domain_sheets(self) -> list[str]:
        return [domain.sheet for domain in self.domains]

    def all_sheets(self) -> list[str]:
        """The sheet names in workbook order."""
        return [
            self.sheets["about"],
            self.sheets["details"],
            *self.domain_sheets,
            self.sheets["profile"],
            self.sheets["plan"],
        ]

    def words(self, choice: str) -> list[str]:
        """The words a drop-down list offers, in order."""
        return [word for word, _ in self.choices[choice]]

    def as_json(self) -> dict:
        """The layout as plain JSON data, for the page."""
        return asdict(self)


def workbook_layout(framework: Framework, strings: Strings, language: str) -> WorkbookLayout:
    """Describe the workbook for this framework, in this language's words."""
    labels = framework.matrix.statement_labels
    statements = [(label, number) for number, label in enumerate(labels, start=1)]
    choices = {
        "statement": [*statements, (strings.na_column, "n/a")],
        "target": statements,
        "evidence": list(zip((strings.shading_fully, strings.shading_wip), EVIDENCE_LEVELS, strict=True)),
        "method": [(getattr(strings, f"method_{method}"), method) for method in METHODS],
        "yes_no": [(strings.xlsx_yes, True), (strings.xlsx_no, False)],
    }
    sheets = {
        "about": sheet_name(strings.xlsx_sheet_about),
        "details": sheet_name(strings.xlsx_sheet_details),
        "profile": sheet_name(strings.xlsx_sheet_profile),
        "plan": sheet_name(strings.xlsx_sheet_plan),
    }
    taken = {name.casefold() for name in sheets.values()}
    domains = []
    for domain in framework.domains:
        name = unique_name(domain_sheet_name(domain, strings), taken)
        taken.add(name.casefold())
        questions = [line for qset in framework.questions_for(domain) for line in (qset.heading, *qset.questions)]
        domains.append(domain_sheet(domain, name, strings, questions))
    rows = range(DETAILS_FIRST_ROW, DETAILS_FIRST_ROW + len(DETAIL_FIELDS) + 1 + len(KEPT_FIELDS))
    names = [name for name, _ in DETAIL_FIELDS] + [""] + list(KEPT_FIELDS)  # a blank row before the kept ones
    details = {name: f"B{row}" for name, row in zip(names, rows, strict=True) if name}
    return WorkbookLayout(
        language=language,
        framework_version=framework.matrix.version,
        sheets=sheets,
        details=details,
        detail_kinds=dict(DETAIL_FIELDS) | dict.fromkeys(KEPT_FIELDS, "kept"),
        choices=choices,
        domains=domains,
    )


def domain_sheet(domain: Domain, name: str, strings: Strings, questions: list[str]) -> DomainSheet:
    """Where each of a domain's fields sits: one row per indicator, then the boxes under the matrix."""
    indicators = []
    for position, indicator in enumerate(domain.indicators):
        row = HEADER_ROW + 1 + position
        indicators.append(
            IndicatorCells(
                id=indicator.id,
                row=row,
                id_cell=f"{ID_COLUMN}{row}",
                statement_cells=[f"{column}{row}" for column in (*STATEMENT_COLUMNS, NA_COLUMN)],
                cells={field_name: f"{column}{row}" for field_name, column in INPUT_COLUMNS.items()},
            )
        )
    # Under the matrix, after a blank row: each box with its heading above it. The context box has a
    # line of help under its heading, the reflections box the domain's test questions, one a row.
    row = HEADER_ROW + len(domain.indicators) + 2
    labels = {"context": row}
    cells = {"context": f"A{row + 2}"}
    row += 4
    labels["reflections"] = row
    placed = [(row + offset, question) for offset, question in enumerate(questions, start=1)]
    row += len(questions) + 1
    cells["reflections"] = f"A{row}"
    row += 2
    labels["priority"] = row
    cells["priority"] = f"{INPUT_COLUMNS['statement']}{row}"  # a yes/no beside its label
    row += 2
    labels["first_steps"] = row
    cells["first_steps"] = f"A{row + 1}"
    merged = {name: f"{cell}:{LAST_COLUMN}{split_cell(cell)[1]}" for name, cell in cells.items() if name != "priority"}
    heading = f"{strings.domain} {domain.number}: {domain.title}"
    return DomainSheet(domain.number, name, heading, indicators, cells, merged, labels, placed)


def domain_sheet_name(domain: Domain, strings: Strings) -> str:
    """The catalogue's short name for a domain of the real matrix (xlsx_sheet_<slug>), else one made
    from its title: "BUY-IN" becomes "Buy-in"."""
    key = f"xlsx_sheet_{domain.slug}"
    if key in strings.keys():
        return sheet_name(getattr(strings, key))
    title = domain.title.strip()
    return sheet_name(title[:1].upper() + title[1:].lower())


def sheet_name(text: str) -> str:
    """A name Excel accepts: its forbidden characters replaced, cut to 31 characters at a word."""
    name = NOT_IN_SHEET_NAMES.sub("-", text).strip().strip("'")
    if len(name) > SHEET_NAME_LIMIT:
        cut = name[:SHEET_NAME_LIMIT]
        name = cut.rsplit(" ", 1)[0] if " " in cut else cut
    if name.casefold() == "history":  # reserved by Excel
        name = f"{name} (1)"
    return name.strip() or "Sheet"


def unique_name(name: str, taken: set[str]) -> str:
    """The name, or the name with a number after it, so that no two sheets share a name (Excel
    compares them without case)."""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
    return candidate


def quoted(sheet: str) -> str:
    """A sheet name as a formula refers to it: 'Buy-in'."""
    return "'" + sheet.replace("'", "''") + "'"


def split_cell(cell: str) -> tuple[str, int]:
    """ "I17" -> ("I", 17)."""
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", cell)
    assert match, cell
    return match.group(1), int(match.group(2))


def column_number(column: str) -> int:
    """ "A" -> 1, "P" -> 16, "AA" -> 27."""
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
