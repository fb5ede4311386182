"""Across services in Chromium, from file://: a folder of 1,000 and of 10,000 collected files.

Timed inside the page, from the folder input's change event (the moment a person has chosen the
folder) to the view being drawn, so that the test harness's own cost of handing the files over is
left out. While the files are read, a MutationObserver notes each progress update and a 10 ms
heartbeat notes the longest time the page did not answer. The JavaScript heap is that of the page
and of its Worker together (the Worker's, through the DevTools protocol, sampled every 200 ms), and
each run says where the files were checked (the page's data-reading: worker or page).
"""

from __future__ import annotations

import json
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


class Heap:
    """The JavaScript heap of a page and of its Workers, in bytes, read through the DevTools protocol."""

    def __init__(self, browser, page) -> None:
        self.page = page.context.new_cdp_session(page)
        self.browser = browser.new_browser_cdp_session()
        self.answers: dict[int, dict] = {}
        self.browser.on("Target.receivedMessageFromTarget", self.receive)
        self.workers: dict[str, str] = {}  # target id: session id
        self.asked = 0
        self.largest = 0

    def receive(self, event: dict) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            self.answers[message["id"]] = message.get("result", {})

    def worker_heap(self) -> int:
        for target in self.browser.send("Target.getTargets")["targetInfos"]:
            if target["type"] == "worker" and target["targetId"] not in self.workers:
                attached = self.browser.send(
                    "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
                )
                self.workers[target["targetId"]] = attached["sessionId"]
        asked = []
        for session in self.workers.values():
            self.asked += 1
            asked.append(self.asked)
            message = json.dumps({"id": self.asked, "method": "Runtime.getHeapUsage"})
            self.browser.send("Target.sendMessageToTarget", {"sessionId": session, "message": message})
        for _ in range(50):
            if all(number in self.answers for number in asked):
                break
            self.page.send("Runtime.evaluate", {"expression": "0"})  # lets the answers arrive
        return sum(self.answers.pop(number, {}).get("usedSize", 0) for number in asked)

    def sample(self) -> None:
        used = self.page.send("Runtime.getHeapUsage")["usedSize"] + self.worker_heap()
        self.largest = max(self.largest, used)


def one_run(browser, page_url: str, folder: Path) -> dict[str, float]:
    page = browser.new_page()
    page.goto(page_url)
    page.evaluate(WATCH)
    heap = Heap(browser, page)
    page.set_input_files("#programme-folder", str(folder))
    deadline = 600  # × 200 ms
    while page.evaluate("document.querySelector('[data-role=results]').hidden") and deadline:
        heap.sample()
        page.wait_for_timeout(200)
        deadline -= 1
    heap.sample()
    page.wait_for_timeout(100)  # the heartbeat's last beat after the view is drawn
    found = page.evaluate("window.__programme")
    reading = page.get_attribute("[data-module=mpw-programme]", "data-reading") or "page"
    page.close()
    ticks = [found["start"], *[tick for tick in found["ticks"] if tick >= found["start"]]]
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    return {
        "shown": found["end"] - found["start"],
        "gap": max(gaps) if gaps else 0.0,
        "gap/median": statistics.median(gaps) if gaps else 0.0,
        "lag": found["lag"],
        "heap": max(found["heap"], heap.largest) / 1e6,
        "worker": float(reading == "worker"),
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
