"""The assessment page's "Download for spreadsheets (.csv)" read as analysts read it: pandas.read_csv
and DuckDB's read_csv_auto, each with its default settings. N/A and not answered must stay apart:
pandas takes "N/A", "n/a" and an empty cell for missing, so the Statement column writes 1–5,
not_applicable and not_answered, and a label column beside it shows S3, N/A or Not answered in the
page's language, for people."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas
import pytest
from playwright.sync_api import Browser, expect

from support import download

pytestmark = pytest.mark.browser

ANSWERS = {"1.1": "3", "1.2": "na", "1.4": "5"}  # every other indicator is not answered


def page_csv(browser: Browser, site: Path, page_name: str, folder: Path) -> Path:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((site / page_name).as_uri())
    for indicator, choice in ANSWERS.items():
        page.check(f"#s-{indicator.replace('.', '-')}-{choice}")
    expect(page.locator("#s-1-1-3")).to_be_checked()
    found = download(page, "download-csv", folder)
    context.close()
    return found


@pytest.fixture
def english_csv(browser: Browser, real_site: Path, tmp_path: Path) -> Path:
    return page_csv(browser, real_site, "assess.html", tmp_path)


def test_pandas_defaults_keep_na_and_not_answered_apart(english_csv: Path) -> None:
    frame = pandas.read_csv(english_csv)
    assert list(frame.columns[:6]) == ["Domain", "Indicator", "Title", "Statement", "Statement label", "Statement text"]
    assert len(frame) == 45
    assert frame["Statement"].isna().sum() == 0  # nothing in the column a program counts is missing
    assert list(frame["Statement"][:4]) == ["3", "not_applicable", "not_answered", "5"]
    assert frame["Statement"].value_counts().to_dict() == {"not_answered": 42, "3": 1, "not_applicable": 1, "5": 1}
    # The label is for people, as the page shows it; pandas reads its "N/A" as missing, as documented.
    assert list(frame["Statement label"][[0, 2, 3]]) == ["S3", "Not answered", "S5"]


def test_duckdb_read_csv_auto_keeps_na_and_not_answered_apart(english_csv: Path) -> None:
    rows = duckdb.sql(
        f"SELECT \"Statement\", count(*) FROM read_csv_auto('{english_csv}') GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert rows == [("3", 1), ("5", 1), ("not_answered", 42), ("not_applicable", 1)]
    labels = duckdb.sql(
        f"SELECT \"Statement label\" FROM read_csv_auto('{english_csv}') WHERE \"Indicator\"::VARCHAR IN ('1.1', '1.2', '1.3')"
    ).fetchall()
    assert labels == [("S3",), ("N/A",), ("Not answered",)]


def test_the_label_column_is_in_the_page_s_language(browser: Browser, real_site: Path, tmp_path: Path) -> None:
    frame = pandas.read_csv(page_csv(browser, real_site, "cy/assess.html", tmp_path), keep_default_na=False)
    assert list(frame.columns[3:5]) == ["Datganiad", "Label y datganiad"]
    assert list(frame["Datganiad"][:3]) == ["3", "not_applicable", "not_answered"]  # the same codes in every language
    assert frame["Label y datganiad"][2] == "Heb ei ateb"
