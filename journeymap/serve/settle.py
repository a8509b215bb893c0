"""Files read once they are written whole: a save in place may come in pieces."""

from __future__ import annotations

import os
import time
from typing import Iterable


#: How long a file must have gone unwritten before it is read (seconds), and the most a read waits
#: for that: a file written in place in pieces over 185 ms was read half written, and a cut-off
#: journey that happened to be valid was shown as the new map until the rest came (audit FL).
QUIET, MOST_WAIT = 0.06, 0.3


def settled(paths: Iterable[str]) -> None:
    """Wait until each of ``paths`` has gone :data:`QUIET` seconds unwritten, at most
    :data:`MOST_WAIT` in all."""
    deadline = time.monotonic() + MOST_WAIT
    paths = list(paths)
    while True:
        age = min((_age(path) for path in paths), default=QUIET)
        left = min(QUIET - age, deadline - time.monotonic())
        if age >= QUIET or left <= 0:
            return
        time.sleep(left)


def _age(path: str) -> float:
    """Seconds since ``path`` was last written (:data:`QUIET` where it cannot be read, or where its
    time stamp lies ahead of this machine's clock: another machine's, or an archive's)."""
    try:
        age = time.time() - os.stat(path).st_mtime
    except OSError:
        return QUIET
    return QUIET if age < -1.0 else age
