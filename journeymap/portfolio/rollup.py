"""The portfolio roll-up (SPEC 6): pure functions from checked journeys to company-wide numbers.

Only journeys without errors count; a journey with errors is listed with its findings and left
out of every number. A department is identified by its id and name: a registry department is
the same department in every journey that uses it, and two journeys without a registry that
define the same id with the same name share one department. The same id with another name is
another department (keyed ``id@journey``, then ``id@journey.2``... when journeys share an id too).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import PurePath
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Optional, Sequence

from journeymap.analysis.analyse import Analysis, Cell, rating_cell
from journeymap.findings import Finding, sort_findings
from journeymap.analysis.checks import accepted_handoffs
from journeymap.journey.model import RELIABILITIES, RELIABILITY_SEVERITY, Journey
from journeymap.journey.project import Project
from journeymap.journey.projectfile import DEFAULT_MAX_MOMENTS, DEFAULT_MIN_MOMENTS
from journeymap.journey.slug import file_id
from journeymap.journey.textsafe import names_someone
from journeymap.report import listed
from journeymap.pipeline import Checked
from journeymap.portfolio.deptkeys import DepartmentKeys, registry_ids, tell_apart
from journeymap.portfolio.momentbounds import moment_bounds_findings

if TYPE_CHECKING:
    from journeymap.portfolio.sincerecords import Since


@dataclass(frozen=True)
class JourneyRow:
    """One journey of the portfolio; ``ok`` False when it has errors (then all counts are 0)."""

    id: str
    title: str
    path: str
    ok: bool
    touchpoints: int = 0
    handoffs: int = 0
    risky_handoffs: int = 0
    moments_of_truth: int = 0
    owner: Optional[str] = None
    findings: tuple[Finding, ...] = ()
    #: The journey itself, for what only the pages ask of it (the language its long words break
    #: by: telling a language costs a JSON roll-up of 40 German journeys half its time).
    journey: Optional[Journey] = field(default=None, compare=False, repr=False)
    #: The title as the pages show it: where journeys share a title, each with its file after it
    #: (audit EI: two journeys of one title were two rows nobody could tell apart). The JSON keeps
    #: ``title``.
    shown: str = field(default="", compare=False)


@dataclass(frozen=True)
class TouchRef:
    """A touch-point seen from the portfolio: which journey, which department (key)."""

    journey: str
    journey_title: str
    touchpoint: str
    name: str
    department: str
    stage: str
    reliability: str
    moment_of_truth: bool
    #: The department's lead as its own journey names it (two project files may name two leads
    #: for one department; the card keeps the first: audit AF).
    lead: Optional[str] = None


@dataclass
class DepartmentCard:
    """One department's scorecard across the journeys."""

    key: str
    id: str
    name: str
    lead: Optional[str]
    layer: Optional[str]
    registry: bool
    touchpoints: list[TouchRef] = field(default_factory=list)
    #: The journeys it is in, as their places in :attr:`Portfolio.journeys`: two files may share a
    #: journey id (an old copy kept beside it), and by id they counted as one (audit BK).
    journeys: list[int] = field(default_factory=list)
    handoffs_in: int = 0
    handoffs_out: int = 0
    risky_in: int = 0
    #: Risky hand-offs from this department (not in SPEC 6's JSON; the pages and Markdown show it).
    risky_out: int = 0
    #: Of ``risky_in``, those whose journey file accepts them (W110 left out by its ``ignore:``).
    risky_in_accepted: int = 0
    #: The journeys (places, as ``journeys``) in which it receives a risky hand-off, and those in
    #: which it receives one or owns a moment of truth not rated reliable: who lets customers down
    #: journey after journey, not in one big journey (audit CE).
    risky_journeys: list[int] = field(default_factory=list)
    short_journeys: list[int] = field(default_factory=list)
    #: Leads other journeys name for this department (one department in journeys that disagree
    #: on its lead: the first journey's lead is ``lead``; the others were dropped unsaid).
    other_leads: list[str] = field(default_factory=list)
    #: How people are shown the department when another one has its name: the name and its
    #: journeys, "Contact centre (house-move)" (a registry department keeps its plain name).
    shown: str = ""

    def name_lead(self, lead: Optional[str]) -> None:
        """Take the lead another journey names for this department."""
        if lead is None or not names_someone(lead) or lead == self.lead or lead in self.other_leads:
            return  # "n/a" and "TBD" name no one (review CV), as the briefing and the list take them
        if not names_someone(self.lead):  # none yet, or the first journey's "TBD"
            self.lead = lead
        else:
            self.other_leads.append(lead)

    @property
    def leads(self) -> Optional[str]:
        """The lead, and those other journeys name, for people to read ("A (also named: B)")."""
        if not self.other_leads:
            return self.lead
        # not "another journey names Bob" where two did (review CS); namesakes.split_leads tells whose
        return f"{self.lead} (also named: {listed(self.other_leads)})"

    @property
    def ratings(self) -> dict[str, int]:
        """Touch-points per rating, every rating present (reliable, it-depends, unreliable, unknown)."""
        counts = {r: 0 for r in RELIABILITIES}
        for tp in self.touchpoints:
            counts[tp.reliability] += 1
        return counts

    @property
    def moments_of_truth(self) -> int:
        """Moments of truth this department owns."""
        return sum(1 for tp in self.touchpoints if tp.moment_of_truth)


@dataclass(frozen=True)
class Portfolio:
    """Everything the portfolio pages and the JSON show."""

    organisation: Optional[str]
    project: Optional[str]
    journeys: tuple[JourneyRow, ...]
    departments: tuple[DepartmentCard, ...]
    matrix: dict[tuple[str, str], int]
    risky: dict[tuple[str, str], int]
    moments: tuple[TouchRef, ...]
    heatmap: dict[tuple[int, str], Cell]
    findings: tuple[Finding, ...]
    bounds: tuple[int, int] = (DEFAULT_MIN_MOMENTS, DEFAULT_MAX_MOMENTS)
    #: What changed since a revision (``portfolio --since``), else None.
    since: Optional[Since] = None

    @cached_property
    def headline(self) -> dict[str, float | int]:
        """Journeys, touch-points, hand-offs, risky hand-offs, share rated reliable, ..."""
        ok = [j for j in self.journeys if j.ok]
        tps = sum(j.touchpoints for j in ok)
        reliable = sum(d.ratings["reliable"] for d in self.departments)
        return {"journeys": len(ok), "touchpoints": tps, "handoffs": sum(j.handoffs for j in ok),
                "risky_handoffs": sum(j.risky_handoffs for j in ok),
                # of them, those the journey files accept (ignore: [W110]), as each briefing's cover
                # counts them (audit FA)
                "risky_handoffs_accepted": sum(d.risky_in_accepted for d in self.departments),
                "reliable_share": round(reliable / tps, 4) if tps else 0.0,
                # the count too: a share rounded to 4 decimals cannot be printed as a whole percent
                # exactly, nor a dashboard's sum rebuilt from it (audit EP, review ER)
                "reliable": reliable,
                "departments": len(self.departments), "moments_of_truth": len(self.moments),
                "journeys_with_errors": len(self.journeys) - len(ok)}


def journey_id(checked: Checked) -> str:
    """A journey's id as the portfolio keys it: its own, else the one its file declares or its file
    name gives, where it has errors."""
    journey = checked.journey
    return journey.id if journey is not None else checked.declared[0] or file_id(checked.path)


def _row(checked: Checked) -> JourneyRow:
    journey, analysis = checked.journey, checked.analysis
    if not checked.ok or journey is None or analysis is None:
        ident = journey_id(checked)
        title = journey.title if journey is not None else checked.declared[1] or checked.path
        return JourneyRow(ident, title, checked.path, False, findings=checked.findings)
    h = analysis.headline
    return JourneyRow(journey.id, journey.title, checked.path, True, h.touchpoints, h.handoffs,
                      h.risky_handoffs, h.moments_of_truth, journey.owner, checked.findings, journey)


def from_common_folder(paths: Sequence[str]) -> Callable[[str], str]:
    """How the portfolio shows a file of ``paths``: relative to the folder that holds them all, so
    a reader sees ``claims/home.journey.yaml``, not where the folder was on the machine that made
    the page; as given where there is none (nothing, or files on different drives)."""
    try:
        root = os.path.commonpath([os.path.dirname(os.path.abspath(x)) for x in paths])
    except ValueError:
        return lambda path: path
    return lambda path: PurePath(os.path.relpath(os.path.abspath(path), root)).as_posix()  # one form on every OS


def _told_apart(rows: tuple[JourneyRow, ...]) -> tuple[JourneyRow, ...]:
    """``rows``, each with the title the pages show (:attr:`JourneyRow.shown`): the title, with the
    end of its file's path after it (the file's name, else as many folders as tell them apart)
    where another journey rolled up (or another left out) has the same title. Paths are taken
    from the folder that holds them all (:func:`from_common_folder`): from the file system's root,
    the folder ``portfolio`` ran in was named (review EN)."""
    titles = Counter((r.ok, r.title) for r in rows)
    relative = from_common_folder([r.path for r in rows])

    def parts(path: str) -> tuple[str, ...]:
        return PurePath(relative(path)).parts

    def shown(r: JourneyRow) -> str:
        if titles[r.ok, r.title] == 1:
            return r.title
        mine = parts(r.path)
        others = [parts(o.path) for o in rows if (o.ok, o.title) == (r.ok, r.title) and o is not r]
        n = next((n for n in range(1, len(mine)) if all(o[-n:] != mine[-n:] for o in others)), len(mine))
        return f"{r.title} ({'/'.join(mine[-n:])})"
    return tuple(replace(r, shown=shown(r)) for r in rows)


def _order(cards: dict[str, DepartmentCard], project: Optional[Project]) -> tuple[DepartmentCard, ...]:
    """The registry's departments first, in its order, then the journeys' own; those in no journey
    last (review GC: their empty columns opened the heatmap, their cards the scorecards)."""
    registry = list(project.by_id) if project is not None else []
    first = [cards[k] for k in registry if k in cards and cards[k].registry]
    ordered = first + [c for c in cards.values() if c not in first]
    return tuple([c for c in ordered if c.journeys] + [c for c in ordered if not c.journeys])


class _Sums:
    """The company-wide numbers, summed one journey at a time (:meth:`add`)."""

    def __init__(self, keys: DepartmentKeys) -> None:
        self.keys = keys
        self.cards: dict[str, DepartmentCard] = {}
        self.matrix: dict[tuple[str, str], int] = {}
        self.risky: dict[tuple[str, str], int] = {}
        self.cells: dict[tuple[int, str], list[TouchRef]] = {}
        self.moments: list[TouchRef] = []

    def add(self, index: int, item: Checked, title: str) -> None:
        """Count journey number ``index`` (checked without errors, ``title`` as the pages show it):
        its departments, touch-points and hand-offs."""
        assert item.journey is not None and item.analysis is not None
        journey = item.journey
        lane = {d.id: self.keys.key(d, journey.id) for d in journey.departments}
        for dept in journey.departments:
            card = self.cards.setdefault(lane[dept.id], DepartmentCard(lane[dept.id], dept.id, dept.name, dept.lead,
                                                                       dept.layer, dept.registry))
            card.name_lead(dept.lead)
            if index not in card.journeys:
                card.journeys.append(index)
        for tp in journey.touchpoints:
            ref = TouchRef(journey.id, title, tp.id, tp.name, lane[tp.department],
                           journey.stage_by_id[tp.stage].name, tp.reliability, tp.moment_of_truth,
                           journey.department_by_id[tp.department].lead)
            self.cards[ref.department].touchpoints.append(ref)
            if ref.moment_of_truth:
                self.moments.append(ref)
                if ref.reliability != "reliable":
                    _mark(self.cards[ref.department].short_journeys, index)
            self.cells.setdefault((index, ref.department), []).append(ref)
        self._add_handoffs(item.analysis, lane, index)

    def _add_handoffs(self, analysis: Analysis, lane: dict[str, str], index: int) -> None:
        by_id = analysis.journey.touchpoint_by_id
        accepted = accepted_handoffs(analysis)
        for flow in analysis.handoffs:
            pair = (lane[by_id[flow.source].department], lane[by_id[flow.target].department])
            self.matrix[pair] = self.matrix.get(pair, 0) + 1
            self.cards[pair[0]].handoffs_out += 1
            self.cards[pair[1]].handoffs_in += 1
            if flow.risky:
                self.risky[pair] = self.risky.get(pair, 0) + 1
                self.cards[pair[1]].risky_in += 1
                self.cards[pair[0]].risky_out += 1
                self.cards[pair[1]].risky_in_accepted += flow.key in accepted
                _mark(self.cards[pair[1]].risky_journeys, index)
                _mark(self.cards[pair[1]].short_journeys, index)


def _unused_registry(cards: dict[str, DepartmentCard], project: Optional[Project]) -> None:
    """A scorecard for each registry department no journey uses (SPEC 6: one per department,
    registry or journey-local): the company's list of departments is the registry, and one with
    no touch-point in any journey is a gap in what the journeys map (audit FT: it was left out of
    every list). Its id is its key unless a journey's own department took it."""
    if project is None:
        return
    for dept in project.departments:
        if dept.id in cards:
            continue
        fields = dept.fields
        cards[dept.id] = DepartmentCard(dept.id, dept.id, str(fields.get("name") or dept.id), fields.get("lead"),
                                        fields.get("layer"), True)


def _mark(journeys: list[int], index: int) -> None:
    """Add journey ``index`` to ``journeys`` once."""
    if not journeys or journeys[-1] != index:  # journeys are added in order
        journeys.append(index)


def build_portfolio(checked: Sequence[Checked], project: Optional[Project] = None,
                    ignore: frozenset[str] = frozenset(), scope: str = "of this portfolio",
                    groups: int = 1) -> Portfolio:
    """The roll-up of ``checked`` journeys (in the order given) under ``project`` (may be None);
    ``scope`` names them in W115's message, and ``groups`` how many project files they come under
    (:func:`~.collect.project_groups`)."""
    rows = _told_apart(tuple(_row(c) for c in checked))
    sums = _Sums(DepartmentKeys(registry_ids(checked)))
    for index, (row, item) in enumerate(zip(rows, checked)):
        if row.ok and item.journey is not None and item.analysis is not None:
            sums.add(index, item, row.shown)
    _unused_registry(sums.cards, project)
    departments = _order(sums.cards, project)
    tell_apart([c for c in departments if c.journeys], [row.id for row in rows])
    for card in departments:
        card.shown = card.shown or card.name  # in no journey: told apart from none
    # stable: journey, then document order
    moments = sorted(sums.moments, key=lambda r: RELIABILITY_SEVERITY[r.reliability])
    heatmap = {key: rating_cell(ref.reliability for ref in refs) for key, refs in sums.cells.items()}
    bounds = (project.min_moments, project.max_moments) if project is not None else (
        DEFAULT_MIN_MOMENTS, DEFAULT_MAX_MOMENTS)
    found = list(project.findings) if project is not None else []
    found += [f for row in rows if not row.ok for f in row.findings]
    found += moment_bounds_findings(bounds, len(moments), [row.ok for row in rows], project, checked, ignore, scope,
                                    groups)
    return Portfolio(project.organisation if project else None, project.path if project else None, rows, departments,
                     sums.matrix, sums.risky, tuple(moments), heatmap, tuple(sort_findings(found)), bounds)
