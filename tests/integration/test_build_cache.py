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


def rebuild_matches_a_fresh_build(content: Path, cache: BuildCache, out: Path, fresh: Path, **options) -> dict:
    """Rebuild with the kept cache and with a new one; return the rebuilt site's files, which must be the
    fresh build's byte for byte."""
    build_site(content, out, cache=cache, **options)
    build_site(content, fresh, cache=BuildCache(), **options)
    rebuilt, expected = site_files(out), site_files(fresh)
    assert rebuilt == expected, sorted(
        name for name in rebuilt.keys() | expected.keys() if rebuilt.get(name) != expected.get(name)
    )
    return rebuilt


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


class Renders:
    """Which pages of a language the last build rendered, rather than kept from the one before."""

    def __init__(self, cache: BuildCache, language: str = "en"):
        self.cache, self.language = cache, language
        self.mark()

    def mark(self) -> None:
        self.kept = {output: html for output, (html, _) in self.cache.renders[self.language].pages.items()}

    def again(self) -> set[str]:
        pages = self.cache.renders[self.language].pages
        return {output for output, (html, _) in pages.items() if html is not self.kept.get(output)}


def test_after_an_edit_to_one_page_only_the_pages_that_read_its_text_are_rendered_again(
    real_content_copy: Path, tmp_path: Path
) -> None:
    """serve's rebuild keeps each page's HTML while nothing it was made from has changed: every site it
    makes is the same as a build from nothing, and the pages an edit cannot change are not rendered."""
    content, cache = real_content_copy, BuildCache()
    build_site(content, tmp_path / "out", cache=cache)
    english, welsh = Renders(cache), Renders(cache, "cy")
    all_pages = set(english.kept)

    # A page's text: that page alone, and the Welsh page that falls back to it.
    edit(content / "pages/framework.md", "\n\n", "\n\nA sentence added in the preview.\n\n")
    files = rebuild_matches_a_fresh_build(content, cache, tmp_path / "out", tmp_path / "fresh-1")
    assert b"A sentence added in the preview." in files["framework.html"]
    assert english.again() == {"framework.html"}
    # The assessment page's text is in the single file too.
    english.mark()
    edit(content / "pages/assess.md", "\n\n", "\n\nA word before the form.\n\n")
    files = rebuild_matches_a_fresh_build(content, cache, tmp_path / "out", tmp_path / "fresh-2")
    assert english.again() == {"assess.html", "mpw-development-matrix.html"}
    assert b"A word before the form." in files["mpw-development-matrix.html"]
    # A page's front matter (its title, its menu entry) and a domain's text may show on any page:
    # after either, every page is rendered again, in both languages (one rebuild for both, to keep
    # the test short).
    english.mark(), welsh.mark()
    edit(content / "pages/resources.md", 'title = "Useful resources"', 'title = "Useful things"')
    domain = sorted((content / "matrix/domains").glob("*.toml"))[0]
    edit(domain, 'title = "', 'title = "Renamed: ')
    files = rebuild_matches_a_fresh_build(content, cache, tmp_path / "out", tmp_path / "fresh-3")
    assert b"Useful things" in files["resources.html"] and b"Renamed: " in files["matrix.html"]
    assert english.again() == all_pages and welsh.again() == set(welsh.kept)


def test_a_template_that_reads_another_pages_text_is_rendered_again_when_that_text_changes(
    real_content_copy: Path, tmp_path: Path
) -> None:
    """A theme's template may reach any page's text through framework.pages: the build notices that it
    read it, and renders that page again after the text changes; a changed template is rendered again."""
    content, cache = real_content_copy, BuildCache()
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    default_page = (Path(mpw_static.render.__file__).parents[1] / "themes/default/templates/page.html").read_text(
        encoding="utf-8"
    )
    quoting = "{% for other in framework.pages if other.output == 'framework.html' %}<p class=quoted>{{ other.parts[0].text[:400] }}</p>{% endfor %}"
    assert "{% block main %}" in default_page
    (theme / "templates/page.html").write_text(
        default_page.replace("{% block main %}", "{% block main %}" + quoting, 1), encoding="utf-8"
    )
    build_site(content, tmp_path / "out", cache=cache, theme_dir=theme)
    english = Renders(cache)
    edit(content / "pages/framework.md", "\n\n", "\n\nQuoted elsewhere.\n\n")
    files = rebuild_matches_a_fresh_build(content, cache, tmp_path / "out", tmp_path / "fresh-1", theme_dir=theme)
    assert b"Quoted elsewhere." in files["resources.html"]
    assert {"framework.html", "resources.html"} <= english.again()
    assert "assess.html" not in english.again()  # its template reads no page's text but its own
    english.mark()
    edit(theme / "templates/page.html", "<p class=quoted>", "<p class=quoted-now>")
    files = rebuild_matches_a_fresh_build(content, cache, tmp_path / "out", tmp_path / "fresh-2", theme_dir=theme)
    assert b"quoted-now" in files["resources.html"]
    assert english.again() == set(english.kept)
