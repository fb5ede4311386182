"""The live preview as an author uses it: edit, see the change; break a file, see the error over
the last good page; fix it, and the page recovers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from support import REAL_CONTENT, ROOT, watch_for_errors

pytestmark = pytest.mark.browser

DOMAIN_FILE = "matrix/domains/01-buy-in.toml"
ORIGINAL = "Very limited public awareness"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_serve(tmp_path: Path, *options: str) -> tuple[subprocess.Popen, list[str]]:
    """`mpw-static serve` run from tmp_path (where a build would write dist/), until it says it is serving.

    Its output goes on being read into the returned list by a thread of its own: a test can wait for
    a rebuild's line, and serve never blocks on a full pipe."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mpw_static", "serve", *options],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)},
    )
    lines: list[str] = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if line.startswith("Serving ") or process.poll() is not None:
            break
    if lines[-1].startswith("Serving "):
        threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    return process, lines


def wait_for_line(lines: list[str], after: int, part: str, timeout: float = 10) -> str:
    """The first line holding `part` that serve printed after its first `after` lines."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [line for line in lines[after:] if part in line]
        if found:
            return found[0]
        time.sleep(0.05)
    pytest.fail(f"serve printed no line holding {part!r} within {timeout} s: {lines[after:]}")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """`mpw-static serve` on a copy of the real content, with a theme of its own (empty, so the default
    theme shows through); yields (address, content folder, its output lines)."""
    content = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, content)
    (tmp_path / "theme" / "templates").mkdir(parents=True)
    port = free_port()
    process, lines = start_serve(tmp_path, "--content", "content", "--theme", "theme", "--port", str(port))
    if not any(line.startswith("Serving ") for line in lines):
        process.kill()
        pytest.fail(f"serve did not start: {lines}")
    time.sleep(0.5)
    yield f"http://127.0.0.1:{port}/", content, lines
    process.terminate()
    process.wait(timeout=10)
    # The preview was built in a folder of its own: nothing was written where `build` writes.
    assert not (tmp_path / "dist").exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "theme"]


def test_edit_break_and_fix_a_statement_while_previewing(
    browser: Browser, preview: tuple[str, Path, list[str]]
) -> None:
    address, content, lines = preview
    assert lines[0].startswith("Rebuilt 37 pages in ") and lines[0].rstrip().endswith(" ms")
    page = browser.new_page()
    errors = watch_for_errors(page)
    page.goto(address + "domains/buy-in.html")
    source = content / DOMAIN_FILE
    text = source.read_text(encoding="utf-8")
    assert page.locator(f"text={ORIGINAL}").count() == 1

    source.write_text(text.replace(ORIGINAL, "Hardly any public awareness", 1), encoding="utf-8")
    expect(page.locator("text=Hardly any public awareness")).to_be_visible(timeout=10_000)

    source.write_text(text.replace("title = ", "title = = ", 1), encoding="utf-8")
    banner = page.locator(".preview-error")
    expect(banner).to_be_visible(timeout=10_000)
    assert "The last change could not be built. This page shows the last good build." in banner.text_content()
    assert f"content/{DOMAIN_FILE}, line 3: invalid TOML" in banner.text_content().replace(
        str(content.parent) + "/", ""
    )
    # The last good page is still served. Waited for: a file written in two steps (emptied, then filled)
    # can be rebuilt twice, and the page reloaded twice, so the page may be loading again here.
    expect(page.locator("text=Hardly any public awareness")).to_have_count(1)

    source.write_text(text, encoding="utf-8")
    expect(page.locator(f"text={ORIGINAL}")).to_be_visible(timeout=10_000)
    expect(banner).to_have_count(0)
    page.close()
    assert errors == []  # the preview's own reload script runs under the page's policy


def test_a_theme_mistake_shows_in_the_banner_and_recovers(
    browser: Browser, preview: tuple[str, Path, list[str]]
) -> None:
    """Each step waits for serve's line saying the rebuild has ended, then opens the page afresh: the
    preview's own reload of an open page (walked in the test above) is missed by a page that is
    itself loading when the rebuild ends, and races any reload a test would ask for."""
    address, content, lines = preview
    template = content.parent / "theme/templates/page.html"
    problem = "theme/templates/page.html, line 3: template syntax error"
    printed = len(lines)
    template.write_text('{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n', encoding="utf-8")
    wait_for_line(lines, printed, problem)
    page = browser.new_page()
    page.goto(address + "framework.html")
    banner = page.locator(".preview-error")
    expect(banner).to_be_visible()
    assert problem in banner.text_content()
    expect(page.locator("main h1")).to_have_text(
        "The Multi-Professional Framework: Enhanced Community Care"
    )  # the last good build
    page.close()

    printed = len(lines)
    template.unlink()
    wait_for_line(lines, printed, "Rebuilt 37 pages in ")
    page = browser.new_page()
    page.goto(address + "framework.html")
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".preview-error")).to_have_count(0)
    page.close()


def test_a_port_in_use_is_one_line_before_anything_is_built(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        shutil.copytree(REAL_CONTENT, tmp_path / "content")
        process, lines = start_serve(tmp_path, "--port", str(port))
        output = "".join(lines) + process.stdout.read()
        assert process.wait(timeout=10) == 2  # a usage mistake, not a content problem
    assert "Traceback" not in output and "Rebuilt" not in output
    assert f"port {port} is already in use" in output and f"serve --port {port + 1}" in output
    assert not (tmp_path / "dist").exists()
