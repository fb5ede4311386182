"""Welsh words that change after a number: "munud" (minute) softens after "dau" (two), as the
plural rules' "two" form, which only 2 takes, is used for ("2 funud", not "2 munud")."""

from __future__ import annotations

import tomllib

from support import ROOT


def test_two_minutes_is_soft_mutated_and_the_other_counts_are_not() -> None:
    with (ROOT / "themes/default/strings/cy.toml").open("rb") as file:
        welsh = tomllib.load(file)
    assert welsh["js_meeting_minutes_two"].format(n=2) == "2 funud"
    assert [welsh[f"js_meeting_minutes_{form}"].format(n=n) for form, n in (("few", 3), ("many", 6))] == [
        "3 munud",
        "6 munud",
    ]
