"""Firefox ESR and WebKitGTK for the smoke tier, behind one small interface.

Playwright drives Chromium only (its own Firefox and WebKit builds cannot be downloaded here), so
these use each engine's own automation: Firefox through its Marionette protocol (marionette_driver),
WebKitGTK through WebKitWebDriver with Selenium, on a virtual screen (Xvfb) when there is none.
Each session starts with a new profile, so storage is empty, and downloads go to its own folder.
A session may serve several tests: each test that needs empty storage clears it.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

FIREFOX_NAMES = ("firefox-esr", "firefox")
WEBKIT_DRIVER = "WebKitWebDriver"
MINIBROWSER = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"


def missing(engine: str) -> str | None:
    """Why an engine cannot run here, in one line, or None if it can."""
    if engine == "firefox":
        if not any(shutil.which(name) for name in FIREFOX_NAMES):
            return "Firefox is not installed (Debian package firefox-esr): the Firefox smoke tier is skipped"
        try:
            import marionette_driver  # noqa: F401
        except ImportError:
            return "marionette_driver is not installed (pip install -e '.[test]'): the Firefox smoke tier is skipped"
        return None
    if not shutil.which(WEBKIT_DRIVER) or not glob.glob(MINIBROWSER):
        return "WebKitGTK is not installed (Debian package webkit2gtk-driver): the WebKit smoke tier is skipped"
    if not os.environ.get("DISPLAY") and not shutil.which("Xvfb"):
        return (
            "WebKitGTK needs a screen and Xvfb is not installed (Debian package xvfb): the WebKit smoke tier is skipped"
        )
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class VirtualScreen:
    """An Xvfb display for the length of a test session, unless the machine already has one."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.display = os.environ.get("DISPLAY", "")

    def start(self) -> str:
        if not self.display:
            read, write = os.pipe()
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                pass_fds=(write,),
                stderr=subprocess.DEVNULL,
            )
            os.close(write)
            with os.fdopen(read) as pipe:
                self.display = ":" + pipe.readline().strip()
        return self.display

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


class Engine:
    """One browser session: the few things the smoke tier does, the same way in each engine."""

    name = ""

    def __init__(self) -> None:
        self.downloads = Path(tempfile.mkdtemp(prefix=f"mpw-{self.name}-"))
        self.taken: list[Path] = []

    def open(self, url: str) -> None:
        raise NotImplementedError

    def run(self, script: str, *args: object) -> object:
        """Run a script body in the page (it may `return` a value); args are arguments[0…]."""
        raise NotImplementedError

    def element(self, selector: str):
        """The page's first element matching a CSS selector (both clients' elements click and take keys)."""
        raise NotImplementedError

    def window_size(self) -> tuple[int, int]:
        raise NotImplementedError

    def set_window_size(self, width: int, height: int) -> None:
        raise NotImplementedError

    def click(self, selector: str) -> None:
        self.element(selector).click()

    def type(self, selector: str, text: str) -> None:
        self.element(selector).send_keys(text)

    def choose_file(self, selector: str, path: Path) -> None:
        """Choose a file in a file field, as a person does through the file picker."""
        self.type(selector, str(path))

    def choose_files(self, selector: str, paths: list[Path]) -> None:
        """Choose several files at once in a field that takes several (WebDriver: one path a line)."""
        self.type(selector, "\n".join(str(path) for path in paths))

    def reload(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        shutil.rmtree(self.downloads, ignore_errors=True)

    def wait_for(self, condition: Callable[[], object], what: str, seconds: float = 10) -> object:
        """Poll until condition() gives something true; fail naming what did not happen."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"{self.name}: {what} did not happen within {seconds} s")

    def downloaded(self, prefix: str, seconds: float = 10) -> Path:
        """The finished download whose name starts with prefix, moved aside: a session serves several
        tests, and a later download of the same name must not find this one."""

        def done() -> Path | None:
            found = [path for path in self.downloads.glob(prefix + "*") if not path.name.endswith(".part")]
            return found[0] if found and found[0].stat().st_size else None

        found: Path = self.wait_for(done, f"a download named {prefix}…", seconds)  # type: ignore[assignment]
        taken = self.downloads / "taken" / str(len(self.taken))
        taken.mkdir(parents=True)
        self.taken.append(found.rename(taken / found.name))
        return self.taken[-1]


class Firefox(Engine):
    """Firefox ESR, headless, through Marionette."""

    name = "firefox"

    def __init__(self) -> None:
        super().__init__()
        from marionette_driver.marionette import Marionette

        logging.getLogger("mozversion").setLevel(logging.WARNING)
        binary = next(shutil.which(name) for name in FIREFOX_NAMES if shutil.which(name))
        prefs = {
            "browser.download.dir": str(self.downloads),
            "browser.download.folderList": 2,
            "browser.download.useDownloadDir": True,
            "browser.download.always_ask_before_handling_new_types": False,
            "browser.helperApps.neverAsk.saveToDisk": "application/json,text/csv",
        }
        self.client = Marionette(
            bin=binary,
            headless=True,
            host="127.0.0.1",
            port=free_port(),
            prefs=prefs,
            gecko_log=str(self.downloads / "gecko.log"),
        )  # not into the working folder
        self.client.start_session()

    def open(self, url: str) -> None:
        self.client.navigate(url)

    def run(self, script: str, *args: object) -> object:
        return self.client.execute_script(script, script_args=list(args), sandbox=None)

    def element(self, selector: str):
        from marionette_driver.by import By

        return self.client.find_element(By.CSS_SELECTOR, selector)

    def window_size(self) -> tuple[int, int]:
        rect = self.client.window_rect
        return rect["width"], rect["height"]

    def set_window_size(self, width: int, height: int) -> None:
        self.client.set_window_rect(width=width, height=height)

    def reload(self) -> None:
        self.client.refresh()

    def close(self) -> None:
        self.client.cleanup()
        super().close()


# Scroll an element out of sight into view as WebDriver's click would, and answer after two frames.
SCROLLED_AND_DRAWN = """
const [selector, done] = [arguments[0], arguments[arguments.length - 1]]
const element = document.querySelector(selector)
const box = element ? element.getBoundingClientRect() : null
if (!box || (box.top >= 0 && box.bottom <= window.innerHeight)) return done()
element.scrollIntoView({ block: 'end', inline: 'nearest' })
requestAnimationFrame(() => requestAnimationFrame(() => done()))
"""


class WebKit(Engine):
    """WebKitGTK's MiniBrowser through WebKitWebDriver and Selenium. Its HOME is a new folder: the
    browser keeps its storage there and saves downloads into it."""

    name = "webkit"

    def __init__(self, display: str) -> None:
        super().__init__()
        from selenium import webdriver

        options = webdriver.WebKitGTKOptions()
        options.binary_location = glob.glob(MINIBROWSER)[0]
        options.add_argument("--automation")
        # Accelerated compositing off: on the virtual screen there is no GPU, and a page taller than the
        # window then cost the web process about 0.3 s of CPU a second while idle (0.03 s without).
        environment = {
            **os.environ,
            "HOME": str(self.downloads),
            "DISPLAY": display,
            "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
        }
        service = webdriver.WebKitGTKService(executable_path=shutil.which(WEBKIT_DRIVER), env=environment)
        self.driver = webdriver.WebKitGTK(options=options, service=service)

    def open(self, url: str) -> None:
        self.driver.get(url)

    def run(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def element(self, selector: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def click(self, selector: str) -> None:
        """Click as a person does: the element is scrolled to first and drawn, then clicked. WebKitGTK's
        driver scrolls and tests the point at once, and a domain of the form the window had not reached
        is laid out only at the next frame (content-visibility: auto), so the driver found its controls
        "not interactable". The scroll is the driver's own (block end, inline nearest)."""
        self.driver.execute_async_script(SCROLLED_AND_DRAWN, selector)
        super().click(selector)

    def window_size(self) -> tuple[int, int]:
        size = self.driver.get_window_size()
        return size["width"], size["height"]

    def set_window_size(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)

    def reload(self) -> None:
        self.driver.refresh()

    def close(self) -> None:
        self.driver.quit()
        super().close()


def start_engine(name: str, screen: VirtualScreen) -> Engine:
    """Firefox ESR or WebKitGTK (on the virtual screen given), or the test skipped with a line
    saying why that engine cannot run here."""
    reason = missing(name)
    if reason:
        pytest.skip(reason)
    return Firefox() if name == "firefox" else WebKit(screen.start())


class EnginePool:
    """Firefox ESR and WebKitGTK, each started once for this process and lent to one module at a time.
    Starting Firefox took about 3.5 s of CPU (9 s of waiting) and WebKitGTK about 1 s, once for each
    module that used them. Tests already clear the storage they need empty (as above); between
    modules the engine is sent to a blank page, and one that cannot go there is closed, so that the
    next module starts it afresh."""

    def __init__(self, screen: VirtualScreen) -> None:
        self.screen = screen
        self.started: dict[str, Engine] = {}
        self.sizes: dict[str, tuple[int, int]] = {}  # each engine's window as it started

    def lend(self, name: str) -> Iterator[Engine]:
        """The engine of that name (started on first use), for one module; afterwards sent to a blank
        page, with its window at the size it started with (a module may resize it)."""
        if name not in self.started:
            self.started[name] = start_engine(name, self.screen)
            self.sizes[name] = self.started[name].window_size()
        yield self.started[name]
        try:
            self.started[name].open("about:blank")
            self.started[name].set_window_size(*self.sizes[name])
        except Exception:  # a prompt left open, or the engine gone: start again for the next module
            self.started.pop(name).close()

    def close(self) -> None:
        for engine in self.started.values():
            engine.close()
