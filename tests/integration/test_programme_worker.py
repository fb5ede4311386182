"""The across-services page's Worker in the built site: its script is the page's own pure modules
and the Worker's loop, as the site serves them, and only that page's policy lets it start."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mpw_static.app import PROGRAMME_SCRIPTS, PROGRAMME_WORKER_ID, PROGRAMME_WORKER_SCRIPTS

BLOCK = re.compile(rf'<script type="application/json" id="{PROGRAMME_WORKER_ID}" data-worker>(.*?)</script>', re.S)


def test_the_workers_script_is_the_sites_own_files_joined(real_site: Path) -> None:
    for page in ("programme.html", "cy/programme.html"):
        found = BLOCK.search((real_site / page).read_text(encoding="utf-8"))
        assert found, page
        script = json.loads(found.group(1))
        assert script == "".join(
            (real_site / path).read_text(encoding="utf-8") + "\n;\n" for path in PROGRAMME_WORKER_SCRIPTS
        )
    # The pure modules it shares with the page are the ones the page loads; its loop is its own.
    assert set(PROGRAMME_WORKER_SCRIPTS) - set(PROGRAMME_SCRIPTS) == {
        "static/js/core/dom.js",
        "static/js/programme/worker.js",
    }


def test_only_the_across_services_pages_may_start_a_worker(real_site: Path) -> None:
    policies = {
        page.relative_to(real_site).as_posix(): re.search(
            r'http-equiv="Content-Security-Policy" content="([^"]*)"', page.read_text(encoding="utf-8")
        ).group(1)
        for page in real_site.rglob("*.html")
    }
    assert {page for page, policy in policies.items() if "worker-src" in policy} == {
        "programme.html",
        "cy/programme.html",
    }
    assert "; worker-src blob:;" in policies["programme.html"]
    headers = (real_site / "_headers").read_text(encoding="utf-8")
    assert headers.count("worker-src blob:") == 2
