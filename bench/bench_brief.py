"""Benchmark: the PDF briefing of generated journeys against a bare WeasyPrint one-page PDF.

Every run is a fresh process of the command users run, ``journeymap brief FILE -o OUT --page P``
(whole-process time: Python start, imports, load, checks, map, HTML, PDF, exit), with
SOURCE_DATE_EPOCH set; each is run several times (:data:`RUNS`) and the fastest kept. The bare run
prints one paragraph with WeasyPrint in the same way, so the ratio holds on any machine. With
``--phases``, one more run through the public API prints where the time goes. Targets (SPEC 4.2,
issue 13): 30 touch-points within 3x the bare PDF, 500 within 15x. Also printed: pages, and the
smallest text size on any page (pdftotext -bbox; DejaVu Sans box height / 1.164). ``limits``, asked
for by name, is the journey at SPEC 5's limits (``generate_limits_journey``: 2,000 touch-points in
200 lanes and 200 stages), run once, with the peak memory of its process: it must finish (its map,
745 parts on a4, is printed as its overview alone: ``journeymap/briefing/printcap.py``). It takes
about 3 minutes and 6 GB, so ``make bench`` leaves it out.
Run: python bench/bench_brief.py [SIZES... | limits] [--page a4|letter|slide] [--phases]
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.generate import generate_journey, generate_limits_journey

SIZES: tuple[int | str, ...] = (30, 500)
TARGETS = {30: 3.0, 500: 15.0}
#: Runs per measurement, the fastest kept: a one-second process on a shared machine varies by
#: 20 % from run to run, so the short ones are run more often than the 500-touch-point one.
RUNS: dict[object, int] = {"bare": 7, 30: 5, 100: 3, "limits": 1}
RUNS_BIG = 2
_ONE_PAGE = "weasyprint.HTML(string='<html lang=en><title>t</title><p>One page.</p>').write_pdf(sys.argv[1])\n"
BARE = "import weasyprint\n" + _ONE_PAGE
#: The bare run again, with WeasyPrint's libraries looked up as journeymap looks them up (the
#: linker cache alone; see journeymap/briefing/engine.py). A stock import asks ``gcc`` and ``ld``
#: for every spelling of a library's name that the cache does not know, which costs 0.1 s on one
#: machine and 1 s on another (more where a library it asks for is not installed at all): the
#: ratio against this reference does not depend on that.
BARE_QUICK = "from journeymap.briefing.engine import load_weasyprint\nweasyprint = load_weasyprint()\n" + _ONE_PAGE


def one(path: str, page: str, out: str) -> dict[str, object]:
    """Build one briefing in this process through the public API; returns phase timings."""
    start = time.perf_counter()
    import journeymap

    checked = journeymap.load(path)
    loaded = time.perf_counter()
    data = journeymap.brief(checked, page)
    Path(out).write_bytes(data)
    return {"phases": {"load+checks": round(loaded - start, 3), "map+html+pdf": round(time.perf_counter() - loaded, 3)},
            "bytes": len(data)}


def _env() -> dict[str, str]:
    # Bytecode is written, as for any installed package: the first of the runs compiles Python
    # modules and our templates (templates/__pycache__), the faster later one is what users see.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "SOURCE_DATE_EPOCH": "1764000000", "PYTHONPATH": str(ROOT)}


def _timed(command: list[str], runs: int) -> tuple[float, str]:
    best, out = float("inf"), ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT, env=_env())
        best, out = min(best, time.perf_counter() - start), done.stdout
    return best, out


def _journeymap() -> list[str]:
    """The console script users run (``python -m`` adds runpy's imports), else ``python -m journeymap``."""
    script = Path(sys.executable).with_name("journeymap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journeymap"]


def smallest_text(pdf: Path) -> str:
    """The smallest printed text size on any page, in points ('?' without pdftotext)."""
    if shutil.which("pdftotext") is None:
        return "?"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    sizes = [(float(b) - float(a)) / 1.164 for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    return f"{min(sizes):.2f}" if sizes else "?"


def pages(pdf: Path) -> object:
    """How many pages the PDF has."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(pdf)).pages)
    except ImportError:
        return "?"


def main(argv: list[str]) -> int:
    """Measure the bare PDF and each size; print a table with the ratios and the verdicts."""
    if argv[:1] == ["--one"]:
        print(json.dumps(one(argv[1], argv[2], argv[3])))
        return 0
    page = argv[argv.index("--page") + 1] if "--page" in argv else "a4"
    sizes = [int(a) if a.isdigit() else a for a in argv if a.isdigit() or a == "limits"] or list(SIZES)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        bare, _ = _timed([sys.executable, "-c", "import sys\n" + BARE, str(Path(tmp) / "bare.pdf")], RUNS["bare"])
        quick, _ = _timed([sys.executable, "-c", "import sys\n" + BARE_QUICK, str(Path(tmp) / "quick.pdf")],
                          RUNS["bare"])
        print(f"bare WeasyPrint one-page PDF: {bare:6.2f} s whole process (best of {RUNS['bare']}); "
              f"{quick:.2f} s with its libraries found as journeymap finds them", flush=True)
        for size in sizes:
            src, out = Path(tmp) / f"gen-{size}.journey.yaml", Path(tmp) / f"gen-{size}.pdf"
            src.write_text(generate_limits_journey() if size == "limits" else generate_journey(int(size)),
                           encoding="utf-8")
            wall, _ = _timed([*_journeymap(), "brief", str(src), "-o", str(out), "--page", page],
                             RUNS.get(size, RUNS_BIG))
            ratio = wall / bare
            verdict = ""
            if size in TARGETS:
                ok = ratio <= TARGETS[size]
                verdict = f"  (target <= {TARGETS[size]:g}x: {'ok' if ok else 'MISSED'})"
                status |= 0 if ok else 1
            name = "at SPEC 5 limits" if size == "limits" else f"{size:5d} touch-points"
            if size == "limits":  # the biggest child yet: its peak is the children's
                verdict = f"; peak memory {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024:,} MiB"
            print(f"brief {name}, {page}: {wall:6.2f} s = {ratio:4.1f}x bare "
                  f"({wall / quick:.1f}x the quick bare), {pages(out)} pages, "
                  f"smallest text {smallest_text(out)} pt, {out.stat().st_size // 1024} KiB{verdict}", flush=True)
            if "--phases" in argv:
                _, stdout = _timed([sys.executable, __file__, "--one", str(src), page, str(out)], 1)
                print(f"      phases {json.loads(stdout.strip().splitlines()[-1])['phases']}", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
