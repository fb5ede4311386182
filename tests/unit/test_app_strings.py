"""Which words a script uses, as the build reads it to split the catalogue (mpw_static/app_strings.py)."""

from __future__ import annotations

from mpw_static import app_strings
from mpw_static.app_strings import keys_used, part_strings_path, part_strings_script, split_strings

KEYS = [
    "meeting_open",
    "meeting_opened",
    "flag_agree",
    "flag_spread",
    "imported_one",
    "imported_other",
    "imported_few",
    "err_too_many",
    "kind_up",
    "title",
]


def test_a_key_named_as_a_property_or_quoted_is_used_and_a_longer_or_shorter_name_is_not() -> None:
    assert keys_used("a.textContent=s.meeting_open", KEYS) == {"meeting_open"}
    assert keys_used("s['meeting_opened']", KEYS) == {"meeting_opened"}
    assert keys_used('x("meeting_open")', KEYS) == {"meeting_open"}
    assert keys_used("s.meeting_op + s.meeting_opener + meeting_open", KEYS) == set()  # a bare word is no key


def test_a_quoted_prefix_brings_every_key_it_begins_and_a_plural_base_every_form() -> None:
    assert keys_used("s['flag_' + row.flag]", KEYS) == {"flag_agree", "flag_spread"}
    assert keys_used("table(c, rows, 'kind_')", KEYS) == {"kind_up"}  # passed on, then strings[prefix + kind]
    assert keys_used("plural(s, 'imported', n, locale)", KEYS) == {"imported_one", "imported_other", "imported_few"}
    assert keys_used("s.err_too", KEYS) == {"err_too_many"}  # "many" is a plural form: kept, never lost


def test_the_page_embeds_its_starts_words_and_each_part_only_what_the_start_has_not() -> None:
    sources = dict.fromkeys(
        app_strings.START_SCRIPTS
        + app_strings.PROGRAMME_PAGE_SCRIPTS
        + [f"static/js/{path}" for part in app_strings.LAZY_PARTS.values() for path in part],
        "",
    )
    sources["static/js/assessment/meeting.js"] = "s.meeting_open"
    sources["static/js/assessment/meeting-stage.js"] = "s.meeting_open + s['meeting_opened'] + s.title"
    sources["static/js/programme/view.js"] = "s['flag_' + f]"
    words = {key: key.upper() for key in KEYS}
    shares = split_strings(words, sources.__getitem__)
    assert shares["start"] == {"meeting_open": "MEETING_OPEN"}
    assert shares["meeting"] == {"meeting_opened": "MEETING_OPENED", "title": "TITLE"}
    assert shares["discussion"] == shares["excel"] == {}
    assert shares["programme"] == {"flag_agree": "FLAG_AGREE", "flag_spread": "FLAG_SPREAD"}
    assert set(shares["single"]) == {"meeting_open", "meeting_opened", "title"}


def test_a_parts_words_are_a_script_under_static_strings_that_adds_them_to_the_catalogue() -> None:
    assert part_strings_path("cy", "meeting") == "../strings/cy/meeting.js"  # under static/js/, as MPW.load reads it
    assert part_strings_script({"a": "Bore da “ŵ”"}) == 'MPW.addStrings({"a":"Bore da \\u201c\\u0175\\u201d"})\n'
