"""Journeys built directly as model objects, for the briefing and PDF tests and the benchmark.

Independent of the YAML loader: positions are synthetic, ids are given explicitly.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Any, Optional

from journeymap.journey.model import Department, Journey, NextRef, Persona, Stage, Touchpoint

#: ``(id, name, lead, layer)``
DEPARTMENTS: tuple[tuple[str, str, Optional[str], Optional[str]], ...] = (
    ("customer", "Customer & partners", None, "external"),
    ("contact-centre", "Contact centre", "Maya Okafor", "frontstage"),
    ("claims", "Claims handling", "Tom Berger", "backstage"),
    ("finance", "Finance", None, "support"),
)


def _tp(tp_id: str, name: str, department: str, **fields: Any) -> dict[str, Any]:
    return {"id": tp_id, "name": name, "department": department, **fields}


#: ``(id, name, owner, metrics, feedback, touch-points)``
STAGES: tuple[tuple[str, str, Optional[str], tuple[str, ...], tuple[str, ...], list[dict[str, Any]]], ...] = (
    ("report", "Report the damage", "Claims experience council", ("Time to first contact",),
     ("Post-call survey",), [
         _tp("search-web", "Searches how to claim", "customer", channel="web", reliability="reliable"),
         _tp("call-hotline", "Calls the claims hotline", "contact-centre", channel="phone",
             reliability="it-depends", depends_on=("Which agent answers", "Queue length"),
             moment_of_truth=True, expectation="Claim logged in one call",
             metric="First-call resolution rate", pain_points=("Repeats policy number twice",),
             opportunities=("Caller ID lookup",), category="needs", emotion=-1),
     ]),
    ("assess", "Assess the damage", None, (), (), [
        _tp("assessor-visit", "Assessor visits the home", "claims", channel="visit",
            reliability="unreliable", moment_of_truth=True, expectation="Visit within 3 days",
            pain_points=("Visit slots are all-day",)),
        _tp("claim-decision", "Receives the claim decision", "claims", channel="letter",
            reliability="reliable"),
    ]),
    ("pay", "Get paid", "Finance director", ("Days to payment",), ("Payment NPS",), [
        _tp("payment", "Repair is paid", "finance", channel="bank transfer", reliability="unknown",
            moment_of_truth=True, metric="Days to payment"),
        _tp("thank-you", "Gets a follow-up call", "contact-centre", channel="phone",
            reliability="reliable", next=()),
    ]),
    ("review", "Review", None, (), (), []),
)


def _touchpoint(raw: dict[str, Any], stage: str, index: int) -> Touchpoint:
    fields = dict(raw)
    nxt = fields.pop("next", None)
    refs = None if nxt is None else tuple(NextRef(to=t, pos=(index + 1, 9)) for t in nxt)
    return Touchpoint(stage=stage, index=index, pos=(20 + index * 3, 9), next=refs, **fields)


def make_journey(*, title: str = "Filing a home-insurance claim",
                 summary: Optional[str] = "How a homeowner reports water damage and gets the repair paid.",
                 tp_name: Optional[str] = None, dept_name: Optional[str] = None) -> Journey:
    """The small fixed journey of the golden tests (hand-offs, risky hand-offs, an empty stage).

    ``tp_name`` renames the first touch-point and ``dept_name`` the first department (hostile
    text tests).
    """
    departments = tuple(
        Department(id=d, name=(dept_name if (dept_name and i == 0) else n), index=i, pos=(4 + i, 5),
                   lead=lead, layer=layer)  # type: ignore[arg-type]
        for i, (d, n, lead, layer) in enumerate(DEPARTMENTS))
    stages: list[Stage] = []
    k = 0
    for si, (sid, sname, owner, metrics, feedback, tps) in enumerate(STAGES):
        built = []
        for raw in tps:
            if k == 0 and tp_name:
                raw = {**raw, "name": tp_name}
            built.append(_touchpoint(raw, sid, k))
            k += 1
        stages.append(Stage(id=sid, name=sname, index=si, pos=(12 + si, 5), touchpoints=tuple(built),
                            owner=owner, metrics=metrics, feedback=feedback))
    return Journey(path="maps/home-claim.journey.yaml", id="home-claim", title=title,
                   departments=departments, stages=tuple(stages), summary=summary,
                   owner="Chief Customer Officer",
                   persona=Persona(name="Dana, homeowner", goal="Get the kitchen repaired quickly",
                                   expectations=("One contact person", "Clear timeline")))


def make_large(n: int, departments: int = 8, stages: int = 12) -> Journey:
    """A synthetic journey with ``n`` touch-points spread over the given departments and stages."""
    ratings = ("reliable", "it-depends", "unreliable", "unknown")
    deps = tuple(Department(id=f"d{i}", name=f"Department {i}", index=i, pos=(i + 1, 1),
                            lead=f"Lead {i}" if i % 3 else None) for i in range(departments))
    per = [n // stages + (1 if s < n % stages else 0) for s in range(stages)]
    built: list[Stage] = []
    k = 0
    for s in range(stages):
        tps = []
        for _ in range(per[s]):
            tps.append(Touchpoint(id=f"tp-{k}", name=f"Touch-point {k} where the customer does a thing",
                                  department=f"d{(k * 7) % departments}", stage=f"s{s}", index=k,
                                  pos=(k + 1, 1), channel="web", reliability=ratings[k % 4],  # type: ignore[arg-type]
                                  moment_of_truth=k % 25 == 0, metric="NPS" if k % 2 else None,
                                  depends_on=("Who answers",) if k % 4 == 1 else ()))
            k += 1
        built.append(Stage(id=f"s{s}", name=f"Stage {s}", index=s, pos=(s + 1, 1), touchpoints=tuple(tps),
                           owner=f"Owner {s}"))
    return Journey(path=f"gen-{n}.journey.yaml", id=f"gen-{n}", title=f"Generated journey with {n} touch-points",
                   departments=deps, stages=tuple(built), owner="CCO")


def stand_in_svg(journey: Journey) -> str:
    """A small SVG made by ``dot -Tsvg`` from the journey's flows (stands in for the real map)."""
    from journeymap.analysis.analyse import analyse

    lines = ['digraph G { rankdir=LR; node [shape=box fontname="DejaVu Sans" fontsize=10];']
    for tp in journey.touchpoints:
        lines.append(f'"{tp.id}" [id="tp-{tp.id}" class="touchpoint reliability-{tp.reliability}" '
                     f'label="{tp.id}"];')
    lines.extend(f'"{f.source}" -> "{f.target}";' for f in analyse(journey).flows)
    lines.append("}")
    return _dot("\n".join(lines))


def _dot(source: str) -> str:
    if shutil.which("dot") is None:
        return FIXED_SVG
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=120,
                          check=True)
    return done.stdout.decode("utf-8")


#: A fixed, hand-written map so golden files do not depend on the Graphviz version.
FIXED_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="300pt" height="100pt" viewBox="0.00 0.00 300.00 100.00" xmlns="http://www.w3.org/2000/svg"
 xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph"><title>home-claim</title>
<g id="tp-call-hotline" class="node touchpoint reliability-it-depends moment-of-truth">
<path fill="#fbe7c0" stroke="black" d="M10,10L110,10L110,50L10,50Z"/>
<text x="60" y="35" font-family="DejaVu Sans" font-size="10">Calls the claims hotline</text></g>
<g id="flow-call-hotline--assessor-visit" class="edge flow handoff">
<path fill="none" stroke="black" d="M110,30C150,30 150,30 190,30"/></g>
</g></svg>
"""
