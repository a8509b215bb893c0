"""CPU time of whole processes, for benchmarks on a shared machine.

Wall time on a busy machine measures the neighbours; CPU time (user + system, of the process and
of every process it waited for, from ``getrusage(RUSAGE_CHILDREN)``) measures the work. Every
figure is the median of a few runs. Figures that are compared with each other are measured in
turns (:func:`medians_in_turn`): on a virtual machine whose speed drifts by 30 % from one minute to
the next, five runs of one command and then five of another measured the drift as much as the
commands (the start-up ratio read 1.4x to 2.6x within half an hour).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from typing import Mapping, Optional, Sequence


def _children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds(command: Sequence[str], env: Optional[Mapping[str, str]] = None) -> float:
    """CPU seconds of one run of ``command`` and everything it started (it must succeed)."""
    before = _children()
    done = subprocess.run(list(command), capture_output=True, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n"
                         f"{done.stderr.decode(errors='replace')[-2000:]}")
    return _children() - before


def median_cpu(command: Sequence[str], runs: int, env: Optional[Mapping[str, str]] = None) -> float:
    """The median CPU seconds of ``runs`` runs of ``command``."""
    return statistics.median(cpu_seconds(command, env) for _ in range(runs))


def medians_in_turn(commands: Sequence[Sequence[str]], runs: int) -> list[float]:
    """The median CPU seconds of each of ``commands``, run in turn ``runs`` times (one of each,
    then again), so that each sees the machine as the others do."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            times[i].append(cpu_seconds(command))
    return [statistics.median(t) for t in times]


def wall_and_cpu(command: Sequence[str], env: Optional[Mapping[str, str]] = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one run (for parallel speed-ups, where wall time is the point)."""
    start = time.perf_counter()
    cpu = cpu_seconds(command, env)
    return time.perf_counter() - start, cpu
