"""Headless Chromium on a live page: open a URL, act on the side (save a file), evaluate after.

Built on :mod:`browser`'s DevTools pipe. ``LivePage`` keeps the page open between calls so a
test can change a journey file and then wait for the page to change by itself.
"""

from __future__ import annotations

import json
import tempfile
import time
from typing import Any, Optional

from browser import PageReport, _collect, _Pipe, find_chromium


class LivePage:
    """A page open in headless Chromium; use as a context manager."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._profile: Optional[tempfile.TemporaryDirectory[str]] = None
        self._pipe: Optional[_Pipe] = None
        self._session = ""

    def __enter__(self) -> "LivePage":
        binary = find_chromium()
        if binary is None:
            raise RuntimeError("Chromium is not installed")
        self._profile = tempfile.TemporaryDirectory()
        self._pipe = _Pipe(binary, self._profile.name)
        target = self._pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self._pipe.send(f"{domain}.enable", session=self._session)
        self._pipe.events.clear()
        self._pipe.send("Page.navigate", {"url": self.url}, session=self._session)
        self._pipe.wait_for("Page.loadEventFired")
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._pipe is not None:
            self._pipe.close()
        if self._profile is not None:
            self._profile.cleanup()

    def goto(self, url: str) -> None:
        """Open ``url`` in the page and wait until it has loaded (evaluating during the navigation
        can find no document.body)."""
        assert self._pipe is not None
        self._pipe.events.clear()
        self._pipe.send("Page.navigate", {"url": url}, session=self._session)
        self._pipe.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str, timeout: float = 30) -> Any:
        """The JSON value of ``expression`` in the page (promises awaited)."""
        assert self._pipe is not None
        value = self._pipe.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                     "awaitPromise": True}, session=self._session, timeout=timeout)
        if "exceptionDetails" in value:
            raise RuntimeError(f"{expression[:80]}: {json.dumps(value['exceptionDetails'])[:500]}")
        return value.get("result", {}).get("value")

    def wait_until(self, expression: str, timeout: float = 10, interval: float = 0.02) -> float:
        """Seconds until ``expression`` is truthy in the page; TimeoutError after ``timeout``."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.evaluate(expression):
                return time.monotonic() - start
            time.sleep(interval)
        raise TimeoutError(f"{expression} stayed false for {timeout} s")

    def screenshot(self) -> bytes:
        """A PNG of the viewport."""
        import base64

        assert self._pipe is not None
        shot = self._pipe.send("Page.captureScreenshot", {"format": "png"}, session=self._session)
        return base64.b64decode(shot["data"])

    def report(self) -> PageReport:
        """Console errors and requests so far."""
        assert self._pipe is not None
        report = PageReport()
        _collect(self._pipe.events, report)
        return report
