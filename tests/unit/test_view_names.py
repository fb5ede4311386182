"""Each discussion view that says it is shown (views.shown(room, 'NAME'), "Showing the NAME.") has its
name in both catalogues: the key is built from the view's name, so no scan of the scripts finds it
missing, and the page said "Showing the undefined." for the improvement plan."""

from __future__ import annotations

import re
import tomllib

from support import ROOT

SCRIPTS = ROOT / "mpw_static/assets/js"
STRINGS = ROOT / "themes/default/strings"


def announced_views() -> set[str]:
    return {
        name
        for script in SCRIPTS.rglob("*.js")
        for name in re.findall(r"views\.shown\(room, '(\w+)'\)", script.read_text(encoding="utf-8"))
    }


def test_every_view_that_says_it_is_shown_is_named_in_english_and_welsh() -> None:
    views = announced_views()
    assert {"profile", "distance", "plan"} <= views  # so that the search finds the views at all
    for language in ("en", "cy"):
        catalogue = tomllib.loads((STRINGS / f"{language}.toml").read_text(encoding="utf-8"))
        assert [name for name in sorted(views) if f"js_view_{name}" not in catalogue] == [], language
