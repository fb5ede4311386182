"""Smaller scripts and stylesheets for the built site: comments and spare white space removed.

The sources in themes/ keep their comments for the people who maintain them; visitors, who may be
on a slow connection or an old council laptop, get the minified files (rjsmin and rcssmin are
small, long-kept minifiers that never rename anything, so the code runs exactly as written).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

from .cache import BuildCache


def _minify(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        return rjsmin.jsmin(text).strip() + "\n"
    return rcssmin.cssmin(text).strip() + "\n"


def minified(path: Path, cache: BuildCache) -> str:
    """A .js or .css file's text, minified; remembered until the file changes (for serve's rebuilds)."""
    return cache.minified.get((path, path.stat().st_mtime_ns), lambda: _minify(path))


def is_minifiable(path: str) -> bool:
    return path.endswith((".js", ".css"))
