"""Shared fixtures: a tiny inline content folder, the real content, and a built real site."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mpw_static.build import build_site  # noqa: E402
from support import HOSTILE, REAL_CONTENT, ROOT, mini_domain, write  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "hostile" / "workbooks"))
from make_workbooks import make as make_workbooks  # noqa: E402


@pytest.fixture
def mini_content(tmp_path: Path) -> Path:
    """A small but complete content folder: 8 domains of one indicator, a three-item appendix."""
    content = tmp_path / "content"
    write(content / "site.toml", 'title = "Mini site"\n')
    write(
        content / "matrix/matrix.toml",
        """
        title = "Mini matrix"
        version = "TEST"
        data_items_label = "Data items"
        statement_labels = ["S1", "S2", "S3", "S4", "S5"]
        not_applicable_label = "N/A"
        descriptors = ["Pick one statement."]
    """,
    )
    for number in range(1, 9):
        write(content / f"matrix/domains/{number:02d}-domain-{number}.toml", mini_domain(number))
    write(
        content / "matrix/test-questions.toml",
        """
        [[sets]]
        id = "Q1"
        label = "TEST QUESTIONS FOR DOMAIN 1"
        source = "(from RLFfP, Q1)"
        heading = "WHY?"
        domains = [1]
        questions = ["Why are we here?"]
    """,
    )
    write(
        content / "matrix/appendix.toml",
        """
        title = "APPENDIX"
        columns = ["Rank", "Statement", "Score"]
        items = [
          { rank = 1, statement = "Item one", score = 9.5 },
          { rank = 2, statement = "Item two", score = 9.1 },
          { rank = 3, statement = "Item three", score = 8.0 },
        ]
    """,
    )
    write(
        content / "matrix/workforce.toml",
        """
        caption = "Themes"
        columns = ["THEME", "DESCRIPTOR", "Domains"]

        [[themes]]
        number = 1
        theme = "A theme"
        descriptor = "By 2030, something."
        domains = [1, 2]
    """,
    )
    write(
        content / "standards.toml",
        """
        [definitions]
        simple_title = "Simple"
        simple = "Simple definition."
        expanded_title = "Expanded"
        expanded = ["Expanded definition."]

        [[standards]]
        name = "Safe"
        description = "Be safe"
        quality_statements = ["One statement"]
    """,
    )
    write(
        content / "resources.toml",
        """
        [[links]]
        id = "paper"
        title = "The paper"

        [[links]]
        id = "channel"
        title = "The channel"
        url = "https://example.org/channel"

        [[videos]]
        title = "Domain 1 video"
        domain = 1
    """,
    )
    write(
        content / "pages/index.md",
        """
        +++
        title = "Mini home"
        nav_title = "Home"
        order = 1
        template = "home.html"
        +++

        Read [the paper](resource:paper) and [the channel](resource:channel), then [the matrix](matrix.html).

        {{ domain_cards() }}
    """,
    )
    write(
        content / "pages/matrix.md",
        """
        +++
        title = "Mini matrix"
        nav_title = "Matrix"
        order = 2
        template = "matrix.html"
        +++

        {{ domain_overview() }}
    """,
    )
    write(
        content / "pages/appendix.md",
        """
        +++
        title = "Appendix"
        nav_title = "Appendix"
        order = 3
        template = "appendix.html"
        +++
    """,
    )
    return content


@pytest.fixture
def real_content_copy(tmp_path: Path) -> Path:
    """A private copy of the real content/, safe to break."""
    target = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once per test session."""
    out = tmp_path_factory.mktemp("site") / "dist"
    build_site(REAL_CONTENT, out)
    return out


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict]]:
    """The hostile-file corpus: {name: (path, expectation)}, with the 10 MB file written for the session."""
    expected = tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8"))
    big = tmp_path_factory.mktemp("hostile") / "ten-megabytes.json"
    big.write_bytes(b'{"format": "mpw-assessment", "notes": "' + b"x" * (10 * 1024 * 1024 - 41) + b'"}')
    paths = {path.name: path for path in sorted((HOSTILE / "files").iterdir())}
    paths[big.name] = big
    assert set(paths) == set(expected), "tests/hostile/files and expected.toml must list the same files"
    return {name: (paths[name], expected[name]) for name in expected}


@pytest.fixture(scope="session")
def workbook_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hostile workbooks (tests/hostile/workbooks/make_workbooks.py), filled.xlsx among them, made
    once for the whole run and only read by the tests. Four modules use them, and making them took
    about 3 s of Python each time (openpyxl's saves and a 50 MB bomb deflated): under pytest-xdist the
    workers share the run's folder, so the first to need them writes them there, each file in full
    before the folder takes its name, and the others read them."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's own folder
    final = shared / "hostile-workbooks"
    if not final.is_dir():
        made = Path(tempfile.mkdtemp(prefix="hostile-workbooks-", dir=shared))
        make_workbooks(made)
        try:
            made.rename(final)
        except OSError:  # another worker's folder took the name first: theirs is the same corpus
            shutil.rmtree(made)
    return {path.name: path for path in sorted(final.iterdir())}
