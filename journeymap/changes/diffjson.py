"""A journey diff as JSON (SPEC 3's keys first, then ours; docs/diff.md lists them all)."""

from __future__ import annotations

import json
from typing import Any, Optional

from msgspec.structs import asdict

from journeymap.analysis.analyse import Headline
from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import ElementChanges
from journeymap.changes.gone import gone_with
from journeymap.changes.told import Told
from journeymap.findings import Finding


def _pairs(pairs: tuple[tuple[str, str], ...]) -> list[list[str]]:
    return [[a, b] for a, b in pairs]


def diff_document(d: JourneyDiff, old_rev: Optional[str] = None, new_rev: Optional[str] = None) -> dict[str, Any]:
    """The JSON form: SPEC's keys first (exactly its keys inside them), then our additions.

    ``old_rev`` and ``new_rev`` are the revisions the versions were read at (None for a file):
    a version's findings (the old one's resolved and gone, the new one's new) are then named
    ``REV:PATH``, as its errors are, since their lines are that version's, not the working tree's
    file's.
    """
    def named(f: Finding, rev: Optional[str], path: str) -> dict[str, Any]:
        found = f.as_dict()
        if rev and f.path == path:
            found["path"] = f"{rev}:{f.path}"
        return found

    def old_finding(f: Finding) -> dict[str, Any]:
        return named(f, old_rev, d.old.journey.path)

    def elements(e: ElementChanges) -> dict[str, Any]:
        # one that looks renamed (a new id from its name) as the text says it
        return {"added": list(e.added), "removed": list(e.removed),
                "renamed": [c.as_dict() for c in e.renamed], "likely_renamed": _pairs(e.likely_renamed)}

    return {
        "version": 1,
        "touchpoints": {"added": list(d.added), "removed": list(d.removed),
                        "changed": [c.as_dict() for c in d.changed]},
        "handoffs": {"added": _pairs(d.handoffs_added), "removed": _pairs(d.handoffs_removed)},
        "reliability": dict(zip(("improved", "regressed"), map(list, d.ratings_by_id))),  # by id (SPEC 3)
        "findings": {"new": [named(f, new_rev, d.new.journey.path) for f in d.findings_new],
                     "resolved": [old_finding(f) for f in d.findings_resolved]},
        # "unrated": removed as the receiving touch-point went unknown, not made safer; "accepted":
        # added where the new version's ignore: lists accept W110 (each still a regression)
        "risky_handoffs": {"added": _pairs(d.risky_added), "removed": _pairs(d.risky_removed),
                           "unrated": _pairs(Told(d).unrated), "accepted": _pairs(d.risky_accepted)},
        "stages": elements(d.stages),
        "departments": elements(d.departments),
        "moments_of_truth": {"gained": list(d.moments_gained), "lost": list(d.moments_lost)},
        "owners": [{**c.as_dict(), "of": c.of} for c in d.owners],
        "steps": {"added": _pairs(d.steps_added), "removed": _pairs(d.steps_removed)},
        "likely_renames": _pairs(d.likely_renames),
        "matched_changed": [c.as_dict() for c in d.matched_changed],
        "replacements": _pairs(d.replacements),
        "details": [{**c.as_dict(), "of": c.of} for c in d.details],
        "headline": {"before": _headline(d.headline_before), "after": _headline(d.headline_after)},
        "regression": bool(d.regressions),
        # why: SPEC's lists count by id, the gate through renames, and not what an ignore: let go (audit CD)
        "regressions": d.regressions,
        # the same check on the same element, in other words ("holds 4 hand-offs" to 5)
        "findings_changed": [{"old": old_finding(a), "new": named(b, new_rev, d.new.journey.path)}
                             for a, b in d.findings_reworded],
        # resolved findings that went with what they were about (an un-flagged moment of truth)
        "findings_gone": [{**old_finding(f), "why": why} for f, why in gone_with(d).items()],
    }


def _headline(h: Headline) -> dict[str, Any]:
    data = asdict(h)
    data["ratings"] = dict(h.ratings)
    return data


def diff_json(d: JourneyDiff, old_rev: Optional[str] = None, new_rev: Optional[str] = None) -> str:
    """The diff as JSON text (``old_rev``, ``new_rev``: see :func:`diff_document`)."""
    return json.dumps(diff_document(d, old_rev, new_rev), indent=2, ensure_ascii=False) + "\n"
