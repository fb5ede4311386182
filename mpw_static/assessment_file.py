"""Reading assessment JSON files safely: size, encoding, syntax and shape, each with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from .models import ASSESSMENT_FORMAT, ASSESSMENT_FORMAT_VERSION, Assessment
from .problems import Problem, field_path

MAX_BYTES = 2_000_000  # a full matrix with long notes is well under 200 kB
MAX_DEPTH = 8          # the format nests 4 deep; anything deeper is not an assessment
USE_DOWNLOADED = "choose the .json file downloaded from the assessment page"


def assessment_schema(indicator_ids: list[str]) -> dict:
    """The JSON Schema of the file format, with rating keys limited to the matrix's own ids."""
    schema = Assessment.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Development Matrix assessment"
    schema["properties"]["ratings"]["propertyNames"] = {"enum": indicator_ids}
    return schema


def depth(value: object, level: int = 1) -> int:
    """How deeply a parsed JSON value nests, stopping early once it is too deep to matter."""
    if level > MAX_DEPTH or not isinstance(value, (dict, list)):
        return level
    children = value.values() if isinstance(value, dict) else value
    return max((depth(child, level + 1) for child in children), default=level)


def read_assessment(path: Path, indicator_ids: list[str]) -> tuple[Assessment | None, list[Problem]]:
    """Check one file; return the assessment, or None and every problem found."""
    name = path.name
    if not path.is_file():
        return None, [Problem(name, "", "file not found", "check the file name and folder")]
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(name, "", f"the file is {len(raw):,} bytes, more than an assessment can be "
                                        f"({MAX_BYTES:,})", USE_DOWNLOADED)]
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except UnicodeDecodeError:
        return None, [Problem(name, "", "the file is not text (it may be a zip, an image or a document)",
                              USE_DOWNLOADED)]
    except json.JSONDecodeError as error:
        return None, [Problem(name, "", f"the file is not valid JSON: {error.msg} (column {error.colno})",
                              "the file may be cut short or edited by hand; use the downloaded copy",
                              line=error.lineno)]
    if not isinstance(data, dict) or data.get("format") != ASSESSMENT_FORMAT:
        return None, [Problem(name, "format", "this is not a Development Matrix assessment file",
                              USE_DOWNLOADED)]
    if depth(data) > MAX_DEPTH:
        return None, [Problem(name, "", "the file nests far deeper than an assessment does",
                              USE_DOWNLOADED)]
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > ASSESSMENT_FORMAT_VERSION:
        return None, [Problem(name, "format_version", f"the file uses format version {version}, newer than this "
                                                      f"site reads (up to {ASSESSMENT_FORMAT_VERSION})",
                              "open it with the newer version of the site that saved it")]
    try:
        return Assessment.model_validate(data, context={"indicator_ids": indicator_ids}), []
    except ValidationError as error:
        return None, [assessment_problem(name, detail) for detail in error.errors()]


def assessment_problem(name: str, detail: dict) -> Problem:
    """Turn one pydantic error into a Problem naming the field path in the file."""
    context = detail.get("ctx") or {}
    loc = tuple(detail["loc"]) + tuple(context.get("path", ()))
    message = "unknown field" if detail["type"] == "extra_forbidden" else detail["msg"]
    return Problem(name, field_path(loc), message, context.get("hint", ""))
