"""Measure the map's craft on the examples and generated journeys: flows running along grid lines
and flow crossings (not timings; run by hand: ``python bench/map_craft.py [N ...]``).

A run along the grid is a straight piece of a flow longer than 20 pt within 3 pt of a lane
boundary (horizontal) or a stage column's boundary (vertical), SPEC 4.1; a crossing is a
horizontal piece of one flow crossing a vertical piece of another, away from their ends.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import xml.etree.ElementTree as ET  # noqa: E402

from generate import generate_journey  # noqa: E402
from journeymap.analysis.analyse import analyse  # noqa: E402
from journeymap.journey.validate import load_journey, load_text  # noqa: E402
from journeymap.map.render import render  # noqa: E402
from svgmap import NS  # noqa: E402
from test_map_craft import classes, points, runs_along_grid  # noqa: E402

Segment = tuple[tuple[float, float], tuple[float, float]]


def pieces(root: ET.Element) -> dict[str, list[Segment]]:
    """Each flow's straight pieces (orthogonal routes: every third Bézier point is a corner)."""
    found: dict[str, list[Segment]] = {}
    for g in root.iter(f"{NS}g"):
        if "flow" in classes(g):
            for path in g.iter(f"{NS}path"):
                pts = points(path)
                corners = pts[::3] if (len(pts) - 1) % 3 == 0 else pts
                found.setdefault(g.get("id", ""), []).extend(zip(corners, corners[1:]))
    return found


def crossings(root: ET.Element) -> int:
    """Horizontal pieces of one flow crossing vertical pieces of another, strictly inside both."""
    flows = list(pieces(root).values())
    count = 0
    for i, mine in enumerate(flows):
        for theirs in flows[i + 1:]:
            for a, b in mine:
                for c, d in theirs:
                    h1, h2 = abs(a[1] - b[1]) < 0.01, abs(c[1] - d[1]) < 0.01
                    if h1 == h2:
                        continue
                    (p, q), (r, s) = ((a, b), (c, d)) if h1 else ((c, d), (a, b))
                    x0, x1 = sorted((p[0], q[0]))
                    y0, y1 = sorted((r[1], s[1]))
                    count += x0 + 0.5 < r[0] < x1 - 0.5 and y0 + 0.5 < p[1] < y1 - 0.5
    return count


def main(argv: list[str]) -> int:
    """Print runs along the grid and crossings for each example and generated journey."""
    sizes = [int(n) for n in argv[1:]] or [30, 100, 300]
    cases = [(p.name, load_journey(p)[0]) for p in sorted((ROOT / "maps").glob("*.journey.yaml"))]
    cases += [(f"generated {n}", load_text(generate_journey(n), f"gen-{n}.yaml")[0]) for n in sizes]
    for name, journey in cases:
        assert journey is not None
        root = ET.fromstring(render(analyse(journey), "svg", timeout=600).data)
        print(f"{name:32} width {root.get('width'):>9}  runs along the grid {len(runs_along_grid(root)):3}  "
              f"crossings {crossings(root):4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
