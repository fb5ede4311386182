"""What the assessment page's script learns about the file format, derived from the model.

The page keeps no list of fields, defaults, choices or CSV columns of its own: a new assessment,
a file read back with fields left out, the plan of an indicator and each CSV row are all built
from what this module derives from `mpw_static/models.py`, so that a change there reaches the page.
"""

from __future__ import annotations

from .assessment_file import assessment_schema, format_rule
from .models import EVIDENCE_LEVELS, STATEMENTS, TARGETS, Plan, Rating

# How each evidence level looks, as the paper matrix shades it: the catalogue's words for it
# (evidence_<key>), a marker that does not rely on colour, and the shade of the chosen cell.
EVIDENCE_LOOK = {
    "fully-achieved": {"key": "fully", "mark": "■", "shade": "dark"},
    "work-in-progress": {"key": "wip", "mark": "▧", "shade": "light"},
}
assert set(EVIDENCE_LOOK) == set(EVIDENCE_LEVELS), "every evidence level of the model needs a look"


def rules_with_defaults(indicator_ids: tuple[str, ...]) -> dict:
    """The page checker's rule (assessment_file.format_rule) with each object's defaults added, as
    the published schema states them: what a new assessment holds, and what a field left out of a
    file reads as."""
    schema = assessment_schema(list(indicator_ids))
    return with_defaults(format_rule(indicator_ids), schema, schema["$defs"])


def resolved(prop: dict, defs: dict) -> dict:
    """A part of the schema with its $ref followed."""
    while "$ref" in prop:
        prop = defs[prop["$ref"].removeprefix("#/$defs/")]
    return prop


def with_defaults(rule: dict, prop: dict, defs: dict) -> dict:
    """One rule, walked beside the part of the schema it was read from, with "defaults" and "order" on each object."""
    prop = resolved(prop, defs)
    if "anyOf" in prop:
        options = [resolved(option, defs) for option in prop["anyOf"] if option.get("type") != "null"]
        if rule["kind"] == "either":
            return {
                **rule,
                "options": [with_defaults(r, o, defs) for r, o in zip(rule["options"], options, strict=True)],
            }
        (prop,) = options
    if rule["kind"] == "object":
        properties = prop["properties"]
        return {
            **rule,
            "fields": {name: with_defaults(field, properties[name], defs) for name, field in rule["fields"].items()},
            "defaults": {name: field["default"] for name, field in properties.items() if "default" in field},
            # The model's order of fields, which a new or completed assessment keeps (the page's
            # data is written with its keys sorted, as Jinja's tojson does).
            "order": list(rule["fields"]),
        }
    if rule["kind"] == "map":
        return {**rule, "values": with_defaults(rule["values"], prop["additionalProperties"], defs)}
    if rule["kind"] == "list":
        return {**rule, "of": with_defaults(rule["of"], prop["items"], defs)}
    return rule


# A rating's fields in the order people read them: its own (the statement, the evidence, the note),
# then the plan's (a target, next steps, a lead, a date, a review).
PLAN_FIELDS = list(Plan.model_fields)
RATING_FIELDS = [name for name in Rating.model_fields if name not in PLAN_FIELDS] + PLAN_FIELDS


# How the CSVs write a statement for the programs that read them (pandas, DuckDB, R, Excel): 1 to 5
# as numbers, and N/A and "not answered" as words that no default reader takes for a missing value
# (pandas reads "N/A", "n/a", "NA" and an empty cell as missing, so N/A and unanswered would merge).
# The across-services tidy CSV uses the same words.
CSV_ANSWER_CODES = {"n/a": "not_applicable", "none": "not_answered"}
assert set(CSV_ANSWER_CODES) - {"none"} == {str(value) for value in STATEMENTS if value not in TARGETS}


def statement_columns(name: str) -> list[list[str]]:
    """A statement's columns: its code (1–5, not_applicable, not_answered), its label as the page
    shows it (S3, N/A, Not answered, in the page's language) and, in the assessment's CSV, its text."""
    return [["rating", name, "code"], ["rating", name, "named"]]


def rating_columns(name: str) -> list[list[str]]:
    """A rating field's CSV columns: a statement as its code, its label and its text, a target as its label."""
    if name == "statement":
        return [*statement_columns(name), ["rating", name, "text"]]
    return [["rating", name, "label"] if name == "target" else ["rating", name]]


def csv_columns() -> list[list[str]]:
    """The columns of the assessment's CSV: [source, field] or [source, field, form], where the source
    is the indicator, its rating or the assessment, and a statement may be written as its code (3,
    not_applicable, not_answered), its label ("S3") or its text; a target as its label. The
    catalogue's js_csv_headers names them in the same order."""
    return [
        ["indicator", "domain"],
        ["indicator", "id"],
        ["indicator", "title"],
        *[column for name in RATING_FIELDS for column in rating_columns(name)],
        ["assessment", "service.name"],
        ["assessment", "date"],
        ["assessment", "review_cycle"],
        ["assessment", "method"],
    ]


def plan_csv_columns() -> list[list[str]]:
    """The columns of the improvement plan's CSV, one row per indicator with a plan, in the same
    form; the domain's priority is written as the catalogue's "yes". js_plan_csv_headers names them."""
    return [
        ["domain", "number"],
        ["domain", "title"],
        ["domain", "priority", "yes"],
        ["indicator", "id"],
        ["indicator", "title"],
        *statement_columns("statement"),
        *[column for name in PLAN_FIELDS for column in rating_columns(name)],
        ["assessment", "service.name"],
        ["assessment", "date"],
        ["assessment", "review_cycle"],
    ]


def choice_labels(statement_labels: list[str], not_applicable: str, words: dict[str, str]) -> dict:
    """How the page names each choice: every statement by its value ("1": "S1", "n/a": "N/A"), and
    each evidence level by its words, its marker and its shade."""
    named = dict(zip((str(value) for value in TARGETS), statement_labels, strict=True))
    named.update({str(value): not_applicable for value in STATEMENTS if value not in TARGETS})
    evidence = {level: {**look, "text": words[f"evidence_{look['key']}"]} for level, look in EVIDENCE_LOOK.items()}
    return {"of": named, "evidence": evidence}


def format_description(indicator_ids: tuple[str, ...]) -> dict:
    """The rule with its defaults, a plan's fields and the CSV columns, for the page's data."""
    return {
        "rules": rules_with_defaults(indicator_ids),
        "fields": {"plan": PLAN_FIELDS, "rating": RATING_FIELDS},
        "csv": {"assessment": csv_columns(), "plan": plan_csv_columns(), "answers": CSV_ANSWER_CODES},
    }
