"""Stopping a command cleanly: SIGTERM taken as Ctrl-C, and a stop remembered.

A CI job cancelled, ``timeout``, ``docker stop`` and a service manager stop a process with
SIGTERM, which Python's default kills at once: a build's manifest was not saved and a
half-written temporary file stayed beside its output (audit CB), and ``brief`` and ``render``
left theirs (audit EG). Taken as an interrupt, it unwinds as Ctrl-C does: what is written is
whole, what was being written is removed, and the command ends with status 130.

Either signal is also remembered (:func:`stop_requested`). The ``KeyboardInterrupt`` it raises
can be lost on its way: raised inside a C library's callback, it is printed and dropped; raised
while ``xml.etree`` reads a generator, it becomes a ``TypeError``. A build then ran to its end
and exited 0, or ended in that ``TypeError``'s traceback (audit EG); remembered, the stop is
honoured at the next journey, and an error it caused is told as the stop it was.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from types import FrameType
from typing import Any, Iterator, Optional

_STOPPED = threading.Event()
#: The signal that stopped the command, once one has (SIGINT or SIGTERM).
_BY: list[int] = []


def stop_requested() -> bool:
    """Whether Ctrl-C or SIGTERM came within :func:`stop_on_signals`' block (this command)."""
    return _STOPPED.is_set()


def stopped_by() -> str:
    """What stopped the command, as its message says it: "SIGTERM" (a CI job cancelled,
    ``timeout``, ``kill``), else "Ctrl-C" (SIGINT, or an interrupt raised by Python itself)."""
    return "SIGTERM" if _BY and _BY[-1] == signal.SIGTERM else "Ctrl-C"


def _interrupt(signum: int, _frame: Optional[FrameType]) -> None:
    _BY.append(signum)
    _STOPPED.set()
    raise KeyboardInterrupt


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise ``KeyboardInterrupt`` and are remembered (in
    the main thread only: a signal handler can be set nowhere else). A signal the process was
    started to ignore (``nohup``, a shell's background job) stays ignored; the handlers before
    are restored after. The command group runs every command in one (a block within it is harmless)."""
    ours = _interrupt in (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    if not ours:
        _STOPPED.clear()  # a new command (tests run many in one process); not a block within one
        _BY.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}
    for signum, usual in ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, signal.SIG_DFL)):
        if signal.getsignal(signum) in (usual, _interrupt):
            previous[signum] = signal.signal(signum, _interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
