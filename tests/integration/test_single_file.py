"""The single-file edition: one HTML file with everything inline, and every link inside it."""

from __future__ import annotations

import re
from pathlib import Path

from mpw_static import csp
from mpw_static.app import SINGLE_FILE_SCRIPTS

SINGLE = "mpw-development-matrix.html"


def test_single_file_holds_the_matrix_guidance_questions_appendix_and_tool(real_site: Path) -> None:
    html = (real_site / SINGLE).read_text(encoding="utf-8")
    assert html.count('class="indicator"') == 45
    assert len(re.findall(r'<input [^>]*data-role="statement"', html)) == 45 * 6
    assert len(re.findall(r'<tr id="rank-\d+"', html)) == 123
    assert html.count("(from RLFfP") >= 5 and "PURPOSE OF THE MATRIX" in html
    assert 'data-module="mpw-assessment"' in html and 'id="mpw-assessment-data"' in html


def test_single_file_needs_no_other_file(real_site: Path) -> None:
    html = (real_site / SINGLE).read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]* src=", html) == []
    assert re.findall(r'<link[^>]* rel="stylesheet"', html) == []
    # the app's scripts with the core they stand on, and the one-line head script that sets js-enabled
    assert html.count("<script>") == len(SINGLE_FILE_SCRIPTS) + 1 and html.count("<style>") == 1
    assert "<script>document.documentElement.className += ' js-enabled'</script>" in html.split("</head>")[0]
    ids = set(re.findall(r' id="([^"]+)"', html))
    for target in re.findall(r' (?:href|src)="([^"]+)"', html):
        if target.startswith(("http://", "https://", "mailto:")) or target == "data:,":
            continue
        assert target.startswith("#"), f"link to another file: {target}"
        assert target[1:] in ids, f"link to a missing place in the file: {target}"
    assert csp.uncovered_code(html) == []


def test_site_pages_link_to_the_single_file(real_site: Path) -> None:
    assert f'<a href="{SINGLE}">' in (real_site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="../{SINGLE}">' in (real_site / "domains/buy-in.html").read_text(encoding="utf-8")
