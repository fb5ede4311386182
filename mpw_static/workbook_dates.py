"""Dates as a workbook holds them: real Excel dates, or text a person typed."""

from __future__ import annotations

import re
from datetime import date, datetime

# Day first, as dates are written in Wales: 31/03/2027, 31-3-2027, 31.03.27; or ISO 2027-03-31.
DAY_FIRST = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})")
ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def read_date(value: object) -> str | None:
    """The date as YYYY-MM-DD, or None when the value is not a date on the calendar."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None  # a bare number is not read as a date: it could be anything
    text = value.strip()
    if match := ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := DAY_FIRST.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
