"""Two departments of one journey with one name and different ids: drawn as two lanes of that
name, counted apart. Most often a journey's own department beside the registry's of the same name
(written before the registry had it): valid, so a note, not a finding. Only ``portfolio`` said so
(audit FZ), where ``check`` passed and the map showed two "Claims handling" lanes, one empty."""

from __future__ import annotations

from journeymap.analysis.checks import said
from journeymap.analysis.filenote import FileNote
from journeymap.journey.model import Department, Journey


class TwinLanes(FileNote, frozen=True):
    """Departments of one name (``line`` and ``column``: the one to remove) and what to do."""


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def twin_lanes(journey: Journey) -> list[TwinLanes]:
    """A note for each department whose name an earlier one of the journey has, under another id."""
    first: dict[str, Department] = {}
    found = []
    for dept in journey.departments:
        other = first.setdefault(_key(dept.name), dept)
        if other is dept or (other.registry and dept.registry):  # the registry's to mend, not each journey's
            continue
        where = {d.id: " (the registry's)" if d.registry else "" for d in (other, dept)}
        used = {d.id: sum(1 for tp in journey.touchpoints if tp.department == d.id) for d in (other, dept)}
        # the registry's kept, else the one the touch-points use (review GC: the empty lane was kept)
        keep = (other if other.registry else dept) if other.registry != dept.registry else \
            (dept if used[dept.id] > used[other.id] else other)
        drop = dept if keep is other else other
        named = (f"are both named {said(dept.name)}" if other.name == dept.name else
                 f"are named {said(other.name)} and {said(dept.name)}")
        text = (f"departments {said(other.id)}{where[other.id]} and {said(dept.id)}{where[dept.id]} {named}: the "
                "map draws two lanes of that name and counts them apart; if they are one, "
                f"refer to {said(keep.id)} in the touch-points and remove {said(drop.id)}")
        line, column = (drop if not drop.registry else dept).pos
        found.append(TwinLanes(line, column, text))
    return found
