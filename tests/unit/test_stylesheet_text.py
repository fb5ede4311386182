"""The stylesheet holds no words: text a page shows comes from the strings catalogue, in the page's
language. CSS `content:` may add symbols (›, ■, ⚠) and read words from the page with attr()."""

from __future__ import annotations

import re

from support import ROOT

STYLESHEETS = sorted((ROOT / "themes").glob("*/static/css/*.css"))


def words_in_content(css: str) -> list[str]:
    """The quoted strings of every content: declaration that hold a letter."""
    found = []
    for value in re.findall(r"content\s*:\s*([^;}]*)", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        found += [
            text
            for text in re.findall(r'"([^"]*)"|\'([^\']*)\'', value)
            for text in text
            if re.search(r"[^\W\d_]", text)
        ]
    return found


def test_no_stylesheet_writes_words_with_content() -> None:
    assert STYLESHEETS
    for path in STYLESHEETS:
        assert words_in_content(path.read_text(encoding="utf-8")) == [], path


def test_words_in_content_are_found() -> None:
    css = '.a::after { content: " ■ Fully achieved"; } .b::before { content: "› "; } .c::after { content: " " attr(data-x) }'
    assert words_in_content(css) == [" ■ Fully achieved"]
