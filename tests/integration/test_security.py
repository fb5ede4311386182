"""Every built page carries a Content Security Policy that matches what the page contains."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpw_static import csp
from mpw_static.build import build_site
from mpw_static.problems import ContentError
from support import write

INLINE_THEME_PAGE = """
    {% extends "base.html" %}
    {% block main %}<h1>{{ page.title }}</h1><p id="inline-ran">no</p>{% endblock %}
    {% block scripts %}<script>document.getElementById('inline-ran').textContent = 'yes'</script>{% endblock %}
"""


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_a_policy_computed_from_its_own_content(real_site: Path) -> None:
    for path in html_pages(real_site):
        html = path.read_text(encoding="utf-8")
        head = html.split("<head>", 1)[1]
        assert head.startswith('\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"'), path
        match = csp.META_PATTERN.search(html)
        assert match is not None
        assert match.group(1) == csp.policy_for(csp.scan_page(html)), path
        assert match.group(1).startswith("default-src 'none'; script-src 'self'")
        assert csp.uncovered_code(html) == []
        assert csp.scan_page(html).forbidden == [], f"{path} has inline handlers or style attributes"


def test_headers_file_repeats_each_page_policy_as_a_real_header(real_site: Path) -> None:
    headers = (real_site / "_headers").read_text(encoding="utf-8")
    assert "  X-Content-Type-Options: nosniff\n" in headers
    assert "  Referrer-Policy: no-referrer\n" in headers
    for path in html_pages(real_site):
        output = path.relative_to(real_site).as_posix()
        policy = csp.META_PATTERN.search(path.read_text(encoding="utf-8")).group(1)
        assert f"\n/{output}\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n" in headers


def test_a_theme_inline_script_is_allowed_by_its_hash(mini_content: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    write(theme / "templates/home.html", INLINE_THEME_PAGE)
    build_site(mini_content, tmp_path / "dist", theme)
    html = (tmp_path / "dist/index.html").read_text(encoding="utf-8")
    code = "document.getElementById('inline-ran').textContent = 'yes'"
    every_page = "document.documentElement.className += ' js-enabled'"  # base.html's, before first paint
    hashes = sorted([csp.sha256_source(code), csp.sha256_source(every_page)])
    assert f"script-src 'self' {' '.join(hashes)};" in html
    assert csp.uncovered_code(html) == []


def test_a_theme_with_an_inline_handler_fails_the_build_and_writes_nothing(mini_content: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    write(
        theme / "templates/home.html",
        """
        {% extends "base.html" %}
        {% block main %}<button type="button" onclick="go()">Go</button>{% endblock %}
    """,
    )
    with pytest.raises(ContentError) as raised:
        build_site(mini_content, tmp_path / "dist", theme)
    assert "index.html, line " in str(raised.value)
    assert "(<button onclick=...>): the page has an inline `onclick` attribute" in str(raised.value)
    assert not (tmp_path / "dist").exists()


def test_a_page_whose_policy_misses_a_script_hash_fails_the_build(
    mini_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The final check reads each finished page: if the policy ever missed inline code, the build stops."""
    theme = tmp_path / "theme"
    write(theme / "templates/home.html", INLINE_THEME_PAGE)
    computed = csp.policy_for
    # A bug in policy_for that drops the hashes, caught by the real check of the finished page.
    monkeypatch.setattr(csp, "policy_for", lambda page, preview=None: computed(csp.PageScan()))
    with pytest.raises(csp.PolicyBug) as raised:
        build_site(mini_content, tmp_path / "dist", theme)
    assert str(raised.value) == "appendix.html: inline code on the page is missing from its Content Security Policy"
    assert not (tmp_path / "dist").exists()


def test_a_broken_string_catalogue_is_a_content_error_naming_the_file(mini_content: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    write(theme / "strings/en.toml", 'skip_link = "Skip"\nskip_link = "Again"\n')
    with pytest.raises(ContentError) as raised:
        build_site(mini_content, tmp_path / "dist", theme)
    message = str(raised.value)
    assert f"{theme / 'strings/en.toml'}: the string catalogue is not valid TOML: Cannot overwrite a value" in message
    assert "Hint: check the quotes and that each key appears once" in message
