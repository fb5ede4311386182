"""What the independent checks found in the pages and the validate command (issue 12, items 11–16)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from mpw_static.build import BuildOptions, build_site
from support import REAL_CONTENT, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "discussion"
EXAMPLE_THEME = ROOT / "themes" / "example-health-board"


def run_validate(cwd: Path, *files: Path) -> subprocess.CompletedProcess:
    """The installed command, run the way a programme lead would: from the folder holding the files."""
    return subprocess.run(
        [sys.executable, "-m", "mpw_static", "validate", *map(str, files)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_validate_checks_assessment_files_from_any_folder(tmp_path: Path) -> None:
    """Item 11: outside the project it said "content/… file not found" unless given --content."""
    good = tmp_path / "team-a.json"
    good.write_bytes((FIXTURES / "member-a.json").read_bytes())
    bad = tmp_path / "team-b.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["ratings"]["9.9"] = {"statement": 2, "evidence": None, "note": ""}
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = run_validate(tmp_path, good.name)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "team-a.json: valid assessment (8 of 45 rated)\n",
        "",
    )
    result = run_validate(tmp_path, good.name, bad.name)
    assert result.returncode == 1
    assert "team-b.json" in result.stderr and "9.9" in result.stderr and "content" not in result.stderr


def test_validate_with_content_still_checks_the_content_and_uses_its_matrix(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mpw_static",
            "validate",
            "--content",
            str(REAL_CONTENT),
            str(FIXTURES / "member-a.json"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Content is valid: 8 domains, 45 indicators")
    assert result.stdout.endswith("member-a.json: valid assessment (8 of 45 rated)\n")


def nav_labels(html: str) -> list[str]:
    return re.findall(r'<nav\b[^>]*aria-label="([^"]*)"', html)


def test_every_landmark_on_a_page_has_its_own_name(real_site: Path) -> None:
    """Item 12: the domain pages had two navs both named "Domains of the Development Matrix"."""
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        labels = nav_labels(page.read_text(encoding="utf-8"))
        assert len(labels) == len(set(labels)), f"{page.relative_to(real_site)}: {labels}"
    domain = (real_site / "domains/buy-in.html").read_text(encoding="utf-8")
    assert "Domains of the Development Matrix" in nav_labels(domain)
    assert "Previous and next domain" in nav_labels(domain)


def test_hreflang_alternates_are_absolute_with_a_base_url(tmp_path: Path) -> None:
    """Item 13: the canonical link was absolute, the hreflang alternates relative."""
    out = tmp_path / "dist"
    build_site(REAL_CONTENT, out, options=BuildOptions(base_url="https://example.org/mpw/"))
    domain = (out / "cy/domains/buy-in.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', domain))
    assert alternates == {
        "en": "https://example.org/mpw/domains/buy-in.html",
        "cy": "https://example.org/mpw/cy/domains/buy-in.html",
    }
    for page in ("index.html", "assess.html"):  # each alternate is the other page's own canonical address
        alternates = dict(
            re.findall(
                r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', (out / page).read_text(encoding="utf-8")
            )
        )
        canonical = {
            language: re.search(
                r'<link rel="canonical" href="([^"]+)">', (out / prefix / page).read_text(encoding="utf-8")
            ).group(1)
            for language, prefix in (("en", ""), ("cy", "cy"))
        }
        assert alternates == canonical


def test_hreflang_alternates_stay_relative_without_a_base_url(real_site: Path) -> None:
    domain = (real_site / "domains/buy-in.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="cy" href="../cy/domains/buy-in.html">' in domain


def test_the_single_file_edition_has_a_description(real_site: Path) -> None:
    """Item 14."""
    single = (real_site / "mpw-development-matrix.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)">', single)
    assert description and "Development Matrix" in description.group(1)


def test_test_question_headings_are_real_headings(real_site: Path) -> None:
    """Item 15: "WHAT IS THE PURPOSE…" was a bold paragraph under the set's h2 (an h2 domain on assess.html)."""
    domain = (real_site / "domains/buy-in.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 class="question-heading">WHAT IS THE PURPOSE', domain)
    assert "<strong>WHAT IS THE PURPOSE" not in domain
    assess = (real_site / "assess.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 class="question-heading"[^>]*>WHAT IS THE PURPOSE', assess)


def test_an_empty_brand_stylesheet_is_not_requested_and_scripts_are_deferred(real_site: Path, tmp_path: Path) -> None:
    """Item 16: the default theme's brand.css holds only a comment, yet blocked rendering on every page."""
    for page in sorted(real_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "brand.css" not in html, page.name
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html):
            assert " defer" in tag, f"{page.name}: {tag}"
    themed = tmp_path / "dist"
    build_site(REAL_CONTENT, themed, options=BuildOptions(theme_dir=EXAMPLE_THEME))
    assert '<link rel="stylesheet" href="static/css/brand.css">' in (themed / "index.html").read_text(encoding="utf-8")
    assert "--brand:#4b2a6b" in (themed / "mpw-development-matrix.html").read_text(encoding="utf-8")
