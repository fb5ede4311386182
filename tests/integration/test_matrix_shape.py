"""The matrix's shape is the content's: a matrix of 3 domains and 7 indicators (3 + 2 + 2), built with the
real theme and pages, gives a whole site, passes `validate`, and its files are checked against it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from mpw_static.build import build_site
from mpw_static.cli import main
from mpw_static.theme import Strings
from support import SMALL_MATRIX_IDS, small_matrix_content

GOOD = {
    "format": "mpw-assessment",
    "format_version": 2,
    "framework_version": "FINAL – amended April 2023",
    "id": "5a11ba11-0000-4000-8000-000000000007",
    "ratings": {"1.3": {"statement": 4}, "3.2": {"statement": "n/a"}},
    "domains": {"3": {"context": "A small matrix"}},
    "created": "2026-06-01T09:00:00Z",
    "updated": "2026-06-01T10:00:00Z",
}


@pytest.fixture(scope="module")
def small_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_matrix_content(tmp_path_factory.mktemp("small") / "content")


@pytest.fixture(scope="module")
def small_site(small_content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small-site") / "dist"
    build_site(small_content, out)
    return out


def page_data(html: str) -> dict:
    return json.loads(re.search(r'id="mpw-assessment-data">(.*?)</script>', html, re.S).group(1))


def test_every_page_of_the_small_matrix_is_built(small_site: Path, small_content: Path) -> None:
    pages = sorted(path.relative_to(small_site).as_posix() for path in small_site.rglob("*.html"))
    own = sorted(path.stem + ".html" for path in (small_content / "pages").glob("*.md"))
    domains = ["domains/buy-in.html", "domains/external-relationships.html", "domains/internal-relationships.html"]
    assert pages == sorted([*own, *domains, *[f"cy/{page}" for page in own + domains], "mpw-development-matrix.html"])
    for language, words in (("", "Domain {n} of 3"), ("cy/", "Parth {n} o 3")):
        for number, page in enumerate(["buy-in", "internal-relationships", "external-relationships"], start=1):
            html = (small_site / f"{language}domains/{page}.html").read_text(encoding="utf-8")
            assert f'<p class="eyebrow">{words.format(n=number)}</p>' in html
    assert 'rel="next"' not in (small_site / "domains/external-relationships.html").read_text(encoding="utf-8")


def test_the_assessment_page_holds_the_small_matrix_and_nothing_else(small_site: Path) -> None:
    for page in ("assess.html", "cy/assess.html", "mpw-development-matrix.html"):
        html = (small_site / page).read_text(encoding="utf-8")
        assert re.findall(r'data-indicator="([0-9.]+)"', html) == SMALL_MATRIX_IDS, page
        assert re.findall(r'data-domain-progress="([0-9]+)"', html) == ["1", "2", "3"], page
        data = page_data(html)
        assert [indicator["id"] for indicator in data["indicators"]] == SMALL_MATRIX_IDS
        assert [domain["number"] for domain in data["domains"]] == [1, 2, 3]
        assert data["rules"]["fields"]["ratings"]["keys"] == {"of": SMALL_MATRIX_IDS, "name": "indicator"}
        assert data["rules"]["fields"]["domains"]["keys"] == {"of": ["1", "2", "3"], "name": "domain"}
        assert data["strings"]["expected_domain"] in ("a domain number from 1 to 3", "rhif parth o 1 i 3")
    assert "0 of 7 answered" in (small_site / "assess.html").read_text(encoding="utf-8")
    search = (small_site / "static/search/en.js").read_text(encoding="utf-8")
    assert re.findall(r'"k":"indicator","t":"([0-9.]+) ', search) == SMALL_MATRIX_IDS


def test_the_published_schema_is_the_small_matrix_s(small_site: Path) -> None:
    schema = json.loads((small_site / "assessment.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["ratings"]["propertyNames"] == {"enum": SMALL_MATRIX_IDS}
    assert schema["properties"]["domains"]["propertyNames"] == {"enum": ["1", "2", "3"]}
    jsonschema.validate(GOOD, schema)
    for wrong in ({"ratings": {"4.1": {"statement": 1}}}, {"domains": {"4": {}}}, {"ratings": {"1.4": {}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**GOOD, **wrong}, schema)


def test_validate_checks_the_small_matrix_and_files_against_it(
    small_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, wrong = tmp_path / "good.json", tmp_path / "wrong.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    wrong.write_text(json.dumps({**GOOD, "ratings": {"4.1": {"statement": 1}}, "domains": {"4": {}}}), "utf-8")
    assert main(["validate", "--content", str(small_content), str(good)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Content is valid: 3 domains, 7 indicators, 27 pages")
    assert out[-1] == "good.json: valid assessment (2 of 7 rated)"
    assert main(["validate", "--content", str(small_content), str(wrong)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "wrong.json (ratings.4.1): unknown indicator id 4.1",
        "   Hint: remove it, or correct it to an indicator id of the matrix, from 1.1 to 3.2",
        "wrong.json (domains.4.[key]): expected a domain number from 1 to 3",
        "   Hint: correct it in the file, or ask whoever sent it for a new download",
    ]


def test_the_small_matrix_s_file_is_refused_by_the_installed_matrix_where_it_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --content, files are checked against the matrix this release was installed with: 1.4
    is one of its 45 indicators, and the small matrix has no 1.4."""
    file = tmp_path / "team.json"
    file.write_text(json.dumps({**GOOD, "ratings": {"1.4": {"statement": 2}}}), encoding="utf-8")
    assert main(["validate", str(file)]) == 0
    assert capsys.readouterr().out == "team.json: valid assessment (1 of 45 rated)\n"


def test_the_catalogue_s_counts_are_the_content_s(mini_content: Path, tmp_path: Path) -> None:
    """The mini content has 8 domains and an appendix of 3 items: its pages say so, not 123."""
    build_site(mini_content, tmp_path / "dist")
    html = (tmp_path / "dist/domains/domain-1.html").read_text(encoding="utf-8")
    assert '<p class="eyebrow">Domain 1 of 8</p>' in html
    assert "Each item links to its place in the appendix, where all 3 items are ranked." in html


def test_counts_fill_only_their_own_placeholders() -> None:
    strings = Strings({"a": "{domain_count} of {n}", "b": "{appendix_count} items, {file}"}, "en.toml")
    counted = strings.with_counts({"domain_count": 3, "appendix_count": 12})
    assert (counted.a, counted.b) == ("3 of {n}", "12 items, {file}")
    assert strings.a == "{domain_count} of {n}"  # the catalogue itself is left as it is
