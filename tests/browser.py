"""A tiny headless-Chromium driver for tests, over the DevTools protocol on a pipe (no extra packages).

Loads a page from disk and reports what a person would notice: console errors, uncaught
exceptions, every request the page made, the rendered DOM, and a screenshot.
"""

from __future__ import annotations

import atexit
import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find_chromium() -> Optional[str]:
    """The Chromium binary on PATH, if any."""
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def require_script(package: str, env: str, default: Path) -> Path:
    """The browser script of an npm package the tests load into pages (``env`` names another copy;
    ``make test`` installs ``default``); skip without Chromium, and skip (fail in CI) without it."""
    import pytest

    if find_chromium() is None:
        pytest.skip("Chromium is not installed (make test installs it)")
    path = Path(os.environ.get(env, default))
    if not path.is_file():
        message = f"{package} is not installed at {default} (make test installs it with npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@dataclass
class PageReport:
    """What happened when a page was loaded."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    html: str = ""
    screenshot: bytes = b""
    counts: dict[str, int] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


class _Pipe:
    def __init__(self, binary: str, profile: str) -> None:
        to_child_r, self._write = os.pipe()
        self._read, from_child_w = os.pipe()

        def wire() -> None:  # in the child: --remote-debugging-pipe reads fd 3, writes fd 4
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "--window-size=1400,1000",
             "about:blank"],
            pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=wire)
        for fd in (to_child_r, from_child_w):
            os.close(fd)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: Optional[dict[str, Any]] = None, session: Optional[str] = None,
             timeout: float = 30) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._receive()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
        raise TimeoutError(method)

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, method: str, timeout: float = 30, session: Optional[str] = None) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e.get("method") == method and (session is None or e.get("sessionId") == session)
                   for e in self.events):
                return
            self.events.append(self._receive())
        raise TimeoutError(method)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._write)
        os.close(self._read)


class Tab:
    """A page of its own in the test process's one Chromium (:func:`shared_browser`), in a fresh
    browser context (no cookies, storage or cache shared with other tabs); use as a context manager.

    Chromium is started once per test process: starting it for each page cost 0.8 s of CPU a
    page, some 40 pages a run."""

    def __init__(self, width: Optional[int] = None) -> None:
        self.width = width
        self.session = ""
        self._context = ""
        self.pipe = shared_browser()

    def __enter__(self) -> "Tab":
        pipe = self.pipe
        self._context = pipe.send("Target.createBrowserContext")["browserContextId"]
        target = pipe.send("Target.createTarget", {"url": "about:blank", "browserContextId": self._context})["targetId"]
        self.session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            pipe.send(f"{domain}.enable", session=self.session)
        if self.width is not None:
            pipe.send("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": 844, "deviceScaleFactor": 1,
                                                             "mobile": self.width < 700}, session=self.session)
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            self.pipe.send("Target.disposeBrowserContext", {"browserContextId": self._context}, timeout=10)
        except (RuntimeError, TimeoutError, OSError):
            _forget_browser()  # started again for the next page
        self.pipe.events[:] = [e for e in self.pipe.events if e.get("sessionId") != self.session]

    def send(self, method: str, params: Optional[dict[str, Any]] = None, timeout: float = 30) -> dict[str, Any]:
        """A DevTools command to this tab."""
        return self.pipe.send(method, params, session=self.session, timeout=timeout)

    def navigate(self, url: str) -> None:
        """Open ``url`` and wait until it has loaded."""
        self.pipe.events[:] = [e for e in self.pipe.events if e.get("sessionId") != self.session]
        self.send("Page.navigate", {"url": url})
        self.pipe.wait_for("Page.loadEventFired", session=self.session)

    def events(self) -> list[dict[str, Any]]:
        """The events of this tab so far."""
        return [e for e in self.pipe.events if e.get("sessionId") == self.session]


_BROWSER: list[_Pipe] = []
_PROFILE: list["tempfile.TemporaryDirectory[str]"] = []


def shared_browser() -> _Pipe:
    """The test process's Chromium, started on first use and closed when the process ends."""
    if _BROWSER and _BROWSER[0].process.poll() is None:
        return _BROWSER[0]
    _forget_browser()
    binary = find_chromium()
    if binary is None:
        raise RuntimeError("Chromium is not installed")
    profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)  # Chromium may still be writing as it ends
    _PROFILE.append(profile)
    _BROWSER.append(_Pipe(binary, profile.name))
    return _BROWSER[0]


def _forget_browser() -> None:
    while _BROWSER:
        _BROWSER.pop().close()
    while _PROFILE:
        _PROFILE.pop().cleanup()


atexit.register(_forget_browser)


def load_page(path: Path, selectors: tuple[str, ...] = (), expressions: Optional[dict[str, str]] = None,
              screenshot: bool = True, width: Optional[int] = None, media: Optional[str] = None) -> PageReport:
    """Load ``path`` in headless Chromium and report console errors, requests, DOM and a screenshot.

    ``expressions`` are evaluated in the page in order (promises awaited); each result, as JSON
    values, lands in ``report.values`` under its key. ``width``: a phone's or tablet's viewport
    width in CSS pixels (the window's 1400 by default). ``media``: the CSS media type emulated
    (``"print"``) once the page has loaded, before the expressions run.
    """
    with Tab(width) as tab:
        tab.navigate(path.resolve().as_uri())
        time.sleep(0.3)
        if media is not None:
            tab.send("Emulation.setEmulatedMedia", {"media": media})
        report = PageReport()
        for name in selectors:
            expr = f"document.querySelectorAll({json.dumps(name)}).length"
            value = tab.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
            report.counts[name] = int(value["result"]["value"])
        for key, expr in (expressions or {}).items():
            value = tab.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True},
                             timeout=120)
            if "exceptionDetails" in value:
                raise RuntimeError(f"{key}: {json.dumps(value['exceptionDetails'])[:500]}")
            report.values[key] = value.get("result", {}).get("value")
        html = tab.send("Runtime.evaluate", {"expression": "document.documentElement.outerHTML",
                                             "returnByValue": True})
        report.html = html["result"]["value"]
        if screenshot:
            shot = tab.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            report.screenshot = base64.b64decode(shot["data"])
        _collect(tab.events(), report)
        return report


def _collect(events: list[dict[str, Any]], report: PageReport) -> None:
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            report.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            report.console_errors.append(json.dumps(params.get("exceptionDetails", {}))[:300])
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            report.console_errors.append(json.dumps(params.get("args", []))[:300])
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            report.console_errors.append(params["entry"].get("text", "")[:300])
