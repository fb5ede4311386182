"""The Welsh build: every page in cy/, linked to its English counterpart, with untranslated text
marked as English, and a coverage report that lists exactly what is missing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mpw_static.build import BuildOptions, build_site
from mpw_static.cli import main
from mpw_static.load import load_framework
from mpw_static.problems import ContentError
from support import REAL_CONTENT, write

SINGLE = "mpw-development-matrix.html"


def english_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("cy/") and p.name != SINGLE
    )


def test_every_page_has_a_welsh_counterpart_linked_both_ways(real_site: Path) -> None:
    for page in english_pages(real_site):
        english = (real_site / page).read_text(encoding="utf-8")
        welsh = (real_site / "cy" / page).read_text(encoding="utf-8")
        up = "../" * page.count("/")
        assert '<html lang="en">' in english, page
        assert '<html lang="cy">' in welsh, page
        assert f'<a href="{up}cy/{page}" hreflang="cy" lang="cy">Cymraeg</a>' in english, page
        assert f'<a href="../{up}{page}" hreflang="en" lang="en">English</a>' in welsh, page
        assert '<span aria-current="true">English</span>' in english
        assert '<span aria-current="true">Cymraeg</span>' in welsh
        for html in (english, welsh):
            assert re.search(r'<link rel="alternate" hreflang="en" href="[^"]+">', html)
            assert re.search(r'<link rel="alternate" hreflang="cy" href="[^"]+">', html)


def test_untranslated_content_is_marked_english_inside_a_welsh_page(real_site: Path) -> None:
    domain = unescape((real_site / "cy/domains/buy-in.html").read_text(encoding="utf-8"))
    assert "Nid yw'r rhan hon wedi'i chyfieithu eto, felly fe'i dangosir yn Saesneg." in domain
    assert '<h1 lang="en">1. BUY-IN</h1>' in domain
    assert '<table class="matrix">' in domain  # its caption and column headings are Welsh
    assert '<th scope="row" lang="en"><span class="indicator-id">1.1</span> Connections with people' in domain
    assert 'aria-label="Prif ddewislen"' in domain  # the interface itself is Welsh
    assess = unescape((real_site / "cy/assess.html").read_text(encoding="utf-8"))
    assert '<legend lang="en">1.1 Connections with people' in assess
    assert "<legend>Tystiolaeth ar gyfer y datganiad a ddewiswyd</legend>" in assess


def meta_description(page: Path) -> str:
    (found,) = re.findall(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))
    return unescape(found)


def test_a_welsh_domain_page_is_described_in_welsh(real_site: Path) -> None:
    """The sentence around a domain's title is interface text: the Welsh pages' descriptions, which
    search results show, were "Domain 1 of the Development Matrix: …" in English."""
    pages = sorted((real_site / "domains").glob("*.html"))
    assert len(pages) == 8
    for page in pages:
        english = re.fullmatch(r"Domain (\d) of the Development Matrix: (.+)\.", meta_description(page))
        welsh = meta_description(real_site / "cy/domains" / page.name)
        assert english, page
        assert welsh == f"Parth {english[1]} o'r Matrics Datblygu: {english[2]}.", welsh  # the titles await translation


def assessment_data(page: Path) -> dict:
    """The data the assessment page embeds for its script."""
    found = re.search(
        r'<script type="application/json" id="mpw-assessment-data">(.*?)</script>', page.read_text("utf-8"), re.S
    )
    return json.loads(found.group(1))


def test_the_page_s_data_says_which_language_the_matrix_s_words_are_in(real_site: Path) -> None:
    """The views the scripts build mark the matrix's words as the form does: by the data's language,
    "en" on the Welsh page while the matrix is not translated, "" where it is the page's own."""
    for page, language in (("assess.html", ""), ("cy/assess.html", "en")):
        data = assessment_data(real_site / page)
        assert {domain["language"] for domain in data["domains"]} == {language}, page
        assert {indicator["language"] for indicator in data["indicators"]} == {language}, page
        assert len(data["indicators"]) == 45


def coverage_fixture(mini_content: Path, tmp_path: Path) -> Path:
    """A fixture with Welsh switched on, its home page translated, and a theme adding one English-only string."""
    (mini_content / "site.toml").write_text('title = "Mini site"\ntranslations = ["cy"]\n', encoding="utf-8")
    write(
        mini_content / "cy/pages/index.md",
        """
        +++
        title = "Hafan fach"
        nav_title = "Hafan"
        order = 1
        template = "home.html"
        +++

        Croeso. Darllenwch [y matrics](matrix.html).
    """,
    )
    theme = tmp_path / "theme"
    write(theme / "strings/en.toml", 'board_motto = "Caring together"\n')
    return theme


def test_coverage_report_lists_exactly_what_is_missing(
    mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    theme = coverage_fixture(mini_content, tmp_path)
    assert main(["build", "--content", str(mini_content), "--out", str(tmp_path / "dist"), "--theme", str(theme)]) == 0
    out = capsys.readouterr().out
    total = len([line for line in out.splitlines() if line.startswith("Translation coverage")])
    assert total == 1
    assert "Translation coverage, cy: content files 1 of 17 translated;" in out
    missing_content = re.search(r"Content still in the default language \(add it under content/cy/\): (.*)", out).group(
        1
    )
    assert missing_content.split(", ") == [
        "matrix/appendix.toml",
        *[f"matrix/domains/{n:02d}-domain-{n}.toml" for n in range(1, 9)],
        "matrix/matrix.toml",
        "matrix/test-questions.toml",
        "matrix/workforce.toml",
        "pages/appendix.md",
        "pages/matrix.md",
        "resources.toml",
        "standards.toml",
    ]
    assert "Interface strings missing from strings/cy.toml: board_motto" in out
    home = (tmp_path / "dist/cy/index.html").read_text(encoding="utf-8")
    assert "Croeso." in home and "untranslated" not in home
    assert '<a href="matrix.html">y matrics</a>' in home


def test_strict_translations_fails_the_build(mini_content: Path, tmp_path: Path) -> None:
    theme = coverage_fixture(mini_content, tmp_path)
    with pytest.raises(ContentError) as raised:
        build_site(mini_content, tmp_path / "dist", options=BuildOptions(theme_dir=theme, strict_translations=True))
    message = str(raised.value)
    assert message.startswith("Content has 17 problems; nothing was written:")
    assert (
        "content/cy/matrix/appendix.toml: not translated yet\n   Hint: add the cy version of content/matrix/appendix.toml"
        in message
    )
    assert "strings/cy.toml (board_motto): interface string not translated yet" in message
    assert not (tmp_path / "dist").exists()


def test_the_translated_sample_page_is_welsh_throughout(real_site: Path) -> None:
    page = unescape((real_site / "cy/accessibility.html").read_text(encoding="utf-8"))
    assert "<h1>Datganiad hygyrchedd</h1>" in page
    assert "Nid yw'r rhan hon wedi'i chyfieithu eto" not in page
    assert '<a href="resources.html">dudalen adnoddau</a>' in page  # links stay inside the Welsh site
    assert "in most browsers" in (real_site / "assess.html").read_text(encoding="utf-8")


class TextsAndLanguages(HTMLParser):
    """Every run of text on a page, and each naming attribute, with the language it is marked in
    (the nearest lang= around it)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    NAMING = ("aria-label", "title", "alt", "placeholder", "data-label")  # data-label: shown by CSS on phones

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str]] = []  # (tag, its lang= or "")
        self.found: list[tuple[str, str, str]] = []  # (text, language, where)

    def language(self) -> str:
        return next((lang for _, lang in reversed(self.open) if lang), "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag not in self.VOID:
            self.open.append((tag, values.get("lang") or ""))
        language = values.get("lang") or self.language()
        self.found += [(values[name] or "", language, f"<{tag} {name}>") for name in self.NAMING if values.get(name)]

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not any(tag in ("script", "style") for tag, _ in self.open):
            self.found.append((text, self.language(), "<" + ">".join(tag for tag, _ in self.open[-3:]) + ">"))


def texts_of(path: Path) -> list[tuple[str, str, str]]:
    parser = TextsAndLanguages()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def words(text: str) -> str:
    """Text without the punctuation around it: "[FINAL – amended April 2023]" is the version's text."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", " ".join(text.split()))


def letters(text: str) -> int:
    return len(re.findall(r"[^\W\d_]", text))


def leaves(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)


def english_content_texts() -> set[str]:
    """Every piece of text the English content holds (site.toml aside: it carries the Welsh title),
    long enough to tell a language by."""
    framework = load_framework(REAL_CONTENT).model_dump(mode="json", exclude={"site"})
    return {words(text) for text in leaves(framework) if letters(words(text)) >= 4}


def language_mistakes(site: Path) -> dict[str, list[tuple[str, str, str]]]:
    """On each Welsh page, text marked in the wrong language: English content (the same run of text
    as in the English content or on the English page) not marked lang="en", Welsh marked "en", and
    a run of Welsh text with English content inside it, which no mark can make right."""
    english = english_content_texts()
    phrases = [part for part in english if len(part.split()) >= 3]  # English inside Welsh text: 3 words or more
    mistakes = {}
    for welsh in sorted((site / "cy").rglob("*.html")):
        counterpart = site / welsh.relative_to(site / "cy")
        on_english_page = {text for text, language, _ in texts_of(counterpart) if language == "en"}
        wrong = []
        for text, language, where in texts_of(welsh):
            if letters(text) < 4:  # numbers, S1, N/A: the same in both languages
                continue
            is_english = words(text) in english or text in on_english_page
            if is_english != (language == "en"):
                wrong.append((text[:60], language, where))
            elif not is_english and any(part in text for part in phrases):
                wrong.append((text[:60], "mixed", where))
        if wrong:
            mistakes[welsh.relative_to(site).as_posix()] = wrong
    return mistakes


def test_every_welsh_page_marks_english_text_and_only_english_text_as_english(real_site: Path) -> None:
    assert language_mistakes(real_site) == {}


def test_the_language_check_finds_english_marked_welsh_and_welsh_marked_english(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "framework.html", '<html lang="en"><title>Framework</title><h1>Statements</h1></html>')
    write(
        site / "cy/framework.html",
        '<html lang="cy"><title lang="en">Fframwaith</title><h1>Development Matrix for Multi-Professional Working'
        " (M-PW)</h1><p>Parth 1: BUY-IN, INTERNAL RELATIONSHIPS, COLLABORATION AND COHESION</p>"
        '<p lang="en">Statements</p></html>',
    )
    assert language_mistakes(site) == {
        "cy/framework.html": [
            ("Fframwaith", "en", "<html>title>"),
            ("Development Matrix for Multi-Professional Working (M-PW)", "cy", "<html>h1>"),
            ("Parth 1: BUY-IN, INTERNAL RELATIONSHIPS, COLLABORATION AND C", "mixed", "<html>p>"),
        ]
    }


def menu_links(html: str, nav_class: str = "site-nav") -> list[str]:
    menu = re.search(rf'<nav class="{nav_class}[^"]*".*?</nav>', html, re.S).group(0)
    return re.findall(r"<li><a [^>]*>[^<]*</a></li>", menu)


def test_the_welsh_menus_are_in_welsh(real_site: Path) -> None:
    """Menu labels are interface text: the catalogue names the pages not yet translated, and a
    translated page names itself; none is marked as English."""
    welsh = (real_site / "cy/index.html").read_text(encoding="utf-8")
    assert menu_links(welsh) == [
        '<li><a href="index.html" aria-current="page">Hafan</a></li>',
        '<li><a href="framework.html">Fframwaith</a></li>',
        '<li><a href="matrix.html">Matrics Datblygu</a></li>',
        '<li><a href="assess.html">Hunanasesu</a></li>',
        '<li><a href="programme.html">Ar draws gwasanaethau</a></li>',
        '<li><a href="appendix.html">Atodiad</a></li>',
        '<li><a href="quality-standards.html">Safonau ansawdd</a></li>',
        '<li><a href="resources.html">Adnoddau</a></li>',
    ]
    assert menu_links(welsh, "footer-nav") == [
        '<li><a href="accessibility.html">Hygyrchedd</a></li>',  # the translated page's own nav_title
        '<li><a href="history.html">Hanes fersiynau</a></li>',
    ]
    assert "<title>Fframwaith – Fframwaith Amlbroffesiynol ar gyfer Gweithio Integredig</title>" in (
        real_site / "cy/framework.html"
    ).read_text(encoding="utf-8")
    english = (real_site / "index.html").read_text(encoding="utf-8")
    assert '<li><a href="quality-standards.html">Quality standards</a></li>' in menu_links(english)


def test_a_menu_label_the_translation_lacks_shows_in_english_marked_and_is_reported(
    mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (mini_content / "site.toml").write_text('title = "Mini site"\ntranslations = ["cy"]\n', encoding="utf-8")
    write(
        mini_content / "pages/about.md",
        '+++\ntitle = "About this site"\nnav_title = "About us"\norder = 9\n+++\n\nHi.\n',
    )
    write(mini_content / "pages/team.md", '+++\ntitle = "Our team"\nnav_title = "Team"\norder = 8\n+++\n\nUs.\n')
    write(mini_content / "cy/pages/team.md", '+++\ntitle = "Ein tîm"\nnav_title = "Tîm"\norder = 8\n+++\n\nNi.\n')
    assert main(["build", "--content", str(mini_content), "--out", str(tmp_path / "dist")]) == 0
    out = capsys.readouterr().out
    assert "Interface strings missing from strings/cy.toml: menu_about\n" in out
    welsh = (tmp_path / "dist/cy/about.html").read_text(encoding="utf-8")
    assert menu_links(welsh)[-3:] == [
        '<li><a href="appendix.html">Atodiad</a></li>',  # named by the default theme's cy.toml
        '<li><a href="team.html">Tîm</a></li>',  # a translated page names itself
        '<li><a href="about.html" lang="en" aria-current="page">About us</a></li>',
    ]
    assert '<title lang="en">About this site – Mini site</title>' in welsh
    with pytest.raises(ContentError) as raised:
        build_site(mini_content, tmp_path / "strict", options=BuildOptions(strict_translations=True))
    assert (
        "strings/cy.toml (menu_about): interface string not translated yet\n"
        '   Hint: add menu_about = "…" in cy' in str(raised.value)
    )
