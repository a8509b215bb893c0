"""A change to process-wide state held while any rendering needs it.

Rendering a PDF lends WeasyPrint a faster SVG text renderer (:mod:`.svgtext`) and a one-pass
drawer for our own drawings (:mod:`.svgdraw`), lends pydyf a cached list of page references
(:mod:`.pagerefs`) and a zlib that deflates at level 6 (:mod:`.deflate`), and pauses the garbage
collector (:func:`journeymap.briefing.pdf.collection_paused`). All five change state the whole
process shares, and a program may render in threads through the API (``build -j`` uses
processes, and ``serve`` makes no PDF), so the change is made when the first rendering starts and
undone when the last one ends.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Callable, Iterator, Optional

#: Makes the change and returns how to undo it, or None when it cannot be made.
Change = Callable[[], Optional[Callable[[], None]]]


def swapped(owner: Any, name: str, value: Any) -> Callable[[], None]:
    """Put ``value`` in ``owner``'s attribute ``name``; returns how to put back what was there (the
    undo of a :data:`Change` that lends one attribute)."""
    own = getattr(owner, name)
    setattr(owner, name, value)

    def undo() -> None:
        setattr(owner, name, own)

    return undo


class Shared:
    """A :data:`Change` made for the first user to enter and undone when the last one leaves."""

    def __init__(self, change: Change) -> None:
        self._change = change
        self._lock = threading.Lock()
        self._users = 0
        self._undo: Optional[Callable[[], None]] = None

    @contextlib.contextmanager
    def held(self) -> Iterator[bool]:
        """Hold the change for the block; yields whether it is in place (it may be unavailable)."""
        with self._lock:
            if not self._users:
                self._undo = self._change()
            held = self._undo is not None
            self._users += held
        try:
            yield held
        finally:
            if held:
                with self._lock:
                    self._users -= 1
                    if not self._users and self._undo is not None:
                        undo, self._undo = self._undo, None
                        undo()
