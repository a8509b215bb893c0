"""Child processes that die with their parent: build workers and the Graphviz runs they start.

``kill -9`` of ``journeymap build -j N`` gives the workers no chance to be told. On Linux the
kernel delivers SIGKILL to a process whose parent dies once it has asked for it with
``prctl(PR_SET_PDEATHSIG)``; elsewhere (and as a second line on Linux) a daemon thread notices
that the parent process changed and ends the worker.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from typing import Any, Callable, Optional

_PR_SET_PDEATHSIG = 1


def _load_prctl() -> Optional[Callable[..., int]]:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # The process's own symbols include libc's: no ctypes.util.find_library, which runs
        # ldconfig in a child process on every start-up.
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()  # resolved before any fork, so a child only calls it


def die_with_parent() -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux); True when asked."""
    if _PRCTL is None:
        return False
    return _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0


def _gone(parent: int, main: int) -> bool:
    """True when this process was re-parented or the main process no longer exists."""
    if os.getppid() != parent:
        return True
    try:
        os.kill(main, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # pragma: no cover - another user's process took the pid
        return True
    return False


def watch_parent(main: int, interval: float = 0.5) -> None:
    """End this process as soon as its parent changes (it died; we were adopted) or ``main``
    (the journeymap process, which may be a grandparent with a fork server) is gone."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            if _gone(parent, main):
                os._exit(1)
            time.sleep(interval)

    threading.Thread(target=watch, name="journeymap-lifeline", daemon=True).start()


def _interrupted(signum: int, frame: Any) -> None:
    os._exit(128 + signum)


def worker_lifeline(main: int) -> None:
    """A pool worker's initializer: die with the main process ``main``, however it ends.

    Works with every start method: with ``fork`` the main process is the parent; with
    ``forkserver`` the parent is the fork server, which itself ends with the main process.
    """
    # SIGTERM ends a worker, as the pool's stop expects: forked from a build that takes it as
    # Ctrl-C (journeymap.cli.stopping), a worker went on with its Graphviz run and the build
    # waited for it after saying it was interrupted.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C (SIGINT to the terminal's process group) ends a worker at once: taken as one task's
    # failure, the worker went on to the next queued journey and started its Graphviz run before
    # the build had dropped the queue (a test saw a third run begin after the interrupt). Unless the
    # build was started to ignore it (nohup, a shell's background job), as the build itself does:
    # its workers died of it, each journey told as killed "out of memory?" (review EH).
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _interrupted)
    die_with_parent()
    if _gone(os.getppid(), main):  # the main process died before the request took effect
        os._exit(1)
    watch_parent(main)
