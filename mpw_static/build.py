"""The build pipeline in one place: load -> check -> render -> secure -> write.

`assemble_site` reads as the list of its stages, as MkDocs' build() does, each a function named
for what it does; `build_site` writes what they made. What one build can hand the next (parsed
files, converted Markdown, compiled templates) is in a BuildCache that the caller owns: `serve`
keeps one across its rebuilds, and a plain build makes its own.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import csp
from .app import APP_TEMPLATE, PREVIEW_SCRIPT, PROGRAMME_TEMPLATE, WORKBOOK_NAME, check_hooks, check_programme_hooks
from .assessment_file import assessment_schema
from .cache import BuildCache
from .load import LoadFailed, load_framework
from .minify import is_minifiable, minified
from .models import Framework
from .problems import ContentError, Problem, UsageError
from .publishing import is_host_root, publishing_files, robots_note
from .render import known_inserts, make_environment, part_strings_scripts, render_site, site_files
from .search import SEARCH_SCRIPT, search_documents, search_script
from .theme import Theme
from .translations import Coverage, translation_coverage
from .validate import check_framework, check_page_parts, check_same_shape
from .workbook import site_workbooks
from .write import update_site, write_site, write_zip, written


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


@dataclass(frozen=True)
class Language:
    """One language of the site, rendered: its content, its pages by site path, and what its search
    box looks in."""

    framework: Framework
    pages: dict[str, str]
    search: list[dict[str, str]]

    @property
    def updated(self) -> dict[str, date]:
        """When each page says it was last updated (front matter's updated = …), by site path."""
        prefix = self.framework.language_prefix
        return {prefix + page.output: page.meta.updated for page in self.framework.pages if page.meta.updated}


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


def build_site(
    content_dir: Path,
    out_dir: Path,
    theme_dir: Path | None = None,
    options: BuildOptions | None = None,
    cache: BuildCache | None = None,
) -> BuildResult:
    """Build the whole site from content_dir into out_dir. Nothing is written unless every stage
    succeeds. Without a cache, the build makes its own and nothing is kept for the next."""
    started = time.perf_counter()
    options = options or BuildOptions()
    if theme_dir is not None and options.theme_dir is None:
        options = replace(options, theme_dir=theme_dir)
    cache = cache or BuildCache()
    site = assemble_site(content_dir, options, cache)
    write_outputs(site, out_dir, cache)
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


def write_outputs(site: AssembledSite, out_dir: Path, cache: BuildCache) -> None:
    """Write the site: into a new folder swapped in whole, or, when this cache's last build wrote
    out_dir and it is still there, only the files that changed or that something else changed since
    (serve, whose own status file a failed rebuild rewrites)."""
    out_dir = out_dir.resolve()
    last = cache.outputs.pop(out_dir, None)
    if last is not None and out_dir.is_dir():
        cache.outputs[out_dir] = update_site(site.texts, site.files, out_dir, last)
    else:
        write_site(site.texts, site.files, out_dir)
        cache.outputs[out_dir] = written(site.texts, site.files, out_dir)


def assemble_site(content_dir: Path, options: BuildOptions, cache: BuildCache) -> AssembledSite:
    """Every stage but writing: load and check every language, render them, secure the pages and make
    the other files. `validate` runs this too, so that it finds whatever would stop a build."""
    # --strict fails on the warnings of every language at once, after the translations are checked.
    framework, theme, warnings = load_and_check(content_dir, options.theme_dir, drafts=options.drafts, cache=cache)
    translations, translation_warnings = load_translations(content_dir, framework, theme, options.drafts, cache)
    warnings += [warning for warning in translation_warnings if warning not in warnings]
    coverage = [translation_coverage(framework, translated, theme) for translated in translations]
    check_strictness(options, warnings, coverage)
    base_url = framework.site.base_url if options.base_url is None else options.base_url
    languages = [render_language(each, theme, base_url, options.preview, cache) for each in [framework, *translations]]
    rendered = {path: html for language in languages for path, html in language.pages.items()}
    check_app_hooks(rendered, framework, theme, cache)
    pages, policies = secure_pages(rendered, options.preview, cache)
    copied, minified_files = static_files(theme, options.preview, cache)
    generated = {
        **generated_files(languages, policies, theme, base_url, options.preview is not None, cache),
        **minified_files,
    }
    notes = [robots_note(base_url)] if base_url and not is_host_root(base_url) else []
    return AssembledSite(
        framework, {**pages, **generated}, copied, len(pages), warnings, coverage, framework.drafts, notes
    )


def load_and_check(
    content_dir: Path,
    theme_dir: Path | None = None,
    strict: bool = False,
    drafts: bool = False,
    cache: BuildCache | None = None,
) -> tuple[Framework, Theme, list[Problem]]:
    """Load the content, choose its theme and run the cross-file checks; raise ContentError on any
    problem (and on any warning when strict); return the warnings otherwise. Draft pages are left
    out unless `drafts` (serve --drafts)."""
    cache = cache or BuildCache()
    check_theme_folder(theme_dir)
    try:
        framework = load_framework(content_dir, cache=cache)
        framework = framework if drafts else framework.without_drafts()
    except LoadFailed as failed:
        raise ContentError(failed.problems + checks_of_what_loaded(failed, theme_dir, cache)) from None
    theme = choose_theme(framework, content_dir, theme_dir, cache)
    warnings = check_framework(
        framework, known_inserts(make_environment(theme, cache), cache), site_files(framework), strict
    )
    app_warnings = theme.app_warnings()
    if strict and app_warnings:
        raise ContentError([replace(warning, warning=False) for warning in app_warnings])
    return framework, theme, warnings + app_warnings


def check_theme_folder(theme_dir: Path | None) -> None:
    """--theme must name a folder: a mistake in the command, said before anything is read."""
    if theme_dir is not None and not theme_dir.is_dir():
        raise UsageError(
            f"{theme_dir}: there is no theme folder here; give --theme the path of a theme folder (one with "
            "templates/, static/ or strings/), or leave --theme out to use the theme named in site.toml."
        )


def choose_theme(framework: Framework, content_dir: Path, theme_dir: Path | None, cache: BuildCache) -> Theme:
    """--theme wins; else site.toml's theme: a name under themes/ beside content/, or a path."""
    if theme_dir is not None:
        return Theme.at(theme_dir, cache)
    name = framework.site.theme
    if name == "default":
        return Theme.at(None, cache)
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
    return Theme.at(found, cache)


def checks_of_what_loaded(failed: LoadFailed, theme_dir: Path | None, cache: BuildCache) -> list[Problem]:
    """The insert and link checks of the pages that loaded, when other files did not."""
    try:
        inserts = known_inserts(make_environment(Theme.at(theme_dir, cache), cache), cache)
    except ContentError as error:
        return error.problems
    link_ids = None if failed.resources is None else {link.id for link in failed.resources.links}
    files = (
        failed.page_outputs | {page.output for page in failed.pages} | (failed.domain_pages or set()) | {WORKBOOK_NAME}
    )
    unsure = ("domains/",) if failed.domain_pages is None else ()
    return check_page_parts(failed.pages, inserts, files, link_ids, unsure)


def load_translations(
    content_dir: Path, framework: Framework, theme: Theme, drafts: bool, cache: BuildCache
) -> tuple[list[Framework], list[Problem]]:
    """Each translation's content, checked as the default language's is, and the warnings found. A
    translation's own resources.toml can lack addresses too; one it takes from the default language
    gives the same warnings, which the caller counts once."""
    inserts = known_inserts(make_environment(theme, cache), cache)
    translations, warnings = [], []
    for language in framework.site.translations:
        translated = load_framework(content_dir, language, framework.site.language, cache)
        shape = check_same_shape(framework, translated)
        if shape:  # the site's shape, before what follows from it (a form without an indicator's hooks)
            raise ContentError(shape)
        translated = translated if drafts else translated.without_drafts()
        translations.append(translated)
        warnings += check_framework(translated, inserts, site_files(translated))
    return translations, warnings


def check_strictness(options: BuildOptions, warnings: list[Problem], coverage: list[Coverage]) -> None:
    """--strict: every warning of every language fails the build; --strict-translations: anything
    still untranslated does."""
    if options.strict and warnings:
        raise ContentError([replace(warning, warning=False) for warning in warnings])
    if options.strict_translations and any(report.missing for report in coverage):
        raise ContentError([problem for report in coverage for problem in report.problems()])


def render_language(
    framework: Framework, theme: Theme, base_url: str, preview: dict[str, str] | None, cache: BuildCache
) -> Language:
    """Render one language's pages (in its own folder for a translation) and gather its search documents."""
    pages = render_site(framework, theme, cache, base_url=base_url, preview=preview)
    return Language(framework, pages, search_documents(framework, pages, cache))


def check_app_hooks(pages: dict[str, str], framework: Framework, theme: Theme, cache: BuildCache) -> None:
    """Stop the build if a page carrying the assessment app (or the across-services page) lacks an
    element its script needs. A page the same as one already checked is not read again (serve)."""
    overridden = [
        folder / "templates" / name
        for folder in theme.dirs[:-1]
        for name in (APP_TEMPLATE, "assess.html", "single.html")
        if (folder / "templates" / name).is_file()
    ]
    template = str(overridden[0] if overridden else theme.dirs[-1] / "templates" / APP_TEMPLATE)
    ids = [indicator.id for indicator in framework.indicators]
    numbers = [domain.number for domain in framework.domains]
    problems = [
        problem
        for output, html in sorted(pages.items())
        for problem in cache.hooks.get(
            (output, html, template, tuple(ids), tuple(numbers)),
            lambda: check_hooks({output: html}, template, ids, numbers),  # noqa: B023 (called at once)
        )
    ]
    programme = next(
        (
            folder / "templates" / PROGRAMME_TEMPLATE
            for folder in theme.dirs
            if (folder / "templates" / PROGRAMME_TEMPLATE).is_file()
        ),
        theme.dirs[-1] / "templates" / PROGRAMME_TEMPLATE,
    )
    problems += [
        problem
        for output, html in sorted(pages.items())
        for problem in cache.hooks.get(
            (output, html, str(programme)),
            lambda: check_programme_hooks({output: html}, str(programme)),  # noqa: B023 (called at once)
        )
    ]
    if problems:
        raise ContentError(problems)


def secure_pages(
    pages: dict[str, str], preview: dict[str, str] | None, cache: BuildCache
) -> tuple[dict[str, str], dict[str, str]]:
    """Give every page its computed Content Security Policy; fail on anything a policy cannot allow.
    Return the pages and their policies, by site path."""
    secured: dict[str, str] = {}
    policies: dict[str, str] = {}
    problems: list[Problem] = []
    for output, html in pages.items():
        secured[output], policies[output], found = csp.apply_policy(output, html, preview, cache)
        problems += found
    if problems:
        raise ContentError(problems)
    return secured, policies


def static_files(
    theme: Theme, preview: dict[str, str] | None, cache: BuildCache
) -> tuple[dict[str, Path], dict[str, str]]:
    """The theme's and the app's static files: those copied as they are, and the scripts and styles,
    minified. The live preview's script only goes into serve's builds."""
    static = {path: source for path, source in theme.static_files().items() if preview or path != PREVIEW_SCRIPT}
    copied = {path: source for path, source in static.items() if not is_minifiable(path)}
    return copied, {path: minified(source, cache) for path, source in static.items() if is_minifiable(path)}


def generated_files(
    languages: list[Language], policies: dict[str, str], theme: Theme, base_url: str, preview: bool, cache: BuildCache
) -> dict[str, str | bytes]:
    """The files made from the content for the whole site: the assessment file's schema, the security
    headers, each language's search documents, workbook and the words of the assessment page's parts
    loaded on first use, the sitemap and robots.txt, and serve's status script."""
    framework = languages[0].framework
    ids = [indicator.id for indicator in framework.indicators]
    updated = {path: day for language in languages for path, day in language.updated.items()}
    searches = {
        SEARCH_SCRIPT.format(language=language.framework.site_language): search_script(language.search)
        for language in languages
    }
    return {
        "assessment.schema.json": json.dumps(assessment_schema(ids), indent=2, ensure_ascii=False) + "\n",
        "_headers": csp.headers_file(policies),
        **searches,
        **publishing_files(list(policies), base_url, updated),
        **site_workbooks([language.framework for language in languages], theme),  # bytes
        **{
            path: script
            for language in languages
            for path, script in part_strings_scripts(language.framework, theme, cache).items()
        },
        **({PREVIEW_STATUS: preview_status(None)} if preview else {}),
    }


PREVIEW_STATUS = "_preview/status.js"


def preview_status(error: str | None) -> str:
    """The live preview's status script: the error of the last failed rebuild, or null."""
    return f"window.MPW_BUILD_ERROR = {json.dumps(error)}\n"
