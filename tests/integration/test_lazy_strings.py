"""The catalogue's words, split by the scripts that use them (issue 24): the assessment page embeds
what its start-up scripts read, each part it loads on first use brings its own, the across-services
page and the single file embed what theirs read.

The scripts counted here are the ones the built pages really load (their <script> tags and the
lists in their data), read as the build ships them, so that a list in app.py that drifts from the
pages, or a script that starts using a word, fails a test. A script uses a key by the rules of
mpw_static/app_strings.py (a name, a prefix, a plural).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

from mpw_static.app_strings import keys_used
from mpw_static.load import load_framework
from mpw_static.render import content_counts
from mpw_static.theme import Theme
from support import REAL_CONTENT

DATA = re.compile(r'<script type="application/json" id="mpw-assessment-data">(.*?)</script>', re.S)
WORKER = re.compile(r'<script type="application/json" id="mpw-programme-worker" data-worker>(.*?)</script>', re.S)
SCRIPT_SRC = re.compile(r'<script src="([^"]+)"')
INLINE = re.compile(r"<script>(.*?)</script>", re.S)
PART_WORDS = re.compile(r"MPW\.addStrings\((.*)\)\n", re.S)
# The menu's and the search's scripts read their words from their own element (data-strings), not
# from the page's catalogue.
OWN_WORDS = ("static/js/site/menu.js", "static/js/search/search.js")
PAGES = {"en": "assess.html", "cy": "cy/assess.html"}


def catalogue(language: str) -> dict[str, str]:
    """The js_ words of a language, as the build fills them in (counts from the content)."""
    framework = load_framework(REAL_CONTENT, language, "en")
    strings = Theme.at(None).strings(language, "en").with_counts(content_counts(framework))
    return strings.with_prefix("js_")


def embedded(site: Path, page: str) -> dict:
    return json.loads(DATA.search((site / page).read_text(encoding="utf-8")).group(1))


def page_scripts(site: Path, page: str) -> list[Path]:
    """The scripts a built page loads by its tags, but the menu's and the search's."""
    folder = posixpath.dirname(page)
    sources = SCRIPT_SRC.findall((site / page).read_text(encoding="utf-8"))
    paths = [posixpath.normpath(posixpath.join(folder, source)) for source in sources]
    return [site / path for path in paths if path not in OWN_WORDS]


def used(texts: list[str], keys: list[str]) -> set[str]:
    return set().union(*(keys_used(text, keys) for text in texts))


def part_files(site: Path, page: str, part: str) -> tuple[Path, list[Path]]:
    """A lazily loaded part's words script and its code, from the page's data (paths under static/js/)."""
    paths = [site / posixpath.normpath(f"static/js/{path}") for path in embedded(site, page)["scripts"][part]]
    words = [path for path in paths if "/static/strings/" in path.as_posix()]
    assert len(words) == 1 and paths[0] == words[0], f"{part}: its words first, then its code: {paths}"
    code = [path for path in paths[1:] if "/static/js/" in path.as_posix() and "/vendor/" not in path.as_posix()]
    return words[0], code


def part_words(path: Path) -> dict[str, str]:
    return json.loads(PART_WORDS.fullmatch(path.read_text(encoding="utf-8")).group(1))


@pytest.mark.parametrize("language", PAGES)
def test_the_assessment_page_embeds_the_words_its_start_up_scripts_use_and_no_others(
    real_site: Path, language: str
) -> None:
    keys = list(catalogue(language))
    strings = embedded(real_site, PAGES[language])["strings"]
    start = used([path.read_text(encoding="utf-8") for path in page_scripts(real_site, PAGES[language])], keys)
    assert sorted(start - set(strings)) == [], "used at start, not embedded"
    assert sorted(set(strings) - start) == [], "embedded, used by no start-up script"
    assert [key for key in strings if key.startswith("programme_")] == []
    assert len(strings) < len(keys) / 2  # the point of it: most of the catalogue is not sent at start


@pytest.mark.parametrize("language", PAGES)
@pytest.mark.parametrize("part", ["meeting", "discussion", "excel"])
def test_each_part_loaded_on_first_use_brings_the_words_its_code_uses_that_the_page_has_not(
    real_site: Path, language: str, part: str
) -> None:
    words = catalogue(language)
    keys = list(words)
    strings = embedded(real_site, PAGES[language])["strings"]
    script, code = part_files(real_site, PAGES[language], part)
    assert script.relative_to(real_site).as_posix() == f"static/strings/{language}/{part}.js"
    brought = part_words(script)
    needed = used([path.read_text(encoding="utf-8") for path in code], keys)
    assert sorted(needed - set(strings) - set(brought)) == [], "used by the part, in neither"
    assert sorted(set(brought) - needed) == [], "brought, used by none of the part's scripts"
    assert sorted(set(brought) & set(strings)) == [], "brought, already embedded"
    assert brought == {key: words[key] for key in brought}  # the words of the page's language
    assert len(brought) > 20  # each part has words of its own (meeting mode's, the views', Excel's)


def test_the_welsh_parts_bring_welsh_words(real_site: Path) -> None:
    english, welsh = (part_words(real_site / f"static/strings/{code}/meeting.js") for code in ("en", "cy"))
    assert english.keys() == welsh.keys()
    assert english["meeting_unskip"] != welsh["meeting_unskip"] == catalogue("cy")["meeting_unskip"]


def test_the_across_services_page_embeds_what_its_scripts_and_its_worker_use(real_site: Path) -> None:
    keys = list(catalogue("en"))
    html = (real_site / "programme.html").read_text(encoding="utf-8")
    worker = json.loads(WORKER.search(html).group(1))
    texts = [path.read_text(encoding="utf-8") for path in page_scripts(real_site, "programme.html")] + [worker]
    strings = embedded(real_site, "programme.html")["strings"]
    assert set(strings) == used(texts, keys)
    assert "programme_not_shown" in strings and not any(key.startswith("meeting_") for key in strings)


def test_the_single_file_keeps_inline_every_word_its_inline_scripts_use(real_site: Path) -> None:
    keys = list(catalogue("en"))
    html = (real_site / "mpw-development-matrix.html").read_text(encoding="utf-8")
    strings = embedded(real_site, "mpw-development-matrix.html")["strings"]
    needed = used(INLINE.findall(html), keys)
    assert set(strings) == needed
    for part in ("meeting", "discussion"):  # inline: it cannot load a part's words
        assert set(part_words(real_site / f"static/strings/en/{part}.js")) <= set(strings)
    assert not any(key.startswith("programme_") for key in strings)
