"""The one Worker a page may start: the Content Security Policy of a page that carries a Worker's
script as data (a <script data-worker> data block) allows a Worker from a blob: URL, and no other
page's does."""

from __future__ import annotations

from mpw_static import csp
from mpw_static.cache import BuildCache

WORKER_BLOCK = '<script type="application/json" id="w" data-worker>"self.onmessage = null"</script>'


def test_a_page_carrying_a_workers_script_may_start_it_from_a_blob_url_and_nothing_else() -> None:
    page = csp.scan_page(f"<script>run()</script>{WORKER_BLOCK}")
    assert page.starts_workers and page.scripts == ["run()"]  # the Worker's script is data, not a script of the page
    policy = csp.policy_for(page)
    assert "; worker-src blob:;" in policy
    assert "script-src 'self' 'sha256-" in policy and "blob:" not in policy.split("worker-src")[0]
    assert "unsafe" not in policy


def test_no_other_page_may_start_a_worker() -> None:
    for html in (
        "<script>run()</script>",
        '<script type="application/json" id="mpw-assessment-data">{"data-worker": 1}</script>',
        '<p data-workers="x">data-worker</p>',
    ):
        page = csp.scan_page(html)
        assert not page.starts_workers, html
        assert "worker-src" not in csp.policy_for(page), html


def test_the_policy_put_in_the_page_and_its_header_say_the_same() -> None:
    secured, policy, problems = csp.apply_policy(
        "programme.html", f"<head>{csp.PLACEHOLDER}</head>{WORKER_BLOCK}", None, BuildCache()
    )
    assert problems == [] and "worker-src blob:" in policy and policy in secured
    assert f"  Content-Security-Policy: {policy}; frame-ancestors 'none'" in csp.headers_file(
        {"programme.html": policy}
    )
