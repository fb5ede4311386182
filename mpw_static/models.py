"""Typed content of the site: pydantic models that check each content file on its own.

Checks that need more than one file (domains numbered 1, 2, 3 … with none missing, test-question
sets naming real domains, data items pointing into the appendix) live in validate.py. The matrix's
shape (how many domains, how many indicators in each) is content's to say: no count is fixed here.
"""

from __future__ import annotations

import re
from datetime import date as date_type
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# An indicator id, as content may define it and rating keys may name it: the domain's number and the
# indicator's within it, each 1 to 99 (1.1, 8.6, 12.10). Which ids a matrix has is content's to say.
INDICATOR_ID_PATTERN = r"^[1-9][0-9]?\.[1-9][0-9]?$"

# What each content field's pattern asks for, in an author's words: validate's hint when a value in
# content/ does not fit (the pattern itself would mean nothing to an author). Filled by shaped().
PATTERN_HINTS: dict[str, str] = {}


def shaped(pattern: str, hint: str) -> Any:
    """Text in content/ that must fit a pattern, with the hint given when a value does not."""
    PATTERN_HINTS[pattern] = hint
    return Annotated[str, StringConstraints(pattern=pattern)]


Slug = shaped(
    r"^[a-z0-9]+(-[a-z0-9]+)*$", 'use lower-case letters and digits, words joined by single hyphens, e.g. "buy-in"'
)
PATTERN_HINTS[INDICATOR_ID_PATTERN] = "write the domain's number, a dot and the indicator's place in it, e.g. \"1.1\""
QuestionId = shaped(r"^Q[0-9]+$", 'write Q and the question set\'s number, e.g. "Q1"')
LinkAddress = shaped(r"^(https?://|mailto:)\S+$", "write the whole address, from https:// (or mailto:), with no spaces")
WebAddress = shaped(r"^https?://\S+$", "write the whole address, from https://, with no spaces")
SiteLanguage = shaped(r"^[a-z]{2}(-[A-Za-z]+)?$", 'write the language\'s two-letter code, e.g. "en" or "cy"')
BaseUrl = shaped(
    r"^(https?://[^\s?#]+/)?$",
    'write the address the site is published at, ending in /, e.g. "https://example.org/mpw/", or "" for none',
)
TranslationCode = shaped(r"^[a-z]{2}$", 'write each language\'s two-letter code, e.g. ["cy"]')
PAGE_OUTPUT_PATTERN = r"^[a-z0-9-]+\.html$"  # a page's address in the site: also what a page file's name gives
PageOutput = shaped(
    PAGE_OUTPUT_PATTERN, 'write a file name of lower-case letters, digits and hyphens, e.g. "about.html"'
)
DomainNumber = Annotated[int, Field(ge=1, le=99)]  # as far as an indicator id can count
STATEMENTS_PER_INDICATOR = 5


def content_error(message: str, hint: str, **where: object) -> PydanticCustomError:
    """Build a validation error that carries a hint for the author and, optionally, where it is."""
    # Braces would be read as format fields by pydantic; content text may contain them.
    safe = message.replace("{", "(").replace("}", ")")
    return PydanticCustomError("content", safe, {"hint": hint, **where})


class Strict(BaseModel):
    """Base for content models: unknown fields are mistakes, and loaded content never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class DataItem(Strict):
    text: Text
    rank: Annotated[int, Field(ge=1)]


class Indicator(Strict):
    id: Annotated[str, StringConstraints(pattern=INDICATOR_ID_PATTERN)]
    title: Text
    qualifier: str = ""
    statements: list[Text]

    @field_validator("statements")
    @classmethod
    def exactly_five(cls, statements: list[str]) -> list[str]:
        if len(statements) != STATEMENTS_PER_INDICATOR:
            raise content_error(
                f"expected exactly {STATEMENTS_PER_INDICATOR} statements, found {len(statements)}",
                "list the statements S1 to S5 in order, one quoted string each",
            )
        return statements


class Domain(Strict):
    source: str = ""  # the content file it came from; set by the loader, used in messages
    language: str = ""  # the language its text is in, when that is not the site's (an untranslated fallback)
    number: DomainNumber
    title: Text
    slug: Slug
    data_items: list[DataItem] = []
    indicators: Annotated[list[Indicator], Field(min_length=1)]

    @model_validator(mode="after")
    def indicators_in_order(self, info: ValidationInfo) -> Domain:
        # A translation's ids are checked against its original's instead (check_same_shape), which can
        # say which indicator it lacks: a Welsh file without 1.1 was told that 1.2 should be "1.1".
        if (info.context or {}).get("translation"):
            return self
        said = {indicator.id.partition(".")[0] for indicator in self.indicators}
        if len(said) == 1 and said != {str(self.number)}:  # the number, not the ids, is likely the slip
            (other,) = said
            raise content_error(
                f"the domain's number is {self.number}, but its indicators' ids are those of domain {other} "
                f"({self.indicators[0].id} …)",
                f"if this is domain {other}, write number = {other}; if not, number its indicators "
                f"{self.number}.1, {self.number}.2 …",
                path=("number",),
            )
        for position, indicator in enumerate(self.indicators, start=1):
            expected = f"{self.number}.{position}"
            if indicator.id != expected:
                raise content_error(
                    f'indicator {position} of domain {self.number} has id "{indicator.id}", expected "{expected}"',
                    "indicator ids run 1, 2, 3 … within their domain, in file order",
                    path=("indicators", position - 1, "id"),
                )
        return self

    @property
    def href(self) -> str:
        return f"domains/{self.slug}.html"


class TestQuestionSet(Strict):
    id: QuestionId
    label: Text
    source: Text
    heading: Text
    domains: Annotated[list[DomainNumber], Field(min_length=1)]
    questions: Annotated[list[Text], Field(min_length=1)]


class TestQuestionFile(Strict):
    sets: Annotated[list[TestQuestionSet], Field(min_length=1)]


class AppendixItem(Strict):
    rank: int
    statement: Text
    score: Annotated[float, Field(ge=0, le=10)]


class Appendix(Strict):
    title: Text
    columns: Annotated[list[Text], Field(min_length=3, max_length=3)]
    items: Annotated[list[AppendixItem], Field(min_length=1)]

    @model_validator(mode="after")
    def ranked_in_order(self) -> Appendix:
        for position, item in enumerate(self.items, start=1):
            if item.rank != position:
                raise content_error(
                    f"item {position} has rank {item.rank}, expected {position}",
                    "ranks run 1, 2, 3 … with no gaps, in file order",
                    path=("items", position - 1, "rank"),
                )
            if position > 1 and item.score > self.items[position - 2].score:
                previous = self.items[position - 2]
                raise content_error(
                    f"rank {item.rank} scores {item.score}, more than rank {previous.rank} ({previous.score})",
                    "items are ranked by score, highest first; check the score or the order",
                    path=("items", position - 1, "score"),
                )
        return self

    def by_rank(self, rank: int) -> AppendixItem:
        return self.items[rank - 1]


class WorkforceTheme(Strict):
    number: int
    theme: Text
    descriptor: Text
    domains: list[DomainNumber]


class Workforce(Strict):
    caption: Text
    columns: Annotated[list[Text], Field(min_length=3, max_length=3)]
    themes: Annotated[list[WorkforceTheme], Field(min_length=1)]


class MatrixInfo(Strict):
    title: Text
    version: Text
    data_items_label: Text
    statement_labels: Annotated[list[Text], Field(min_length=5, max_length=5)]
    not_applicable_label: Text
    descriptors: list[Text]


class Standard(Strict):
    name: Text
    description: Text
    quality_statements: Annotated[list[Text], Field(min_length=1)]


class Definitions(Strict):
    simple_title: Text
    simple: Text
    expanded_title: Text
    expanded: Annotated[list[Text], Field(min_length=1)]


class StandardsFile(Strict):
    definitions: Definitions
    standards: Annotated[list[Standard], Field(min_length=1)]


class Link(Strict):
    """A document or channel the programme points to; without a url it renders as plain text."""

    id: Slug
    title: Text
    url: LinkAddress | None = None


class Video(Strict):
    title: Text
    url: WebAddress | None = None
    domain: DomainNumber | None = None


class Resources(Strict):
    links: list[Link] = []
    videos: list[Video] = []

    def link(self, link_id: str) -> Link | None:
        return next((link for link in self.links if link.id == link_id), None)


class HistoryEntry(Strict):
    version: Text  # e.g. "FINAL – amended April 2023"
    date: str = ""  # as the source gives it, e.g. "April 2023"
    changes: Annotated[list[Text], Field(min_length=1)]


class History(Strict):
    """history.toml: the framework's versions and the website's file formats, newest first."""

    framework: list[HistoryEntry] = []
    website: list[HistoryEntry] = []


class SiteText(Strict):
    """The site's own words in another language (site.toml's [translated.cy])."""

    title: Text | None = None
    publisher: str | None = None


class SiteConfig(Strict):
    title: Text
    language: SiteLanguage = "en"
    theme: Text = "default"  # a folder name under themes/, or a path to a theme folder
    publisher: str = ""
    # Where the site is published, e.g. "https://example.org/mpw/": adds canonical links, sitemap.xml
    # and robots.txt. Leave empty for a build that is fully relative (USB sticks, shared drives).
    base_url: BaseUrl = ""
    # Other languages to build, each under its own folder (cy/), from content/<code>/ where translated
    # and from the default language's content where not (marked with lang= on the page).
    translations: list[TranslationCode] = []
    # Across services (programme.html): a figure built from fewer services than this shows as
    # "fewer than N", so that a small group cannot be singled out. 1 shows every figure.
    smallest_group: Annotated[int, Field(ge=1, le=100)] = 3
    # The title and publisher in each other language, e.g. [translated.cy] title = "…".
    translated: dict[str, SiteText] = {}

    def in_language(self, language: str) -> SiteConfig:
        """These settings with the title and publisher of a language, where site.toml gives them."""
        words = self.translated.get(language)
        if words is None:
            return self
        update = {
            "title": words.title or self.title,
            "publisher": self.publisher if words.publisher is None else words.publisher,
        }
        return self.model_copy(update=update)


# What a translated page keeps of its original: its place in the site (address, menu and order), its
# layout, and whether it is published. A translation changes the words, not the site's shape: the
# language switch links each page to the same address in the other language. A translation that
# leaves one out takes the original's (load.py); one that says otherwise is refused (validate.py).
PAGE_PLACE_FIELDS = ("output", "menu", "order", "template", "draft")


class PageMeta(Strict):
    """Front matter of a Markdown page (between +++ lines, in TOML)."""

    title: Text
    nav_title: Text
    order: int = 100
    template: Text = "page.html"
    output: PageOutput | None = None
    description: str = ""
    menu: Literal["main", "footer"] = "main"  # footer: statements and policies, linked at the foot of every page
    draft: bool = False  # left out of the build (serve --drafts shows it)
    updated: date_type | None = None  # "Last updated" on the page, and <lastmod> in the sitemap


class PagePart(Strict):
    """One block of a page body: rendered-later Markdown, or a named insert of structured content."""

    kind: Literal["markdown", "insert"]
    text: str
    line: int


class Page(Strict):
    source: str
    meta: PageMeta
    parts: list[PagePart]
    language: str = ""  # as Domain.language: set when the page fell back to another language

    @property
    def output(self) -> str:
        return self.meta.output or self.source.rsplit("/", 1)[-1].removesuffix(".md") + ".html"


class Framework(Strict):
    """Everything loaded from content/, checked file by file."""

    content_label: str = "content"  # how messages name the content folder, e.g. "content"
    site: SiteConfig
    matrix: MatrixInfo
    domains: list[Domain]
    test_questions: list[TestQuestionSet]
    appendix: Appendix
    workforce: Workforce
    definitions: Definitions
    standards: list[Standard]
    resources: Resources
    history: History = History()
    pages: list[Page]
    site_language: str = "en"  # the language this build of the site is in
    fallbacks: list[str] = []  # content files read in the default language for want of a translation
    drafts: list[str] = []  # the outputs of draft pages left out of this build

    def without_drafts(self) -> Framework:
        """The framework as it is published: draft pages left out, and named in `drafts`."""
        drafts = [page for page in self.pages if page.meta.draft]
        if not drafts:
            return self
        return self.model_copy(
            update={
                "pages": [page for page in self.pages if not page.meta.draft],
                "drafts": [page.output for page in drafts],
            }
        )

    @property
    def language_prefix(self) -> str:
        """The folder this language's pages are written in: "" for the site's language, "cy/" for Welsh."""
        return "" if self.site_language == self.site.language else f"{self.site_language}/"

    def fallback(self, relative: str) -> str:
        """The language a content file's text fell back to in this build, or "" if it is translated."""
        return self.site.language if relative in self.fallbacks and self.site_language != self.site.language else ""

    @property
    def indicators(self) -> list[Indicator]:
        return [indicator for domain in self.domains for indicator in domain.indicators]

    def domain(self, number: int) -> Domain:
        return next(domain for domain in self.domains if domain.number == number)

    def domains_by_rank(self) -> dict[int, list[Domain]]:
        """Appendix rank -> the domains whose data items name it (looked up once per page, not per row)."""
        found: dict[int, list[Domain]] = {}
        for domain in self.domains:
            for item in domain.data_items:
                if domain not in found.setdefault(item.rank, []):
                    found[item.rank].append(domain)
        return found

    def questions_for(self, domain: Domain) -> list[TestQuestionSet]:
        return [qset for qset in self.test_questions if domain.number in qset.domains]

    def videos_for(self, domain: Domain) -> list[Video]:
        return [video for video in self.resources.videos if video.domain == domain.number]


# --- The assessment file: what a team downloads, emails and re-opens. -------------------------
# This model is the single source of truth for the JSON format: dist/assessment.schema.json is
# generated from it, and `mpw-static validate FILE.json` checks files against it.


class FilePart(Strict):
    """Base for the file format's models: strict, so "3" is not 3 and 20260601 is not a date, as on the page.
    Patterns are run by Python's re, as the published schema's readers run them (see END below)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, regex_engine="python-re")


ASSESSMENT_FORMAT = "mpw-assessment"
# The format's choices, named once: the page's form, its checks and the JSON Schema all come from these.
STATEMENTS = (1, 2, 3, 4, 5, "n/a")
EVIDENCE_LEVELS = ("fully-achieved", "work-in-progress")
PURPOSES = ("reporting", "evaluation", "learning")
METHODS = ("individual", "group", "composite")
TARGETS = STATEMENTS[:5]  # where a team aims to be by the next review: S1–S5, never N/A
# Version 2 added targets, next steps and priorities; version 3 the meeting (meeting mode's marks).
# Files of every version listed here open; older ones are upgraded on reading (mpw_static/upgrade.py,
# and format.upgrade on the page).
ASSESSMENT_FORMAT_VERSION = 3
READABLE_FORMAT_VERSIONS = (1, 2, 3)
NOTE_LIMIT = 10_000
SHORT_LIMIT = 300
IndicatorId = str  # checked against the matrix by Assessment.known_indicators
INDICATOR_ID = re.compile(INDICATOR_ID_PATTERN)  # without the matrix: any id content could define
# Patterns of the file format, written once here. The published schema carries them, and the page's
# checker receives them in its rule (assessment_file.format_rule), so that every reader applies the
# same rule. Each is read alike by Python's re (the model, jsonschema) and by JavaScript (the page,
# Ajv): [0-9], not \d, which in Python also matches other scripts' digits, and END for the end of
# the text, since in Python a bare $ also matches before a final line break ("1\n").
END = r"$(?!\n)"
ASSESSMENT_ID_PATTERN = r"^[A-Za-z0-9-]{8,64}" + END
LANGUAGE_PATTERN = r"^[a-z]{2}" + END
# A real calendar day, as Python's date has them (years 1 to 9999, 29 February in leap years only):
# a pattern, not a format, so that every reader of the schema refuses 2026-02-30 and 0000-01-01.
CALENDAR_DAY = (
    r"(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"
)
DATE_PATTERN = "^" + CALENDAR_DAY + END
# A date and time as the page writes it (toISOString: 2026-11-23T14:43:00.000Z), on the clock (no
# 24:00, no second 60). The seconds and the offset may be left out, as every release has accepted
# them: a file edited by hand and opened once keeps them, in the browser's storage too. Upper-case T
# and Z only, and at most 6 digits of a second, which is stricter than RFC 3339 and said in the schema.
CLOCK_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
UTC_OFFSET = r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?"
DATETIME_PATTERN = "^" + CALENDAR_DAY + "T" + CLOCK_TIME + UTC_OFFSET + END
# A domain's number as a key of the file's domain notes; the published schema lists the matrix's own.
DOMAIN_KEY_PATTERN = r"^[1-9][0-9]?" + END
DomainKey = Annotated[str, StringConstraints(pattern=DOMAIN_KEY_PATTERN)]


def domain_keys(indicator_ids: list[str] | tuple[str, ...]) -> list[str]:
    """A matrix's domain numbers as the file's keys, in order, from its indicator ids ("3.2" is in
    domain "3"): every domain has an indicator, so the ids say which domains there are."""
    return list(dict.fromkeys(indicator_id.split(".", 1)[0] for indicator_id in indicator_ids))


def expected_domain_words(keys: list[str]) -> str:
    """What a domain key must be, in words, for a matrix whose domains are numbered 1 to the last."""
    return f"expected a domain number from 1 to {keys[-1]}" if keys else "expected a domain number"


# Unicode's White_Space characters: the ones the model refused as the whole of a text it requires
# (pydantic's strip_whitespace strips exactly these). Not Python's str.isspace(), which adds
# U+001C–U+001F, nor JavaScript's \s, which adds U+FEFF: named here so that every reader agrees.
WHITE_SPACE = r"\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK_PATTERN = f"^[{WHITE_SPACE}]*[^{WHITE_SPACE}]"  # text that is not only white space
NotBlank = Annotated[str, StringConstraints(pattern=NOT_BLANK_PATTERN)]
FreeText = Annotated[str, StringConstraints(max_length=NOTE_LIMIT)]
ShortText = Annotated[str, StringConstraints(max_length=SHORT_LIMIT)]


def iso_date_time(value: object, handler: ValidatorFunctionWrapHandler) -> datetime:
    """Only ISO 8601 text, then the calendar check: pydantic alone would also read "1709287200" or a
    number as a time, which the page cannot. (The field is lax because a validator in front of a
    strict datetime hands it a Python string, which strict mode refuses; this check is the strictness.)"""
    if not isinstance(value, str) or not re.search(DATETIME_PATTERN, value):
        raise content_error(
            "expected a date and time such as 2026-11-23T14:43:00Z", "use the file downloaded from the assessment page"
        )
    return handler(value)


TIME_WORDS = (
    "A date and time as the assessment page writes it (2026-11-23T14:43:00.000Z). A file edited by hand "
    "may leave out the seconds or the offset; a time without an offset does not say which time zone it is in."
)
IsoDateTime = Annotated[
    datetime,
    Field(strict=False),
    WrapValidator(iso_date_time),
    # Not "format": "date-time": RFC 3339 needs the seconds and an offset, which these may leave out.
    WithJsonSchema({"type": "string", "pattern": DATETIME_PATTERN, "description": TIME_WORDS}),
]


def iso_date(value: object, handler: ValidatorFunctionWrapHandler) -> date_type:
    """Only YYYY-MM-DD text, then the calendar check (2026-02-30 is refused)."""
    if not isinstance(value, str) or not re.search(DATE_PATTERN, value):
        raise content_error("expected a date such as 2026-11-23", "use the file downloaded from the assessment page")
    return handler(value)


IsoDate = Annotated[
    date_type,
    Field(strict=False),
    WrapValidator(iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


def not_true_or_false(message: str, hint: str) -> BeforeValidator:
    """JSON true would pass as 1 in Python; the page's script refuses it too."""

    def refuse(value: object) -> object:
        if isinstance(value, bool):
            raise content_error(message, hint)
        return value

    return BeforeValidator(refuse)


Statement = Annotated[
    Literal[STATEMENTS],
    not_true_or_false("Input should be 1, 2, 3, 4, 5 or 'n/a'", "choose a statement from 1 to 5, or n/a"),
]
Target = Annotated[
    Literal[TARGETS], not_true_or_false("Input should be 1, 2, 3, 4 or 5", "choose a target from 1 to 5")
]


def needs_a_statement(field: str) -> dict:
    """JSON Schema for "if `field` is given, the statement must be S1–S5" (see Rating.levels_need_a_statement)."""
    return {
        "if": {"properties": {field: {"not": {"type": "null"}}}, "required": [field]},
        "then": {"properties": {"statement": {"enum": list(TARGETS)}}, "required": ["statement"]},
    }


# Fields that only mean something beside a statement from 1 to 5 (not N/A, not unanswered).
NEEDS_A_STATEMENT = {
    "evidence": (
        "evidence is only recorded for a statement from 1 to 5",
        "choose a statement, or remove the evidence level",
    ),
    "target": ("a target is only set for a statement from 1 to 5", "choose a statement, or remove the target"),
}


class Plan(FilePart):
    """Where a team aims to be by the next review for one indicator, and what it agreed to do.
    All optional; a target needs a statement from 1 to 5 (N/A has no target)."""

    target: Target | None = None
    next_steps: FreeText = ""
    lead: ShortText = ""  # a role, not necessarily a name
    due_date: IsoDate | None = None
    due_cycle: ShortText = ""  # or by a review, e.g. "6-month review"


class Rating(Plan):
    """One indicator's answer: a statement S1–S5 or "n/a", how well evidenced, a note, and the plan."""

    # levels_need_a_statement below, as JSON Schema says it: evidence and a target need S1–S5.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=True,
        json_schema_extra={"allOf": [needs_a_statement(field) for field in NEEDS_A_STATEMENT]},
    )

    statement: Statement | None = None
    evidence: Literal[EVIDENCE_LEVELS] | None = None
    note: FreeText = ""

    @model_validator(mode="after")
    def levels_need_a_statement(self) -> Rating:
        if self.statement in (None, "n/a"):
            for field, (message, hint) in NEEDS_A_STATEMENT.items():
                if getattr(self, field) is not None:  # named by the field given, so a workbook names its cell
                    raise content_error(message, hint, path=(field,))
        return self


class LastPlan(Plan):
    """Last cycle's plan for one indicator, carried into the next cycle to be read, not changed:
    where the team was then (`statement`) and what it aimed for."""

    statement: Statement | None = None


class DomainNotes(FilePart):
    """Per domain: the context box under the matrix, and reflections on the test questions."""

    context: FreeText = ""
    reflections: FreeText = ""
    priority: bool = False  # a priority for the next cycle
    first_steps: FreeText = ""  # what we will do first


class ServiceDetails(FilePart):
    name: ShortText = ""
    organisations: ShortText = ""
    participants: FreeText = ""  # roles, not necessarily names


AssessmentId = Annotated[str, StringConstraints(pattern=ASSESSMENT_ID_PATTERN)]


def listed_once(values: object, known: list[str] | None, kind: str) -> object:
    """A meeting's list of domains or indicators: no longer than the matrix's own list, each one of
    the matrix's (when it is given) and each once. The length is checked first, so that a huge list
    is refused in one message rather than item by item."""
    if not isinstance(values, list):
        return values
    if known is not None and len(values) > len(known):
        raise content_error(
            f"the list holds {len(values):,} items, more than the matrix has ({len(known)})",
            f"list each {kind} of the matrix at most once",
        )
    for index, value in enumerate(values):
        if isinstance(value, str) and known is not None and value not in known:
            raise content_error(
                f"unknown {kind} {value[:20]}",
                f"{kind}s run from {known[0]} to {known[-1]} as listed in the matrix",
                path=(index,),
            )
    texts = [value for value in values if isinstance(value, str)]  # other types are refused as such
    if len(set(texts)) != len(texts):
        raise content_error(f"the same {kind} is listed twice", f"list each {kind} once")
    return values


class Meeting(FilePart):
    """The meeting in which a group agreed this assessment in meeting mode: the day it was held, the
    domains it chose to cover and the indicators the room left to come back to. Who took part is the
    service's participants, written once; the members' own files are never part of the group's file."""

    date: IsoDate | None = None
    domains: Annotated[list[DomainKey], Field(json_schema_extra={"uniqueItems": True})] = []
    come_back_to: Annotated[list[IndicatorId], Field(json_schema_extra={"uniqueItems": True})] = []

    @field_validator("domains", mode="before")
    @classmethod
    def known_domains(cls, domains: object, info: ValidationInfo) -> object:
        known = (info.context or {}).get("indicator_ids")
        return listed_once(domains, None if known is None else domain_keys(known), "domain number")

    @field_validator("come_back_to", mode="before")
    @classmethod
    def known_indicators(cls, ids: object, info: ValidationInfo) -> object:
        known = (info.context or {}).get("indicator_ids")
        if isinstance(ids, list) and known is None:  # without the matrix, an id's shape alone
            for index, value in enumerate(ids):
                if isinstance(value, str) and not INDICATOR_ID.match(value):
                    raise content_error(
                        f"unknown indicator id {value[:20]}",
                        "an indicator id is its domain's number and its own, such as 1.1",
                        path=(index,),
                    )
        return listed_once(ids, known, "indicator id")


class SourceRef(FilePart):
    """An assessment this one was made from (a composite's inputs, or the previous cycle), named so
    that a reader of the file knows which it was even without the source file to hand."""

    id: AssessmentId
    service: ShortText = ""
    date: IsoDate | None = None


class Assessment(FilePart):
    """A completed (or part-completed) Development Matrix, as saved in a .json file."""

    format: Literal["mpw-assessment"]
    format_version: Literal[ASSESSMENT_FORMAT_VERSION]
    framework_version: NotBlank
    id: AssessmentId
    service: ServiceDetails = ServiceDetails()
    date: IsoDate | None = None
    purposes: Annotated[list[Literal[PURPOSES]], Field(json_schema_extra={"uniqueItems": True})] = []
    method: Literal[METHODS] | None = None
    review_cycle: ShortText = ""
    ratings: dict[IndicatorId, Rating] = {}
    domains: dict[DomainKey, DomainNotes] = {}
    last_plan: dict[IndicatorId, LastPlan] = {}  # the previous cycle's plan, shown read-only
    sources: list[SourceRef | AssessmentId] = []  # a bare id is the first release's form
    meeting: Meeting | None = None  # only when it was agreed in meeting mode (version 3)
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] | None = (
        None  # interface language of the download
    )
    created: IsoDateTime
    updated: IsoDateTime

    @field_validator("purposes")
    @classmethod
    def purposes_once_each(cls, purposes: list[str]) -> list[str]:
        if len(set(purposes)) != len(purposes):
            raise content_error("a purpose is listed twice", "list each purpose once")
        return purposes

    @field_validator("ratings", "last_plan", mode="before")
    @classmethod
    def known_indicators(cls, ratings: object, info: ValidationInfo) -> object:
        """Reject rating keys that are not indicator ids (checked against the matrix when it is given),
        before the ratings themselves, so a key such as "__proto__" is named as what it is."""
        if not isinstance(ratings, dict):
            return ratings
        known = (info.context or {}).get("indicator_ids")
        unknown = sorted(
            str(key)[:20]
            for key in ratings
            if not INDICATOR_ID.match(str(key)) or (known is not None and key not in known)
        )
        if unknown:
            raise content_error(
                f"unknown indicator id {', '.join(unknown)}",
                f"indicator ids run from {known[0]} to {known[-1]} as listed in the matrix"
                if known
                else "an indicator id is its domain's number and its own, such as 1.1",
                path=(unknown[0],),
            )
        return ratings

    @field_validator("domains", mode="before")
    @classmethod
    def known_domains(cls, domains: object, info: ValidationInfo) -> object:
        """Reject domain keys that are not the matrix's domain numbers, when the matrix is given (its
        indicator ids say which domains it has); without it, the pattern alone applies."""
        known = (info.context or {}).get("indicator_ids")
        if not isinstance(domains, dict) or known is None:
            return domains
        keys = domain_keys(known)
        unknown = [str(key)[:20] for key in domains if key not in keys]
        if unknown:
            raise PydanticCustomError("content", expected_domain_words(keys), {"path": (unknown[0], "[key]")})
        return domains
