"""Content Security Policy: computed per page at build time from what the page really contains.

Every page starts from `default-src 'none'`. Scripts and styles may come only from the site's own
files or, for inline code, by the sha256 hash of that exact code. Nothing may connect out, be
framed, or submit a form. A page that carries a Worker's script as data may start that Worker from
a blob: URL (worker-src blob:); no other page may start one. Inline event handlers and style=""
attributes cannot be allowed by a hash, so a page that has them is a build error, not a weaker policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field

from .cache import BuildCache
from .problems import Problem

PLACEHOLDER = "<!--mpw-csp-->"
META_PATTERN = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

# <script type="..."> values a browser runs; anything else (such as application/json) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

# Headers for hosts that read a _headers file; frame-ancestors only works as a real header.
EXTRA_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


# Inline code: a <script> or <style> element and its text, up to the matching end tag (which is how
# the HTML parser ends them too: their text cannot hold an end tag of the same name).
INLINE_CODE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
START_TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
FORBIDDEN_ATTRIBUTE = re.compile(r"""\s(on[a-z]+|style)\s*=""", re.I)
TYPE_ATTRIBUTE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)
SRC_ATTRIBUTE = re.compile(r"\ssrc\s*=", re.I)
WORKER_ATTRIBUTE = re.compile(r"\sdata-worker(?=[\s=>]|$)", re.I)


@dataclass
class PageScan:
    """What one page holds that a policy must know about: inline code and forbidden attributes.

    A scan by regular expressions, not a full parser: the pages are the build's own output, so their
    tags are well formed.
    """

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    # The page carries a Worker's script as data (a <script data-worker> data block), which its own
    # code starts from a blob: URL: the one kind of Worker a page may start, and only such a page.
    starts_workers: bool = False
    forbidden: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, attribute)


def scan(html: str, cache: BuildCache) -> PageScan:
    """Scan a page (remembered: serve's rebuilds mostly produce pages identical to the last build's)."""
    return cache.scans.get(html, lambda: scan_page(html))


def scan_page(html: str) -> PageScan:
    """Find a page's inline code and forbidden attributes."""
    page = PageScan()
    for match in INLINE_CODE.finditer(html):
        tag, attributes, code = match.group(1).lower(), match.group(2), match.group(3)
        if tag == "style":
            page.styles.append(code)
        elif not SRC_ATTRIBUTE.search(attributes):
            kind = TYPE_ATTRIBUTE.search(attributes)
            if (kind.group(1).lower() if kind else "") in SCRIPT_TYPES:
                page.scripts.append(code)
            elif WORKER_ATTRIBUTE.search(attributes):
                page.starts_workers = True
    # Looking at every tag is most of a scan, so first look for anything like such an attribute at all:
    # nearly every page has none, and the single file's only look-alikes are in its scripts.
    if not FORBIDDEN_ATTRIBUTE.search(html):
        return page
    # Blank out inline code, keeping its line breaks, so attribute-like text in it is not read as tags.
    outside_code = INLINE_CODE.sub(lambda m: "<" + m.group(1) + m.group(2) + ">" + "\n" * m.group(3).count("\n"), html)
    if not FORBIDDEN_ATTRIBUTE.search(outside_code):
        return page
    for match in START_TAG.finditer(outside_code):
        for attribute in FORBIDDEN_ATTRIBUTE.findall(match.group(2)):
            line = outside_code.count("\n", 0, match.start()) + 1
            page.forbidden.append((line, match.group(1).lower(), attribute.lower()))
    return page


def sha256_source(code: str) -> str:
    """The CSP source expression that allows exactly this inline code."""
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy_for(page: PageScan, preview: dict[str, str] | None = None) -> str:
    """The policy for a page: its own files plus the hashes of its inline code, and nothing else.
    `preview` (live preview only) adds the reload script livereload injects and its connection."""
    preview = preview or {}
    scripts = " ".join(
        [
            "'self'",
            *sorted({sha256_source(code) for code in page.scripts}),
            *([preview["script"]] if "script" in preview else []),
        ]
    )
    styles = " ".join(["'self'", *sorted({sha256_source(code) for code in page.styles})])
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {scripts}",
            f"style-src {styles}",
            "img-src 'self' data:",
            "font-src 'self'",
            # Only a Worker made from a blob: URL by the page's own script (it inherits this policy).
            *(["worker-src blob:"] if page.starts_workers else []),
            f"connect-src {preview['connect']}" if "connect" in preview else "connect-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ]
    )


def forbidden_problems(output: str, page: PageScan) -> list[Problem]:
    """Inline handlers and style attributes, which no hash can allow, named by page and line."""
    return [
        Problem(
            output,
            f"<{tag} {attribute}=...>",
            f"the page has an inline `{attribute}` attribute, which the Content Security Policy blocks",
            "move the code into a .js file in the theme's static/js and the styling into a CSS class",
            line=line,
        )
        for line, tag, attribute in page.forbidden
    ]


def apply_policy(
    output: str, html: str, preview: dict[str, str] | None, cache: BuildCache
) -> tuple[str, str, list[Problem]]:
    """Put the page's computed policy in place of its placeholder; return the page, its policy and
    what no policy can allow. Raise PolicyBug if the finished page's policy misses any of its code."""
    if PLACEHOLDER not in html:
        return (
            html,
            "",
            [
                Problem(
                    output,
                    "<head>",
                    "the page has no Content Security Policy placeholder",
                    f"put {PLACEHOLDER} right after <meta charset> in the base template",
                )
            ],
        )
    page = scan(html, cache)
    policy = policy_for(page, preview)
    secured = html.replace(PLACEHOLDER, f'<meta http-equiv="Content-Security-Policy" content="{policy}">', 1)
    # The policy takes the place of a comment outside the page's code, so the finished page holds the
    # code that was scanned, and is not scanned again; only a placeholder inside code would change it.
    inside_code = any(PLACEHOLDER in code for code in page.scripts + page.styles)
    finished = scan_page(secured) if inside_code else page
    if any(sha256_source(code) not in policy for code in finished.scripts + finished.styles):
        raise PolicyBug(f"{output}: inline code on the page is missing from its Content Security Policy")
    return secured, policy, forbidden_problems(output, page)


class PolicyBug(Exception):
    """A page's policy would block code of its own: a bug in mpw-static, since the policy is computed
    from the page. The build stops rather than publish a page whose scripts would not run."""


def uncovered_code(html: str) -> list[str]:
    """Inline scripts and styles of a finished page whose hash its own policy lacks ([] when all are covered)."""
    match = META_PATTERN.search(html)
    policy = match.group(1) if match else ""
    page = scan_page(html)
    return [code for code in page.scripts + page.styles if sha256_source(code) not in policy]


def headers_file(policies: dict[str, str]) -> str:
    """A _headers file (read by Netlify, Cloudflare Pages and others) with the same policies as real headers.

    Each HTML page gets its own block because pages may differ in hashes, and two CSP headers on
    one response would both be enforced.
    """
    lines = ["# Security headers for static hosts that read a _headers file; written by mpw-static.", "/*"]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS.items()]
    for output, policy in sorted(policies.items()):
        paths = [f"/{output}"]
        if output == "index.html" or output.endswith("/index.html"):
            paths.insert(0, "/" + output[: -len("index.html")])
        for path in paths:
            lines += ["", path, f"  Content-Security-Policy: {policy}; frame-ancestors 'none'"]
    return "\n".join(lines) + "\n"
