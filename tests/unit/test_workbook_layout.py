"""The workbook's layout, described once: its shape comes from content, its words from the catalogue."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from mpw_static.load import load_framework
from mpw_static.theme import Theme
from mpw_static.workbook_dates import read_date
from mpw_static.workbook_layout import (
    MARKER_CELLS,
    WORKBOOK_FORMAT,
    sheet_name,
    split_cell,
    unique_name,
    workbook_layout,
)
from support import REAL_CONTENT, mini_domain, write


@pytest.fixture(scope="module")
def real_layouts():
    theme = Theme.at(None)
    english = load_framework(REAL_CONTENT)
    welsh = load_framework(REAL_CONTENT, "cy", "en")
    return (
        workbook_layout(english, theme.strings("en"), "en"),
        workbook_layout(welsh, theme.strings("cy", "en"), "cy"),
    )


def small_content(tmp_path: Path) -> Path:
    """A content folder of 3 domains and 7 indicators (3, 2 and 2)."""
    content = tmp_path / "content"
    write(content / "site.toml", 'title = "Small site"\n')
    write(
        content / "matrix/matrix.toml",
        """
        title = "Small matrix"
        version = "TEST"
        data_items_label = "Data items"
        statement_labels = ["S1", "S2", "S3", "S4", "S5"]
        not_applicable_label = "N/A"
        descriptors = ["Pick one statement."]
    """,
    )
    for number, count in ((1, 3), (2, 2), (3, 2)):
        write(content / f"matrix/domains/{number:02d}-domain-{number}.toml", mini_domain(number, count))
    (content / "matrix/test-questions.toml").write_text(
        '[[sets]]\nid = "Q1"\nlabel = "Q"\nsource = "s"\nheading = "WHY?"\ndomains = [1]\n'
        'questions = ["Why are we here?", "Who is it for?"]\n',
        encoding="utf-8",
    )
    for name in ("appendix.toml", "workforce.toml"):
        (content / "matrix" / name).write_text((REAL_CONTENT / "matrix" / name).read_text(encoding="utf-8"))
    for name in ("standards.toml", "resources.toml"):
        (content / name).write_text((REAL_CONTENT / name).read_text(encoding="utf-8"))
    (content / "pages").mkdir()
    return content


def test_the_real_matrix_has_45_indicator_rows_on_8_sheets_with_short_names(real_layouts) -> None:
    english, welsh = real_layouts
    assert english.all_sheets() == [
        "About",
        "Details",
        "Buy-in",
        "Internal relationships",
        "External relationships",
        "Information sharing",
        "Equity and equality",
        "Person-centred practice",
        "Resources",
        "Embedding data in practice",
        "Profile",
        "Plan",
    ]
    assert sum(len(domain.indicators) for domain in english.domains) == 45
    assert welsh.all_sheets()[:3] == ["Ynghylch", "Manylion", "Ymrwymiad"]
    assert welsh.all_sheets()[-2:] == ["Proffil", "Cynllun"]
    for layout in real_layouts:
        assert all(len(name) <= 31 for name in layout.all_sheets())
        assert len({name.casefold() for name in layout.all_sheets()}) == len(layout.all_sheets())


def test_buy_in_rows_and_columns(real_layouts) -> None:
    buy_in = real_layouts[0].domains[0]
    first = buy_in.indicators[0]
    assert (first.id, first.row, first.id_cell) == ("1.1", 5, "A5")
    assert first.statement_cells == ["C5", "D5", "E5", "F5", "G5", "H5"]
    assert first.cells == {
        "statement": "I5",
        "evidence": "J5",
        "note": "K5",
        "target": "L5",
        "next_steps": "M5",
        "lead": "N5",
        "due_date": "O5",
        "due_cycle": "P5",
    }
    assert [row.id for row in buy_in.indicators] == ["1.1", "1.2", "1.3", "1.4"]
    # Under the matrix: context, then the test questions and reflections, priority, first steps.
    rows = {name: split_cell(cell)[1] for name, cell in buy_in.cells.items()}
    assert rows["context"] > first.row + 3 and rows["context"] < rows["reflections"] < rows["priority"]
    assert rows["priority"] < rows["first_steps"]
    assert buy_in.merged["context"] == f"A{rows['context']}:P{rows['context']}"


def test_drop_down_words_are_the_sheets_language_and_map_to_the_file_format(real_layouts) -> None:
    english, welsh = real_layouts
    assert english.choices["statement"] == [("S1", 1), ("S2", 2), ("S3", 3), ("S4", 4), ("S5", 5), ("N/A", "n/a")]
    assert english.choices["target"] == english.choices["statement"][:5]
    assert english.choices["evidence"] == [
        ("Fully achieved", "fully-achieved"),
        ("Work in progress", "work-in-progress"),
    ]
    assert english.choices["method"] == [("Individual", "individual"), ("Group", "group"), ("Composite", "composite")]
    assert welsh.choices["statement"][-1] == ("Amh.", "n/a")
    assert welsh.choices["evidence"] == [
        ("Wedi'i gyflawni'n llawn", "fully-achieved"),
        ("Gwaith ar y gweill", "work-in-progress"),
    ]
    assert welsh.choices["yes_no"] == [("Ie", True), ("Na", False)]
    # Excel keeps a list of at most 255 characters, with commas between the words.
    for layout in real_layouts:
        for choice in layout.choices:
            assert len(",".join(layout.words(choice))) <= 255 and not any("," in word for word in layout.words(choice))


def test_marker_and_details_cells(real_layouts) -> None:
    english, welsh = real_layouts
    assert english.marker == MARKER_CELLS == {"format": "B2", "version": "C2", "language": "D2"}
    assert english.format == WORKBOOK_FORMAT == "mpw-assessment-workbook"
    assert (english.language, welsh.language) == ("en", "cy")
    assert english.details == {
        "name": "B4",
        "organisations": "B5",
        "participants": "B6",
        "date": "B7",
        "purpose_reporting": "B8",
        "purpose_evaluation": "B9",
        "purpose_learning": "B10",
        "method": "B11",
        "review_cycle": "B12",
        "id": "B14",
        "created": "B15",
    }


def test_no_cell_holds_two_fields(real_layouts) -> None:
    for layout in real_layouts:
        for domain in layout.domains:
            cells = [
                cell for row in domain.indicators for cell in [row.id_cell, *row.statement_cells, *row.cells.values()]
            ]
            cells += list(domain.cells.values()) + [f"A{row}" for row, _ in domain.questions]
            cells += [f"A{row}" for name, row in domain.labels.items()]
            assert len(cells) == len(set(cells)), domain.sheet


def test_the_layout_is_plain_json_for_the_page(real_layouts) -> None:
    data = json.loads(json.dumps(real_layouts[0].as_json()))
    assert data["format"] == "mpw-assessment-workbook" and data["version"] == 1
    assert data["domains"][0]["sheet"] == "Buy-in"
    assert data["domains"][0]["indicators"][0]["cells"]["statement"] == "I5"
    assert data["choices"]["statement"][-1] == ["N/A", "n/a"]


def test_the_shape_comes_from_content_3_domains_and_7_indicators(tmp_path: Path) -> None:
    framework = load_framework(small_content(tmp_path))
    layout = workbook_layout(framework, Theme.at(None).strings("en"), "en")
    # These domains are not the real matrix's, so their sheet names are made from their titles.
    assert layout.domain_sheets == ["Domain 1", "Domain 2", "Domain 3"]
    assert [[row.id for row in domain.indicators] for domain in layout.domains] == [
        ["1.1", "1.2", "1.3"],
        ["2.1", "2.2"],
        ["3.1", "3.2"],
    ]
    first = layout.domains[0]
    assert [text for _, text in first.questions] == ["WHY?", "Why are we here?", "Who is it for?"]
    assert layout.domains[1].questions == []
    # Domain 1's boxes sit lower than domain 2's: it has one more indicator and three question rows.
    assert split_cell(first.cells["reflections"])[1] - split_cell(layout.domains[1].cells["reflections"])[1] == 4


@pytest.mark.parametrize(
    "title, name",
    [
        ("Buy-in", "Buy-in"),
        ("Data: what? [draft] a/b\\c*", "Data- what- -draft- a-b-c-"),
        ("Information sharing and governance across partners", "Information sharing and"),
        ("A" * 40, "A" * 31),
        ("History", "History (1)"),
        ("'quoted'", "quoted"),
    ],
)
def test_sheet_names_follow_excels_rules(title: str, name: str) -> None:
    assert sheet_name(title) == name


def test_sheet_names_are_made_unique_without_case() -> None:
    assert unique_name("Buy-in", {"buy-in"}) == "Buy-in (2)"
    assert unique_name("Buy-in", {"buy-in", "buy-in (2)"}) == "Buy-in (3)"
    assert unique_name("B" * 31, {"b" * 31}) == "B" * 27 + " (2)"


@pytest.mark.parametrize(
    "value, expected",
    [
        (datetime(2027, 3, 31), "2027-03-31"),
        (date(2027, 3, 31), "2027-03-31"),
        ("31/03/2027", "2027-03-31"),
        (" 1/4/2027 ", "2027-04-01"),
        ("1.4.27", "2027-04-01"),
        ("31-03-2027", "2027-03-31"),
        ("2027-03-31", "2027-03-31"),
        ("31/02/2027", None),
        ("03/31/2027", None),
        ("next spring", None),
        (46477, None),
        (46477.0, None),
    ],
)
def test_dates_read_from_excel_dates_and_typed_text(value: object, expected: str | None) -> None:
    assert read_date(value) == expected
