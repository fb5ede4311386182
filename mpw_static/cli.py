"""Command line: argument parsing only; the work is done in build.py and serve.py."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import frameworks
from .assessment_file import parsed_and_upgraded, read_assessment
from .build import BuildOptions, assemble_site, build_site
from .problems import ContentError

COMMANDS = ("build", "validate", "serve", "upgrade")


def parser() -> argparse.ArgumentParser:
    """Describe the commands: build (the default), validate and serve."""
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
        "sitemap.xml and robots.txt (default: site.toml's base_url, else none)",
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
        help="assessment .json files to check against the format; from any folder, against the "
        "framework this release knows, unless --content names one",
    )
    upgrade = commands.add_parser(
        "upgrade",
        help="write a copy of each older assessment file in the current format, beside it (NAME.v2.json)",
    )
    upgrade.add_argument("files", nargs="+", type=Path, help="assessment .json files; none is ever overwritten")
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild when content or theme changes")
    common(serve)
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    serve.add_argument("--drafts", action="store_true", help="show pages marked draft = true")
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
            result = build_site(args.content or Path("content"), args.out, options=options)
            print(
                f"Built {result.pages} pages and {result.files} files into {result.out_dir} in {result.seconds:.2f} s"
            )
            if result.zip_path:
                print(f"Wrote {result.zip_path}")
            for report in result.coverage:
                print(report.summary())
            if result.drafts:
                print(
                    f"Left out {len(result.drafts)} draft page{'s' if len(result.drafts) > 1 else ''} "
                    f"(draft = true; `serve --drafts` shows them): {', '.join(result.drafts)}"
                )
            if result.warnings:
                print(
                    f"{len(result.warnings)} warnings (the build went ahead): run `python build.py validate` "
                    "to list them, or build with --strict to make them fail the build."
                )
        elif command == "validate":
            if args.files and args.content is None:  # files alone: no content folder needed
                return check_files(args.files, None)
            content = args.content or Path("content")
            options = BuildOptions(
                theme_dir=args.theme, strict=args.strict, strict_translations=args.strict_translations
            )
            site = assemble_site(content, options)  # every stage of a build but writing
            framework = site.framework
            warnings = site.warnings
            print(
                f"Content is valid: {len(framework.domains)} domains, {len(framework.indicators)} indicators, "
                f"{site.pages} pages"
                + (f", with {len(warnings)} warnings (--strict makes them fail):" if warnings else ".")
            )
            for number, warning in enumerate(warnings, start=1):
                print(f"{number}. {warning.describe()}")
            for report in site.coverage:
                print(report.summary())
            return check_files(args.files, [indicator.id for indicator in framework.indicators])
        elif command == "upgrade":
            return upgrade_files(args.files)
        elif command == "serve":
            from .serve import serve

            serve(args.content or Path("content"), args.theme, args.port, args.drafts)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def check_files(files: list[Path], indicator_ids: list[str] | None) -> int:
    """Check assessment files; print one line per good file and every problem of a bad one.

    indicator_ids None means the matrix this release knows (mpw_static/frameworks.py)."""
    failed = 0
    for path in files:
        assessment, problems = read_assessment(path, indicator_ids or frameworks.indicator_ids())
        if assessment is not None:
            print(
                f"{path.name}: valid assessment ({len(assessment.ratings)} of "
                f"{len(indicator_ids or frameworks.indicator_ids())} rated)"
            )
        else:
            failed += 1
            for problem in problems:
                print(problem.describe(), file=sys.stderr)
    return 1 if failed else 0


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
            print(f"{path.name}: {target.name} already exists; nothing written", file=sys.stderr)
            continue
        text = json.dumps(upgraded, ensure_ascii=False, indent=2) + "\n"
        target.write_text(text, encoding="utf-8")
        print(f"{path.name}: version {version} → {current}, written to {target.name}")
    return 1 if failed else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
