"""Upgrading assessment files saved by earlier releases to the current format, losing nothing.

Each step turns one version into the next and is a small pure function over the parsed file, so
it can be tested on its own and applied the same way by `mpw-static validate`, `mpw-static
upgrade` and (as MPW.format.upgrade) the page.
"""

from __future__ import annotations

from .models import ASSESSMENT_FORMAT_VERSION


def renumbered(data: dict, version: int) -> dict:
    """The file with only its version number changed: every field kept as it is, in its place."""
    return {key: (version if key == "format_version" else value) for key, value in data.items()}


def version_1_to_2(data: dict) -> dict:
    """Version 2 only adds optional fields (targets, next steps, leads, dates, domain priorities and
    last cycle's plan), so a version 1 file is a version 2 file with those left empty."""
    return renumbered(data, 2)


def version_2_to_3(data: dict) -> dict:
    """Version 3 only adds the optional meeting (its date, its domains, what to come back to), so a
    version 2 file is a version 3 file that was not agreed in meeting mode."""
    return renumbered(data, 3)


UPGRADES = {1: version_1_to_2, 2: version_2_to_3}


def to_current(data: dict) -> dict:
    """The file as the current version, one step at a time; a current file is returned as it is."""
    while data.get("format_version") in UPGRADES:
        data = UPGRADES[data["format_version"]](data)
    assert data.get("format_version") == ASSESSMENT_FORMAT_VERSION, "every older version has an upgrade step"
    return data
