"""Format version 2 (targets, next steps, priorities, last cycle's plan), the upgrade from version 1, and the
upgrade of both to the current version (3, which adds the meeting: see test_format_3.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from mpw_static.assessment_file import check_assessment_bytes, format_rule, parsed_and_upgraded
from mpw_static.cli import main
from mpw_static.models import (
    ASSESSMENT_FORMAT_VERSION,
    ASSESSMENT_ID_PATTERN,
    DATE_PATTERN,
    DATETIME_PATTERN,
    NEEDS_A_STATEMENT,
    NOT_BLANK_PATTERN,
    PURPOSES,
    Assessment,
    DomainNotes,
    Rating,
)
from mpw_static.upgrade import to_current, version_1_to_2, version_2_to_3

FIXTURES = Path(__file__).parents[1] / "fixtures" / "discussion"
IDS = [f"{domain}.{n}" for domain in range(1, 9) for n in range(1, 10)]


def v1_with_every_field() -> dict:
    """A version 1 file with every field the first release wrote, each filled."""
    return {
        "format": "mpw-assessment",
        "format_version": 1,
        "framework_version": "FINAL – amended April 2023",
        "id": "a1a1a1a1-0000-4000-8000-000000000001",
        "service": {"name": "Harbour Valley", "organisations": "Health board; council", "participants": "GP, OT"},
        "date": "2026-03-02",
        "purposes": ["learning", "evaluation"],
        "method": "group",
        "review_cycle": "Baseline",
        "ratings": {
            "1.1": {"statement": 2, "evidence": "work-in-progress", "note": "Some <b>awareness</b>"},
            "1.2": {"statement": "n/a", "evidence": None, "note": ""},
        },
        "domains": {"1": {"context": "New team", "reflections": "Who benefits?"}},
        "sources": ["b2b2b2b2-0000-4000-8000-000000000002", {"id": "c3c3c3c3", "service": "A", "date": None}],
        "language": "cy",
        "created": "2026-03-02T09:00:00Z",
        "updated": "2026-03-02T10:00:00.123Z",
    }


def v2_with_a_plan() -> dict:
    data = {**v1_with_every_field(), "format_version": 2}
    data["ratings"]["1.1"].update(
        target=3, next_steps="Shared caseload meeting", lead="Team manager", due_date="2026-09-30", due_cycle="6-month"
    )
    data["domains"]["1"].update(priority=True, first_steps="Agree a referral route")
    data["last_plan"] = {"1.1": {"statement": 1, "target": 2, "next_steps": "Meet", "lead": "GP", "due_date": None}}
    return data


def test_the_upgrade_keeps_every_field_of_a_full_version_1_file() -> None:
    old = v1_with_every_field()
    upgraded = version_1_to_2(old)
    assert upgraded == {**old, "format_version": 2}
    assert list(upgraded) == list(old)  # in the same order, so a person comparing the two files sees one change
    assert old["format_version"] == 1  # the original is not changed
    assert to_current(old) == {**old, "format_version": ASSESSMENT_FORMAT_VERSION}
    assessment = Assessment.model_validate(to_current(old))
    assert assessment.ratings["1.1"].note == "Some <b>awareness</b>"
    assert assessment.ratings["1.1"].target is None and assessment.domains["1"].priority is False


V1_FIXTURES = sorted(
    path.name for path in FIXTURES.glob("*.json") if json.loads(path.read_bytes())["format_version"] == 1
)


def test_the_fixtures_include_files_saved_by_the_first_release() -> None:
    assert len(V1_FIXTURES) >= 9


@pytest.mark.parametrize("fixture", V1_FIXTURES)
def test_every_version_1_fixture_opens_and_upgrades_without_loss(fixture: str) -> None:
    raw = (FIXTURES / fixture).read_bytes()
    original = json.loads(raw)
    assessment, problems = check_assessment_bytes(fixture, raw, IDS)
    assert problems == []
    assert assessment.format_version == ASSESSMENT_FORMAT_VERSION
    assert assessment.meeting is None  # not agreed in meeting mode
    version, upgraded = parsed_and_upgraded(raw)
    assert version == 1
    assert {key: value for key, value in upgraded.items() if key != "format_version"} == {
        key: value for key, value in original.items() if key != "format_version"
    }


def test_a_current_file_is_not_changed_by_the_upgrade() -> None:
    data = {**v2_with_a_plan(), "format_version": 3}
    assert to_current(data) is data


def test_a_version_2_file_upgrades_to_3_with_only_its_number_changed() -> None:
    old = v2_with_a_plan()
    upgraded = version_2_to_3(old)
    assert upgraded == {**old, "format_version": 3} and list(upgraded) == list(old)
    assert old["format_version"] == 2
    assert to_current(old) == upgraded


def test_a_version_2_file_round_trips() -> None:
    text = json.dumps(v2_with_a_plan())
    assessment, problems = check_assessment_bytes("plan.json", text.encode(), IDS)
    assert problems == []
    again = Assessment.model_validate_json(assessment.model_dump_json(), context={"indicator_ids": IDS})
    assert again == assessment
    assert again.ratings["1.1"].target == 3 and str(again.ratings["1.1"].due_date) == "2026-09-30"
    assert again.domains["1"].priority is True and again.last_plan["1.1"].target == 2


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        ({"statement": "n/a", "target": 3}, "a target is only set for a statement from 1 to 5"),
        ({"target": 3}, "a target is only set for a statement from 1 to 5"),
        ({"statement": 2, "target": 0}, "Input should be 1, 2, 3, 4 or 5"),
        ({"statement": 2, "target": True}, "Input should be 1, 2, 3, 4 or 5"),
        ({"statement": 2, "target": "3"}, "Input should be 1, 2, 3, 4 or 5"),
        ({"statement": 2, "due_date": "2026-02-30"}, "expected a date such as 2026-11-23"),
        ({"statement": 2, "due_date": "31/03/2027"}, "expected a date such as 2026-11-23"),
        ({"statement": 2, "lead": "x" * 301}, "at most 300 characters"),
    ],
)
def test_the_model_refuses_a_bad_plan(rating: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Rating.model_validate_json(json.dumps(rating))


def test_a_target_below_the_current_statement_is_allowed() -> None:
    """A step back may be expected (a team losing a post); the page asks, the format allows it."""
    assert Rating.model_validate_json('{"statement": 4, "target": 2}').target == 2


def test_the_page_s_rules_come_from_the_model() -> None:
    """The page's checker walks one rule read from the JSON Schema: containers, leaves and the
    rule across a rating's fields all come from the model."""
    top = format_rule(("1.1", "1.2"))
    assert top["required"] == ["format", "format_version", "framework_version", "id", "created", "updated"]
    assert set(top["fields"]) == set(Assessment.model_fields)
    assert top["fields"]["framework_version"] == {"kind": "text", "max": None, "notBlank": NOT_BLANK_PATTERN}
    assert top["fields"]["format_version"] == {"kind": "choice", "of": [1, 2, 3]}  # every version read
    assert top["fields"]["purposes"] == {"kind": "list", "of": {"kind": "choice", "of": list(PURPOSES)}, "unique": True}
    ratings = top["fields"]["ratings"]
    assert ratings["keys"] == {"of": ["1.1", "1.2"], "name": "indicator"} == top["fields"]["last_plan"]["keys"]
    rating = ratings["values"]
    assert set(rating["fields"]) == set(Rating.model_fields)
    assert rating["fields"]["target"] == {"kind": "choice", "of": [1, 2, 3, 4, 5], "null": True}
    assert rating["fields"]["due_date"] == {"kind": "date", "pattern": DATE_PATTERN, "null": True}
    assert top["fields"]["created"] == {"kind": "dateTime", "pattern": DATETIME_PATTERN}
    assert rating["fields"]["lead"] == {"kind": "text", "max": 300, "notBlank": None}
    assert {need["field"] for need in rating["needs"]} == set(NEEDS_A_STATEMENT)
    assert all(need["then"] == "statement" and need["of"] == [1, 2, 3, 4, 5] for need in rating["needs"])
    domains = top["fields"]["domains"]
    assert domains["keys"] == {"of": ["1"], "name": "domain"}  # the domains of the matrix's ids, 1.1 and 1.2
    assert set(domains["values"]["fields"]) == set(DomainNotes.model_fields)
    assert domains["values"]["fields"]["priority"] == {"kind": "bool"}
    source, bare_id = top["fields"]["sources"]["of"]["options"]
    id_rule = {"kind": "pattern", "name": "id", "pattern": ASSESSMENT_ID_PATTERN}
    assert (source["kind"], source["required"], bare_id) == ("object", ["id"], id_rule)


def write(folder: Path, name: str, data: dict | bytes) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False, indent=2).encode())
    return path


def test_upgrade_command_writes_a_v3_copy_beside_each_older_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    old = write(tmp_path, "team.json", v1_with_every_field())
    before = old.read_bytes()
    plan = write(tmp_path, "plan.json", v2_with_a_plan())
    current = write(
        tmp_path, "met.json", {**v2_with_a_plan(), "format_version": 3, "meeting": {"come_back_to": ["1.2"]}}
    )
    assert main(["upgrade", str(old), str(plan), str(current)]) == 0
    out = capsys.readouterr().out
    assert "team.json: version 1 → 3, written to team.v3.json" in out
    assert "plan.json: version 2 → 3, written to plan.v3.json" in out
    assert "met.json: already version 3; nothing written" in out
    assert old.read_bytes() == before  # never overwritten
    assert not (tmp_path / "met.v3.json").exists() and not (tmp_path / "team.v2.json").exists()
    copy = json.loads((tmp_path / "team.v3.json").read_text(encoding="utf-8"))
    assert copy == {**v1_with_every_field(), "format_version": 3}
    assert json.loads((tmp_path / "plan.v3.json").read_text(encoding="utf-8")) == {
        **v2_with_a_plan(),
        "format_version": 3,
    }
    assert main(["validate", str(tmp_path / "team.v3.json"), str(tmp_path / "plan.v3.json")]) == 0


def test_upgrade_command_never_overwrites_and_reports_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    old = write(tmp_path, "team.json", v1_with_every_field())
    existing = write(tmp_path, "team.v3.json", b"my own notes")
    broken = write(tmp_path, "broken.json", b'{"format": "mpw-assessment"')
    assert main(["upgrade", str(old), str(broken)]) == 1
    captured = capsys.readouterr()
    assert "team.json: team.v3.json already exists; nothing written" in captured.err
    assert "broken.json, line 1: the file is not valid JSON" in captured.err
    assert existing.read_bytes() == b"my own notes"
    assert not (tmp_path / "broken.v3.json").exists()
