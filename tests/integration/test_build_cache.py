"""What the build remembers is in the one BuildCache it is given, and reusing it changes nothing."""

from __future__ import annotations

from pathlib import Path

from mpw_static.build import BuildOptions, build_site
from mpw_static.cache import BuildCache


def site_files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_a_build_fills_the_cache_it_is_given_and_a_rebuild_from_it_is_the_same(
    mini_content: Path, tmp_path: Path
) -> None:
    cache = BuildCache()
    build_site(mini_content, tmp_path / "first", options=BuildOptions(cache=cache))
    stores = {
        name: len(getattr(cache, name).values) for name in ("toml", "markdown", "environments", "scans", "minified")
    }
    assert all(stores.values()), stores
    build_site(mini_content, tmp_path / "again", options=BuildOptions(cache=cache))
    assert {name: len(getattr(cache, name).values) for name in stores} == stores  # nothing new to remember
    assert site_files(tmp_path / "again") == site_files(tmp_path / "first")
    (mini_content / "site.toml").write_text('title = "Renamed site"\n', encoding="utf-8")
    build_site(mini_content, tmp_path / "changed", options=BuildOptions(cache=cache))
    assert "Renamed site" in (tmp_path / "changed/index.html").read_text(encoding="utf-8")
    assert len(cache.toml.values) == stores["toml"] + 1  # only the changed file was parsed again
