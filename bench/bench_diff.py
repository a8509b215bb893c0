"""Benchmark: diff of two 2,000-touch-point versions (target under 3 s, whole process).

Run: python bench/bench_diff.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate_journey  # noqa: E402


def main() -> int:
    """Time in-process compare and whole-process ``journeymap diff``."""
    from journeymap.cli.diff import diff_versions

    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.journey.yaml", Path(tmp) / "new.journey.yaml"
        old.write_text(generate_journey(2000, seed=7))
        new.write_text(generate_journey(2000, seed=8))
        start = time.perf_counter()
        d = diff_versions(str(old), str(new))
        in_process = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "journeymap", "diff", str(old), str(new), "--format", "json"],
                       check=True, capture_output=True)
        whole = time.perf_counter() - start
    print(f"diff 2,000 vs 2,000 touch-points: {len(d.changed)} field changes, "
          f"{len(d.handoffs_added)} hand-offs added")
    print(f"  in process     {in_process:6.2f} s")
    print(f"  whole process  {whole:6.2f} s   (target < 3 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
