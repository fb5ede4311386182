"""Checking a workbook as a zip before it is opened: its size, its parts and what they unpack to,
as the zip's central directory states them (nothing is inflated to find out), and no macros or
links to other files. The stated limits are here."""

from __future__ import annotations

import io
import zipfile

from .problems import Problem

# Stated limits. The blank workbook is about 40 kB and unpacks to about 400 kB; one saved again by
# Excel or LibreOffice is a little larger. Anything far past these is not a filled-in matrix.
MAX_FILE_BYTES = 5_000_000
MAX_PARTS = 200
MAX_UNPACKED_BYTES = 20_000_000
USE_OURS = "fill in the workbook downloaded from the site (development-matrix.xlsx), or save this one as “Excel Workbook (.xlsx)”"
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any workbook with a password to open
# A saved assessment chosen in place of a workbook: said as the page's workbook opener says it.
SAVED_ASSESSMENT = "the file is a saved assessment (.json), not an Excel workbook"
SAVED_ASSESSMENT_HINT = (
    "open it on the assessment page with “Open saved assessment files (.json)”, or check it with "
    "`mpw-static validate`; `mpw-static import` reads workbooks"
)
BEFORE_TEXT = b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"  # byte order marks, UTF-16's zero bytes and blanks


def looks_like_saved_assessment(raw: bytes) -> bool:
    """Whether the bytes open as a JSON object does, as the page decides: a workbook is a zip or an
    OLE file, never text starting with "{", whatever the file is called."""
    return raw.lstrip(BEFORE_TEXT)[:1] == b"{"


def too_big(name: str, size: int) -> Problem:
    return Problem(
        name,
        "",
        f"the file is {size:,} bytes, more than a Development Matrix workbook can be ({MAX_FILE_BYTES:,})",
        USE_OURS,
    )


def macro_problem(name: str) -> Problem:
    return Problem(
        name,
        "",
        "the workbook holds macros (a .xlsm file, or a VBA project inside), which this site never opens",
        "save it from Excel as “Excel Workbook (.xlsx)”, which leaves the macros out, or use the workbook downloaded from the site",
    )


def check_package(name: str, raw: bytes) -> list[Problem]:
    """Refuse what is not a plain .xlsx from the central directory alone, before anything is inflated."""
    if raw.startswith(OLE_SIGNATURE):
        return [
            Problem(
                name,
                "",
                "the file is an Excel 97–2003 workbook (.xls), or a workbook protected with a password to open",
                "open it in Excel or LibreOffice and save it as “Excel Workbook (.xlsx)”, without a password",
            )
        ]
    if looks_like_saved_assessment(raw):
        return [Problem(name, "", SAVED_ASSESSMENT, SAVED_ASSESSMENT_HINT)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError):
        return [Problem(name, "", "the file is not an Excel workbook (.xlsx): it is not a zip archive", USE_OURS)]
    with archive:
        parts = archive.infolist()
        names = {part.filename.lower() for part in parts}
        if len(parts) > MAX_PARTS:
            return [
                Problem(
                    name,
                    "",
                    f"the workbook has {len(parts):,} parts, more than a Development Matrix workbook can ({MAX_PARTS})",
                    USE_OURS,
                )
            ]
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_UNPACKED_BYTES:
            return [
                Problem(
                    name,
                    "",
                    f"the workbook would unpack to {unpacked:,} bytes, more than a Development Matrix workbook can "
                    f"({MAX_UNPACKED_BYTES:,}); it was not unpacked",
                    USE_OURS,
                )
            ]
        if any(part.flag_bits & 0x1 for part in parts):
            return [Problem(name, "", "the zip inside the workbook is encrypted", USE_OURS)]
        if any(part.endswith("vbaproject.bin") for part in names):
            return [macro_problem(name)]
        if any(part.startswith("xl/externallinks/") for part in names):
            return [
                Problem(
                    name,
                    "",
                    "the workbook links to other files (external links), which this site never follows",
                    "in Excel choose Data, Edit Links, Break Link, then save; or copy the values into the workbook "
                    "downloaded from the site",
                )
            ]
        if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
            return [Problem(name, "", "the file is a zip archive, but not an Excel workbook", USE_OURS)]
    return []
