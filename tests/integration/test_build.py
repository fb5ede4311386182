"""Build whole sites (a small fixture and the real content) and check what lands in the output."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mpw_static.build import build_site
from mpw_static.load import load_framework
from mpw_static.problems import ContentError
from support import REAL_CONTENT, ROOT

EXPECTED_PAGES = {
    "index.html",
    "framework.html",
    "matrix.html",
    "assess.html",
    "programme.html",
    "history.html",
    "appendix.html",
    "quality-standards.html",
    "resources.html",
    "accessibility.html",
    "mpw-development-matrix.html",
    "domains/buy-in.html",
    "domains/internal-relationships.html",
    "domains/external-relationships.html",
    "domains/information-sharing-and-governance.html",
    "domains/equity-and-equality.html",
    "domains/person-centred-practice.html",
    "domains/resources-human-and-financial.html",
    "domains/embedding-data-in-practice.html",
}


class TextAndLinks(HTMLParser):
    """Collect a page's visible text (whitespace folded) and every href/src it uses."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th", "tr", "li", "p"):
            self.chunks.append(" ")  # cells and blocks are read apart, with or without white space between tags
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
            if name == "id" and value:
                self.ids.add(value)

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.chunks))


def parse(path: Path) -> TextAndLinks:
    parser = TextAndLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_real_site_has_the_expected_pages(real_site: Path) -> None:
    welsh = {"cy/" + page for page in EXPECTED_PAGES if page != "mpw-development-matrix.html"}
    assert html_pages(real_site) == EXPECTED_PAGES | welsh


def test_every_indicator_and_statement_is_on_its_domain_page(real_site: Path) -> None:
    framework = load_framework(REAL_CONTENT)
    assert len(framework.indicators) == 45
    statements = 0
    for domain in framework.domains:
        text = parse(real_site / domain.href).text
        for indicator in domain.indicators:
            assert f"{indicator.id} {indicator.title}" in text
            for statement in indicator.statements:
                assert statement in text, f"{indicator.id}: {statement}"
                statements += 1
    assert statements == 225


def test_indicator_corrections_and_qualifiers(real_site: Path) -> None:
    person_centred = parse(real_site / "domains/person-centred-practice.html").text
    assert "6.7 Communication and language preferences" in person_centred
    assert "6.77" not in person_centred
    assert "(only where this is appropriate to the circumstances of the person)" in person_centred
    external = parse(real_site / "domains/external-relationships.html").text
    assert "[only if additional and relevant to 3.1, 3.2, 3.3]" in external


def test_appendix_lists_all_123_items_with_rank_and_score(real_site: Path) -> None:
    framework = load_framework(REAL_CONTENT)
    page = parse(real_site / "appendix.html")
    assert len(framework.appendix.items) == 123
    for item in framework.appendix.items:
        assert f"{item.rank} {item.statement} {item.score}" in page.text
        assert f"rank-{item.rank}" in page.ids
    assert "1 Delivery of safe, high quality, effective care 9.6357" in page.text
    assert "123 Supporting each other’s CPD 6.7872" in page.text


def test_test_questions_appear_on_the_domains_they_serve(real_site: Path) -> None:
    framework = load_framework(REAL_CONTENT)
    served = {qset.id: qset.domains for qset in framework.test_questions}
    assert served == {"Q1": [1], "Q2": [2], "Q3": [3], "Q4": [4, 5, 6], "Q5": [7, 8]}
    assert sum(len(qset.questions) for qset in framework.test_questions) == 23
    for qset in framework.test_questions:
        for number in qset.domains:
            text = parse(real_site / framework.domain(number).href).text
            assert qset.heading in text
            for question in qset.questions:
                assert question in text


def test_standards_keep_their_own_quality_statements(real_site: Path) -> None:
    framework = load_framework(REAL_CONTENT)
    counts = {standard.name: len(standard.quality_statements) for standard in framework.standards}
    assert counts == {"Safe": 6, "Effective": 4, "Person-centered": 7, "Timely": 6, "Efficient": 6, "Equitable": 4}
    html = (real_site / "framework.html").read_text(encoding="utf-8")
    safe = html[html.index('id="standard-safe"') : html.index('id="standard-effective"')]
    assert "Development of trusted relationships &amp; agreed communication links between services" in safe
    assert "Working to maximum level of competency" not in safe


def test_key_messages_are_kept_word_for_word(real_site: Path) -> None:
    home = parse(real_site / "index.html").text
    assert "It is important to recognise this is not a performance management tool" in home
    assert "It is not a race to achieve statement 5." in home
    matrix = parse(real_site / "matrix.html").text
    assert "it is not a performance management tool, and it will only be useful if people are honest" in matrix
    assert "[FINAL – amended April 2023]" in matrix


def test_named_resources_without_addresses_are_plain_text(real_site: Path) -> None:
    html = (real_site / "resources.html").read_text(encoding="utf-8")
    assert '<span class="resource-pending">Read the Group Concept Mapping Findings.</span>' in html
    for title in ("Introduction", "Matrix Introduction", "Closing remarks", "Domain 8 – EMBEDDING DATA IN PRACTICE"):
        assert title in parse(real_site / "resources.html").text


def test_links_are_relative_name_files_and_stay_inside(real_site: Path) -> None:
    for page in sorted(html_pages(real_site)):
        parsed = parse(real_site / page)
        for url in parsed.urls:
            if url.startswith(("https://", "http://")):
                assert not url.endswith((".css", ".js")), f"{page} loads {url} from outside"
                continue
            if url == "data:,":  # the empty favicon, which stops browsers asking the host for one
                continue
            assert not url.startswith(("/", "//", "file:")), f"{page}: {url} is not relative"
            path = url.split("#", 1)[0]
            if not path:
                continue
            assert not path.endswith("/"), f"{page}: {url} points to a folder"
            target = (real_site / page).parent / path
            assert target.resolve().is_file(), f"{page}: {url} is broken"
            assert real_site.resolve() in target.resolve().parents


def test_no_page_loads_anything_from_outside(real_site: Path) -> None:
    for page in sorted(html_pages(real_site)):
        html = (real_site / page).read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", html), page
        assert "@import" not in html and "fonts.googleapis" not in html


def test_every_page_has_skip_link_title_and_current_marker(real_site: Path) -> None:
    for page in sorted(html_pages(real_site)):
        html = (real_site / page).read_text(encoding="utf-8")
        assert '<a class="skip-link" href="#main">' in html and 'id="main"' in html, page
        title = re.search(r"<title[^>]*>(.*?)</title>", html).group(1)
        # The site's title in the page's language (site.toml's [translated.cy]).
        site_title = "Fframwaith Amlbroffesiynol" if page.startswith("cy/") else "Multi-Professional Framework"
        assert len(title) > 10 and site_title in title, page
        if page != "mpw-development-matrix.html":  # one page: its menu links within itself
            assert "aria-current=" in html, page


def test_fixture_site_builds_with_its_own_content(mini_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build_site(mini_content, out)
    assert result.pages == 3 + 8
    home = parse(out / "index.html")
    assert "Mini home" in home.text
    assert "https://example.org/channel" in home.urls
    assert "matrix.html" in home.urls
    assert "Statement 5 of 8.1" in parse(out / "domains/domain-8.html").text


def test_failed_build_leaves_previous_output_untouched(mini_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(mini_content, out)
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    broken = mini_content / "matrix/domains/02-domain-2.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('"Statement 5 of 2.1",', ""), encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(mini_content, out)
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_rebuild_replaces_output_whole(mini_content: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_site(mini_content, out)
    (out / "stale.html").write_text("old", encoding="utf-8")
    build_site(mini_content, out)
    assert not (out / "stale.html").exists()
    assert (out / "index.html").is_file()


def test_readme_documents_every_cli_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("build", "validate", "serve"):
        assert f"mpw-static {command}" in readme or f"python build.py {command}" in readme, command


def test_build_writes_the_assessment_schema_for_the_45_indicators(real_site: Path) -> None:
    import json

    schema = json.loads((real_site / "assessment.schema.json").read_text(encoding="utf-8"))
    ids = schema["properties"]["ratings"]["propertyNames"]["enum"]
    assert len(ids) == 45 and ids[0] == "1.1" and ids[-1] == "8.6" and "6.7" in ids


def test_cli_validate_checks_content_and_assessment_files(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    import json

    from mpw_static.cli import main

    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "format": "mpw-assessment",
                "format_version": 1,
                "framework_version": "FINAL – amended April 2023",
                "id": "abcdef12",
                "ratings": {"8.6": {"statement": 5, "evidence": "fully-achieved"}},
                "created": "2026-11-23T09:00:00Z",
                "updated": "2026-11-23T09:00:00Z",
            }
        ),
        encoding="utf-8",
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "mpw-assessment", "format_version": 1', encoding="utf-8")
    assert main(["validate", "--content", str(REAL_CONTENT), str(good)]) == 0
    assert "good.json: valid assessment (1 of 45 rated)" in capsys.readouterr().out
    assert main(["validate", "--content", str(REAL_CONTENT), str(good), str(bad)]) == 1
    assert "bad.json, line 1: the file is not valid JSON" in capsys.readouterr().err


def test_the_small_number_rule_of_the_across_services_page_is_set_in_site_toml(
    real_content_copy: Path, tmp_path: Path
) -> None:
    site = real_content_copy / "site.toml"
    site.write_text(site.read_text(encoding="utf-8").replace("smallest_group = 3", "smallest_group = 5"), "utf-8")
    build_site(real_content_copy, tmp_path / "dist")
    html = (tmp_path / "dist/programme.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="mpw-assessment-data">(.*?)</script>', html, re.S).group(1))
    assert data["smallestGroup"] == 5
    assert "a figure built from fewer than 5 services is not shown" in html
    site.write_text(site.read_text(encoding="utf-8").replace("smallest_group = 5", "smallest_group = 0"), "utf-8")
    with pytest.raises(ContentError) as raised:
        build_site(real_content_copy, tmp_path / "dist")
    assert re.search(
        r"site.toml, line \d+ \(smallest_group\): the number 0 is less than 1, the smallest allowed\n   Hint: use 1 or more",
        str(raised.value),
    )
