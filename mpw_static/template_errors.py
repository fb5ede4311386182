"""Mistakes in a theme's templates and strings, as Problems: the template, the line and a fix.

Jinja raises a different exception for each kind of mistake, deep inside a render. The render
stage hands each one to `template_problem`, which finds the theme's own file and line in it
(Jinja rewrites tracebacks so that template lines appear as frames of the template file).
"""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError

from .problems import Problem, did_you_mean, shown_path


class MissingString(Exception):
    """A template asked for a string that no catalogue of its language has."""

    def __init__(self, key: str, source: str, known: list[str]):
        super().__init__(f"string '{key}' is missing from {source}")
        self.key = key
        self.source = source
        self.known = known


def is_template_mistake(error: BaseException) -> bool:
    """Whether an error comes from a template or a strings file (a mistake in a theme), not from a bug
    in mpw-static: Jinja's own errors, a missing string, or any error raised on a template's line."""
    return isinstance(error, TemplateError | MissingString | UnicodeDecodeError) or bool(template_frame(error)[0])


def template_frame(error: BaseException) -> tuple[str, int | None]:
    """The innermost template file and line in an error's traceback, or ("", None)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename.endswith(".html")]
    if not frames:
        return "", None
    return shown_path(frames[-1].filename), frames[-1].lineno


def template_problem(error: Exception, templates: list[str], page_source: str = "", page_template: str = "") -> Problem:
    """Describe a template mistake for the person who can fix it. templates: the names a theme offers;
    page_source and page_template: the content file being rendered and the template it asked for."""
    if isinstance(error, TemplateSyntaxError):
        return Problem(
            shown_path(error.filename) if error.filename else str(error.name or "a template"),
            "",
            f"template syntax error: {error.message}",
            "check the {% … %} and {{ … }} tags on that line: each {% if %}, {% for %}, {% block %} and "
            "{% macro %} needs its {% end… %}, and each tag its closing brackets",
            line=error.lineno,
        )
    file, line = template_frame(error)
    if isinstance(error, MissingString):
        return Problem(
            error.source,
            error.key,
            f'the string "{error.key}" is missing; {Path(file).name or "a template"}'
            + (f", line {line}," if line else "")
            + " uses it",
            f'add {error.key} = "…" to the strings file' + did_you_mean(error.key, error.known),
        )
    if isinstance(error, TemplateNotFound):
        asked_by_page = error.name == page_template and page_source
        return Problem(
            page_source if asked_by_page else file or "a template",
            "template" if asked_by_page else "",
            f'there is no template "{error.name}"',
            "use one of the theme's templates"
            + did_you_mean(str(error.name), templates, ".html")
            + f": {', '.join(sorted(templates))}",
            line=line,
        )
    if isinstance(error, UnicodeDecodeError):
        return Problem(
            file or "a template",
            "",
            "the template is not UTF-8 text",
            "save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)",
        )
    kind = "undefined value" if isinstance(error, UndefinedError) else type(error).__name__
    return Problem(
        file or page_source or "a template",
        "",
        f"the template could not be rendered ({kind}: {error})",
        "check the names and arguments used on that line against the default theme's templates",
        line=line,
    )
