"""Findings of the old version that went with what they were about, not because it was fixed.

A moment of truth rated unreliable gives W106; un-flag the moment and the warning goes, though
the touch-point is as unreliable as before. Listed as "resolved", that read as a repair.
These findings are still resolved in the JSON ``findings.resolved`` (SPEC 3); the reports tell
them apart, each with the reason.
"""

from __future__ import annotations

from journeymap.analysis.checks import MOMENT_CHECKS
from journeymap.changes.compare import JourneyDiff
from journeymap.changes.matching import element_places, silenced_keys
from journeymap.findings import Finding
from journeymap.journey.model import RELIABILITY_RANK, Touchpoint



#: Why a warning an ``ignore:`` list silences now went: not fixed, and not gone with its element.
SILENCED = "silenced by an `ignore:` list now"

#: Checks of a touch-point's rating: a rating taken away ("unknown") or made worse makes them go
#: with it, not fixed (audit AY: "it depends" -> "unreliable" resolved W112).
RATING_CHECKS = frozenset({"W106", "W110", "W112"})


def _rating_gone(code: str, tp: Touchpoint, old: Touchpoint) -> str:
    """Why a rating check went with the touch-point's rating, or "" when the rating got better."""
    if code not in RATING_CHECKS or tp.reliability == old.reliability:
        return ""
    if tp.reliability == "unknown":
        return "its touch-point is no longer rated"
    if RELIABILITY_RANK.get(tp.reliability, 2) < RELIABILITY_RANK.get(old.reliability, 2):
        return f"its touch-point is rated {tp.reliability} now, which is worse"
    return ""


def gone_with(d: JourneyDiff) -> dict[Finding, str]:
    """The resolved findings whose element was removed or stopped being a moment of truth, that an
    ``ignore:`` list silences now, or whose touch-point's rating was taken away or made worse, each
    with why it went ("no longer a moment of truth, still rated unreliable")."""
    if not d.findings_resolved:
        return {}
    places = element_places(d.old)
    onto = dict(d.matched)  # a touch-point that looks renamed (or replaced) is the same one, not removed
    lost, removed = set(d.moments_lost), set(d.removed) - set(onto)
    quiet = silenced_keys(d.new)
    old_tps, new_tps = d.old.journey.touchpoint_by_id, d.new.journey.touchpoint_by_id
    gone: dict[Finding, str] = {}
    for f in d.findings_resolved:
        element = places.get((f.path, f.line, f.column), "")
        kind, _, ident = element.partition(" ")
        now = new_tps.get(onto.get(ident, ident)) if kind == "touchpoint" else None
        if (f.code, element, f.subject) in quiet:
            gone[f] = SILENCED
        elif now is not None and ident in old_tps and (why := _rating_gone(f.code, now, old_tps[ident])):
            gone[f] = why
        elif kind == "touchpoint" and ident in removed:
            gone[f] = "its touch-point was removed"
        elif f.code == "W110" and now is not None and f.subject.removeprefix("from ") in removed \
                and now.risky:  # rated better as well: fixed
            # Found at the receiving touch-point, which stays: the hand-off went with its sender.
            gone[f] = "the touch-point handing over was removed"
        elif now is not None and ident in lost and not now.moment_of_truth and f.code in MOMENT_CHECKS:
            if MOMENT_CHECKS[f.code](now):  # rated reliable, or measured, as well: fixed
                still = f", still rated {now.reliability}" if f.code == "W106" else ""
                gone[f] = f"no longer a moment of truth{still}"
        # one that looks renamed is the same stage or department: its warning was fixed (audit CQ)
        elif kind == "stage" and ident in d.stages.removed and ident not in dict(d.stages.likely_renamed):
            gone[f] = "its stage was removed"
        elif kind == "department" and ident in d.departments.removed \
                and ident not in dict(d.departments.likely_renamed):
            gone[f] = "its department was removed"
    return gone
