"""The hostile-workbook corpus: Excel files that someone might open by mistake or on purpose.

tests/hostile/workbooks/expected.toml says what must happen to each: refused with given words, or
accepted. The workbooks are made from the real content's own workbook, each changed in one way, so
they follow the layout as it is today; nothing binary is kept in git. The tests make them into a
temporary folder (tests/conftest.py's hostile_workbooks); to look at them yourself:

    .venv/bin/python tests/hostile/workbooks/make_workbooks.py /tmp/workbooks
"""

from __future__ import annotations

import io
import re
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from mpw_static.models import ASSESSMENT_FORMAT_VERSION, Assessment  # noqa: E402
from mpw_static.workbook import Language, languages  # noqa: E402
from mpw_static.workbook_write import write_workbook  # noqa: E402

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"\'&amp;{{7*7}}${7*7}'
BOMB_BYTES = 50_000_000  # of zeros: about 50 kB once deflated


def sample_assessment(language: str = "en") -> Assessment:
    """A part-filled assessment touching every kind of cell: lists, text, dates, details, domain boxes."""
    return Assessment.model_validate(
        {
            "format": "mpw-assessment",
            "format_version": ASSESSMENT_FORMAT_VERSION,
            "framework_version": "FINAL – amended April 2023",
            "id": "c0ffee00-0000-4000-8000-000000000026",
            "service": {"name": "Corpus team", "organisations": "Health board; council", "participants": "OT, GP"},
            "date": "2026-06-01",
            "purposes": ["reporting", "learning"],
            "method": "group",
            "review_cycle": "Baseline",
            "ratings": {
                "1.1": {
                    "statement": 2,
                    "evidence": "work-in-progress",
                    "note": "Some awareness\nsecond line",
                    "target": 3,
                    "next_steps": "Talk to the public",
                    "lead": "Team manager",
                    "due_date": "2027-03-31",
                },
                "1.2": {"statement": 5, "evidence": "fully-achieved"},
                "1.3": {"statement": "n/a", "note": "Not for us"},
                "2.1": {"statement": 1, "due_cycle": "6-month review"},
                "8.6": {"statement": 4, "evidence": "fully-achieved", "target": 5},
            },
            "domains": {
                "1": {"context": "A new team", "reflections": "We agreed", "priority": True, "first_steps": "Meet"},
                "8": {"context": "Data", "reflections": ""},
            },
            "language": language,
            "created": "2026-06-01T09:00:00Z",
            "updated": "2026-06-01T10:00:00Z",
        }
    )


def rezip(raw: bytes, change: Callable[[str, bytes], bytes | None] = lambda name, data: data, extra=None) -> bytes:
    """A copy of a zip with each part changed (None leaves it out) and extra parts added."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            if data is not None:
                target.writestr(info, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def edit(raw: bytes, change: Callable) -> bytes:
    """The workbook opened in openpyxl, changed and saved again, as a person's spreadsheet program would."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw))
    change(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_cells(raw: bytes, sheet: int, values: dict[str, object]) -> bytes:
    """The workbook with cells of its sheet number `sheet` (1 is About) set in the sheet's XML, as the
    page will fill the blank workbook in: text inline, "=…" as a formula, numbers as numbers."""

    def cell_xml(cell: str, style: str, value: object) -> str:
        if isinstance(value, str) and value.startswith("="):
            return f'<c r="{cell}"{style}><f>{escape(value[1:])}</f></c>'
        if isinstance(value, str):
            return f'<c r="{cell}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
        return f'<c r="{cell}"{style}><v>{value}</v></c>'

    def change(name: str, data: bytes) -> bytes:
        if name != f"xl/worksheets/sheet{sheet}.xml":
            return data
        text = data.decode("utf-8")
        for cell, value in values.items():
            found = re.search(rf'<c r="{cell}"( s="[0-9]+")?[^>]*?(/>|>.*?</c>)', text)
            assert found, cell
            text = text[: found.start()] + cell_xml(cell, found.group(1) or "", value) + text[found.end() :]
        return text.encode("utf-8")

    return rezip(raw, change)


def swap_rows(book, sheet: str, first: int, second: int) -> None:
    """Swap two rows' cells (a row moved by cut and paste)."""
    sheet = book[sheet]
    for column in "ABCDEFGHIJKLMNOP":
        one, two = sheet[f"{column}{first}"], sheet[f"{column}{second}"]
        one.value, two.value = two.value, one.value


def lying_sizes(raw: bytes, part: str) -> bytes:
    """The zip with one part's unpacked size understated in the central directory: inflating it
    stops at the stated size, and the part is then broken."""
    name = part.encode()
    at = raw.index(b"PK\x01\x02")  # the first central directory entry
    while raw[at + 46 : at + 46 + struct.unpack("<H", raw[at + 28 : at + 30])[0]] != name:
        at = raw.index(b"PK\x01\x02", at + 4)
    # Offset 24 of a central directory entry: the part's unpacked size.
    return raw[: at + 24] + struct.pack("<I", 100) + raw[at + 28 :]


def entity_bomb(raw: bytes) -> bytes:
    """The shared strings with a "billion laughs": ten entities, each ten of the one before."""
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)
    )

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/sharedStrings.xml":
            return data
        text = data.decode("utf-8").replace("?>", f"?><!DOCTYPE sst [{entities}]>", 1)
        return text.replace("<t>", "<t>&j;", 1).encode("utf-8")

    return rezip(raw, change)


def bomb() -> bytes:
    """One part that inflates to 50 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * BOMB_BYTES)
    return buffer.getvalue()


def many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(250):
            archive.writestr(f"xl/part{number}.xml", b"<x/>")
    return buffer.getvalue()


def other_tool() -> bytes:
    """A workbook someone made themselves, with sheets named like ours but no format marker."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "About"
    book.active["A1"] = "Our own matrix"
    book.create_sheet("Buy-in")["I5"] = "S2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cases(english: Language, welsh: Language) -> dict[str, bytes]:
    """Every workbook of the corpus, by file name."""
    blank = write_workbook(english.layout, english.framework, english.strings)
    filled = write_workbook(english.layout, english.framework, english.strings, sample_assessment())
    domain = english.layout.domains[0].sheet  # Buy-in
    about, details, buy_in = 1, 2, 3  # sheet numbers, in the workbook's order
    saved = sample_assessment().model_dump_json(indent=2).encode("utf-8")  # a saved file, chosen in the wrong box
    return {
        "bomb.xlsx": bomb(),
        "macros.xlsm": blank,
        "macros-inside.xlsx": rezip(blank, extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really VBA"}),
        "external-link.xlsx": rezip(blank, extra={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
        "formula-in-statement.xlsx": set_cells(filled, buy_in, {"I5": '="S2"'}),
        "formula-in-date.xlsx": set_cells(filled, buy_in, {"O5": "=TODAY()"}),
        "sheet-renamed.xlsx": edit(filled, lambda book: setattr(book[domain], "title", "Buy in")),
        "sheet-deleted.xlsx": edit(filled, lambda book: book.remove(book["Resources"])),
        "row-moved.xlsx": edit(filled, lambda book: swap_rows(book, domain, 5, 6)),
        "statement-free-text.xlsx": set_cells(filled, buy_in, {"I5": "We are getting there"}),
        "statement-s6.xlsx": set_cells(filled, buy_in, {"I5": "S6"}),
        "evidence-on-na.xlsx": set_cells(filled, buy_in, {"I5": "N/A", "J5": "Fully achieved"}),
        # Problems of cells and of the format's rules, in one reading (they once came in two rounds).
        "three-problems.xlsx": set_cells(blank, buy_in, {"K5": "=1+1", "I6": "N/A", "L6": "S2", "I8": "S6"}),
        "date-not-a-date.xlsx": set_cells(filled, buy_in, {"O5": "next spring"}),
        "note-too-long.xlsx": set_cells(filled, buy_in, {"K5": "x" * 10_001}),
        "id-changed.xlsx": set_cells(filled, details, {english.layout.details["id"]: "not an id!"}),
        "newer-layout.xlsx": set_cells(blank, about, {"C2": 2}),
        "language-unknown.xlsx": set_cells(blank, about, {"D2": "fr"}),
        "other-tool.xlsx": other_tool(),
        "not-a-zip.xlsx": b"Service,Statement\nCorpus team,S2\n",
        "empty.xlsx": b"",
        "pdf-document.xlsx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "saved-assessment.xlsx": saved,
        "saved-assessment-utf16.xlsx": "\ufeff".encode("utf-16-le") + saved.decode("utf-8").encode("utf-16-le"),
        "old-excel.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,
        "truncated.xlsx": filled[: len(filled) // 2],
        "too-many-parts.xlsx": many_parts(),
        "damaged-sheet.xlsx": rezip(
            filled, lambda name, data: b"<worksheet><sheetData><row" if name == "xl/worksheets/sheet3.xml" else data
        ),
        "lying-sizes.xlsx": lying_sizes(filled, "xl/worksheets/sheet3.xml"),
        "entity-bomb.xlsx": entity_bomb(filled),
        "blank.xlsx": blank,
        "filled.xlsx": filled,
        "date-typed-as-text.xlsx": set_cells(filled, buy_in, {"O5": "31/03/2027", "O6": "1.4.27"}),
        "script-payloads.xlsx": set_cells(filled, buy_in, {"K5": PAYLOAD, "M5": PAYLOAD}),
        "welsh.xlsx": write_workbook(welsh.layout, welsh.framework, welsh.strings, sample_assessment("cy")),
    }


def make(folder: Path) -> dict[str, Path]:
    """Write the corpus into folder; return each file's path by name."""
    known = languages(ROOT / "content")
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in cases(known["en"], known["cy"]).items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


if __name__ == "__main__":
    written = make(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-workbooks"))
    print(f"Wrote {len(written)} workbooks into {next(iter(written.values())).parent}")
