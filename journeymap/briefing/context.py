"""The briefing's template context: plain data (dicts, lists, strings, numbers) from the analysis.

Templates (ours, or a team's sandboxed ``--templates``) only ever see this data, never the model
objects. One method of :class:`ContextBuilder` per section of the briefing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from journeymap.analysis.analyse import Analysis
from journeymap.analysis.checks import accepted_handoffs
from journeymap.briefing.matrixview import EVERY_ROW, even_runs, handoff_matrix
from journeymap.briefing.findingsview import finding_counts, finding_groups, findings_context, left_out_context
from journeymap.findings import Finding
from journeymap.journey.model import RELIABILITIES, Touchpoint
from journeymap.journey.textsafe import named
from journeymap.journey.model import LAYER_WORDS
from journeymap.report import noun, share_of


@dataclass(frozen=True)
class PageFormat:
    """Paper geometry: CSS page sizes, the map's height, and how many grid columns fit a page."""

    name: str
    size: str
    map_size: str
    map_height: str
    heat_columns: int
    matrix_columns: int
    margin_font: str = "7.5pt"


PAGES: dict[str, PageFormat] = {
    "a4": PageFormat("a4", "210mm 297mm", "297mm 210mm", "165mm", 6, 18),
    "letter": PageFormat("letter", "8.5in 11in", "11in 8.5in", "6.4in", 6, 18),
    # 16:9 exactly: 13.333 in by 7.5 in was 959.976 pt by 540 (audit FG)
    "slide": PageFormat("slide", "960pt 540pt", "960pt 540pt", "5.5in", 8, 24, "10pt"),
    "a3": PageFormat("a3", "297mm 420mm", "420mm 297mm", "240mm", 8, 24),
}

#: ``(anchor id, title)`` of every section, in document order (``sec-since`` only with ``since``).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("sec-cover", "Briefing"),
    ("sec-cracks", "Where the customer falls through the cracks"),
    ("sec-since", "What changed"),
    ("sec-map", "The journey map"),
    ("sec-handoffs", "Hand-offs"),
    ("sec-heatmap", "Reliability heatmap"),
    ("sec-moments", "Moments of truth"),
    ("sec-accountability", "Accountability"),
    ("sec-findings", "Appendix: findings"),
    ("sec-inventory", "Appendix: service inventory"),
)
#: The sections of the appendix (left out with ``appendix=False``).
APPENDIX = frozenset({"sec-findings", "sec-inventory"})

#: Longest journey title shown in the running page header (longer ones end with an ellipsis).
RUNNING_TITLE = 60
#: ... and widest, in ems of DejaVu Sans: a slide's header box holds 33 ems of its 10 pt type.
RUNNING_EMS = 32.0
#: The most hand-offs a stage's group may hold to share a table with its neighbours (kept whole).
SHARED_GROUP = 3
#: Touch-points named per department in the accountability table (the map and the appendix show
#: them all): 30 made a cell of one department a wall of names on a 100-touch-point journey.
OWNED_LISTED = 10

#: rating -> (label, icon); the icon is the greyscale-safe cue next to the colour. Names and icons
#: are the map's (map/theme.py), so a rating reads the same on every page.
RATINGS: dict[str, tuple[str, str]] = {
    "reliable": ("Reliable", "\u2714"),
    "it-depends": ("It depends", "\u25d0"),
    "unreliable": ("Unreliable", "\u2716"),
    "unknown": ("Not rated", "?"),
}


def running_title(title: str) -> str:
    """A title as the pages' header carries it: whole up to :data:`RUNNING_TITLE` characters (SPEC 4.2;
    one too wide for a line takes two); beyond them shortened at a word's end, with an ellipsis
    ("... in the kit…" on every page of home-claim: audit R), to at most :data:`RUNNING_EMS` wide,
    and not on a little word such as "the".

    >>> running_title("Filing a home-insurance claim after water damage in the kitchen")
    'Filing a home-insurance claim after water damage…'
    >>> len(running_title("W" * 80))
    30
    """
    from journeymap.map.text import LITTLE_WORDS, shorten
    from journeymap.map.textwidth import text_width

    if len(title) <= RUNNING_TITLE:
        return title  # whole, as SPEC 4.2 has it; one too wide for a line takes two (the header's box wraps)
    limit = RUNNING_TITLE
    cut = shorten(title, limit)
    # Sixty capitals ran 46 pt past a slide's edge (audit CA): the header's box is measured in ems.
    while limit > 8 and text_width(cut, 1.0) > RUNNING_EMS:
        limit -= 2
        cut = shorten(title, limit)
    if cut.endswith("\u2026"):
        words = cut[:-1].split(" ")
        while len(words) > 2 and words[-1].lower() in LITTLE_WORDS:
            words.pop()
        cut = " ".join(words).rstrip(" ,;:.-") + "\u2026"
    return cut  # (one in a right-to-left script is set apart by the templates' finalize, reader_value)


def rating(value: str) -> dict[str, str]:
    """A reliability rating as the templates show it: key, label and greyscale-safe icon."""
    label, icon = RATINGS[value]
    return {"key": value, "label": label, "icon": icon}


class ContextBuilder:
    """Turns one analysis into the plain-data template context (one method per section)."""

    def __init__(self, analysis: Analysis, page: PageFormat) -> None:
        self.a = analysis
        self.j = analysis.journey
        self.page = page
        self.dept = {d.id: d.name for d in self.j.departments}
        self.stage = {s.id: s.name for s in self.j.stages}
        # the risky hand-offs the journey file accepts: counted on the cover, marked in the register
        self.accepted = accepted_handoffs(analysis)

    def ref(self, tp: Touchpoint) -> dict[str, Any]:
        """A touch-point as the tables show it."""
        return {"id": tp.id, "name": tp.name, "department": self.dept[tp.department],
                "stage": self.stage[tp.stage], "rating": rating(tp.reliability)}

    def journey(self) -> dict[str, Any]:
        """Title, summary, owner, persona."""
        p = self.j.persona
        persona = None if p is None else {"name": p.name, "goal": p.goal, "expectations": list(p.expectations)}
        title = self.j.title
        return {"id": self.j.id, "title": title, "running_title": running_title(title), "summary": self.j.summary,
                "owner": named(self.j.owner), "persona": persona}

    def headline(self) -> dict[str, Any]:
        """The cover's numbers (``value``, ``label``, a ``note`` under some) and the ratings."""
        h = self.a.headline
        total = h.touchpoints or 1
        # The risky hand-offs the journey file accepts, said under their count: the cover counted
        # 3 where `check` listed 2, with nothing to say why (audit BQ).
        accepted = f"{len(self.accepted)} accepted" if self.accepted else None
        # "1 hand-offs" was on the cover
        numbers = [(h.touchpoints, noun(h.touchpoints, "touch-point"), None),
                   (h.departments, noun(h.departments, "department"), None),
                   (h.stages, noun(h.stages, "stage"), None), (h.handoffs, noun(h.handoffs, "hand-off"), None),
                   (h.risky_handoffs, noun(h.risky_handoffs, "risky hand-off"), accepted),
                   (share_of(h.reliable, h.touchpoints), "rated reliable", None),
                   (h.moments_of_truth, noun(h.moments_of_truth, "moment of truth", "moments of truth"), None)]
        ratings = [{**rating(r), "count": n, "share": round(100 * n / total, 2)} for r, n in h.ratings]
        return {"numbers": [{"value": str(v), "label": label, "note": note} for v, label, note in numbers],
                "ratings": ratings}

    def handoffs(self) -> list[dict[str, Any]]:
        """Every hand-off with both ends, the receiving stage and its reliability, and whether the
        journey file accepts its risk (``accepted``)."""
        by_id = self.j.touchpoint_by_id
        return [{"source": self.ref(by_id[f.source]), "target": self.ref(by_id[f.target]),
                 "stage": self.stage[by_id[f.target].stage], "risky": f.risky, "label": f.label,
                 "accepted": (f.source, f.target) in self.accepted}
                for f in self.a.handoffs]

    def handoff_groups(self, handoffs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The hand-offs grouped by the receiving stage, in stage order (empty stages left out)."""
        groups: dict[str, list[dict[str, Any]]] = {s.name: [] for s in self.j.stages}
        for h in handoffs:
            groups[h["target"]["stage"]].append(h)
        return [{"stage": name, "handoffs": rows} for name, rows in groups.items() if rows]

    @staticmethod
    def handoff_blocks(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The register's tables: a run of short groups (:data:`SHARED_GROUP` hand-offs at most,
        each kept whole) shares one table and its column heads; a longer group, which may break
        across pages, has a table of its own that repeats its heads and the group's heading. Each
        its own table, a group of one hand-off took three rows (home-claim's register: 6 column
        heads for 11 hand-offs)."""
        blocks: list[dict[str, Any]] = []
        for group in groups:
            if len(group["handoffs"]) > SHARED_GROUP:
                blocks.append({"shared": False, "groups": [group]})
            elif blocks and blocks[-1]["shared"]:
                blocks[-1]["groups"].append(group)
            else:
                blocks.append({"shared": True, "groups": [group]})
        return blocks

    def matrix(self) -> dict[str, Any]:
        """Department x department hand-off counts, in runs of columns that fit the page."""
        return handoff_matrix(self.a, self.page.matrix_columns)

    def heatmap(self) -> list[dict[str, Any]]:
        """Department rows x stage columns, chunked by stages; each cell its worst rating and counts.
        Past :data:`.matrixview.EVERY_ROW` departments, a chunk's rows are those of the departments with
        touch-points in its stages, and ``left_out`` counts the others."""
        grid = self.a.reliability_grid
        chunks = []
        for stages in even_runs(self.j.stages, self.page.heat_columns):
            rows = []
            shown = self.j.departments
            if len(shown) > EVERY_ROW:  # those with touch-points in these stages (all, where none has)
                shown = tuple(d for d in shown if any(grid[(s.id, d.id)].total for s in stages)) or shown
            for d in shown:
                cells = []
                for s in stages:
                    cell = grid[(s.id, d.id)]
                    counts = [{**rating(r), "count": n} for r, n in cell.counts]
                    cells.append({"worst": rating(cell.worst) if cell.worst else None, "total": cell.total,
                                  "counts": counts, "summary": "\u2002".join(
                                      f"{c['icon']}\u202f{c['count']}" for c in counts)})
                rows.append({"department": d.name, "cells": cells})
            chunks.append({"stages": [s.name for s in stages], "rows": rows,
                           "left_out": len(self.j.departments) - len(shown)})
        return chunks

    def moments(self) -> list[dict[str, Any]]:
        """Moments of truth with who answers for them and how they are measured."""
        external = {d.id for d in self.j.departments if d.layer == "external"}
        return [{**self.ref(m.touchpoint), "lead": named(m.lead), "metric": m.touchpoint.metric,
                 "expectation": m.touchpoint.expectation, "external": m.touchpoint.department in external}
                for m in self.a.moments_of_truth]

    def stages(self) -> list[dict[str, Any]]:
        """Stage accountability: owner, goal, metrics, feedback."""
        return [{"name": s.name, "owner": named(s.owner), "goal": s.goal, "metrics": list(s.metrics),
                 "feedback": list(s.feedback), "touchpoints": len(s.touchpoints)} for s in self.j.stages]

    def departments(self) -> list[dict[str, Any]]:
        """Department accountability: lead, layer, touch-points owned (the first OWNED_LISTED by name)."""
        owned = self.a.department_touchpoints
        return [{"name": d.name, "lead": named(d.lead), "layer": LAYER_WORDS.get(d.layer, d.layer) if d.layer else None,
                 "external": d.layer == "external", "count": len(owned[d.id]),
                 "touchpoints": [tp.name for tp in owned[d.id][:OWNED_LISTED]],
                 "more": max(0, len(owned[d.id]) - OWNED_LISTED)} for d in self.j.departments]

    def inventory(self) -> list[dict[str, Any]]:
        """Every touch-point, grouped by stage, with its full service detail."""
        return [{"name": s.name, "touchpoints": [self._service(tp) for tp in s.touchpoints]}
                for s in self.j.stages if s.touchpoints]

    def _service(self, tp: Touchpoint) -> dict[str, Any]:
        return {**self.ref(tp), "channel": tp.channel, "depends_on": list(tp.depends_on),
                "expectation": tp.expectation, "metric": tp.metric, "moment_of_truth": tp.moment_of_truth,
                "pain_points": list(tp.pain_points), "opportunities": list(tp.opportunities),
                "category": CATEGORY_WORDS.get(tp.category) if tp.category else None, "notes": tp.notes}


#: A touch-point's ``category`` in the service inventory: the kind of critical touch-point (SPEC 1).
CATEGORY_WORDS = {"at-risk": "managing customers at risk", "needs": "responding to customer needs",
                  "bond": "increasing the bond with relevant value", "growth": "earning the right to growth"}


def sections_context(analysis: Analysis, findings: Iterable[Finding], page: PageFormat,
                     appendix: bool = True) -> dict[str, Any]:
    """The data of every section (everything but the map, the date and ``since``)."""
    b = ContextBuilder(analysis, page)
    handoffs, listed = b.handoffs(), findings_context(findings)
    groups, by_stage = finding_groups(listed), b.handoff_groups(handoffs)
    return {"journey": b.journey(), "headline": b.headline(), "handoffs": handoffs,
            "handoff_groups": by_stage, "handoff_blocks": b.handoff_blocks(by_stage),
            "matrix": b.matrix(), "heatmap": b.heatmap(), "branching": analysis.branches, "moments": b.moments(),
            # no `next:` anywhere: every flow is the file's order, which the register says (audit EA)
            "file_order": all(tp.next is None for tp in analysis.journey.touchpoints),
            "stages": b.stages(), "departments": b.departments(),
            "findings": listed, "finding_counts": finding_counts(groups), "finding_groups": groups,
            "findings_left_out": left_out_context(analysis), "inventory": b.inventory(),
            "ratings": [rating(r) for r in RELIABILITIES],
            "sections": [{"id": i, "title": t} for i, t in SECTIONS[1:]
                         if i != "sec-since" and (appendix or i not in APPENDIX)]}
