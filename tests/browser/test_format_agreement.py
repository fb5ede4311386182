"""The page and `mpw-static validate` give the same verdict on every file: an agreement test that
can find the next mismatch, not only the ones we thought of.

Files are generated from a seed (tests/assessment_files.py). Each file is judged by Python
(`check_assessment_bytes`, what validate runs) and by the page's own import path (decode, then
parse): all of them in Node, which runs the page's format module in the same V8 as Chromium
(tests/js/judge_files.js), and a sample of them in a Chromium page, which shows that the page's
scripts judge as Node does.

A failure prints the seed and the disagreeing files. Replay with the same seed:
    MPW_AGREEMENT_SEED=1234 bash tests/run.sh tests/browser/test_format_agreement.py
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from assessment_files import FILES, IDS, SEED, days, generated_files, times
from mpw_static.assessment_file import check_assessment_bytes
from support import ROOT

pytestmark = pytest.mark.browser

JUDGE_IN_NODE = ROOT / "tests/js/judge_files.js"
JUDGE_PATTERNS = ROOT / "tests/js/judge_patterns.js"
IN_THE_PAGE = 300  # files judged in Chromium as well as in Node

# The page's import path, on a batch of files given as base64 bytes: accepted or not, and the first message.
JUDGE = """files => {
    const data = JSON.parse(document.getElementById('mpw-assessment-data').textContent)
    return files.map(encoded => {
        const bytes = Uint8Array.from(atob(encoded), c => c.charCodeAt(0))
        const decoded = MPW.format.decode(bytes.buffer)
        if (decoded.error) return [false, data.strings[decoded.error]]
        const checked = MPW.format.parse(decoded.text, bytes.length, data)
        return [checked.assessment !== null, checked.errors[0] || '']
    })
}"""
DATA = re.compile(r'<script type="application/json" id="mpw-assessment-data">(.*?)</script>', re.S)


def judged_in_node(site: Path, files: list[bytes]) -> list[list]:
    """Every file through the page's format module in Node, with the data the built page embeds."""
    data = json.loads(DATA.search((site / "assess.html").read_text(encoding="utf-8")).group(1))
    encoded = [base64.b64encode(raw).decode("ascii") for raw in files]
    run = subprocess.run(
        ["node", str(JUDGE_IN_NODE)],
        input=json.dumps({"data": data, "files": encoded}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def disagreements(files: list[bytes], python: list, verdicts: list[list]) -> list[str]:
    return [
        f"file {n}: validate {'accepts' if assessment else 'refuses (' + problems[0].message + ')'}, "
        f"the page {'accepts' if accepted else 'refuses (' + message + ')'}\n  {files[n][:600]!r}"
        for n, ((assessment, problems), (accepted, message)) in enumerate(zip(python, verdicts, strict=True))
        if (assessment is not None) != accepted
    ]


def test_page_and_validate_agree_on_every_generated_file(browser: Browser, real_site: Path) -> None:
    files = generated_files(SEED, FILES)
    python = [check_assessment_bytes(f"file-{n}.json", raw, IDS) for n, raw in enumerate(files)]
    in_node = judged_in_node(real_site, files)
    page = browser.new_page()
    page.goto((real_site / "assess.html").as_uri())
    in_the_page = page.evaluate(JUDGE, [base64.b64encode(raw).decode("ascii") for raw in files[:IN_THE_PAGE]])
    page.close()
    accepted = sum(1 for assessment, _ in python if assessment is not None)
    assert 0.1 * FILES < accepted < 0.9 * FILES, f"the generator should make both kinds: {accepted} of {FILES} valid"
    assert in_the_page == in_node[:IN_THE_PAGE], "the page's scripts and Node judge the same files differently"
    found = disagreements(files, python, in_node)
    assert not found, (
        f"{len(found)} of {FILES} files got different verdicts "
        f"(replay with MPW_AGREEMENT_SEED={SEED}):\n" + "\n".join(found[:8])
    )


def test_the_page_reads_the_formats_patterns_as_python_does(real_site: Path) -> None:
    """The patterns of dates, times, ids and text that is not only white space, over grids at the
    edges of the calendar, the clock and Unicode's white space: JavaScript (in Node, the page's V8,
    compiled as the page's checker compiles them) and Python's re agree."""
    rules = json.loads(DATA.search((real_site / "assess.html").read_text(encoding="utf-8")).group(1))["rules"]
    fields = rules["fields"]
    characters = [chr(code) for code in [*range(0xD800), *range(0xE000, 0x10000), 0x1F600]]
    cases = {
        fields["date"]["pattern"]: days() + ["2026-06-01\n", "٢٠٢٦-٠٦-٠١"],
        fields["created"]["pattern"]: [f"{day}T09:30:00Z" for day in days()] + [f"2024-02-29T{t}" for t in times()],
        fields["id"]["pattern"]: [
            "c0ffee00",
            "c0ffee00\n",
            "c0ffee0",
            "a" * 64,
            "a" * 65,
            "abc_defgh",
            "ＡＢＣＤＥＦＧＨ",
        ],
        fields["framework_version"]["notBlank"]: characters + [f" {c} " for c in characters[:0x3001]],
    }
    run = subprocess.run(
        ["node", str(JUDGE_PATTERNS)],
        input=json.dumps(list(cases.items())),
        capture_output=True,
        text=True,
        check=True,
    )
    wrong = [
        repr(text)
        for (pattern, texts), verdicts in zip(cases.items(), json.loads(run.stdout), strict=True)
        for text, seen in zip(texts, verdicts, strict=True)
        if seen != bool(re.search(pattern, text))
    ]
    assert sum(len(texts) for texts in cases.values()) > 80_000
    assert wrong == []
