"""The Graphviz runner: the only place that starts ``dot``.

``dot`` is run with a timeout in its own process group (so a hung layout and anything it
started are killed together), in an empty temporary working folder, with ``SERVER_NAME`` set
(Graphviz then refuses to load image files). Output is returned only when ``dot`` succeeds
and it is whole: ``dot`` can exit 1 after printing half an SVG, and a broken ``dot`` can exit 0
after printing nothing, half a document or bytes that are not UTF-8; none of that is used.
The pipes are read against the same deadline, and once the group is killed our ends are
closed rather than read to end-of-file (a grandchild that left the group may hold them).
The ``dot -V`` query (:func:`graphviz_version`) runs the same way, within the caller's limit.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from typing import Callable

from msgspec import Struct

from journeymap.map.graphvizoutput import incomplete
from journeymap.map.lifeline import die_with_parent

INSTALL_HINT = (
    "install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
    "or run `make install`"
)
#: Said after a failed or stopped run as after a missing ``dot``: SPEC 3 has every exit status 3
#: name the install command (audit FF).
REINSTALL_HINT = f"if Graphviz fails on every map, re{INSTALL_HINT}"
#: What to do about a layout stopped at its time limit (one run's, or the whole map's: render.py).
TIMEOUT_ADVICE = f"raise the limit with --timeout or split the journey; {REINSTALL_HINT}"


#: More output than any map within the limits makes: a runaway ``dot`` is stopped, not buffered.
MAX_OUTPUT = 512 * 1024 * 1024


class GraphvizError(Exception):
    """Graphviz could not produce the map (missing, failed, or too slow)."""


class GraphvizMissing(GraphvizError):
    """The ``dot`` program is not on PATH."""


class GraphvizTimeout(GraphvizError):
    """The layout ran past its time limit and was stopped."""


class GraphvizFailed(GraphvizError):
    """``dot`` exited with an error or was killed by a signal."""


class GraphvizResult(Struct, frozen=True):
    """What a successful run printed: the output bytes and any warnings on stderr."""

    output: bytes
    warnings: tuple[str, ...]


def dot_program() -> str:
    """The path of ``dot``, or :class:`GraphvizMissing` with the install command."""
    path = shutil.which("dot")
    if path is None:
        raise GraphvizMissing(f"Graphviz is not installed (no `dot` on PATH); {INSTALL_HINT}")
    return path


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["SERVER_NAME"] = "journeymap"  # Graphviz's switch that refuses to read image files
    # Cairo dates a PDF in local time, its zone's offset ("+01'00") one byte longer than UTC's
    # "Z": in UTC, a map PDF stamped with SOURCE_DATE_EPOCH is the same bytes in any time zone.
    env["TZ"] = "UTC"
    for name in ("GV_FILE_PATH", "GDFONTPATH", "DOTFONTPATH"):
        env.pop(name, None)
    return env


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill ``dot``'s whole process group and reap it, without waiting for its pipes to close.

    A grandchild that left the group (``setsid``) may hold the pipes open forever; our ends are
    closed instead of read to end-of-file.
    """
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            try:
                pipe.close()
            except OSError:
                pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
        pass


def _messages(stderr: bytes) -> tuple[str, ...]:
    text = stderr.decode("utf-8", "replace")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class _Pipes:
    """The pipes of one run: ``data`` written to its stdin, its stdout and stderr collected."""

    def __init__(self, process: subprocess.Popen[bytes], data: bytes, selector: selectors.BaseSelector) -> None:
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        self.stdin, self.data, self.sent, self.selector = process.stdin, data, 0, selector
        self.out, self.err, self.in_fd = process.stdout.fileno(), process.stderr.fileno(), process.stdin.fileno()
        self.chunks: dict[int, list[bytes]] = {self.out: [], self.err: []}
        self.sizes = {self.out: 0, self.err: 0}
        for fd in (self.out, self.err):
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        if data:
            os.set_blocking(self.in_fd, False)
            selector.register(self.in_fd, selectors.EVENT_WRITE)
        else:
            self.stdin.close()

    def ready(self, fd: int) -> None:
        """Write to or read from ``fd``, which the selector says is ready."""
        if fd == self.in_fd:
            try:
                self.sent += os.write(fd, self.data[self.sent:self.sent + 65536])
            except (BrokenPipeError, BlockingIOError, OSError):
                self.sent = len(self.data)  # dot stopped reading: its exit status tells why
            if self.sent >= len(self.data):
                self.selector.unregister(fd)
                self.stdin.close()
            return
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        if not chunk:
            self.selector.unregister(fd)
            return
        self.chunks[fd].append(chunk)
        self.sizes[fd] += len(chunk)
        if self.sizes[fd] > MAX_OUTPUT:
            raise GraphvizFailed(f"Graphviz printed more than {MAX_OUTPUT >> 20} MB; reinstall it ({INSTALL_HINT})")

    def read(self) -> tuple[bytes, bytes]:
        """What the run printed: stdout, stderr."""
        return b"".join(self.chunks[self.out]), b"".join(self.chunks[self.err])


def _exchange(process: subprocess.Popen[bytes], data: bytes, deadline: float) -> tuple[bytes, bytes]:
    """Feed ``data`` and read stdout and stderr until both close or the process has exited.

    Once the process has exited, what is left in the pipes is drained without waiting for
    end-of-file (a grandchild may hold them). Raises ``subprocess.TimeoutExpired`` at ``deadline``.
    """
    with selectors.DefaultSelector() as selector:
        pipes = _Pipes(process, data, selector)
        while selector.get_map():
            exited = process.poll() is not None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise subprocess.TimeoutExpired(process.args, 0)
            events = selector.select(0 if exited else min(remaining, 0.1))
            if exited and not events:
                break  # nothing more to read now, and nobody we wait for will write it
            for key, _ in events:
                pipes.ready(key.fd)
    if not pipes.stdin.closed:
        pipes.stdin.close()
    try:
        process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise subprocess.TimeoutExpired(process.args, 0) from None
    return pipes.read()


#: The signals held back while the main thread starts Graphviz (see :func:`_start`).
_HELD = {signal.SIGINT, signal.SIGTERM}


def _start(command: list[str], workdir: str) -> tuple[subprocess.Popen[bytes], Callable[[], None]]:
    """Graphviz started, and what lets the signals :data:`_HELD` through again (call it inside the
    ``try`` that kills the process). On Linux the child asks to die with us; to do so, CPython
    forks and runs its after-fork hooks, and a Ctrl-C that came then was raised inside one
    (logging's lock), where Python drops it: the build went on and ended with status 0 (audit CB).
    So the main thread holds them back until the process is started."""
    linux = sys.platform.startswith("linux")
    hold = linux and threading.current_thread() is threading.main_thread()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD) if hold else None
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   cwd=workdir, env=_environment(), start_new_session=sys.platform != "win32",
                                   preexec_fn=_child_start if linux else None)
    except OSError as exc:
        if before is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
        raise GraphvizMissing(f"could not start Graphviz ({exc}); {INSTALL_HINT}") from exc

    def let_through() -> None:
        if before is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
    return process, let_through


def _child_start() -> None:
    """In the child, before Graphviz runs: die with us, and take the signals held back (a mask
    outlives exec: Graphviz would not stop on one)."""
    die_with_parent()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _run(command: list[str], data: bytes, timeout: float, what: str,
         advice: str = TIMEOUT_ADVICE) -> tuple[int, bytes, bytes]:
    """Run ``command`` in its own group with ``data`` on stdin; ``(status, stdout, stderr)``."""
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="journeymap-dot-") as workdir:
        process, let_through = _start(command, workdir)
        try:
            let_through()  # a Ctrl-C held back while it started is raised here, and the process stopped
            if sys.platform == "win32":  # pragma: no cover - no selectable pipes there
                stdout, stderr = process.communicate(data, timeout=timeout)
            else:
                stdout, stderr = _exchange(process, data, deadline)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise GraphvizTimeout(f"{what} took longer than {timeout:g} s and was stopped; {advice}") from None
        except BaseException:
            _kill(process)
            raise
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
    return int(process.returncode), stdout, stderr


def run_dot(source: str, fmt: str, *, timeout: float = 120.0, args: tuple[str, ...] = ()) -> GraphvizResult:
    """Lay out ``source`` with ``dot -T<fmt>`` and extra ``args``; raise :class:`GraphvizError` on failure.

    The output is checked to be a whole document of its format (a ``dot`` that exits 0 after
    printing nothing, half an SVG or bytes that are not UTF-8 is a failure).
    """
    status, stdout, stderr = _run([dot_program(), f"-T{fmt}", *args], source.encode("utf-8"), timeout,
                                  "the Graphviz layout")
    if status != 0:
        detail = "; ".join(_messages(stderr)) or "no message"
        how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
        raise GraphvizFailed(f"Graphviz {how}: {detail}; {REINSTALL_HINT}")
    problem = incomplete(fmt, stdout)
    if problem:
        detail = "; ".join(_messages(stderr))
        raise GraphvizFailed(f"Graphviz exited normally but {problem}{f': {detail}' if detail else ''}; "
                             f"reinstall it ({INSTALL_HINT})")
    return GraphvizResult(stdout, _messages(stderr))


_VERSION: dict[str, str] = {}


def graphviz_version(timeout: float = 30.0) -> str:
    """``dot -V``'s version line (part of the build cache key), or ``"missing"``.

    The query shares the caller's time budget: a ``dot -V`` that does not answer within
    ``timeout`` seconds raises :class:`GraphvizTimeout`. A found version is remembered.
    """
    try:
        program = dot_program()
    except GraphvizMissing:
        return "missing"
    if program in _VERSION:
        return _VERSION[program]
    try:
        _status, stdout, stderr = _run([program, "-V"], b"", timeout, "`dot -V` (the Graphviz version query)",
                                      f"check the Graphviz installation ({INSTALL_HINT})")
    except GraphvizMissing:
        return "missing"
    text = stderr.decode("utf-8", "replace").strip() or stdout.decode("utf-8", "replace").strip()
    _VERSION[program] = text
    return text
