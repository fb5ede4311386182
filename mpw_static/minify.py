"""Smaller scripts and stylesheets for the built site: comments and spare white space removed.

The sources in themes/ keep their comments for the people who maintain them; visitors, who may be
on a slow connection or an old council laptop, get the minified files (rjsmin and rcssmin are
small, long-kept minifiers that never rename anything, so the code runs exactly as written).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import rcssmin
import rjsmin


@lru_cache(maxsize=64)
def _minify(path: Path, modified: int) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        return rjsmin.jsmin(text).strip() + "\n"
    return rcssmin.cssmin(text).strip() + "\n"


def minified(path: Path) -> str:
    """A .js or .css file's text, minified; cached until the file changes (for serve's rebuilds)."""
    return _minify(path, path.stat().st_mtime_ns)


def is_minifiable(path: str) -> bool:
    return path.endswith((".js", ".css"))
