"""Build the site: `python build.py` (same as `mpw-static build`). See README.md for the commands."""

import sys
from pathlib import Path

# Run from a checkout without installing: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mpw_static.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
