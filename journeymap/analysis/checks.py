"""The CX-practice checks W101-W114 of SPEC section 2, run on an analysed journey.

Each rule is a small function yielding ``(code, element, message)``, or with a fourth item, the
finding's subject (:attr:`~journeymap.findings.Finding.subject`); :func:`run_checks` turns
them into findings at the element's position and drops those its ``ignore`` lists suppress.
An ignore list on the journey covers everything; on a department, a stage or a touch-point, that
element alone (SPEC 1).
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, Union

from journeymap.analysis.analyse import Analysis
from journeymap.analysis.handover import mend_handoff, mend_moment
from journeymap.findings import Finding
from journeymap.journey.model import Department, Journey, Stage, Touchpoint
from journeymap.journey.textsafe import SPACE_LIKE, names_someone
from journeymap.report import counted

Element = Union[Journey, Department, Stage, Touchpoint]
Result = Union[tuple[str, Element, str], tuple[str, Element, str, str]]
MAX_MOMENTS = 20
MAX_STAGE_HANDOFFS = 3


#: Spaces that ``str.isprintable`` counts out though they print as spaces: the no-break ones, the
#: thin and the ideographic (Japanese) ones, every space separator but the plain space.
_SPACED = re.compile(f"[{re.escape(SPACE_LIKE)}\u1680\u205f]")


def said(name: str) -> str:
    """A name quoted in a message as Python's ``repr`` quotes it, but without its escapes: one
    holding both ' and " came out as 'the \\'q\\' "dq"', and is quoted “so”, which
    a page finds whole (:func:`~journeymap.journey.textsafe.quotes_isolated`). A name with a
    character ``repr`` would escape for another reason (none after the reader's checks) keeps ``repr``;
    not a space that keeps two words together, as French puts before "!" (it read "…surconsommation\\xa0!":
    audit DG).

    >>> print(said("Reçoit une alerte\\u202f!") == "'Reçoit une alerte\\u202f!'", said("Tab\\there"))
    True 'Tab\\there'
    """
    if not _SPACED.sub(" ", name).isprintable():
        return repr(name)
    if "'" in name and '"' in name and "\u201c" not in name and "\u201d" not in name:
        return f"\u201c{name}\u201d"
    return f'"{name}"' if "'" in name and '"' not in name else f"'{name}'"


def _nobody(person: str | None) -> str:
    """" ('TBD' names nobody)" for a lead or owner written to say there is none yet, as the briefing
    and the portfolio take it; "" for none written. (A "TBD" passed W102, and the executive page
    then said no lead was named: audit CT.)"""
    return f" ({said(person.strip())} names nobody)" if person and person.strip() else ""


def _give(key: str, written: str | None, where: str = "") -> str:
    """"add `lead:` with", or, where the key holds a "TBD", "fill `lead:` with" (W101 said "add
    `owner:`" under an `owner: TBD` line: review CZ)."""
    return f"{'fill' if written and written.strip() else 'add'} `{key}:`{where} with"


def _journey_owner(a: Analysis) -> Iterator[Result]:
    if not names_someone(a.journey.owner):
        yield ("W101", a.journey, f"the journey has no owner{_nobody(a.journey.owner)}: {_give('owner', a.journey.owner)} "
               "the executive accountable for the whole experience, across departments")


def _department_leads(a: Analysis) -> Iterator[Result]:
    for dept in a.journey.departments:
        owned = len(a.department_touchpoints[dept.id])
        if owned and not names_someone(dept.lead):
            where = " (in the project file's registry, journeymap.yaml)" if dept.registry else ""
            # an outside party has no lead of ours (the map marks none): the contact there is who answers for it
            who = ("your contact there, who answers for its part of the journey" if dept.layer == "external"
                   else "the person accountable")
            yield ("W102", dept, f"department {said(dept.name)} owns {counted(owned, 'touch-point')} but has no "
                   f"lead{_nobody(dept.lead)}: {_give('lead', dept.lead, where)} {who}")


def _stage_owners(a: Analysis) -> Iterator[Result]:
    for stage in a.journey.stages:
        if not names_someone(stage.owner):
            yield ("W103", stage, f"stage {said(stage.name)} has no owner{_nobody(stage.owner)}: "
                   f"{_give('owner', stage.owner)} the person or council accountable for this stage across departments")


def _stage_feedback(a: Analysis) -> Iterator[Result]:
    for stage in a.journey.stages:
        if not stage.feedback:
            yield ("W104", stage, f"stage {said(stage.name)} has no feedback: add `feedback:` with the "
                   "surveys, reviews or listening posts that tell you how this stage goes")


def _unrated(a: Analysis) -> Iterator[Result]:
    for tp in a.journey.touchpoints:
        if tp.reliability == "unknown":
            yield ("W105", tp, f"touch-point {said(tp.name)} is not rated (its reliability is unknown): set "
                   "`reliability:` to reliable, it-depends or unreliable (it-depends is an honest answer)")


#: The checks of a moment of truth, each with the condition on its touch-point that gives it
#: (``diff`` asks them too: a warning that went with its moment, or was fixed as well).
MOMENT_CHECKS: dict[str, Callable[[Touchpoint], bool]] = {
    "W106": lambda tp: tp.risky,
    "W107": lambda tp: not tp.metric,
    "W108": lambda tp: not tp.expectation,
}


def _moments(a: Analysis) -> Iterator[Result]:
    for mot in a.moments_of_truth:
        tp = mot.touchpoint
        if MOMENT_CHECKS["W106"](tp):
            # Who fixes it is the lead of its department (there is no field to name anyone else), or
            # for one outside the company the stage's owner (handover.mend_moment)
            what = mend_moment(mot.department, bool(tp.depends_on), a.journey.stage_by_id[tp.stage].owner, a.journey.owner)
            # the end it needs, then the step: "make it reliable, or name what it depends on" read as
            # if `depends_on:` settled it, and the warning stayed (audit CW)
            yield ("W106", tp, f"moment of truth {said(tp.name)} is rated {tp.reliability}: it needs to be made "
                               f"reliable; {what}")
        if MOMENT_CHECKS["W107"](tp):
            yield ("W107", tp, f"moment of truth {said(tp.name)} is not measured: add `metric:`")
        if MOMENT_CHECKS["W108"](tp):
            yield ("W108", tp, f"moment of truth {said(tp.name)} has no customer expectation: add "
                   "`expectation:` in the customer's words")


def _moment_count(a: Analysis) -> Iterator[Result]:
    count = len(a.moments_of_truth)
    if count == 0:
        yield ("W109", a.journey, "the journey has no moment of truth: mark the touch-points that "
               "decide how the customer judges the journey with `moment_of_truth: true`")
    elif count > MAX_MOMENTS:
        yield ("W109", a.journey, f"the journey has {count} moments of truth; focus on at most "
               f"{MAX_MOMENTS}, the ones that decide how the customer judges the journey")


def _risky_handoffs(a: Analysis) -> Iterator[Result]:
    j = a.journey
    for flow in a.risky_handoffs:
        src, dst = j.touchpoint_by_id[flow.source], j.touchpoint_by_id[flow.target]
        giver, taker = j.department_by_id[src.department], j.department_by_id[dst.department]
        yield ("W110", dst, f"hand-off from {giver.name} ({said(src.name)}) to {taker.name} ({said(dst.name)}) "
               f"lands on a touch-point rated {dst.reliability}: {mend_handoff(giver, taker)}", f"from {src.id}")


def _heavy_stages(a: Analysis) -> Iterator[Result]:
    for stage in a.journey.stages:
        count = len(a.handoffs_by_stage[stage.id])
        if count > MAX_STAGE_HANDOFFS:
            # a stage with an owner was told to "name a stage owner" (audit CM): ask the one it has
            join = (f"ask its owner, {stage.owner}, to join them up, or give one department the end-to-end case"
                    if names_someone(stage.owner) else "give one department the end-to-end case or name a stage owner who joins them up")
            yield ("W111", stage, f"stage {said(stage.name)} holds {count} hand-offs between departments "
                   f"(more than {MAX_STAGE_HANDOFFS}): the customer is passed around; {join}")


def _unexplained(a: Analysis) -> Iterator[Result]:
    for tp in a.journey.touchpoints:
        if tp.reliability == "it-depends" and not tp.depends_on:
            yield ("W112", tp, f"touch-point {said(tp.name)} is rated it-depends but does not say on what: "
                   "add `depends_on:` (e.g. which agent answers, queue length)")


def _unreachable(a: Analysis) -> Iterator[Result]:
    tps = a.journey.touchpoints
    # a touch-point that accepts W113 is another way in, as W113 advises: the steps it leads to are
    # reached (they were told to link it from the first: review CZ); Analysis.reachable counts them
    reached = a.reachable
    led_into = {flow.target for flow in a.flows}
    for n, tp in enumerate(tps):
        if tp.id not in reached:
            yield ("W113", tp, f"touch-point {said(tp.name)} cannot be reached from the first touch-point: "
                   + _why_unreached(tps, n, reached) + ("" if tp.id in led_into else SECOND_WAY_IN))


#: For a touch-point no flow leads into: it may be a second way in (a complaint by web form or by
#: phone). Told only to link it from the first, a newcomer drew a flow from the form to the call
#: that no customer takes (audit CW).
SECOND_WAY_IN = "; or, if customers also start here (a second way in), say so with `ignore: [W113]` on it"


def _why_unreached(tps: tuple[Touchpoint, ...], n: int, reachable: frozenset[str]) -> str:
    """Where the path to the unreached touch-point ``tps[n]`` stops: going back along the default flow
    (document order) through the unreached ones before it, the touch-point whose `next:` list leads
    elsewhere. One exception branch (`next: [booked]`) left a string of W113s, none naming it (audit CJ)."""
    first = n
    while first > 0 and tps[first - 1].next is None and tps[first - 1].id not in reachable:
        first -= 1  # flows into it by default, and is not reached either
    stop = tps[first - 1] if first else None
    # the path stops there only if it reaches it, and its list leaves this one out (review CL)
    if stop is None or stop.next is None or stop.id not in reachable \
            or any(ref.to == tps[first].id for ref in stop.next):
        return "add it to a `next:` list, or check the `next:` lists before it"
    how = ("ends the path there (`next: []`)" if not stop.next else
           # a list that names only the touch-point itself: a slip for the next one's id (audit FI)
           f"has a `next:` list naming only itself ({tp_id(stop)})" if {ref.to for ref in stop.next} == {stop.id}
           else f"has a `next:` list without {tp_id(tps[first])}")
    stopped = f"{said(stop.name)} (line {stop.pos[0]})"
    fix = f"add {tp_id(tps[first])} to its `next:` list, or to another one"
    if first == n:
        return f"the touch-point before it, {stopped}, {how}; {fix}"
    return f"it comes after {said(tps[first].name)}, which is not reached either: {stopped} {how}; {fix}"


def tp_id(tp: Touchpoint) -> str:
    """A touch-point's id as the user writes it in a `next:` list."""
    return f"`{tp.id}`"


def _empty_stages(a: Analysis) -> Iterator[Result]:
    for stage in a.journey.stages:
        if not stage.touchpoints:
            yield ("W114", stage, f"stage {said(stage.name)} has no touch-points: add the moments where "
                   "the customer meets you in this stage, or remove the stage")


RULES: tuple[Callable[[Analysis], Iterable[Result]], ...] = (
    _journey_owner, _department_leads, _stage_owners, _stage_feedback, _unrated, _moments,
    _moment_count, _risky_handoffs, _heavy_stages, _unexplained, _unreachable, _empty_stages,
)


def _ignored(code: str, element: Element, journey: Journey) -> bool:
    return _ignored_by(code, element, journey) is not None


def _ignored_by(code: str, element: Element, journey: Journey) -> Element | None:
    """The element whose ``ignore:`` list leaves out ``code`` at ``element``, if any."""
    if code in journey.ignore:
        return journey
    # a stage's or department's list covers that element alone, as SPEC 1 says ("for that element
    # (and, on the journey, for all)"): it had covered their touch-points too (audit FF)
    return element if code in element.ignore else None


def _silenced(analysis: Analysis) -> Iterator[tuple[str, Element, Element, str]]:
    """``(code, element, holder, subject)`` of each warning an ``ignore:`` list of ``holder`` leaves out."""
    journey = analysis.journey
    for rule in RULES:
        for code, element, _, *subject in rule(analysis):
            if (holder := _ignored_by(code, element, journey)) is not None:
                yield code, element, holder, subject[0] if subject else ""


def left_out(analysis: Analysis) -> list[tuple[str, Element]]:
    """``(code, element whose ignore: list leaves it out)`` of each warning the journey file itself
    silences: the briefing says so, since its cover counted 3 risky hand-offs and its findings 2
    with nothing to tell why."""
    return [(code, holder) for code, _, holder, _ in _silenced(analysis)]


def accepted_handoffs(analysis: Analysis) -> set[tuple[str, str]]:
    """``(source, target)`` of each risky hand-off whose W110 the journey file's ``ignore:`` lists
    leave out (as :func:`run_checks` does: the receiving touch-point's list, or the journey's)."""
    journey = analysis.journey
    return {(f.source, f.target) for f in analysis.risky_handoffs
            if _ignored("W110", journey.touchpoint_by_id[f.target], journey)}


def accepted(analysis: Analysis, code: str, element: Element) -> bool:
    """Whether the journey file's ``ignore:`` lists leave out ``code`` at ``element`` (as
    :func:`run_checks` does: the element's own list, or the journey's)."""
    return _ignored(code, element, analysis.journey)


def accountability_gaps(analysis: Analysis) -> set[tuple[str, str]]:
    """``(code, id)`` of each department with touch-points and no lead (W102) and each stage with
    no owner (W103) that the journey file's ``ignore:`` lists do not accept: what the map marks
    in their headers."""
    journey = analysis.journey
    return {(code, element.id) for rule in (_department_leads, _stage_owners)
            for code, element, *_ in rule(analysis) if not _ignored(code, element, journey)}


def silenced(analysis: Analysis) -> list[tuple[str, Element, str]]:
    """``(code, element, subject)`` of each warning the journey file's ``ignore:`` lists leave out."""
    return [(code, element, subject) for code, element, _, subject in _silenced(analysis)]


def run_checks(analysis: Analysis, ignore: frozenset[str] = frozenset()) -> list[Finding]:
    """Every W-finding of the journey, minus those ignored in the file or by ``ignore``."""
    journey = analysis.journey
    findings = []
    for rule in RULES:
        for code, element, message, *subject in rule(analysis):
            if code in ignore or _ignored(code, element, journey):
                continue
            line, column = element.pos
            findings.append(Finding(code, message, journey.path, line, column, *subject))
    return findings
