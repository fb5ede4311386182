"""Format version 3: the meeting (meeting mode's date, domains and indicators to come back to) is
part of the file, checked against the matrix; files of versions 1 and 2 keep opening as version 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpw_static import frameworks
from mpw_static.assessment_file import assessment_schema, check_assessment_bytes, format_rule, parsed_and_upgraded
from mpw_static.models import ASSESSMENT_FORMAT_VERSION, READABLE_FORMAT_VERSIONS, Assessment

IDS = [f"{domain}.{n}" for domain in range(1, 9) for n in range(1, 6)]  # 8 domains, 40 indicators


def met(meeting: object, version: int = 3) -> dict:
    return {
        "format": "mpw-assessment",
        "format_version": version,
        "framework_version": "FINAL – amended April 2023",
        "id": "d4d4d4d4-0000-4000-8000-000000000004",
        "service": {"name": "Harbour Valley", "organisations": "", "participants": "GP, OT, district nurse"},
        "method": "group",
        "ratings": {"1.1": {"statement": 3, "evidence": "work-in-progress", "note": "Agreed"}},
        "meeting": meeting,
        "created": "2026-12-01T09:00:00Z",
        "updated": "2026-12-01T10:00:00Z",
    }


def problems_of(data: dict) -> list[str]:
    assessment, problems = check_assessment_bytes("team.json", json.dumps(data).encode(), IDS)
    assert (assessment is None) == bool(problems)
    return [problem.describe() for problem in problems]


def test_the_current_version_is_3_and_every_earlier_one_is_read() -> None:
    assert ASSESSMENT_FORMAT_VERSION == 3
    assert READABLE_FORMAT_VERSIONS == (1, 2, 3)


def test_a_version_3_file_with_a_meeting_round_trips() -> None:
    meeting = {"date": "2026-12-01", "domains": ["1", "3"], "come_back_to": ["1.2", "3.4"]}
    assessment, problems = check_assessment_bytes("team.json", json.dumps(met(meeting)).encode(), IDS)
    assert problems == []
    assert assessment.meeting.come_back_to == ["1.2", "3.4"] and str(assessment.meeting.date) == "2026-12-01"
    written = json.loads(assessment.model_dump_json())
    assert written["meeting"] == meeting
    again, problems = check_assessment_bytes("again.json", assessment.model_dump_json().encode(), IDS)
    assert problems == [] and again == assessment


def test_a_file_without_a_meeting_stays_valid_and_simple() -> None:
    data = met(None)
    del data["meeting"]
    assessment, problems = check_assessment_bytes("team.json", json.dumps(data).encode(), IDS)
    assert problems == [] and assessment.meeting is None
    assert check_assessment_bytes("team.json", json.dumps(met(None)).encode(), IDS)[1] == []
    assert check_assessment_bytes("team.json", json.dumps(met({})).encode(), IDS)[0].meeting.come_back_to == []


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_file_opens_as_version_3_without_a_meeting(version: int) -> None:
    """An older file is read as version 3 with only its number changed; without a meeting it opens."""
    data = met(None, version)
    del data["meeting"]
    assessment, problems = check_assessment_bytes("old.json", json.dumps(data).encode(), IDS)
    assert problems == [] and assessment.format_version == 3 and assessment.meeting is None


@pytest.mark.parametrize(
    ("meeting", "message"),
    [
        (
            {"come_back_to": ["9.9"]},
            "team.json (meeting.come_back_to[0]): unknown indicator id 9.9\n"
            "   Hint: remove it, or correct it to an indicator id of the matrix, from 1.1 to 8.5",
        ),
        (
            {"come_back_to": ["1.1", "1.10"]},
            "team.json (meeting.come_back_to[1]): unknown indicator id 1.10\n"
            "   Hint: remove it, or correct it to an indicator id of the matrix, from 1.1 to 8.5",
        ),
        (
            {"come_back_to": ["1.1"] * 100_000},
            "team.json (meeting.come_back_to): the list holds 100,000 items, more than the matrix has (40)\n"
            "   Hint: list each one at most once",
        ),
        (
            {"come_back_to": ["1.1", "1.1"]},
            "team.json (meeting.come_back_to): the same indicator id is listed twice\n"
            "   Hint: list each indicator id once",
        ),
        (
            {"come_back_to": [1.1]},
            "team.json (meeting.come_back_to[0]): “1.1” is not one of the allowed values\n"
            "   Hint: correct it in the file, or ask whoever sent it for a new download",
        ),
        (
            {"come_back_to": "1.1"},
            "team.json (meeting.come_back_to): expected a list\n"
            "   Hint: correct it in the file, or ask whoever sent it for a new download",
        ),
        (
            {"domains": ["9"]},
            "team.json (meeting.domains[0]): unknown domain number 9\n"
            "   Hint: correct it in the file, or ask whoever sent it for a new download",
        ),
        (
            {"domains": [1]},
            "team.json (meeting.domains[0]): “1” is not one of the allowed values\n"
            "   Hint: correct it in the file, or ask whoever sent it for a new download",
        ),
        (
            {"date": "2026-02-30"},
            "team.json (meeting.date): expected a date such as 2026-11-23\n"
            "   Hint: correct it in the file, or ask whoever sent it for a new download",
        ),
        (
            {"skipped": ["1.1"]},
            "team.json (meeting.skipped): unknown field\n"
            "   Hint: remove the field from the file, or ask whoever sent it for a new download",
        ),
        (
            "yes",
            "team.json (meeting): expected an object\n"
            "   Hint: correct it in the file, or ask whoever sent it for a new download",
        ),
    ],
)
def test_a_hostile_meeting_is_refused_with_a_clear_message(meeting: object, message: str) -> None:
    assert problems_of(met(meeting)) == [message]


def test_without_the_matrix_the_model_checks_an_id_s_shape() -> None:
    with pytest.raises(ValueError, match="unknown indicator id x"):
        Assessment.model_validate_json(json.dumps(met({"come_back_to": ["x"]})))
    assert Assessment.model_validate_json(json.dumps(met({"come_back_to": ["9.9"]}))).meeting.come_back_to == ["9.9"]


def test_the_schema_and_the_page_s_rule_limit_the_meeting_to_the_matrix() -> None:
    meeting = assessment_schema(IDS)["$defs"]["Meeting"]["properties"]
    assert meeting["come_back_to"]["items"] == {"enum": IDS} and meeting["come_back_to"]["maxItems"] == 40
    assert (
        meeting["domains"]["items"] == {"enum": [str(n) for n in range(1, 9)]} and meeting["domains"]["maxItems"] == 8
    )
    assert meeting["come_back_to"]["uniqueItems"] is True
    rule = format_rule(tuple(IDS))["fields"]["meeting"]
    assert rule["null"] is True and set(rule["fields"]) == {"date", "domains", "come_back_to"}
    assert rule["fields"]["come_back_to"] == {
        "kind": "list",
        "of": {"kind": "choice", "of": IDS, "name": "indicator"},  # a wrong one is an unknown indicator id
        "unique": True,
        "max": 40,
    }
    assert rule["fields"]["domains"]["of"] == {"kind": "choice", "of": [str(n) for n in range(1, 9)]}


FIXTURES = Path(__file__).parents[1] / "fixtures"
OLD_FILES = sorted(FIXTURES.glob("*/*.json"))


def test_the_fixtures_hold_files_of_every_version() -> None:
    versions = {json.loads(path.read_bytes())["format_version"] for path in OLD_FILES}
    assert versions == set(READABLE_FORMAT_VERSIONS)


@pytest.mark.parametrize("path", OLD_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_fixture_opens_in_validate_and_upgrades_to_3_with_nothing_lost(path: Path) -> None:
    raw = path.read_bytes()
    original = json.loads(raw)
    assessment, problems = check_assessment_bytes(path.name, raw, frameworks.indicator_ids())
    assert problems == [] and assessment.format_version == 3
    version, upgraded = parsed_and_upgraded(raw)
    assert version == original["format_version"]
    assert upgraded == {**original, "format_version": 3}


def test_the_v3_meeting_fixture_keeps_its_mark_to_come_back_to() -> None:
    raw = (FIXTURES / "meeting" / "team-record-v3.json").read_bytes()
    assessment, problems = check_assessment_bytes("team-record-v3.json", raw, frameworks.indicator_ids())
    assert problems == [] and assessment.meeting.come_back_to == ["1.3"]
