"""Headless Chromium on a live page: open a URL, act on the side (save a file), evaluate after.

Built on :mod:`browser`'s DevTools pipe. ``LivePage`` keeps the page open between calls so a
test can change a journey file and then wait for the page to change by itself.
"""

from __future__ import annotations

import json
import time
from typing import Any, Optional

from browser import PageReport, Tab, _collect


class LivePage:
    """A page open in headless Chromium (a :class:`browser.Tab`); use as a context manager."""

    def __init__(self, url: str, width: Optional[int] = None) -> None:
        self.url = url
        self.width = width  # a phone's, say (None: the browser's own)
        self._tab: Optional[Tab] = None

    def __enter__(self) -> "LivePage":
        self._tab = Tab(self.width).__enter__()
        self._tab.navigate(self.url)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._tab is not None:
            self._tab.__exit__()

    def goto(self, url: str) -> None:
        """Open ``url`` in the page and wait until it has loaded (evaluating during the navigation
        can find no document.body)."""
        assert self._tab is not None
        self._tab.navigate(url)

    def evaluate(self, expression: str, timeout: float = 30) -> Any:
        """The JSON value of ``expression`` in the page (promises awaited)."""
        assert self._tab is not None
        value = self._tab.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                    "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in value:
            raise RuntimeError(f"{expression[:80]}: {json.dumps(value['exceptionDetails'])[:500]}")
        return value.get("result", {}).get("value")

    def wait_until(self, expression: str, timeout: float = 10, interval: float = 0.02) -> float:
        """Seconds until ``expression`` is truthy in the page; TimeoutError after ``timeout``. A page
        that reloads itself (a journey's page opened before its file was read) may answer an
        evaluation sent as it goes with "Inspected target navigated or closed": asked again (it
        failed a CI run once)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            try:
                if self.evaluate(expression):
                    return time.monotonic() - start
            except RuntimeError as exc:
                if "navigated or closed" not in str(exc) and "Cannot find context" not in str(exc):
                    raise
            time.sleep(interval)
        raise TimeoutError(f"{expression} stayed false for {timeout} s")

    def screenshot(self) -> bytes:
        """A PNG of the viewport."""
        import base64

        assert self._tab is not None
        shot = self._tab.send("Page.captureScreenshot", {"format": "png"})
        return base64.b64decode(shot["data"])

    def report(self) -> PageReport:
        """Console errors and requests so far."""
        assert self._tab is not None
        report = PageReport()
        _collect(self._tab.events(), report)
        return report
