"""Translation coverage: what a language still takes from the default language, content and interface."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Framework
from .problems import Problem
from .render import menu_labels_needed
from .theme import Theme


@dataclass(frozen=True)
class Coverage:
    """One translation's gaps: content files and interface strings still in the default language."""

    language: str
    content: tuple[str, ...]  # content files (relative to content/) read in the default language
    content_total: int
    strings: tuple[str, ...]  # catalogue keys missing from strings/<language>.toml
    strings_total: int
    content_dir: str

    @property
    def missing(self) -> int:
        return len(self.content) + len(self.strings)

    def summary(self) -> str:
        """The report the build prints: counts first, then exactly what is missing."""
        lines = [
            f"Translation coverage, {self.language}: content files {self.content_total - len(self.content)} "
            f"of {self.content_total} translated; interface strings {self.strings_total - len(self.strings)} "
            f"of {self.strings_total}."
        ]
        if self.content:
            lines.append(
                f"  Content still in the default language (add it under {self.content_dir}/{self.language}/): "
                + ", ".join(self.content)
            )
        if self.strings:
            lines.append(f"  Interface strings missing from strings/{self.language}.toml: " + ", ".join(self.strings))
        return "\n".join(lines)

    def problems(self) -> list[Problem]:
        """The gaps as problems, for --strict-translations."""
        return [
            Problem(
                f"{self.content_dir}/{self.language}/{path}",
                "",
                "not translated yet",
                f"add the {self.language} version of {self.content_dir}/{path}",
            )
            for path in self.content
        ] + [
            Problem(
                f"strings/{self.language}.toml",
                key,
                "interface string not translated yet",
                f'add {key} = "…" in {self.language}',
            )
            for key in self.strings
        ]


def translation_coverage(default: Framework, translated: Framework, theme: Theme) -> Coverage:
    """Compare a translation with the default language, file by file and string by string."""
    language = translated.site_language
    # The menu labels of pages not yet translated are interface strings of the translation too.
    source_strings = theme.strings(default.site.language).keys() + menu_labels_needed(translated)
    own_strings = theme.strings(language, None).keys()
    files = [
        *{page.source.split("/", 1)[1] for page in default.pages},
        *{domain.source.split("/", 1)[1] for domain in default.domains},
        "matrix/matrix.toml",
        "matrix/test-questions.toml",
        "matrix/appendix.toml",
        "matrix/workforce.toml",
        "standards.toml",
        "resources.toml",
        *(["history.toml"] if default.history.framework or default.history.website else []),
    ]
    return Coverage(
        language,
        tuple(sorted(translated.fallbacks)),
        len(set(files)),
        tuple(sorted(set(source_strings) - set(own_strings))),
        len(source_strings),
        default.content_label,
    )
