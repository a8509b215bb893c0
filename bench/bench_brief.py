"""Benchmark: the PDF briefing of generated journeys of 30, 500 and 2,000 touch-points.

Each size runs in a fresh process (whole-process time: Python start, imports, load, checks,
map, HTML, PDF), with SOURCE_DATE_EPOCH set. The map is the real ``render_map`` when
``journeymap.map.render`` exists, else a stand-in SVG grid drawn here (the output says which).
Target: 30 touch-points under 2.5 s whole process.
Run: python bench/bench_brief.py [SIZES...] [--page a4|letter|slide]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.generate import generate_journey

SIZES = (30, 500, 2000)
TARGET_30 = 2.5


def stand_in_svg(analysis: object) -> str:
    """A grid map like the real one (lanes x stages, one box per touch-point, one line per flow)."""
    j = analysis.journey  # type: ignore[attr-defined]
    lane = {d.id: i for i, d in enumerate(j.departments)}
    col: dict[str, int] = {}
    pos: dict[str, tuple[float, float]] = {}
    for tp in j.touchpoints:
        c = col.get(tp.stage + tp.department, 0)
        col[tp.stage + tp.department] = c + 1
        pos[tp.id] = (200 + j.stage_by_id[tp.stage].index * 180.0, 40 + lane[tp.department] * 120.0 + c * 4)
    width, height = 220 + 180 * len(j.stages), 60 + 120 * len(j.departments)
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
            f'viewBox="0 0 {width} {height}">')]
    for d in j.departments:
        y = 20 + lane[d.id] * 120
        out.append(f'<g id="lane-{d.id}" class="lane"><rect x="0" y="{y}" width="{width}" height="120" '
                   f'fill="#f4f6f8" stroke="#ccc"/><text x="8" y="{y + 60}" font-family="DejaVu Sans" '
                   f'font-size="12">{escape(d.name)}</text></g>')
    for f in analysis.flows:  # type: ignore[attr-defined]
        (x1, y1), (x2, y2) = pos[f.source], pos[f.target]
        out.append(f'<path class="flow" d="M{x1 + 150},{y1 + 15} L{x2},{y2 + 15}" stroke="#555" fill="none"/>')
    for tp in j.touchpoints:
        x, y = pos[tp.id]
        out.append(f'<g id="tp-{tp.id}" class="touchpoint reliability-{tp.reliability}"><rect x="{x}" y="{y}" '
                   f'width="150" height="30" rx="4" fill="#fff" stroke="#333"/><text x="{x + 6}" y="{y + 19}" '
                   f'font-family="DejaVu Sans" font-size="9">{escape(tp.name[:28])}</text></g>')
    out.append("</svg>")
    return "\n".join(out)


def one(path: str, page: str, out: str) -> dict[str, object]:
    """Build one briefing in this process; returns phase timings."""
    marks = [("start", time.perf_counter())]
    from journeymap.analysis.analyse import analyse
    from journeymap.journey.validate import load_journey

    journey, findings = load_journey(path)
    assert journey is not None, findings
    analysis = analyse(journey)
    try:
        from journeymap.analysis.checks import run_checks

        findings = list(findings) + list(run_checks(analysis))
    except ImportError:
        pass
    marks.append(("load+checks", time.perf_counter()))
    try:
        from journeymap.map.render import render_map

        svg, source = render_map(analysis, "svg").decode("utf-8"), "real render_map"
    except ImportError:
        svg, source = stand_in_svg(analysis), "stand-in SVG (journeymap.map.render not available)"
    marks.append(("map", time.perf_counter()))
    from journeymap.briefing.document import briefing_date, render_briefing_html
    from journeymap.briefing.pdf import html_to_pdf

    html = render_briefing_html(analysis, findings, svg, page=page, date=briefing_date())
    marks.append(("html", time.perf_counter()))
    pdf = html_to_pdf(html, title=journey.title, author=journey.owner, subject=journey.summary)
    marks.append(("pdf", time.perf_counter()))
    Path(out).write_bytes(pdf)
    phases = {name: round(t - marks[i][1], 3) for i, (name, t) in enumerate(marks[1:])}
    return {"phases": phases, "map": source, "bytes": len(pdf)}


def measure(size: int, page: str, tmp: Path) -> dict[str, object]:
    """Whole-process time of one briefing of a generated journey of ``size`` touch-points."""
    src = tmp / f"gen-{size}.journey.yaml"
    src.write_text(generate_journey(size), encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--one", str(src), page, str(tmp / f"gen-{size}.pdf")],
                          check=True, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1764000000", "PYTHONPATH": str(ROOT)})
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = round(time.perf_counter() - start, 2)
    try:
        from pypdf import PdfReader

        result["pages"] = len(PdfReader(str(tmp / f"gen-{size}.pdf")).pages)
    except ImportError:
        result["pages"] = "?"
    return result


def main(argv: list[str]) -> int:
    """Measure each size and print a table."""
    if argv[:1] == ["--one"]:
        print(json.dumps(one(argv[1], argv[2], argv[3])))
        return 0
    page = argv[argv.index("--page") + 1] if "--page" in argv else "a4"
    sizes = [int(a) for a in argv if a.isdigit()] or list(SIZES)
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = measure(size, page, Path(tmp))
            verdict = ""
            if size == 30:
                ok = float(r["wall"]) < TARGET_30  # type: ignore[arg-type]
                verdict = f"  (target < {TARGET_30} s: {'ok' if ok else 'MISSED'})"
                status |= 0 if ok else 1
            print(f"brief {size:5d} touch-points, {page}: {r['wall']:6.2f} s whole process, "
                  f"{r['pages']} pages, {r['bytes'] // 1024} KiB{verdict}")
            print(f"      phases {r['phases']}; map: {r['map']}", flush=True)
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
