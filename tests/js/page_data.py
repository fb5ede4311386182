"""The page's embedded data for the Node tier: tests/js/fixtures/page-data.json, as assess.html carries it.

The Node tests (node --test tests/js/) need what the build embeds in the assessment page (the
format's rule, choices, labels and strings), and run before any build. So the data is committed,
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


def embedded_data(page: Path) -> dict:
    """The data an assessment page embeds for its script."""
    return json.loads(DATA.search(page.read_text(encoding="utf-8")).group(1))


def as_fixture(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # in the order built: fields keep the model's order


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from mpw_static.build import build_site

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dist"
        build_site(ROOT / "content", out)
        FIXTURE.write_text(as_fixture(embedded_data(out / "assess.html")), encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
