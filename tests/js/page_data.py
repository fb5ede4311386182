"""The page's embedded data for the Node tier: tests/js/fixtures/page-data.json, as assess.html carries it.

The Node tests (node --test tests/js/) need what the build embeds in the assessment page (the
format's rule, choices, labels and strings), and run before any build. Its strings are those the page
holds once meeting mode, the views and Excel have added theirs (static/strings/en/*.js, MPW.addStrings),
and those the across-services page embeds, as the Node tests run the code of those parts and that page too. So the data is committed,
and tests/integration/test_page_data.py fails when the build embeds anything else. Write it again
after a change to the model, the content or the catalogue:

    .venv/bin/python tests/js/page_data.py
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("fixtures") / "page-data.json"
DATA = re.compile(r'<script type="application/json" id="mpw-assessment-data">(.*?)</script>', re.S)
PART_WORDS = re.compile(r"MPW\.addStrings\((.*)\)\n", re.S)


def embedded_data(page: Path) -> dict:
    """The data an assessment page embeds for its script."""
    return json.loads(DATA.search(page.read_text(encoding="utf-8")).group(1))


def part_words(script: Path) -> dict[str, str]:
    """The words a lazily loaded part adds to the page's catalogue (static/strings/en/meeting.js)."""
    return json.loads(PART_WORDS.fullmatch(script.read_text(encoding="utf-8")).group(1))


def assessment_data(site: Path) -> dict:
    """assess.html's data, with the words of every part it loads on first use, and of programme.html,
    added to its strings."""
    data = embedded_data(site / "assess.html")
    for script in sorted((site / "static" / "strings" / data["language"]).glob("*.js")):
        data["strings"].update(part_words(script))
    data["strings"].update(embedded_data(site / "programme.html")["strings"])
    return data


def as_fixture(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # in the order built: fields keep the model's order


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from mpw_static.build import build_site

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        build_site(ROOT / "content", out)
        FIXTURE.write_text(as_fixture(assessment_data(out)), encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
