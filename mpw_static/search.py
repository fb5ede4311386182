"""Search stage: the documents the site's search box looks in, one script per language.

A browser refuses to fetch a JSON file from file://, so the documents are written as a script that
the page loads, with MiniSearch (mpw_static/assets/vendor), the first time someone uses the box.
MiniSearch indexes them in the browser in a few milliseconds, so the build needs no JavaScript.

What is found, and where a result leads:
- each section of a page (a heading with an id), from the rendered page, without its tables and forms;
- each domain, with its data items;
- each indicator, by its title and the words of its S1-S5 statements: its row on the domain page;
- each test question: its set on the domain page;
- each appendix data item: its rank in the appendix table.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from .cache import BuildCache
from .models import Framework

SEARCH_SCRIPT = "static/search/{language}.js"
APPENDIX_PAGE = "appendix.html"
# Whatever is in these is not a section's prose: navigation, forms, data tables (the appendix and the
# matrix have documents of their own) and code.
SKIPPED = {"nav", "form", "table", "script", "style", "svg", "template", "button", "select", "noscript"}
HEADINGS = {"h1", "h2", "h3"}
INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "small", "span", "strong", "sub", "sup", "time"}
VOID = {"br", "hr", "img", "input", "link", "meta", "wbr", "source", "col", "area", "base", "embed", "track"}


class Sections(HTMLParser):
    """The text of a page's <main>, cut into sections at each heading with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_main = False
        self.skipping: list[str] = []  # open skipped elements, innermost last
        self.heading: str | None = None  # the tag of the heading being read as a section's title
        self.sections: list[dict[str, str]] = [{"anchor": "", "title": "", "text": ""}]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if tag not in INLINE:
            self.handle_data(" ")  # words either side of a block or a line break are separate words
        if tag in VOID:
            return
        if self.skipping or tag in SKIPPED or "hidden" in attributes:
            self.skipping.append(tag)
        elif tag == "h1":
            self.heading = tag
        elif tag in HEADINGS and attributes.get("id"):
            self.heading = tag
            self.sections.append({"anchor": attributes["id"] or "", "title": "", "text": ""})

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        elif self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
        elif tag == self.heading:
            self.heading = None
        elif self.in_main and tag not in INLINE:
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        if not self.in_main or self.skipping:
            return
        section = self.sections[-1]
        section["title" if self.heading else "text"] += data


def tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Cut out before parsing, to save the parser a page's worth of form or table it would skip anyway.
# Forms cannot nest in HTML, and the site's tables do not.
SKIPPED_BLOCKS = re.compile(r"<(form|table|svg|script)\b.*?</\1>", re.S)


def page_sections(html: str, cache: BuildCache) -> list[tuple[str, str, str]]:
    """(anchor, heading, text) for each section of a rendered page with any words in it; remembered
    by the page's HTML, as most pages of a rebuild in serve are the same as the last build's."""
    return cache.sections.get(html, lambda: read_sections(html))


def read_sections(html: str) -> list[tuple[str, str, str]]:
    start, end = html.find("<main"), html.rfind("</main>")
    main = html[start : end + len("</main>")] if start >= 0 and end > start else html
    parser = Sections()
    parser.feed(SKIPPED_BLOCKS.sub(" ", main))
    found = [(section["anchor"], tidy(section["title"]), tidy(section["text"])) for section in parser.sections]
    return [(anchor, title, text) for anchor, title, text in found if title or text]


def search_documents(framework: Framework, pages: dict[str, str], cache: BuildCache) -> list[dict[str, str]]:
    """Every document a search looks in, for one language. pages: that language's rendered pages by
    site path (in its folder, such as cy/, for a translation). Each document: u (its address inside
    the language's folder), k (kind: page, domain, indicator, question or item), t (title), x (text)
    and p (where it sits)."""
    prefix = framework.language_prefix
    documents: list[dict[str, str]] = []
    domain_pages = {domain.href for domain in framework.domains}
    for page in sorted(framework.pages, key=lambda page: (page.meta.menu != "main", page.meta.order, page.output)):
        html = pages.get(prefix + page.output)
        if html is None or page.output in domain_pages:
            continue
        for anchor, title, text in page_sections(html, cache):
            documents.append(
                {
                    "u": page.output + (f"#{anchor}" if anchor else ""),
                    "k": "page",
                    "t": title or page.meta.title,
                    "x": text,
                    "p": page.meta.nav_title if title else "",
                }
            )
    for domain in framework.domains:
        documents.append(
            {
                "u": domain.href,
                "k": "domain",
                "t": f"{domain.number}. {domain.title}",
                "x": " ".join(item.text for item in domain.data_items),
                "p": framework.matrix.title,
            }
        )
        for indicator in domain.indicators:
            documents.append(
                {
                    "u": f"{domain.href}#indicator-{indicator.id}",
                    "k": "indicator",
                    "t": f"{indicator.id} {indicator.title}",
                    "x": " ".join([indicator.qualifier, *indicator.statements]).strip(),
                    "p": f"{domain.number}. {domain.title}",
                }
            )
    for question_set in framework.test_questions:
        home = framework.domain(question_set.domains[0])
        for question in question_set.questions:
            documents.append(
                {
                    "u": f"{home.href}#questions-{question_set.id}",
                    "k": "question",
                    "t": question,
                    "x": "",
                    "p": f"{question_set.label} – {question_set.heading}",
                }
            )
    if any(page.output == APPENDIX_PAGE for page in framework.pages):
        for item in framework.appendix.items:
            documents.append(
                {
                    "u": f"{APPENDIX_PAGE}#rank-{item.rank}",
                    "k": "item",
                    "t": item.statement,
                    "x": "",
                    "p": f"{framework.appendix.columns[0]} {item.rank}",
                }
            )
    return documents


def search_script(documents: list[dict[str, str]]) -> str:
    """The documents as a script: it hands them to the search box that asked for them."""
    data = json.dumps(documents, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")  # "</" ends nothing in a script file, but keep it safe to inline
    return f"window.MPW_SEARCH_DOCUMENTS = {data};\n"
