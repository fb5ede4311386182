"""Errors by kind: content problems (exit 1, a numbered list), usage mistakes (exit 2, one line, before
anything is built) and bugs in mpw-static (exit 70, one line saying so; the traceback only with MPW_DEBUG=1)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mpw_static import csp
from mpw_static.build import build_site
from mpw_static.cli import main
from mpw_static.problems import UsageError
from support import write

BUG_LINE = (
    "mpw-static stopped on a bug ({error}); nothing is wrong with your content or command. Please report it "
    "with the command you ran; MPW_DEBUG=1 shows where it happened."
)


@pytest.mark.parametrize("command", ["build", "validate", "serve"])
def test_a_theme_folder_that_does_not_exist_is_one_line_before_anything_is_read(
    command: str, mini_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = tmp_path / "nowhere"
    out = ["--out", str(tmp_path / "dist")] if command == "build" else []
    assert main([command, "--content", str(mini_content), "--theme", str(nowhere), *out]) == 2
    assert capsys.readouterr().err == (
        f"{nowhere}: there is no theme folder here; give --theme the path of a theme folder (one with "
        "templates/, static/ or strings/), or leave --theme out to use the theme named in site.toml.\n"
    )
    assert not (tmp_path / "dist").exists()


def test_a_theme_folder_is_checked_before_the_content_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A usage mistake is not mixed into a list of content problems: broken content is not read at all."""
    content = tmp_path / "content"
    write(content / "site.toml", "title = \n")
    assert main(["validate", "--content", str(content), "--theme", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'nowhere'}: there is no theme folder here;")


def test_a_port_in_use_is_a_usage_error_before_anything_is_built(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--content", str(mini_content), "--port", str(port)]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"http://127.0.0.1:{port}/: port {port} is already in use (is another preview running?); stop the other "
        f"program, or choose another port: serve --port {port + 1}\n"
    )
    assert captured.out == ""  # nothing was built


def test_a_bug_is_one_line_saying_so_with_the_traceback_only_when_asked(
    mini_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("pages")

    monkeypatch.setattr("mpw_static.build.search_documents", broken)
    build = ["build", "--content", str(mini_content), "--out", str(tmp_path / "dist")]
    monkeypatch.delenv("MPW_DEBUG", raising=False)
    assert main(build) == 70
    assert capsys.readouterr().err == BUG_LINE.format(error="KeyError: 'pages'") + "\n"
    monkeypatch.setenv("MPW_DEBUG", "1")
    assert main(build) == 70
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):\n")
    assert "in broken\n    raise KeyError(\"pages\")\nKeyError: 'pages'\n" in err
    assert err.endswith(BUG_LINE.format(error="KeyError: 'pages'") + "\n")
    assert not (tmp_path / "dist").exists()


def test_a_policy_that_misses_a_pages_code_is_a_bug_not_a_content_problem(
    mini_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The policy is computed from the page: if it ever missed the page's own code, mpw-static is at fault."""
    computed = csp.policy_for
    monkeypatch.setattr(csp, "policy_for", lambda page, preview=None: computed(csp.PageScan()))
    monkeypatch.delenv("MPW_DEBUG", raising=False)
    assert main(["build", "--content", str(mini_content), "--out", str(tmp_path / "dist")]) == 70
    error = "PolicyBug: appendix.html: inline code on the page is missing from its Content Security Policy"
    assert capsys.readouterr().err == BUG_LINE.format(error=error) + "\n"
    assert not (tmp_path / "dist").exists()


def test_usage_errors_and_bugs_are_not_content_errors(mini_content: Path, tmp_path: Path) -> None:
    """Called as a library, the kinds stay apart too: a busy port or a missing theme is no ContentError."""
    with pytest.raises(UsageError):
        build_site(mini_content, tmp_path / "dist", tmp_path / "nowhere")
