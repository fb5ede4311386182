"""The build pipeline in one place: load -> validate -> render -> write."""

from __future__ import annotations

import json
import time
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from . import csp
from .app import APP_TEMPLATE, PREVIEW_SCRIPT, PROGRAMME_TEMPLATE, check_hooks, check_programme_hooks
from .assessment_file import assessment_schema
from .cache import PROCESS, BuildCache
from .load import LoadFailed, load_framework
from .minify import is_minifiable, minified
from .models import Framework
from .problems import ContentError, Problem
from .render import canonical_url, known_inserts, make_environment, render_site, site_files
from .search import SEARCH_SCRIPT, search_documents, search_script
from .theme import Theme
from .translations import Coverage, translation_coverage
from .validate import check_framework, check_page_parts
from .workbook import site_workbooks
from .write import write_site


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    seconds: float
    out_dir: Path
    zip_path: Path | None = None
    warnings: tuple[Problem, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    drafts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the build chose to leave out and why, for its output


@dataclass(frozen=True)
class BuildOptions:
    """Choices made on the command line; each overrides content/site.toml where both can say it."""

    theme_dir: Path | None = None  # --theme
    base_url: str | None = None  # --base-url
    zip_path: Path | None = None  # --zip: also write the site as one zip for USB distribution
    preview: dict[str, str] | None = None  # set by `serve`: what its reload script needs ({"script", "connect"})
    strict: bool = False  # --strict: warnings fail the build
    strict_translations: bool = False  # --strict-translations: anything untranslated fails the build
    drafts: bool = False  # serve --drafts: build pages marked draft = true too
    # What builds in this process remember (serve's rebuilds); see cache.py. Not an option: left out of ==.
    cache: BuildCache = field(default_factory=lambda: PROCESS, compare=False)


def choose_theme(framework: Framework, content_dir: Path, theme_dir: Path | None) -> Theme:
    """--theme wins; else site.toml's theme: a name under themes/ beside content/, or a path."""
    if theme_dir is not None:
        if not theme_dir.is_dir():
            raise ContentError(
                [
                    Problem(
                        str(theme_dir),
                        "--theme",
                        "there is no theme folder here",
                        "give the path of a theme folder (one with templates/, static/ or strings/), "
                        "or leave --theme out to use the theme named in site.toml",
                    )
                ]
            )
        return Theme.at(theme_dir)
    name = framework.site.theme
    if name == "default":
        return Theme.at(None)
    candidates = [content_dir.parent / "themes" / name, content_dir.parent / name]
    found = next(
        (path for path in candidates if any((path / part).is_dir() for part in ("templates", "static", "strings"))),
        None,
    )
    if found is None:
        raise ContentError(
            [
                Problem(
                    f"{framework.content_label}/site.toml",
                    "theme",
                    f'there is no theme "{name}"',
                    f'make the folder themes/{name}/ (with templates/, static/ or strings/), or use theme = "default"',
                )
            ]
        )
    return Theme.at(found)


def load_and_check(
    content_dir: Path,
    theme_dir: Path | None = None,
    strict: bool = False,
    cache: BuildCache = PROCESS,
    drafts: bool = False,
) -> tuple[Framework, Theme, list[Problem]]:
    """Load the content, choose its theme and run the cross-file checks; raise ContentError on any
    problem (and on any warning when strict); return the warnings otherwise. Draft pages are left
    out unless `drafts` (serve --drafts)."""
    try:
        framework = load_framework(content_dir, cache=cache)
        framework = framework if drafts else framework.without_drafts()
    except LoadFailed as failed:
        raise ContentError(failed.problems + checks_of_what_loaded(failed, theme_dir, cache)) from None
    theme = choose_theme(framework, content_dir, theme_dir)
    warnings = check_framework(framework, known_inserts(make_environment(theme, cache)), site_files(framework), strict)
    app_warnings = theme.app_warnings()
    if strict and app_warnings:
        raise ContentError([replace(warning, warning=False) for warning in app_warnings])
    return framework, theme, warnings + app_warnings


@dataclass(frozen=True)
class AssembledSite:
    """The whole site in memory, checked, before anything is written."""

    framework: Framework  # the default language's content, as built
    texts: dict[str, str | bytes]  # pages and generated files by site path (workbooks are bytes)
    files: dict[str, Path]  # files copied as they are
    pages: int
    warnings: list[Problem]
    coverage: list[Coverage]
    drafts: list[str]  # draft pages left out
    notes: list[str] = field(default_factory=list)  # see BuildResult.notes


def assemble_site(content_dir: Path, options: BuildOptions) -> AssembledSite:
    """Every stage but writing: load, check, render every language, check the pages. `validate` runs
    this too, so that it finds whatever would stop a build."""
    cache = options.cache
    # --strict fails on the warnings of every language at once, after the translations are checked.
    framework, theme, warnings = load_and_check(content_dir, options.theme_dir, False, cache, options.drafts)
    base_url = framework.site.base_url if options.base_url is None else options.base_url
    rendered = render_site(framework, theme, base_url=base_url, preview=options.preview, cache=cache)
    searches = {framework.site_language: search_documents(framework, rendered, cache=cache)}
    updated = {page.output: page.meta.updated for page in framework.pages if page.meta.updated}
    coverage = []
    built = [framework]  # each language's framework, for its workbook
    for language in framework.site.translations:
        translated = load_framework(content_dir, language, framework.site.language, cache)
        translated = translated if options.drafts else translated.without_drafts()
        built.append(translated)
        # A translation's own resources.toml can lack addresses too; one it takes from the default
        # language warns once.
        found = check_framework(translated, known_inserts(make_environment(theme, cache)), site_files(translated))
        warnings += [warning for warning in found if warning not in warnings]
        translation = render_site(translated, theme, base_url=base_url, preview=options.preview, cache=cache)
        searches[language] = search_documents(translated, translation, f"{language}/", cache)
        updated.update(
            {f"{language}/{page.output}": page.meta.updated for page in translated.pages if page.meta.updated}
        )
        rendered.update(translation)
        coverage.append(translation_coverage(framework, translated, theme))
    if options.strict and warnings:
        raise ContentError([replace(warning, warning=False) for warning in warnings])
    if options.strict_translations and any(report.missing for report in coverage):
        raise ContentError([problem for report in coverage for problem in report.problems()])
    check_app_hooks(rendered, framework, theme)
    pages = secure_pages(rendered, preview=options.preview, cache=cache)
    ids = [indicator.id for indicator in framework.indicators]
    generated = {
        "assessment.schema.json": json.dumps(assessment_schema(ids), indent=2, ensure_ascii=False) + "\n",
        "_headers": csp.headers_file({output: policy_of(html) for output, html in pages.items()}),
        **{SEARCH_SCRIPT.format(language=code): search_script(found) for code, found in searches.items()},
        **publishing_files(list(pages), base_url, updated),
        **site_workbooks(built, theme),  # development-matrix.xlsx in each language (bytes)
        **({PREVIEW_STATUS: preview_status(None)} if options.preview else {}),
    }
    static = {
        path: source for path, source in theme.static_files().items() if options.preview or path != PREVIEW_SCRIPT
    }
    files = {path: source for path, source in static.items() if not is_minifiable(path)}
    generated.update({path: minified(source, cache) for path, source in static.items() if is_minifiable(path)})
    notes = [robots_note(base_url)] if base_url and not is_host_root(base_url) else []
    return AssembledSite(
        framework, {**pages, **generated}, files, len(pages), warnings, coverage, framework.drafts, notes
    )


def checks_of_what_loaded(failed: LoadFailed, theme_dir: Path | None, cache: BuildCache) -> list[Problem]:
    """The insert and link checks of the pages that loaded, when other files did not."""
    try:
        inserts = known_inserts(
            make_environment(Theme.at(theme_dir if theme_dir and theme_dir.is_dir() else None), cache)
        )
    except ContentError as error:
        return error.problems
    link_ids = None if failed.resources is None else {link.id for link in failed.resources.links}
    files = failed.page_outputs | {page.output for page in failed.pages} | (failed.domain_pages or set())
    unsure = ("domains/",) if failed.domain_pages is None else ()
    return check_page_parts(failed.pages, inserts, files, link_ids, unsure)


def build_site(
    content_dir: Path, out_dir: Path, theme_dir: Path | None = None, options: BuildOptions | None = None
) -> BuildResult:
    """Build the whole site from content_dir into out_dir. Nothing is written unless every stage succeeds."""
    started = time.perf_counter()
    options = options or BuildOptions(theme_dir=theme_dir)
    if theme_dir is not None and options.theme_dir is None:
        options = replace(options, theme_dir=theme_dir)
    site = assemble_site(content_dir, options)
    write_site(site.texts, site.files, out_dir)
    zipped = write_zip(out_dir, options.zip_path) if options.zip_path else None
    return BuildResult(
        site.pages,
        len(site.files) + len(site.texts) - site.pages,
        time.perf_counter() - started,
        out_dir,
        zipped,
        tuple(site.warnings),
        tuple(site.coverage),
        tuple(site.drafts),
        tuple(site.notes),
    )


def check_app_hooks(pages: dict[str, str], framework: Framework, theme: Theme) -> None:
    """Stop the build if a page carrying the assessment app (or the across-services page) lacks an
    element its script needs."""
    overridden = [
        folder / "templates" / name
        for folder in theme.dirs[:-1]
        for name in (APP_TEMPLATE, "assess.html", "single.html")
        if (folder / "templates" / name).is_file()
    ]
    template = str(overridden[0] if overridden else theme.dirs[-1] / "templates" / APP_TEMPLATE)
    problems = check_hooks(
        pages,
        template,
        [indicator.id for indicator in framework.indicators],
        [domain.number for domain in framework.domains],
    )
    programme = next(
        (
            folder / "templates" / PROGRAMME_TEMPLATE
            for folder in theme.dirs
            if (folder / "templates" / PROGRAMME_TEMPLATE).is_file()
        ),
        theme.dirs[-1] / "templates" / PROGRAMME_TEMPLATE,
    )
    problems += check_programme_hooks(pages, str(programme))
    if problems:
        raise ContentError(problems)


PREVIEW_STATUS = "_preview/status.js"


def preview_status(error: str | None) -> str:
    """The live preview's status script: the error of the last failed rebuild, or null."""
    return f"window.MPW_BUILD_ERROR = {json.dumps(error)}\n"


def is_host_root(base_url: str) -> bool:
    """Whether the site is published at the root of its host (https://example.org/, not …/mpw/)."""
    return urlsplit(base_url).path in ("", "/")


def robots_note(base_url: str) -> str:
    """Why a site under a sub-path has no robots.txt, and what to do instead."""
    parts = urlsplit(base_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    return (
        f"Left out robots.txt: crawlers read it only at {root}robots.txt, not under {parts.path}; to point "
        f"them at the sitemap, add the line `Sitemap: {base_url}sitemap.xml` to the host's own robots.txt."
    )


def publishing_files(outputs: list[str], base_url: str, updated: dict[str, date] | None = None) -> dict[str, str]:
    """sitemap.xml (with <lastmod> for pages whose front matter says when they were updated) for a
    hosted site, and robots.txt when the site is the root of its host, the only place crawlers read
    it; nothing for a relative (USB) build."""
    if not base_url:
        return {}
    updated = updated or {}
    entries = []
    for output in sorted(outputs):
        lastmod = f"<lastmod>{updated[output].isoformat()}</lastmod>" if output in updated else ""
        entries.append(f"  <url><loc>{escape(canonical_url(base_url, output))}</loc>{lastmod}</url>")
    sitemap = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        *entries,
        "</urlset>",
    ]
    files = {"sitemap.xml": "\n".join(sitemap) + "\n"}
    if is_host_root(base_url):
        files["robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n"
    return files


def write_zip(out_dir: Path, zip_path: Path) -> Path:
    """Zip the built site, inside a folder named after it, for copying to USB sticks."""
    zip_path = zip_path.resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    folder = zip_path.stem
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out_dir.rglob("*")):
            if path.is_file() and path.name != "_headers":
                archive.write(path, f"{folder}/{path.relative_to(out_dir).as_posix()}")
    return zip_path


def secure_pages(
    pages: dict[str, str], preview: dict[str, str] | None = None, cache: BuildCache = PROCESS
) -> dict[str, str]:
    """Give every page its computed Content Security Policy; fail on anything a policy cannot allow."""
    secured: dict[str, str] = {}
    problems: list[Problem] = []
    for output, html in pages.items():
        secured[output], found = csp.apply_policy(output, html, preview, cache)
        problems += found
        problems += [
            Problem(
                output,
                "<head>",
                "inline code on the page is missing from its Content Security Policy",
                "report this as a bug in mpw-static: the policy is computed from the page",
            )
            for _ in csp.uncovered_code(secured[output], cache)[:1]
        ]
    if problems:
        raise ContentError(problems)
    return secured


def policy_of(html: str) -> str:
    match = csp.META_PATTERN.search(html)
    return match.group(1) if match else ""
