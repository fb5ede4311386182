"""The assessment app belongs to the generator: a theme cannot silently break saving."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpw_static.app import app_files
from mpw_static.build import build_site, load_and_check
from mpw_static.cache import BuildCache
from mpw_static.minify import minified
from mpw_static.problems import ContentError
from support import ROOT, write

DEFAULT_TOOL = ROOT / "themes/default/templates/assessment-tool.html"


def test_a_theme_that_drops_a_hook_stops_the_build_naming_template_and_hook(
    real_content_copy: Path, tmp_path: Path
) -> None:
    theme = tmp_path / "careless-theme"
    write(
        theme / "templates/assessment-tool.html",
        DEFAULT_TOOL.read_text(encoding="utf-8").replace(' data-role="status"', ""),
    )
    out = tmp_path / "dist"
    write(out / "index.html", "the previous site")
    with pytest.raises(ContentError) as raised:
        build_site(real_content_copy, out, theme_dir=theme)
    message = str(raised.value)
    assert (
        f"{theme / 'templates/assessment-tool.html'} (assess.html): the assessment page has no element "
        "matching [data-role=\"status\"], which the page's script needs to save a team's work" in message
    )
    assert "(cy/assess.html)" in message and "(mpw-development-matrix.html)" in message
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"  # nothing written


def test_a_theme_cannot_replace_an_app_file_without_saying_so(real_content_copy: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    write(theme / "static/js/format/format.js", "/* a theme's own copy */ window.broken = true\n")
    _, _, warnings = load_and_check(real_content_copy, theme)
    assert [w.describe() for w in warnings if "assessment app" in w.message] == [
        f"{theme.resolve() / 'static/js/format/format.js'}: warning: static/js/format/format.js belongs to the "
        "assessment app, so mpw-static's own is used instead\n   Hint: restyle with CSS, strings and templates; "
        'to replace it anyway, add override_app = ["static/js/format/format.js"] to theme.toml'
    ]
    build_site(real_content_copy, tmp_path / "dist", theme_dir=theme)
    built = (tmp_path / "dist/static/js/format/format.js").read_text(encoding="utf-8")
    assert built == minified(app_files()["static/js/format/format.js"], BuildCache())
    with pytest.raises(ContentError):
        load_and_check(real_content_copy, theme, strict=True)


def test_a_theme_may_replace_an_app_file_when_its_config_says_so(real_content_copy: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    write(theme / "static/js/format/format.js", "window.replaced = true\n")
    write(theme / "theme.toml", 'override_app = ["static/js/format/format.js"]\n')
    _, _, warnings = load_and_check(real_content_copy, theme)
    assert any("the theme replaces the assessment app's static/js/format/format.js" in w.message for w in warnings)
    build_site(real_content_copy, tmp_path / "dist", theme_dir=theme)
    assert "window.replaced" in (tmp_path / "dist/static/js/format/format.js").read_text(encoding="utf-8")


def test_the_default_theme_holds_no_app_code() -> None:
    assert not list((ROOT / "themes/default/static/js").glob("*.js"))


def test_a_theme_that_drops_a_hook_from_the_across_services_page_stops_the_build(
    real_content_copy: Path, tmp_path: Path
) -> None:
    theme = tmp_path / "careless-theme"
    page = ROOT / "themes/default/templates/programme.html"
    write(theme / "templates/programme.html", page.read_text(encoding="utf-8").replace(' data-role="progress"', ""))
    with pytest.raises(ContentError) as raised:
        build_site(real_content_copy, tmp_path / "dist", theme_dir=theme)
    assert (
        f"{theme / 'templates/programme.html'} (programme.html): the across-services page has no element matching "
        '[data-role="progress"], which its script needs to read files' in str(raised.value)
    )
