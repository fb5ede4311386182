"""The assessment app belongs to the generator, not the theme.

Its JavaScript ships in this package (mpw_static/assets/js) and the build places it over the
theme's static files, as MkDocs does for its search plugin. Every page that carries the app is
checked for the hooks the script looks up; a template that drops one stops the build with a
problem naming the template and the hook, instead of a page that silently saves nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem

ASSETS = Path(__file__).resolve().parent / "assets"
# Every page's scripts, first: the shared helpers (core/dom.js), the start of every component from
# its data-module (core/start.js), and the components of the site's header, the menu and the search.
SITE_SCRIPTS = [f"static/js/{path}" for path in ("core/dom.js", "core/start.js", "site/menu.js", "search/search.js")]
# The assessment page's scripts, in load order, after the site's: the format, the store and the
# pure comparisons, then the workspace its rooms share, the rooms (each registers itself, and starts
# in this order), and the page that starts them.
APP_SCRIPTS = [
    f"static/js/{name}.js"
    for name in (
        "format/format",
        "core/store",
        "discuss/compare",
        "assessment/workspace",
        "assessment/form",
        "assessment/focus-in-view",
        "assessment/print-dates",
        "assessment/library",
        "assessment/files",
        "assessment/excel",
        "discuss/drafts",
        "discuss/room",
        "assessment/meeting",
        "assessment/page",
    )
]
# The discussion views and their charts, which the discussion room loads the first time a view is
# asked for (MPW.load, under static/js/), in this order. The page's data names them (scripts).
DISCUSSION_SCRIPTS = [
    f"{name}.js"
    for name in (
        "chart/chart",
        "discuss/views",
        "discuss/profile",
        "discuss/composite",
        "discuss/distance",
        "assessment/plan",
    )
]
# What "Download as Excel" and "Open an Excel workbook" need, loaded by the Excel room the first time
# either is used (MPW.load, under static/js/): the zip library, the workbook's cells, the writer, the
# reader, and the build's data for the page's language (the blank workbook and the layouts).
EXCEL_DATA_SCRIPT = "static/excel/{language}.js"
WORKBOOK_NAME = "development-matrix.xlsx"  # the blank matrix workbook, in each language's folder
EXCEL_SCRIPTS = ["../vendor/fflate.js", *(f"excel/{name}.js" for name in ("cells", "package", "write", "read"))]
# Meeting mode's screens, which the meeting room loads the first time meeting mode is opened (or
# opened again after a reload), in this order. The page's data names them (scripts).
MEETING_SCRIPTS = [
    f"assessment/{name}.js"
    for name in (
        "meeting-agenda",
        "meeting-fullscreen",
        "meeting-stage",
        "meeting-screens",
        "meeting-members",
        "meeting-record",
    )
]
# The single-file edition cannot load files: it inlines the core, the app and its views. It has no
# Excel part: the workbooks are files beside the site's pages.
SINGLE_FILE_SCRIPTS = (
    SITE_SCRIPTS[:2] + APP_SCRIPTS + [f"static/js/{path}" for path in DISCUSSION_SCRIPTS + MEETING_SCRIPTS]
)
# The across-services page reads files by the same rules and draws the same charts, with its own
# scripts: the small-number rule, the figures, the files gathered, how they are read (and checked
# in a Worker), the view and the page.
PROGRAMME_SCRIPTS = [
    f"static/js/{name}.js"
    for name in (
        "format/format",
        "discuss/compare",
        "chart/chart",
        "programme/rule",
        "programme/figures",
        "programme/gather",
        "programme/reading",
        "programme/view",
        "programme/page",
    )
]
# Its Worker, which checks the files off the page's thread: the same pure modules as the page, and
# the Worker's own loop, joined into one script that the page embeds as data (a Worker started from
# a blob: URL runs on file:// too, where it could not load these files itself).
PROGRAMME_WORKER_SCRIPTS = [
    f"static/js/{name}.js"
    for name in (
        "core/dom",
        "format/format",
        "discuss/compare",
        "programme/rule",
        "programme/figures",
        "programme/gather",
        "programme/worker",
    )
]
PROGRAMME_WORKER_ID = "mpw-programme-worker"
PREVIEW_SCRIPT = "static/js/site/preview.js"
MODULE = 'data-module="mpw-assessment"'
APP_TEMPLATE = "assessment-tool.html"

# What the script looks up on the page, as (attribute, value). tests/unit/test_app.py reads the
# script's own selectors and fails if one is missing here, so the two stay in step.
HOOKS = tuple(
    ("data-role", role)
    for role in (
        "form",
        "status",
        "progress",
        "last-downloaded",
        "storage-warning",
        "damaged",
        "damaged-text",
        "elsewhere",
        "elsewhere-text",
        "elsewhere-choices",
        "error-summary",
        "error-intro",
        "error-list",
        "library-list",
        "import-file",
        "drop-zone",
        "discuss-list",
        "discussion",
        "compare-files",
        "not-started",
        "statement",
        "evidence",
        "note",
        "discuss-view",
        "plan-template",
        "evidence-template",
        "evidence-fields",
        "plan",
        "last-plan",
        "target-field",
        "target",
        "target-warning",
        "next-steps",
        "lead",
        "due-date",
        "due-cycle",
        "meeting-open",
        "meeting",
    )
) + tuple(
    ("id", name)
    for name in (
        "mpw-assessment-data",
        "library-heading",
        "details-heading",
        "service-name",
        "organisations",
        "participants",
        "assessment-date",
        "review-cycle",
    )
)


PROGRAMME_MODULE = 'data-module="mpw-programme"'
PROGRAMME_TEMPLATE = "programme.html"
# What the across-services page's scripts look up on it.
PROGRAMME_HOOKS = tuple(
    ("data-role", role)
    for role in (
        "not-started",
        "files",
        "folder",
        "folder-field",
        "drop-zone",
        "progress-area",
        "progress",
        "progress-text",
        "status",
        "results",
    )
) + (("id", "mpw-assessment-data"), ("id", PROGRAMME_WORKER_ID))


def app_files() -> dict[str, Path]:
    """The app's static files by site path: its scripts, and the pinned libraries it uses with their licences."""
    scripts = ASSETS / "js"
    files = {f"static/js/{path.relative_to(scripts).as_posix()}": path for path in sorted(scripts.rglob("*.js"))}
    files.update({f"static/vendor/{path.name}": path for path in sorted((ASSETS / "vendor").glob("*.*"))})
    return files


def selectors(hooks: tuple[tuple[str, str], ...]) -> list[str]:
    """Hooks written as CSS selectors, as a message names them."""
    return [f'[{attribute}="{value}"]' if attribute != "id" else f"#{value}" for attribute, value in hooks]


def present_hooks(html: str) -> set[str]:
    """Every data- attribute and id on a page, as selectors."""
    present = {f'[{name}="{value}"]' for name, value in re.findall(r'\s(data-[a-z-]+)="([^"]*)"', html)}
    return present | {f"#{value}" for value in re.findall(r'\sid="([^"]*)"', html)}


def missing_hooks(html: str, indicator_ids: list[str], domain_numbers: list[int]) -> list[str]:
    """The hooks a page with the app lacks, written as selectors."""
    needed = selectors(HOOKS)
    needed += [f'[data-indicator="{id_}"]' for id_ in indicator_ids]
    needed += [f'[data-domain-progress="{number}"]' for number in domain_numbers]
    present = present_hooks(html)
    return [selector for selector in needed if selector not in present]


def check_hooks(
    pages: dict[str, str], template: str, indicator_ids: list[str], domain_numbers: list[int]
) -> list[Problem]:
    """A problem for each hook missing from a page that carries the app."""
    return [
        Problem(
            template,
            output,
            f"the assessment page has no element matching {selector}, which the page's "
            "script needs to save a team's work",
            f"put it back in the template (compare with themes/default/templates/{APP_TEMPLATE})",
        )
        for output, html in sorted(pages.items())
        if MODULE in html
        for selector in missing_hooks(html, indicator_ids, domain_numbers)
    ]


def check_programme_hooks(pages: dict[str, str], template: str) -> list[Problem]:
    """A problem for each hook missing from an across-services page (each page's hooks found once)."""
    problems = []
    for output, html in sorted(pages.items()):
        if PROGRAMME_MODULE not in html:
            continue
        present = present_hooks(html)
        problems += [
            Problem(
                template,
                output,
                f"the across-services page has no element matching {selector}, which its script needs to read files",
                f"put it back in the template (compare with themes/default/templates/{PROGRAMME_TEMPLATE})",
            )
            for selector in selectors(PROGRAMME_HOOKS)
            if selector not in present
        ]
    return problems
