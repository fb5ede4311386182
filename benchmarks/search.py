"""Search in Chromium, from file://: the size of what it loads, and the time from typing to results.

Timed inside the page, from the input event of the search box to the first result being drawn:
the first query of a visit includes loading MiniSearch and the documents and indexing them; the
queries after it are served from the index already built.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from .browser import chromium

QUERIES = ["carers", "information sharing", "leadership", "staff wellbeing", "digital", "governance"]

# Note the time of each input event, and of the first change to the results after it.
WATCH = """() => {
  const T = window.__search = { times: [] }
  document.querySelector('#site-search-input').addEventListener('input', () => { T.start = performance.now() }, true)
  new MutationObserver(() => {
    if (T.start !== undefined) { T.times.push(performance.now() - T.start); T.start = undefined }
  }).observe(document.querySelector('[data-role="search-results"]'), { childList: true })
}"""


def sizes(site: Path) -> dict[str, float]:
    """Bytes of each language's documents and of the library: raw and gzipped, in KB."""
    found = {}
    for path in [*sorted((site / "static/search").glob("*.js")), site / "static/vendor/minisearch.js"]:
        data = path.read_bytes()
        found[path.stem] = (len(data) / 1000, len(gzip.compress(data, 9)) / 1000)
    return found


def one_visit(browser, url: str) -> list[float]:
    """The time to results of each query of one visit, the first (cold) one first."""
    page = browser.new_page()
    page.goto(url)
    page.evaluate(WATCH)
    for query in QUERIES:
        page.fill("#site-search-input", query)
        page.wait_for_function("n => window.__search.times.length >= n", arg=QUERIES.index(query) + 1)
    times = page.evaluate("window.__search.times")
    page.close()
    return times


def measure(site: Path, repeats: int) -> dict[str, float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        visits = [one_visit(browser, (site / "framework.html").as_uri()) for _ in range(repeats)]
        browser.close()
    return {
        "cold": statistics.median(visit[0] for visit in visits),
        "warm": statistics.median(time for visit in visits for time in visit[1:]),
        "warm/max": max(time for visit in visits for time in visit[1:]),
    }
