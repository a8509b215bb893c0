"""``ignore:`` lists that leave nothing out: a code on a department, stage or touch-point that its
check never reports there.

SPEC 1: a list leaves its codes out "for that element (and, on the journey, for all)". W110 is
reported at the receiving touch-point, so ``ignore: [W110]`` on a department leaves out nothing
(until stop 72 a department's or stage's list covered its touch-points too: audit FF). That is
still a valid file, so this is a note, not a finding: it says where the code would take effect.
"""

from __future__ import annotations

from journeymap.analysis.checks import said
from journeymap.analysis.filenote import FileNote
from journeymap.journey.model import Department, Journey, Stage, Touchpoint
from journeymap.report import listed

#: Where each check reports its findings (SPEC 2), by the kind of element.
REPORTED_AT = {
    "W101": "journey", "W102": "department", "W103": "stage", "W104": "stage", "W105": "touch-point",
    "W106": "touch-point", "W107": "touch-point", "W108": "touch-point", "W109": "journey",
    "W110": "touch-point", "W111": "stage", "W112": "touch-point", "W113": "touch-point", "W114": "stage",
    "W115": "portfolio",
}
_PLURAL = {"journey": "the journey", "department": "departments", "stage": "stages", "touch-point": "touch-points",
           "portfolio": "the project file or a folder's first journey"}
#: Where to list a code instead. W115 is the portfolio's, left out by `check --ignore W115`: a
#: journey's own list covers it only where it is reported at that journey, a folder's first when
#: there is no project file (review FH).
_WHERE = {"journey": "on the journey", "department": "on the departments concerned",
          "stage": "on the stages concerned", "touch-point": "on the touch-points concerned"}


class IdleIgnore(FileNote, frozen=True):
    """One such list (``line`` and ``column``: its element's) and what it says: which codes leave
    nothing out there, where they are reported, and where to list them."""


def idle_ignores(journey: Journey) -> list[IdleIgnore]:
    """The note for each department, stage and touch-point whose ``ignore:`` lists a code its
    check reports at another kind of element, in the file's order."""
    elements: list[tuple[str, Department | Stage | Touchpoint]] = [("department", d) for d in journey.departments]
    for stage in journey.stages:
        elements.append(("stage", stage))
        elements += [("touch-point", tp) for tp in stage.touchpoints]
    notes = [IdleIgnore(*element.pos, _said(kind, element, idle))
             for kind, element in elements
             if (idle := sorted(c for c in element.ignore if REPORTED_AT.get(c, kind) != kind))]
    return sorted(notes, key=lambda n: (n.line, n.column))


def _said(kind: str, element: Department | Stage | Touchpoint, codes: list[str]) -> str:
    """The note on ``element``'s list naming ``codes``, none of them reported at a ``kind``."""
    places = sorted({REPORTED_AT[c] for c in codes})
    one = len(codes) == 1
    if len(places) == 1:
        it, where = ("it" if one else "them"), _WHERE.get(places[0], "")
    else:
        it, where = "each", "where it is reported"
    whole = places == ["journey"] or "portfolio" in places  # the journey's list is no help for W115
    advice = (f"list {it} {where}" if places != ["portfolio"] else "leave it out with `check --ignore W115`, "
              "or set the portfolio's bounds with `moments_of_truth:` in the project file")
    everywhere = "" if whole else f", or on the journey to leave {'it' if one else 'them'} out everywhere"
    # a registry department's list is the project file's, as W102 says of its lead
    held = " (in the project file's registry, journeymap.yaml)" if getattr(element, "registry", False) else ""
    return (f"the `ignore:` of {kind} {said(element.name)}{held} lists {listed(codes)}, which {'is' if one else 'are'} "
            f"reported at {' and at '.join(_PLURAL[p] for p in places)}, not at {_PLURAL[kind]}: listed there, "
            f"{'it leaves' if one else 'they leave'} nothing out; {advice}{everywhere}")
