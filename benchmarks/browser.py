"""Timings in headless Chromium on file://: the page ready, a click saved, a 50-file composite, and
opening with 200 stored assessments; and the assessment page's cumulative layout shift. Each figure
is the median of several fresh runs."""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from mpw_static.load import load_framework

ROOT = Path(__file__).resolve().parent.parent
READY = "performance.getEntriesByName('mpw-assessment-ready')[0].startTime"
CLICK_TO_SAVED = """n => {
    const radio = document.querySelector('#s-1-1-' + (n % 5 + 1))
    const started = performance.now()
    radio.click()
    const took = performance.now() - started
    const saved = Object.keys(localStorage).filter(k => k.startsWith('mpw-static:assessment:'))
      .map(k => JSON.parse(localStorage.getItem(k)).ratings['1.1'])
    return saved.length === 1 && saved[0].statement === n % 5 + 1 ? took : -1
}"""


# Timed inside the page, from the file field's change event to the "Added" message, so Playwright's
# own polling is not counted; then the click on Show, which draws the composite synchronously.
TIME_IMPORT = """() => {
    const field = document.getElementById('compare-files')
    const status = document.querySelector('[data-role=status]')
    field.addEventListener('change', () => {
        const started = performance.now()
        new MutationObserver((changes, observer) => {
            if (status.textContent.startsWith('Added')) { window.__imported = performance.now() - started; observer.disconnect() }
        }).observe(status, { childList: true, characterData: true, subtree: true })
    }, { capture: true, once: true })
}"""
# The views' scripts load on first use, so the time runs until the table is there, laid out.
SHOW_COMPOSITE = """() => new Promise(resolve => {
    const started = performance.now()
    const discussion = document.querySelector('[data-role=discussion]')
    const drawn = () => {
        if (!discussion.querySelector('.composite-table')) return false
        document.body.getBoundingClientRect() // include the layout the new table needs
        resolve(performance.now() - started)
        return true
    }
    document.querySelector("[data-action='show-view']").click()
    if (!drawn()) new MutationObserver((changes, observer) => { if (drawn()) observer.disconnect() })
        .observe(discussion, { childList: true })
})"""


# Cumulative layout shift as Lighthouse counts it: every shift not caused by recent input, from the
# start of loading (buffered), read once the page has settled.
WATCH_SHIFTS = """
    window.__cls = 0
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value
    }).observe({ type: 'layout-shift', buffered: true })
"""
# Viewports: Lighthouse's desktop, and a phone.
CLS_VIEWPORTS = {"desktop": {"width": 1350, "height": 940}, "phone": {"width": 412, "height": 823}}


def layout_shift(browser, assess: str, stored: list[str], repeats: int) -> dict[str, float]:
    """Median CLS of assess.html per viewport, the worst of a first visit and one with saved work."""
    results: dict[str, list[float]] = {}
    saved = [Path(path).read_text(encoding="utf-8") for path in stored[:3]]
    for name, viewport in CLS_VIEWPORTS.items():
        for visit in ("first", "returning"):
            runs = []
            for _ in range(repeats):
                context = browser.new_context(viewport=viewport)
                if visit == "returning":  # three assessments already saved, as for a team coming back
                    context.add_init_script(f"""if (!localStorage.length) {json.dumps(saved)}.forEach(text =>
                        localStorage.setItem('mpw-static:assessment:' + JSON.parse(text).id, text))""")
                context.add_init_script(WATCH_SHIFTS)
                page = context.new_page()
                page.goto(assess, wait_until="load")
                page.wait_for_timeout(500)
                runs.append(page.evaluate("window.__cls"))
                context.close()
            results[f"cls/{name}/{visit}"] = runs
    return {key: statistics.median(values) for key, values in results.items()}


def chromium() -> str | None:
    """The full browser, as people use, where there is one (its figures are the ones quoted); else the
    headless shell the tests install, so that the benchmark runs on a machine set up by tests/run.sh."""
    return (
        os.environ.get("MPW_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("chromium-headless-shell")
    )


def team_files(work: Path, count: int) -> list[str]:
    """`count` assessments of one team, answers spread at random (fixed seed) over every indicator."""
    base = json.loads((ROOT / "tests/fixtures/discussion/member-a.json").read_text(encoding="utf-8"))
    ids = [indicator.id for indicator in load_framework(ROOT / "content").indicators]
    chance = random.Random(7)
    folder = work / "team"
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        ratings = {
            i: {
                "statement": chance.randint(1, 5),
                "evidence": chance.choice(["fully-achieved", "work-in-progress"]),
                "note": "Discussed at the team meeting.",
            }
            for i in ids
        }
        data = {
            **base,
            "id": f"bench-member-{n:04d}",
            "ratings": ratings,
            "service": {**base["service"], "participants": f"Member {n + 1}"},
        }
        path = folder / f"member-{n:03d}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    return paths


def outside_requests(page: Page, site: Path) -> int:
    base = site.resolve().as_uri() + "/"
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            # data: and blob: (the across-services page's Worker, made from its own script) stay in the page
            None if request.url.startswith((base, "data:", "blob:")) else outside.append(request.url)
        ),
    )
    for html in sorted(site.rglob("*.html")):
        page.goto(html.as_uri())
    return len(outside)


def measure(site: Path, work: Path, repeats: int) -> dict[str, float]:
    assess = (site / "assess.html").resolve().as_uri()
    stored = team_files(work, 200)
    files = stored[:50]
    results: dict[str, list[float]] = {"ready": [], "save": [], "composite": [], "stored200": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        context = browser.new_context()
        page = context.new_page()
        outside = outside_requests(page, site)
        for run in range(repeats):
            page = context.new_page()
            page.goto(assess)
            page.evaluate("localStorage.clear()")
            page.reload()
            results["ready"].append(page.evaluate(READY))
            for n in range(5):
                took = page.evaluate(CLICK_TO_SAVED, run * 5 + n)
                assert took >= 0, "the click was not saved"
                results["save"].append(took)
            page.check("#view-composite")
            page.evaluate(TIME_IMPORT)
            page.set_input_files("#compare-files", files)
            page.wait_for_selector("text=Added 50 files to compare")  # the page's policy forbids eval-based waits
            imported = page.evaluate("window.__imported")
            shown = page.evaluate(SHOW_COMPOSITE)
            assert (
                page.locator(".composite-table thead th").count() == 54
            )  # the indicator, 50 members, spread, flag, agreed
            results["composite"].append(imported + shown)
            page.close()
        page = context.new_page()
        page.goto(assess)
        page.evaluate(
            """texts => texts.forEach(text =>
            localStorage.setItem('mpw-static:assessment:' + JSON.parse(text).id, text))""",
            [Path(path).read_text(encoding="utf-8") for path in stored],
        )
        for _ in range(repeats):
            page.reload()
            results["stored200"].append(page.evaluate(READY))
        shifts = layout_shift(browser, assess, stored, repeats)
        browser.close()
    return {"outside": outside, **shifts, **{key: statistics.median(values) for key, values in results.items()}}
