"""What a build remembers: within one build, and for the next build in the same process.

`serve` rebuilds the site after every save, and most of that work is the same as last time. Everything
remembered lives in one BuildCache that the caller makes and passes along (serve keeps one for all its
rebuilds; a plain build makes its own), so what is kept, and why, is visible here. There is no
cache for the process: each is owned by whoever made it. Each entry is keyed by the text or the file
state it was made from, so it cannot go stale. (A few pure functions keep their own memo, as what
they remember can never differ from what they would compute: render.relative_link, of two paths, and
the file format's schema and page rule, of the matrix's indicator ids, in assessment_file.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Memo:
    """One store of values made from keys; when full it starts again, which is rare and harmless."""

    limit: int
    values: dict[Hashable, Any] = field(default_factory=dict)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value for key, made the first time it is asked for."""
        if key not in self.values:
            if len(self.values) >= self.limit:
                self.values.clear()
            self.values[key] = make()
        return self.values[key]


@dataclass
class BuildCache:
    """Everything the build remembers, store by store."""

    toml: Memo = field(default_factory=lambda: Memo(256))  # parsed TOML, by the file's text
    markdown: Memo = field(default_factory=lambda: Memo(512))  # converted Markdown, by block, page and links
    environments: Memo = field(default_factory=lambda: Memo(8))  # Jinja environments, by theme folders
    inserts: Memo = field(default_factory=lambda: Memo(8))  # the macros inserts.html defines, by its text
    scans: Memo = field(default_factory=lambda: Memo(256))  # pages scanned for their policy, by HTML
    hooks: Memo = field(default_factory=lambda: Memo(256))  # pages checked for the app's hooks, by HTML
    sections: Memo = field(default_factory=lambda: Memo(256))  # pages cut into search sections, by HTML
    minified: Memo = field(default_factory=lambda: Memo(64))  # minified JS and CSS, by file and modification time
    # Each language's pages as last rendered, with what they were made from (render.RenderedBefore):
    # after an edit to one page's text, the pages that did not read it are not rendered again.
    renders: dict[str, Any] = field(default_factory=dict)
    # What the last build with this cache wrote into each output folder, so that the next one (serve's
    # rebuild into its own folder) writes only what differs. A plain build's cache is new, so it
    # writes the whole site into a new folder and swaps it in.
    outputs: dict[Any, Any] = field(default_factory=dict)
