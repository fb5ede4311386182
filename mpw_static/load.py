"""Load stage: read content/ into typed models, gathering every problem instead of stopping at the first."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import date as date_type
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .cache import BuildCache
from .models import (
    PAGE_OUTPUT_PATTERN,
    PAGE_PLACE_FIELDS,
    PATTERN_HINTS,
    Appendix,
    Domain,
    Framework,
    History,
    MatrixInfo,
    Page,
    PageMeta,
    PagePart,
    Resources,
    SiteConfig,
    StandardsFile,
    TestQuestionFile,
    Workforce,
)
from .problems import ContentError, NotUtf8, Problem, did_you_mean, field_path, find_line, read_text

Model = TypeVar("Model", bound=BaseModel)

FRONT_MATTER = "+++"
# A line such as {{ standards() }} places structured content inside a Markdown page.
INSERT_LINE = re.compile(r"^\{\{\s*([a-z_]+)\(\)\s*\}\}\s*$")

# Files every content folder needs, relative to content/.
SITE_FILE = "site.toml"
MATRIX_FILE = "matrix/matrix.toml"
DOMAINS_GLOB = "matrix/domains/*.toml"
TEST_QUESTIONS_FILE = "matrix/test-questions.toml"
APPENDIX_FILE = "matrix/appendix.toml"
WORKFORCE_FILE = "matrix/workforce.toml"
STANDARDS_FILE = "standards.toml"
RESOURCES_FILE = "resources.toml"
HISTORY_FILE = "history.toml"
PAGES_GLOB = "pages/*.md"


def parse_toml(text: str, cache: BuildCache) -> dict:
    """tomllib.loads, remembered by text, so serve's rebuilds parse only the files that changed.
    Each caller gets its own copy, free to change."""
    return copied(cache.toml.get(text, lambda: tomllib.loads(text)))


def copied(value: Any) -> Any:
    """A copy of parsed TOML: its tables and arrays new, its values (strings, numbers, dates, all
    unchangeable) shared. A few times quicker than copy.deepcopy, which a rebuild spent 10 ms in."""
    if isinstance(value, dict):
        return {key: copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copied(item) for item in value]
    return value


class Loader:
    """Reads one content folder; problems pile up in self.problems rather than raising."""

    def __init__(self, content_dir: Path, language: str, default_language: str, cache: BuildCache):
        self.root = content_dir
        self.cache = cache
        self.problems: list[Problem] = []
        # A translation reads content/<language>/<file> where it exists, else the default language's
        # file, which it records as a fallback (shown with lang= on the page, listed by the coverage report).
        self.overlay = content_dir / language if language else None
        self.default_language = default_language
        self.fallbacks: list[str] = []

    def locate(self, relative: str) -> tuple[Path, str]:
        """The file to read for a content path, and the language it falls back to ("" if none).
        site.toml is never translated here: it says which languages there are."""
        if self.overlay is None or relative == SITE_FILE:
            return self.root / relative, ""
        translated = self.overlay / relative
        if translated.is_file():
            return translated, ""
        self.fallbacks.append(relative)
        return self.root / relative, self.default_language

    def name(self, path: Path) -> str:
        """Name a file the way the author sees it: relative to the project, with forward slashes."""
        try:
            return path.relative_to(self.root.parent).as_posix()
        except ValueError:
            return path.as_posix()

    def read_toml(self, path: Path) -> tuple[dict, str] | None:
        """Parse a TOML file, recording a problem if it is missing or malformed."""
        if not path.is_file():
            self.problems.append(
                Problem(self.name(path), "", "file not found", "create it, or restore it from the project's history")
            )
            return None
        try:
            text = read_text(path, self.name(path))
        except NotUtf8 as error:
            self.problems.append(error.problem)
            return None
        try:
            return parse_toml(text, self.cache), text
        except tomllib.TOMLDecodeError as error:
            self.problems.append(toml_syntax_problem(self.name(path), error))
            return None

    def parse(
        self, model: type[Model], data: dict, file: str, text: str, offset: int = 0, context: dict | None = None
    ) -> Model | None:
        """Validate data against a model, turning each pydantic error into a located Problem."""
        try:
            return model.model_validate(data, context=context)
        except ValidationError as error:
            details = error.errors()
            # A misspelt field is an unknown one beside a missing one: `statments` in an indicator that
            # lacks its `statements`. At the top, any of the model's fields may be the one meant.
            missing: dict[tuple, list[str]] = {}
            for detail in details:
                if detail["type"] == "missing":
                    missing.setdefault(tuple(detail["loc"][:-1]), []).append(str(detail["loc"][-1]))
            for detail in details:
                problem = validation_problem(file, text, detail, offset)
                if detail["type"] == "extra_forbidden":
                    loc = tuple(detail["loc"])
                    meant = model.model_fields if len(loc) == 1 else missing.get(loc[:-1], [])
                    problem = replace(problem, hint=problem.hint + did_you_mean(str(loc[-1]), meant))
                self.problems.append(problem)
            return None

    def load_toml(self, relative: str, model: type[Model], record_source: bool = False) -> Model | None:
        """Read and validate one TOML content file."""
        path, fallback = self.locate(relative)
        parsed = self.read_toml(path)
        if parsed is None:
            return None
        data, text = parsed
        if record_source:
            data = {**data, "source": self.name(path), "language": fallback}
        translation = self.overlay is not None and path.is_relative_to(self.overlay)
        return self.parse(model, data, self.name(path), text, context={"translation": translation})

    def load_domains(self) -> list[Domain]:
        """Read every domain file, in file-name order."""
        paths = sorted(self.root.glob(DOMAINS_GLOB))
        if not paths:
            self.problems.append(
                Problem(
                    self.name(self.root / "matrix/domains"),
                    "",
                    "no domain files found",
                    "add one TOML file per domain, e.g. 01-buy-in.toml",
                )
            )
        domains = [self.load_toml(path.relative_to(self.root).as_posix(), Domain, record_source=True) for path in paths]
        self.problems += self.without_original(DOMAINS_GLOB, "domain file")
        return [domain for domain in domains if domain is not None]

    def without_original(self, pattern: str, kind: str) -> list[Problem]:
        """A translation's files that translate nothing: each must have its original's name, or it is
        never read (a Welsh page named in Welsh was left out without a word)."""
        if self.overlay is None:
            return []
        names = sorted(path.relative_to(self.overlay) for path in self.overlay.glob(pattern))
        return [
            Problem(
                self.name(self.overlay / name),
                "",
                f"there is no {kind} of this name in the default language, so this one is never read",
                f"name it as its original in {self.name(self.root / name.parent)}/ is named",
            )
            for name in names
            if not (self.root / name).is_file()
        ]

    def load_page(self, relative: str) -> Page | None:
        """Read a Markdown page: TOML front matter between +++ lines, then the body."""
        path, fallback = self.locate(relative)
        file = self.name(path)
        try:
            text = read_text(path, file)
        except NotUtf8 as error:
            self.problems.append(error.problem)
            return None
        lines = text.splitlines()
        if not lines or lines[0].strip() != FRONT_MATTER:
            self.problems.append(
                Problem(
                    file,
                    "front matter",
                    "the page does not start with +++",
                    "begin the file with +++, the TOML front matter (title = …), then +++",
                    line=1,
                )
            )
            return None
        end = front_matter_end(lines)
        if end is None:
            self.problems.append(
                Problem(
                    file,
                    "front matter",
                    "the front matter is never closed",
                    "add a line with +++ after the last front matter field",
                    line=1,
                )
            )
            return None
        front = "\n".join(lines[1:end])
        try:
            data = parse_toml(front, self.cache)  # a translation reads the same page again
        except tomllib.TOMLDecodeError as error:
            self.problems.append(toml_syntax_problem(file, error, offset=1))
            return None
        if self.overlay is not None and not fallback:  # a translation's own page: placed as its original
            data = {**self.original_place(relative), **data}
        meta = self.parse(PageMeta, data, file, front, offset=1)
        if meta is None:
            return None
        address = path.stem + ".html"
        if meta.output is None and not re.match(PAGE_OUTPUT_PATTERN, address):
            self.problems.append(
                Problem(
                    file,
                    "",
                    f"the file's name would give the page the address “{address}”, which a link or a USB stick may not keep",
                    "name the file in lower-case letters, digits and hyphens, e.g. about-us.md",
                )
            )
        self.problems += check_body(file, lines[end + 1 :], first_line=end + 2)
        parts = split_body(lines[end + 1 :], first_line=end + 2)
        return Page(source=file, meta=meta, parts=parts, language=fallback)

    def original_place(self, relative: str) -> dict:
        """The place fields (PAGE_PLACE_FIELDS) of a translated page's original, which the translation
        takes where it leaves them out. A mistake in the original is reported as its own page loads."""
        try:
            lines = read_text(self.root / relative, relative).splitlines()
            end = front_matter_end(lines)
            front = parse_toml("\n".join(lines[1:end]), self.cache) if end is not None else {}
        except (NotUtf8, tomllib.TOMLDecodeError):
            return {}
        return {field: front[field] for field in PAGE_PLACE_FIELDS if field in front}

    def load_pages(self) -> list[Page]:
        """Read every Markdown page."""
        pages = [self.load_page(path.relative_to(self.root).as_posix()) for path in sorted(self.root.glob(PAGES_GLOB))]
        self.problems += self.without_original(PAGES_GLOB, "page")
        return [page for page in pages if page is not None]


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the +++ line that closes a page's front matter, or None if it is never closed."""
    return next((n for n in range(1, len(lines)) if lines[n].strip() == FRONT_MATTER), None)


def split_body(lines: list[str], first_line: int) -> list[PagePart]:
    """Split a page body into Markdown blocks and {{ insert() }} lines, keeping source line numbers."""
    parts: list[PagePart] = []
    block: list[str] = []
    block_start = first_line

    def flush() -> None:
        if "".join(block).strip():
            parts.append(PagePart(kind="markdown", text="\n".join(block), line=block_start))

    for number, line in enumerate(lines, start=first_line):
        match = INSERT_LINE.match(line.strip())
        if match:
            flush()
            block.clear()
            block_start = number + 1
            parts.append(PagePart(kind="insert", text=match.group(1), line=number))
        else:
            block.append(line)
    flush()
    return parts


# A line meant as an insert that is not a valid one: it would be published as literal {{ … }} text.
INSERT_LIKE = re.compile(r"^\{\{")
INSERT_IN_PROSE = re.compile(r"\{\{\s*[a-z_]+\s*\([^)]*\)\s*\}\}")  # an insert after other words on its line
INSERT_WITH_ARGUMENTS = re.compile(r"^\{\{\s*([a-z_]+)\s*\((.+)\)\s*\}\}$")
FENCE = re.compile(r"^(```|~~~)")
CODE_SPAN = re.compile(r"(`+).*?\1")
# HTML a page's author may not write: the site's security policy runs no code but the site's own,
# and allows no style="" (the theme's CSS styles pages).
UNSAFE_HTML = [
    (re.compile(r"<\s*script\b", re.I), "a <script> element", "pages cannot run code of their own"),
    (re.compile(r"<\s*(iframe|object|embed)\b", re.I), "an embedded frame or object", "link to it instead"),
    (
        re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
        "an event handler attribute (such as onclick=)",
        "pages cannot run code of their own",
    ),
    (re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I), "a style attribute", "the theme's CSS styles the page"),
    (re.compile(r"\]\(\s*javascript:|href\s*=\s*[\"']?\s*javascript:", re.I), "a javascript: link", "link to a page"),
]


def check_body(file: str, lines: list[str], first_line: int) -> list[Problem]:
    """Lines of a page body that would publish wrongly: an insert-like line that is not a valid insert,
    and HTML the site's security policy would have to refuse. Code blocks and `code` are left alone."""
    problems = []
    in_fence = False
    for number, line in enumerate(lines, start=first_line):
        text = line.strip()
        if FENCE.match(text):
            in_fence = not in_fence
        if in_fence or FENCE.match(text):
            continue
        if INSERT_LIKE.match(text) and not INSERT_LINE.match(text):
            arguments = INSERT_WITH_ARGUMENTS.match(text)
            problems.append(
                Problem(
                    file,
                    "",
                    f"“{text}” is not a valid insert"
                    + (": inserts take nothing between their brackets" if arguments else ""),
                    f"write it as {{{{ {arguments.group(1)}() }}}}"
                    if arguments
                    else "write an insert alone on its line as {{ name() }}, e.g. {{ standards() }}",
                    line=number,
                )
            )
        prose = CODE_SPAN.sub("", line)
        inside = None if INSERT_LIKE.match(text) else INSERT_IN_PROSE.search(prose)
        if inside:
            problems.append(
                Problem(
                    file,
                    "",
                    f"“{inside.group(0)}” is inside a line of text, so the page would show it as written",
                    "put the insert on a line of its own, with a blank line before and after it",
                    line=number,
                )
            )
        for pattern, what, why in UNSAFE_HTML:
            if pattern.search(prose):
                problems.append(
                    Problem(
                        file,
                        "",
                        f"the page has {what}, which the site will not publish",
                        f"remove it: {why}. To show such code as text, put it in `backticks`",
                        line=number,
                    )
                )
    return problems


# The TOML reader's words for the mistakes authors make most, as an author would put them, with the
# fix for each (its own words say what it expected next, not what was wrong).
TOML_WORDS = [
    (r"^Cannot overwrite a value", "a field is given a value twice", "give each field once; remove the second"),
    (
        r"^Cannot declare \('([^']*)',?.*\) twice",
        "[{0}] is declared twice",
        "for a list of tables (one per indicator, link, standard …) write [[{0}]], with double brackets",
    ),
    (
        r"^Invalid date or datetime",
        "the date is not a day of the calendar",
        "write the date as year-month-day, e.g. 2026-12-31, and check the month and the day",
    ),
    (
        r"^Invalid value",
        "the value is not text in quotes, a number, true or false, a date or a list",
        "put text in double quotes; write true and false in lower case",
    ),
    (
        r"^Expected '=' after a key",
        "the line is not a field = value pair",
        'write the field\'s name, then =, then its value, e.g. title = "About"; a number has no comma (9.6, not 9,6)',
    ),
    (
        r"^Unclosed array",
        "a list [ … ] is not closed",
        "put a comma after each item but the last, and ] at the end; the mistake may be on the line before",
    ),
    (
        r"^Illegal character '\\n'",
        "a text ends at the end of the line without its closing quote",
        'close the text with " on the same line (for several lines, use """ … """)',
    ),
    (
        r"^Expected newline or end of document",
        "something follows a value on its line",
        "write one field per line; a number has no commas or spaces (9.6, not 9,6); dates are 2026-12-31",
    ),
]


def toml_syntax_problem(file: str, error: tomllib.TOMLDecodeError, offset: int = 0) -> Problem:
    """Describe a TOML syntax error, with its line moved to the file's own numbering, in an author's
    words where it is one of the usual mistakes."""
    message = str(error)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = int(match.group(1)) + offset if match else None
    message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    hint = "check quotes, commas and brackets on that line; text values need double quotes"
    for pattern, said, fix in TOML_WORDS:
        known = re.match(pattern, message)
        if known:
            message, hint = said.format(*known.groups()), fix.format(*known.groups())
            break
    if match:
        message += f" (column {match.group(2)})"
    return Problem(file, "", f"invalid TOML: {message}", hint, line=line)


HINTS = {
    "missing": "add the field: {field} = …",
    "extra_forbidden": "remove the field or correct its spelling",
    "string_type": "write the value as text in double quotes",
    "int_type": "write the value as a whole number without quotes",
    "int_parsing": "write the value as a whole number without quotes",
    "int_from_float": "write the value as a whole number without quotes",
    "float_type": "write the value as a number without quotes",
    "float_parsing": "write the value as a number without quotes",
    "bool_type": "write true or false, without quotes",
    "bool_parsing": "write true or false, without quotes",
    "list_type": "write the value as a list in square brackets: [ … ]",
    "date_type": "write the date as year-month-day without quotes, e.g. 2026-12-31",
    "date_parsing": "write the date as year-month-day without quotes, e.g. 2026-12-31",
    "date_from_datetime_parsing": "write the date as year-month-day without quotes, e.g. 2026-12-31",
    "string_too_short": "write the text between the quotes",
    "too_short": "add the missing entries",
    "too_long": "remove the extra entries",
}

# What a field needed, by pydantic's error type, in an author's words.
EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "date_type": "a date",
    "date_parsing": "a date",
    "date_from_datetime_parsing": "a date",
}


def found(value: object) -> str:
    """A value from a content file, named as its author wrote it: what validate says it found."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value if len(value) <= 40 else value[:39] + "…"}"' if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, date_type):
        return f"the date {value}"
    return "a value of another kind"


def plain_words(detail: dict) -> tuple[str, str]:
    """One pydantic error as an author reads it: what was wrong, and the fix. Pydantic's own words
    ("Input should be a valid string") say neither what was found nor what to write."""
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    hint = context.get("hint") or HINTS.get(kind, "")
    if kind in EXPECTED:
        return f"expected {EXPECTED[kind]}, found {found(value)}", hint
    if kind == "missing":
        return "required field is missing", hint
    if kind == "extra_forbidden":
        return "unknown field", hint
    if kind == "string_too_short":
        return "the text is empty", hint
    if kind == "string_pattern_mismatch":
        return f"{found(value)} is not in the form this field needs", PATTERN_HINTS.get(context.get("pattern"), hint)
    if kind in ("greater_than_equal", "less_than_equal"):
        low = kind == "greater_than_equal"
        limit = context["ge" if low else "le"]
        said = f"less than {limit}, the smallest" if low else f"more than {limit}, the largest"
        return f"{found(value)} is {said} allowed", f"use {limit} or {'more' if low else 'less'}"
    if kind in ("too_short", "too_long"):
        limit = context.get("min_length" if kind == "too_short" else "max_length")
        entries = "entry" if limit == 1 else "entries"
        bound = f"at least {limit} {entries}" if kind == "too_short" else f"at most {limit} {entries}"
        return f"expected {bound}, found {context.get('actual_length')}", hint
    if kind == "literal_error":
        expected = str(context.get("expected", "")).replace("'", '"')  # as TOML quotes text
        return f"expected {expected}, found {found(value)}", hint or f"write {expected}"
    return detail["msg"], hint  # our own content errors (content_error) are written for authors already


def top_level_place(text: str, offset: int) -> str:
    """Where a missing top-level field goes, when the file has tables: a field written after the first
    [table] header belongs to that table, so "add it" alone could put it in the wrong place."""
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines) if line.lstrip().startswith("[")), None)
    if header is None:
        return ""
    return f" above {lines[header].strip()} on line {header + 1 + offset} (a field below it belongs to that table)"


def validation_problem(file: str, text: str, detail: dict, offset: int = 0) -> Problem:
    """Turn one pydantic error into a Problem that names the field path, the line and a hint."""
    context = detail.get("ctx") or {}
    loc = tuple(detail["loc"]) + tuple(context.get("path", ()))
    message, hint = plain_words(detail)
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    hint = hint.replace("{field}", field)
    # A missing field has no line of its own: the line of the table that lacks it (the next line with
    # a field of that name would be another table's).
    line = find_line(text, loc[:-1] if detail["type"] == "missing" else loc)
    if detail["type"] == "missing" and len(loc) == 1:
        hint = hint.replace("add the field", "add the field" + top_level_place(text, offset))
    return Problem(file, field_path(loc), message, hint, line=None if line is None else line + offset)


class LoadFailed(ContentError):
    """Some content files did not load. Carries what did: the pages, the resources (None if they did not
    load), the domain pages (None unless every domain loaded) and every page file's likely output."""

    def __init__(
        self,
        problems: list[Problem],
        pages: list[Page],
        resources: Resources | None,
        domain_pages: set[str] | None,
        page_outputs: set[str],
    ):
        super().__init__(problems)
        self.pages = pages
        self.resources = resources
        self.domain_pages = domain_pages
        self.page_outputs = page_outputs


def load_framework(
    content_dir: Path, language: str = "", default_language: str = "en", cache: BuildCache | None = None
) -> Framework:
    """Read the whole content folder (for a translation: content/<language>/ over it); raise
    ContentError listing every problem found. A build passes its cache; without one, nothing read
    is kept."""
    loader = Loader(content_dir, language, default_language, cache or BuildCache())
    site = loader.load_toml(SITE_FILE, SiteConfig)
    matrix = loader.load_toml(MATRIX_FILE, MatrixInfo)
    domains = loader.load_domains()
    questions = loader.load_toml(TEST_QUESTIONS_FILE, TestQuestionFile)
    appendix = loader.load_toml(APPENDIX_FILE, Appendix)
    workforce = loader.load_toml(WORKFORCE_FILE, Workforce)
    standards = loader.load_toml(STANDARDS_FILE, StandardsFile)
    resources = loader.load_toml(RESOURCES_FILE, Resources)
    # The version history is optional: a content folder without one has no history page.
    history = loader.load_toml(HISTORY_FILE, History) if (content_dir / HISTORY_FILE).is_file() else History()
    pages = loader.load_pages()
    if loader.problems:
        # What did load, so that the page checks can still run and one run lists every problem.
        domain_files = sorted(content_dir.glob(DOMAINS_GLOB))
        raise LoadFailed(
            loader.problems,
            pages,
            resources,
            {domain.href for domain in domains} if len(domains) == len(domain_files) else None,
            {path.stem + ".html" for path in content_dir.glob(PAGES_GLOB)},
        )
    # The context reaches the domains' own checks, which pydantic runs again here.
    return Framework.model_validate(
        dict(
            content_label=loader.name(content_dir),
            site=site,
            matrix=matrix,
            domains=domains,
            test_questions=questions.sets,
            appendix=appendix,
            workforce=workforce,
            definitions=standards.definitions,
            standards=standards.standards,
            resources=resources,
            history=history,
            pages=pages,
            fallbacks=sorted(set(loader.fallbacks)),
            site_language=language or site.language,
        ),
        context={"translation": bool(language)},
    )
