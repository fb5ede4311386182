"""Pure helpers of the pipeline: locating TOML lines, relative links, page bodies, Markdown links."""

from __future__ import annotations

import posixpath

from mpw_static.cache import BuildCache
from mpw_static.load import split_body
from mpw_static.models import Resources
from mpw_static.problems import field_path, find_line
from mpw_static.render import PageView, markdown_to_html, relative_link

DOMAIN = """number = 1
title = "ONE"

[[indicators]]
id = "1.1"
statements = [
  "a",
  "b",
]

[[indicators]]
id = "1.2"
statements = [
  "c",
]
"""


def test_field_path_reads_like_the_file() -> None:
    assert field_path(("indicators", 2, "statements")) == "indicators[2].statements"
    assert field_path(("title",)) == "title"


def test_find_line_follows_tables_keys_and_array_items() -> None:
    assert find_line(DOMAIN, ("title",)) == 2
    assert find_line(DOMAIN, ("indicators", 1, "id")) == 12
    assert find_line(DOMAIN, ("indicators", 0, "statements", 1)) == 8
    assert find_line(DOMAIN, ("indicators", 1, "statements")) == 13
    assert find_line(DOMAIN, ("nothing",)) is None


def view(output: str) -> PageView:
    return PageView(output=output, title="T", nav_title="T", description="", section=output)


def test_links_are_relative_and_name_files() -> None:
    assert view("index.html").link("domains/buy-in.html") == "domains/buy-in.html"
    assert view("domains/buy-in.html").link("index.html") == "../index.html"
    assert view("domains/buy-in.html").link("domains/equity.html") == "equity.html"
    assert view("domains/buy-in.html").link("appendix.html#rank-3") == "../appendix.html#rank-3"
    assert view("domains/buy-in.html").link("static/css/site.css") == "../static/css/site.css"


def test_split_body_keeps_inserts_in_place_with_line_numbers() -> None:
    parts = split_body(["Intro.", "", "{{ standards() }}", "", "After."], first_line=5)
    assert [(part.kind, part.text.strip(), part.line) for part in parts] == [
        ("markdown", "Intro.", 5),
        ("insert", "standards", 7),
        ("markdown", "After.", 8),
    ]


def test_resource_links_without_address_render_as_text() -> None:
    resources = Resources.model_validate(
        {"links": [{"id": "paper", "title": "Paper"}, {"id": "site", "title": "Site", "url": "https://example.org/x"}]}
    )
    html = markdown_to_html(
        "[Read it](resource:paper) or [visit](resource:site) or [home](index.html).",
        view("domains/a.html"),
        resources,
        BuildCache(),
    )
    assert '<span class="resource-pending">Read it</span>' in html
    assert '<a href="https://example.org/x">visit</a>' in html
    assert '<a href="../index.html">home</a>' in html


def test_relative_links_are_those_posixpath_would_write() -> None:
    """relative_link works the link out from the two site paths; it agrees with posixpath.relpath."""
    outputs = ["index.html", "domains/buy-in.html", "cy/index.html", "cy/domains/buy-in.html", "a/b/c.html"]
    targets = ["index.html", "domains/equity.html", "cy/domains/buy-in.html", "static/css/site.css", "a/x.html"]
    for output in outputs:
        for target in targets:
            expected = posixpath.relpath(target, posixpath.dirname(output) or ".")
            assert relative_link(output, target + "#part") == expected + "#part", (output, target)
    assert relative_link("domains/buy-in.html", "#top") == "#top"
