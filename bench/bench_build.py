"""Benchmark: journeymap build of 20 generated journeys of 30 touch-points.

Measures a cold build with -j 1 and -j 2 and an unchanged rebuild. Targets: unchanged rebuild
under 10% of cold and under 1 s; -j 2 at least 1.6x faster than -j 1 cold on 2 cores.
Run: python bench/bench_build.py [--formats svg,pdf,json]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate_journey  # noqa: E402

COUNT, SIZE = 20, 30


def timed_build(maps: Path, out: Path, jobs: int, formats: str) -> float:
    """Seconds for one whole-process ``journeymap build``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "journeymap", "build", str(maps), "-o", str(out),
                    "-j", str(jobs), "--formats", formats], check=True, capture_output=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1764000000"})
    return time.perf_counter() - start


def main() -> int:
    """Run the three measurements and print them."""
    formats = sys.argv[sys.argv.index("--formats") + 1] if "--formats" in sys.argv else "svg,pdf,json"
    with tempfile.TemporaryDirectory() as tmp:
        maps = Path(tmp) / "maps"
        maps.mkdir()
        for i in range(COUNT):
            text = generate_journey(SIZE, seed=i).replace(f"id: gen-{SIZE}", f"id: journey-{i:02d}")
            (maps / f"j{i:02d}.journey.yaml").write_text(text)
        cold1 = timed_build(maps, Path(tmp) / "out1", 1, formats)
        cold2 = timed_build(maps, Path(tmp) / "out2", 2, formats)
        warm = timed_build(maps, Path(tmp) / "out1", 1, formats)
        same = all((Path(tmp) / "out1" / p.name).read_bytes() == p.read_bytes()
                   for p in (Path(tmp) / "out2").iterdir() if p.suffix in (".svg", ".json", ".pdf"))
    print(f"build {COUNT} journeys x {SIZE} touch-points, formats {formats}")
    print(f"  cold -j 1        {cold1:6.2f} s")
    print(f"  cold -j 2        {cold2:6.2f} s   speed-up {cold1 / cold2:.2f}x (target >= 1.6x)")
    print(f"  unchanged -j 1   {warm:6.2f} s   {warm / cold1:.1%} of cold (target < 10% and < 1 s)")
    print(f"  -j 1 and -j 2 outputs identical: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
