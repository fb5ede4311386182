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


# What an output folder holds, by site path: what was written there (the text or bytes, or for a file
# copied as it is, its source's path, modification time and size), and the written file's own
# modification time and size, so that a file changed since by anyone else is written again.
Written = dict[str, tuple[object, tuple[int, int]]]


def made(pages: dict[str, str | bytes], files: dict[str, Path]) -> dict[str, object]:
    """What each output is made from: its text, or the state of the file it is copied from."""
    state: dict[str, object] = dict(pages)
    for relative, source in files.items():
        found = source.stat()
        state[relative] = (str(source), found.st_mtime_ns, found.st_size)
    return state


def written(pages: dict[str, str | bytes], files: dict[str, Path], out_dir: Path) -> Written:
    """What out_dir holds after write_site wrote these outputs there."""
    return {relative: (state, file_state(out_dir / relative)) for relative, state in made(pages, files).items()}


def file_state(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_mtime_ns, found.st_size


def update_site(pages: dict[str, str | bytes], files: dict[str, Path], out_dir: Path, last: Written) -> Written:
    """Bring out_dir, which holds `last` (what an earlier write put there), up to date: write only the
    files that differ, each one whole (written beside itself and renamed over the old one), and remove
    those no longer made. For serve's rebuilds into its own folder: a changed page rewrites that page,
    not the whole site. Return what the folder now holds."""
    now = made(pages, files)
    for relative in last.keys() - now.keys():
        (out_dir / relative).unlink(missing_ok=True)
    holds: Written = {}
    for relative, state in now.items():
        target = out_dir / relative
        if relative in last and last[relative][0] == state and target.is_file():
            if file_state(target) == last[relative][1]:
                holds[relative] = last[relative]
                continue
        make_folders(target.parent)
        fresh = target.with_name(f".{target.name}.new")
        if relative in files:
            shutil.copyfile(files[relative], fresh)
        else:
            content = pages[relative]
            fresh.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        fresh.chmod(FILE_MODE)
        fresh.replace(target)
        holds[relative] = (state, file_state(target))
    return holds


def make_folders(folder: Path) -> None:
    """Make folder and its missing parents, with the modes of a published site."""
    if folder.is_dir():
        return
    make_folders(folder.parent)
    folder.mkdir()
    folder.chmod(FOLDER_MODE)


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
