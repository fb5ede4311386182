"""Write stage: the only module that touches the output folder (and its zip, --zip).

The site is written to a temporary folder beside the output and swapped in at the end, so a
failed build never leaves a half-written dist/ behind. What it writes is readable by everyone
(folders 0755, files 0644), whatever the umask and the temporary folder's own 0700: a web server
running as another user serves it in place, and a copy that keeps permissions carries those.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path


def write_site(pages: dict[str, str | bytes], files: dict[str, Path], out_dir: Path) -> None:
    """Write generated outputs (pages and other text; workbooks as bytes) and copied files into
    out_dir, replacing it whole."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-new-", dir=out_dir.parent))
    try:
        for relative, html in pages.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(html, bytes):
                target.write_bytes(html)
            else:
                target.write_text(html, encoding="utf-8")
        for relative, source in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        make_readable(staging)
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


FOLDER_MODE = 0o755
FILE_MODE = 0o644


def make_readable(folder: Path) -> None:
    """Give the folder and everything in it the modes of a published site."""
    folder.chmod(FOLDER_MODE)
    for path in folder.rglob("*"):
        path.chmod(FOLDER_MODE if path.is_dir() else FILE_MODE)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace out_dir with staging using renames, so readers see the old site or the new one."""
    if not out_dir.exists():
        staging.rename(out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
    retired.rmdir()
    out_dir.rename(retired)
    try:
        staging.rename(out_dir)
    except OSError:
        retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def write_zip(out_dir: Path, zip_path: Path) -> Path:
    """Zip the built site, inside a folder named after it, for copying to USB sticks."""
    zip_path = zip_path.resolve()
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    folder = zip_path.stem
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out_dir.rglob("*")):
            if path.is_file() and path.name != "_headers":
                archive.write(path, f"{folder}/{path.relative_to(out_dir).as_posix()}")
    return zip_path
