"""Excel on the assessment page, in Chromium from file://: what it loads on first use, and the
time of "Download as Excel" and of "Open an Excel workbook" for a full assessment (every indicator
answered, with a note and a plan, and every domain's boxes filled).

Timed inside the page, so that Playwright's own polling is not counted: a download from the click
to the workbook's bytes being offered (URL.createObjectURL), an opening from the file field's change
event to the "Imported" message. The first of each in a visit includes loading the scripts; in use
they are loaded as soon as someone reaches for the Excel controls (or the file picker is open).

    .venv/bin/python -m benchmarks.excel
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from mpw_static.load import load_framework

from .browser import chromium

ROOT = Path(__file__).resolve().parent.parent
# What the Excel room loads on first use: the library and its code, then the build's data.
CODE = ["static/vendor/fflate.js", *(f"static/js/excel/{name}.js" for name in ("cells", "package", "write", "read"))]
TIME_DOWNLOAD = """() => new Promise(resolve => {
    const offer = URL.createObjectURL
    const started = performance.now()
    URL.createObjectURL = blob => { URL.createObjectURL = offer; resolve(performance.now() - started); return offer(blob) }
    document.querySelector("[data-action='download-xlsx']").click()
})"""
# From the file chosen to the workbook read, checked and shown for the person to confirm ("Open it"),
# which is asked before anything is stored; the benchmark then confirms it, untimed.
TIME_OPEN = """() => {
    const field = document.getElementById('xlsx-file')
    const status = document.querySelector('[data-role=status]')
    window.__opened = undefined
    field.addEventListener('change', () => {
        const started = performance.now()
        new MutationObserver((changes, observer) => {
            if (document.querySelector('dialog[open] [data-choice=take]') || status.textContent.startsWith('Imported')) {
                window.__opened = performance.now() - started
                observer.disconnect()
            }
        }).observe(document.body, { childList: true, characterData: true, subtree: true, attributes: true })
    }, { capture: true, once: true })
}"""


def full_assessment(folder: Path, number: int) -> Path:
    """Every indicator answered with evidence, a note and a whole plan; every domain's boxes filled."""
    framework = load_framework(ROOT / "content")
    note = "Agreed at the team meeting, with the evidence we hold. " * 4
    ratings = {
        indicator.id: {
            "statement": n % 5 + 1,
            "evidence": "fully-achieved" if n % 2 else "work-in-progress",
            "note": note,
            "target": 5,
            "next_steps": f"Steps for {indicator.id}: talk to partners, agree a lead, report back.",
            "lead": "Practice manager",
            "due_date": "2027-03-31",
            "due_cycle": "12-month review",
        }
        for n, indicator in enumerate(framework.indicators)
    }
    domains = {
        str(domain.number): {"context": note, "reflections": note, "priority": True, "first_steps": "Meet monthly."}
        for domain in framework.domains
    }
    data = {
        "format": "mpw-assessment",
        "format_version": 2,
        "framework_version": framework.matrix.version,
        "id": f"be7c4000-0000-4000-8000-00000000002{number}",
        "service": {"name": "Benchmark team", "organisations": "Health board", "participants": "Whole team"},
        "date": "2026-06-01",
        "purposes": ["reporting", "learning"],
        "method": "group",
        "review_cycle": "Baseline",
        "ratings": ratings,
        "domains": domains,
        "created": "2026-06-01T09:00:00Z",
        "updated": "2026-06-01T10:00:00Z",
    }
    path = folder / f"full-{number}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def sizes(site: Path) -> dict[str, float]:
    """KB gzipped: the code loaded on first use (each file as a server sends it), and each language's data."""
    packed = {path: len(gzip.compress((site / path).read_bytes(), 9)) / 1000 for path in CODE}
    found = {"code": sum(packed.values()), "fflate": packed[CODE[0]]}
    for data in sorted((site / "static/excel").glob("*.js")):
        found[f"data/{data.stem}"] = len(gzip.compress(data.read_bytes(), 9)) / 1000
    return found


def one_visit(browser, site: Path, sources: list[Path], folder: Path) -> dict[str, float]:
    """Import the full assessments and download each as Excel (the first includes loading the
    scripts); then, in a fresh visit, open the workbooks (the first includes loading them)."""
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((site / "assess.html").as_uri())
    downloads, workbooks = [], []
    for number, source in enumerate(sources):
        page.set_input_files("#import-file", str(source))
        page.wait_for_function(
            "name => document.querySelector('[data-role=status]').textContent.endsWith('from ' + name + '.')",
            arg=source.name,
        )
        with page.expect_download() as info:
            downloads.append(page.evaluate(TIME_DOWNLOAD))
        workbooks.append(folder / f"full-{number}.xlsx")
        info.value.save_as(workbooks[-1])
    context.close()
    context = browser.new_context()  # empty storage: each workbook is a new assessment here
    page = context.new_page()
    page.goto((site / "assess.html").as_uri())
    opened = []
    for workbook in workbooks:
        page.evaluate(TIME_OPEN)
        page.set_input_files("#xlsx-file", str(workbook))
        page.wait_for_function("() => window.__opened !== undefined")
        opened.append(page.evaluate("window.__opened"))
        if page.locator("dialog [data-choice=take]").is_visible():
            page.click("dialog [data-choice=take]")
        page.wait_for_selector("text=Imported")
    context.close()
    return {"download/first": downloads[0], "download": downloads[1], "open/first": opened[0], "open": opened[1]}


def measure(site: Path, repeats: int) -> dict[str, float]:
    """Medians over fresh visits, and the sizes."""
    with tempfile.TemporaryDirectory(prefix="mpw-bench-excel-") as scratch:
        folder = Path(scratch)
        sources = [full_assessment(folder, number) for number in (1, 2)]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
            visits = [one_visit(browser, site, sources, folder) for _ in range(repeats)]
            browser.close()
    found = {key: statistics.median(visit[key] for visit in visits) for key in visits[0]}
    return found | sizes(site)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="mpw-bench-site-") as built:
        from mpw_static.build import build_site

        build_site(ROOT / "content", Path(built) / "site")
        figures = measure(Path(built) / "site", int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print(
        f"Download as Excel, full assessment: {figures['download']:.0f} ms ({figures['download/first']:.0f} ms on first use; budget 300 ms)"
    )
    print(
        f"Open an Excel workbook, full assessment: {figures['open']:.0f} ms ({figures['open/first']:.0f} ms on first use; budget 300 ms)"
    )
    print(
        f"Code loaded on first use: {figures['code']:.1f} KB gzipped (fflate {figures['fflate']:.1f} KB; budget 30 KB)"
    )
    for key in sorted(figures):
        if key.startswith("data/"):
            print(
                f"  and the build's data, {key[5:]}: {figures[key]:.1f} KB gzipped (the blank workbook and the layouts)"
            )
