"""The discussion views' pure functions (MPW.compare), called directly in one page, table by table.
Every expectation is worked out by hand from the rule in the function's comment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

FULLY, WIP = "fully-achieved", "work-in-progress"


@pytest.fixture(scope="module")
def page(browser: Browser, real_site: Path) -> Iterator[Page]:
    opened = browser.new_page()
    opened.goto((real_site / "assess.html").as_uri())
    yield opened
    opened.close()


def call(page: Page, name: str, *args: object) -> object:
    return page.evaluate("([name, args]) => MPW.compare[name](...args)", [name, list(args)])


@pytest.mark.parametrize(
    "statements, flag, spread",
    [
        ([2, 3, 2], "agreement", 1),  # everyone within one statement
        ([1, 4, 3], "split", 3),  # two or more apart
        ([1, 3], "split", 2),
        (["n/a", "n/a", 2], "split", 0),  # N/A against a statement is a split, whatever the spread
        (["n/a", "n/a"], "agreement", 0),
        ([5, None, None], "too-few", None),  # fewer than two answers
        ([None, None], "too-few", None),
        ([4, 4, None, 4], "agreement", 0),
    ],
)
def test_agreement(page: Page, statements: list, flag: str, spread: int | None) -> None:
    assert call(page, "agreement", statements) == {"flag": flag, "spread": spread}


def rating(statement: object, evidence: str | None = None) -> dict:
    return {"statement": statement, "evidence": evidence, "note": ""}


@pytest.mark.parametrize(
    "ratings, statement, evidence",
    [
        ([rating(2, WIP), rating(3, FULLY), rating(2, WIP)], 2, WIP),  # median 2; two of three WIP
        ([rating(2, FULLY), rating(3, FULLY)], 2, FULLY),  # median 2.5 rounds down
        ([rating(1), rating(4)], 2, None),  # median 2.5 rounds down; nobody gave a level
        ([rating(3, FULLY), rating(3, WIP)], 3, WIP),  # a tie goes to work in progress
        ([rating("n/a"), rating("n/a"), rating(2, WIP)], "n/a", None),  # most said N/A
        ([rating("n/a"), rating(4, FULLY)], 4, FULLY),  # N/A is not most
        ([rating(None), rating(None)], None, None),
    ],
)
def test_composite_default(page: Page, ratings: list, statement: object, evidence: str | None) -> None:
    assert call(page, "compositeDefault", ratings) == {"statement": statement, "evidence": evidence}


@pytest.mark.parametrize(
    "before, after, kind, steps",
    [
        (rating(2, WIP), rating(4, FULLY), "forward", 2),
        (rating(3, FULLY), rating(2, WIP), "back", 1),
        (rating(3, WIP), rating(3, FULLY), "firmer", 0),
        (rating(3), rating(3, FULLY), "firmer", 0),  # from no level to fully achieved
        (rating(3, FULLY), rating(3, WIP), "looser", 0),
        (rating(4, FULLY), rating(4, FULLY), "same", 0),
        (rating("n/a"), rating(2, WIP), "changed", 0),
        (rating("n/a"), rating("n/a"), "same", 0),
        (rating(None), rating(1, WIP), "new", 0),
        (rating(2, WIP), rating(None), "unanswered", 0),
        (rating(None), rating(None), "none", 0),
    ],
)
def test_movement(page: Page, before: dict, after: dict, kind: str, steps: int) -> None:
    assert call(page, "movement", before, after) == {"kind": kind, "steps": steps}


def test_tally_counts_levels_and_their_evidence_split(page: Page) -> None:
    assessment = {"ratings": {"1.1": rating(2, WIP), "1.2": rating(2, FULLY), "1.3": rating(2), "1.4": rating("n/a")}}
    indicators = [{"id": f"1.{n}"} for n in range(1, 6)]
    assert call(page, "tally", assessment, indicators) == {
        "counts": {"1": 0, "2": 3, "3": 0, "4": 0, "5": 0, "n/a": 1},
        "fully": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0, "n/a": 0},
        "wip": {"1": 0, "2": 1, "3": 0, "4": 0, "5": 0, "n/a": 0},
        "none": 1,  # 1.5 has no answer
    }


def test_discussion_order_puts_every_split_first(page: Page) -> None:
    rows = [
        {"flag": "agreement", "spread": 1},
        {"flag": "split", "spread": 0},  # an N/A split
        {"flag": "too-few", "spread": None},
        {"flag": "split", "spread": 3},
        {"flag": "agreement", "spread": 1},
        {"flag": "split", "spread": 2},
    ]
    assert call(page, "discussionOrder", rows) == [3, 5, 1, 0, 4, 2]
