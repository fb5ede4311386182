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
