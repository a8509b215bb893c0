"""What changed since a revision (:mod:`.since`) as the portfolio's formats show it: the page's
section, the Markdown's and the JSON's ``since`` (present only with ``--since``)."""

from __future__ import annotations

import math
from typing import Any

from journeymap.exports.markdown import md_text, table
from journeymap.report import share_of
from journeymap.portfolio.sincerecords import Since, journeys_said


def _numbers(s: Since) -> list[tuple[str, str, str, str, str]]:
    """Each headline number as ``(words, then, now, change, trend)``: a share of no touch-points is
    "—", as the portfolio prints it, with no change told (a folder added since read "0% → 58%,
    +58 points (better)": review DF)."""
    counts = {key: (then, now) for key, _, then, now in s.headline}
    touchpoints = counts.get("touchpoints", (1, 1))

    def share(v: float, n: float) -> str:  # as the headline prints it (report.share_of), not Python's rounding
        return share_of(round(v * n), int(n))
    rows = []
    for key, words, then, now in s.headline:
        if key == "reliable_share":
            shown = [share(v, n) for v, n in zip((then, now), touchpoints)]
            told = (change_said(key, then, now), _trend(key, then, now)) if 0 not in touchpoints else ("\u2014", "same")
            rows.append((words, shown[0], shown[1], *told))
        else:
            rows.append((words, str(int(then)), str(int(now)), change_said(key, then, now), _trend(key, then, now)))
    return rows


def change_said(key: str, then: float, now: float) -> str:
    """How a headline number moved, in words a reader scans: "+3", "−2", "no change"; a share in
    percentage points.

    >>> change_said("risky_handoffs", 4, 7), change_said("reliable_share", 0.5, 0.45), change_said("journeys", 3, 3)
    ('+3', '−5 points', 'no change')
    >>> change_said("reliable_share", 37 / 59, 38 / 61), change_said("reliable_share", 0.627, 0.64)
    ('−0.4 points', '+1 point')
    >>> change_said("reliable_share", 9 / 28, 8 / 30)  # −5.48: not −5.5 rounded again to −6 (audit DG)
    '−5 points'
    """
    if key == "reliable_share":
        if _points(then, now) == 0:
            return "no change"
        points = (now - then) * 100  # rounded once, as shown
        whole = int(math.copysign(math.floor(abs(points) + 0.5), points))  # half away from zero
        said = f"{points:+.1f}" if abs(round(points, 1)) < 1 else f"{whole:+d}"
        return f"{said} point{'' if said in ('+1', '-1') else 's'}".replace("-", "\u2212")
    step = int(now - then)
    return "no change" if step == 0 else f"{step:+d}".replace("-", "\u2212")


def _points(then: float, now: float) -> float:
    """How far a share moved, in percentage points to one decimal."""
    return round((now - then) * 100, 1)


#: Whether more of a number is better for the customer (else worse): the page marks which way each moved.
MORE_IS_BETTER = {"reliable_share": True, "risky_handoffs": False}


def _trend(key: str, then: float, now: float) -> str:
    """``better``, ``worse`` or ``same`` for a headline number that has a good direction, else ``same``."""
    if key not in MORE_IS_BETTER or (_points(then, now) == 0 if key == "reliable_share" else then == now):
        return "same"
    return "better" if (now > then) == MORE_IS_BETTER[key] else "worse"


#: Why a journey in both versions is not compared.
UNREADABLE = {"then": "it had errors then", "now": "it has errors now", "both": "it has errors then and now"}


def since_section(s: Since) -> dict[str, Any]:
    """The page's section as plain data."""
    return {
        "label": s.label, "said": journeys_said(s),
        "numbers": [{"what": words, "then": then, "now": now, "change": change, "trend": trend}
                    for words, then, now, change, trend in _numbers(s)],
        "moved": [{"title": m.title, "verdict": m.verdict, "risky": f"{m.risky[0]} \u2192 {m.risky[1]}"}
                  for m in s.moved],
        "added": [title for _, title in s.added], "retired": [title for _, title in s.retired],
        "departments": [{"name": d.name, "then": d.risky_in[0], "now": d.risky_in[1],
                         "worse": d.risky_in[1] > d.risky_in[0]} for d in s.departments],
        "unreadable": [f"{title} ({UNREADABLE[which]})" for _, title, which in s.unreadable],
    }


def since_markdown(s: Since) -> list[str]:
    """The Markdown section, from its heading: as the page says it, its heading and the way each
    number and department moved in words (the Markdown left out "(worse)" and "(better)": audit DM)."""
    rows = [[words, then, now, change + (f" ({trend})" if trend != "same" else "")]
            for words, then, now, change, trend in _numbers(s)]
    lines = ["", f"## What changed since {md_text(s.label)}", "", md_text(journeys_said(s)), "",
             *table(["Number", "Then", "Now", "Change"], rows)]
    if s.moved:
        lines += ["", *table(["Journey", "Risky hand-offs", "What changed"],
                             [[m.title, f"{m.risky[0]} \u2192 {m.risky[1]}", m.verdict] for m in s.moved])]
    for heading, titles in (("Added", s.added), ("Retired", s.retired)):
        if titles:
            lines += ["", f"{heading}: {md_text('; '.join(title for _, title in titles))}."]
    if s.departments:
        lines += ["", "Risky hand-offs received, by department:", "",
                  *table(["Department", "Then", "Now"], [_department_row(d.name, *d.risky_in) for d in s.departments])]
    if s.unreadable:
        lines += ["", f"Not compared: {md_text('; '.join(since_section(s)['unreadable']))}."]
    return lines


def _department_row(name: str, then: int, now: int) -> list[object]:
    """A department's risky hand-offs received then and now, and which way they moved in words."""
    return [name, then, f"{now} ({'worse' if now > then else 'better'})"]


def since_json(s: Since) -> dict[str, Any]:
    """The JSON's ``since``: the revision, the headline then and now, journeys added, retired and
    changed (by id), departments by their risky hand-offs received then and now."""
    return {
        "revision": s.revision, "commit": s.commit, "label": s.label,
        # a share as the portfolio's own headline gives it, to 4 decimals (the pages work from it whole)
        "headline": {key: {"then": round(then, 4), "now": round(now, 4)} if key == "reliable_share" else
                     {"then": then, "now": now} for key, _, then, now in s.headline},
        "added": [i for i, _ in s.added], "retired": [i for i, _ in s.retired],
        "changed": [{"id": m.id, "regressions": m.regressions, "improvements": m.better,
                     "risky_handoffs": {"then": m.risky[0], "now": m.risky[1]}, "verdict": m.verdict}
                    for m in s.moved],
        "unchanged": s.unchanged,
        "departments": [{"id": d.id, "name": d.name, "risky_in": {"then": d.risky_in[0], "now": d.risky_in[1]}}
                        for d in s.departments],
        "not_compared": [{"id": i, "errors": which} for i, _, which in s.unreadable],
    }
