"""The across-services tidy CSV read as analysts read it: pandas.read_csv and DuckDB's read_csv_auto,
each with its default settings, on a small site whose domain 1 has ten indicators (so 1.10 exists).

N/A and not answered must stay apart (pandas takes "n/a" and "NA" for missing values), the
indicator's number within its domain must need no parsing (DuckDB and pandas read "1.10" as 1.1),
and `updated` must be UTC with a Z whatever zone the file was saved in.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas
import pytest
from playwright.sync_api import Browser, expect

from mpw_static.build import build_site
from support import download, mini_domain, write

pytestmark = pytest.mark.browser

# (service, updated as saved, {indicator: statement}); every other indicator is not answered.
FILES = [
    ("Alpha", "2026-01-15T09:30:00+01:00", {"1.1": "n/a", "1.10": 3, "1.2": 1}),
    ("Bravo", "2026-01-15T09:30:00Z", {"1.1": 2, "1.10": "n/a"}),
    ("=Charlie", "2026-01-15T10:30:00.250Z", {"1.1": 2, "1.10": 4}),
]


@pytest.fixture
def tidy_csv(mini_content: Path, tmp_path: Path, browser: Browser) -> Path:
    write(mini_content / "matrix/domains/01-domain-1.toml", mini_domain(1, 10))
    write(
        mini_content / "pages/programme.md",
        """
        +++
        title = "Across services"
        nav_title = "Across services"
        order = 9
        template = "programme.html"
        output = "programme.html"
        +++

        Across services.
    """,
    )
    site = tmp_path / "site"
    build_site(mini_content, site)
    folder = tmp_path / "files"
    folder.mkdir()
    for number, (service, updated, answers) in enumerate(FILES, start=1):
        ratings = {indicator: {"statement": statement} for indicator, statement in answers.items()}
        content = {
            "format": "mpw-assessment",
            "format_version": 2,
            "framework_version": "TEST",
            "id": f"0000000{number}-cccc-4ccc-8ccc-00000000000{number}",
            "service": {"name": service, "organisations": "Board"},
            "date": "2026-01-15",
            "review_cycle": "Baseline",
            "ratings": ratings,
            "created": updated,
            "updated": updated,
        }
        (folder / f"file-{number}.json").write_text(json.dumps(content), encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((site / "programme.html").as_uri())
    page.set_input_files("#programme-folder", str(folder))
    expect(page.locator("[data-role=status]")).to_contain_text("3 files read")
    found = download(page, "tidy", tmp_path)
    context.close()
    return found


def test_pandas_defaults_keep_na_and_not_answered_apart(tidy_csv: Path) -> None:
    frame = pandas.read_csv(tidy_csv)
    assert len(frame) == 3 * 17  # 10 indicators in domain 1, one in each of the other 7
    assert frame["statement"].isna().sum() == 0
    assert (frame["statement"] == "not_applicable").sum() == 2
    assert (frame["statement"] == "not_answered").sum() == 3 * 17 - 7
    tenth = frame[(frame["domain"] == 1) & (frame["indicator_number"] == 10)]
    assert sorted(tenth["statement"]) == ["3", "4", "not_applicable"]
    assert frame["indicator_number"].dtype.kind == "i" and frame["domain"].dtype.kind == "i"
    assert frame["indicator"].astype(str).isin(["1.1"]).sum() == 6  # what a guessing reader does to 1.10
    assert sorted(set(frame["updated"])) == ["2026-01-15T08:30:00Z", "2026-01-15T09:30:00Z", "2026-01-15T10:30:00Z"]
    assert "'=Charlie" in set(frame["service"])  # formula-like text is made inert


def test_duckdb_read_csv_auto_keeps_na_and_not_answered_apart(tidy_csv: Path) -> None:
    counts = dict(
        duckdb.sql(f"SELECT statement, count(*) FROM read_csv_auto('{tidy_csv}') GROUP BY statement").fetchall()
    )
    assert counts == {"not_applicable": 2, "not_answered": 44, "1": 1, "2": 2, "3": 1, "4": 1}
    tenth = duckdb.sql(
        f"SELECT count(*) FROM read_csv_auto('{tidy_csv}') WHERE domain = 1 AND indicator_number = 10"
    ).fetchall()
    assert tenth == [(3,)]
    kinds = {row[0]: row[1] for row in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv_auto('{tidy_csv}')").fetchall()}
    assert kinds["indicator_number"] == "BIGINT" and kinds["statement"] == "VARCHAR"
