"""Validate stage: checks that span files, run after every file has loaded on its own."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from .models import PAGE_PLACE_FIELDS, Framework, Page
from .problems import ContentError, Problem, did_you_mean

# What the address warnings are, as the build's count of warnings names them.
WITHOUT_ADDRESS = "documents and videos without a web address yet, shown as plain text"
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def check_framework(
    framework: Framework, inserts: dict[str, int], site_files: set[str], strict: bool = False
) -> list[Problem]:
    """Raise ContentError listing every cross-reference problem; return the warnings.

    Warnings are things a reader can live with, such as a resource without an address yet; with
    strict=True (the --strict option) they fail the build like problems do.
    """
    problems = [
        *check_domains(framework),
        *check_test_questions(framework),
        *check_data_items(framework),
        *check_workforce(framework),
        *check_videos(framework),
        *check_pages(framework, inserts, site_files),
        *check_resource_ids(framework),
        *check_history(framework),
        *check_site_translations(framework),
    ]
    warnings = check_addresses(framework)
    if problems or (strict and warnings):
        raise ContentError(problems + [replace(warning, warning=False) for warning in warnings] if strict else problems)
    return warnings


def content_file(framework: Framework, relative: str) -> str:
    """How messages name a content file: a translation's own copy is content/cy/resources.toml, and
    a file it takes from the default language is named as that file."""
    own = framework.site_language != framework.site.language and relative not in framework.fallbacks
    return (
        f"{framework.content_label}/{framework.site_language}/{relative}"
        if own
        else f"{framework.content_label}/{relative}"
    )


def check_history(framework: Framework) -> list[Problem]:
    """The version history, when there is one, starts with the version the matrix says it is."""
    versions = framework.history.framework
    if not versions or versions[0].version == framework.matrix.version:
        return []
    return [
        Problem(
            content_file(framework, "history.toml"),
            "framework[0].version",
            f'the newest version listed is "{versions[0].version}", but matrix/matrix.toml says the matrix '
            f'is "{framework.matrix.version}"',
            "list the matrix's version first, newest first, with what changed in it",
        )
    ]


def check_site_translations(framework: Framework) -> list[Problem]:
    """site.toml's [translated.xx] tables name languages the site is built in (a table misspelt as
    [translated.cym] is told which one it is likely to be)."""
    problems = []
    for code in framework.site.translated:
        if code in framework.site.translations:
            continue
        meant = did_you_mean(code, framework.site.translations)
        listed = ", ".join(f'"{each}"' for each in framework.site.translations)
        problems.append(
            Problem(
                f"{framework.content_label}/site.toml",
                f"translated.{code}",
                f'the site is not translated into "{code}"{meant}',
                f"name the table as its language is in translations = [{listed}]"
                if meant
                else f'add "{code}" to translations = […], or remove [translated.{code}]',
            )
        )
    return problems


def check_resource_ids(framework: Framework) -> list[Problem]:
    """Each resource link has its own id: pages name them in resource: links."""
    ids = Counter(link.id for link in framework.resources.links)
    return [
        Problem(
            content_file(framework, "resources.toml"),
            f"links[{index}].id",
            f'the id "{link.id}" is used by {ids[link.id]} links',
            "give each link its own id",
        )
        for index, link in enumerate(framework.resources.links)
        if ids[link.id] > 1
    ]


def check_addresses(framework: Framework) -> list[Problem]:
    """Warnings: documents and videos without a web address are shown as plain text."""
    file = content_file(framework, "resources.toml")
    items = [(f"links[{i}]", link.title, link.url) for i, link in enumerate(framework.resources.links)]
    items += [(f"videos[{i}]", video.title, video.url) for i, video in enumerate(framework.resources.videos)]
    return [
        Problem(
            file,
            place,
            f'"{title}" has no web address yet, so it is shown as plain text',
            'add url = "https://…" to it once the address is known',
            warning=True,
            kind=WITHOUT_ADDRESS,
        )
        for place, title, url in items
        if url is None
    ]


def domain_range(framework: Framework) -> str:
    """The domain numbers the content has, in words, for a hint: "1 to 8"."""
    return f"1 to {max((domain.number for domain in framework.domains), default=1)}"


def check_domains(framework: Framework) -> list[Problem]:
    """Domains are numbered 1, 2, 3 … up to the last one's number, each once, with unique slugs. How
    many there are is the content's to say: the matrix has as many as it has domain files."""
    problems = []
    numbers = Counter(domain.number for domain in framework.domains)
    for number, count in sorted(numbers.items()):
        if count > 1:
            files = [domain.source.rpartition("/")[2] for domain in framework.domains if domain.number == number]
            problems.append(
                Problem(
                    f"{framework.content_label}/matrix/domains/",
                    "number",
                    f"domain {number} is defined {count} times: in {' and '.join(files)}",
                    f"give each domain file its own number from {domain_range(framework)}",
                )
            )
    missing = [n for n in range(1, max(numbers, default=0) + 1) if n not in numbers]
    if missing:
        listed = ", ".join(map(str, missing))
        problems.append(
            Problem(
                f"{framework.content_label}/matrix/domains/",
                "",
                f"domain {listed} is missing" if len(missing) == 1 else f"domains {listed} are missing",
                "domains are numbered 1, 2, 3 … with none left out: add a TOML file for each missing "
                "number, or renumber the domains that follow",
            )
        )
    slugs = Counter(domain.slug for domain in framework.domains)
    for slug, count in sorted(slugs.items()):
        if count > 1:
            problems.append(
                Problem(
                    f"{framework.content_label}/matrix/domains/",
                    "slug",
                    f'slug "{slug}" is used by {count} domains',
                    "each domain needs its own slug: it names the page domains/<slug>.html",
                )
            )
    return problems


def check_test_questions(framework: Framework) -> list[Problem]:
    """Every test-question set names domains that exist, and set ids are unique."""
    problems = []
    known = {domain.number for domain in framework.domains}
    ids = Counter(qset.id for qset in framework.test_questions)
    for index, qset in enumerate(framework.test_questions):
        for number in qset.domains:
            if number not in known:
                problems.append(
                    Problem(
                        content_file(framework, "matrix/test-questions.toml"),
                        f"sets[{index}].domains",
                        f"{qset.id} names domain {number}, which does not exist",
                        f"use the number of an existing domain, {domain_range(framework)}",
                    )
                )
        if ids[qset.id] > 1:
            problems.append(
                Problem(
                    content_file(framework, "matrix/test-questions.toml"),
                    f"sets[{index}].id",
                    f"the id {qset.id} is used by {ids[qset.id]} sets",
                    "give each set its own id",
                )
            )
    return problems


def check_data_items(framework: Framework) -> list[Problem]:
    """Each domain's data items point at a rank the appendix has."""
    problems = []
    last_rank = len(framework.appendix.items)
    for domain in framework.domains:
        for index, item in enumerate(domain.data_items):
            if item.rank > last_rank:
                problems.append(
                    Problem(
                        domain.source,
                        f"data_items[{index}].rank",
                        f'"{item.text}" points to appendix rank {item.rank}, but the appendix stops at {last_rank}',
                        "use the rank the item has in content/matrix/appendix.toml",
                    )
                )
    return problems


def check_workforce(framework: Framework) -> list[Problem]:
    """Workforce themes link to domains that exist."""
    known = {domain.number for domain in framework.domains}
    return [
        Problem(
            content_file(framework, "matrix/workforce.toml"),
            f"themes[{index}].domains",
            f"theme {theme.number} links to domain {number}, which does not exist",
            f"use the number of an existing domain, {domain_range(framework)}",
        )
        for index, theme in enumerate(framework.workforce.themes)
        for number in theme.domains
        if number not in known
    ]


def check_videos(framework: Framework) -> list[Problem]:
    """Videos tied to a domain name one that exists."""
    known = {domain.number for domain in framework.domains}
    return [
        Problem(
            content_file(framework, "resources.toml"),
            f"videos[{index}].domain",
            f'"{video.title}" is tied to domain {video.domain}, which does not exist',
            "use the number of an existing domain, or remove the domain field",
        )
        for index, video in enumerate(framework.resources.videos)
        if video.domain is not None and video.domain not in known
    ]


def check_pages(framework: Framework, inserts: dict[str, int], site_files: set[str]) -> list[Problem]:
    """Pages have unique outputs, known inserts, and links to resources and pages that exist."""
    link_ids = {link.id for link in framework.resources.links}
    return check_page_parts(framework.pages, inserts, site_files, link_ids, drafts=set(framework.drafts))


def check_page_parts(
    pages: list[Page],
    inserts: dict[str, int],
    site_files: set[str],
    link_ids: set[str] | None,
    unsure: tuple[str, ...] = (),
    drafts: set[str] | frozenset[str] = frozenset(),
) -> list[Problem]:
    """The page checks, also run on what did load when other content files did not (see load.LoadFailed):
    link_ids None skips resource links (resources.toml did not load); links starting with a path in
    `unsure` are not checked (a file that would have made them did not load)."""
    problems = []
    outputs = Counter(page.output for page in pages)
    for page in pages:
        file = page.source
        if outputs[page.output] > 1:
            problems.append(
                Problem(
                    file, "output", f"another page also writes {page.output}", "give each page its own output file name"
                )
            )
        for part in page.parts:
            if part.kind == "insert" and inserts.get(part.text, -1) != 0:
                problems.append(insert_problem(file, part.text, part.line, inserts))
            if part.kind == "markdown":
                problems.extend(check_links(file, part.text, part.line, link_ids, site_files, unsure, drafts))
    return problems


def insert_problem(file: str, name: str, line: int, inserts: dict[str, int]) -> Problem:
    """An insert line naming a macro that does not exist, or one that needs arguments a page cannot give."""
    placeable = sorted(insert for insert, needs in inserts.items() if needs == 0)
    if name in inserts:
        return Problem(
            file,
            "",
            f"{{{{ {name}() }}}} cannot be placed in a page: it is a helper of the templates and needs "
            f"{inserts[name]} argument{'s' if inserts[name] > 1 else ''}",
            "remove the line, or use one of: " + ", ".join(placeable),
            line=line,
        )
    return Problem(
        file,
        "",
        f"unknown insert {{{{ {name}() }}}}" + did_you_mean(name, placeable),
        "use one of: " + ", ".join(placeable),
        line=line,
    )


def check_links(
    file: str,
    text: str,
    first_line: int,
    link_ids: set[str] | None,
    site_files: set[str],
    unsure: tuple[str, ...] = (),
    drafts: set[str] | frozenset[str] = frozenset(),
) -> list[Problem]:
    """Find Markdown links to unknown resources or to pages the site does not have."""
    problems = []
    for offset, line in enumerate(text.splitlines()):
        for target in MARKDOWN_LINK.findall(line):
            where = first_line + offset
            if target.startswith("resource:"):
                if link_ids is not None and target.removeprefix("resource:") not in link_ids:
                    problems.append(
                        Problem(
                            file,
                            "",
                            f'link to unknown resource "{target}"',
                            "add it to content/resources.toml [[links]] or fix the id"
                            + did_you_mean(target.removeprefix("resource:"), link_ids),
                            line=where,
                        )
                    )
            elif not re.match(r"^([a-z]+:|#)", target):
                page = target.split("#", 1)[0]
                if page in drafts:
                    problems.append(
                        Problem(
                            file,
                            "",
                            f'link to "{target}", a draft page that is left out of the build',
                            "publish that page (remove draft = true) or remove the link",
                            line=where,
                        )
                    )
                elif page not in site_files and not page.startswith(unsure):
                    problems.append(
                        Problem(
                            file,
                            "",
                            f'link to "{target}", which the site does not have',
                            "link to a page by its file name, e.g. matrix.html"
                            + did_you_mean(page, site_files, ".html"),
                            line=where,
                        )
                    )
    return problems


def check_same_shape(original: Framework, translated: Framework) -> list[Problem]:
    """Problems where a translation's own file would change the site's shape rather than its words: a
    page at another address, place or layout, or left out; a domain under another number or slug, or
    with other indicators (its form would lack what the page's script and the other language need).
    Files the translation takes from the original are the original's, and agree."""
    problems: list[Problem] = []
    pages = {page.source.rpartition("/")[2]: page for page in original.pages}
    for page in translated.pages:
        english = pages.get(page.source.rpartition("/")[2])
        if not page.language and english is None and page.output in original.drafts and not page.meta.draft:
            problems.append(
                Problem(
                    page.source,
                    "draft",
                    "the original of this page is a draft, so the translation would be published without it",
                    "leave draft out of the translation (it then follows its original), or publish the original",
                )
            )
        if page.language or english is None:  # a fallback, or an original left out as a draft
            continue
        for field in PAGE_PLACE_FIELDS:
            mine, theirs = getattr(page.meta, field), getattr(english.meta, field)
            if field == "output":
                mine, theirs = page.output, english.output
            if mine != theirs:
                problems.append(same_as_original(page.source, field, mine, theirs, english.source))
    domains = {domain.source.rpartition("/")[2]: domain for domain in original.domains}
    for domain in translated.domains:
        english = domains.get(domain.source.rpartition("/")[2])
        if domain.language or english is None:
            continue
        for field in ("number", "slug"):
            if getattr(domain, field) != getattr(english, field):
                problems.append(
                    same_as_original(
                        domain.source, field, getattr(domain, field), getattr(english, field), english.source
                    )
                )
        ranks = [f"rank {item.rank}" for item in domain.data_items]
        original_ranks = [f"rank {item.rank}" for item in english.data_items]
        if ranks != original_ranks:
            problems.append(
                different_shape(
                    domain.source, "data_items", "its data items' appendix ranks", ranks, original_ranks, english.source
                )
            )
        ids, original_ids = [i.id for i in domain.indicators], [i.id for i in english.indicators]
        if ids != original_ids:
            problems.append(
                Problem(
                    domain.source,
                    "indicators",
                    f"the translation's indicators are {', '.join(ids) or 'none'}; the original's are "
                    f"{', '.join(original_ids)}",
                    f"translate every indicator of {english.source}, in its order and with its id",
                )
            )
    for relative, (field, what, shape) in TRANSLATED_SHAPES.items():
        if relative not in translated.fallbacks and shape(translated) != shape(original):
            problems.append(
                different_shape(
                    content_file(translated, relative),
                    field,
                    what,
                    shape(translated),
                    shape(original),
                    content_file(original, relative),
                )
            )
    return problems


# What of each other translated file is the site's shape, not its words: ids, numbers and the links
# between files, as the pages, the form and the across-services figures use them.
TRANSLATED_SHAPES: dict[str, tuple[str, str, Callable[[Framework], list]]] = {
    # The version names the framework in every assessment file, whatever its language: a Welsh name
    # would make an English and a Welsh cycle of one team look like different frameworks.
    "matrix/matrix.toml": (
        "version",
        "the framework's version, which assessment files record",
        lambda framework: [f'"{framework.matrix.version}"'],
    ),
    "matrix/test-questions.toml": (
        "sets",
        "each question set's id, domains and number of questions",
        lambda framework: [
            f"{each.id} for domains {', '.join(map(str, each.domains))}, {len(each.questions)} questions"
            for each in framework.test_questions
        ],
    ),
    "matrix/appendix.toml": (
        "items",
        "the items' ranks and scores",
        lambda framework: [f"rank {item.rank}, score {item.score}" for item in framework.appendix.items],
    ),
    "matrix/workforce.toml": (
        "themes",
        "each theme's number and domains",
        lambda framework: [
            f"theme {theme.number} for domains {', '.join(map(str, theme.domains))}"
            for theme in framework.workforce.themes
        ],
    ),
    "standards.toml": (
        "standards",
        "how many standards there are, and quality statements in each",
        lambda framework: [
            f"standard {number} with {len(standard.quality_statements)} quality statements"
            for number, standard in enumerate(framework.standards, start=1)
        ],
    ),
    "resources.toml": (  # the ids pages name in resource: links; its videos may be a language's own
        "links",
        "the links' ids",
        lambda framework: [f'link "{link.id}"' for link in framework.resources.links],
    ),
}


def different_shape(file: str, field: str, what: str, mine: list, theirs: list, original: str) -> Problem:
    """A translated file whose ids, numbers or links are not its original's: what it lacks or adds, or
    the first entry that differs."""
    lacks = [entry for entry in theirs if entry not in mine]
    adds = [entry for entry in mine if entry not in theirs]
    if len(mine) != len(theirs) and (lacks or adds):
        said = "; ".join(
            [f"this file lacks {', '.join(lacks)}"] * bool(lacks)
            + [f"it has {', '.join(adds)}, which {original} has not"] * bool(adds)
        )
    else:
        at = next((index for index, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b), None)
        said = (
            f"this file has {len(mine)} entries where {original} has {len(theirs)}"  # one listed twice
            if at is None
            else f"this file has {mine[at]} where {original} has {theirs[at]}"
        )
    return Problem(
        file,
        field,
        f"a translation keeps {what}: {said}",
        f"make them as in {original}: a translation changes the words, not the site's shape",
    )


def toml_value(value: object) -> str:
    """A front-matter value as an author writes it: "text", 3, true; none for a field not given."""
    if value is None:
        return "none"
    if isinstance(value, bool):  # before int: True == 1, and a lookup by value would take 1 for true
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def same_as_original(file: str, field: str, mine: object, theirs: object, original: str) -> Problem:
    """A field a translation must keep as its original has it."""
    said = [toml_value(value) for value in (mine, theirs)]
    return Problem(
        file,
        field,
        f"a translation keeps its original's {field}: this file has {said[0]}, {original} has {said[1]}",
        f"make it {said[1]}, as in {original}: a translation changes the words, not where or how they appear",
    )
