"""What the build remembers is in the BuildCache its caller gives it, and reusing it changes nothing."""

from __future__ import annotations

import inspect
from pathlib import Path

import mpw_static.build
import mpw_static.csp
import mpw_static.load
import mpw_static.minify
import mpw_static.render
import mpw_static.search
import mpw_static.theme
from mpw_static.build import build_site
from mpw_static.cache import BuildCache


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_a_build_fills_the_cache_it_is_given_and_a_rebuild_from_it_is_the_same(
    mini_content: Path, tmp_path: Path
) -> None:
    cache = BuildCache()
    build_site(mini_content, tmp_path / "first", cache=cache)
    stores = {
        name: len(getattr(cache, name).values)
        for name in ("toml", "markdown", "environments", "inserts", "scans", "hooks", "minified")
    }
    assert all(stores.values()), stores
    build_site(mini_content, tmp_path / "again", cache=cache)
    assert {name: len(getattr(cache, name).values) for name in stores} == stores  # nothing new to remember
    assert site_files(tmp_path / "again") == site_files(tmp_path / "first")
    (mini_content / "site.toml").write_text('title = "Renamed site"\n', encoding="utf-8")
    build_site(mini_content, tmp_path / "changed", cache=cache)
    assert "Renamed site" in (tmp_path / "changed/index.html").read_text(encoding="utf-8")
    assert len(cache.toml.values) == stores["toml"] + 1  # only the changed file was parsed again


def test_no_function_of_the_build_has_a_cache_as_its_default() -> None:
    """A cache is passed on purpose: a default cache object would be shared by every caller that
    leaves it out, unseen (the issue's 17 signatures with a process-wide default)."""
    defaults = [
        f"{module.__name__}.{name}"
        for module in (
            mpw_static.build,
            mpw_static.csp,
            mpw_static.load,
            mpw_static.minify,
            mpw_static.render,
            mpw_static.search,
            mpw_static.theme,
        )
        for name, function in vars(module).items()
        if inspect.isfunction(function)
        for parameter in inspect.signature(function).parameters.values()
        if isinstance(parameter.default, BuildCache)
    ]
    assert defaults == []


def test_a_rebuild_into_its_own_folder_writes_only_what_changed_and_removes_what_is_gone(
    mini_content: Path, tmp_path: Path
) -> None:
    """serve's rebuild: the folder its last build wrote is brought up to date in place (one page
    changed rewrites that page), and ends as a fresh build of the same content would be."""
    cache, out = BuildCache(), tmp_path / "preview"
    build_site(mini_content, out, cache=cache)
    (out / "stray.txt").write_text("not made by the build", encoding="utf-8")
    (mini_content / "pages/extra.md").write_text(
        '+++\ntitle = "Extra"\nnav_title = "Extra"\n+++\nFor now.\n', encoding="utf-8"
    )
    build_site(mini_content, out, cache=cache)
    assert (out / "extra.html").is_file()
    before = {path: (out / path).stat().st_ino for path in site_files(out)}

    # Changed by another program, as serve's status file is by a failed rebuild: the build makes it
    # the same as before, and writes it again all the same.
    (out / "assessment.schema.json").write_text("changed by someone else", encoding="utf-8")
    page = mini_content / "pages/matrix.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    (mini_content / "pages/extra.md").unlink()
    build_site(mini_content, out, cache=cache)
    after = {path: (out / path).stat().st_ino for path in site_files(out)}
    rewritten = {path for path in after if before.get(path) != after[path]}
    assert "matrix.html" in rewritten and "A sentence added." in (out / "matrix.html").read_text(encoding="utf-8")
    assert "index.html" in rewritten  # its menu no longer links the removed page
    assert "assessment.schema.json" in rewritten
    assert "static/css/site.css" not in rewritten and "development-matrix.xlsx" not in rewritten
    assert "extra.html" not in after  # a page no longer made is removed
    assert "stray.txt" in after  # what the build did not write is not its to remove
    fresh = tmp_path / "fresh"
    build_site(mini_content, fresh)
    del after["stray.txt"]
    assert {path: (out / path).read_bytes() for path in after} == site_files(fresh)
    assert {path: mode for path, mode in modes(out).items() if path != "stray.txt"} == modes(fresh)


def modes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mode & 0o777 for path in folder.rglob("*")}
