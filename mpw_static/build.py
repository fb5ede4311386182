"""The build pipeline in one place: load -> validate -> render -> write."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from . import csp
from .assessment_file import assessment_schema
from .load import load_framework
from .models import Framework
from .problems import ContentError, Problem
from .render import Theme, known_inserts, make_environment, render_site, site_files
from .validate import check_framework
from .write import write_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    out_dir: Path


def load_and_check(content_dir: Path, theme: Theme) -> Framework:
    """Load the content and run the cross-file checks; raise ContentError on any problem."""
    framework = load_framework(content_dir)
    check_framework(framework, known_inserts(make_environment(theme)), site_files(framework))
    return framework


def build_site(content_dir: Path, out_dir: Path, theme_dir: Path | None = None) -> BuildResult:
    """Build the whole site from content_dir into out_dir. Nothing is written unless every stage succeeds."""
    started = time.perf_counter()
    theme = Theme.at(theme_dir)
    framework = load_and_check(content_dir, theme)
    pages = secure_pages(render_site(framework, theme))
    ids = [indicator.id for indicator in framework.indicators]
    generated = {
        "assessment.schema.json": json.dumps(assessment_schema(ids), indent=2, ensure_ascii=False) + "\n",
        "_headers": csp.headers_file({output: policy_of(html) for output, html in pages.items()}),
    }
    files = theme.static_files()
    write_site({**pages, **generated}, files, out_dir)
    return BuildResult(len(pages), len(files) + len(generated), time.perf_counter() - started, out_dir)


def secure_pages(pages: dict[str, str]) -> dict[str, str]:
    """Give every page its computed Content Security Policy; fail on anything a policy cannot allow."""
    secured: dict[str, str] = {}
    problems: list[Problem] = []
    for output, html in pages.items():
        secured[output], found = csp.apply_policy(output, html)
        problems += found
        problems += [
            Problem(output, "<head>", "inline code on the page is missing from its Content Security Policy",
                    "report this as a bug in mpw-static: the policy is computed from the page")
            for _ in csp.uncovered_code(secured[output])[:1]
        ]
    if problems:
        raise ContentError(problems)
    return secured


def policy_of(html: str) -> str:
    match = csp.META_PATTERN.search(html)
    return match.group(1) if match else ""
