"""Helpers shared by the test tiers: paths, and writers for small inline content."""

from __future__ import annotations

import re
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


REAL_CONTENT = ROOT / "content"

# For a test that takes site_base (directly or through a page fixture) whose behaviour does not
# depend on where the page is opened from: reading chosen files, working out figures, printing,
# the keyboard. Storage, links and downloads do depend on it, and keep both places.
FROM_THE_FOLDER_ONLY = pytest.mark.parametrize("site_base", ["file"], indirect=True)

HOSTILE = ROOT / "tests" / "hostile"
# The hostile-file corpus, by file name, in the order of tests/hostile/expected.toml.
CORPUS_NAMES = list(tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8")))


def write(path: Path, text: str) -> None:
    """Write dedented text, creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def mini_domain(number: int, indicators: int = 1) -> str:
    """A valid domain file with `indicators` indicators of five statements each."""
    blocks = [
        f'number = {number}\ntitle = "DOMAIN {number}"\nslug = "domain-{number}"\n'
        f'data_items = [\n  {{ text = "item one", rank = 1 }},\n]\n'
    ]
    for position in range(1, indicators + 1):
        statements = "".join(f'  "Statement {s} of {number}.{position}",\n' for s in range(1, 6))
        blocks.append(
            f'[[indicators]]\nid = "{number}.{position}"\ntitle = "Indicator {number}.{position}"\n'
            f"statements = [\n{statements}]\n"
        )
    return "\n".join(blocks)


def watch_for_errors(page: Page) -> list[str]:
    """Collect script errors and Content Security Policy refusals (Chromium logs those to the console)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return errors


def download(page: Page, button: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click(f"[data-action='{button}']")
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


# A matrix of another shape than the real one: 3 domains of 3, 2 and 2 indicators (7 in all).
SMALL_MATRIX = {"01-buy-in.toml": 3, "02-internal-relationships.toml": 2, "03-external-relationships.toml": 2}
SMALL_MATRIX_IDS = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2"]


def small_matrix_content(target: Path) -> Path:
    """A copy of the real content/ (its pages, Welsh pages and everything else) whose matrix has only
    the domains and indicators of SMALL_MATRIX; what pointed at domains 4 to 8 points into 1 to 3."""
    import shutil

    shutil.copytree(REAL_CONTENT, target)
    for path in (target / "matrix/domains").glob("*.toml"):
        if path.name not in SMALL_MATRIX:
            path.unlink()
            continue
        blocks = path.read_text(encoding="utf-8").split("[[indicators]]")
        path.write_text("[[indicators]]".join(blocks[: SMALL_MATRIX[path.name] + 1]), encoding="utf-8")

    def into_three(match: re.Match[str]) -> str:
        numbers = sorted({(int(n) - 1) % 3 + 1 for n in re.findall(r"\d+", match.group(2))})
        return match.group(1) + (f"[{', '.join(map(str, numbers))}]" if "[" in match.group(2) else str(numbers[0]))

    for name in ("matrix/test-questions.toml", "matrix/workforce.toml", "resources.toml"):
        path = target / name
        text = re.sub(r"(?m)^(domains? = )(\[[\d, ]+\]|\d+)$", into_three, path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
    return target
