"""Run every benchmark in bench/ one after the other (``make bench``).

bench_targets.py comes first: the speed targets, each as a ratio against a reference measured
in the same run (CPU seconds, medians).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHES = ("bench_targets.py", "bench_check.py", "bench_render.py", "bench_brief.py", "bench_build.py",
           "bench_diff.py", "bench_serve.py", "bench_portfolio.py")


def main() -> int:
    """Run each benchmark that exists; return non-zero if one failed."""
    here = Path(__file__).resolve().parent
    status = 0
    for name in BENCHES:
        path = here / name
        if not path.exists():
            continue
        print(f"== {name}", flush=True)
        status |= subprocess.run([sys.executable, str(path)], cwd=here.parent).returncode
        print(flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
