"""Benchmark: our build and pages against Hugo and MkDocs (Material), and the page in Chromium.

    .venv/bin/python -m benchmarks            # all of it (about two minutes)
    .venv/bin/python -m benchmarks --quick    # fewer repeats

Prints one table of medians with each budget (README, "Performance budgets") met or missed.
Everything runs on the real content; Hugo and MkDocs get the same text, written as Markdown from
our own models. Not part of the test run: timings on shared machines are noisy, so read the
medians and the ratios, not single figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import browser, competitors, excel, meeting, programme, search, workbooks

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
KB = 1000

# (label, budget, unit): the README's budgets. A figure is "met" when it is at most the budget.
BUDGETS = {
    "build": ("Full build, whole process", 250, "ms"),
    "build/hugo": ("Full build ÷ Hugo", 4, "×"),  # issue 24
    "build/mkdocs": ("Full build ÷ MkDocs Material", 0.35, "×"),
    "rebuild": ("Rebuild in serve, one content page changed", 150, "ms"),  # issue 24
    "weight/assess": ("Assessment page, HTML+CSS+JS", 150, "KB"),
    "weight/other": ("Heaviest other page, HTML+CSS+JS", 60, "KB"),
    "weight/js": ("Our JavaScript", 40, "KB"),
    "requests": ("Requests outside the site", 0, ""),
    "browser/ready": ("Assessment page ready", 150, "ms"),
    "browser/save": ("Click to saved", 5, "ms"),
    "browser/composite": ("Composite of 50 files shown", 500, "ms"),
    "browser/stored200": ("Open with 200 stored assessments", 300, "ms"),
    "validate": ("validate 1,000 files", 2000, "ms"),
    "programme/1k": ("Across services: 1,000 files read, checked and shown", 1500, "ms"),
    "programme/10k": ("Across services: 10,000 files, the page answering throughout", 8000, "ms"),
    "programme/gap": ("Across services: longest wait between progress updates", 200, "ms"),
    "programme/heap": ("Across services: JavaScript heap with 10,000 files", 300, "MB"),
    "browser/cls": ("Layout shift of the assessment page", 0.05, ""),
    "meeting/key": ("Meeting mode: key press to the next indicator painted", 50, "ms"),  # issue 25
    "meeting/cls": ("Meeting mode: layout shift moving through every indicator", 0, ""),
    "search/index": ("Search documents, each language", 150, "KB"),
    "search/gzip": ("Search documents, each language, gzipped", 40, "KB"),
    "search/first": ("Search: typing to first result, index built", 50, "ms"),
    "workbooks": ("Both Excel workbooks, added to the build", 150, "ms"),
    "excel/download": ("Download as Excel, a full assessment", 300, "ms"),
    "excel/open": ("Open an Excel workbook, a full assessment", 300, "ms"),
    "excel/code": ("Excel code loaded on first use, gzipped", 30, "KB"),
}


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs) * 1000


def timed(command: list[str], repeats: int, cwd: Path = ROOT) -> float:
    """Median wall time of a whole process, in ms."""
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs.append(time.perf_counter() - started)
    return median_ms(runs)


def rebuild_ms(work: Path, repeats: int, changed: str = "pages/framework.md") -> float:
    """The in-process rebuild `serve` runs after one content file changes (imports already warm), from
    one cache kept for all the rebuilds, as serve keeps it. Each rebuild follows a change not seen
    before (a sentence at the end of a page, or a word in a domain's statement), so that nothing of it
    is remembered from an earlier rebuild."""
    from mpw_static.build import BuildOptions, build_site
    from mpw_static.cache import BuildCache

    cache = BuildCache()
    content = work / f"rebuild-content-{Path(changed).stem}"
    shutil.copytree(CONTENT, content)
    path = content / changed
    text = path.read_text(encoding="utf-8")
    runs = []
    for n in range(repeats + 1):
        if path.suffix == ".md":
            path.write_text(text + f"\nA sentence added to the page, number {n}.\n", encoding="utf-8")
        else:  # a word in the domain's first statement
            path.write_text(text.replace("Very limited", f"Very limited ({n})", 1), encoding="utf-8")
        started = time.perf_counter()
        build_site(content, work / "rebuild-out", options=BuildOptions(preview={"connect": "'self'"}), cache=cache)
        runs.append(time.perf_counter() - started)
    return median_ms(runs[1:])  # the first run compiles templates once, as serve's first build does


LOCAL_ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^":]+)"')


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """Bytes of a page with the CSS and JS it loads from the site: raw and gzipped."""
    html_path = site / page
    parts = [html_path.read_bytes()]
    for asset in LOCAL_ASSET.findall(html_path.read_text(encoding="utf-8")):
        parts.append((html_path.parent / asset.split("?")[0]).resolve().read_bytes())
    return sum(len(p) for p in parts), sum(len(gzip.compress(p, 9)) for p in parts)


def our_js(site: Path) -> tuple[int, int]:
    files = [path.read_bytes() for path in sorted((site / "static/js").rglob("*.js"))]
    return sum(map(len, files)), sum(len(gzip.compress(f, 9)) for f in files)


def validate_ms(work: Path, repeats: int) -> float:
    folder = work / "files"
    folder.mkdir()
    base = json.loads((ROOT / "tests/fixtures/discussion/member-a.json").read_text(encoding="utf-8"))
    for n in range(1000):
        (folder / f"team-{n:04d}.json").write_text(json.dumps({**base, "id": f"bench-{n:08d}"}), encoding="utf-8")
    files = sorted(str(path) for path in folder.iterdir())
    return timed([sys.executable, "-m", "mpw_static", "validate", *files], repeats)


def verdict(key: str, value: float) -> str:
    return "met" if value <= BUDGETS[key][1] else "MISSED"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="fewer repeats (noisier)")
    repeats = 3 if options.parse_args().quick else 9
    rows: list[tuple[str, str, str]] = []  # (what, figure, budget verdict)

    def add(key: str | None, label: str, value: float, unit: str, note: str = "") -> None:
        places = 3 if key in ("browser/cls", "meeting/cls") else 1
        figure = f"{value:,.{places}f} {unit}".strip() if isinstance(value, float) else f"{value:,} {unit}".strip()
        judged = f"≤ {BUDGETS[key][1]} {BUDGETS[key][2]}: {verdict(key, value)}".replace(" ×", "×") if key else ""
        rows.append((label, figure + (f"  ({note})" if note else ""), judged))

    with tempfile.TemporaryDirectory(prefix="mpw-bench-") as scratch:
        work = Path(scratch)
        print("Building with mpw-static, Hugo and MkDocs Material…", file=sys.stderr)
        ours = timed([sys.executable, "build.py", "--out", str(work / "ours")], repeats)
        hugo_site, mkdocs_site = competitors.write_sites(CONTENT, work)
        hugo = timed(competitors.hugo_command(hugo_site, work / "hugo-out"), repeats)
        mkdocs = timed(competitors.mkdocs_command(mkdocs_site, work / "mkdocs-out"), repeats)
        add("build", "Full build: mpw-static (python build.py)", ours, "ms")
        add(None, "Full build: Hugo, same content", hugo, "ms")
        add(None, "Full build: MkDocs Material, same content", mkdocs, "ms")
        add("build/hugo", "Ratio mpw-static / Hugo", ours / hugo, "×")
        add("build/mkdocs", "Ratio mpw-static / MkDocs", ours / mkdocs, "×")
        add("rebuild", "Rebuild in serve after a page changes (in process)", rebuild_ms(work, repeats), "ms")
        add(
            None,
            "Rebuild in serve after a domain file changes",
            rebuild_ms(work, repeats, "matrix/domains/01-buy-in.toml"),
            "ms",
            "its form, workbooks and every page showing the domain change",
        )
        add("workbooks", "Both Excel workbooks, added to a build", workbooks.added_ms(repeats), "ms")

        site = work / "ours"
        weights = {
            name: page_weight(site, page)
            for name, page in (
                ("home", "index.html"),
                ("framework", "framework.html"),
                ("matrix overview", "matrix.html"),
                ("domain", "domains/buy-in.html"),
                ("appendix", "appendix.html"),
                ("resources", "resources.html"),
                ("assessment", "assess.html"),
                ("single-file edition", "mpw-development-matrix.html"),
            )
        }
        for name, (raw, packed) in weights.items():
            key = "weight/assess" if name == "assessment" else None
            add(key, f"Page weight: {name}", raw / KB, "KB", f"{packed / KB:.1f} KB gzipped")
        heaviest = max((raw for name, (raw, _) in weights.items() if name not in ("assessment", "single-file edition")))
        add("weight/other", "Heaviest other page", heaviest / KB, "KB")
        raw_js, packed_js = our_js(site)
        add("weight/js", "Our JavaScript (all files)", raw_js / KB, "KB", f"{packed_js / KB:.1f} KB gzipped")
        mk_raw, mk_packed = competitors.mkdocs_page_weight(work / "mkdocs-out")
        add(None, "MkDocs Material domain page, HTML+CSS+JS", mk_raw / KB, "KB", f"{mk_packed / KB:.1f} KB gzipped")

        print(f"Measuring in Chromium ({browser.chromium()})…", file=sys.stderr)
        measured = browser.measure(site, work, repeats)
        add("requests", "Requests outside the site (every page)", measured["outside"], "")
        add("browser/ready", "Assessment page ready (file://)", measured["ready"], "ms")
        add("browser/save", "Click on a statement to saved", measured["save"], "ms")
        add("browser/composite", "Import 50 files and show the composite", measured["composite"], "ms")
        add("browser/stored200", "Open with 200 stored assessments", measured["stored200"], "ms")
        for name in browser.CLS_VIEWPORTS:
            for visit in ("first", "returning"):
                add(
                    "browser/cls",
                    f"Layout shift (CLS), assess.html, {name}, {visit} visit",
                    float(measured[f"cls/{name}/{visit}"]),
                    "",
                    "PerformanceObserver, as Lighthouse counts it",
                )
        moved = meeting.measure(site, max(3, repeats // 3))
        add(
            "meeting/key",
            "Meeting mode: Page Down to the next indicator painted",
            moved["key"],
            "ms",
            f"95 % within {moved['key/p95']:.0f} ms, slowest {moved['key/max']:.0f} ms; 1280×720, five members",
        )
        add("meeting/cls", "Meeting mode: layout shift through all 45 indicators", float(moved["cls"]), "")
        add("validate", "mpw-static validate on 1,000 files", validate_ms(work, max(3, repeats // 3)), "ms")
        print("Across services: 1,000 and 10,000 files…", file=sys.stderr)
        across = programme.measure(site, max(3, repeats // 3))
        add("programme/1k", "Across services: 1,000 files, change event to view", across["1k/shown"], "ms")
        add(None, "  longest the page did not answer (1,000)", across["1k/lag"], "ms")
        where = "checked in a Worker" if across["10k/worker"] else "checked on the page: no Worker"
        add("programme/10k", "Across services: 10,000 files (one run)", across["10k/shown"], "ms", where)
        add(
            "programme/gap",
            "  longest gap between progress updates (10,000)",
            across["10k/gap"],
            "ms",
            f"median gap {across['10k/gap/median']:.0f} ms",
        )
        add(None, "  longest the page did not answer (10,000)", across["10k/lag"], "ms")
        add("programme/heap", "  largest JavaScript heap (10,000)", across["10k/heap"], "MB")
        for name, (raw, packed) in search.sizes(site).items():
            index = name != "minisearch"
            label = f"Search documents, {name}" if index else "MiniSearch library (minified)"
            add("search/index" if index else None, label, raw, "KB", f"{packed:.1f} KB gzipped")
            if index:
                add("search/gzip", f"  gzipped, {name}", packed, "KB")
        print("Excel on the assessment page…", file=sys.stderr)
        workbook = excel.measure(site, max(3, repeats // 3))
        add("excel/download", "Download as Excel, full assessment (scripts loaded)", workbook["download"], "ms")
        add(None, "  on first use, loading the scripts", workbook["download/first"], "ms")
        add("excel/open", "Open an Excel workbook, full assessment (scripts loaded)", workbook["open"], "ms")
        add(None, "  on first use, loading the scripts", workbook["open/first"], "ms")
        add(
            "excel/code",
            "Excel code loaded on first use",
            workbook["code"],
            "KB",
            f"fflate {workbook['fflate']:.1f} KB, gzipped",
        )
        for key in sorted(key for key in workbook if key.startswith("data/")):
            add(None, f"  and its data, {key[5:]} (the blank workbook, the layouts)", workbook[key], "KB", "gzipped")
        typing = search.measure(site, repeats)
        add(None, "Search: first query of a visit (loads and indexes)", typing["cold"], "ms")
        add(
            "search/first",
            "Search: typing to results after that",
            typing["warm"],
            "ms",
            f"slowest {typing['warm/max']:.0f} ms",
        )

    width = max(len(label) for label, _, _ in rows)
    figure_width = max(len(figure) for _, figure, _ in rows)
    print(f"\n{'Measure':<{width}}  {'Median':<{figure_width}}  Budget")
    print(f"{'-' * width}  {'-' * figure_width}  {'-' * 24}")
    for label, figure, judged in rows:
        print(f"{label:<{width}}  {figure:<{figure_width}}  {judged}")
    print(f"\nMedians of {repeats} runs; Python {sys.version.split()[0]}.")


if __name__ == "__main__":
    main()
