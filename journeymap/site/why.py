"""Why an output is stale, in words: what of its key differs from the one the manifest recorded.

``build --check`` said only "would rebuild build/x.svg (from maps/x.journey.yaml)", which reads as
if the journey changed, where a new Graphviz, another ``SOURCE_DATE_EPOCH`` or another day made the
output stale (audit CB). The manifest keeps each key's parts (:func:`~journeymap.site.keys.output_parts`)
and this names those that differ: "Graphviz 2.43.0 → 2.44.1", "briefing date 14 November 2023 →
15 November 2023", "journey changed".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping, Optional

#: Said of an output whose entry has no parts: its manifest was written before they were kept.
OLDER = "built by an older journeymap"


def why_stale(entry: Optional[Mapping[str, Any]], key: str, parts: Mapping[str, str], sha: Optional[str]) -> list[str]:
    """What makes an output that exists stale: ``entry`` is its manifest entry (None when it has
    none), ``key`` and ``parts`` what its key is now, ``sha`` its file's sha256. Empty where
    nothing more can be told (a key whose recorded parts all match: one made by a test's fake
    toolchain)."""
    if not entry:
        return ["not recorded in the build's manifest"]
    why = [] if entry.get("sha256") == sha else ["changed since it was built"]
    if entry.get("key") != key:
        before = entry.get("parts")
        if isinstance(before, dict) and before:
            why += differences(before, parts)
        else:
            why.append(OLDER)
    return why


def differences(before: Mapping[str, Any], now: Mapping[str, str]) -> list[str]:
    """Each part of a key that differs between ``before`` (as the manifest recorded it) and
    ``now``, in words, in a fixed order."""
    def was(name: str) -> str:
        value = before.get(name, "")
        return value if isinstance(value, str) else ""

    said = []
    for name in [*_ORDER, *sorted(set(now) - set(_ORDER))]:
        old, new = was(name), now.get(name, "")
        if name not in now or old == new:
            continue
        if name == "code" and was("journeymap") != now.get("journeymap"):
            continue  # another version says it
        if name == "epoch" and any(was(day) != now[day] for day in ("date", "portfolio_date") if day in now):
            continue  # another day says it
        said.extend(_say(name, old, new))
    return said


#: The parts in the order they are told.
_ORDER = ("journey", "project", "journeys", "projects", "path", "page", "links", "templates", "journeymap", "code",
          "graphviz", "engine", "date", "portfolio_date", "epoch")

_PLAIN = {"journey": "journey changed", "project": "its departments in the project file changed",
          "path": "journey named by another path",
          "journeys": "journeys changed", "projects": "project file changed", "templates": "templates changed",
          "code": "journeymap's code or templates changed"}


def _say(name: str, old: str, new: str) -> list[str]:
    if name in _PLAIN:
        return [_PLAIN[name]]
    if name == "graphviz":
        return [f"Graphviz {_graphviz(old)} → {_graphviz(new)}"]
    if name == "engine":
        return _engine(old, new)
    if name in ("date", "portfolio_date"):
        return [f"{'briefing' if name == 'date' else 'portfolio'} date {_day(old)} → {_day(new)}"]
    if name == "epoch":
        return [f"SOURCE_DATE_EPOCH {old or 'unset'} → {new or 'unset'}"]
    if name == "links":
        return _links(old, new)
    return [f"{name} {old or '(none)'} → {new or '(none)'}"]  # journeymap's version, or a part yet unknown


def _links(old: str, new: str) -> list[str]:
    """What changed in the portfolio's links (its key: the format linked, then ``path=stem`` for
    each journey sharing an id, NUL-separated): told as such, not as the key ("portfolio links to
    html journeys/a.journey.yaml=alta@a … pages", audit DM)."""
    (linked_old, *named_old), (linked_new, *named_new) = old.split("\0"), new.split("\0")
    said = [f"portfolio links to {linked_old or 'no'} pages → {linked_new or 'no'} pages"] \
        if linked_old != linked_new else []
    if named_old != named_new:
        renamed = sorted(set(named_old) ^ set(named_new))
        paths = sorted({item.partition("=")[0] for item in renamed})
        said.append(f"links to the pages of {', '.join(paths)} renamed (the pages of journeys that share an id "
                    "are named by their files)")
    return said or [f"portfolio links to {linked_new or 'no'} pages"]


def _graphviz(line: str) -> str:
    """The version in ``dot -V``'s line ("dot - graphviz version 2.43.0 (0)": "2.43.0")."""
    found = re.search(r"version\s+(\S+)", line)
    return found.group(1) if found else (line or "(none)")


def _engine(old: str, new: str) -> list[str]:
    """The PDF engine's packages whose versions differ ("weasyprint 60.1 → 61.0")."""
    def versions(text: str) -> dict[str, str]:
        found = {}
        for item in text.split("; "):
            name, _, version = item.partition(" ")
            if name:
                found[name] = version
        return found

    before, now = versions(old), versions(new)
    said = [f"{name} {before.get(name, '(none)')} → {now.get(name, '(none)')}"
            for name in dict.fromkeys([*now, *before]) if before.get(name) != now.get(name)]
    return said or [f"PDF engine {old or '(none)'} → {new or '(none)'}"]


def _day(iso: str) -> str:
    """``2023-11-14`` as the briefing prints it: ``14 November 2023``."""
    from journeymap.map.pdfstamp import long_date

    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso or "(none)"
    return long_date(day)
