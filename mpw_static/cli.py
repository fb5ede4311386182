"""Command line: argument parsing only; the work is done in build.py and serve.py."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from . import frameworks
from .assessment_file import parsed_and_upgraded, read_assessment
from .models import ASSESSMENT_FORMAT_VERSION
from .problems import ContentError, Problem, UsageError, bug_report


def parser() -> argparse.ArgumentParser:
    """Describe the commands and their options: build (the default), validate, upgrade, export, import, serve."""
    main = argparse.ArgumentParser(prog="mpw-static", description="Build the Multi-Professional Framework site.")
    commands = main.add_subparsers(dest="command")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, default=None, help="content folder (default: content)")
        sub.add_argument("--theme", type=Path, default=None, help="theme folder layered over themes/default")
        sub.add_argument("--strict", action="store_true", help="treat warnings as problems (fail on them)")

    def translations(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--strict-translations",
            action="store_true",
            help="fail if any translation still lacks content or interface strings",
        )

    build = commands.add_parser("build", help="build the site into dist/ (the default command)")
    common(build)
    translations(build)
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    build.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="published address, e.g. https://example.org/mpw/: adds canonical links, "
        "sitemap.xml, and robots.txt at the root of a host (default: site.toml's base_url, else none)",
    )
    build.add_argument(
        "--zip",
        type=Path,
        default=None,
        metavar="FILE.zip",
        help="also write the built site as one zip, for USB sticks and shared drives",
    )
    validate = commands.add_parser(
        "validate",
        help="check the content, its translations and the theme, as a build would, and report every problem; "
        "write nothing",
    )
    common(validate)
    translations(validate)
    validate.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="assessment .json files to check against the format, or folders of them (searched with their "
        "subfolders); from any folder, against the framework this release knows, unless --content names one",
    )
    upgrade = commands.add_parser(
        "upgrade",
        help="write a copy of each older assessment file in the current format, beside it "
        f"(NAME.v{ASSESSMENT_FORMAT_VERSION}.json)",
    )
    upgrade.add_argument("files", nargs="+", type=Path, help="assessment .json files; none is ever overwritten")
    export = commands.add_parser(
        "export", help="write each assessment file as a filled Excel workbook beside it (FILE.xlsx)"
    )
    export.add_argument("files", nargs="+", type=Path, help="assessment .json files")
    export.add_argument("--xlsx", action="store_true", required=True, help="as an Excel workbook (the one format)")
    workbook_options(export)
    imported = commands.add_parser(
        "import", help="read each filled Excel workbook back into an assessment file beside it (WORKBOOK.json)"
    )
    imported.add_argument("files", nargs="+", type=Path, help="filled .xlsx workbooks")
    workbook_options(imported)
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when content or theme changes")
    common(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    serve.add_argument("--drafts", action="store_true", help="show pages marked draft = true")
    return main


def workbook_options(sub: argparse.ArgumentParser) -> None:
    """The options export and import share."""
    sub.add_argument(
        "--content",
        type=Path,
        default=None,
        help="content folder whose matrix the workbook follows (default: content, else the one installed)",
    )
    sub.add_argument("--force", action="store_true", help="replace a file of the same name that is already there")


# How the README and every message name the commands: the project's own Python, in its folder.
BUILD_COMMAND = ".venv/bin/python build.py"
SIGPIPE_EXIT = 141  # what a shell reports for a program whose reader went away (128 + SIGPIPE)


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the process exit code (see EXIT)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py --out x` means `build --out x`
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ContentError as error:
        print(error, file=sys.stderr)
        return EXIT["content"]
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT["usage"]
    except BrokenPipeError:
        raise  # the reader went away: run() ends quietly
    except Exception as error:  # anything else is a bug in mpw-static, not the user's mistake
        return report_bug(error)


# Exit codes by kind of error (README, "Exit codes and pipes").
EXIT = {"content": 1, "usage": 2, "bug": 70}  # 70: EX_SOFTWARE, "internal software error", of sysexits.h


def report_bug(error: Exception) -> int:
    """Say in one line that mpw-static met a bug, and how to see where; the traceback only when asked."""
    print(bug_report(error), file=sys.stderr)
    return EXIT["bug"]


def build_command(args: argparse.Namespace) -> int:
    """Build the site and say what was written, left out and warned about."""
    from .build import BuildOptions, build_site  # the build's own libraries: not for checking files alone

    content = content_folder(args)
    base_url = args.base_url
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    options = BuildOptions(
        theme_dir=args.theme,
        base_url=base_url,
        zip_path=args.zip,
        strict=args.strict,
        strict_translations=args.strict_translations,
    )
    result = build_site(content, args.out, options=options)
    print(f"Built {result.pages} pages and {result.files} files into {result.out_dir} in {result.seconds:.2f} s")
    if result.zip_path:
        print(f"Wrote {result.zip_path}")
    for report in result.coverage:
        print(report.summary())
    if result.drafts:
        print(
            f"Left out {len(result.drafts)} draft page{'s' if len(result.drafts) > 1 else ''} "
            f"(draft = true; `serve --drafts` shows them): {', '.join(result.drafts)}"
        )
    for note in result.notes:
        print(note)
    if result.warnings:
        print(warnings_line(result.warnings))
    return 0


def warnings_line(warnings: tuple[Problem, ...]) -> str:
    """One line on a build's warnings: how many of each kind, and how to list them."""
    kinds = Counter(warning.kind for warning in warnings)
    named = [f"{count} {kind}" for kind, count in kinds.items() if kind]
    if named and kinds[""]:
        named.append(f"{kinds['']} more")
    count = len(warnings)
    return (
        f"{count} warning{'s' if count > 1 else ''} (the build went ahead)"
        + (f": {'; '.join(named)}" if named else "")
        + f". List them with `{BUILD_COMMAND} validate`; build with --strict to make them fail the build."
    )


def content_folder(args: argparse.Namespace) -> Path:
    """The content folder to read; when there is none, say so and what the command expects instead."""
    folder = args.content or Path("content")
    if folder.is_dir():
        return folder
    if args.content is not None:
        raise UsageError(f"{args.content}: there is no content folder here; give --content the path of one.")
    message = (
        f"There is no content folder here ({Path.cwd() / 'content'}). `{args.command}` reads a site's content: "
        "run it in the project's folder, or give --content FOLDER."
    )
    if args.command == "validate":
        message += (
            "\nTo check assessment files from any folder, name them: `mpw-static validate FILE.json …`, "
            "or a folder of them."
        )
    raise UsageError(message)


def validate_command(args: argparse.Namespace) -> int:
    """Check the content as a build would (unless only files are given), then each assessment file."""
    if args.files and args.content is None:  # files alone: no content folder needed
        return check_files(args.files, None)
    from .build import BuildOptions, assemble_site
    from .cache import BuildCache

    content = content_folder(args)
    options = BuildOptions(theme_dir=args.theme, strict=args.strict, strict_translations=args.strict_translations)
    site = assemble_site(content, options, BuildCache())  # every stage of a build but writing
    framework = site.framework
    warnings = site.warnings
    print(
        f"Content is valid: {len(framework.domains)} domains, {len(framework.indicators)} indicators, "
        f"{site.pages} pages" + (f", with {len(warnings)} warnings (--strict makes them fail):" if warnings else ".")
    )
    for number, warning in enumerate(warnings, start=1):
        print(f"{number}. {warning.describe()}")
    for report in site.coverage:
        print(report.summary())
    return check_files(args.files, [indicator.id for indicator in framework.indicators])


def files_to_check(paths: list[Path]) -> tuple[list[tuple[Path, str]], int]:
    """Each file to check with the name its messages give it, a folder's .json files (found in its
    subfolders too) in order; and how many problems were printed about the paths themselves."""
    found: list[tuple[Path, str]] = []
    failed = 0
    for path in paths:
        if not path.is_dir():
            found.append((path, path.name))
            continue
        inside = sorted(file for file in path.rglob("*") if file.suffix.lower() == ".json" and file.is_file())
        if not inside:
            failed += 1
            print(
                Problem(
                    str(path),
                    "",
                    "the folder holds no .json files (its subfolders were searched too)",
                    "give the folder the downloaded assessments were saved in, or name the files",
                ).describe(),
                file=sys.stderr,
            )
            continue
        print(f"{path}: checking {len(inside)} .json file{'s' if len(inside) > 1 else ''} in it and its subfolders")
        found += [(file, file.as_posix()) for file in inside]
    return found, failed


def check_files(paths: list[Path], indicator_ids: list[str] | None) -> int:
    """Check assessment files (a folder: its .json files); print one line per good file and every
    problem of a bad one, then a count when there was more than one.

    indicator_ids None means the matrix this release knows (mpw_static/frameworks.py)."""
    ids = indicator_ids or frameworks.indicator_ids()
    files, failed = files_to_check(paths)
    bad = 0
    for path, name in files:
        assessment, problems = read_assessment(path, ids, name)
        if assessment is not None:
            print(f"{name}: valid assessment ({len(assessment.ratings)} of {len(ids)} rated)")
        else:
            bad += 1
            for problem in problems:
                print(problem.describe(), file=sys.stderr)
    if len(files) > 1:
        print(f"Checked {len(files)} files: {len(files) - bad} valid, {bad} with problems.")
    return 1 if failed or bad else 0


def upgrade_command(args: argparse.Namespace) -> int:
    return upgrade_files(args.files)


def export_command(args: argparse.Namespace) -> int:
    """Write each assessment file as a filled workbook beside it."""
    from .workbook import export_files

    return export_files(args.files, args.content, args.force)


def import_command(args: argparse.Namespace) -> int:
    """Read each filled workbook back into an assessment file beside it."""
    from .workbook import import_files

    return import_files(args.files, args.content, args.force)


def serve_command(args: argparse.Namespace) -> int:
    """Preview the site until interrupted (livereload is only imported for this command)."""
    from .serve import serve

    serve(content_folder(args), args.theme, args.port, args.drafts)
    return 0


def upgrade_files(files: list[Path]) -> int:
    """Write NAME.v<current>.json beside each valid file of an older format version; never overwrite.

    Each file is checked first, as `validate` does: a file that does not open is reported, not copied."""
    failed = 0
    for path in files:
        assessment, problems = read_assessment(path, frameworks.indicator_ids())
        if assessment is None:
            failed += 1
            for problem in problems:
                print(problem.describe(), file=sys.stderr)
            continue
        version, upgraded = parsed_and_upgraded(path.read_bytes())
        current = assessment.format_version
        if version == current:
            print(f"{path.name}: already version {current}; nothing written")
            continue
        target = path.with_name(f"{path.stem}.v{current}.json")
        if target.exists():
            failed += 1
            print(
                f"{path.name}: {target.name} already exists; nothing written (move or rename it, then upgrade again)",
                file=sys.stderr,
            )
            continue
        text = json.dumps(upgraded, ensure_ascii=False, indent=2) + "\n"
        target.write_text(text, encoding="utf-8")
        print(f"{path.name}: version {version} → {current}, written to {target.name}")
    return 1 if failed else 0


# Each command's name, as typed, and the function that runs it with the parsed arguments.
COMMANDS = {
    "build": build_command,
    "validate": validate_command,
    "upgrade": upgrade_command,
    "export": export_command,
    "import": import_command,
    "serve": serve_command,
}


def run() -> None:
    """Console-script entry point (and build.py's). When the reader of the output goes away, as
    `validate … | head -1` does, stop quietly, as other command-line tools do, not with a traceback."""
    try:
        code = main()
        sys.stdout.flush()  # a closed pipe shows here when the output was still buffered
    except BrokenPipeError:
        # Python would flush stdout again on the way out and complain; point it at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = SIGPIPE_EXIT
    sys.exit(code)
