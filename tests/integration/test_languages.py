"""The Welsh build: every page in cy/, linked to its English counterpart, with untranslated text
marked as English, and a coverage report that lists exactly what is missing."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from mpw_static.build import BuildOptions, build_site
from mpw_static.cli import main
from mpw_static.problems import ContentError
from support import write

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
    assert '<table class="matrix" lang="en">' in domain
    assert 'aria-label="Prif ddewislen"' in domain  # the interface itself is Welsh
    assess = unescape((real_site / "cy/assess.html").read_text(encoding="utf-8"))
    assert '<legend lang="en">1.1 Connections with people' in assess
    assert "<legend>Tystiolaeth ar gyfer y datganiad a ddewiswyd</legend>" in assess


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
