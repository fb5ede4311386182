"""Assessment files generated from a seed, for tests that compare two readers of the format: valid
assessments varied at random, then mutated (every field given values of other types, dates of every
shape, text at and past its limits in astral characters, keys added, removed or renamed, bytes
changed). tests/browser/test_format_agreement.py compares the page with `validate` on them, and
tests/integration/test_schema_contract.py the published schema with `validate`.
"""

from __future__ import annotations

import json
import os
import random
import re

from mpw_static import frameworks

SEED = int(os.environ.get("MPW_AGREEMENT_SEED", "20261123"))
FILES = int(os.environ.get("MPW_AGREEMENT_FILES", "3000"))
IDS = frameworks.indicator_ids()
ASTRAL = "\U0001f600"  # two UTF-16 units, one character


def valid_file(chance: random.Random) -> dict:
    """A valid assessment with random answers, notes and details."""
    ratings = {}
    for id_ in chance.sample(IDS, chance.randint(0, len(IDS))):
        statement = chance.choice([1, 2, 3, 4, 5, "n/a", None])
        evidence = chance.choice(["fully-achieved", "work-in-progress", None]) if isinstance(statement, int) else None
        ratings[id_] = {"statement": statement, "evidence": evidence, "note": random_text(chance, 40)}
    version = chance.choice([1, 2, 3])  # files of every version open; 2 adds the plan, 3 the meeting
    if version >= 2:
        for rating in ratings.values():
            rating.update(random_plan(chance, rating["statement"]))
    data = {
        "format": "mpw-assessment",
        "format_version": version,
        "framework_version": "FINAL – amended April 2023",
        "id": f"{chance.getrandbits(32):08x}-0000-4000-8000-{chance.getrandbits(48):012x}",
        "service": {
            "name": random_text(chance, 30),
            "organisations": random_text(chance, 30),
            "participants": random_text(chance, 60),
        },
        "date": chance.choice([None, "2026-02-28", "2024-02-29", "2026-12-31"]),
        "purposes": chance.sample(["reporting", "evaluation", "learning"], chance.randint(0, 3)),
        "method": chance.choice(["individual", "group", "composite", None]),
        "review_cycle": random_text(chance, 20),
        "ratings": ratings,
        "domains": {
            str(n): {"context": random_text(chance, 30), "reflections": random_text(chance, 30)}
            for n in chance.sample(range(1, 9), chance.randint(0, 3))
        },
        "sources": chance.choice(
            [
                [],
                ["a0000000-0000-4000-8000-00000000000a"],
                [{"id": "b0000000-0000-4000-8000-00000000000b", "service": "X", "date": "2026-01-01"}],
            ]
        ),
        "created": "2026-06-01T09:00:00Z",
        "updated": chance.choice(["2026-06-01T10:00:00Z", "2026-06-01T10:00:00.123+01:00"]),
    }
    if version == 3 and chance.random() < 0.7:
        data["meeting"] = {
            "date": chance.choice([None, "2026-06-01"]),
            "domains": sorted(chance.sample([str(n) for n in range(1, 9)], chance.randint(0, 3))),
            "come_back_to": chance.sample(IDS, chance.randint(0, 3)),
        }
    if version >= 2:
        for notes in data["domains"].values():
            notes.update(priority=chance.choice([True, False]), first_steps=random_text(chance, 20))
        data["last_plan"] = {
            id_: {"statement": chance.choice([1, 2, "n/a", None]), **random_plan(chance, 1)}
            for id_ in chance.sample(IDS, chance.randint(0, 3))
        }
    return data


def random_plan(chance: random.Random, statement: object) -> dict:
    """Some of a plan's fields: a target only where the statement is S1–S5."""
    plan = {
        "target": chance.choice([1, 2, 3, 4, 5, None]) if isinstance(statement, int) else None,
        "next_steps": random_text(chance, 30),
        "lead": random_text(chance, 10),
        "due_date": chance.choice([None, "2027-03-31", "2028-02-29"]),
        "due_cycle": random_text(chance, 10),
    }
    return {key: value for key, value in plan.items() if chance.random() < 0.6}


def random_text(chance: random.Random, most: int) -> str:
    alphabet = ["a", "b", " ", "é", "ŵ", "’", "—", ASTRAL, "\ufffd", "\n", "<", '"', "\\", "\u2028", "\u0085", "\ufeff"]
    return "".join(chance.choice(alphabet) for _ in range(chance.randint(0, most)))


def odd_value(chance: random.Random) -> object:
    """A value of any type or shape a hand-edited or damaged file might hold."""
    number = chance.randint(0, 9999)
    day = f"{chance.randint(0, 2100):04d}-{chance.randint(0, 13):02d}-{chance.randint(0, 32):02d}"
    time = f"{chance.randint(0, 25):02d}:{chance.randint(0, 61):02d}"
    return chance.choice(
        [
            None,
            True,
            False,
            0,
            1,
            2,
            3,
            5,
            6,
            -1,
            2.5,
            1.0,
            10**20,
            number,
            "",
            " ",
            "\u0085",
            "\ufeff",
            "\u00a0",
            "3",
            "n/a",
            "N/A",
            "learning",
            "group",
            "fully-achieved",
            [],
            [3],
            {},
            {"toString": 1},
            {"a": 1},
            random_text(chance, 12),
            day,
            f"{day}T{time}",
            f"{day}T{time}:00Z",
            f"{day}T{time}:30.5+01:00",
            f"{day} {time}:00",
            f"{day}T{time}:00.1234567Z",
            f"{day}T{time}:00+{chance.randint(0, 25):02d}:{chance.randint(0, 61):02d}",
            f"{chance.choice(['1900', '2000', '2023', '2024', '2100', '0000'])}-02-{chance.randint(28, 30)}",
            f"{chance.choice(['1900', '2000', '2024', '2100'])}-02-29T09:00:00Z",
            "2026-06-30T23:59:60Z",
            "2026-06-01t09:00:00z",
            "2026-06-01T09:00:00Z\n",
            "2026-06-01\n",
            "0000-01-01",
            "c0ffee00-0000-4000-8000-000000000001\n",
            "   ",
            "\u3000",
            "\u001c",
            "\u2028",
            "\u180e",
            "\u200b",
            "\u00a0x\u00a0",
            str(chance.randint(10**9, 2 * 10**9)),
            "en",
            "EN",
            "cym",
            "a" * 7,
            "a" * 8,
            "a" * 64,
            "a" * 65,
            "../x/../y",
            "c0ffee00-0000-4000-8000-000000000001",
        ]
    )


def at_limit(chance: random.Random, limit: int) -> str:
    """Text at, just under or just over a limit, counted in characters, some of them astral."""
    length = limit + chance.choice([-1, 0, 1])
    astral = chance.randint(0, length)
    return ASTRAL * astral + "x" * (length - astral)


def mutate(chance: random.Random, data: dict) -> dict:
    """Change one to three things about a file, anywhere in it."""
    for _ in range(chance.randint(1, 3)):
        kind = chance.randrange(10)
        if kind == 0:  # a top-level field takes an odd value, or goes
            key = chance.choice(list(data) + ["score", "__proto__", "constructor", "Language"])
            if chance.random() < 0.2:
                data.pop(key, None)
            else:
                data[key] = odd_value(chance)
        elif kind == 1 and isinstance(data.get("service"), dict):
            data["service"][chance.choice(["name", "organisations", "participants", "extra"])] = odd_value(chance)
        elif kind == 2 and isinstance(data.get("ratings"), dict):
            key = chance.choice(IDS + ["1.10", "0.1", "9.9", "8.7", "__proto__", "1.1 ", "", "١.١"])
            rating = data["ratings"].setdefault(key, {})
            if isinstance(rating, dict):
                fields = [
                    "statement",
                    "evidence",
                    "note",
                    "score",
                    "target",
                    "next_steps",
                    "lead",
                    "due_date",
                    "due_cycle",
                ]
                rating[chance.choice(fields)] = odd_value(chance)
            else:
                data["ratings"][key] = odd_value(chance)
        elif kind == 3 and isinstance(data.get("domains"), dict):
            key = chance.choice(["1", "8", "0", "9", "01", "1 ", "1\n", "a", "__proto__"])
            data["domains"][key] = chance.choice(
                [
                    {"context": odd_value(chance)},
                    odd_value(chance),
                    {"reflections": "", "other": 1},
                    {"priority": odd_value(chance), "first_steps": odd_value(chance)},
                ]
            )
        elif kind == 8:  # the meeting (version 3), in odd shapes
            field = chance.choice(["date", "domains", "come_back_to", "participants"])
            lists = [["1.1", "1.1"], ["9.9"], ["1"], [1], "1.1", ["8"], ["01"], IDS + ["1.1"], [odd_value(chance)]]
            data["meeting"] = chance.choice(
                [{field: chance.choice(lists) if field != "date" else odd_value(chance)}, odd_value(chance)]
            )
        elif kind == 7:  # last cycle's plan, in odd shapes
            key = chance.choice(IDS + ["9.9", "__proto__"])
            field = chance.choice(["statement", "target", "next_steps", "lead", "due_date", "evidence", "score"])
            data["last_plan"] = chance.choice([{key: {field: odd_value(chance)}}, odd_value(chance)])
        elif kind == 4:  # text at its limit, in characters
            field, limit = chance.choice(
                [
                    ("review_cycle", 300),
                    ("service.name", 300),
                    ("service.participants", 10000),
                    ("note", 10000),
                    ("domain", 10000),
                ]
            )
            text = at_limit(chance, limit)
            if field == "note":
                data["ratings"] = {"1.1": {"statement": 2, "evidence": None, "note": text}}
            elif field == "domain":
                data["domains"] = {"1": {"context": text, "reflections": ""}}
            elif field.startswith("service.") and isinstance(data.get("service"), dict):
                data["service"][field.split(".")[1]] = text
            else:
                data[field] = text
        elif kind == 5:  # purposes and sources in odd shapes
            data[chance.choice(["purposes", "sources"])] = chance.choice(
                [
                    ["learning", "learning"],
                    ["learning", 1],
                    "learning",
                    [None],
                    [{"id": "x"}],
                    ["short"],
                    [{"id": "b0000000-0000-4000-8000-00000000000b", "date": odd_value(chance)}],
                    [odd_value(chance)],
                ]
            )
        elif kind == 6:  # dates and times of every shape
            data[chance.choice(["date", "created", "updated"])] = odd_value(chance)
        else:  # format and versions
            data[chance.choice(["format", "format_version", "framework_version"])] = odd_value(chance)
    return data


def as_bytes(chance: random.Random, data: object) -> bytes:
    """The file's bytes: usually plain JSON, sometimes with a byte order mark, escapes or damage."""
    text = json.dumps(data, ensure_ascii=chance.random() < 0.3, indent=chance.choice([None, 2]))
    roll = chance.random()
    if roll < 0.05:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if roll < 0.08:
        return text.replace('"note": "', '"note": "\\ud83d', 1).encode("utf-8")  # a lone surrogate escape
    if roll < 0.11:
        return text.encode("utf-8")[: chance.randint(0, len(text))]
    if roll < 0.13:
        return text.encode("utf-16")
    if roll < 0.15:
        return re.sub('"format_version": [123]', '"format_version": 1e400', text, count=1).encode("utf-8")
    return text.encode("utf-8")


def generated_files(seed: int | str, count: int) -> list[bytes]:
    chance = random.Random(seed)
    files = []
    for n in range(count):
        data = valid_file(chance)
        if n % 5:  # four in five are mutated
            data = mutate(chance, data)
        files.append(as_bytes(chance, data))
    return files


# Grids of dates and times at the edges of the calendar and the clock, for the format's patterns.
YEARS = ["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2023", "2024", "2100", "2400", "9999"]


def days() -> list[str]:
    """Every month 0–13 and day 0–32 of years at the edges of the leap-year rule (and year 0)."""
    return [f"{year}-{month:02d}-{day:02d}" for year in YEARS for month in range(14) for day in range(33)]


def times() -> list[str]:
    """Clock times, seconds, fractions and offsets on and off the clock, in upper and lower case."""
    clocks = [f"{hour:02d}:{minute:02d}" for hour in range(26) for minute in (0, 30, 59, 60, 61)]
    seconds = ["", ":00", ":59", ":60", ":61", ":05.1", ":05.123456", ":05.1234567", ":05."]
    zones = ["", "Z", "z", "+00:00", "-00:00", "+01:00", "+23:59", "+24:00", "+05:60", "+0100", "+01"]
    return [clock + second + zone for clock in clocks for second in seconds for zone in zones]
