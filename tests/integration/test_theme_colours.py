"""A theme's colours reach the discussion charts and the error styles: they are custom properties."""

from __future__ import annotations

import re

from support import ROOT

SITE_CSS = (ROOT / "themes/default/static/css/site.css").read_text(encoding="utf-8")


def rules(selector_pattern: str) -> str:
    return " ".join(re.findall(selector_pattern + r"[^{]*\{([^}]*)\}", SITE_CSS))


def test_chart_and_error_colours_are_custom_properties() -> None:
    for selector in (
        r"\.seg-\d",
        r"\.seg-text",
        r"\.pattern-(?:light|dark)",
        r"\.notice",
        r"\.error-summary",
        r"\.button-warning",
        r"\.preview-error",
    ):
        declarations = rules(selector)
        assert declarations, selector
        assert not re.search(r"#[0-9a-fA-F]{3,6}", declarations.replace("color: #fff;", "")), (selector, declarations)


def test_the_example_theme_recolours_the_charts() -> None:
    brand = (ROOT / "themes/example-health-board/static/css/brand.css").read_text(encoding="utf-8")
    assert "--chart-s5: #4b2a6b" in brand
