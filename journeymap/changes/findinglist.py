"""The findings of a diff as the human reports list them: new, shown again, changed, resolved,
silenced and gone with what they were about, each at its place in its version."""

from __future__ import annotations

from typing import Optional

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.gone import SILENCED, gone_with
from journeymap.changes.textchange import excerpts
from journeymap.findings import Finding
from journeymap.journey.textsafe import quotes_isolated


def finding_sections(d: JourneyDiff, labels: Optional[tuple[str, str]] = None) -> list[tuple[str, list[str]]]:
    """The findings new, shown again, changed, resolved, silenced and gone with what they were about, each
    at its place in its version where ``labels`` name the versions (a reviewer could not go from
    "W111 handoff-heavy-stage" in a pull request's comment to the line: audit CD)."""
    new_path, new_findings = d.new.journey.path, set(d.findings_new) | {new for _, new in d.findings_reworded}

    def said(f: Finding) -> str:
        text = f"{f.code} {f.name}: {quotes_isolated(f.message)}"
        if labels is None:
            return text
        version = (labels[1] if f.path == new_path else f.path) if f in new_findings else \
            (labels[0] if f.path == d.old.journey.path else f.path)
        return f"{version}:{f.line}:{f.column}: {text}"

    gone = gone_with(d)
    return [
        ("New findings", [said(f) for f in d.findings_new if f not in d.unsilenced]),
        ("Warnings shown again (an `ignore:` list no longer silences them)",
         [said(f) for f in d.findings_new if f in d.unsilenced]),
        ("Warnings that changed (the same check on the same element)",
         [f"{said(new)} (was: {excerpts(old.message, new.message, 4)[0]})" for old, new in d.findings_reworded]),
        ("Resolved findings", [said(f) for f in d.findings_resolved if f not in gone]),
        ("Findings silenced by an `ignore:` list (not fixed)", [said(f) for f, why in gone.items() if why == SILENCED]),
        ("Findings gone with what they were about (not fixed)",
         [f"{said(f)} ({why})" for f, why in gone.items() if why != SILENCED]),
    ]
