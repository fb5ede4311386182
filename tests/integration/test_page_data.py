"""The Node tier's copy of the page's data (tests/js/fixtures/page-data.json) is what the build embeds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from support import ROOT

spec = importlib.util.spec_from_file_location("page_data_fixture", ROOT / "tests/js/page_data.py")
page_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(page_data)


def test_the_node_tiers_page_data_is_what_the_build_embeds(real_site: Path) -> None:
    built = page_data.as_fixture(page_data.assessment_data(real_site))
    assert page_data.FIXTURE.read_text(encoding="utf-8") == built, (
        "tests/js/fixtures/page-data.json is out of date: write it again with .venv/bin/python tests/js/page_data.py"
    )
