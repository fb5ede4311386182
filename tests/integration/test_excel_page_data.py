"""What the build gives the assessment page for Excel: the data script of each language (the blank
workbook's own bytes, every language's layout, the reader's rules from the Python that states
them), the scripts the page loads on first use, and the links to the matrix workbook."""

from __future__ import annotations

import base64
import json
import posixpath
import re
from pathlib import Path

from mpw_static.workbook import RATING_KINDS, languages, page_layout
from mpw_static.workbook_cells import EXCEL_EPOCH
from mpw_static.workbook_dates import DAY_FIRST, ISO
from mpw_static.workbook_package import MACRO_SUFFIXES, MAX_FILE_BYTES, MAX_PARTS, MAX_UNPACKED_BYTES
from support import REAL_CONTENT

PREFIX = "(window.MPW = window.MPW || {}).workbookData = "


def excel_data(site: Path, language: str) -> dict:
    text = (site / f"static/excel/{language}.js").read_text(encoding="ascii")  # ASCII only, whatever a server says
    assert text.startswith(PREFIX)
    return json.loads(text.removeprefix(PREFIX))


def page_data(page: Path) -> dict:
    found = re.search(r'<script type="application/json" id="mpw-assessment-data">(.*?)</script>', page.read_text())
    assert found
    return json.loads(found.group(1))


def test_each_languages_data_holds_its_blank_workbook_and_every_layout(real_site: Path) -> None:
    known = languages(REAL_CONTENT)
    for code, blank in (("en", "development-matrix.xlsx"), ("cy", "cy/development-matrix.xlsx")):
        data = excel_data(real_site, code)
        assert data["language"] == code
        assert base64.b64decode(data["blank"]) == (real_site / blank).read_bytes()
        layouts = {other: page_layout(language.layout) for other, language in known.items()}
        assert data["layouts"] == json.loads(json.dumps(layouts))  # as JSON has them: pairs as lists
    welsh = excel_data(real_site, "en")["layouts"]["cy"]
    assert welsh["domains"][0]["sheet"] == "Ymrwymiad" and welsh["choices"]["statement"][5] == ["Amh.", "n/a"]
    assert "questions" not in welsh["domains"][0]  # the test questions' text is the workbook's, not the page's


def test_the_readers_rules_come_from_the_python_that_states_them(real_site: Path) -> None:
    data = excel_data(real_site, "en")
    assert data["limits"] == {
        "maxFileBytes": MAX_FILE_BYTES,
        "maxParts": MAX_PARTS,
        "maxUnpackedBytes": MAX_UNPACKED_BYTES,
        "macroSuffixes": list(MACRO_SUFFIXES),
        "oleSignature": [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    }
    assert data["dates"] == {"dayFirst": DAY_FIRST.pattern, "iso": ISO.pattern, "excelEpoch": EXCEL_EPOCH.isoformat()}
    assert data["kinds"]["ratings"] == RATING_KINDS
    assert set(RATING_KINDS) == set(
        page_layout(languages(REAL_CONTENT)["en"].layout)["domains"][0]["indicators"][0]["cells"]
    )
    assert data["kinds"]["domains"] == {
        "context": "text",
        "reflections": "text",
        "first_steps": "text",
        "priority": "yes_no",
    }


def test_the_page_loads_the_library_its_code_and_its_languages_data_from_the_site(real_site: Path) -> None:
    for page, language in (("assess.html", "en"), ("cy/assess.html", "cy")):
        scripts = page_data(real_site / page)["scripts"]["excel"]
        # first the words only Excel uses (static/strings/), then the library, the code and the data
        assert scripts[0] == f"../strings/{language}/excel.js" and scripts[1] == "../vendor/fflate.js"
        assert scripts[-1] == f"../excel/{language}.js"
        for script in scripts:  # under static/js/, as MPW.load reads them
            assert (real_site / posixpath.normpath(f"static/js/{script}")).is_file(), script


def test_the_home_page_and_the_assessment_page_link_to_their_languages_workbook(real_site: Path) -> None:
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert (
        'Now available: <a href="development-matrix.xlsx">An interactive Excel download of the Development Matrix.</a>'
        in home
    )
    welsh_home = (real_site / "cy/index.html").read_text(encoding="utf-8")
    assert '<a href="development-matrix.xlsx">' in welsh_home and (real_site / "cy/development-matrix.xlsx").is_file()
    for page in ("assess.html", "cy/assess.html"):
        html = (real_site / page).read_text(encoding="utf-8")
        assert re.search(
            r'<section class="excel"[^>]*data-room="excel">.*?<a href="development-matrix.xlsx">', html, re.S
        )
        assert 'data-rooms="' in html and re.search(r'data-rooms="[^"]* excel"', html)


def test_the_single_file_edition_has_no_excel_part_and_names_no_workbook(real_site: Path) -> None:
    html = (real_site / "mpw-development-matrix.html").read_text(encoding="utf-8")
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S)  # the page, not its inline scripts
    assert 'data-room="excel"' not in markup and "development-matrix.xlsx" not in markup
    assert re.search(r'data-rooms="[^"]*"', markup) and not re.search(r'data-rooms="[^"]*excel', markup)
