"""The file format's patterns say exactly what the model has always accepted, so that the published
schema can carry them: a calendar and a clock in a regular expression, and white space named
character by character. Each is checked against the model's earlier rule on every case of a grid."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

import pytest
from pydantic import StringConstraints, TypeAdapter, ValidationError

from assessment_files import days, times
from mpw_static.models import DATE_PATTERN, DATETIME_PATTERN, DOMAIN_KEY_PATTERN, NOT_BLANK_PATTERN

# The rules before the patterns were exact: a loose pattern, then pydantic's reading of a date
# or a time; and for required text, pydantic's strip_whitespace then at least one character.
LOOSE_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
LOOSE_DATETIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
STRIPPED_TEXT = TypeAdapter(Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)])


def earlier_rule(loose: str, kind: type, value: str) -> bool:
    if not re.match(loose, value):
        return False
    try:
        TypeAdapter(kind).validate_python(value, strict=False)
    except ValidationError:
        return False
    return True


def test_the_date_pattern_is_the_calendar() -> None:
    for day in days() + ["2026-06-01\n", "2026-6-1", "20260601", "٢٠٢٦-٠٦-٠١"]:
        assert bool(re.search(DATE_PATTERN, day)) == earlier_rule(LOOSE_DATE, date, day), day


def test_the_date_and_time_pattern_is_the_calendar_and_the_clock() -> None:
    cases = [f"{day}T09:30:00Z" for day in days()] + [f"2024-02-29T{time}" for time in times()]
    cases += ["2026-06-01T09:00:00Z\n", "2026-06-01t09:00:00Z", "2026-06-01 09:00:00Z", "1709287200"]
    for case in cases:
        assert bool(re.search(DATETIME_PATTERN, case)) == earlier_rule(LOOSE_DATETIME, datetime, case), case


def test_text_that_is_only_white_space_is_the_same_as_before() -> None:
    accepted = re.compile(NOT_BLANK_PATTERN)
    for code in [*range(0xD800), *range(0xE000, 0x10000), 0x1F600, 0x10FFFF]:
        for text in (chr(code), f" {chr(code)} ", f"\u3000{chr(code)}"):
            try:
                before = bool(STRIPPED_TEXT.validate_python(text))
            except ValidationError:
                before = False
            assert bool(accepted.search(text)) == before, hex(code)


@pytest.mark.parametrize("key", ["1", "8", "9", "12", "99", "0", "01", "100", "1 ", " 1", "1\n", "١", ""])
def test_a_domain_key_is_a_domain_number_written_plainly(key: str) -> None:
    """Any number a domain can have (1 to 99, as far as an indicator id counts); which of them a
    matrix has is its content's to say, and the schema lists those."""
    assert (key in [str(number) for number in range(1, 100)]) == bool(re.search(DOMAIN_KEY_PATTERN, key))
