"""Themes: a folder of templates, static files and string catalogues, layered over the default theme.

A theme restyles the site. The assessment app's JavaScript is the generator's (mpw_static/app.py),
placed over the theme's static files; a theme replaces an app file only when its theme.toml says
so (override_app = ["static/js/…"]), and the build warns when it does.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .app import app_files
from .cache import BuildCache
from .problems import ContentError, NotUtf8, Problem, read_text, shown_path
from .template_errors import MissingString

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "themes" / "default"
THEME_CONFIG = "theme.toml"


class Strings:
    """The theme's UI text catalogue; a missing key is an error that names the key and file."""

    def __init__(self, values: dict[str, str], source: str):
        self._values = values
        self._source = source
        # Each string an attribute of its own, so that a template reads it without calling __getattr__
        # (a page reads hundreds), which then runs only for a key the catalogue lacks.
        own = vars(Strings)  # the class's methods: a key of the same name is read through __getattr__
        self.__dict__.update({k: text for k, text in values.items() if not k.startswith("_") and k not in own})
        self._prefixed: dict[str, dict[str, str]] = {}  # with_prefix's answers: every page asks for the same

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):  # Python's own probes (copy, pickle), not strings
            raise AttributeError(key)
        try:
            return self._values[key]
        except KeyError:
            raise MissingString(key, self._source, list(self._values)) from None

    def keys(self) -> list[str]:
        return list(self._values)

    def with_counts(self, counts: dict[str, int]) -> Strings:
        """The catalogue with the content's counts filled in where its words give them ({domain_count},
        {appendix_count}): how many there are is the content's to say, not the catalogue's. Other
        {placeholders} are left for the templates and the page's script to fill."""
        fills = {"{" + name + "}": str(count) for name, count in counts.items()}
        values = {}
        for key, text in self._values.items():
            if "{" in text:
                for placeholder, count in fills.items():
                    text = text.replace(placeholder, count)
            values[key] = text
        return Strings(values, self._source)

    def with_prefix(self, prefix: str) -> dict[str, str]:
        """The strings whose keys start with prefix, without it: the JavaScript's share of the catalogue."""
        if prefix not in self._prefixed:
            self._prefixed[prefix] = {
                key.removeprefix(prefix): value for key, value in self._values.items() if key.startswith(prefix)
            }
        return dict(self._prefixed[prefix])


@dataclass(frozen=True)
class Theme:
    """A theme folder, layered over the default theme so it may override any single file."""

    dirs: tuple[Path, ...]
    override_app: tuple[str, ...] = field(default=())  # app files the theme replaces, by its own choice
    # Where its string catalogues are remembered once parsed: the build's cache, or the theme's own.
    cache: BuildCache = field(default_factory=BuildCache, compare=False, repr=False)

    @classmethod
    def at(cls, path: Path | None, cache: BuildCache | None = None) -> Theme:
        """The theme in a folder (None: the default theme), remembering what it reads in the cache given."""
        cache = cache or BuildCache()
        if path is None or path.resolve() == DEFAULT_THEME:
            return cls((DEFAULT_THEME,), cache=cache)
        return cls((path.resolve(), DEFAULT_THEME), read_override_app(path.resolve()), cache)

    def strings(self, language: str, fallback: str | None = None) -> Strings:
        """The UI text for a language; keys it lacks come from the fallback language's catalogue."""
        values: dict[str, str] = {}
        languages = [fallback, language] if fallback and fallback != language else [language]
        for folder, code in [(folder, code) for code in languages for folder in reversed(self.dirs)]:
            path = folder / "strings" / f"{code}.toml"
            if path.is_file():
                values.update(self.catalogue(path))
        return Strings(values, shown_path(self.dirs[0] / "strings" / f"{language}.toml"))

    def catalogue(self, path: Path) -> dict[str, str]:
        """One strings file, parsed once for as long as its text stays the same (a build asks for each
        several times: every page's language, the language switcher, the coverage report)."""
        text = read_catalogue(path)
        try:
            return self.cache.toml.get(text, lambda: tomllib.loads(text))
        except tomllib.TOMLDecodeError as error:
            raise ContentError(
                [
                    Problem(
                        str(path),
                        "",
                        f"the string catalogue is not valid TOML: {error}",
                        "check the quotes and that each key appears once",
                    )
                ]
            ) from None

    def theme_static_files(self) -> dict[str, Path]:
        """Each of the themes' own static files by site path, the custom theme winning."""
        files: dict[str, Path] = {}
        for folder in reversed(self.dirs):
            static = folder / "static"
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    files["static/" + path.relative_to(static).as_posix()] = path
        return files

    def static_files(self) -> dict[str, Path]:
        """Every static file of the site: the themes' files, then the app's over them, except those
        the theme has chosen to replace."""
        files = self.theme_static_files()
        files.update(
            {path: source for path, source in app_files().items() if path not in self.override_app or path not in files}
        )
        return files

    def app_warnings(self) -> list[Problem]:
        """Warnings about app files a theme holds: replaced by its choice, or set aside because it did not say so."""
        warnings = []
        own = self.theme_static_files()
        for path in sorted(set(own) & set(app_files())):
            source = str(own[path])
            if path in self.override_app:
                warnings.append(
                    Problem(
                        source,
                        "",
                        f"the theme replaces the assessment app's {path}",
                        "if saving stops working, the page says it is not saving; remove it from "
                        "override_app in theme.toml to use mpw-static's own",
                        warning=True,
                    )
                )
            else:
                warnings.append(
                    Problem(
                        source,
                        "",
                        f"{path} belongs to the assessment app, so mpw-static's own is used instead",
                        f"restyle with CSS, strings and templates; to replace "
                        f'it anyway, add override_app = ["{path}"] to {THEME_CONFIG}',
                        warning=True,
                    )
                )
        return warnings


def read_catalogue(path: Path) -> str:
    """A strings file's text; one that is not UTF-8 is a problem naming it."""
    try:
        return read_text(path, shown_path(path))
    except NotUtf8 as error:
        raise ContentError([error.problem]) from None


def read_override_app(folder: Path) -> tuple[str, ...]:
    """The app files a theme's theme.toml says it replaces."""
    config = folder / THEME_CONFIG
    if not config.is_file():
        return ()
    try:
        values = tomllib.loads(read_text(config, shown_path(config)))
    except NotUtf8 as error:
        raise ContentError([error.problem]) from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(
            [
                Problem(
                    str(config),
                    "",
                    f"the theme's settings are not valid TOML: {error}",
                    "check the quotes and brackets",
                )
            ]
        ) from None
    paths = values.get("override_app", [])
    if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
        raise ContentError(
            [
                Problem(
                    str(config),
                    "override_app",
                    "expected a list of file paths",
                    'write override_app = ["static/js/assessment-format.js"]',
                )
            ]
        )
    return tuple(paths)
