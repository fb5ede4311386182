"""The Content Security Policy holds in Chromium: the site's own code runs, anything else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from mpw_static.build import build_site
from support import watch_for_errors, write

pytestmark = pytest.mark.browser

INLINE_CODE = "document.getElementById('inline-ran').textContent = 'yes'"


@pytest.fixture
def inline_site(mini_content: Path, tmp_path: Path) -> Path:
    """A fixture site whose theme puts one inline script on the home page."""
    theme = tmp_path / "theme"
    write(
        theme / "templates/home.html",
        """
        {% extends "base.html" %}
        {% block main %}<h1>{{ page.title }}</h1><p id="inline-ran">no</p>{% endblock %}
        {% block scripts %}<script>"""
        + INLINE_CODE
        + """</script>{% endblock %}
    """,
    )
    build_site(mini_content, tmp_path / "dist", theme)
    return tmp_path / "dist"


def open_home(browser: Browser, site: Path) -> tuple[str, list[str]]:
    page = browser.new_page()
    errors = watch_for_errors(page)
    page.goto((site / "index.html").as_uri())
    text = page.text_content("#inline-ran")
    page.close()
    return text, errors


def test_inline_script_allowed_by_its_hash_runs_on_file(browser: Browser, inline_site: Path) -> None:
    assert open_home(browser, inline_site) == ("yes", [])


def test_inline_script_changed_after_the_build_is_refused(browser: Browser, inline_site: Path) -> None:
    home = inline_site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("'yes'", "'injected'"), encoding="utf-8")
    text, errors = open_home(browser, inline_site)
    assert text == "no"
    assert len(errors) == 1 and "Content Security Policy" in errors[0]


def test_hosted_pages_carry_the_policy_and_headers_as_real_headers(browser: Browser, hosted_site: str) -> None:
    page = browser.new_page()
    for name in ("index.html", "assess.html", "domains/buy-in.html"):
        response = page.goto(hosted_site + name)
        headers = response.headers
        assert headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
        assert headers["content-security-policy"].endswith("frame-ancestors 'none'")
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    page.close()
