"""Live preview: build, serve the output on 127.0.0.1, rebuild and reload when sources change.

A failed rebuild leaves the last good site in place. Its error is printed in the terminal and
written to _preview/status.js, which the preview build's pages read to show it over the page
until the next good build.
"""

from __future__ import annotations

from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler

from .build import PREVIEW_STATUS, BuildOptions, build_site, preview_status
from .csp import sha256_source
from .problems import ContentError
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


def serve(content_dir: Path, out_dir: Path, theme_dir: Path | None, port: int) -> None:
    """Serve until interrupted."""
    preview = {
        "script": sha256_source(LIVERELOAD_SNIPPET),
        "connect": f"'self' ws://127.0.0.1:{port} ws://localhost:{port}",
    }
    options = BuildOptions(theme_dir=theme_dir, preview=preview)

    def rebuild() -> None:
        try:
            result = build_site(content_dir, out_dir, options=options)
            print(f"Rebuilt {result.pages} pages in {result.seconds * 1000:.0f} ms", flush=True)
        except ContentError as error:
            print(error, flush=True)
            status = out_dir / PREVIEW_STATUS
            if status.parent.is_dir():  # only over a good build; there is nothing to show otherwise
                status.write_text(preview_status(str(error)), encoding="utf-8")

    rebuild()
    # livereload skips reloads within 3 s of the last one; an author saving twice quickly would be
    # left looking at the older page.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server()
    server.watch(str(content_dir), rebuild)
    server.watch(str(DEFAULT_THEME.parent), rebuild)
    if theme_dir is not None:
        server.watch(str(theme_dir), rebuild)
    print(f"Serving {out_dir} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    server.serve(root=str(out_dir), host="127.0.0.1", port=port, open_url_delay=None)
