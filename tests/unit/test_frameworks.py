"""The matrix this release knows, for validating files anywhere, is read from content, not typed in code."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpw_static import frameworks
from mpw_static.load import load_framework
from mpw_static.problems import ContentError, UsageError
from support import REAL_CONTENT, mini_domain, write


def test_the_known_framework_is_the_one_in_content() -> None:
    framework = load_framework(REAL_CONTENT)
    known = frameworks.known_matrix()
    assert known.version == framework.matrix.version == "FINAL – amended April 2023"
    assert frameworks.indicator_ids() == [indicator.id for indicator in framework.indicators]
    assert frameworks.indicator_ids("an unknown version") == frameworks.indicator_ids()


def test_the_known_framework_follows_whatever_shape_the_content_has(mini_content: Path) -> None:
    for domain in mini_content.glob("matrix/domains/*.toml"):
        domain.unlink()
    for number, indicators in ((1, 3), (2, 2), (3, 2)):
        write(mini_content / f"matrix/domains/{number:02d}-domain-{number}.toml", mini_domain(number, indicators))
    known = frameworks.known_matrix(mini_content)
    assert known.version == "TEST"
    assert known.indicator_ids == ("1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2")


def test_installed_content_that_is_missing_or_broken_says_so(mini_content: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as missing:
        frameworks.known_matrix(tmp_path / "gone")
    assert str(missing.value) == (
        f"{tmp_path / 'gone'}: the content this release was installed with is not there, so it cannot say "
        "which matrix the files follow; give --content the path of a content folder."
    )
    write(mini_content / "matrix/domains/02-domain-2.toml", mini_domain(2).replace('id = "2.1"', 'id = "2.2"'))
    with pytest.raises(ContentError) as broken:
        frameworks.known_matrix(mini_content)
    assert 'indicator 1 of domain 2 has id "2.2", expected "2.1"' in str(broken.value)
