"""The build's added time for its two Excel workbooks (development-matrix.xlsx and the Welsh one).

Measured in a fresh Python process each time, as a build runs: loading XlsxWriter, laying out and
writing both blank workbooks, and the assessment page's Excel data for each language. The content is loaded first, and the modules every build imports
anyway, and neither is counted.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_RUN = """
import sys, time
from pathlib import Path
import mpw_static.assessment_file, mpw_static.render  # imported by every build before the workbooks
from mpw_static.load import load_framework
from mpw_static.theme import Theme
content = Path(sys.argv[1])
frameworks = [load_framework(content)]
frameworks += [load_framework(content, code, frameworks[0].site.language) for code in frameworks[0].site.translations]
theme = Theme.at(None)
started = time.perf_counter()
from mpw_static.workbook import site_workbooks
books = site_workbooks(frameworks, theme)
print((time.perf_counter() - started) * 1000, sum(path.endswith(".xlsx") for path in books))
"""


def added_ms(repeats: int) -> float:
    """Median time, in ms, that the workbooks add to one build."""
    runs = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-c", ONE_RUN, str(ROOT / "content")],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        milliseconds, count = done.stdout.split()
        assert count == "2", "one workbook per language: English and Welsh"
        runs.append(float(milliseconds))
    return statistics.median(runs)


if __name__ == "__main__":
    print(f"Both workbooks, added to a build: {added_ms(9):.1f} ms (budget 150 ms)")
