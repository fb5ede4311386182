"""Browser fixtures: a Chromium found on this machine, and the real site served over http under a sub-path."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from py_pages import SharedPages, module_fixture

from engines import EnginePool, VirtualScreen

# The headless shell first: Debian packages it on its own (chromium-headless-shell, the same version as
# chromium). It is the old headless mode without the full browser's UI layers, and here it took about
# half the CPU of `chromium` per page (issue 24's measurements), which halves the browser tier.
CHROMIUM_NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")
# --disable-gpu: headless Chromium would otherwise draw through an emulated GPU (SwiftShader), which
# cost about a tenth more time per page here; nothing the tests check depends on it.
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"]


def find_chromium() -> str | None:
    """Use $MPW_CHROMIUM, else the headless shell or a Chromium on PATH; None means Playwright's own browser."""
    configured = os.environ.get("MPW_CHROMIUM")
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    launched = playwright.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
    yield launched
    launched.close()


def read_headers_file(path: Path) -> dict[str, dict[str, str]]:
    """Parse the build's _headers file the way a static host does: {path pattern: {header: value}}."""
    rules: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
        elif current is not None:
            name, _, value = line.strip().partition(": ")
            current[name] = value
    return rules


class HostHandler(SimpleHTTPRequestHandler):
    """Serves the site under /mpw/ and sends the headers its _headers file asks for, as a host would."""

    rules: dict[str, dict[str, str]] = {}

    def end_headers(self) -> None:
        path = self.path.split("?")[0].removeprefix("/mpw")
        for pattern, headers in self.rules.items():
            if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


@pytest.fixture(scope="session")
def hosted_site(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the built site at http://127.0.0.1:PORT/mpw/, with its security headers, as a host would."""
    root = tmp_path_factory.mktemp("host")
    shutil.copytree(real_site, root / "mpw")
    handler = type("SiteHandler", (HostHandler,), {"rules": read_headers_file(real_site / "_headers")})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/mpw/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["file", "http"])
def site_base(request: pytest.FixtureRequest, real_site: Path) -> str:
    """The built site's base URL, once opened from the folder (file://) and once hosted under /mpw/."""
    if request.param == "file":
        return real_site.resolve().as_uri() + "/"
    return request.getfixturevalue("hosted_site")


@pytest.fixture(params=["file", "http", "single-file"])
def assess_url(request: pytest.FixtureRequest, real_site: Path) -> str:
    """The assessment tool three ways: assess.html from the folder and hosted, and the single-file edition."""
    if request.param == "file":
        return (real_site / "assess.html").resolve().as_uri()
    if request.param == "http":
        return request.getfixturevalue("hosted_site") + "assess.html"
    return (real_site / "mpw-development-matrix.html").resolve().as_uri()


# A module's shared pages (py_pages.py): one context and page per origin, reused test after test.
pages = module_fixture(SharedPages)


@pytest.fixture
def assess_page(pages: SharedPages, real_site: Path) -> Iterator[Page]:
    """The assessment tool from the folder (file://), for behaviour that does not depend on where it
    is: one page for the module, emptied and loaded again for each test, as a new context shows it."""
    yield from pages.fresh((real_site / "assess.html").resolve().as_uri())


@pytest.fixture
def assess_page_everywhere(pages: SharedPages, assess_url: str) -> Iterator[Page]:
    """The assessment tool from the folder, hosted, and as the single file, for what location changes
    (storage, downloads, files read back): one page of each for the module, as assess_page is."""
    yield from pages.fresh(assess_url)


@pytest.fixture(scope="session")
def screen() -> Iterator[VirtualScreen]:
    """One Xvfb display for the WebKitGTK tests of this process (none started if the machine has one)."""
    virtual = VirtualScreen()
    yield virtual
    virtual.stop()


@pytest.fixture(scope="session")
def engine_pool(screen: VirtualScreen) -> Iterator[EnginePool]:
    """The process's Firefox and WebKitGTK; a module's fixture borrows one with `engine_pool.lend(name)`."""
    started = EnginePool(screen)
    yield started
    started.close()
