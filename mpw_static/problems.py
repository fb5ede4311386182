"""Content problems: each names the file, the place in it, what is wrong and how to fix it."""

from __future__ import annotations

import difflib
import os
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str
    place: str
    message: str
    hint: str = ""
    line: int | None = None
    warning: bool = False
    kind: str = ""  # what sort of problem, in a few words, so that a count can say what it counts

    def describe(self) -> str:
        """Return the one-paragraph description shown to the author."""
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.place:
            where += f" ({self.place})"
        text = f"{where}: {'warning: ' if self.warning else ''}{self.message}"
        if self.hint:
            text += f"\n   Hint: {self.hint}"
        return text


class ContentError(Exception):
    """Raised when content has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_problems(problems))


class UsageError(Exception):
    """A command that cannot start as it was asked to: a busy port, a --theme or --content folder that is
    not there. Said in one line (what is wrong, then what to do), with exit status 2; nothing is built.

    Anything neither a ContentError nor a UsageError is a bug in mpw-static (see cli.report_bug)."""


DEBUG_VARIABLE = "MPW_DEBUG"  # set to 1 to see where a bug happened


def bug_report(error: BaseException) -> str:
    """A bug in mpw-static, said in one line: what failed, that it is not the user's mistake, and how to
    see where it happened. The traceback comes first only when MPW_DEBUG is set."""
    where = "".join(traceback.format_exception(error)) if os.environ.get(DEBUG_VARIABLE) else ""
    return where + (
        f"mpw-static stopped on a bug ({type(error).__name__}: {error}); nothing is wrong with your content "
        f"or command. Please report it with the command you ran; {DEBUG_VARIABLE}=1 shows where it happened."
    )


def format_problems(problems: list[Problem]) -> str:
    """Number the problems the way the author will read them in the terminal."""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    lines = [f"Content has {count} {noun}; nothing was written:"]
    for number, problem in enumerate(problems, start=1):
        lines.append(f"{number}. {problem.describe()}")
    return "\n".join(lines)


def shown_path(path: str | Path) -> str:
    """A path as the author would type it: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def did_you_mean(word: str, choices: Iterable[str], suffix: str = "") -> str:
    """' (did you mean "x"?)' for the closest of the choices to a mistyped word, or "". A suffix they
    share (such as ".html") is left out of the comparison, so that it does not make every name look close."""
    stems = {choice.removesuffix(suffix): choice for choice in choices}
    close = difflib.get_close_matches(word.removesuffix(suffix), list(stems), n=1, cutoff=0.7)
    return f' (did you mean "{stems[close[0]]}"?)' if close else ""


def field_path(loc: tuple[object, ...]) -> str:
    """Turn a pydantic location such as ('indicators', 2, 'statements') into indicators[2].statements."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def find_line(toml_text: str, loc: tuple[object, ...]) -> int | None:
    """Find the 1-based TOML line holding the value at loc, following keys in file order.

    tomllib keeps no positions, so this walks the text: for ('indicators', 2, 'statements')
    it finds the third [[indicators]] header, then the first `statements =` after it. Items
    of a multi-line array are taken to sit one per line, as our content files write them.
    """
    lines = toml_text.splitlines()
    found: int | None = None
    parts = list(loc)
    i = 0
    while i < len(parts):
        key = parts[i]
        index = parts[i + 1] if i + 1 < len(parts) and isinstance(parts[i + 1], int) else None
        start = 0 if found is None else found
        if not isinstance(key, str):
            i += 1
            continue
        header = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]")
        headers = [n for n in range(start, len(lines)) if header.match(lines[n])]
        if index is not None and headers:
            if index >= len(headers):
                break
            found = headers[index]
            i += 2
            continue
        assignment = re.compile(rf"^\s*(\[\s*)?{re.escape(key)}\s*(=|\]\s*$)")
        match = next((n for n in range(start, len(lines)) if assignment.match(lines[n])), None)
        if match is None:
            break
        found = match
        if index is not None and lines[match].rstrip().endswith("["):
            item = match + 1 + index
            if item < len(lines) and not lines[item].strip().startswith("]"):
                found = item
            i += 2
            continue
        i += 1
    return None if found is None else found + 1


class NotUtf8(Exception):
    """A text file that is not UTF-8; carries the Problem that says so."""

    def __init__(self, problem: Problem):
        super().__init__(problem.describe())
        self.problem = problem


def read_text(path: Path, file: str) -> str:
    """A text file's contents. A UTF-8 byte-order mark (Notepad writes one) is dropped; any other
    encoding raises NotUtf8, naming the file, the line of the first byte that is not UTF-8, and the fix."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise NotUtf8(
            Problem(
                file,
                "",
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} on this line is not UTF-8; "
                "it may have been saved as Windows-1252 or Latin-1)",
                "save it as UTF-8: in Notepad, File > Save as, Encoding: UTF-8; in Word, save as Plain Text, "
                "Unicode (UTF-8)",
                line=line,
            )
        ) from None
