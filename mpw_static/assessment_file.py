"""Reading assessment JSON files safely: size, encoding, syntax and shape, each with a clear message."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from .models import (
    ASSESSMENT_FORMAT,
    ASSESSMENT_FORMAT_VERSION,
    ASSESSMENT_ID_PATTERN,
    DATE_PATTERN,
    DATETIME_PATTERN,
    DOMAIN_KEY_PATTERN,
    LANGUAGE_PATTERN,
    NOT_BLANK_PATTERN,
    READABLE_FORMAT_VERSIONS,
    Assessment,
    domain_keys,
)
from .problems import Problem, field_path
from .upgrade import to_current

MAX_BYTES = 2_000_000  # a full matrix with long notes is well under 200 kB
MAX_DEPTH = 8  # the format nests 4 deep; anything deeper is not an assessment

# What the person can do next, in the hint under each refusal. The page says the same after its
# message (js_err_* in the string catalogue), so that a file gets the same advice in both.
USE_DOWNLOADED = "choose the .json file downloaded from the assessment page"
ASK_AGAIN = "ask whoever sent it for a new download"
TOO_BIG_HINT = f"a saved assessment is far smaller: {USE_DOWNLOADED}"
NOT_UTF8_HINT = f"save it again as UTF-8 text, or {ASK_AGAIN}"
DAMAGED_HINT = f"it may be damaged or not a saved assessment: {ASK_AGAIN}"
EDITED_HINT = f"it may have been edited by hand: {ASK_AGAIN}"
DUPLICATE_HINT = f"remove one of the two from the file, or {ASK_AGAIN}"
BROKEN_HINT = f"remove the broken character from that text, or {ASK_AGAIN}"
# The page says "open it with the newest version of the site"; a command-line user may have mpw-static
# itself to update, so validate names both (tests/integration/test_validate_hostile_files.py).
NEWER_HINT = "check it with the newest release of mpw-static, or open it with the newest version of the site"
CORRECT_HINT = f"correct it in the file, or {ASK_AGAIN}"
UNKNOWN_FIELD_HINT = f"remove the field from the file, or {ASK_AGAIN}"
ONCE_HINT = "list each one at most once"
FIELD_HINTS = {
    "statement": 'change it to 1, 2, 3, 4, 5 or "n/a" (S1–S5 or N/A), or answer the indicator again on the '
    "assessment page",
    "target": "change it to 1, 2, 3, 4 or 5 (S1–S5), or set the target again on the assessment page",
}
FILE_ONLY_HINTS = (CORRECT_HINT, UNKNOWN_FIELD_HINT)  # a workbook's cells get hints of their own

# What the published schema says of the file as a whole, including the rules JSON Schema cannot
# say, which `mpw-static validate` and the page apply all the same.
SCHEMA_WORDS = (
    "A completed (or part-completed) Development Matrix, as saved in a .json file by the assessment page "
    "of an mpw-static site. It covers every format version that mpw-static reads ("
    + ", ".join(map(str, READABLE_FORMAT_VERSIONS[:-1]))
    + f" and {READABLE_FORMAT_VERSIONS[-1]}"
    + f"). An older file is read as version {ASSESSMENT_FORMAT_VERSION} with only its version number changed, "
    "since each later version only added optional fields. "
    "What JSON Schema cannot say, and mpw-static refuses all the same: a key written twice in one object; "
    "text holding a lone surrogate (such as \\ud800); a file of more than "
    f"{MAX_BYTES:,} bytes; a file that is not UTF-8 (a byte order mark is allowed) or UTF-16 with a byte "
    "order mark; and a number too long for Python to read (over 4,300 digits). Patterns are written so "
    "that ECMA-262 and Python's re read them alike."
)


def assessment_schema(indicator_ids: list[str]) -> dict:
    """The JSON Schema of the file format for one matrix: the keys of ratings and of last cycle's plan
    limited to its indicator ids, and of the domain notes to its domain numbers (the model checks
    both against the matrix it is given), and every format version this release reads. Each caller
    gets its own copy of the one made for the matrix (pydantic takes a while to write it)."""
    return copy.deepcopy(schema_of(tuple(indicator_ids)))


@cache
def schema_of(indicator_ids: tuple[str, ...]) -> dict:
    """The schema of assessment_schema, made once per matrix; not to be changed by its readers."""
    schema = Assessment.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Development Matrix assessment"
    schema["description"] = SCHEMA_WORDS
    properties = schema["properties"]
    for by_indicator in ("ratings", "last_plan"):
        properties[by_indicator]["propertyNames"] = {"enum": list(indicator_ids)}
    # The matrix's domain numbers, as a list: for 8 domains, "9", "01" and "1 " are refused by every reader.
    ((pattern, notes),) = properties["domains"].pop("patternProperties").items()
    assert pattern == DOMAIN_KEY_PATTERN, pattern
    properties["domains"].update(propertyNames={"enum": domain_keys(indicator_ids)}, additionalProperties=notes)
    # A meeting's lists: the matrix's own domains and indicators, each once, so never more than it has.
    meeting = schema["$defs"]["Meeting"]["properties"]
    for field, keys in (("domains", domain_keys(indicator_ids)), ("come_back_to", list(indicator_ids))):
        meeting[field].update(items={"enum": keys}, maxItems=len(keys))
    properties["format_version"] = {
        "title": "Format Version",
        "type": "integer",
        "enum": list(READABLE_FORMAT_VERSIONS),
        "description": f"Files are written in version {ASSESSMENT_FORMAT_VERSION}; older ones keep opening.",
    }
    return schema


# The name the page gives each pattern of the format: its words are in the catalogue as
# js_expected_<name>. The rule carries the pattern itself, so the page tests what the schema says.
PATTERN_NAMES = {ASSESSMENT_ID_PATTERN: "id", LANGUAGE_PATTERN: "language"}
DATE_KINDS = {DATE_PATTERN: "date", DATETIME_PATTERN: "dateTime"}


@cache
def format_rule(indicator_ids: tuple[str, ...]) -> dict:
    """The whole file format as one rule for the page's checker, read from the JSON Schema that
    `assessment_schema` publishes: which fields each object has and requires, what each holds, and
    the one rule across fields (a target or evidence needs a statement S1–S5). The page keeps no
    list of fields, kinds or limits of its own; it walks this. Remembered: callers only read it."""
    schema = assessment_schema(list(indicator_ids))
    return schema_rule(schema, schema["$defs"])


def schema_rule(prop: dict, defs: dict) -> dict:
    """One part of the JSON Schema as a rule of the page's checker. Only the schema features the
    format uses are read; anything else stops the build here, rather than being checked by no one."""
    if "$ref" in prop:
        return schema_rule(defs[prop["$ref"].removeprefix("#/$defs/")], defs)
    if "anyOf" in prop:
        kept = [option for option in prop["anyOf"] if option.get("type") != "null"]
        rules = [schema_rule(option, defs) for option in kept]
        rule = rules[0] if len(rules) == 1 else {"kind": "either", "options": rules}
        return {**rule, "null": True} if len(kept) < len(prop["anyOf"]) else rule
    if "const" in prop:
        return {"kind": "const", "value": prop["const"]}
    if "enum" in prop:
        # A list of the matrix's indicator ids (meeting.come_back_to) names a wrong one as a map's keys do.
        indicators = all(isinstance(value, str) and "." in value for value in prop["enum"])
        return {"kind": "choice", "of": prop["enum"], **({"name": "indicator"} if indicators else {})}
    kind = prop.get("type")
    if kind == "object":
        return object_rule(prop, defs)
    if kind == "array":
        rule = {"kind": "list", "of": schema_rule(prop["items"], defs), "unique": prop.get("uniqueItems", False)}
        return {**rule, "max": prop["maxItems"]} if "maxItems" in prop else rule
    if kind == "boolean":
        return {"kind": "bool"}
    return string_rule(prop)


def string_rule(prop: dict) -> dict:
    """Text: a date or a time, text with a pattern (an id, a language code), or free text with a
    limit or a need to be more than white space. Every pattern goes to the page as it is written."""
    pattern = prop.get("pattern")
    known = {"type", "title", "description", "default", "pattern", "maxLength"}
    assert prop.get("type") == "string" and set(prop) - {"format"} <= known, (
        f"the page's checker has no rule for {prop}"
    )
    assert prop.get("format") in (None, "date") and (prop.get("format") is None or pattern == DATE_PATTERN), (
        f"the page's checker has no rule for the format of {prop}"
    )
    if pattern in DATE_KINDS:
        return {"kind": DATE_KINDS[pattern], "pattern": pattern}
    if pattern in PATTERN_NAMES:
        return {"kind": "pattern", "name": PATTERN_NAMES[pattern], "pattern": pattern}
    assert pattern in (None, NOT_BLANK_PATTERN) and (pattern or "maxLength" in prop), (
        f"the page's checker has no rule for {prop}"
    )
    return {"kind": "text", "max": prop.get("maxLength"), "notBlank": pattern}


def object_rule(prop: dict, defs: dict) -> dict:
    """An object with named fields, or a map whose keys follow a rule (indicator ids, domain numbers)."""
    if "properties" in prop:
        rule = {
            "kind": "object",
            "fields": {name: schema_rule(field, defs) for name, field in prop["properties"].items()},
            "required": prop.get("required", []),
        }
        if "allOf" in prop:
            rule["needs"] = [needs_rule(clause) for clause in prop["allOf"]]
        return rule
    keys = prop["propertyNames"]["enum"]
    return {
        "kind": "map",
        # Which words a key that is not listed gets: "unknown indicator id", or "expected a domain number".
        # Indicator ids hold a dot (1.1) and domain numbers never do, whatever the matrix's shape.
        "keys": {"of": keys, "name": "indicator" if all("." in key for key in keys) else "domain"},
        "values": schema_rule(prop["additionalProperties"], defs),
    }


def needs_rule(clause: dict) -> dict:
    """An if/then of the schema, in the one shape the format has: when `field` holds a value,
    `then` must hold one of `of` (a target or evidence needs a statement from S1 to S5)."""
    ((field,),) = [clause["if"]["required"]]
    ((then, allowed),) = clause["then"]["properties"].items()
    assert clause["if"]["properties"][field] == {"not": {"type": "null"}}, (
        f"the page's checker has no rule for {clause}"
    )
    return {"field": field, "then": then, "of": allowed["enum"]}


# Characters no saved assessment contains: binary files (zip, images) are full of them. The page's
# script applies the same rule. U+FFFD is not among them: a person may type or paste it in a note,
# and invalid UTF-8 is caught when decoding, as the page does with a strict decoder.
NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f]")
CONTROL_BYTES = re.compile(b"[\x00-\x08\x0e-\x1f]")
NOT_TEXT_MESSAGE = "the file is not text (it may be a zip, an image or a document)"
WORKBOOK_MESSAGE = "the file is an Excel workbook, not a saved assessment"
WORKBOOK_HINT = "read it with `mpw-static import`, which writes the assessment beside it as a .json file"
ZIP_SIGNATURE = b"PK\x03\x04"
WORKBOOK_PART = b"xl/workbook."  # .xml, or .bin in a binary workbook
NOT_UTF8_MESSAGE = (
    "the file is not UTF-8 text (it may be a document, or text saved in another encoding such as Windows-1252)"
)


class DuplicateKey(Exception):
    """A JSON object names the same key twice; json.loads would silently keep the last value."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def is_workbook(raw: bytes) -> bool:
    """Whether the bytes are an Excel workbook: a zip whose directory names the workbook part, as the page decides."""
    return raw.startswith(ZIP_SIGNATURE) and WORKBOOK_PART in raw


def decode(raw: bytes) -> str:
    """Bytes to text as a browser's FileReader does: a byte order mark picks UTF-8 or UTF-16, else UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """object_pairs_hook for json.loads that refuses repeated keys."""
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def depth(value: object, level: int = 1) -> int:
    """How deeply a parsed JSON value nests, stopping early once it is too deep to matter."""
    if level > MAX_DEPTH or not isinstance(value, (dict, list)):
        return level
    children = value.values() if isinstance(value, dict) else value
    return max((depth(child, level + 1) for child in children), default=level)


LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # in a Python str, any surrogate is unpaired


def lone_surrogate_at(value: object, path: tuple = ()) -> tuple | None:
    """Where a key or text holds an unpaired surrogate escape ("\\ud800"): valid JSON, but not text."""
    if isinstance(value, str):
        return path if LONE_SURROGATE.search(value) else None
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        if isinstance(key, str) and LONE_SURROGATE.search(key):
            return (*path, key.encode("utf-8", "backslashreplace").decode())
        found = lone_surrogate_at(child, (*path, key))
        if found is not None:
            return found
    return None


def read_assessment(
    path: Path, indicator_ids: list[str], name: str | None = None
) -> tuple[Assessment | None, list[Problem]]:
    """Check one file (named in messages as `name`, by default its file name); return the
    assessment, or None and every problem found."""
    name = name or path.name
    if not path.is_file():
        return None, [Problem(name, "", "file not found", "check the file name and folder")]
    return check_assessment_bytes(name, path.read_bytes(), indicator_ids)


def check_assessment_bytes(name: str, raw: bytes, indicator_ids: list[str]) -> tuple[Assessment | None, list[Problem]]:
    """Check a file's bytes (named in messages as `name`); return the assessment (upgraded to the
    current version if it is older), or None and every problem."""
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(
                name,
                "",
                f"the file is {len(raw):,} bytes, more than an assessment can be ({MAX_BYTES:,})",
                TOO_BIG_HINT,
            )
        ]
    if is_workbook(raw):  # chosen in place of the .json file: say what reads it
        return None, [Problem(name, "", WORKBOOK_MESSAGE, WORKBOOK_HINT)]
    try:
        text = decode(raw)
    except UnicodeDecodeError:
        binary = CONTROL_BYTES.search(raw) is not None
        return None, [
            Problem(
                name,
                "",
                NOT_TEXT_MESSAGE if binary else NOT_UTF8_MESSAGE,
                USE_DOWNLOADED if binary else NOT_UTF8_HINT,
            )
        ]
    if NOT_TEXT.search(text):
        return None, [Problem(name, "", NOT_TEXT_MESSAGE, USE_DOWNLOADED)]
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                name,
                "",
                f"the file is not valid JSON: {json_words(error.msg)} (column {error.colno})",
                DAMAGED_HINT,
                line=error.lineno,
            )
        ]
    except ValueError as error:  # Python refuses integers of over 4,300 digits rather than read them
        if not str(error).startswith("Exceeds the limit"):
            raise
        return None, [Problem(name, "", "the file holds a number far longer than an assessment has", DAMAGED_HINT)]
    except RecursionError:
        return None, [Problem(name, "", "the file nests far deeper than an assessment does", DAMAGED_HINT)]
    except DuplicateKey as error:
        return None, [
            Problem(
                name,
                "",
                f"the key “{error.key[:40]}” appears twice in one object, so it is unclear which value is meant",
                DUPLICATE_HINT,
            )
        ]
    broken = lone_surrogate_at(data)
    if broken is not None:
        return None, [
            Problem(
                name,
                field_path(broken),
                "the text holds a broken character (a lone surrogate, "
                "such as \\ud800), which no saved assessment contains",
                BROKEN_HINT,
            )
        ]
    if not isinstance(data, dict) or data.get("format") != ASSESSMENT_FORMAT:
        return None, [Problem(name, "format", "this is not a Development Matrix assessment file", USE_DOWNLOADED)]
    if depth(data) > MAX_DEPTH:
        return None, [Problem(name, "", "the file nests far deeper than an assessment does", DAMAGED_HINT)]
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > ASSESSMENT_FORMAT_VERSION:
        return None, [
            Problem(
                name,
                "format_version",
                f"the file uses format version {version}, newer than this "
                f"site reads (up to {ASSESSMENT_FORMAT_VERSION})",
                NEWER_HINT,
            )
        ]
    if version not in READABLE_FORMAT_VERSIONS or isinstance(version, bool):
        return None, [
            Problem(name, "format_version", "the file’s format version is not one this site knows", EDITED_HINT)
        ]
    if version != ASSESSMENT_FORMAT_VERSION:  # upgraded, then checked as JSON all the same, by the current rules
        text = json.dumps(to_current(data), ensure_ascii=False)
    try:
        # Strict by the models' own config (FilePart): "3" is not 3 and 20260601 is not a date.
        return Assessment.model_validate_json(text, context={"indicator_ids": indicator_ids}), []
    except ValidationError as error:
        details = without_union_branches(error.errors(), data)
        return None, [assessment_problem(name, detail, indicator_ids) for detail in details]


# What Python's JSON reader says is wrong, in plain words: its own are a programmer's ("Expecting
# value", "decode using utf-8-sig"). One it says that is not listed here is shown as it is.
JSON_WORDS = {
    "Expecting value": "a value is missing, or the text there is not JSON",
    "Unterminated string starting at": 'a text is not closed: its closing quote (") is missing',
    "Expecting property name enclosed in double quotes": 'a name is not in double quotes ("), or a comma is left over',
    "Expecting ',' delimiter": "a comma is missing",
    "Expecting ':' delimiter": "a colon is missing after a name",
    "Extra data": "there is more after the end of the JSON",
    "Invalid control character at": "a text holds a tab, a line break or another control character, which JSON writes only as an escape",
    "Invalid \\escape": "a backslash (\\) starts an escape that JSON does not have",
    "Invalid \\uXXXX escape": "a \\u escape is not followed by four hex digits",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "a second byte order mark",
}


def json_words(message: str) -> str:
    """Python's JSON syntax message in plain words."""
    return JSON_WORDS.get(message, message)


def parsed_and_upgraded(raw: bytes) -> tuple[int, dict]:
    """The version of a file that check_assessment_bytes accepted, and the file as parsed JSON in the
    current version: exactly what it held, in its order, with only the upgrade's changes."""
    data = json.loads(decode(raw), object_pairs_hook=unique_keys)
    return data["format_version"], to_current(data)


def without_union_branches(details: list[dict], data: dict) -> list[dict]:
    """A source may be {id, service, date} or a bare id, and pydantic reports both ways of reading
    it. Keep the errors of the way that matches what the file holds, without the branch's name."""
    kept = []
    for detail in details:
        loc = tuple(detail["loc"])
        if loc[:1] == ("sources",) and len(loc) > 2 and isinstance(loc[1], int):
            is_object = isinstance(data["sources"][loc[1]], dict)
            if (loc[2] == "SourceRef") != is_object:
                continue
            loc = loc[:2] + loc[3:]
        kept.append({**detail, "loc": loc})
    return kept


# What each pattern of the format means, in words (pydantic would quote the regular expression).
PATTERN_WORDS = {
    ASSESSMENT_ID_PATTERN: "expected an id of 8 to 64 letters, digits or dashes",
    LANGUAGE_PATTERN: "expected a language code such as en or cy",
    DOMAIN_KEY_PATTERN: "expected a domain number",  # without the matrix; with it, from 1 to the last
    NOT_BLANK_PATTERN: "expected text that is not only white space",
}


# pydantic's errors of a value of the wrong kind or outside its choices. Their words are pydantic's
# ("Input should be a valid array"), so they are said as the page says them, from the same rule.
KIND_ERRORS = {
    "bool_type",
    "dict_type",
    "model_type",
    "list_type",
    "string_type",
    "literal_error",
    "enum",
    "missing",
    "int_parsing_size",
    "int_type",
    "float_type",
}
# What the page expects of each kind of rule (format.js, js_err_type's {expected}).
EXPECTED_WORDS = {
    "object": "expected an object",
    "map": "expected an object",
    "list": "expected a list",
    "text": "expected text",
    "bool": "expected true or false",
    "date": "expected a date such as 2026-11-23",
    "dateTime": "expected a date and time such as 2026-11-23T14:43:00Z",
}


def assessment_problem(name: str, detail: dict, indicator_ids: list[str]) -> Problem:
    """Turn one pydantic error into a Problem naming the field path in the file, and what to do."""
    context = detail.get("ctx") or {}
    loc = tuple(detail["loc"]) + tuple(context.get("path", ()))
    kind = detail["type"]
    message = detail["msg"]
    if kind == "extra_forbidden":
        message = "unknown field"
    elif kind == "string_pattern_mismatch":
        message = PATTERN_WORDS.get(context.get("pattern"), message)
    elif kind == "string_too_long":
        message = f"the text is longer than {context['max_length']} characters"
    elif kind in KIND_ERRORS or message.startswith("Input should be"):  # the latter: JSON true for a statement
        message = page_words(rule_at(format_rule(tuple(indicator_ids)), loc, detail.get("input")), detail)
    return Problem(name, field_path(loc), message, field_hint(kind, message, loc, indicator_ids, context))


def rule_at(rule: dict, loc: tuple, value: object) -> dict | None:
    """The page's rule (format_rule) for the value at a pydantic location, or None if it names none."""
    for depth_in, part in enumerate(loc, start=1):
        if rule is None or rule["kind"] not in ("object", "map", "list"):
            return None
        rule = rule["fields"].get(part) if rule["kind"] == "object" else rule.get("values", rule.get("of"))
        if rule is not None and rule["kind"] == "either":  # a source or its bare id, told apart as the page does
            is_object = depth_in < len(loc) or isinstance(value, dict)  # a field inside it, or the value itself
            rule = next(option for option in rule["options"] if (option["kind"] == "object") == is_object)
    return rule


def page_words(rule: dict | None, detail: dict) -> str:
    """What the page says of a value its rule refuses for its kind or its choices (format.js's Checker)."""
    value = detail.get("input")
    if detail["type"] == "missing":
        value = None
    if rule is None:
        return "expected a different kind of value here"
    if rule["kind"] in ("choice", "const"):
        if isinstance(value, (dict, list)):
            return "expected one of the allowed values, not a list or an object"
        return f"“{as_javascript_text(value)[:40]}” is not one of the allowed values"
    if rule["kind"] == "pattern":
        return next(words for pattern, words in PATTERN_WORDS.items() if pattern == rule["pattern"])
    return EXPECTED_WORDS[rule["kind"]]


def as_javascript_text(value: object) -> str:
    """A JSON value as the page's String(value) writes it: true, null, 3 for 3.0, 2.5."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return str(value)


def field_hint(kind: str, message: str, loc: tuple, indicator_ids: list[str], context: dict) -> str:
    """What to do about one field, in the words the page gives after the same problem."""
    fields = [part for part in loc if isinstance(part, str) and part != "[key]"]
    if kind == "extra_forbidden":
        return UNKNOWN_FIELD_HINT
    if kind == "string_too_long":
        return f"shorten it to {context['max_length']} characters or fewer"
    if message.startswith("unknown indicator id") and loc[0] in ("ratings", "last_plan", "meeting") and indicator_ids:
        return (
            f"remove it, or correct it to an indicator id of the matrix, from {indicator_ids[0]} to {indicator_ids[-1]}"
        )
    if message.startswith("the list holds"):
        return ONCE_HINT
    if "listed twice" in message or "for a statement from 1 to 5" in message:
        return context["hint"]  # the model's own: "list each purpose once", "choose a statement, or …"
    return FIELD_HINTS.get(fields[-1] if fields else "", CORRECT_HINT)
