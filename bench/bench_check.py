"""Benchmark: `journeymap check` and `journeymap export --format json` of a 2,000-touch-point
journey (the limit of SPEC section 5), timed as whole processes, best of 3.

`journeymap --version` is timed too: the start-up cost every command pays.
Run: python bench/bench_check.py [N]   (N touch-points, default 2000)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate_journey  # noqa: E402

RUNS = 3


def best_of(args: list[str], runs: int = RUNS) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """The fastest of ``runs`` whole-process runs of ``journeymap ARGS`` and the last result."""
    best = float("inf")
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True)
        best = min(best, time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"journeymap {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stderr.decode(errors='replace')}")
    assert result is not None
    return best, result


def main(argv: list[str]) -> int:
    """Generate the journey, time the commands, print a table."""
    size = int(argv[1]) if len(argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"gen-{size}.journey.yaml"
        path.write_text(generate_journey(size), encoding="utf-8")
        kib = path.stat().st_size / 1024
        rows = []
        startup, _ = best_of(["--version"])
        rows.append(("journeymap --version (start-up)", startup, ""))
        seconds, result = best_of(["check", "--format", "json", str(path)])
        summary = json.loads(result.stdout)["summary"]
        rows.append(("journeymap check", seconds,
                     f"{summary['errors']} errors, {summary['warnings']} warnings"))
        seconds, result = best_of(["export", str(path), "--format", "json"])
        headline = json.loads(result.stdout)["headline"]
        rows.append(("journeymap export --format json", seconds,
                     f"{headline['handoffs']} hand-offs, {len(result.stdout) / 1024:.0f} KiB out"))
    print(f"check/export of {size:,} touch-points ({kib:.0f} KiB of YAML), whole process, best of {RUNS}")
    print(f"  {'command':<34} {'seconds':>8}   notes")
    for name, secs, note in rows:
        print(f"  {name:<34} {secs:8.2f}   {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
