"""Live preview: build, serve the output on 127.0.0.1, rebuild and reload when sources change."""

from __future__ import annotations

from pathlib import Path

from livereload import Server

from .build import build_site
from .problems import ContentError


def serve(content_dir: Path, out_dir: Path, theme_dir: Path | None, port: int) -> None:
    """Serve until interrupted; a failed rebuild is reported and the last good site stays up."""

    def rebuild() -> None:
        try:
            result = build_site(content_dir, out_dir, theme_dir)
            print(f"Rebuilt {result.pages} pages in {result.seconds:.2f} s")
        except ContentError as error:
            print(error)

    rebuild()
    server = Server()
    server.watch(str(content_dir), rebuild)
    server.watch(str(Path(__file__).resolve().parent.parent / "themes"), rebuild)
    if theme_dir is not None:
        server.watch(str(theme_dir), rebuild)
    server.serve(root=str(out_dir), host="127.0.0.1", port=port)
