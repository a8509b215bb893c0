"""``export --format json``: the analysed journey as data, a stable, versioned interface.

The document is described in the README ("JSON export"). Keys are only ever added within a
version; ``version`` changes when something is renamed or removed.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from typing import Any, Sequence

from msgspec.structs import asdict

from journeymap.analysis.analyse import Analysis, Cell
from journeymap.analysis.checks import accepted_handoffs
from journeymap.findings import Finding, sort_findings
from journeymap.journey.model import RELIABILITIES, Touchpoint
from journeymap.report import summary

EXPORT_VERSION = 1


def _touchpoint(tp: Touchpoint) -> dict[str, Any]:
    nxt = None if tp.next is None else [{"to": r.to, "label": r.label} for r in tp.next]
    return {
        "id": tp.id, "name": tp.name, "department": tp.department, "stage": tp.stage,
        "channel": tp.channel, "reliability": tp.reliability, "depends_on": list(tp.depends_on),
        "category": tp.category, "moment_of_truth": tp.moment_of_truth, "emotion": tp.emotion,
        "expectation": tp.expectation, "metric": tp.metric, "pain_points": list(tp.pain_points),
        "opportunities": list(tp.opportunities), "notes": tp.notes, "next": nxt, "ignore": sorted(tp.ignore),
        "reachable": None, "line": tp.pos[0], "column": tp.pos[1], "extensions": {},
    }


def _plain(value: Any) -> Any:
    """``value`` as JSON holds it: a YAML date as its ISO text, binary as its base64, a float
    JSON has no word for (.inf, .nan) as text, keys as text. ``x-`` keys hold whatever YAML can
    say, and an ``x-date: 2025-01-01`` stopped the export with a traceback."""
    if isinstance(value, dict):
        plain: dict[str, Any] = {}
        for k, v in value.items():  # keys as YAML spells them; of two that read alike, the first
            plain.setdefault(_key(k), _plain(v))
        return plain
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else (".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf"))
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _key(key: Any) -> str:
    """A mapping key as YAML spells it: null, true, false (review CS: "None")."""
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    text = _plain(key)
    return text if isinstance(text, str) else json.dumps(text)


def _matrices(a: Analysis) -> dict[str, Any]:
    j = a.journey
    dept_ids = [d.id for d in j.departments]
    stage_ids = [s.id for s in j.stages]
    grid = a.reliability_grid
    return {
        "handoffs": {"departments": dept_ids,
                     "counts": [[a.handoff_matrix.get((f, t), 0) for t in dept_ids] for f in dept_ids]},
        "reliability": {"stages": stage_ids, "departments": dept_ids,
                        "cells": [[_cell(grid[(s, d)]) for d in dept_ids] for s in stage_ids]},
    }


def _cell(cell: Cell) -> dict[str, Any]:
    """A heatmap cell: its worst rating and how many of each of the four (zeros too)."""
    counts = dict(cell.counts)
    return {"worst": cell.worst, "counts": {r: counts.get(r, 0) for r in RELIABILITIES}}


def _handoffs(a: Analysis) -> list[dict[str, Any]]:
    by_id = a.journey.touchpoint_by_id
    accepted = accepted_handoffs(a)  # a risky one the journey's ignore: accepts for W110
    return [{"from": f.source, "to": f.target, "from_department": by_id[f.source].department,
             "to_department": by_id[f.target].department, "stage": by_id[f.target].stage,
             "reliability": by_id[f.target].reliability, "risky": f.risky, "label": f.label,
             "accepted": (f.source, f.target) in accepted}
            for f in a.handoffs]


def export_document(a: Analysis, findings: Sequence[Finding]) -> dict[str, Any]:
    """The export as a JSON-ready dict."""
    j = a.journey
    touchpoints = [_touchpoint(tp) for tp in j.touchpoints]
    own = j.element_extensions
    for item in touchpoints:
        item["reachable"] = item["id"] in a.reachable
        item["extensions"] = _plain(own.get(f"touchpoint:{item['id']}", {}))
    persona = asdict(j.persona) if j.persona else None
    if persona:
        persona["expectations"] = list(persona["expectations"])
    ordered = sort_findings(findings)
    return {
        "version": EXPORT_VERSION,
        "journey": {"id": j.id, "title": j.title, "summary": j.summary, "owner": j.owner,
                    "persona": persona, "source": j.path, "project": j.project, "ignore": sorted(j.ignore),
                    # the file's own ``x-`` keys, which tie a journey to a team's other tools (audit CN)
                    "extensions": _plain(j.extensions)},
        "headline": {**{k: v for k, v in asdict(a.headline).items() if k != "ratings"},
                     "ratings": dict(a.headline.ratings)},
        # positions, as the touch-points': a finding at a stage's or a department's line could not
        # be tied to it without reading the YAML again (audit CN)
        "departments": [{"id": d.id, "name": d.name, "lead": d.lead, "layer": d.layer,
                         "touchpoints": [tp.id for tp in a.department_touchpoints[d.id]],
                         "registry": d.registry, "ignore": sorted(d.ignore), "line": d.pos[0], "column": d.pos[1],
                         "extensions": _plain(own.get(f"department:{d.id}", {}))}
                        for d in j.departments],
        "stages": [{"id": s.id, "name": s.name, "owner": s.owner, "goal": s.goal,
                    "metrics": list(s.metrics), "feedback": list(s.feedback),
                    "touchpoints": [tp.id for tp in s.touchpoints],
                    "handoffs": len(a.handoffs_by_stage[s.id]), "ignore": sorted(s.ignore),
                    "line": s.pos[0], "column": s.pos[1], "extensions": _plain(own.get(f"stage:{s.id}", {}))}
                   for s in j.stages],
        "touchpoints": touchpoints,
        "flows": [{"from": f.source, "to": f.target, "label": f.label, "explicit": f.explicit,
                   "handoff": f.handoff, "risky": f.risky} for f in a.flows],
        "handoffs": _handoffs(a),
        "matrices": _matrices(a),
        "moments_of_truth": [{"touchpoint": m.touchpoint.id, "name": m.touchpoint.name,
                              "department": m.department.id, "lead": m.lead, "stage": m.stage.id,
                              "reliability": m.touchpoint.reliability, "metric": m.touchpoint.metric,
                              "expectation": m.touchpoint.expectation}
                             for m in a.moments_of_truth],
        "findings": [f.as_dict() for f in ordered],
        "summary": summary(ordered),
    }


def export_json(a: Analysis, findings: Sequence[Finding]) -> str:
    """The export as JSON text (stable key order, UTF-8, trailing newline)."""
    return json.dumps(export_document(a, findings), indent=2, ensure_ascii=False) + "\n"
