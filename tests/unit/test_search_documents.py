"""The search stage: which parts of a page become documents, and where each kind of result leads."""

from __future__ import annotations

import json
from pathlib import Path

from mpw_static.cache import BuildCache
from mpw_static.load import load_framework
from mpw_static.render import render_site
from mpw_static.search import page_sections, search_documents, search_script
from mpw_static.theme import Theme

PAGE = """<html><body><nav><a href="x.html">Menu link</a></nav>
<main id="main"><h1>Title of the page</h1><p>Opening words.</p>
<h2 id="first">First &amp; foremost</h2><p>Prose about <em>carers</em>.</p>
<table><tr><td>table cell</td></tr></table>
<form><label>A field</label></form>
<h2>Heading without an id</h2><p>joins the section above</p>
<div hidden><p>hidden words</p></div>
<h3 id="third">Third</h3><p>Last words.<br>After a break.</p></main>
<footer>Footer words</footer></body></html>"""


def test_a_page_is_cut_at_headings_with_ids_and_leaves_out_menus_tables_and_forms() -> None:
    assert page_sections(PAGE, BuildCache()) == [
        ("", "Title of the page", "Opening words."),
        ("first", "First & foremost", "Prose about carers. Heading without an id joins the section above"),
        ("third", "Third", "Last words. After a break."),
    ]


def test_documents_of_every_kind_lead_to_their_place(mini_content: Path) -> None:
    framework = load_framework(mini_content)
    cache = BuildCache()
    documents = search_documents(framework, render_site(framework, Theme.at(None, cache), cache), cache)
    by_kind: dict[str, list[dict[str, str]]] = {}
    for document in documents:
        by_kind.setdefault(document["k"], []).append(document)
    assert set(by_kind) == {"page", "domain", "indicator", "question", "item"}
    assert len(by_kind["domain"]) == 8 and len(by_kind["indicator"]) == 8
    indicator = by_kind["indicator"][0]
    assert indicator["u"] == f"{framework.domains[0].href}#indicator-1.1"
    assert indicator["t"] == "1.1 Indicator 1.1"
    assert "Statement 1 of 1.1" in indicator["x"] and "Statement 5 of 1.1" in indicator["x"]
    assert by_kind["domain"][0]["x"] == "item one"  # a domain is found by its data items
    assert by_kind["question"] == [
        {
            "u": f"{framework.domains[0].href}#questions-Q1",
            "k": "question",
            "t": "Why are we here?",
            "x": "",
            "p": "TEST QUESTIONS FOR DOMAIN 1 – WHY?",
        }
    ]
    assert [item["u"] for item in by_kind["item"]] == [f"appendix.html#rank-{rank}" for rank in (1, 2, 3)]
    # No page section repeats the domain pages, and every page address is one the site has.
    outputs = {page.output for page in framework.pages}
    assert all(document["u"].split("#")[0] in outputs for document in by_kind["page"])


def test_the_script_hands_over_the_documents_and_cannot_end_an_inline_script() -> None:
    documents = [{"u": "a.html", "k": "page", "t": "</script><b>", "x": "", "p": ""}]
    script = search_script(documents)
    assert "</script>" not in script
    prefix, _, data = script.partition(" = ")
    assert prefix == "window.MPW_SEARCH_DOCUMENTS"
    assert json.loads(data.rstrip(";\n")) == documents
