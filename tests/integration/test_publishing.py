"""Themes, base URL (canonical links, sitemap, robots) and the zip: what a publisher relies on."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from mpw_static.build import BuildOptions, build_site
from mpw_static.cache import BuildCache
from mpw_static.cli import main
from mpw_static.minify import minified
from mpw_static.problems import ContentError
from support import ROOT, write

EXAMPLE_THEME = ROOT / "themes" / "example-health-board"


def test_example_theme_overrides_single_files_and_inherits_the_rest(mini_content: Path, tmp_path: Path) -> None:
    build_site(mini_content, tmp_path / "dist", options=BuildOptions(theme_dir=EXAMPLE_THEME))
    home = (tmp_path / "dist/index.html").read_text(encoding="utf-8")
    assert '<img class="brand-logo" src="static/img/logo.svg" alt=""' in home  # templates/brand.html
    assert "Provided by the Example Health Board." in home  # one string overridden
    assert "Skip to main content" in home  # other strings inherited
    brand = (tmp_path / "dist/static/css/brand.css").read_text(encoding="utf-8")
    assert "--brand:#4b2a6b" in brand  # the theme's own file (minified, like every stylesheet)
    default_css = minified(ROOT / "themes/default/static/css/site.css", BuildCache())
    assert (tmp_path / "dist/static/css/site.css").read_text(encoding="utf-8") == default_css
    assert (tmp_path / "dist/static/img/logo.svg").is_file()
    assert (tmp_path / "dist/static/js/assessment/page.js").is_file()


def test_theme_named_in_site_config_is_used_and_an_unknown_one_is_explained(mini_content: Path, tmp_path: Path) -> None:
    theme = mini_content.parent / "themes" / "board"
    write(theme / "strings/en.toml", 'skip_link = "Jump to the content"\n')
    site = mini_content / "site.toml"
    site.write_text('title = "Mini site"\ntheme = "board"\n', encoding="utf-8")
    build_site(mini_content, tmp_path / "dist")
    assert "Jump to the content" in (tmp_path / "dist/index.html").read_text(encoding="utf-8")
    build_site(mini_content, tmp_path / "other", options=BuildOptions(theme_dir=EXAMPLE_THEME))  # --theme wins
    assert "Skip to main content" in (tmp_path / "other/index.html").read_text(encoding="utf-8")
    site.write_text('title = "Mini site"\ntheme = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build_site(mini_content, tmp_path / "dist")
    assert str(raised.value).endswith(
        'content/site.toml (theme): there is no theme "nowhere"\n   Hint: make the folder themes/nowhere/ '
        '(with templates/, static/ or strings/), or use theme = "default"'
    )


def test_base_url_adds_canonical_links_and_sitemap_and_robots_only_at_a_host_root(
    mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code = main(
        [
            "build",
            "--content",
            str(mini_content),
            "--out",
            str(tmp_path / "dist"),
            "--base-url",
            "https://example.org/mpw",
        ]
    )
    assert code == 0
    site = tmp_path / "dist"
    assert '<link rel="canonical" href="https://example.org/mpw/">' in (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/mpw/domains/domain-1.html">' in (
        site / "domains/domain-1.html"
    ).read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/mpw/</loc>" in sitemap
    assert "<loc>https://example.org/mpw/domains/domain-8.html</loc>" in sitemap
    assert sitemap.count("<loc>") == len(list(site.rglob("*.html")))
    # Crawlers read robots.txt only at the root of a host: under /mpw/ it would never be read.
    assert not (site / "robots.txt").exists()
    assert (
        "Left out robots.txt: crawlers read it only at https://example.org/robots.txt, not under /mpw/; to point "
        "them at the sitemap, add the line `Sitemap: https://example.org/mpw/sitemap.xml` to the host's own robots.txt."
    ) in capsys.readouterr().out.splitlines()
    assert main(["build", "--content", str(mini_content), "--out", str(site), "--base-url", "https://example.org"]) == 0
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    )
    assert "robots.txt" not in capsys.readouterr().out


def test_without_a_base_url_the_build_stays_relative(mini_content: Path, tmp_path: Path) -> None:
    build_site(mini_content, tmp_path / "dist")
    site = tmp_path / "dist"
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html
    assert not (site / "static/js/preview.js").exists()  # the live preview's script stays out of real builds


def test_zip_holds_the_whole_site_in_one_folder(
    mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code = main(
        [
            "build",
            "--content",
            str(mini_content),
            "--out",
            str(tmp_path / "dist"),
            "--zip",
            str(tmp_path / "mpw-site.zip"),
        ]
    )
    assert code == 0
    assert f"Wrote {tmp_path / 'mpw-site.zip'}" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "mpw-site.zip") as archive:
        names = set(archive.namelist())
    built = {
        "mpw-site/" + path.relative_to(tmp_path / "dist").as_posix()
        for path in (tmp_path / "dist").rglob("*")
        if path.is_file() and path.name != "_headers"
    }
    assert names == built
    assert "mpw-site/index.html" in names and "mpw-site/static/js/assessment/page.js" in names


def test_warnings_are_listed_and_strict_makes_them_fail(
    mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["validate", "--content", str(mini_content)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [
        "Content is valid: 8 domains, 8 indicators, 11 pages, with 2 warnings (--strict makes them fail):",
        'content/resources.toml (links[0]): warning: "The paper" has no web address yet, so it is shown as plain text'.join(
            ["1. ", ""]
        ),
        '   Hint: add url = "https://…" to it once the address is known',
    ]
    assert main(["build", "--content", str(mini_content), "--out", str(tmp_path / "dist")]) == 0
    last = capsys.readouterr().out.splitlines()[-1]  # the count of each kind is tested in tests/unit/test_commands.py
    assert re.fullmatch(
        r"\d+ warnings \(the build went ahead\): 2 documents and videos without a web address yet, "
        r"shown as plain text(; \d+ more)?\. List them with `\.venv/bin/python build\.py validate`; build with "
        r"--strict to make them fail the build\.",
        last,
    ), last
    assert main(["build", "--strict", "--content", str(mini_content), "--out", str(tmp_path / "strict")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "Content has 2 problems; nothing was written:\n"
        '1. content/resources.toml (links[0]): "The paper" has no web address yet'
    )
    assert not (tmp_path / "strict").exists()


def test_duplicate_resource_ids_are_a_problem(mini_content: Path, capsys: pytest.CaptureFixture) -> None:
    resources = mini_content / "resources.toml"
    resources.write_text(
        resources.read_text(encoding="utf-8").replace('id = "channel"', 'id = "paper"'), encoding="utf-8"
    )
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert (
        '2. content/resources.toml (links[0].id): the id "paper" is used by 2 links\n   Hint: give each link its own id'
        in err
    )


def add_page(content: Path, name: str, front: str, body: str = "Some words.") -> None:
    write(content / "pages" / name, f'+++\ntitle = "{name}"\nnav_title = "{name}"\n{front}\n+++\n\n{body}\n')


def test_a_draft_is_left_out_and_named_and_serve_drafts_shows_it(
    mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    add_page(mini_content, "plans.md", "draft = true")
    assert main(["build", "--content", str(mini_content), "--out", str(tmp_path / "dist")]) == 0
    assert "Left out 1 draft page (draft = true; `serve --drafts` shows them): plans.html" in capsys.readouterr().out
    assert not (tmp_path / "dist/plans.html").exists()
    assert "plans.html" not in (tmp_path / "dist/index.html").read_text(encoding="utf-8")  # not in the menu
    assert "plans.html" not in (tmp_path / "dist/static/search/en.js").read_text(encoding="utf-8")  # nor search
    build_site(mini_content, tmp_path / "preview", options=BuildOptions(drafts=True))  # what serve --drafts builds
    assert (tmp_path / "preview/plans.html").is_file()
    # A published page may not link to a draft: the link would be broken on the published site.
    add_page(mini_content, "about.md", "", "See [the plans](plans.html).")
    with pytest.raises(ContentError, match=r'link to "plans.html", a draft page that is left out of the build'):
        build_site(mini_content, tmp_path / "again")


def test_updated_dates_show_on_the_page_and_in_the_sitemap_with_absolute_alternates(
    mini_content: Path, tmp_path: Path
) -> None:
    add_page(mini_content, "about.md", "updated = 2026-03-03")
    write(
        mini_content / "site.toml",
        'title = "Mini site"\ntranslations = ["cy"]\n[translated.cy]\ntitle = "Safle bach"\n',
    )
    build_site(mini_content, tmp_path / "dist", options=BuildOptions(base_url="https://example.org/mpw/"))
    site = tmp_path / "dist"
    english = (site / "about.html").read_text(encoding="utf-8")
    welsh = (site / "cy/about.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-03-03">Last updated 3 March 2026</time>' in english
    assert '<time datetime="2026-03-03">Diweddarwyd ddiwethaf 3 Mawrth 2026</time>' in welsh
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<url><loc>https://example.org/mpw/about.html</loc><lastmod>2026-03-03</lastmod></url>" in sitemap
    assert "<url><loc>https://example.org/mpw/cy/about.html</loc><lastmod>2026-03-03</lastmod></url>" in sitemap
    assert "<url><loc>https://example.org/mpw/cy/</loc></url>" in sitemap  # a folder's index is the folder
    for alternate in (
        '<link rel="alternate" hreflang="en" href="https://example.org/mpw/about.html">',
        '<link rel="alternate" hreflang="cy" href="https://example.org/mpw/cy/about.html">',
        '<link rel="alternate" hreflang="x-default" href="https://example.org/mpw/about.html">',
    ):
        assert alternate in welsh and alternate in english
    # The site's title in each language.
    assert "<title>about.md – Mini site</title>" in english
    assert "about.md – Safle bach</title>" in welsh and "Safle bach</a>" in welsh


def test_a_translated_title_for_a_language_the_site_lacks_is_a_problem(mini_content: Path, tmp_path: Path) -> None:
    write(mini_content / "site.toml", 'title = "Mini site"\n[translated.cy]\ntitle = "Safle bach"\n')
    with pytest.raises(ContentError, match=r'site.toml \(translated.cy\): the site is not translated into "cy"'):
        build_site(mini_content, tmp_path / "dist")


def test_the_version_history_page_comes_from_content_and_names_the_current_version(
    real_site: Path, real_content_copy: Path, tmp_path: Path
) -> None:
    history = (real_site / "history.html").read_text(encoding="utf-8")
    assert "FINAL – amended April 2023" in history and "current</strong>" in history
    assert "Assessment file format 2" in history and "June 2022" in history
    # The newest version listed must be the matrix's own.
    matrix = real_content_copy / "matrix/matrix.toml"
    matrix.write_text(matrix.read_text(encoding="utf-8").replace("amended April 2023", "amended May 2025"), "utf-8")
    with pytest.raises(ContentError, match=r"the newest version listed is \"FINAL – amended April 2023\""):
        build_site(real_content_copy, tmp_path / "dist")
