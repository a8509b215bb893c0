"""Benchmark: the speed targets, each as a ratio against a reference measured in the same run.

CPU seconds (user + system, the process and everything it started), median of several runs, each
target's commands run in turn with its reference's, so a busy machine or one whose speed drifts
moves both alike (see bench/cputime.py).

==============  =====================================================  ==========================
target          ours                                                   reference
==============  =====================================================  ==========================
start-up        ``journeymap render`` of 30 touch-points to SVG        the floor: ``python -c
                                                                       'import yaml, click'`` plus
                                                                       one ``neato -n2`` run of our
                                                                       own DOT; within 2x
500             ``journeymap render`` of 500 touch-points              bare pinned Graphviz of the
                                                                       same grid (bench_render's
                                                                       ``bare_dot``); within 2x.
                                                                       Also shown against one
                                                                       ``neato -n2`` run of our DOT,
                                                                       and against the floor of any
                                                                       Python tool: start, import
                                                                       yaml and click, parse the
                                                                       file with libyaml, plus the
                                                                       bare pinned run
2,000           ``journeymap render`` of 2,000 touch-points            8 s
labels          ``journeymap render`` of 700 touch-points, every       the same journey without
                flow labelled                                          labels; within 3x
check           ``journeymap check`` of 2,000 touch-points             the Python floor: start,
                                                                       import yaml and click, parse
                                                                       the file with libyaml
limits          ``journeymap render`` of 2,000 touch-points in 200       the time limit, 120 s: SPEC 5
                lanes and 200 stages, four flows each to touch-points  says it must finish
                anywhere later (``generate_limits_journey``)
build -j        ``journeymap build -j 2`` of 20 journeys (wall time)   ``-j 1``; speed-up
==============  =====================================================  ==========================

The package's bytecode is compiled first, as ``pip install`` does (yaml and click, in the floor,
come compiled; without this, an environment with PYTHONDONTWRITEBYTECODE set would compile
journeymap's modules from source on every run).

Run: python bench/bench_targets.py [--runs N]
"""

from __future__ import annotations

import compileall
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_render import bare_dot  # noqa: E402
from bench.cputime import median_cpu, medians_in_turn, wall_and_cpu  # noqa: E402
from bench.generate import generate_journey, generate_limits_journey  # noqa: E402

# The console script users run (python -m adds runpy's imports), else python -m.
_SCRIPT = Path(sys.executable).with_name("journeymap")
JM = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "journeymap"]


#: Start Python, import yaml and click, parse a file with libyaml: what any Python tool pays first.
_PARSE = ("import yaml, click; yaml.load(open(%r, encoding='utf-8'), Loader=getattr(yaml, 'CSafeLoader', "
          "yaml.SafeLoader))")


def _journey(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.journey.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _render(path: Path, out: Path) -> list[str]:
    return [*JM, "render", str(path), "-o", str(out)]


def _build_speedup(folder: Path) -> tuple[float, float, float]:
    maps = folder / "maps"
    maps.mkdir()
    for i in range(20):
        text = generate_journey(30, seed=i).replace("id: gen-30", f"id: journey-{i:02d}")
        _journey(maps, f"j{i:02d}", text)
    env = {"SOURCE_DATE_EPOCH": "1764000000"}
    walls = []
    for jobs in (1, 2):
        wall, _ = wall_and_cpu([*JM, "build", str(maps), "-o", str(folder / f"out{jobs}"), "-j", str(jobs),
                                "--formats", "svg,json"], env)
        walls.append(wall)
    return walls[0], walls[1], walls[0] / walls[1]


def measure(runs: int) -> list[tuple[str, float, float, float, str]]:
    """Rows of (target, ours, reference, ratio, goal)."""
    dot = shutil.which("dot")
    if dot is None:
        raise SystemExit("Graphviz is not installed; run `make install`")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = _journey(folder, "gen-30", generate_journey(30))
        ours_dot = folder / "ours-30.dot"
        median_cpu(_render(small, ours_dot), 1)
        python, drawn, ours = medians_in_turn([[sys.executable, "-c", "import yaml, click"],
                                               [dot, "-Kneato", "-n2", "-Tsvg", str(ours_dot), "-o", os.devnull],
                                               _render(small, folder / "30.svg")], runs)
        rows.append(("start-up: render 30", ours, python + drawn, ours / (python + drawn), "<= 2x floor"))

        text = generate_journey(500)
        mid = _journey(folder, "gen-500", text)
        bare = folder / "bare-500.dot"
        bare.write_text(bare_dot(text), encoding="utf-8")
        own = folder / "ours-500.dot"
        median_cpu(_render(mid, own), 1)
        # What any Python tool on Graphviz pays for this journey before doing anything of its own:
        # start, import yaml and click, parse the file with libyaml, then the bare pinned run.
        ref, parse, drawn, ours = medians_in_turn([[dot, "-Kneato", "-n2", "-Tsvg", str(bare), "-o", os.devnull],
                                                   [sys.executable, "-c", _PARSE % str(mid)],
                                                   [dot, "-Kneato", "-n2", "-Tsvg", str(own), "-o", os.devnull],
                                                   _render(mid, folder / "500.svg")], runs)
        rows.append(("render 500", ours, ref, ours / ref, "<= 2x bare pinned"))
        least = parse + ref
        rows.append(("  vs a Python floor", ours, least, ours / least,
                     f"(report: floor = parse + bare pinned = {least / ref:.2f}x bare pinned)"))
        rows.append(("  the same, vs our DOT", ours, drawn, ours / drawn, "(report: one bare run of our DOT)"))

        big = _journey(folder, "gen-2000", generate_journey(2000))
        few = max(1, runs // 2)
        ours = median_cpu(_render(big, folder / "2000.svg"), few)
        rows.append(("render 2,000", ours, 8.0, ours / 8.0, "<= 8 s"))

        limits = _journey(folder, "limits", generate_limits_journey())
        ours = median_cpu(_render(limits, folder / "limits.svg"), 1)
        rows.append(("render at SPEC 5 limits", ours, 120.0, ours / 120.0, "(report; must finish: limit 120 s)"))

        plain = _journey(folder, "gen-700", generate_journey(700))
        labelled = _journey(folder, "lab-700", generate_journey(700, labels=True))
        twin, ours = medians_in_turn([_render(plain, folder / "700.svg"), _render(labelled, folder / "lab-700.svg")],
                                     few)
        rows.append(("labelled 700", ours, twin, ours / twin, "<= 3x unlabelled twin"))

        # (not --version, which asks Graphviz, WeasyPrint and Pango for theirs)
        floor, ours = medians_in_turn([[sys.executable, "-c", _PARSE % str(big)], [*JM, "check", str(big)]], few)
        rows.append(("check 2,000", ours, floor, ours / floor, "(report; ref = start, import, parse the file)"))

        one, two, speedup = _build_speedup(folder)
        rows.append(("build 20x30 -j 2 (wall)", two, one, 1 / speedup, f"speed-up {speedup:.2f}x"))
    return rows


def main(argv: list[str]) -> int:
    """Measure and print the table."""
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    import journeymap

    compileall.compile_dir(str(Path(journeymap.__file__).parent), quiet=1)
    print(f"targets: CPU seconds, median of {runs} runs ({max(1, runs // 2)} for the big ones)")
    print(f"  {'target':<24} {'ours':>8} {'reference':>10} {'ratio':>7}  goal")
    for name, ours, ref, ratio, goal in measure(runs):
        print(f"  {name:<24} {ours:>7.2f}s {ref:>9.2f}s {ratio:>6.2f}x  {goal}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
