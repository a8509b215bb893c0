"""Stopping a long command cleanly: SIGTERM taken as Ctrl-C.

A CI job cancelled, ``timeout``, ``docker stop`` and a service manager stop a process with
SIGTERM, which Python's default kills at once: a build's manifest was not saved and a
half-written temporary file stayed beside its output (audit CB). Taken as an interrupt, it
unwinds as Ctrl-C does: what is written is whole, what was being written is removed, and the
command ends with status 130.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from types import FrameType
from typing import Iterator, Optional


def _interrupt(_signum: int, _frame: Optional[FrameType]) -> None:
    raise KeyboardInterrupt


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises ``KeyboardInterrupt`` (in the main thread only: a signal
    handler can be set nowhere else); the handler before is restored after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
