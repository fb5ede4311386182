"""Meeting mode in headless Chromium on file://, at 1280×720 with five members' files loaded: the
time from a key press (Page Down, as a presentation clicker sends it) to the next indicator
painted, and the layout shift while the meeting moves through every domain and indicator.

The time runs from the key event's own time stamp (when the browser received the press) to the
first task after the frame that shows the new indicator: a requestAnimationFrame callback queued
by the press runs before that frame is painted, and a task it queues runs after. Where Chromium's
Event Timing API reports the press (it does from 16 ms up), the longer of the two is taken.
Every layout shift is counted, even those right after input: moving on must shift nothing.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from .browser import chromium

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = [ROOT / f"tests/fixtures/meeting/member-{letter}.json" for letter in "abcde"]

WATCH = """() => {
    const M = window.__meeting = { presses: [], events: [], shift: 0 }
    document.addEventListener('keydown', event => {
        if (event.key !== 'PageDown') return
        const pressed = event.timeStamp
        requestAnimationFrame(() => setTimeout(() => {
            const heading = document.querySelector('.meeting-stage h2')
            M.presses.push({ pressed: pressed, took: performance.now() - pressed, indicator: Boolean(document.querySelector('.meeting-indicator')), heading: heading && heading.textContent })
        }, 0))
    }, { capture: true })
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (entry.name === 'keydown') M.events.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'event', durationThreshold: 16, buffered: false })
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) M.shift += entry.value
    }).observe({ type: 'layout-shift', buffered: false })
}"""


# Resolves once the page has timed this many presses.
DRAWN = """n => new Promise(done => {
    const check = () => (window.__meeting.presses.length >= n ? done() : setTimeout(check, 5))
    check()
})"""


def run_once(browser, assess: str) -> dict:
    """One meeting from the first domain's prompts to the record: each press timed."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.goto(assess)
    page.click("#meeting-open")
    page.set_input_files("#meeting-members-files", [str(path) for path in MEMBERS])
    page.wait_for_selector(".meeting-member-count[data-count='5']")
    page.click(".meeting-start")
    page.wait_for_selector("#meeting-domain-heading")
    page.wait_for_timeout(300)
    page.evaluate(WATCH)
    presses = 0
    while not page.locator("#meeting-record-heading").count():
        page.keyboard.press("PageDown")
        presses += 1
        page.evaluate(DRAWN, presses)  # the page's policy forbids Playwright's eval-based waits
        assert presses < 100, "the meeting never reached its record"
    page.wait_for_timeout(300)
    measured = page.evaluate("window.__meeting")
    context.close()
    return measured


def measure(site: Path, repeats: int) -> dict[str, float]:
    """Median and slowest press to an indicator painted, and the layout shift of the whole walk (the worst run)."""
    assess = (site / "assess.html").resolve().as_uri()
    times: list[float] = []
    shifts: list[float] = []
    indicators = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        for _ in range(repeats):
            measured = run_once(browser, assess)
            reported = {round(event["start"], 1): event["duration"] for event in measured["events"]}
            onto = [press for press in measured["presses"] if press["indicator"]]
            indicators = len(onto)
            times += [max(press["took"], reported.get(round(press["pressed"], 1), 0.0)) for press in onto]
            shifts.append(measured["shift"])
        browser.close()
    assert indicators == 45, f"the walk reached {indicators} indicators, not 45"
    return {
        "key": statistics.median(times),
        "key/max": max(times),
        "key/p95": statistics.quantiles(times, n=20)[-1],
        "cls": max(shifts),
    }


if __name__ == "__main__":  # .venv/bin/python -m benchmarks.meeting [repeats]: this part alone, on a fresh build
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="mpw-bench-meeting-") as built:
        subprocess.run([sys.executable, "build.py", "--out", built], cwd=ROOT, check=True, capture_output=True)
        figures = measure(Path(built), int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print(
        f"Meeting mode, Page Down to the next indicator painted: median {figures['key']:.1f} ms, 95 % within "
        f"{figures['key/p95']:.1f} ms, slowest {figures['key/max']:.1f} ms (budget 50 ms); layout shift {figures['cls']:.3f} (budget 0)"
    )
