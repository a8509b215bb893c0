"""W115: a portfolio's moments of truth outside the project's bounds (SPEC 2)."""

from __future__ import annotations

from typing import Optional, Sequence

from journeymap.analysis.checks import MAX_MOMENTS
from journeymap.findings import Finding
from journeymap.journey.project import Project
from journeymap.pipeline import Checked
from journeymap.report import counted


#: W115's word to a first journey alone, which was told it needs 10 moments of truth (audit DN)
_LONE = ("; the bounds count all of a company's journeys together, one journey alone is held to 1 to {most} by "
         "W109: a journeymap.yaml of `project: 1` and `moments_of_truth: {{min: {low}, max: {high}}}` fits this one")


def moment_bounds_findings(bounds: tuple[int, int], count: int, usable: Sequence[bool], project: Optional[Project],
                           checked: Sequence[Checked], ignore: frozenset[str] = frozenset(),
                           scope: str = "of this portfolio", groups: int = 1) -> list[Finding]:
    """W115 when a portfolio's ``count`` moments of truth are outside its ``bounds`` (inclusive);
    ``usable`` says, of each of its journeys, whether it is without errors; ``scope`` says which
    journeys they are ("under no project file": :func:`~.collect.folder_warnings`); ``groups``, how
    many project files (or none) they come under, which ``check`` counts apart.

    Reported at the project file (at its ``moments_of_truth`` key when it has one, else at its
    first key), else at the folder's first journey (SPEC 2), with errors or not.
    """
    low, high = bounds
    ok = sum(usable)
    if "W115" in ignore or low <= count <= high or not ok:  # no usable journey: its errors say enough
        return []
    if project is not None and any(f.is_error for f in project.findings):
        return []  # a broken project file's bounds are not known: W115 quoted the defaults (audit BY)
    where = (f"bounds: moments_of_truth min {low}, max {high} in the project file" if project is not None and
             project.bounds_pos is not None else f"default bounds {low} to {high}; set moments_of_truth in "
             + ("the project file" if project is not None else "a journeymap.yaml project file"))
    if groups > 1:  # a site's index told check's W115s, its portfolio page another (audit FN)
        where += "; `check` counts apart the journeys each project file applies to, against that file's own bounds"
    if project is None and len(usable) == 1 and count < low:  # a first journey alone was told it needs 10
        where += _LONE.format(most=MAX_MOMENTS, low=max(count, 1), high=high)
    broken = len(usable) - ok
    problem = (f"fewer than {low}: mark the touch-points that decide how customers judge you with "
               "`moment_of_truth: true`" if count < low else
               f"more than {high}: focus on the {high} that decide how customers judge the company")
    if count < low and broken:
        # the journeys with errors may hold the rest: marking more was the wrong advice (audit DY)
        problem = (f"fewer than {low}; the {counted(broken, 'journey')} with errors {'is' if broken == 1 else 'are'} "
                   "not counted: fix {} first, then mark the touch-points that decide how customers judge you with "
                   "`moment_of_truth: true` if there are still too few").format("it" if broken == 1 else "them")
    some = "" if ok == len(usable) else " without errors"
    moments = counted(count, "moment of truth", "moments of truth")
    message = (f"the one journey{some} {scope} holds {moments}, {problem} ({where})" if ok == 1 else
               f"the {ok} journeys{some} {scope} hold {moments} together, {problem} ({where})")
    if project is not None:
        line, column = project.bounds_pos or project.pos
        return [Finding("W115", message, project.path, line, column)]
    first = checked[0].journey
    if first is not None and "W115" in first.ignore:  # the journey it is reported at leaves it out (audit FF)
        return []
    line, column = first.pos if first is not None else (1, 1)
    return [Finding("W115", message, checked[0].path, line, column)]
