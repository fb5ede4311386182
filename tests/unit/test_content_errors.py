"""The load and validate stages reject each kind of content mistake with an exact, located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpw_static.build import load_and_check
from mpw_static.load import load_framework
from mpw_static.problems import ContentError
from mpw_static.validate import different_shape
from support import mini_domain, write


def problems(content: Path) -> list[str]:
    """Load and check content that is expected to fail; return each problem as the author reads it."""
    with pytest.raises(ContentError) as caught:
        load_and_check(content)
    return [problem.describe() for problem in caught.value.problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_mini_content_is_valid(mini_content: Path) -> None:
    framework, _, _ = load_and_check(mini_content)
    assert [domain.number for domain in framework.domains] == list(range(1, 9))
    assert [indicator.id for indicator in framework.indicators][:2] == ["1.1", "2.1"]


def test_four_statements(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/03-domain-3.toml", '  "Statement 5 of 3.1",\n', "")
    assert problems(mini_content) == [
        "content/matrix/domains/03-domain-3.toml, line 11 (indicators[0].statements): "
        "expected exactly 5 statements, found 4\n"
        "   Hint: list the statements S1 to S5 in order, one quoted string each"
    ]


def test_empty_statement(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/02-domain-2.toml", '"Statement 3 of 2.1"', '"  "')
    assert problems(mini_content) == [
        "content/matrix/domains/02-domain-2.toml, line 14 (indicators[0].statements[2]): "
        "the text is empty\n"
        "   Hint: write the text between the quotes"
    ]


def test_indicator_ids_out_of_order(mini_content: Path) -> None:
    write(
        mini_content / "matrix/domains/04-domain-4.toml",
        mini_domain(4, indicators=3).replace('id = "4.2"', 'id = "4.3"', 1),
    )
    assert problems(mini_content) == [
        "content/matrix/domains/04-domain-4.toml, line 20 (indicators[1].id): "
        'indicator 2 of domain 4 has id "4.3", expected "4.2"\n'
        "   Hint: indicator ids run 1, 2, 3 … within their domain, in file order"
    ]


def test_domain_number_out_of_range(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/08-domain-8.toml", "number = 8", "number = 100")
    assert problems(mini_content) == [
        "content/matrix/domains/08-domain-8.toml, line 1 (number): the number 100 is more than 99, the largest allowed\n"
        "   Hint: use 99 or less"
    ]


def test_a_gap_in_the_domains_numbers(mini_content: Path) -> None:
    """How many domains there are is the content's to say; a number left out is a mistake."""
    replace(mini_content / "matrix/domains/08-domain-8.toml", "number = 8", "number = 9")
    replace(mini_content / "matrix/domains/08-domain-8.toml", 'id = "8.1"', 'id = "9.1"')
    assert problems(mini_content) == [
        "content/matrix/domains/: domain 8 is missing\n"
        "   Hint: domains are numbered 1, 2, 3 … with none left out: add a TOML file for each missing number, "
        "or renumber the domains that follow",
    ]


def test_fewer_domains_are_a_smaller_matrix(mini_content: Path) -> None:
    for number in (7, 8):
        (mini_content / f"matrix/domains/{number:02d}-domain-{number}.toml").unlink()
    framework, _, _ = load_and_check(mini_content)
    assert [domain.number for domain in framework.domains] == [1, 2, 3, 4, 5, 6]


def test_missing_and_duplicate_domains(mini_content: Path) -> None:
    (mini_content / "matrix/domains/03-domain-3.toml").unlink()
    write(mini_content / "matrix/domains/09-again.toml", mini_domain(5).replace('slug = "domain-5"', 'slug = "again"'))
    assert problems(mini_content) == [
        "content/matrix/domains/ (number): domain 5 is defined 2 times: in 05-domain-5.toml and 09-again.toml\n"
        "   Hint: give each domain file its own number from 1 to 8",
        "content/matrix/domains/: domain 3 is missing\n"
        "   Hint: domains are numbered 1, 2, 3 … with none left out: add a TOML file for each missing number, "
        "or renumber the domains that follow",
    ]


def test_test_questions_name_a_missing_domain(mini_content: Path) -> None:
    (mini_content / "matrix/domains/02-domain-2.toml").unlink()
    replace(mini_content / "matrix/test-questions.toml", "domains = [1]", "domains = [1, 2]")
    assert problems(mini_content)[1:] == [
        "content/matrix/test-questions.toml (sets[0].domains): Q1 names domain 2, which does not exist\n"
        "   Hint: use the number of an existing domain, 1 to 8",
        "content/matrix/workforce.toml (themes[0].domains): theme 1 links to domain 2, which does not exist\n"
        "   Hint: use the number of an existing domain, 1 to 8",
    ]


def test_appendix_rank_gap(mini_content: Path) -> None:
    replace(mini_content / "matrix/appendix.toml", "rank = 3,", "rank = 4,")
    assert problems(mini_content) == [
        "content/matrix/appendix.toml, line 6 (items[2].rank): item 3 has rank 4, expected 3\n"
        "   Hint: ranks run 1, 2, 3 … with no gaps, in file order"
    ]


def test_appendix_score_increases(mini_content: Path) -> None:
    replace(mini_content / "matrix/appendix.toml", "score = 8.0", "score = 9.2")
    assert problems(mini_content) == [
        "content/matrix/appendix.toml, line 6 (items[2].score): rank 3 scores 9.2, more than rank 2 (9.1)\n"
        "   Hint: items are ranked by score, highest first; check the score or the order"
    ]


def test_data_item_beyond_appendix(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/06-domain-6.toml", "rank = 1", "rank = 7")
    assert problems(mini_content) == [
        "content/matrix/domains/06-domain-6.toml (data_items[0].rank): "
        '"item one" points to appendix rank 7, but the appendix stops at 3\n'
        "   Hint: use the rank the item has in content/matrix/appendix.toml"
    ]


def test_toml_syntax_error(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/01-domain-1.toml", 'title = "DOMAIN 1"', 'title = "DOMAIN 1')
    assert problems(mini_content) == [
        "content/matrix/domains/01-domain-1.toml, line 2: invalid TOML: a text ends at the end of the line without "
        "its closing quote (column 18)\n"
        '   Hint: close the text with " on the same line (for several lines, use """ … """)'
    ]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("number = 1", "number = 1\nnumber = 2", "line 2: invalid TOML: a field is given a value twice (column 11)"),
        ("[[indicators]]", "[indicators]\n[indicators]", "line 9: invalid TOML: [indicators] is declared twice"),
        ('title = "DOMAIN 1"', "title: DOMAIN 1", "line 2: invalid TOML: the line is not a field = value pair"),
        ("rank = 1 }", "rank = 1,5 }", "line 5: invalid TOML: "),
    ],
    ids=["twice", "single-brackets", "colon", "decimal-comma"],
)
def test_the_toml_readers_usual_mistakes_are_said_in_an_authors_words(
    mini_content: Path, old: str, new: str, said: str
) -> None:
    replace(mini_content / "matrix/domains/01-domain-1.toml", old, new)
    (described,) = problems(mini_content)
    assert described.startswith(f"content/matrix/domains/01-domain-1.toml, {said}"), described
    assert not any(words in described for words in ("Cannot", "Expected", "('", "Illegal")), described


def test_unknown_and_missing_fields(mini_content: Path) -> None:
    replace(mini_content / "standards.toml", 'name = "Safe"', 'nmae = "Safe"')
    assert problems(mini_content) == [
        "content/standards.toml, line 7 (standards[0].name): required field is missing\n"
        "   Hint: add the field: name = …",
        "content/standards.toml, line 8 (standards[0].nmae): unknown field\n"
        '   Hint: remove the field or correct its spelling (did you mean "name"?)',  # the field it lacks
    ]


def test_front_matter_missing(mini_content: Path) -> None:
    write(mini_content / "pages/about.md", 'title = "About"\n\nText.\n')
    assert problems(mini_content) == [
        "content/pages/about.md, line 1 (front matter): the page does not start with +++\n"
        "   Hint: begin the file with +++, the TOML front matter (title = …), then +++"
    ]


def test_front_matter_field_error_has_file_line(mini_content: Path) -> None:
    replace(mini_content / "pages/matrix.md", "order = 2", 'order = "second"')
    assert problems(mini_content) == [
        'content/pages/matrix.md, line 4 (order): expected a whole number, found the text "second"\n'
        "   Hint: write the value as a whole number without quotes"
    ]


def test_page_links_and_inserts(mini_content: Path) -> None:
    write(
        mini_content / "pages/about.md",
        """
        +++
        title = "About"
        nav_title = "About"
        +++

        See [a paper](resource:no-such-paper) and [a page](nowhere.html).

        {{ no_such_insert() }}
    """,
    )
    found = problems(mini_content)
    assert found[0] == (
        'content/pages/about.md, line 6: link to unknown resource "resource:no-such-paper"\n'
        "   Hint: add it to content/resources.toml [[links]] or fix the id"
    )
    assert found[1] == (
        'content/pages/about.md, line 6: link to "nowhere.html", which the site does not have\n'
        "   Hint: link to a page by its file name, e.g. matrix.html"
    )
    assert found[2].startswith(
        "content/pages/about.md, line 8: unknown insert {{ no_such_insert() }}\n"
        "   Hint: use one of: appendix_table, definitions, domain_cards, domain_overview,"
    )


def test_all_problems_reported_together_and_numbered(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/03-domain-3.toml", '  "Statement 5 of 3.1",\n', "")
    replace(mini_content / "matrix/appendix.toml", "rank = 3,", "rank = 4,")
    with pytest.raises(ContentError) as caught:
        load_framework(mini_content)
    message = str(caught.value)
    assert message.splitlines()[0] == "Content has 2 problems; nothing was written:"
    assert "\n1. content/matrix/domains/03-domain-3.toml, line 11 (indicators[0].statements)" in message
    assert "\n2. content/matrix/appendix.toml, line 6" in message


# One mistake of each kind an author makes by hand, and what validate says of it: what it found, in the
# author's terms, and what to write instead. Pydantic's own words name neither.
PLAIN_WORDS = [
    (
        ("matrix/domains/01-domain-1.toml", "number = 1", 'number = "one"'),
        '(number): expected a whole number, found the text "one"',
        "write the value as a whole number without quotes",
    ),
    (
        ("matrix/domains/01-domain-1.toml", 'slug = "domain-1"', 'slug = "Domain One"'),
        '(slug): the text "Domain One" is not in the form this field needs',
        'use lower-case letters and digits, words joined by single hyphens, e.g. "buy-in"',
    ),
    (
        ("matrix/domains/01-domain-1.toml", 'id = "1.1"', "id = 1.1"),
        "(indicators[0].id): expected text, found the number 1.1",
        "write the value as text in double quotes",
    ),
    (
        ("matrix/domains/01-domain-1.toml", 'id = "1.1"', 'id = "1-1"'),
        '(indicators[0].id): the text "1-1" is not in the form this field needs',
        "write the domain's number, a dot and the indicator's place in it, e.g. \"1.1\"",
    ),
    (
        ("matrix/domains/01-domain-1.toml", 'title = "DOMAIN 1"', 'title = ["DOMAIN 1"]'),
        "(title): expected text, found a list",
        "write the value as text in double quotes",
    ),
    (
        ("resources.toml", 'url = "https://example.org/channel"', 'url = "example.org/channel"'),
        '(links[1].url): the text "example.org/channel" is not in the form this field needs',
        "write the whole address, from https:// (or mailto:), with no spaces",
    ),
    (
        ("resources.toml", "domain = 1", "domain = 0"),
        "(videos[0].domain): the number 0 is less than 1, the smallest allowed",
        "use 1 or more",
    ),
    (
        ("site.toml", 'title = "Mini site"', 'title = "Mini site"\nlanguage = "Welsh"'),
        '(language): the text "Welsh" is not in the form this field needs',
        'write the language\'s two-letter code, e.g. "en" or "cy"',
    ),
    (
        ("site.toml", 'title = "Mini site"', 'title = "Mini site"\nbase_url = "https://example.org/mpw"'),
        '(base_url): the text "https://example.org/mpw" is not in the form this field needs',
        'write the address the site is published at, ending in /, e.g. "https://example.org/mpw/", or "" for none',
    ),
    (
        ("pages/matrix.md", "order = 2", 'order = 2\nmenu = "side"'),
        '(menu): expected "main" or "footer", found the text "side"',
        'write "main" or "footer"',
    ),
    (
        ("pages/matrix.md", "order = 2", 'order = 2\ndraft = "maybe"'),
        '(draft): expected true or false, found the text "maybe"',
        "write true or false, without quotes",
    ),
]


@pytest.mark.parametrize(("mistake", "said", "hint"), PLAIN_WORDS, ids=[said for _, said, _ in PLAIN_WORDS])
def test_a_value_of_the_wrong_kind_or_form_is_said_in_an_authors_words(
    mini_content: Path, mistake: tuple[str, str, str], said: str, hint: str
) -> None:
    name, old, new = mistake
    replace(mini_content / name, old, new)
    (described,) = problems(mini_content)
    assert described.startswith(f"content/{name}, line ") and described.endswith(f"{said}\n   Hint: {hint}"), described
    assert not any(words in described for words in ("Input should", "String should", "valid string", "pattern")), (
        described
    )


def test_a_missing_field_is_placed_at_the_table_that_lacks_it_not_at_the_next_field_of_its_name(
    mini_content: Path,
) -> None:
    """The line was the next table's field of the same name: indicator 4.2's title, missing, was
    reported at 4.3's; a domain's own title at its first indicator's. A field of the file's top has no
    line of its own, so the hint says where it goes: a field written below a [table] header is the table's."""
    write(
        mini_content / "matrix/domains/04-domain-4.toml",
        mini_domain(4, indicators=3).replace('title = "Indicator 4.2"\n', "").replace('title = "DOMAIN 4"\n', ""),
    )
    assert problems(mini_content) == [
        "content/matrix/domains/04-domain-4.toml (title): required field is missing\n"
        "   Hint: add the field above [[indicators]] on line 7 (a field below it belongs to that table): title = …",
        "content/matrix/domains/04-domain-4.toml, line 18 (indicators[1].title): required field is missing\n"
        "   Hint: add the field: title = …",
    ]


def test_a_date_written_the_british_way_is_told_the_form_to_write(mini_content: Path) -> None:
    replace(mini_content / "pages/matrix.md", "order = 2", 'order = 2\nupdated = "31/12/2026"')
    assert problems(mini_content) == [
        'content/pages/matrix.md, line 5 (updated): expected a date, found the text "31/12/2026"\n'
        "   Hint: write the date as year-month-day without quotes, e.g. 2026-12-31"
    ]


def test_a_domain_given_another_domains_number_is_told_its_ids_say_which_it_is(mini_content: Path) -> None:
    """Domain 2's file given number = 1 was told only that its first indicator's id should be 1.1."""
    replace(mini_content / "matrix/domains/02-domain-2.toml", "number = 2", "number = 1")
    assert problems(mini_content) == [
        "content/matrix/domains/02-domain-2.toml, line 1 (number): the domain's number is 1, but its indicators' "
        "ids are those of domain 2 (2.1 …)\n"
        "   Hint: if this is domain 2, write number = 2; if not, number its indicators 1.1, 1.2 …"
    ]


def test_an_insert_inside_a_sentence_is_refused_as_it_would_show_as_written(mini_content: Path) -> None:
    replace(mini_content / "pages/matrix.md", "{{ domain_overview() }}", "See the domains: {{ domain_overview() }}")
    assert problems(mini_content) == [
        "content/pages/matrix.md, line 8: “{{ domain_overview() }}” is inside a line of text, so the page would "
        "show it as written\n"
        "   Hint: put the insert on a line of its own, with a blank line before and after it"
    ]


def test_an_insert_written_as_code_in_a_sentence_is_left_alone(mini_content: Path) -> None:
    replace(
        mini_content / "pages/matrix.md",
        "{{ domain_overview() }}",
        "{{ domain_overview() }}\n\nWrite `{{ standards() }}`.",
    )
    load_and_check(mini_content)


def test_a_misspelt_translated_table_is_told_the_language_it_is_likely_to_be(mini_content: Path) -> None:
    write(
        mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n\n[translated.cym]\ntitle = "Safle"\n'
    )
    assert problems(mini_content) == [
        'content/site.toml (translated.cym): the site is not translated into "cym" (did you mean "cy"?)\n'
        '   Hint: name the table as its language is in translations = ["cy"]'
    ]


def test_a_page_file_named_with_spaces_or_capitals_is_told_to_be_renamed(mini_content: Path) -> None:
    """pages/About Us.md was published as "About Us.html"."""
    write(mini_content / "pages/About Us.md", '+++\ntitle = "About"\nnav_title = "About"\n+++\n\nText.\n')
    assert problems(mini_content) == [
        "content/pages/About Us.md: the file's name would give the page the address “About Us.html”, which a link "
        "or a USB stick may not keep\n"
        "   Hint: name the file in lower-case letters, digits and hyphens, e.g. about-us.md"
    ]


def test_a_translated_shape_is_told_apart_whatever_the_difference() -> None:
    """What a translated file lacks, adds, or has instead; or, with an entry listed twice, the counts."""
    said = [
        different_shape("cy/x.toml", "links", "the ids", mine, theirs, "x.toml").message
        for mine, theirs in ((["a"], ["a", "b"]), (["a", "c"], ["a"]), (["a", "c"], ["a", "b"]), (["a", "a"], ["a"]))
    ]
    assert said == [
        "a translation keeps the ids: this file lacks b",
        "a translation keeps the ids: it has c, which x.toml has not",
        "a translation keeps the ids: this file has c where x.toml has b",
        "a translation keeps the ids: this file has 2 entries where x.toml has 1",
    ]


def test_a_misspelt_field_inside_a_table_is_told_the_missing_field_it_is_likely_to_be(mini_content: Path) -> None:
    replace(mini_content / "matrix/domains/03-domain-3.toml", "statements = [", "statments = [")
    assert problems(mini_content) == [
        "content/matrix/domains/03-domain-3.toml, line 8 (indicators[0].statements): required field is missing\n"
        "   Hint: add the field: statements = …",
        "content/matrix/domains/03-domain-3.toml, line 11 (indicators[0].statments): unknown field\n"
        '   Hint: remove the field or correct its spelling (did you mean "statements"?)',
    ]
