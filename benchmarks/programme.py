"""Across services in Chromium, from file://: a folder of 1,000 and of 10,000 collected files.

Timed inside the page, from the folder input's change event (the moment a person has chosen the
folder) to the view being drawn, so that the test harness's own cost of handing the files over is
left out. While the files are read, a MutationObserver notes each progress update and a 10 ms
heartbeat notes the longest time the page did not answer; the JavaScript heap is sampled too.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .browser import chromium
from .collection import write_collection

# Set up before the folder is chosen; only the page's own elements are watched.
WATCH = """() => {
  const T = window.__programme = { ticks: [], lag: 0, heap: 0 }
  const input = document.querySelector('#programme-folder')
  input.addEventListener('change', () => {
    T.start = performance.now()
    let last = T.start
    const beat = () => {
      const now = performance.now()
      T.lag = Math.max(T.lag, now - last)
      last = now
      T.heap = Math.max(T.heap, performance.memory.usedJSHeapSize)
      if (!T.end) setTimeout(beat, 10)
    }
    beat()
  }, true)
  new MutationObserver(() => T.ticks.push(performance.now()))
    .observe(document.querySelector('[data-role="progress-text"]'), { childList: true, characterData: true, subtree: true })
  new MutationObserver(() => { if (!T.end) T.end = performance.now() })
    .observe(document.querySelector('[data-role="results"]'), { attributes: true, attributeFilter: ['hidden'] })
}"""


def one_run(browser, page_url: str, folder: Path) -> dict[str, float]:
    page = browser.new_page()
    page.goto(page_url)
    page.evaluate(WATCH)
    page.set_input_files("#programme-folder", str(folder))
    page.wait_for_selector('[data-role="results"]:not([hidden])', timeout=120_000)
    page.wait_for_timeout(100)  # the heartbeat's last beat after the view is drawn
    found = page.evaluate("window.__programme")
    page.close()
    ticks = [found["start"], *[tick for tick in found["ticks"] if tick >= found["start"]]]
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    return {
        "shown": found["end"] - found["start"],
        "gap": max(gaps) if gaps else 0.0,
        "gap/median": statistics.median(gaps) if gaps else 0.0,
        "lag": found["lag"],
        "heap": found["heap"] / 1e6,
    }


def measure(site: Path, repeats: int) -> dict[str, float]:
    """Medians over `repeats` runs of 1,000 files, and one run of 10,000 (it takes a while)."""
    url = (site / "programme.html").resolve().as_uri()
    with tempfile.TemporaryDirectory(prefix="mpw-collection-") as scratch:
        small, large = Path(scratch) / "1k", Path(scratch) / "10k"
        write_collection(small, 1_000, seed=1)
        write_collection(large, 10_000, seed=2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), args=["--no-sandbox", "--enable-precise-memory-info"]
            )
            runs = [one_run(browser, url, small) for _ in range(repeats)]
            big = one_run(browser, url, large)
            browser.close()
    figures = {f"1k/{key}": statistics.median(run[key] for run in runs) for key in runs[0]}
    figures.update({f"10k/{key}": value for key, value in big.items()})
    return figures
