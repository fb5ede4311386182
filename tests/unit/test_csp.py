"""The Content Security Policy stage: what counts as inline code, its hashes, and what is refused."""

from __future__ import annotations

import base64
import hashlib

from mpw_static import csp
from mpw_static.cache import BuildCache


def test_hash_is_the_base64_sha256_of_the_exact_code() -> None:
    code = "alert(1)"
    expected = base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode()
    assert csp.sha256_source(code) == f"'sha256-{expected}'"
    assert csp.sha256_source(code + " ") != csp.sha256_source(code)


def test_scan_finds_inline_code_but_not_data_blocks_or_files() -> None:
    page = csp.scan_page(
        '<script>run()</script><script type="module">mod()</script>'
        '<script type="application/json">{"a": "</p>"}</script><script src="x.js"></script>'
        "<style>p { color: red }</style>"
    )
    assert page.scripts == ["run()", "mod()"]
    assert page.styles == ["p { color: red }"]


def test_policy_starts_from_none_and_allows_only_own_files_and_hashes() -> None:
    page = csp.scan_page("<script>run()</script>")
    policy = csp.policy_for(page)
    assert policy.startswith("default-src 'none'; ")
    assert f"script-src 'self' {csp.sha256_source('run()')};" in policy
    assert "style-src 'self';" in policy
    assert "connect-src 'none'" in policy and "form-action 'none'" in policy and "base-uri 'none'" in policy
    assert "unsafe" not in policy and "*" not in policy


def test_apply_policy_replaces_the_placeholder_and_covers_every_inline_script() -> None:
    html = f"<head>{csp.PLACEHOLDER}</head><body><script>go()</script><style>b{{}}</style></body>"
    secured, policy, problems = csp.apply_policy("page.html", html, None, BuildCache())
    assert problems == []
    assert csp.PLACEHOLDER not in secured
    assert f'<meta http-equiv="Content-Security-Policy" content="{policy}">' in secured
    assert csp.uncovered_code(secured) == []


def test_uncovered_code_names_a_script_the_policy_lacks() -> None:
    secured, _, _ = csp.apply_policy(
        "page.html", f"<head>{csp.PLACEHOLDER}</head><script>go()</script>", None, BuildCache()
    )
    tampered = secured.replace("<script>go()</script>", "<script>steal()</script>")
    assert csp.uncovered_code(tampered) == ["steal()"]


def test_inline_handlers_and_style_attributes_are_problems_with_their_line() -> None:
    html = f'<head>{csp.PLACEHOLDER}</head>\n<button onclick="go()">Go</button>\n<p style="color:red">x</p>'
    _, _, problems = csp.apply_policy("page.html", html, None, BuildCache())
    assert [problem.describe() for problem in problems] == [
        "page.html, line 2 (<button onclick=...>): the page has an inline `onclick` attribute, which the "
        "Content Security Policy blocks\n   Hint: move the code into a .js file in the theme's static/js "
        "and the styling into a CSS class",
        "page.html, line 3 (<p style=...>): the page has an inline `style` attribute, which the "
        "Content Security Policy blocks\n   Hint: move the code into a .js file in the theme's static/js "
        "and the styling into a CSS class",
    ]


def test_a_page_without_the_placeholder_is_a_problem() -> None:
    _, _, problems = csp.apply_policy("page.html", "<head></head>", None, BuildCache())
    assert problems[0].message == "the page has no Content Security Policy placeholder"


def test_headers_file_gives_each_page_its_policy_and_the_site_its_headers() -> None:
    text = csp.headers_file({"index.html": "default-src 'none'", "domains/a.html": "default-src 'none'; x"})
    assert "/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n" in text
    assert "\n/\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\n" in text
    assert "\n/index.html\n  Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\n" in text
    assert "\n/domains/a.html\n  Content-Security-Policy: default-src 'none'; x; frame-ancestors 'none'\n" in text


def test_attribute_look_alikes_in_code_and_text_are_not_problems_but_any_case_of_a_handler_is() -> None:
    """The scan looks at tags only: "one =" in a script or in prose is no attribute; ONCLICK= is one."""
    html = f"<head>{csp.PLACEHOLDER}</head>\n<script>var one = 1, style = 2</script>\n<p>if one = two, style = x</p>"
    assert csp.apply_policy("page.html", html, None, BuildCache())[2] == []
    _, _, problems = csp.apply_policy("page.html", html + '\n<a href="#" ONCLICK="go()">x</a>', None, BuildCache())
    assert [(problem.line, problem.place) for problem in problems] == [(4, "<a onclick=...>")]
