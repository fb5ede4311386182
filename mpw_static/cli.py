"""Command line: argument parsing only; the work is done in build.py and serve.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .assessment_file import read_assessment
from .build import build_site, load_and_check
from .problems import ContentError
from .render import Theme

COMMANDS = ("build", "validate", "serve")


def parser() -> argparse.ArgumentParser:
    """Describe the commands: build (the default), validate and serve."""
    main = argparse.ArgumentParser(prog="mpw-static", description="Build the Multi-Professional Framework site.")
    commands = main.add_subparsers(dest="command")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
        sub.add_argument("--theme", type=Path, default=None, help="theme folder layered over themes/default")

    build = commands.add_parser("build", help="build the site into dist/ (the default command)")
    common(build)
    build.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    validate = commands.add_parser("validate", help="check the content and report every problem; write nothing")
    common(validate)
    validate.add_argument("files", nargs="*", type=Path, help="assessment .json files to check against the format")
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when content or theme changes")
    common(serve)
    serve.add_argument("--out", type=Path, default=Path("dist"), help="output folder (default: dist)")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    return main


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 content problems, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv = ["build", *argv]  # `python build.py --out x` means `build --out x`
    args = parser().parse_args(argv)
    command = args.command
    try:
        if command == "build":
            result = build_site(args.content, args.out, args.theme)
            print(f"Built {result.pages} pages and {result.files} files into {result.out_dir} "
                  f"in {result.seconds:.2f} s")
        elif command == "validate":
            framework = load_and_check(args.content, Theme.at(args.theme))
            print(f"Content is valid: {len(framework.domains)} domains, {len(framework.indicators)} indicators.")
            return check_files(args.files, [indicator.id for indicator in framework.indicators])
        elif command == "serve":
            from .serve import serve
            serve(args.content, args.out, args.theme, args.port)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def check_files(files: list[Path], indicator_ids: list[str]) -> int:
    """Check assessment files; print one line per good file and every problem of a bad one."""
    failed = 0
    for path in files:
        assessment, problems = read_assessment(path, indicator_ids)
        if assessment is not None:
            print(f"{path.name}: valid assessment ({len(assessment.ratings)} of {len(indicator_ids)} rated)")
        else:
            failed += 1
            for problem in problems:
                print(problem.describe(), file=sys.stderr)
    return 1 if failed else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
