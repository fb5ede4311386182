"""`mpw-static validate` on the hostile-file corpus: each file is refused with its own message, or accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpw_static.cli import main
from support import CORPUS_NAMES


def test_corpus_is_large_and_covers_every_kind_the_issue_names(hostile_corpus: dict) -> None:
    assert len(hostile_corpus) >= 30
    covered = " ".join(expected["covers"] for _, expected in hostile_corpus.values()).lower()
    for kind in (
        "truncated json",
        "byte order mark",
        "10 mb",
        "nesting",
        "__proto__",
        "constructor",
        "wrong type",
        "out-of-range",
        "unknown format version",
        "future format version",
        "unknown indicator id",
        "duplicate ids",
        "script payloads in every text field",
        "zip",
        "image",
    ):
        assert kind in covered, kind
    assert Path(hostile_corpus["ten-megabytes.json"][0]).stat().st_size == 10 * 1024 * 1024


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_validate_refuses_or_accepts_each_file(name: str, hostile_corpus: dict, capsys: pytest.CaptureFixture) -> None:
    path, expected = hostile_corpus[name]
    code = main(["validate", str(path)])
    output = capsys.readouterr()
    if expected.get("accepted"):
        assert code == 0, output.err
        assert f"{name}: valid assessment (1 of 45 rated)" in output.out
    else:
        assert code == 1
        assert output.err.splitlines()[:2] == [expected["cli"], f"   Hint: {expected['hint']}"]


# Where the page and validate cannot give the same advice: the page names its other box, validate the command.
ADVICE_OF_THEIR_OWN = {"excel-workbook.xlsx", "excel-workbook-named.json"}
# Where validate says more than the page: a newer release of mpw-static itself, then the page's advice.
ADVICE_AND_MORE = {"version-4.json", "version-huge.json"}


def sentence(hint: str) -> str:
    """A hint as the page ends its message with it: a capital, a full stop."""
    return f"{hint[0].upper()}{hint[1:]}."


def test_the_page_says_what_to_do_in_validates_words(hostile_corpus: dict) -> None:
    """Every refusal says what to do next, as a sentence; the page's message ends with validate's hint,
    or, where the command line has more to offer, validate's hint ends with the page's advice."""
    refused = {name: expected for name, (_, expected) in hostile_corpus.items() if not expected.get("accepted")}
    assert all(expected["hint"] for expected in refused.values())
    assert all(expected["browser"].endswith(".") for expected in refused.values())
    different = [
        name
        for name, expected in refused.items()
        if not expected["browser"].endswith(f". {sentence(expected['hint'])}")
    ]
    assert sorted(different) == sorted(ADVICE_OF_THEIR_OWN | ADVICE_AND_MORE)
    for name in ADVICE_AND_MORE:
        page_advice = refused[name]["browser"].rsplit(". ", 1)[1].removesuffix(".")
        assert refused[name]["hint"].endswith(f", or {page_advice[0].lower()}{page_advice[1:]}"), name


def test_validate_says_what_is_wrong_in_the_pages_words(hostile_corpus: dict) -> None:
    """What validate says is wrong in a field is what the page says, not pydantic's words: the page's
    message, less its hint, is validate's after the file's name and the field's place."""
    other_words = set()
    for name, (_, expected) in hostile_corpus.items():
        if expected.get("accepted") or not expected["cli"].startswith(f"{name} ("):
            continue
        place, said = expected["cli"].removeprefix(f"{name} (").split("): ", 1)
        assert not any(words in said for words in ("Input should", "String should", "Field required")), name
        if expected["browser"].startswith(f"{place}: ") and not expected["browser"].startswith(f"{place}: {said}. "):
            other_words.add(name)
    assert other_words == set()
