"""Benchmark: `journeymap portfolio` of 100 generated journeys of 30 touch-points.

The journeys share their departments (the same ids and names, five of them from a project
file's registry), so the roll-up merges them. Each format is timed as a whole process (start-up,
reading 100 files, the roll-up, writing), best of 2. Target: HTML and JSON under 10 s.
Run: python bench/bench_portfolio.py [COUNT] [--pdf]
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

SIZE = 30
DEPARTMENTS = 8
TARGET = 10.0
LAYERS = ("external", "frontstage", "frontstage", "backstage", "support")


def registry(count: int = 5) -> str:
    """A project file whose registry repeats the generated journeys' first departments exactly."""
    lines = ["project: 1", "organisation: Generated Group", "departments:"]
    for d in range(count):
        lines.append(f"  - {{id: dept-{d}, name: Department {d} with a longer name, lead: Lead {d}, "
                     f"layer: {LAYERS[d % len(LAYERS)]}}}")
    return "\n".join(lines) + "\n"


def timed(args: list[str], runs: int = 2) -> float:
    """The fastest of ``runs`` whole-process runs of ``journeymap ARGS``."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True)
        best = min(best, time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"journeymap {' '.join(args)} failed:\n{done.stderr.decode(errors='replace')}")
    return best


def main(argv: list[str]) -> int:
    """Generate the portfolio, time each format, print a table."""
    numbers = [a for a in argv[1:] if a.isdigit()]
    count = int(numbers[0]) if numbers else 100
    formats = ["json", "markdown", "html"] + (["pdf"] if "--pdf" in argv else [])
    with tempfile.TemporaryDirectory() as tmp:
        maps = Path(tmp) / "maps"
        maps.mkdir()
        (maps / "journeymap.yaml").write_text(registry())
        for i in range(count):
            text = generate_journey(SIZE, departments=DEPARTMENTS, seed=i).replace(f"id: gen-{SIZE}", f"id: journey-{i:03d}")
            (maps / f"j{i:03d}.journey.yaml").write_text(text)
        rows = []
        for fmt in formats:
            out = Path(tmp) / f"portfolio.{fmt}"
            seconds = timed(["portfolio", str(maps), "--format", fmt, "-o", str(out)], 1 if fmt == "pdf" else 2)
            rows.append((fmt, seconds, out.stat().st_size / 1024))
        doc = json.loads((Path(tmp) / "portfolio.json").read_text())
    h = doc["headline"]
    print(f"portfolio of {count} journeys x {SIZE} touch-points ({h['journeys']} without errors): "
          f"{h['touchpoints']} touch-points, "
          f"{h['departments']} departments, {h['handoffs']} hand-offs ({h['risky_handoffs']} risky), "
          f"{h['moments_of_truth']} moments of truth")
    print(f"  {'format':<10} {'seconds':>8} {'KiB':>8}")
    for fmt, seconds, kib in rows:
        mark = "" if fmt == "pdf" else ("  ok" if seconds < TARGET else f"  OVER the {TARGET:.0f} s target")
        print(f"  {fmt:<10} {seconds:8.2f} {kib:8.0f}{mark}")
    return 0 if all(s < TARGET for f, s, _ in rows if f != "pdf") else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
