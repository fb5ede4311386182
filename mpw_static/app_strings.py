"""Which of the catalogue's js_ strings each part of the app's script uses, read from the scripts.

The assessment page embeds only what its start-up scripts use; meeting mode, the discussion views
and Excel, loaded on first use, bring the rest in a script of their own (static/strings/cy/meeting.js),
which joins the page's catalogue (MPW.addStrings, core/start.js). The split is read from the
scripts the build ships, so that a script that starts using a key gets it without anyone keeping a list.

The scripts name a key in three ways, all of which are read here:
- whole, as a property or a quoted name: strings.meeting_open, strings['meeting_skip'], 'err_type';
- by a quoted prefix to which a part is added: strings['flag_' + flag], 'kind_' passed on, then
  strings[prefix + kind]; every key starting with the prefix goes with that script;
- by the name dom.plural adds a plural form to: plural(strings, 'imported', n) reads imported_one,
  imported_other and Welsh's zero, two, few and many.
A key no script names in one of these ways is not sent to any page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from .app import (
    APP_SCRIPTS,
    DISCUSSION_SCRIPTS,
    EXCEL_SCRIPTS,
    MEETING_SCRIPTS,
    PROGRAMME_SCRIPTS,
    PROGRAMME_WORKER_SCRIPTS,
    SINGLE_FILE_SCRIPTS,
    SITE_SCRIPTS,
)

# Intl.PluralRules' categories, which dom.plural adds to a key (key + '_' + form).
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
QUOTED = re.compile(r"""(['"])([a-z][a-z0-9_]*)\1""")
PROPERTY = re.compile(r"\.([a-z][a-z0-9_]*)\b")

# The parts of the assessment page loaded on first use, each with its scripts (under static/js/).
LAZY_PARTS = {
    "discussion": DISCUSSION_SCRIPTS,
    "meeting": MEETING_SCRIPTS,
    "excel": [path for path in EXCEL_SCRIPTS if not path.startswith("../")],  # not the zip library
}
# Where a part's strings are written, for each language.
PART_STRINGS_SCRIPT = "static/strings/{language}/{part}.js"
# The scripts that read the page's catalogue when each page opens: the site's helpers and the page's
# own. Not the menu's and the search's, which read their words from their own element (data-strings).
START_SCRIPTS = SITE_SCRIPTS[:2] + APP_SCRIPTS
PROGRAMME_PAGE_SCRIPTS = list(dict.fromkeys(SITE_SCRIPTS[:2] + PROGRAMME_SCRIPTS + PROGRAMME_WORKER_SCRIPTS))


@lru_cache(maxsize=256)
def names_in(source: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The names a script gives whole (properties and quoted names), and the quoted prefixes (ending in _)."""
    names = {match[1] for match in QUOTED.findall(source)} | set(PROPERTY.findall(source))
    return frozenset(names), tuple(sorted(name for name in names if name.endswith("_")))


def keys_used(source: str, keys: Sequence[str]) -> frozenset[str]:
    """The catalogue's keys that a script names whole, by a prefix, or as a plural."""
    return keys_named(source, tuple(keys))


@lru_cache(maxsize=256)  # serve's rebuilds ask again for scripts and catalogues that have not changed
def keys_named(source: str, keys: tuple[str, ...]) -> frozenset[str]:
    names, prefixes = names_in(source)
    return frozenset(
        key
        for key in keys
        if key in names
        or key.startswith(prefixes)
        or (key.rpartition("_")[2] in PLURAL_FORMS and key.rpartition("_")[0] in names)
    )


def used_by(scripts: Sequence[str], read: Callable[[str], str], keys: Sequence[str]) -> set[str]:
    """The keys that any of these scripts (site paths, static/js/...) uses."""
    return set().union(*(keys_used(read(path), keys) for path in scripts))


def js_path(path: str) -> str:
    """A script's site path from its path under static/js/ (MPW.load's)."""
    return "static/js/" + path


def split_strings(strings: Mapping[str, str], read: Callable[[str], str]) -> dict[str, dict[str, str]]:
    """The js_ strings (without the prefix) by who receives them: the assessment page at start
    ("start"), each lazily loaded part the keys it uses that the start has not ("meeting", ...),
    the across-services page ("programme") and the single-file edition ("single"). read gives a
    script's text by its site path, as the build ships it."""
    keys = tuple(strings)
    start = used_by(START_SCRIPTS, read, keys)
    shares = {"start": start}
    for part, scripts in LAZY_PARTS.items():
        shares[part] = used_by([js_path(path) for path in scripts], read, keys) - start
    shares["programme"] = used_by(PROGRAMME_PAGE_SCRIPTS, read, keys)
    shares["single"] = used_by(SINGLE_FILE_SCRIPTS, read, keys)
    return {name: {key: strings[key] for key in keys if key in share} for name, share in shares.items()}


def part_strings_path(language: str, part: str) -> str:
    """Where a part's strings are, as MPW.load is given it (under static/js/)."""
    return "../" + PART_STRINGS_SCRIPT.format(language=language, part=part).removeprefix("static/")


def part_strings_script(strings: Mapping[str, str]) -> str:
    """A part's strings as a script that adds them to the page's catalogue (file:// refuses to fetch a file)."""
    return "MPW.addStrings(" + json.dumps(dict(strings), separators=(",", ":")) + ")\n"
