"""The Development Matrix as an Excel workbook: the build's blank workbooks (one per language), and
the two commands, `mpw-static export FILE.json --xlsx` and `mpw-static import WORKBOOK.xlsx`.

The layout is described once (workbook_layout.py); the writer (workbook_write.py) and the reader
(workbook_read.py) both follow it.
"""

from __future__ import annotations

import base64
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from .app import EXCEL_DATA_SCRIPT, WORKBOOK_NAME
from .assessment_file import read_assessment
from .load import LoadFailed, load_framework
from .models import Assessment, Framework
from .problems import ContentError, Problem
from .theme import Strings, Theme
from .workbook_cells import EXCEL_EPOCH
from .workbook_dates import DAY_FIRST, ISO
from .workbook_layout import DOMAIN_FIELDS, WorkbookLayout, workbook_layout
from .workbook_package import MACRO_SUFFIXES, MAX_FILE_BYTES, MAX_PARTS, MAX_UNPACKED_BYTES, OLE_SIGNATURE
from .workbook_read import TEXT_FIELDS
from .workbook_write import write_workbook

PACKAGED_CONTENT = Path(__file__).resolve().parent.parent / "content"


@dataclass(frozen=True)
class Language:
    """One language's framework, interface words and workbook layout."""

    code: str
    framework: Framework
    strings: Strings
    layout: WorkbookLayout


def language_of(framework: Framework, theme: Theme) -> Language:
    """The layout of the workbook in the framework's language (its site language)."""
    code = framework.site_language
    strings = theme.strings(code, framework.site.language)
    return Language(code, framework, strings, workbook_layout(framework, strings, code))


def blank_workbook(language: Language) -> bytes:
    """The workbook a team downloads from the site to fill in."""
    return write_workbook(language.layout, language.framework, language.strings)


def site_workbooks(frameworks_by_language: list[Framework], theme: Theme) -> dict[str, bytes | str]:
    """The build's workbooks by site path: development-matrix.xlsx, and cy/development-matrix.xlsx
    for each other language; and for each language the script that gives the assessment page its
    blank workbook and every language's layout (static/excel/en.js), loaded when Excel is first used."""
    default = frameworks_by_language[0].site.language
    made = {}
    for framework in frameworks_by_language:
        key = made_of(framework, theme)
        if key not in _REMEMBERED:
            if len(_REMEMBERED) >= 8:
                _REMEMBERED.clear()
            language = language_of(framework, theme)
            _REMEMBERED[key] = (blank_workbook(language), page_layout(language.layout))
        made[framework.site_language] = _REMEMBERED[key]
    layouts = {code: layout for code, (_, layout) in made.items()}
    books: dict[str, bytes | str] = {}
    for code, (blank, _) in made.items():
        books[("" if code == default else f"{code}/") + WORKBOOK_NAME] = blank
        books[EXCEL_DATA_SCRIPT.format(language=code)] = page_script(code, blank, layouts)
    return books


# The blank workbooks last built, with their layouts for the page, by what they are made of.
# `serve` rebuilds the site after every save, and writing a workbook takes longer than a rebuild
# may; a workbook is a pure function of the matrix's content and the interface's words, so one
# remembered by those is never out of date.
_REMEMBERED: dict[str, tuple[bytes, dict]] = {}

# A rating's input cells and a domain's boxes, by the kind of value each holds, as the reader
# (workbook_read.py) reads them: a word from a drop-down list, a date, or text.
RATING_KINDS = {
    "statement": "statement",
    "evidence": "evidence",
    "target": "target",
    "due_date": "date",
} | dict.fromkeys(TEXT_FIELDS, "text")
DOMAIN_KINDS = {name: "text" for name in DOMAIN_FIELDS if name != "priority"} | {"priority": "yes_no"}


def page_layout(layout: WorkbookLayout) -> dict:
    """The layout as the page needs it: every cell, without the test questions' text."""
    data = layout.as_json()
    for domain in data["domains"]:
        del domain["questions"]
    return data


def page_script(code: str, blank: bytes, layouts: dict[str, dict]) -> str:
    """The assessment page's Excel data for one language, as a script (file:// refuses to fetch a
    file): the blank workbook to fill in, every language's layout to read a workbook by, and the
    reader's rules, from the Python that states them, so that the page keeps none of its own."""
    data = {
        "language": code,
        "blank": base64.b64encode(blank).decode("ascii"),
        "layouts": layouts,
        "kinds": {"ratings": RATING_KINDS, "domains": DOMAIN_KINDS},
        "notCarried": list(NOT_CARRIED),  # the fields a workbook leaves out, kept from the copy saved here
        "limits": {
            "maxFileBytes": MAX_FILE_BYTES,
            "maxParts": MAX_PARTS,
            "maxUnpackedBytes": MAX_UNPACKED_BYTES,
            "macroSuffixes": list(MACRO_SUFFIXES),
            "oleSignature": list(OLE_SIGNATURE),
        },
        "dates": {"dayFirst": DAY_FIRST.pattern, "iso": ISO.pattern, "excelEpoch": EXCEL_EPOCH.isoformat()},
    }
    # ASCII only: the script's text then reads the same whatever encoding a server says it has.
    return "(window.MPW = window.MPW || {}).workbookData = " + json.dumps(data, separators=(",", ":")) + "\n"


def made_of(framework: Framework, theme: Theme) -> str:
    """What a language's blank workbook is made from: its matrix, domains and test questions, and
    the text of the string catalogues its words come from."""
    catalogues = [
        (folder / "strings" / f"{code}.toml")
        for code in dict.fromkeys((framework.site.language, framework.site_language))
        for folder in theme.dirs
    ]
    return json.dumps(
        [
            framework.site_language,
            framework.matrix.model_dump(mode="json"),
            [domain.model_dump(mode="json", exclude={"source"}) for domain in framework.domains],
            [qset.model_dump(mode="json") for qset in framework.test_questions],
            [path.read_text(encoding="utf-8") if path.is_file() else "" for path in catalogues],
        ],
        ensure_ascii=False,
    )


def content_folder(content: Path | None) -> Path:
    """--content, else content/ here, else the content this release was installed with."""
    if content is not None:
        return content
    here = Path("content")
    return here if here.is_dir() else PACKAGED_CONTENT


def languages(content: Path, theme_dir: Path | None = None) -> dict[str, Language]:
    """Every language the site builds, by code, the default language first."""
    theme = Theme.at(theme_dir)
    try:
        framework = load_framework(content)
        found = {framework.site_language: language_of(framework, theme)}
        for code in framework.site.translations:
            found[code] = language_of(load_framework(content, code, framework.site.language), theme)
    except LoadFailed as failed:
        raise ContentError(failed.problems) from None
    return found


def export_files(files: list[Path], content: Path | None, force: bool) -> int:
    """Write FILE.xlsx beside each valid assessment FILE.json, in the file's language where the site has
    it; an existing workbook is only replaced with --force. Return the exit code."""
    known = languages(content_folder(content))
    default = next(iter(known.values()))
    ids = [indicator.id for indicator in default.framework.indicators]
    failed = 0
    for path in files:
        assessment, problems = read_assessment(path, ids)
        target = path.with_suffix(".xlsx")
        if assessment is None:
            failed += 1
            print("\n".join(problem.describe() for problem in problems), file=sys.stderr)
            continue
        if target.exists() and not force:
            failed += 1
            print(f"{path.name}: {target.name} already exists; nothing written (--force replaces it)", file=sys.stderr)
            continue
        language = known.get(assessment.language or "", default)
        target.write_bytes(write_workbook(language.layout, language.framework, language.strings, assessment))
        print(f"{path.name}: written to {target.name} ({len(assessment.ratings)} of {len(ids)} rated)")
        left_out = [name for name in NOT_CARRIED if getattr(assessment, name)]
        if left_out:
            print(
                f"   Note: the workbook does not carry {' or '.join(NOT_CARRIED[name] for name in left_out)}; "
                f"keep {path.name} for those"
            )
    return 1 if failed else 0


NOT_CARRIED = {
    "last_plan": "last cycle’s plan",
    "sources": "the assessments it was made from",
    "meeting": "the meeting’s marks (the indicators to come back to)",
}


def import_files(files: list[Path], content: Path | None, force: bool) -> int:
    """Write WORKBOOK.json beside each workbook that reads back without a problem; write nothing for
    one that has any, and list them all with sheet and cell. Return the exit code."""
    from .workbook_read import read_workbook  # openpyxl, which only this command needs

    known = languages(content_folder(content))
    failed = 0
    for path in files:
        target = path.with_suffix(".json")
        assessment, problems = read_workbook(path, {code: language.layout for code, language in known.items()})
        if assessment is None:
            failed += 1
            print(describe_problems(path.name, problems), file=sys.stderr)
            continue
        if target.exists() and not force:
            failed += 1
            print(f"{path.name}: {target.name} already exists; nothing written (--force replaces it)", file=sys.stderr)
            continue
        target.write_text(assessment_json(assessment), encoding="utf-8")
        print(f"{path.name}: written to {target.name} ({len(assessment.ratings)} of {rated_of(known)} rated)")
    return 1 if failed else 0


def rated_of(known: dict[str, Language]) -> int:
    return len(next(iter(known.values())).framework.indicators)


RATING_ORDER = ("statement", "evidence", "note", "target", "next_steps", "lead", "due_date", "due_cycle")


def assessment_json(assessment: Assessment) -> str:
    """The assessment as a .json file, indented, each rating's fields in the page's order."""
    data = assessment.model_dump(mode="json")
    data["ratings"] = {key: {name: rating[name] for name in RATING_ORDER} for key, rating in data["ratings"].items()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def describe_problems(name: str, problems: list[Problem]) -> str:
    """Every problem of a workbook, numbered, each named by its sheet and cell."""
    count = len(problems)
    lines = [f"{name}: {count} problem{'s' if count != 1 else ''}; nothing was written:"]
    for number, problem in enumerate(problems, start=1):
        lines.append(f"{number}. {problem.place or problem.file}: {problem.message}")
        if problem.hint:
            lines.append(f"   Hint: {problem.hint}")
    return "\n".join(lines)
