"""The Development Matrix versions this release knows, by their indicator ids.

`mpw-static validate FILE.json` checks assessment files from any folder, with no content/ beside
it: a programme lead validates collected files wherever they were saved. A test keeps this list in
step with content/ (tests/unit/test_frameworks.py), so a change to the matrix updates both.
"""

from __future__ import annotations

# Indicators per domain, in order: domain 1 has 1.1–1.4, domain 2 has 2.1–2.5, and so on.
_APRIL_2023 = {1: 4, 2: 5, 3: 5, 4: 6, 5: 4, 6: 8, 7: 7, 8: 6}

KNOWN: dict[str, tuple[str, ...]] = {
    "FINAL – amended April 2023": tuple(
        f"{domain}.{n}" for domain, count in _APRIL_2023.items() for n in range(1, count + 1)
    ),
}
CURRENT = "FINAL – amended April 2023"


def indicator_ids(version: str | None = None) -> list[str]:
    """The indicator ids of a known framework version; the current one for None or an unknown version."""
    return list(KNOWN.get(version or CURRENT, KNOWN[CURRENT]))
