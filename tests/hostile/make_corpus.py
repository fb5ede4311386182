"""Write the hostile-file corpus into tests/hostile/files/ (run it again after changing a case).

Each file is a bad or strange assessment file that someone might open by mistake or on purpose.
tests/hostile/expected.toml says what must happen to each: rejected with a given message, or
accepted with its text kept as text. The 10 MB file is made by the tests, not kept in git.

    .venv/bin/python tests/hostile/make_corpus.py
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from pathlib import Path

FILES = Path(__file__).resolve().parent / "files"
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"\'&amp;{{7*7}}${7*7}'
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def valid(**changes: object) -> dict:
    """A small valid assessment; each case changes one thing."""
    data = {
        "format": "mpw-assessment",
        "format_version": 1,
        "framework_version": "FINAL – amended April 2023",
        "id": "c0ffee00-0000-4000-8000-000000000001",
        "service": {"name": "Corpus team", "organisations": "Health board", "participants": "OT, GP"},
        "date": "2026-06-01",
        "purposes": ["learning"],
        "method": "group",
        "review_cycle": "Baseline",
        "ratings": {"1.1": {"statement": 2, "evidence": "work-in-progress", "note": "Some awareness"}},
        "domains": {"1": {"context": "New team", "reflections": ""}},
        "sources": [],
        "created": "2026-06-01T09:00:00Z",
        "updated": "2026-06-01T10:00:00Z",
    }
    data.update(changes)
    return data


def text(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def rating(**fields: object) -> dict:
    return {"1.1": {"statement": 2, "evidence": None, "note": "", **fields}}


def nested(levels: int) -> bytes:
    return b'{"format": "mpw-assessment", "format_version": 1, "deep": ' + b"[" * levels + b"]" * levels + b"}"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("assessment.json", text(valid()))
    return buffer.getvalue()


def workbook_bytes() -> bytes:
    """A zip shaped as an Excel workbook is (its content types and workbook part), small enough for git;
    the browser tests also choose the site's own workbook."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, xml in [("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook><sheets/></workbook>")]:
            archive.writestr(zipfile.ZipInfo(part, date_time=(2026, 6, 1, 9, 0, 0)), xml)  # the same bytes each run
    return buffer.getvalue()


def cases() -> dict[str, bytes]:
    whole = text(valid())
    payload_everywhere = valid(
        framework_version=PAYLOAD,
        review_cycle=PAYLOAD,
        service={"name": PAYLOAD, "organisations": PAYLOAD, "participants": PAYLOAD},
        ratings={"1.1": {"statement": 3, "evidence": "fully-achieved", "note": PAYLOAD}},
        domains={"1": {"context": PAYLOAD, "reflections": PAYLOAD}},
    )
    return {
        "truncated.json": whole[: len(whole) // 2],
        "empty.json": b"",
        "whitespace-only.json": b"   \n\t  \n",
        "html-page.json": b"<!DOCTYPE html><html><script>window.__pwned=3</script></html>",
        "bom-utf8.json": b"\xef\xbb\xbf" + whole,
        "bom-utf16.json": "\ufeff".encode("utf-16-le") + json.dumps(valid()).encode("utf-16-le"),
        "zip-archive.json": zip_bytes(),
        "excel-workbook.xlsx": workbook_bytes(),
        "excel-workbook-named.json": workbook_bytes(),
        "png-image.json": TINY_PNG,
        "pdf-document.json": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "nul-bytes.json": whole.replace(b'"Corpus team"', b'"Corpus\x00team"'),
        "deep-nesting-20.json": nested(20),
        "deep-nesting-100000.json": nested(100_000),
        "proto-key-top.json": whole[:-2] + b',\n  "__proto__": {"isAdmin": true}\n}',
        "proto-key-ratings.json": text(valid(ratings={"__proto__": {"statement": 5}})),
        "proto-key-service.json": b'{"format": "mpw-assessment", "format_version": 1, "framework_version": "x", '
        b'"id": "c0ffee00-0000-4000-8000-000000000002", "service": {"__proto__": {"name": "x"}}, '
        b'"created": "2026-06-01T09:00:00Z", "updated": "2026-06-01T09:00:00Z"}',
        "constructor-key.json": text(valid(ratings={"1.1": {"statement": 2, "constructor": {"prototype": {"a": 1}}}})),
        "top-level-array.json": b'[{"format": "mpw-assessment"}]',
        "top-level-string.json": b'"mpw-assessment"',
        "another-format.json": text({"format": "some-other-tool", "version": 1}),
        "wrong-type-ratings.json": text(valid(ratings=[{"1.1": 2}])),
        "wrong-type-statement.json": text(valid(ratings=rating(statement="3"))),
        "wrong-type-service.json": text(valid(service="Corpus team")),
        "wrong-type-date.json": text(valid(date=20260601)),
        "wrong-type-purposes.json": text(valid(purposes="learning")),
        "statement-6.json": text(valid(ratings=rating(statement=6))),
        "statement-0.json": text(valid(ratings=rating(statement=0))),
        "statement-negative.json": text(valid(ratings=rating(statement=-1))),
        "statement-fraction.json": text(valid(ratings=rating(statement=2.5))),
        "evidence-without-statement.json": text(valid(ratings=rating(statement=None, evidence="fully-achieved"))),
        "version-as-text.json": text(valid(format_version="1")),
        "version-0.json": text(valid(format_version=0)),
        "version-4.json": text(valid(format_version=4)),
        "version-huge.json": text(valid(format_version=10**12)),
        "unknown-indicator.json": text(valid(ratings={"9.9": {"statement": 1}})),
        "unknown-indicator-lookalike.json": text(valid(ratings={"1.10": {"statement": 1}})),
        "duplicate-key-id.json": whole.replace(
            b'  "format": "mpw-assessment",',
            b'  "format": "mpw-assessment",\n  "id": "c0ffee00-0000-4000-8000-999999999999",',
            1,
        ),
        "duplicate-indicator.json": whole.replace(b'"ratings": {', b'"ratings": {\n    "1.1": {"statement": 5},', 1),
        "score-field.json": text(valid(score=87, rank=1)),
        "bad-id.json": text(valid(id="../../etc/passwd")),
        "note-too-long.json": text(valid(ratings=rating(note="n" * 10_001))),
        "script-payloads.json": text(payload_everywhere),
        # Found by a second, independent corpus (issue 13): each once got different verdicts or words.
        "note-with-replacement-character.json": text(valid(ratings=rating(note="pasted from an old file: \ufffd"))),
        "note-6000-emoji.json": text(valid(ratings=rating(note="\U0001f600" * 6000))),
        "datetime-without-zone.json": text(valid(created="2026-06-01T09:00:00")),
        "framework-version-bom-only.json": text(valid(framework_version="\ufeff")),
        "windows-1252.json": json.dumps(valid(review_cycle="Café review"), ensure_ascii=False).encode("cp1252"),
        "doubled-bom.json": b"\xef\xbb\xbf\xef\xbb\xbf" + whole,
        "huge-integer.json": text(valid(ratings=rating(statement=1))).replace(
            b'"statement": 1', b'"statement": 1' + b"0" * 5000
        ),
        "version-1e400.json": text(valid()).replace(b'"format_version": 1', b'"format_version": 1e400'),
        "lone-surrogate.json": text(valid(ratings=rating(note="x"))).replace(b'"note": "x"', b'"note": "\\ud800"'),
        "date-february-30.json": text(valid(date="2026-02-30")),
        "datetime-month-13.json": text(valid(created="2024-13-32T25:61:61Z")),
        "datetime-as-timestamp.json": text(valid(created="1709287200")),
        "purposes-repeated.json": text(valid(purposes=["learning", "learning"])),
        "statement-to-string.json": text(valid(ratings=rating(statement={"toString": 1}))),
        "statement-in-a-list.json": text(valid(ratings=rating(statement=[3]))),
        "language-code-bad.json": text(valid(language="english")),
        "domain-9.json": text(valid(domains={"9": {"context": "", "reflections": ""}})),
        "framework-version-next-line-only.json": text(valid(framework_version="\u0085")),
        # Format version 2 (issue 14): targets, next steps, priorities and last cycle's plan.
        "v2-plan-payloads.json": text(
            valid(
                format_version=2,
                ratings=rating(target=3, next_steps=PAYLOAD, lead=PAYLOAD, due_date="2027-03-31", due_cycle=PAYLOAD),
                domains={"1": {"context": "", "reflections": "", "priority": True, "first_steps": PAYLOAD}},
                last_plan={"1.1": {"statement": 1, "target": 2, "next_steps": PAYLOAD, "lead": PAYLOAD}},
            )
        ),
        "target-on-na.json": text(valid(format_version=2, ratings=rating(statement="n/a", target=3))),
        "target-without-statement.json": text(valid(format_version=2, ratings=rating(statement=None, target=2))),
        "target-6.json": text(valid(format_version=2, ratings=rating(target=6))),
        "target-true.json": text(valid(format_version=2, ratings=rating(target=True))),
        "priority-as-text.json": text(valid(format_version=2, domains={"2": {"priority": "yes"}})),
        "due-date-february-30.json": text(valid(format_version=2, ratings=rating(target=3, due_date="2027-02-30"))),
        "lead-too-long.json": text(valid(format_version=2, ratings=rating(lead="l" * 301))),
        "last-plan-unknown-indicator.json": text(valid(format_version=2, last_plan={"9.9": {"target": 2}})),
        "last-plan-score.json": text(valid(format_version=2, last_plan={"1.1": {"target": 2, "score": 80}})),
        # The published schema as a contract (issue 23): each once passed an independent validator of
        # the schema and not `validate`, or the other way round.
        "domain-01.json": text(valid(domains={"01": {"context": ""}})),
        "domain-1-space.json": text(valid(domains={"1 ": {"context": ""}})),
        "framework-version-spaces.json": text(valid(framework_version="   ")),
        "framework-version-no-break-space.json": text(valid(framework_version="\u00a0")),
        "framework-version-ideographic-space.json": text(valid(framework_version="\u3000")),
        "framework-version-information-separator.json": text(valid(framework_version="\u001c")),
        "id-final-line-break.json": text(valid(id="c0ffee00-0000-4000-8000-000000000001\n")),
        "datetime-without-seconds.json": text(valid(updated="2026-06-01T10:00Z")),
        "datetime-lower-case.json": text(valid(created="2026-06-01t09:00:00z")),
        "datetime-seven-fraction-digits.json": text(valid(created="2026-06-01T09:00:00.1234567Z")),
        "datetime-leap-second.json": text(valid(created="2026-06-30T23:59:60Z")),
        "datetime-offset-24-hours.json": text(valid(created="2026-06-01T09:00:00+24:00")),
        "datetime-space-for-t.json": text(valid(created="2026-06-01 09:00:00Z")),
        "date-year-0.json": text(valid(date="0000-01-01")),
        "date-29-february-1900.json": text(valid(date="1900-02-29")),
        "date-29-february-2000.json": text(valid(date="2000-02-29")),
        # Format version 3 (issue 25): the meeting's date, domains and the indicators to come back to.
        "v3-meeting.json": text(
            valid(format_version=3, meeting={"date": "2026-06-01", "domains": ["1", "2"], "come_back_to": ["1.2"]})
        ),
        "meeting-unknown-indicator.json": text(valid(format_version=3, meeting={"come_back_to": ["1.2", "9.9"]})),
        "meeting-huge-list.json": text(valid(format_version=3, meeting={"come_back_to": ["1.1"] * 50_000})),
        "meeting-list-as-text.json": text(valid(format_version=3, meeting={"come_back_to": "1.2"})),
        "meeting-domain-as-number.json": text(valid(format_version=3, meeting={"domains": [1]})),
        "meeting-indicator-twice.json": text(valid(format_version=3, meeting={"come_back_to": ["1.2", "1.2"]})),
        "meeting-who-took-part.json": text(valid(format_version=3, meeting={"participants": PAYLOAD})),
    }


def main() -> None:
    FILES.mkdir(parents=True, exist_ok=True)
    for old in FILES.iterdir():
        old.unlink()
    for name, content in cases().items():
        (FILES / name).write_bytes(content)
    print(f"Wrote {len(cases())} files into {FILES}")


if __name__ == "__main__":
    main()
