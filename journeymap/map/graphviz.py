"""The Graphviz runner: the only place that starts ``dot``.

``dot`` is run with a timeout in its own process group (so a hung layout and anything it
started are killed together), in an empty temporary working folder, with ``SERVER_NAME`` set
(Graphviz then refuses to load image files). Output is returned only when ``dot`` succeeds:
``dot`` can exit 1 after printing half an SVG, and that half is never used.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

INSTALL_HINT = (
    "install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
    "or run `make install`"
)


class GraphvizError(Exception):
    """Graphviz could not produce the map (missing, failed, or too slow)."""


class GraphvizMissing(GraphvizError):
    """The ``dot`` program is not on PATH."""


class GraphvizTimeout(GraphvizError):
    """The layout ran past its time limit and was stopped."""


class GraphvizFailed(GraphvizError):
    """``dot`` exited with an error or was killed by a signal."""


@dataclass(frozen=True)
class GraphvizResult:
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
    for name in ("GV_FILE_PATH", "GDFONTPATH", "DOTFONTPATH"):
        env.pop(name, None)
    return env


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.communicate()


def _messages(stderr: bytes) -> tuple[str, ...]:
    text = stderr.decode("utf-8", "replace")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def run_dot(source: str, fmt: str, *, timeout: float = 120.0, args: tuple[str, ...] = ()) -> GraphvizResult:
    """Lay out ``source`` with ``dot -T<fmt>`` and extra ``args``; raise :class:`GraphvizError` on failure."""
    command = [dot_program(), f"-T{fmt}", *args]
    with tempfile.TemporaryDirectory(prefix="journeymap-dot-") as workdir:
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, cwd=workdir, env=_environment(),
                                       start_new_session=sys.platform != "win32")
        except OSError as exc:
            raise GraphvizMissing(f"could not start Graphviz ({exc}); {INSTALL_HINT}") from exc
        try:
            stdout, stderr = process.communicate(source.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise GraphvizTimeout(
                f"the Graphviz layout took longer than {timeout:g} s and was stopped; "
                "raise the limit with --timeout or split the journey") from None
    if process.returncode != 0:
        detail = "; ".join(_messages(stderr)) or "no message"
        how = (f"was killed by signal {-process.returncode}" if process.returncode < 0
               else f"exited with status {process.returncode}")
        raise GraphvizFailed(f"Graphviz {how}: {detail}")
    return GraphvizResult(stdout, _messages(stderr))


@functools.lru_cache(maxsize=1)
def graphviz_version() -> str:
    """``dot -V``'s version line (part of the build cache key), or ``"missing"``."""
    try:
        done = subprocess.run([dot_program(), "-V"], capture_output=True, timeout=30, check=False)
    except (GraphvizError, OSError, subprocess.TimeoutExpired):
        return "missing"
    return done.stderr.decode("utf-8", "replace").strip() or done.stdout.decode("utf-8", "replace").strip()
