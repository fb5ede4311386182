"""Assessment files are read safely: every kind of bad file gets its own message, good files load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from mpw_static import frameworks
from mpw_static.assessment_file import assessment_schema, read_assessment
from mpw_static.models import ASSESSMENT_FORMAT_VERSION, Assessment

IDS = ["1.1", "1.2", "2.1"]


def valid() -> dict:
    return {
        "format": "mpw-assessment",
        "format_version": 1,
        "framework_version": "FINAL – amended April 2023",
        "id": "3f2b9c1e-0000-4000-8000-000000000001",
        "service": {"name": "Cluster team", "organisations": "Health board; council", "participants": "GP, OT"},
        "date": "2026-11-23",
        "purposes": ["learning"],
        "method": "group",
        "review_cycle": "Baseline",
        "ratings": {
            "1.1": {"statement": 2, "evidence": "work-in-progress", "note": "Some awareness"},
            "1.2": {"statement": "n/a"},
        },
        "domains": {"1": {"context": "New team", "reflections": "Who benefits?"}},
        "created": "2026-11-23T09:00:00Z",
        "updated": "2026-11-23T10:00:00Z",
    }


def check(tmp_path: Path, content: bytes | dict) -> list[str]:
    path = tmp_path / "team.json"
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode("utf-8"))
    assessment, problems = read_assessment(path, IDS)
    return [problem.describe() for problem in problems]


def test_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    path.write_text(json.dumps(valid()), encoding="utf-8")
    assessment, problems = read_assessment(path, IDS)
    assert problems == []
    assert assessment.ratings["1.1"].statement == 2
    assert assessment.ratings["1.2"].statement == "n/a"


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    assert check(tmp_path, b"\xef\xbb\xbf" + json.dumps(valid()).encode("utf-8")) == []


def test_truncated_json(tmp_path: Path) -> None:
    assert check(tmp_path, json.dumps(valid()).encode("utf-8")[:40]) == [
        'team.json, line 1: the file is not valid JSON: a text is not closed: its closing quote (") is missing (column 30)\n'
        "   Hint: it may be damaged or not a saved assessment: ask whoever sent it for a new download"
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"id": ', "a value is missing, or the text there is not JSON (column 8)"),
        ('{"id" 1}', "a colon is missing after a name (column 7)"),
        ('{"id": 1 "date": 2}', "a comma is missing (column 10)"),
        ("{,}", 'a name is not in double quotes ("), or a comma is left over (column 2)'),
        ("{} {}", "there is more after the end of the JSON (column 4)"),
        (
            '{"id": "a\tb"}',
            "a text holds a tab, a line break or another control character, which JSON writes only as an escape (column 10)",
        ),
        ('{"id": "\\q"}', "a backslash (\\) starts an escape that JSON does not have (column 9)"),
        ('{"id": "\\u12"}', "a \\u escape is not followed by four hex digits (column 10)"),
        ("\ufeff{}", "a second byte order mark (column 1)"),
    ],
)
def test_json_syntax_is_said_in_plain_words_not_pythons(tmp_path: Path, text: str, words: str) -> None:
    """Python's JSON reader says "Expecting value" or "decode using utf-8-sig": what a programmer reads."""
    raw = text.encode("utf-8")
    raw = b"\xef\xbb\xbf" + raw if text.startswith("\ufeff") else raw  # a byte order mark before the one in the text
    assert check(tmp_path, raw)[0].split("\n")[0] == f"team.json, line 1: the file is not valid JSON: {words}"


def test_zip_file(tmp_path: Path) -> None:
    assert check(tmp_path, b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xb7\xac") == [
        "team.json: the file is not text (it may be a zip, an image or a document)\n"
        "   Hint: choose the .json file downloaded from the assessment page"
    ]


def test_not_an_assessment(tmp_path: Path) -> None:
    assert check(tmp_path, {"hello": "world"}) == [
        "team.json (format): this is not a Development Matrix assessment file\n"
        "   Hint: choose the .json file downloaded from the assessment page"
    ]


def test_future_format_version(tmp_path: Path) -> None:
    assert check(tmp_path, {**valid(), "format_version": 4}) == [
        "team.json (format_version): the file uses format version 4, newer than this site reads (up to 3)\n"
        "   Hint: check it with the newest release of mpw-static, or open it with the newest version of the site"
    ]


def test_unknown_indicator_id(tmp_path: Path) -> None:
    data = valid()
    data["ratings"]["9.9"] = {"statement": 1}
    assert check(tmp_path, data) == [
        "team.json (ratings.9.9): unknown indicator id 9.9\n"
        "   Hint: remove it, or correct it to an indicator id of the matrix, from 1.1 to 2.1"
    ]
    (tmp_path / "team.json").write_text(json.dumps(data), encoding="utf-8")
    _, problems = read_assessment(tmp_path / "team.json", frameworks.indicator_ids())
    assert (
        problems[0].hint == "remove it, or correct it to an indicator id of the matrix, from 1.1 to 8.6"
    )  # the real one's


def test_domain_keys_are_the_matrix_s_own_domains(tmp_path: Path) -> None:
    """IDS has domains 1 and 2: a note for domain 3 is refused as the 8-domain matrix refuses 9."""
    data = valid()
    data["domains"]["3"] = {"context": "x"}
    assert check(tmp_path, data) == [
        "team.json (domains.3.[key]): expected a domain number from 1 to 2\n"
        "   Hint: correct it in the file, or ask whoever sent it for a new download"
    ]
    data["domains"] = {"2": {"context": "x"}}
    assert check(tmp_path, data) == []
    assert assessment_schema(IDS)["properties"]["domains"]["propertyNames"] == {"enum": ["1", "2"]}


def test_out_of_range_statement_and_wrong_type(tmp_path: Path) -> None:
    data = valid()
    data["ratings"]["1.1"]["statement"] = 6
    data["review_cycle"] = 12
    found = check(tmp_path, data)
    assert found == [
        "team.json (review_cycle): expected text\n"
        "   Hint: correct it in the file, or ask whoever sent it for a new download",
        "team.json (ratings.1.1.statement): “6” is not one of the allowed values\n"
        '   Hint: change it to 1, 2, 3, 4, 5 or "n/a" (S1–S5 or N/A), or answer the indicator again on the '
        "assessment page",
    ]
    data["ratings"]["1.1"] = {"statement": 2, "target": 0}
    data["review_cycle"] = "Baseline"
    assert check(tmp_path, data) == [
        "team.json (ratings.1.1.target): “0” is not one of the allowed values\n"
        "   Hint: change it to 1, 2, 3, 4 or 5 (S1–S5), or set the target again on the assessment page"
    ]
    data["ratings"]["1.1"] = {"statement": 2, "note": "x" * 10_001}
    assert check(tmp_path, data) == [
        "team.json (ratings.1.1.note): the text is longer than 10000 characters\n"
        "   Hint: shorten it to 10000 characters or fewer"
    ]


def test_evidence_without_statement(tmp_path: Path) -> None:
    data = valid()
    data["ratings"]["1.2"] = {"statement": "n/a", "evidence": "fully-achieved"}
    assert check(tmp_path, data) == [
        "team.json (ratings.1.2.evidence): evidence is only recorded for a statement from 1 to 5\n"
        "   Hint: choose a statement, or remove the evidence level"
    ]


@pytest.mark.parametrize("key", ["__proto__", "constructor"])
def test_prototype_keys_are_unknown_fields(tmp_path: Path, key: str) -> None:
    assert check(tmp_path, {**valid(), key: {"polluted": True}}) == [
        f"team.json ({key}): unknown field\n   Hint: remove the field from the file, or ask whoever sent it for a new download"
    ]


def test_deep_nesting(tmp_path: Path) -> None:
    deep: dict = {}
    for _ in range(50):
        deep = {"a": deep}
    assert check(tmp_path, {**valid(), "service": deep}) == [
        "team.json: the file nests far deeper than an assessment does\n"
        "   Hint: it may be damaged or not a saved assessment: ask whoever sent it for a new download"
    ]


def test_oversized_file(tmp_path: Path) -> None:
    data = valid()
    data["ratings"]["1.1"]["note"] = "x" * 3_000_000
    (found,) = check(tmp_path, data)
    assert found.startswith("team.json: the file is 3,00")
    assert found.endswith(
        "more than an assessment can be (2,000,000)\n"
        "   Hint: a saved assessment is far smaller: choose the .json file downloaded from the assessment page"
    )


def test_schema_limits_rating_keys_to_the_matrix(tmp_path: Path) -> None:
    schema = assessment_schema(IDS)
    assert schema["properties"]["ratings"]["propertyNames"] == {"enum": IDS}
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"format", "format_version", "framework_version", "id", "created", "updated"}
    assert Assessment.model_validate({**valid(), "format_version": ASSESSMENT_FORMAT_VERSION}).method == "group"


def test_sources_name_their_assessment_or_give_a_bare_id(tmp_path: Path) -> None:
    data = valid()
    data["sources"] = [
        {"id": "a0000000-0000-4000-8000-00000000000a", "service": "Team A", "date": "2026-03-02"},
        "b0000000-0000-4000-8000-00000000000b",
    ]
    assert check(tmp_path, data) == []
    data["sources"] = [{"id": "a0000000", "rank": 1}]
    assert check(tmp_path, data) == [
        "team.json (sources[0].rank): unknown field\n"
        "   Hint: remove the field from the file, or ask whoever sent it for a new download"
    ]


def test_an_indicator_id_content_allows_can_be_rated() -> None:
    """Content may define indicator 1.10; rating keys once had to match ^[1-8].[1-9]$ whatever the matrix."""
    text = json.dumps({**valid(), "format_version": ASSESSMENT_FORMAT_VERSION, "ratings": {"1.10": {"statement": 2}}})
    assessment = Assessment.model_validate_json(text, context={"indicator_ids": ["1.1", "1.10"]})
    assert assessment.ratings["1.10"].statement == 2
    with pytest.raises(ValidationError, match="unknown indicator id 1.10"):
        Assessment.model_validate_json(text, context={"indicator_ids": ["1.1"]})


def test_the_schema_states_the_format_s_own_rules() -> None:
    """The two rules pydantic checks in code are in the generated schema too, for the page and for others."""
    schema = Assessment.model_json_schema()
    assert schema["properties"]["purposes"]["uniqueItems"] is True
    rules = schema["$defs"]["Rating"]["allOf"]
    assert [rule["if"]["required"] for rule in rules] == [["evidence"], ["target"]]
    assert all(rule["then"]["properties"]["statement"]["enum"] == [1, 2, 3, 4, 5] for rule in rules)
