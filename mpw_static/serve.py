"""Live preview: build, serve the output on 127.0.0.1, rebuild and reload when sources change.

The preview is built into a temporary folder of its own, removed when serve stops, so that dist/
only ever holds what `build` makes: a publisher can upload it after a preview without finding
preview scripts in it. A failed rebuild leaves the last good site in place. Its error is printed in the terminal and
written to _preview/status.js, which the preview build's pages read to show it over the page
until the next good build.
"""

from __future__ import annotations

import errno
import shutil
import socket
import tempfile
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler

from .build import PREVIEW_STATUS, BuildOptions, build_site, check_theme_folder, preview_status
from .cache import BuildCache
from .csp import sha256_source
from .problems import ContentError, UsageError, bug_report
from .theme import DEFAULT_THEME

# The snippet livereload injects into each page when it shares the site's port (its Server.application
# builds it from this template). The preview's policy allows it by hash; the serve test fails if a new
# livereload version changes it.
LIVERELOAD_SNIPPET = (
    '(function(){var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);})();"
)


def check_port_free(port: int) -> None:
    """Stop before building when another program already listens on the port."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            if error.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise
            raise UsageError(
                f"http://127.0.0.1:{port}/: port {port} is already in use (is another preview running?); "
                f"stop the other program, or choose another port: serve --port {port + 1}"
            ) from None


def serve(content_dir: Path, theme_dir: Path | None, port: int, drafts: bool = False) -> None:
    """Serve until interrupted, from a temporary folder that is removed afterwards."""
    check_theme_folder(theme_dir)
    check_port_free(port)
    out_dir = Path(tempfile.mkdtemp(prefix="mpw-preview-")) / "site"
    try:
        run_preview(content_dir, out_dir, theme_dir, port, drafts)
    finally:
        shutil.rmtree(out_dir.parent, ignore_errors=True)


def run_preview(content_dir: Path, out_dir: Path, theme_dir: Path | None, port: int, drafts: bool) -> None:
    """Build once, then serve, rebuilding on every change from one cache kept for all the rebuilds."""
    preview = {
        "script": sha256_source(LIVERELOAD_SNIPPET),
        "connect": f"'self' ws://127.0.0.1:{port} ws://localhost:{port}",
    }
    options = BuildOptions(theme_dir=theme_dir, preview=preview, drafts=drafts)
    cache = BuildCache()  # most of a rebuild's work is as the last one's: parsed files, Markdown, templates

    def rebuild() -> None:
        try:
            result = build_site(content_dir, out_dir, options=options, cache=cache)
            print(f"Rebuilt {result.pages} pages in {result.seconds * 1000:.0f} ms", flush=True)
        except (ContentError, UsageError) as error:
            show_failure(str(error))
        except Exception as error:  # a bug: say so, and keep serving the last good site
            show_failure(bug_report(error))

    def show_failure(message: str) -> None:
        print(message, flush=True)
        status = out_dir / PREVIEW_STATUS
        if status.parent.is_dir():  # only over a good build; there is nothing to show otherwise
            status.write_text(preview_status(message), encoding="utf-8")

    rebuild()
    # livereload skips reloads within 3 s of the last one; an author saving twice quickly would be
    # left looking at the older page.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server()
    server.watch(str(content_dir), rebuild)
    server.watch(str(DEFAULT_THEME.parent), rebuild)
    if theme_dir is not None:
        server.watch(str(theme_dir), rebuild)
    print(f"Serving a preview at http://127.0.0.1:{port}/ (Ctrl+C to stop; dist/ is not touched)", flush=True)
    server.serve(root=str(out_dir), host="127.0.0.1", port=port, open_url_delay=None)
