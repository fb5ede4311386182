"""Every mistake a new author or theme maker can make is a numbered, located problem with a fix,
from both `build` and `validate`, never a traceback; and nothing is written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mpw_static.cli import main
from support import mini_domain, write

FRAMEWORK_PAGE = "pages/framework.md"


def add_page(content: Path, body: str, name: str = "about.md") -> None:
    write(content / "pages" / name, f'+++\ntitle = "About"\nnav_title = "About"\n+++\n\n{body}\n')


def theme_template(name: str, text: str) -> Callable[[Path, Path], None]:
    """A theme's template with a mistake in it, and a page that uses it."""

    def make(content: Path, theme: Path) -> None:
        write(theme / "templates" / name, text)
        add_page(content, "Hello.")

    return make


def in_content(change: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    return lambda content, theme: change(content)


# (name, the mistake, the file named, its line (None: none to give), words of the message, words of the hint)
MISTAKES = [
    (
        "jinja syntax",
        theme_template("page.html", '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'),
        "theme/templates/page.html",
        3,
        "template syntax error",
        "{% end… %}",
    ),
    (
        "missing string",
        theme_template("page.html", '{% extends "base.html" %}\n{% block main %}{{ t.skip_lnk }}{% endblock %}\n'),
        "theme/strings/en.toml",
        None,
        'the string "skip_lnk" is missing; page.html, line 2, uses it',
        'did you mean "skip_link"',
    ),
    (
        "unknown template",
        in_content(
            lambda content: write(
                content / "pages/about.md",
                '+++\ntitle = "About"\nnav_title = "About"\ntemplate = "pgae.html"\n+++\n\nHi\n',
            )
        ),
        "content/pages/about.md",
        None,
        'there is no template "pgae.html"',
        'did you mean "page.html"',
    ),
    (
        "not utf-8",
        in_content(
            lambda content: (content / "pages/about.md").write_bytes(
                '+++\ntitle = "About"\nnav_title = "About"\n+++\n\nCaf\u00e9 society\n'.encode("cp1252")
            )
        ),
        "content/pages/about.md",
        6,
        "not UTF-8 text",
        "save it as UTF-8",
    ),
    (
        "insert needing an argument",
        in_content(lambda content: add_page(content, "{{ resource_title() }}")),
        "content/pages/about.md",
        6,
        "{{ resource_title() }} cannot be placed in a page",
        "use one of: ",
    ),
    (
        "unclosed insert",
        in_content(lambda content: add_page(content, "{{ standards( }}")),
        "content/pages/about.md",
        6,
        "“{{ standards( }}” is not a valid insert",
        "{{ name() }}",
    ),
    (
        "insert with an argument",
        in_content(lambda content: add_page(content, "{{ domain_cards(99) }}")),
        "content/pages/about.md",
        6,
        "inserts take nothing between their brackets",
        "write it as {{ domain_cards() }}",
    ),
    (
        "misspelt insert",
        in_content(lambda content: add_page(content, "{{ standrds() }}")),
        "content/pages/about.md",
        6,
        'unknown insert {{ standrds() }} (did you mean "standards"?)',
        "use one of: ",
    ),
    (
        "raw script",
        in_content(lambda content: add_page(content, "Hello\n\n<script>alert(1)</script>")),
        "content/pages/about.md",
        8,
        "the page has a <script> element",
        "pages cannot run code of their own",
    ),
    (
        "event handler",
        in_content(lambda content: add_page(content, '<p onclick="steal()">Click</p>')),
        "content/pages/about.md",
        6,
        "an event handler attribute",
        "remove it",
    ),
]


@pytest.mark.parametrize("command", ["build", "validate"])
@pytest.mark.parametrize(("name", "mistake", "file", "line", "message", "hint"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_a_located_problem_with_a_fix(
    mini_content: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    name: str,
    mistake: Callable[[Path, Path], None],
    file: str,
    line: int | None,
    message: str,
    hint: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # as an author runs it: from the project folder, naming files from there
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    mistake(mini_content, theme)
    arguments = [command, "--content", "content", "--theme", "theme"]
    code = main(arguments + (["--out", "dist"] if command == "build" else []))
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert not (tmp_path / "dist").exists()
    where = file + (f", line {line}" if line else "")
    found = [
        problem for problem in re.split(r"\n(?=\d+\. )", err) if problem.startswith(("1. ", "2. ")) and where in problem
    ]
    assert found, err
    assert message in found[0] and "Hint: " in found[0] and hint in found[0].split("Hint: ")[1], found[0]


def test_a_byte_order_mark_is_accepted(mini_content: Path, tmp_path: Path) -> None:
    for path in [
        mini_content / "site.toml",
        mini_content / "matrix/domains/01-domain-1.toml",
        mini_content / "pages/index.md",
    ]:
        path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert main(["build", "--content", str(mini_content), "--out", str(tmp_path / "dist")]) == 0
    assert "Mini home" in (tmp_path / "dist/index.html").read_text(encoding="utf-8")


def test_page_checks_still_run_when_other_files_fail_to_load(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One run lists every problem: a broken domain file does not hide a page's bad insert and links."""
    write(mini_content / "matrix/domains/02-domain-2.toml", mini_domain(2).replace('title = "DOMAIN 2"', "title = "))
    add_page(
        mini_content,
        "[paper](resource:papr) [matrix](matrx.html) [a domain](domains/nowhere.html) "
        "[the workbook](development-matrix.xlsx)\n\n{{ standrds() }}",
    )
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert "02-domain-2.toml, line 2: invalid TOML" in err
    assert 'link to unknown resource "resource:papr"' in err
    assert 'link to "matrx.html", which the site does not have' in err and 'did you mean "matrix.html"' in err
    assert "unknown insert {{ standrds() }}" in err
    # A link into domains/ is not judged while a domain file is broken: it may be that domain's page.
    assert "domains/nowhere.html" not in err
    assert "development-matrix.xlsx" not in err  # the site's workbook is made whatever the content holds
    assert err.startswith("Content has 4 problems")


def test_a_misspelt_field_gets_a_suggestion(mini_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(mini_content / "pages/about.md", '+++\ntitle = "About"\nnavtitle = "About"\n+++\n\nHi\n')
    assert main(["validate", "--content", str(mini_content)]) == 1
    assert 'unknown field\n   Hint: remove the field or correct its spelling (did you mean "nav_title"?)' in (
        capsys.readouterr().err
    )


def test_validate_checks_the_translations_too(mini_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    write(
        mini_content / "cy/pages/index.md", '+++\ntitle = "Hafan"\nnav_title = "Hafan"\n+++\n\n{{ domain_cards(1) }}\n'
    )
    assert main(["validate", "--content", str(mini_content)]) == 1
    assert "content/cy/pages/index.md, line 6: “{{ domain_cards(1) }}” is not a valid insert" in capsys.readouterr().err
    write(
        mini_content / "cy/pages/index.md", '+++\ntitle = "Hafan"\nnav_title = "Hafan"\n+++\n\n{{ domain_cards() }}\n'
    )
    assert main(["validate", "--content", str(mini_content)]) == 0
    assert "Translation coverage, cy: content files 1 of" in capsys.readouterr().out
    assert main(["validate", "--content", str(mini_content), "--strict-translations"]) == 1
    assert "content/cy/matrix/matrix.toml: not translated yet" in capsys.readouterr().err


def test_a_translation_keeps_its_originals_place_and_shape_and_is_told_where_it_does_not(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translated page that leaves out its place (address, menu, order, layout, published or not)
    takes the original's; one that says otherwise is refused, as is a translated domain under another
    slug or with an indicator left out. (The Welsh page at another address left the English one's
    language link broken; a domain without an indicator was blamed on the theme's template.)"""
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    write(mini_content / "cy/pages/matrix.md", '+++\ntitle = "Matrics"\nnav_title = "Matrics"\n+++\n\nTestun.\n')
    assert main(["build", "--content", str(mini_content), "--out", str(mini_content.parent / "dist")]) == 0
    assert (mini_content.parent / "dist/cy/matrix.html").is_file()  # order 2 and its template, from the original
    capsys.readouterr()
    write(
        mini_content / "cy/pages/matrix.md",
        '+++\ntitle = "Matrics"\nnav_title = "Matrics"\noutput = "matrics.html"\ndraft = true\n+++\n\nTestun.\n',
    )
    write(
        mini_content / "cy/matrix/domains/04-domain-4.toml",
        mini_domain(4, indicators=3).replace('slug = "domain-4"', 'slug = "parth-4"'),
    )
    write(mini_content / "matrix/domains/04-domain-4.toml", mini_domain(4, indicators=4))
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content has 4 problems")
    assert (
        '1. content/cy/pages/matrix.md (output): a translation keeps its original\'s output: this file has "matrics.html", '
        'content/pages/matrix.md has "matrix.html"\n'
        '   Hint: make it "matrix.html", as in content/pages/matrix.md: a translation changes the words, not where or '
        "how they appear"
    ) in err
    assert "content/cy/pages/matrix.md (draft): a translation keeps its original's draft: this file has true" in err
    assert (
        'content/cy/matrix/domains/04-domain-4.toml (slug): a translation keeps its original\'s slug: this file has "parth-4"'
        in err
    )
    assert (
        "content/cy/matrix/domains/04-domain-4.toml (indicators): the translation's indicators are 4.1, 4.2, 4.3; "
        "the original's are 4.1, 4.2, 4.3, 4.4\n"
        "   Hint: translate every indicator of content/matrix/domains/04-domain-4.toml, in its order and with its id"
    ) in err
    assert "template" not in err  # not blamed on the theme


def test_a_translated_domain_without_its_first_indicator_is_told_the_one_it_lacks(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Welsh domain that left out 1.1 was told that its 1.2 should have the id "1.1", an order
    mistake it had not made; it is compared with its original's indicators instead."""
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    write(mini_content / "matrix/domains/04-domain-4.toml", mini_domain(4, indicators=3))
    english = mini_domain(4, indicators=3)
    first, second = (
        english.index("[[indicators]]"),
        english.index("[[indicators]]", english.index("[[indicators]]") + 1),
    )
    write(mini_content / "cy/matrix/domains/04-domain-4.toml", english[:first] + english[second:])
    assert main(["validate", "--content", str(mini_content)]) == 1
    assert capsys.readouterr().err == (
        "Content has 1 problem; nothing was written:\n"
        "1. content/cy/matrix/domains/04-domain-4.toml (indicators): the translation's indicators are 4.2, 4.3; "
        "the original's are 4.1, 4.2, 4.3\n"
        "   Hint: translate every indicator of content/matrix/domains/04-domain-4.toml, in its order and with its id\n"
    )
    # The default language's own file is still held to its order, which is the author's to fix there.
    write(mini_content / "matrix/domains/04-domain-4.toml", english[:first] + english[second:])
    assert main(["validate", "--content", str(mini_content)]) == 1
    assert 'has id "4.2", expected "4.1"' in capsys.readouterr().err


@pytest.mark.parametrize("part", ["base.html", "inserts.html", "single.html", "domain.html"])
def test_a_part_of_the_theme_named_as_a_pages_template_is_refused(
    mini_content: Path, capsys: pytest.CaptureFixture[str], part: str
) -> None:
    """base.html gave an empty page with no message; inserts.html a message about the security policy."""
    add_page(mini_content, "Some text.")
    about = mini_content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("+++\n\n", f'template = "{part}"\n+++\n\n', 1), "utf-8")
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content has 1 problem")
    what = (
        "for the build's own pages"
        if part in ("single.html", "domain.html")
        else ("a part that the theme's page templates are built from")
    )
    assert (
        f'content/pages/about.md (template): "{part}" is {what}, not a content page\'s template\n'
        "   Hint: use one of the page templates: appendix.html, assess.html, home.html, matrix.html, page.html, "
        "programme.html"
    ) in err


def test_a_translated_file_without_an_original_of_its_name_is_named_as_never_read(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Welsh page named in Welsh (hygyrchedd.md) was left out of the build without a word."""
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    write(
        mini_content / "cy/pages/hygyrchedd.md", '+++\ntitle = "Hygyrchedd"\nnav_title = "Hygyrchedd"\n+++\n\nTestun.\n'
    )
    write(mini_content / "cy/matrix/domains/01-parth-1.toml", mini_domain(1))
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content has 2 problems")
    assert (
        "content/cy/matrix/domains/01-parth-1.toml: there is no domain file of this name in the default language, "
        "so this one is never read\n   Hint: name it as its original in content/matrix/domains/ is named"
    ) in err
    assert (
        "content/cy/pages/hygyrchedd.md: there is no page of this name in the default language, so this one is never "
        "read\n   Hint: name it as its original in content/pages/ is named"
    ) in err


def test_a_translation_is_told_its_originals_number_order_and_draft_as_they_are_written(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An order of 1 was shown as "true" (1 == True in a lookup), and a Welsh page could be published
    alone when its original was a draft."""
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    write(
        mini_content / "cy/pages/index.md",
        '+++\ntitle = "Hafan"\nnav_title = "Hafan"\norder = 2\n+++\n\n{{ domain_cards() }}\n',
    )
    write(mini_content / "pages/about.md", '+++\ntitle = "About"\nnav_title = "About"\ndraft = true\n+++\n\nHi.\n')
    write(
        mini_content / "cy/pages/about.md",
        '+++\ntitle = "Amdanom"\nnav_title = "Amdanom"\ndraft = false\n+++\n\nHaia.\n',
    )
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert (
        "content/cy/pages/index.md (order): a translation keeps its original's order: this file has 2, "
        "content/pages/index.md has 1\n   Hint: make it 1, as in content/pages/index.md"
    ) in err
    assert (
        "content/cy/pages/about.md (draft): the original of this page is a draft, so the translation would be "
        "published without it\n   Hint: leave draft out of the translation (it then follows its original), or "
        "publish the original"
    ) in err
    write(mini_content / "cy/pages/about.md", '+++\ntitle = "Amdanom"\nnav_title = "Amdanom"\n+++\n\nHaia.\n')
    write(
        mini_content / "cy/pages/index.md", '+++\ntitle = "Hafan"\nnav_title = "Hafan"\n+++\n\n{{ domain_cards() }}\n'
    )
    assert main(["build", "--content", str(mini_content), "--out", str(mini_content.parent / "dist")]) == 0
    assert not (mini_content.parent / "dist/cy/about.html").exists()  # a draft in both languages


def test_a_translated_file_keeps_its_originals_ids_numbers_and_links(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Welsh copies that lost a resource (then blamed on the English pages linking it), moved a question
    set to another domain, dropped a standard or changed a data item's rank were accepted."""
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    resources = (mini_content / "resources.toml").read_text(encoding="utf-8")
    write(mini_content / "cy/resources.toml", resources.replace('id = "paper"', 'id = "papur"'))
    questions = (mini_content / "matrix/test-questions.toml").read_text(encoding="utf-8")
    write(mini_content / "cy/matrix/test-questions.toml", questions.replace("domains = [1]", "domains = [2]"))
    write(mini_content / "cy/matrix/domains/06-domain-6.toml", mini_domain(6).replace("rank = 1", "rank = 2"))
    assert main(["validate", "--content", str(mini_content)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Content has 3 problems")
    assert (
        'content/cy/resources.toml (links): a translation keeps the links\' ids: this file has link "papur" where '
        'content/resources.toml has link "paper"\n'
        "   Hint: make them as in content/resources.toml: a translation changes the words, not the site's shape"
    ) in err
    assert (
        "content/cy/matrix/test-questions.toml (sets): a translation keeps each question set's id, domains and number "
        "of questions: this file has Q1 for domains 2, "
    ) in err
    assert (
        "content/cy/matrix/domains/06-domain-6.toml (data_items): a translation keeps its data items' appendix ranks: "
        "this file has rank 2 where content/matrix/domains/06-domain-6.toml has rank 1"
    ) in err


def test_a_translated_matrix_keeps_the_frameworks_version_that_files_record(
    mini_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Welsh version name was blamed on the English history, and Welsh files recorded it, so Distance
    travelled would take an English and a Welsh cycle of one team for different frameworks."""
    write(mini_content / "site.toml", 'title = "Mini site"\ntranslations = ["cy"]\n')
    matrix = (mini_content / "matrix/matrix.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "(.*)"$', matrix, re.M).group(1)
    write(mini_content / "cy/matrix/matrix.toml", matrix.replace(f'version = "{version}"', 'version = "Terfynol"'))
    assert main(["validate", "--content", str(mini_content)]) == 1
    assert (
        "content/cy/matrix/matrix.toml (version): a translation keeps the framework's version, which assessment "
        f'files record: this file has "Terfynol" where content/matrix/matrix.toml has "{version}"'
    ) in capsys.readouterr().err
