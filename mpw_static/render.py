"""Render stage: framework models -> HTML strings, keyed by output path. No file is written here."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial

import markdown
from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, nodes
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .app import (
    APP_SCRIPTS,
    DISCUSSION_SCRIPTS,
    EXCEL_DATA_SCRIPT,
    EXCEL_SCRIPTS,
    MEETING_SCRIPTS,
    PROGRAMME_SCRIPTS,
    PROGRAMME_TEMPLATE,
    PROGRAMME_WORKER_SCRIPTS,
    SINGLE_FILE_SCRIPTS,
    SITE_SCRIPTS,
    WORKBOOK_NAME,
)
from .app_strings import LAZY_PARTS, PART_STRINGS_SCRIPT, part_strings_path, part_strings_script, split_strings
from .assessment_file import MAX_BYTES, MAX_DEPTH
from .cache import BuildCache
from .minify import minified
from .models import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
    ASSESSMENT_ID_PATTERN,
    DATE_PATTERN,
    DATETIME_PATTERN,
    DOMAIN_KEY_PATTERN,
    EVIDENCE_LEVELS,
    LANGUAGE_PATTERN,
    METHODS,
    NOTE_LIMIT,
    PURPOSES,
    READABLE_FORMAT_VERSIONS,
    SHORT_LIMIT,
    STATEMENTS,
    TARGETS,
    Domain,
    Framework,
    Page,
    Resources,
)
from .page_data import choice_labels, format_description
from .problems import ContentError, Problem
from .template_errors import is_template_mistake, template_problem
from .theme import Strings, Theme

MATRIX_PAGE = "matrix.html"
SHARED_PATHS = ("static/", "_preview/", "mpw-development-matrix.html", "assessment.schema.json")
ASSESSMENT_PAGE = "assess.html"
SINGLE_FILE = "mpw-development-matrix.html"
SINGLE_FILE_STYLES = ["static/css/site.css", "static/css/brand.css"]
INSERT_MARK = "mpw-insert:"
INSERT_PLACEHOLDER = re.compile(r"<!--" + INSERT_MARK + r"([a-z_]+)-->")


@dataclass(frozen=True)
class NavItem:
    title: str
    language: str  # set when the label fell back to another language
    href: str


@dataclass
class PageView:
    """What a template knows about the page it renders: where it sits, and its body."""

    output: str
    title: str
    nav_title: str
    description: str
    section: str
    parts: list[tuple[str, str]] = field(default_factory=list)
    domain: Domain | None = None
    language: str = ""  # set when the page's own text fell back to another language
    # When it did: the page's name in the build's language (its menu label), for the window title,
    # so that the title is in one language; "" when no such name is known.
    local_name: str = ""
    prefix: str = ""  # the language folder of a translation, such as "cy/"; "" for the default language
    updated: date | None = None  # front matter's updated = …: shown as "Last updated"

    @property
    def path(self) -> str:
        """Where the page is written: its output inside its language's folder."""
        return self.prefix + self.output

    @property
    def root(self) -> str:
        depth = self.path.count("/")
        return "../" * depth

    def link(self, target: str) -> str:
        """Return a link from this page to a site path, relative so it works on file:// and under any sub-path.
        Pages are linked in the page's own language; shared files (styles, scripts) are not per language."""
        shared = target.startswith(SHARED_PATHS)
        return relative_link(self.path, target if shared else self.prefix + target)

    def link_to_file(self, path: str) -> str:
        """A link to an exact file of the built site, such as the same page in another language."""
        return relative_link(self.path, path)


@lru_cache(maxsize=4096)
def relative_link(output: str, target: str) -> str:
    """The link from the page at `output` to a site path (a page renders hundreds: remembered). Both
    are the site's own paths, folders and a file with no "." or ".." in them, so the link is up to
    the folders they share, then down to the target: what posixpath.relpath gives, sooner."""
    path, _, anchor = target.partition("#")
    relative = ""
    if path:
        here, there = output.split("/")[:-1], path.split("/")
        shared = 0
        while shared < len(here) and shared < len(there) - 1 and here[shared] == there[shared]:
            shared += 1
        relative = "/".join([".."] * (len(here) - shared) + there[shared:])
    return relative + ("#" + anchor if anchor else "")


@dataclass
class SingleFileView(PageView):
    """A page of the single-file edition: links to the matrix's pages become links within the file."""

    domains: dict[str, int] = field(default_factory=dict)  # each domain page's file -> its number

    def link(self, target: str) -> str:
        path, _, anchor = target.partition("#")
        if path in self.domains:
            if anchor.startswith("indicator-"):
                return "#indicator-" + anchor.removeprefix("indicator-").replace(".", "-")
            return f"#assess-domain-{self.domains[path]}"
        sections = {"appendix.html": "appendix", MATRIX_PAGE: "guidance", ASSESSMENT_PAGE: "assessment", "": "top"}
        return "#" + (anchor or sections.get(path, "top"))


class SiteLinks(Treeprocessor):
    """Resolve resource: links to their address (or plain text) and make site links relative to the page."""

    def __init__(self, md: markdown.Markdown, page: PageView, resources: Resources):
        super().__init__(md)
        self.page = page
        self.resources = resources

    def run(self, root: ElementTree.Element) -> None:
        for anchor in root.iter("a"):
            href = anchor.get("href", "")
            if href.startswith("resource:"):
                link = self.resources.link(href.removeprefix("resource:"))
                if link is None or link.url is None:
                    # No address known yet: show the words, never a made-up link.
                    anchor.tag = "span"
                    anchor.attrib.clear()
                    anchor.set("class", "resource-pending")
                else:
                    anchor.set("href", link.url)
            elif href and not href.startswith(("#", "http:", "https:", "mailto:")):
                anchor.set("href", self.page.link(href))


class SiteLinksExtension(Extension):
    def __init__(self, page: PageView, resources: Resources):
        super().__init__()
        self.page = page
        self.resources = resources

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API name)
        md.treeprocessors.register(SiteLinks(md, self.page, self.resources), "mpw_site_links", 1)


def markdown_to_html(text: str, page: PageView, resources: Resources, cache: BuildCache) -> str:
    """Convert one Markdown block for a page; serve's rebuilds reuse blocks that have not changed."""
    key = (text, type(page), page.path, resources.model_dump_json(), repr(getattr(page, "domains", None)))

    def convert() -> str:
        converter = markdown.Markdown(
            extensions=["footnotes", "tables", "toc", SiteLinksExtension(page, resources)],
            extension_configs={"footnotes": {"BACKLINK_TITLE": "Back to reference %d"}},
            output_format="html",
        )
        return converter.convert(text)

    return cache.markdown.get(key, convert)


def make_environment(theme: Theme, cache: BuildCache) -> Environment:
    """The Jinja environment: autoescaped, and strict so a typo in a template fails the build.

    Compiling the templates is a third of a build, so it is done once: the environment is kept in
    the build's cache (serve's rebuilds reuse it; Jinja reloads a template whose file changed), and
    compiled templates are cached on disk for the next process, keyed by each template's text.
    """
    # Keyed by which templates exist too: Jinja notices a template's file changing, but not a theme
    # adding a template that overrides one already loaded from the default theme.
    present = tuple(tuple(sorted(path.name for path in (folder / "templates").glob("*.html"))) for folder in theme.dirs)
    return cache.environments.get((theme.dirs, present), lambda: new_environment(theme))


class NotingEnvironment(Environment):
    """Jinja's environment, noting whether a template read a content page's own text (Page.parts,
    which a template may reach through framework.pages): the render then depends on every page's
    text, and serve renders it again after any of them changes (see RenderedBefore)."""

    page_text_read = False

    def getattr(self, obj: object, attribute: str) -> object:
        if attribute == "parts" and isinstance(obj, Page):
            self.page_text_read = True
        return super().getattr(obj, attribute)

    def getitem(self, obj: object, argument: object) -> object:
        if argument == "parts" and isinstance(obj, Page):
            self.page_text_read = True
        return super().getitem(obj, argument)


def new_environment(theme: Theme) -> Environment:
    """A Jinja environment for a theme's template folders."""
    loader = ChoiceLoader([FileSystemLoader(folder / "templates") for folder in theme.dirs])
    environment = NotingEnvironment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=FileSystemBytecodeCache(),
    )
    environment.filters["breakable"] = breakable
    return environment


def breakable(text: str) -> Markup:
    """Text escaped, with a line-break opportunity after each slash: "boundaries/responsibilities"
    wraps at the slash in a narrow cell instead of running into the next one."""
    return Markup(escape(text).replace("/", Markup("/<wbr>")))


def known_inserts(environment: Environment, cache: BuildCache) -> dict[str, int]:
    """The macros in inserts.html, each with how many arguments it needs. A page may place those that
    need none with {{ name() }}; the others (such as resource_title) are the templates' own helpers.
    Remembered by the template's text: parsing it is slower than rendering most pages."""
    problems = TemplateProblems(environment)
    with problems.catch():
        environment.get_template("inserts.html")  # compiled once here, so a mistake in it is a Problem
        source, _, _ = environment.loader.get_source(environment, "inserts.html")

        def read_macros() -> dict[str, int]:
            macros = environment.parse(source).find_all(nodes.Macro)
            return {macro.name: len(macro.args) - len(macro.defaults) for macro in macros}

        return dict(cache.inserts.get(source, read_macros))
    problems.raise_any()
    return {}


def page_view(
    page: Page,
    framework: Framework,
    cache: BuildCache,
    view_class: Callable[..., PageView] = PageView,
    prefix: str = "",
    labels: MenuLabels | None = None,
) -> PageView:
    """Prepare a Markdown page for its template.

    The body is converted in one go, with each insert held by a placeholder comment, so that
    footnotes and heading ids work across the whole page; the HTML is then cut at the placeholders.
    """
    view = view_class(
        output=page.output,
        title=page.meta.title,
        nav_title=page.meta.nav_title,
        description=page.meta.description,
        section=page.output,
        language=page.language,
        local_name=labels.local_name(page) if labels else "",
        prefix=prefix,
        updated=page.meta.updated,
    )
    source = "\n\n".join(
        part.text if part.kind == "markdown" else f"<!--{INSERT_MARK}{part.text}-->" for part in page.parts
    )
    html = markdown_to_html(source, view, framework.resources, cache)
    pieces = INSERT_PLACEHOLDER.split(html)
    for index, piece in enumerate(pieces):
        if index % 2 == 1:
            view.parts.append(("insert", piece))
        elif piece.strip():
            view.parts.append(("html", piece))
    return view


def domain_view(domain: Domain, framework: Framework, strings: Strings) -> PageView:
    """Prepare one domain's page. Its window title is "Domain 1 of 8" in the page's language when its
    text is not translated yet."""
    title = f"{domain.number}. {domain.title}"
    local_name = strings.domain_of.format(n=domain.number)  # the count is filled in already (content_counts)
    return PageView(
        output=domain.href,
        title=title,
        nav_title=title,
        section=MATRIX_PAGE,
        domain=domain,
        language=domain.language,
        local_name=local_name if domain.language else "",
        prefix=framework.language_prefix,
        description=strings.domain_description.format(n=domain.number, title=domain.title),
    )


def menu_key(output: str) -> str:
    """The catalogue key of a page's menu label in a translation: menu_quality_standards for quality-standards.html."""
    return "menu_" + re.sub(r"[^a-z0-9]+", "_", output.removesuffix(".html").lower()).strip("_")


@dataclass(frozen=True)
class MenuLabels:
    """The menu labels a translation's catalogue gives its pages not yet translated (menu_<page>)."""

    own: dict[str, str] = field(default_factory=dict)

    def label(self, page: Page) -> tuple[str, str]:
        """A page's menu label and the language to mark it with ("" for the page's own language).

        One source for each label: a page in the build's language (the default language's, or a
        translated page) is named by its own nav_title. A page not yet translated is named by the
        translation's catalogue, like the rest of the interface; failing that, by its English
        nav_title, marked as English, and the translation coverage report lists the missing string."""
        if self.local_name(page):
            return self.local_name(page), ""
        return page.meta.nav_title, page.language

    def local_name(self, page: Page) -> str:
        """The name in the build's language of a page whose text is not translated yet, or ""."""
        return self.own.get(menu_key(page.output), "") if page.language else ""


def menu_labels(theme: Theme, language: str) -> MenuLabels:
    """The menu labels of a language's own catalogue, never another language's by fallback."""
    strings = theme.strings(language, None)
    return MenuLabels({key: getattr(strings, key) for key in strings.keys() if key.startswith("menu_")})


def menu_labels_needed(translated: Framework) -> list[str]:
    """The catalogue keys a translation needs: one for each page of its menus not yet translated."""
    return sorted({menu_key(page.output) for page in translated.pages if page.language})


def navigation(framework: Framework, menu: str = "main", labels: MenuLabels | None = None) -> list[NavItem]:
    """One menu of the site (main or footer), in the order the pages' front matter asks for."""
    pages = sorted(
        (page for page in framework.pages if page.meta.menu == menu), key=lambda page: (page.meta.order, page.output)
    )
    labels = labels or MenuLabels()
    return [NavItem(*labels.label(page), page.output) for page in pages]


def site_files(framework: Framework) -> set[str]:
    """Every HTML path the site will have, and its matrix workbook; internal links must point at one of these."""
    return {page.output for page in framework.pages} | {domain.href for domain in framework.domains} | {WORKBOOK_NAME}


def canonical_url(base_url: str, output: str) -> str:
    """A page's published address, or "" when the build has no base URL (a relative, USB build).
    A folder's index.html is published as the folder: https://example.org/mpw/cy/."""
    if not base_url:
        return ""
    return base_url + (output.removesuffix("index.html") if output.rpartition("/")[2] == "index.html" else output)


def long_date(day: date, strings: Strings) -> str:
    """A date as the page's language writes it in full, e.g. 3 March 2026 (months from the strings)."""
    months = strings.months.split()
    return strings.date_format.format(day=day.day, month=months[day.month - 1], year=day.year)


def client_data(framework: Framework, strings: Strings, js_strings: dict[str, str]) -> dict:
    """What the assessment page's script needs, embedded in the page: file:// forbids fetching it.
    js_strings are the catalogue's words its scripts use at start (the page's share, split_strings)."""
    language = framework.site_language
    return {
        "format": ASSESSMENT_FORMAT,
        "formatVersion": ASSESSMENT_FORMAT_VERSION,
        "frameworkVersion": framework.matrix.version,
        "limits": {"maxBytes": MAX_BYTES, "maxDepth": MAX_DEPTH, "longText": NOTE_LIMIT, "shortText": SHORT_LIMIT},
        # The model's own patterns, so the page checks ids, dates and codes by the same rules.
        "patterns": {
            "id": ASSESSMENT_ID_PATTERN,
            "date": DATE_PATTERN,
            "dateTime": DATETIME_PATTERN,
            "language": LANGUAGE_PATTERN,
            "domain": DOMAIN_KEY_PATTERN,
        },
        # ...and its choices and fields: the page never keeps a list of its own.
        "choices": {
            "statements": list(STATEMENTS),
            "evidence": list(EVIDENCE_LEVELS),
            "targets": list(TARGETS),
            "purposes": list(PURPOSES),
            "methods": list(METHODS),
        },
        # The whole format as one rule, read from its JSON Schema, with each object's defaults, a
        # plan's fields and the CSV columns: the page walks these and keeps no list of its own.
        **format_description(tuple(indicator.id for indicator in framework.indicators)),
        "readsVersions": list(READABLE_FORMAT_VERSIONS),
        # Loaded on first use, under static/js/: the discussion views, Excel with its data, and meeting
        # mode, each after the words it uses that the page did not embed (a failure to load them is
        # the part's failure to load).
        "scripts": {
            "discussion": [part_strings_path(language, "discussion"), *DISCUSSION_SCRIPTS],
            "excel": [part_strings_path(language, "excel"), *excel_scripts(language)],
            "meeting": [part_strings_path(language, "meeting"), *MEETING_SCRIPTS],
        },
        "smallestGroup": framework.site.smallest_group,  # across services: the small-number rule
        # Each domain's and indicator's language, when its text is not in the page's ("" when it is):
        # a Welsh page shows the English matrix until it is translated, and the views mark it so.
        "domains": [
            {"number": domain.number, "title": domain.title, "language": domain.language}
            for domain in framework.domains
        ],
        "indicators": [
            # The statements' text is in the page's form already; the script reads it from there.
            {"id": indicator.id, "domain": domain.number, "title": indicator.title, "language": domain.language}
            for domain in framework.domains
            for indicator in domain.indicators
        ],
        "labels": {
            "statements": framework.matrix.statement_labels,
            "na": framework.matrix.not_applicable_label,
            **choice_labels(
                framework.matrix.statement_labels, framework.matrix.not_applicable_label, strings.with_prefix("js_")
            ),
        },
        "language": framework.site_language,
        "locale": strings.locale,  # dates and times follow the page's language, not the browser's
        "strings": js_strings,
    }


def page_strings(framework: Framework, theme: Theme) -> Strings:
    """The catalogue in the framework's language, its counts filled in from the content."""
    return theme.strings(framework.site_language, framework.site.language).with_counts(content_counts(framework))


def strings_shares(theme: Theme, strings: Strings, cache: BuildCache) -> dict[str, dict[str, str]]:
    """The catalogue's js_ words by who receives them (split_strings), read from the scripts as they ship."""
    static = theme.static_files()
    return split_strings(strings.with_prefix("js_"), lambda path: minified(static[path], cache))


def part_strings_scripts(framework: Framework, theme: Theme, cache: BuildCache) -> dict[str, str]:
    """The scripts that bring each lazily loaded part's words in this language, by site path."""
    shares = strings_shares(theme, page_strings(framework, theme), cache)
    return {
        PART_STRINGS_SCRIPT.format(language=framework.site_language, part=part): part_strings_script(shares[part])
        for part in LAZY_PARTS
    }


def excel_scripts(language: str) -> list[str]:
    """What the page's Excel room loads on first use, as paths under static/js/: the library, its
    code, and the build's data for this language (static/excel/en.js)."""
    return [*EXCEL_SCRIPTS, "../" + EXCEL_DATA_SCRIPT.format(language=language).removeprefix("static/")]


def content_counts(framework: Framework) -> dict[str, int]:
    """The counts the catalogue's words may name, from the content: {domain_count} domains, and the
    {appendix_count} items of the appendix."""
    return {"domain_count": len(framework.domains), "appendix_count": len(framework.appendix.items)}


@dataclass(frozen=True)
class Alternate:
    """The same page in one of the site's languages, for the language switcher and hreflang links."""

    language: str
    name: str
    prefix: str


def alternates(framework: Framework, theme: Theme) -> list[Alternate]:
    """Every language of the site, the default (at the root) first."""
    codes = [framework.site.language, *framework.site.translations]
    if len(codes) == 1:
        return []
    return [
        Alternate(
            code,
            theme.strings(code, framework.site.language).language_name,
            "" if code == framework.site.language else f"{code}/",
        )
        for code in codes
    ]


@dataclass(frozen=True)
class RenderedBefore:
    """One language's pages as the last build with this cache rendered them, for serve's next rebuild.

    `inputs` is everything the pages are made from except the content pages' own text (render_inputs).
    While it stays the same, a page is the same as before unless a text its render read has changed:
    its own page's, and for the single file the matrix and assessment pages'; every page's, if a
    template read any page's text (NotingEnvironment)."""

    inputs: tuple
    texts: dict[str, tuple]  # each content page's parts, by its source
    pages: dict[str, tuple[str, frozenset[str]]]  # output path: (its HTML, the sources of the texts it read)

    def html_if_unchanged(self, output: str, texts: dict[str, tuple]) -> str | None:
        kept = self.pages.get(output)
        if kept is None:
            return None
        html, read = kept
        return html if all(self.texts.get(source) == texts.get(source) for source in read) else None


def render_inputs(framework: Framework, theme: Theme, base_url: str, preview: object) -> tuple:
    """What every page of a language is made from, but the content pages' own text: the framework
    without that text, the bytes of every template, catalogue and static file (the single file
    inlines the scripts), the base URL and the preview's settings."""
    without_text = framework.model_copy(
        update={"pages": [page.model_copy(update={"parts": []}) for page in framework.pages]}
    )
    theme_files = sorted({path for folder in theme.dirs for path in folder.rglob("*") if path.is_file()})
    files = sorted({*theme_files, *theme.static_files().values()})
    digests = tuple((str(path), hashlib.blake2b(path.read_bytes(), digest_size=16).digest()) for path in files)
    settings = sorted(preview.items()) if isinstance(preview, dict) else preview
    return (without_text, theme.dirs, theme.override_app, digests, base_url, repr(settings))


def render_site(
    framework: Framework, theme: Theme, cache: BuildCache, base_url: str = "", preview: object = None
) -> dict[str, str]:
    """Render every page; return {output path: HTML}.

    base_url adds each page's canonical address; preview adds the live-preview script (serve only).
    A translation (framework.site_language not the site's language) renders into its own folder.
    """
    # Read before any file is: a file changed while this build reads it then differs from what is kept.
    inputs = render_inputs(framework, theme, base_url, preview)
    environment = make_environment(theme, cache)  # cached and shared by languages: nothing per language is set on it
    language = framework.site_language
    prefix = framework.language_prefix
    strings = page_strings(framework, theme)
    shares = strings_shares(theme, strings, cache)
    outputs = {page.output for page in framework.pages}
    # What every template of this language sees, passed in each render's context.
    shared = {
        "site": framework.site.in_language(language),
        "long_date": lambda day: long_date(day, strings),
        "framework": framework,
        "t": strings,
        "lang": language,
        "languages": alternates(framework, theme),
        # Made once per language: a page's templates ask for it several times; they only read it.
        "assessment_data": lru_cache(maxsize=1)(lambda: client_data(framework, strings, shares["start"])),
        "site_scripts": SITE_SCRIPTS,
        "assessment_scripts": APP_SCRIPTS,
        "workbook_name": WORKBOOK_NAME,  # the blank matrix workbook, which the assessment page links to
        "programme_scripts": PROGRAMME_SCRIPTS,
        "programme_worker": lambda: programme_worker(theme, cache),
        "brand_css": theme_has_brand_css(theme, cache),
        "single_file": SINGLE_FILE if {MATRIX_PAGE, ASSESSMENT_PAGE} <= outputs else "",
    }
    labels = menu_labels(theme, language)
    nav = navigation(framework, labels=labels)
    footer_nav = navigation(framework, "footer", labels)
    views = [
        (page_view(page, framework, cache, prefix=prefix, labels=labels), page.meta.template, page.source)
        for page in framework.pages
    ]
    views += [(domain_view(domain, framework, strings), "domain.html", domain.source) for domain in framework.domains]
    # The across-services page's data holds its own scripts' share of the catalogue; the single-file
    # edition's, all that its inline scripts use (it cannot load a part's words later).
    data_of = {
        name: lru_cache(maxsize=1)(lambda share=share: client_data(framework, strings, shares[share]))
        for name, share in ((PROGRAMME_TEMPLATE, "programme"), ("single.html", "single"))
    }
    # After an edit to one page's text (serve), only the pages that read it are rendered again.
    before = cache.renders.get(language)
    before = before if before is not None and before.inputs == inputs else None
    texts = {page.source: tuple(page.parts) for page in framework.pages}
    read_by: dict[str, frozenset[str]] = {}

    def render_once(output: str, own_texts: set[str], render: Callable[[], str]) -> str:
        """The page's HTML: as before if nothing it read has changed, else rendered, noting what it read."""
        html = before.html_if_unchanged(output, texts) if before else None
        if html is not None:
            read_by[output] = before.pages[output][1]
            return html
        environment.page_text_read = False
        html = render()
        read_by[output] = frozenset(texts) if environment.page_text_read else frozenset(own_texts)
        return html

    rendered = {}
    problems = TemplateProblems(environment)
    parts = template_parts(environment)
    for view, template_name, source in views:
        if template_name in parts or (template_name in BUILDS_OWN and source.endswith(".md")):
            problems.add(part_as_page(template_name, source, parts, environment))
            continue
        own = {source} if source in texts else set()
        with problems.catch(source, template_name):
            rendered[view.path] = render_once(
                view.path,
                own,
                partial(
                    environment.get_template(template_name).render,
                    shared,
                    **({"assessment_data": data_of[template_name]} if template_name == PROGRAMME_TEMPLATE else {}),
                    page=view,
                    nav=nav,
                    footer_nav=footer_nav,
                    canonical=canonical_url(base_url, view.path),
                    preview=preview is not None,
                    published=lambda path: canonical_url(base_url, path),
                ),
            )
    with problems.catch():
        single_shared = shared | {"assessment_data": data_of["single.html"]}
        single_texts = {page.source for page in framework.pages if page.output in (ASSESSMENT_PAGE, MATRIX_PAGE)}
        make_single = partial(single_file, framework, theme, environment, single_shared, cache)
        single = render_once(SINGLE_FILE, single_texts, make_single) if not prefix else ""
        if single:
            rendered[SINGLE_FILE] = single
    problems.raise_any()
    cache.renders[language] = RenderedBefore(
        inputs, texts, {output: (rendered.get(output, ""), read) for output, read in read_by.items()}
    )
    return rendered


class TemplateProblems:
    """Every template mistake met while rendering a site, each once, raised together at the end."""

    def __init__(self, environment: Environment):
        self.environment = environment
        self.found: list[Problem] = []

    @contextmanager
    def catch(self, source: str = "", template_name: str = "") -> Iterator[None]:
        """Turn a template mistake in the block into a Problem; let any other error through (a bug)."""
        try:
            yield
        except Exception as error:
            if not is_template_mistake(error):
                raise
            problem = template_problem(error, page_templates(self.environment), source, template_name)
            if problem not in self.found:
                self.found.append(problem)

    def add(self, problem: Problem) -> None:
        if problem not in self.found:
            self.found.append(problem)

    def raise_any(self) -> None:
        if self.found:
            raise ContentError(self.found)


# A template named by another's {% extends %}, {% import %}, {% include %} or {% from … import %}.
TEMPLATE_REFERENCE = re.compile(r"""\{%-?\s*(?:extends|import|include|from)\s+["']([^"']+)["']""")


# Templates the build renders for pages of its own, which a content page cannot use: what they need
# (a domain, the single file's inline code) is not a content page's.
BUILDS_OWN = ("domain.html", "single.html")


def page_templates(environment: Environment, parts: set[str] | None = None) -> list[str]:
    """The templates a content page's front matter may name (parts: template_parts, if known)."""
    parts = template_parts(environment) if parts is None else parts
    return sorted(
        name
        for name in environment.list_templates()
        if name.endswith(".html") and name not in parts and name not in BUILDS_OWN
    )


def template_parts(environment: Environment) -> set[str]:
    """The templates that others are built from (base.html, inserts.html, lang.html …): parts of a
    page, which as a page's own template give an empty page or a confusing failure."""
    loader = environment.loader
    return {
        name
        for template in environment.list_templates()
        for name in TEMPLATE_REFERENCE.findall(loader.get_source(environment, template)[0])
    }


def part_as_page(template: str, source: str, parts: set[str], environment: Environment) -> Problem:
    """A content page whose front matter names a part, or a template of the build's own pages."""
    what = "a part that the theme's page templates are built from" if template in parts else "for the build's own pages"
    return Problem(
        source,
        "template",
        f'"{template}" is {what}, not a content page\'s template',
        f"use one of the page templates: {', '.join(page_templates(environment, parts))}",
    )


BRAND_CSS = "static/css/brand.css"


def theme_has_brand_css(theme: Theme, cache: BuildCache) -> bool:
    """Whether the theme's brand.css holds any rule: an empty one is not worth a render-blocking request."""
    path = theme.static_files().get(BRAND_CSS)
    return path is not None and bool(minified(path, cache).strip())


def programme_worker(theme: Theme, cache: BuildCache) -> str:
    """The across-services page's Worker as one script: the scripts it shares with the page, minified
    as the page loads them, each ended so that the next one's opening bracket cannot call it."""
    static = theme.static_files()
    return "".join(minified(static[path], cache) + "\n;\n" for path in PROGRAMME_WORKER_SCRIPTS)


def single_file(framework: Framework, theme: Theme, environment: Environment, shared: dict, cache: BuildCache) -> str:
    """The single-file edition, or "" when the content has no matrix or assessment page to build it from."""
    pages = {page.output: page for page in framework.pages}
    if not shared["single_file"]:
        return ""
    # The views need the domains before their Markdown is converted: its links are resolved then.
    make_view = partial(SingleFileView, domains={domain.href: domain.number for domain in framework.domains})
    static = theme.static_files()
    read = lambda path: minified(static[path], cache)  # noqa: E731
    view = page_view(pages[ASSESSMENT_PAGE], framework, cache, make_view)
    view.output = SINGLE_FILE
    return environment.get_template("single.html").render(
        shared,
        page=view,
        guidance=page_view(pages[MATRIX_PAGE], framework, cache, make_view),
        inline_css="\n".join(
            read(path) for path in SINGLE_FILE_STYLES if path != BRAND_CSS or theme_has_brand_css(theme, cache)
        ),
        inline_scripts=[read(path) for path in SINGLE_FILE_SCRIPTS],
    )
