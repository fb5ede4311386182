"""The Welsh catalogue names "not applicable" one way, "Amh." (Amherthnasol), wherever the English
catalogue shows people "N/A": the programme page said "N/A" while the composite and the workbook
said "Amh.". The file's own code, "n/a", is a value to type and stays as it is."""

from __future__ import annotations

import re
import tomllib

from support import ROOT

STRINGS = ROOT / "themes" / "default" / "strings"
SHOWN_NA = re.compile(r"(?<![\w/])N/A(?![\w/])")  # the shown word, not the file's lowercase code "n/a"


def catalogue(language: str) -> dict[str, str]:
    with (STRINGS / f"{language}.toml").open("rb") as file:
        return {key: value for key, value in tomllib.load(file).items() if isinstance(value, str)}


def test_no_welsh_string_shows_n_a() -> None:
    welsh = catalogue("cy")
    assert {key: text for key, text in welsh.items() if SHOWN_NA.search(text)} == {}


def test_every_string_that_shows_n_a_in_english_says_amh_in_welsh() -> None:
    english, welsh = catalogue("en"), catalogue("cy")
    showing = [key for key, text in english.items() if SHOWN_NA.search(text)]
    assert "js_programme_col_na" in showing and "na_column" in showing  # the check reads the real catalogue
    assert [key for key in showing if "Amh." not in welsh.get(key, "")] == []
    # The file's code is still the code: the hint says to type "n/a".
    assert '"n/a"' in welsh["js_err_hint_statement"]
