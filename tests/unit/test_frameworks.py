"""The matrix this release knows, for validating files anywhere, stays in step with content/."""

from __future__ import annotations

from mpw_static import frameworks
from mpw_static.load import load_framework
from support import REAL_CONTENT


def test_the_known_framework_is_the_one_in_content() -> None:
    framework = load_framework(REAL_CONTENT)
    assert frameworks.CURRENT == framework.matrix.version
    assert frameworks.indicator_ids() == [indicator.id for indicator in framework.indicators]
    assert frameworks.indicator_ids("an unknown version") == frameworks.indicator_ids()
