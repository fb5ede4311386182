"""Files for a hosted site's crawlers: sitemap.xml, and robots.txt where crawlers read it."""

from __future__ import annotations

from datetime import date
from html import escape
from urllib.parse import urlsplit

from .render import canonical_url


def is_host_root(base_url: str) -> bool:
    """Whether the site is published at the root of its host (https://example.org/, not …/mpw/)."""
    return urlsplit(base_url).path in ("", "/")


def robots_note(base_url: str) -> str:
    """Why a site under a sub-path has no robots.txt, and what to do instead."""
    parts = urlsplit(base_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    return (
        f"Left out robots.txt: crawlers read it only at {root}robots.txt, not under {parts.path}; to point "
        f"them at the sitemap, add the line `Sitemap: {base_url}sitemap.xml` to the host's own robots.txt."
    )


def publishing_files(outputs: list[str], base_url: str, updated: dict[str, date] | None = None) -> dict[str, str]:
    """sitemap.xml (with <lastmod> for pages whose front matter says when they were updated) for a
    hosted site, and robots.txt when the site is the root of its host, the only place crawlers read
    it; nothing for a relative (USB) build."""
    if not base_url:
        return {}
    updated = updated or {}
    entries = []
    for output in sorted(outputs):
        lastmod = f"<lastmod>{updated[output].isoformat()}</lastmod>" if output in updated else ""
        # html.escape, not xml.sax.saxutils.escape: the same for XML text, without loading urllib.request.
        entries.append(f"  <url><loc>{escape(canonical_url(base_url, output), quote=False)}</loc>{lastmod}</url>")
    sitemap = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *entries,
        "</urlset>",
    ]
    files = {"sitemap.xml": "\n".join(sitemap) + "\n"}
    if is_host_root(base_url):
        files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n"
    return files
