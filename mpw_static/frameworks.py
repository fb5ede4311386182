"""The Development Matrix this release knows, read from the content it was installed with.

`mpw-static validate FILE.json` checks assessment files from any folder, with no content/ beside
it: a programme lead validates collected files wherever they were saved. Which indicators the
matrix has, and its version, are facts of content/, not of this code: they are read from the
project's own content/matrix (beside the package, as themes/default is), so a change to the matrix
there changes what `validate` knows, with nothing to keep in step by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .cache import BuildCache
from .load import MATRIX_FILE, Loader
from .models import MatrixInfo
from .problems import ContentError, UsageError

INSTALLED_CONTENT = Path(__file__).resolve().parent.parent / "content"


@dataclass(frozen=True)
class KnownMatrix:
    """A matrix's version and its indicator ids, in the order of its domains."""

    version: str
    indicator_ids: tuple[str, ...]


@cache
def known_matrix(content_dir: Path = INSTALLED_CONTENT) -> KnownMatrix:
    """The matrix of a content folder: its matrix.toml's version and its domain files' indicators.
    Read once per process (the installed content does not change under a running command)."""
    if not (content_dir / MATRIX_FILE).is_file():
        raise UsageError(
            f"{content_dir}: the content this release was installed with is not there, so it cannot say "
            "which matrix the files follow; give --content the path of a content folder."
        )
    loader = Loader(content_dir, "", "en", BuildCache())
    matrix = loader.load_toml(MATRIX_FILE, MatrixInfo)
    domains = loader.load_domains()
    if loader.problems:
        raise ContentError(loader.problems)
    ids = tuple(indicator.id for domain in domains for indicator in domain.indicators)
    return KnownMatrix(matrix.version, ids)


def indicator_ids(version: str | None = None) -> list[str]:
    """The indicator ids of the matrix this release knows. Content holds one version of the matrix,
    so a file naming any version (or none) is checked against its ids."""
    return list(known_matrix().indicator_ids)
