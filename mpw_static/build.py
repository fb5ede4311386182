"""The build pipeline in one place: load -> validate -> render -> write."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from .assessment_file import assessment_schema
from .load import load_framework
from .models import Framework
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
    pages = render_site(framework, theme)
    ids = [indicator.id for indicator in framework.indicators]
    generated = {"assessment.schema.json": json.dumps(assessment_schema(ids), indent=2, ensure_ascii=False) + "\n"}
    files = theme.static_files()
    write_site({**pages, **generated}, files, out_dir)
    return BuildResult(len(pages), len(files) + len(generated), time.perf_counter() - started, out_dir)
