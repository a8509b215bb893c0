"""Benchmark: ``journeymap render`` against a bare Graphviz run of the same pinned grid.

For generated journeys of 30, 500 and 2,000 touch-points it measures CPU seconds (the process
and what it started; see bench/cputime.py), median of a few runs:

* ``journeymap render FILE -o OUT.svg`` as a whole process (start-up, load, checks, DOT,
  Graphviz, write);
* the bare Graphviz reference: ``dot -Tsvg`` on the swimlane a user of bare Graphviz would
  write for the same journey (DESIGN.md, layout 1): one cluster per department holding its
  touch-points, ``newrank=true`` and ``rank=same`` per stage, ``splines=ortho``, the same flow
  edges, DejaVu Sans; no headers, legend, emotion strip or styling, and Graphviz does the layout;
* the floor: ``dot -Kneato -n2 -Tsvg`` on the same boxes already pinned at our grid positions
  with the same edges and nothing else: the least work Graphviz can do to draw the map;
* ``render()`` in-process (no interpreter start-up), to show where the whole-process time goes.

Targets (issue 4): 30 touch-points under 0.5 s; 500 within 2x the reference; 2,000 within 10 s.
bench_targets.py holds the later ones (issue 19), each against its reference.
Run: python bench/bench_render.py
"""

from __future__ import annotations

import resource
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.cputime import median_cpu  # noqa: E402
from bench.generate import generate_journey  # noqa: E402

SIZES = (30, 500, 2000)


def bare_dot(text: str) -> str:
    """The reference graph: the journey's grid and flows, nothing else."""
    from journeymap.analysis.analyse import analyse
    from journeymap.map.grid import plan_grid
    from journeymap.journey.validate import load_text

    journey, _ = load_text(text, "bench.journey.yaml")
    assert journey is not None
    analysis = analyse(journey)
    grid = plan_grid(analysis)
    lines = ["digraph bare {", f'  graph [splines=ortho, bb="0,0,{grid.width:.0f},{grid.height:.0f}"];',
             '  node [shape=box, fontname="DejaVu Sans", fontsize=10];']
    for box in grid.boxes.values():
        r = box.rect
        label = "\\n".join(box.name).replace('"', "'")
        lines.append(f'  "{box.id}" [pos="{r.x:.1f},{grid.height - r.y:.1f}!", width={r.width / 72:.2f}, '
                     f'height={r.height / 72:.2f}, label="{label}"];')
    lines += [f'  "{f.source}" -> "{f.target}";' for f in analysis.flows]
    return "\n".join(lines + ["}"]) + "\n"


def swimlane_dot(text: str) -> str:
    """The reference graph: the swimlane as a user would write it by hand for ``dot``."""
    from journeymap.analysis.analyse import analyse
    from journeymap.journey.validate import load_text

    journey, _ = load_text(text, "bench.journey.yaml")
    assert journey is not None
    analysis = analyse(journey)
    lines = ["digraph swimlane {", "  graph [newrank=true, splines=ortho, rankdir=LR];",
             '  node [shape=box, fontname="DejaVu Sans", fontsize=10];']
    for dept in journey.departments:
        lines.append(f'  subgraph "cluster_{dept.id}" {{ label="{dept.name}";')
        lines += [f'    "{tp.id}" [label="{tp.name}"];' for tp in journey.touchpoints if tp.department == dept.id]
        lines.append("  }")
    for stage in journey.stages:
        ids = " ".join(f'"{tp.id}";' for tp in stage.touchpoints)
        lines.append(f"  {{ rank=same; {ids} }}")
    lines += [f'  "{f.source}" -> "{f.target}";' for f in analysis.flows]
    return "\n".join(lines + ["}"]) + "\n"


def _cpu_now() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def in_process(text: str, runs: int) -> float:
    """The median CPU seconds of ``runs`` calls of load, analyse and render to SVG (Graphviz included)."""
    from journeymap.analysis.analyse import analyse
    from journeymap.map.render import render
    from journeymap.journey.validate import load_text

    times = []
    for _ in range(runs):
        start = _cpu_now()
        journey, _ = load_text(text, "bench.journey.yaml")
        assert journey is not None
        render(analyse(journey), "svg")
        times.append(_cpu_now() - start)
    return statistics.median(times)


def cpu_of(runs: int, command: list[str]) -> float:
    """The median CPU seconds of ``runs`` runs of ``command``."""
    return median_cpu(command, runs)


def main() -> int:
    """Print a table of whole-process render times against the bare reference."""
    program = shutil.which("journeymap") or ""
    render_cmd = [program] if program else [sys.executable, "-m", "journeymap"]
    dot = shutil.which("dot")
    if dot is None:
        print("Graphviz is not installed; run `make install`")
        return 1
    print("CPU seconds, median of a few runs")
    print(f"{'touch-points':>12} {'render':>9} {'reference':>10} {'ratio':>6} {'floor':>7} "
          f"{'in-process':>10}  target")
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            text = generate_journey(n)
            journey = Path(tmp) / f"gen-{n}.journey.yaml"
            journey.write_text(text)
            bare = Path(tmp) / f"bare-{n}.dot"
            bare.write_text(bare_dot(text))
            lanes = Path(tmp) / f"lanes-{n}.dot"
            lanes.write_text(swimlane_dot(text))
            runs = 5 if n <= 500 else 2
            ours = cpu_of(runs, [*render_cmd, "render", str(journey), "-o", str(Path(tmp) / f"{n}.svg")])
            ref = cpu_of(runs if n <= 500 else 1, [dot, "-Tsvg", str(lanes), "-o", str(Path(tmp) / f"lanes-{n}.svg")])
            floor = cpu_of(runs, [dot, "-Kneato", "-n2", "-Tsvg", str(bare), "-o", str(Path(tmp) / f"bare-{n}.svg")])
            inside = in_process(text, runs)
            target = {30: "< 0.5 s", 500: "< 2x reference", 2000: "< 10 s"}[n]
            print(f"{n:>12} {ours:>8.2f}s {ref:>9.2f}s {ours / ref:>5.1f}x {floor:>6.2f}s {inside:>9.2f}s  {target}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
