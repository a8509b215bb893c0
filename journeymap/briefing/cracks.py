"""The executive page, "Where the customer falls through the cracks", as plain sentences.

Three lists, each item naming who must act: the risky hand-offs (most severe first: into an
unreliable moment of truth, then into an unreliable touch-point, then into an "it depends" one,
a moment of truth first; at most :data:`LISTED`, the rest counted), every moment of truth that
is not reliable, and every stage nobody owns (SPEC 4.2 caps only the hand-offs). Then, where the
page has room at the type the three lists take, the other unreliable touch-points none of them
names (:func:`other_unreliable`). No check codes and no line numbers: this page is for people,
not for the file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable

from journeymap.analysis.analyse import Analysis
from journeymap.analysis.checks import accepted, accepted_handoffs
from journeymap.journey.model import Department, Touchpoint
from journeymap.journey.textsafe import TYPOGRAPHIC_PAIRS, bracketed, names_someone
from journeymap.journey.textsafe import isolated as _i
from journeymap.briefing.cracksfit import ACT, fit, holds, named
from journeymap.briefing.whoacts import act_for, acting, named_once
from journeymap.report import counted, listed

#: Risky hand-offs named on the page; the rest are counted ("and N more") and listed under Hand-offs.
LISTED = 10
_SHAKY = {"unreliable": 0, "it-depends": 1, "unknown": 2}

_WORDS = {"reliable": "reliable", "it-depends": "rated \u201cit depends\u201d", "unreliable": "unreliable",
          "unknown": "not rated"}


def severity(target: Touchpoint) -> int:
    """0 into an unreliable moment of truth, 1 into an unreliable touch-point, 2 into "it depends"."""
    if target.reliability == "unreliable":
        return 0 if target.moment_of_truth else 1
    return 2


#: What a crack's names are: who must act on it (:data:`.cracksfit.ACT`), or, for a risk the team
#: accepted, who owns it.
OWNS = "Who owns the accepted risk"


def risky_handoffs(analysis: Analysis) -> list[dict[str, Any]]:
    """Every risky hand-off as a sentence with who must act, most severe first (stable otherwise)."""
    j = analysis.journey
    by_id, dept = j.touchpoint_by_id, j.department_by_id
    risky = [f for f in analysis.handoffs if f.risky]
    # Within a tier, into a moment of truth first: an "it depends" moment of truth ranked below a
    # plain "it depends" touch-point.
    ordered = sorted(risky, key=lambda f: (severity(by_id[f.target]), not by_id[f.target].moment_of_truth))
    # A name two touch-points share is told with its stage: two hand-offs read word for word alike.
    shared = {name for name, n in Counter(tp.name for tp in j.touchpoints).items() if n > 1}

    def where(tp: Touchpoint, department: Department) -> str:
        return _pair(department.name, j.stage_by_id[tp.stage].name) if tp.name in shared else bracketed(department.name)

    reached = analysis.reachable
    # a hand-off whose check the journey file switches off: `check` leaves it out, and the cover,
    # this page and the register counting it with nothing to say so read as a contradiction
    accepted = accepted_handoffs(analysis)
    rows: list[dict[str, Any]] = []
    told: set[str] = set()  # receivers whose reason is said: once, at the first hand-off into one
    for f in ordered:
        s, t = by_id[f.source], by_id[f.target]
        ds, dt = dept[s.department], dept[t.department]
        what = _WORDS[t.reliability] + (" and is a moment of truth" if t.moment_of_truth else "")
        what += "" if t.id in told else why(t)
        told.add(t.id)
        # A branch's condition: without it, a path some customers take read as what always happens.
        # It leads the sentence: after the receiving touch-point, "which is rated ..." read as the
        # condition's (audit BQ). As the path's name: "When “retry”, the customer goes" and "When
        # “if approved”" read oddly, labels being written as conditions or as names (audit CX).
        when = f"On the \u201c{_i(_unquoted(f.label))}\u201d path, t" if f.label else "T"
        # The customer is the subject: a department's name may be plural ("Field engineers") or
        # the customer's own side, and "Field engineers hands the customer" read as machine-made.
        rows.append({"severity": severity(t), "source": s.name, "target": t.name, "target_id": t.id,
                     "from_department": ds.name, "to_department": dt.name, "stage": j.stage_by_id[t.stage].name,
                     # a step no path reaches is no customer's move (W113 says so): "goes from" told it as one
                     "text": (f"{when}he customer goes from \u201c{_i(s.name)}\u201d ({where(s, ds)}) to \u201c{_i(t.name)}\u201d "
                              f"({where(t, dt)}), which is {what}." if s.id in reached else
                              f"{when}he customer would go from \u201c{_i(s.name)}\u201d ({where(s, ds)}), which no path from "
                              f"the first touch-point reaches, to \u201c{_i(t.name)}\u201d ({where(t, dt)}), which is {what}."),
                     **acting(*(act_for(d, j.stage_by_id[t.stage].owner, j.owner) for d in (ds, dt))), "act": ACT})
        if (s.id, t.id) in accepted:
            # "Who must act" of a risk the team accepted read as a task left undone (audit BG)
            _accept(rows[-1])
    return rows


#: The most ``depends_on`` entries a crack's sentence names; the rest are counted.
WHY_NAMED = 3


def why(tp: Touchpoint) -> str:
    """Why a touch-point is shaky, in the journey's own words, to end its crack's sentence: what an
    "it depends" one varies with (``depends_on``), else its first pain point; empty when the file
    says neither. The page named the failures without their reasons, which the file held ("Payments
    run in a weekly batch, so some customers wait ten days"): an executive had to look them up in
    the inventory at the back (audit FW).

    >>> from journeymap.journey.model import Touchpoint
    >>> at = dict(id="a", name="A", department="d", stage="s", index=0, pos=(1, 1))
    >>> why(Touchpoint(**at, reliability="it-depends", depends_on=("Which agent answers", "Queue length")))
    ' (it depends on “Which agent answers” and “Queue length”)'
    >>> why(Touchpoint(**at, reliability="unreliable", pain_points=("Waits ten days",)))
    ': “Waits ten days”'
    """
    if tp.reliability == "it-depends" and tp.depends_on:
        shown = [f"\u201c{_i(_said(d))}\u201d" for d in tp.depends_on[:WHY_NAMED]]
        rest = len(tp.depends_on) - len(shown)
        return f" (it depends on {listed([*shown, f'{rest} more'] if rest else shown)})"
    # not rated: its pain is no reason for that (review FY: "is not rated: “…”" read as one)
    shaky = tp.reliability in ("it-depends", "unreliable")
    return f": \u201c{_i(_said(tp.pain_points[0]))}\u201d" if shaky and tp.pain_points else ""


def _said(text: str) -> str:
    """A reason as the sentence quotes it: without quotes of its own (doubled, “"…"”) and the full
    stop it ends with, as the sentence's own follows the quote (“… ten days.”.: review FY).

    >>> _said('"Waits on hold."'), _said("Why?")
    ('Waits on hold', 'Why?')
    """
    inner = _unquoted(text.strip())
    return inner[:-1] if inner.endswith(".") and not inner.endswith("..") else inner


def _unquoted(label: str) -> str:
    """A flow's label without the quotes it was typed in (“yes”), which the page's own would double."""
    pairs = {'"': '"', "'": "'", **TYPOGRAPHIC_PAIRS}
    inner = label[1:-1]
    # a pair round the whole label only: "'express' or 'standard'" is two quoted words (review CZ)
    quoted = len(label) > 2 and pairs.get(label[0]) == label[-1] and label[0] not in inner and label[-1] not in inner
    return inner if quoted else label


def _pair(first: str, second: str) -> str:
    """Two names in brackets after a touch-point's, once where they are the same: a stage and a
    department both called Billing read "(Billing, Billing)"; apart by a semicolon where one holds
    a comma: "(First bill and settling in, Billing, payments & collections)" read as three
    (audit DX).

    >>> _pair("First bill and settling in", "Billing, payments & collections")
    'First bill and settling in; Billing, payments & collections'
    >>> _pair("Assessment", "Loss assessors")
    'Assessment, Loss assessors'
    """
    if " ".join(first.casefold().split()) == " ".join(second.casefold().split()):
        return bracketed(first)
    between = "; " if "," in first + second else ", "
    return f"{bracketed(first)}{between}{bracketed(second)}"


def shaky_moments(analysis: Analysis, told: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The moments of truth not rated reliable, with the lead of their department (unreliable first,
    then "it depends", then not rated), each with :func:`why` but those in ``told`` (the receivers
    of the hand-offs the page names for certain, whose sentence says it)."""
    rows: list[dict[str, Any]] = []
    ordered = sorted(analysis.moments_of_truth, key=lambda m: _SHAKY.get(m.touchpoint.reliability, 3))
    for m in ordered:
        tp = m.touchpoint
        if tp.reliability == "reliable":
            continue
        rows.append({"name": tp.name, "department": m.department.name, "stage": m.stage.name,
                     "rating": tp.reliability,
                     "text": (f"\u201c{_i(tp.name)}\u201d ({_pair(m.stage.name, m.department.name)}) is a moment of "
                              f"truth and is {_WORDS[tp.reliability]}{'' if tp.id in told else why(tp)}."),
                     **acting(act_for(m.department, m.stage.owner, analysis.journey.owner)), "act": ACT})
        # W106 is for a moment of truth rated "it depends" or unreliable; an unrated one is W105's
        # (review BS: an unrated one under `ignore: [W106]` was told as an accepted risk)
        if accepted(analysis, "W105" if tp.reliability == "unknown" else "W106", tp):
            _accept(rows[-1])
    return rows


def unowned_stages(analysis: Analysis) -> list[dict[str, Any]]:
    """The stages without an owner; the journey's owner must name one. A stage whose W103 the
    journey file switches off is still listed (nobody owns it) but told as the team's choice,
    answered for by the journey's owner: it read "Who must act" as if the file had not spoken,
    while ``check`` stayed silent on it (as risky hand-offs and moments of truth accepted are told)."""
    owner = analysis.journey.owner
    answers = _i(owner) if owner is not None and names_someone(owner) else None
    nobody = "the journey\u2019s accountable executive (none is named)"
    who = f"{answers or nobody}, to name an owner"
    rows: list[dict[str, Any]] = []
    for s in analysis.journey.stages:
        if s.owner:
            continue
        points = counted(len(s.touchpoints), "touch-point")
        rows.append({"name": s.name, "touchpoints": len(s.touchpoints), "who": who, "act": ACT,
                     "text": f"Nobody owns the stage \u201c{_i(s.name)}\u201d ({points})."})
        if accepted(analysis, "W103", s):
            _accept(rows[-1], "This is by choice")
            rows[-1]["who"] = answers or nobody
    return rows


def other_unreliable(analysis: Analysis, named: set[str]) -> list[dict[str, Any]]:
    """The touch-points rated unreliable that are not moments of truth and not in ``named`` (the
    receivers of the risky hand-offs the page names), in journey order, each with its first pain
    point and its department's lead. Home-claim's "Waits for the assessor's report by email", the
    customer's low point, was on no list of this page: it is reached within one department, so no
    hand-off led into it (audit CM)."""
    j = analysis.journey
    rows: list[dict[str, Any]] = []
    for tp in j.touchpoints:
        if tp.reliability != "unreliable" or tp.moment_of_truth or tp.id in named:
            continue
        stage, department = j.stage_by_id[tp.stage], j.department_by_id[tp.department]
        rows.append({"name": tp.name, "department": department.name, "stage": stage.name,
                     "text": f"“{_i(tp.name)}” ({_pair(stage.name, department.name)}) is unreliable{why(tp)}.",
                     **acting(act_for(department, stage.owner, j.owner)), "act": ACT})
    return rows


def _accept(row: dict[str, Any], said: str = "This risk has been accepted") -> None:
    """Tell ``row`` as a crack the journey file accepts (its check switched off): ``said`` after
    its sentence, and whose it is rather than who must act. ("The team has accepted" named no
    team: audit CM; the leads who own it follow.)"""
    # "its check is switched off in the journey file" was a tool's words on the executive page (audit CX)
    row.update(accepted=True, act=OWNS, text=f"{row['text']} {said}, as the journey file records.")


def cracks_context(analysis: Analysis, page: str = "a4", screen: bool = False) -> dict[str, Any]:
    """The executive page's data: the first risky hand-offs (:func:`_listed`) and how many more there
    are (``more_unreliable`` of them into an unreliable touch-point), every shaky moment of truth
    and every stage nobody owns (``more_moments`` and ``more_stages`` stay 0, for templates written
    when those lists were cut too); its ``density`` on ``page`` paper and whether what holds is
    said (``show_sound``): see :func:`fit`. ``screen``: for the HTML briefing, which has no page to fit."""
    handoffs, stages = risky_handoffs(analysis), unowned_stages(analysis)

    def moments_for(n: int) -> list[dict[str, Any]]:
        """The shaky moments of truth beside the first ``n`` hand-offs, whose sentences say why
        their receivers are shaky: not again (sized with their reasons counted twice, the page
        named half the hand-offs it had room for: review FY)."""
        return shaky_moments(analysis, frozenset(h["target_id"] for h in handoffs[:n]))

    moments = moments_for(0)
    held = sound(analysis, bool(handoffs), bool(moments), bool(stages))
    # "other": not the receiver of any risky hand-off, named or counted ("… and 47 more risky
    # hand-offs, 18 of them into unreliable touch-points" then "19 other touch-points are rated
    # unreliable" counted 15 of them twice: review FK)
    others = other_unreliable(analysis, {h["target_id"] for h in handoffs})
    # on screen (the HTML briefing) no page is filled: all ten are named (review CY)
    listed = min(LISTED, len(handoffs)) if screen else _listed(handoffs, moments_for, stages, held, page, bool(others))
    moments = moments_for(listed)
    lists = [handoffs[:listed], moments, stages]
    named_once([*handoffs[:listed], *moments, *others])
    density, show_sound = fit(lists, held, page, more=len(handoffs) > listed)
    shown, tallied, show_sound = _others_shown(lists, others, held, page, (density, show_sound),
                                               more=len(handoffs) > listed)
    return {"handoffs": handoffs[:listed], "more_handoffs": max(0, len(handoffs) - listed),
            "others": others[:shown], "more_others": len(others) - shown if tallied else 0,
            # a slide names as few as three: an unreliable fourth went unsaid (audit BQ)
            "more_unreliable": sum(1 for h in handoffs[listed:] if h["severity"] < 2),
            "risky_total": len(handoffs), "moments": moments, "more_moments": 0, "stages": stages,
            "more_stages": 0, "sound": held, "density": density, "show_sound": show_sound}


#: The most other unreliable touch-points the page names; the rest are counted.
OTHERS_LISTED = 5


def _others_shown(lists: list[list[dict[str, Any]]], others: list[dict[str, Any]], held: list[str], page: str,
                  chosen: tuple[str, bool], more: bool) -> tuple[int, bool, bool]:
    """How many of ``others`` the page names, whether a line counts the rest, and whether what
    holds still fits: the most, up to :data:`OTHERS_LISTED`, that leave the type ``chosen`` for
    the three lists (secondary, they never shrink the type of the cracks SPEC 4.2 asks for), and
    never running the page onto a second; the line counting the rest is room kept too, and is
    left out where even it would not fit (where the moments of truth alone seem to run the page
    on, counting them there anyway put the count alone on gen-500's second slide, as the
    estimate is generous now and then). What holds gives way to them ("Every stage has an
    owner." kept home-claim's slide from naming its worst touch-point: review CS)."""
    density, sound = chosen
    # With a line to spare, as what holds: the estimate runs short now and then (the count of the
    # rest ran onto a slide of its own from 230 touch-points: audit EW).
    for n in range(min(OTHERS_LISTED, len(others)), 0, -1):
        shown, lines = [*lists, others[:n]], int(more) + (n < len(others))
        got = fit(shown, held, page, more=lines)
        if got[0] == density and holds(shown, page, density, lines, spare=1):
            return n, True, got[1]
    got = fit(lists, held, page, more=int(more) + 1)
    fits = got[0] == density and holds(lists, page, density, int(more) + 1, spare=1)
    return (0, True, got[1]) if others and fits else (0, False, sound)


#: The fewest risky hand-offs named before the page's type may go below its least size, on a
#: slide (12.5 pt, its roomiest) and on paper (8 pt): a projected slide of ten hand-offs and five
#: moments of truth at 7 pt could not be read from the room, and a 60-touch-point journey's page of
#: ten hand-offs and eleven shaky moments of truth printed at 6.5 pt (audit CX); at 9 pt the slide
#: of a 30-touch-point journey was a wall of 629 words (audit FJ: 335 at 12.5 pt, five hand-offs
#: named; paper and the HTML briefing name more). The rest are counted ("and N more"), most severe
#: named first; SPEC 4.2 names at most ten, and every moment of truth.
LISTED_LEAST = 3
SLIDE_LEAST_PT = 12.5
PAPER_LEAST_PT = 8.0


def _listed(handoffs: list[dict[str, Any]], moments_for: Callable[[int], list[dict[str, Any]]],
            stages: list[dict[str, Any]], held: list[str], page: str, others: bool = False) -> int:
    """How many risky hand-offs the page names: the most, up to :data:`LISTED`, that leave its type
    at its least size or more, down to :data:`LISTED_LEAST`, and that few when even they leave it
    smaller (the moments of truth, all named, fill it): ten then printed at 6.5 pt. ``others``:
    other touch-points rated unreliable are left to count; on a slide their line is kept room for,
    as :func:`_others_shown` asks it, with a line to spare (a slide naming five at 12.5 pt had no
    room left to count two: audit FJ; nor, kept room without the spare, to count one: review FK)."""
    most = min(LISTED, len(handoffs))
    least = SLIDE_LEAST_PT if page == "slide" else PAPER_LEAST_PT
    counting = page == "slide" and others
    for n in range(most, LISTED_LEAST - 1, -1):
        moments = moments_for(n)  # those beside the hand-offs named, as :func:`cracks_context` then says them
        named_once([*handoffs[:n], *moments])  # an outside contact said where these first name it
        lists, counted = [handoffs[:n], moments, stages], int(len(handoffs) > n) + int(counting)
        density, _ = fit(lists, held, page, more=counted)
        type_ = named(page, density)
        if type_ is not None and type_.size >= least and (not counting or holds(lists, page, density, counted, spare=1)):
            return n
    return min(most, LISTED_LEAST)


def sound(analysis: Analysis, risky: bool, shaky: bool, unowned: bool) -> list[str]:
    """What holds, as sentences, for the lists that are empty: the page says what is fine (a list
    left out read as a section forgotten), and a journey with no moment of truth is told so, not
    that "every moment of truth is reliable"."""
    j, moments = analysis.journey, analysis.moments_of_truth
    said = []
    if not risky:
        said.append("No hand-off is risky." if analysis.handoffs
                    else "The customer never passes from one department to another.")
    if not moments:
        said.append("No touch-point is marked as a moment of truth, so this briefing cannot show which "
                    "moments decide how the customer judges the journey.")
    elif not shaky:
        said.append("The moment of truth is reliable." if len(moments) == 1
                    else f"All {len(moments)} moments of truth are reliable.")
    if not unowned and j.stages:
        said.append("Every stage has an owner.")
    return said
