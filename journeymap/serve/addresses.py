"""The address each journey of the live preview is served at: ``/j/<id>``, unique.

Two files may share a journey id (a copy saved beside a journey to start another). One keeps the
plain address; the others take the names ``build`` gives their outputs, ``<id>@<file>``, which no
journey id can be (``-2`` was one: a journey whose id was ``home-claim-2`` was then served at
``home-claim-2-2``, and the copy at the other's address: audit CH).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from journeymap.site.names import STEM_MARK, output_stems
from journeymap.journey.slug import file_id

if TYPE_CHECKING:
    from journeymap.serve.state import Result


def preferred_id(result: "Result") -> str:
    """The id a journey asks for: its file's ``id:`` (or the one made from its name)."""
    return result.checked.journey.id if result.checked.journey is not None else result.id


def assign_ids(results: dict[str, "Result"], before: dict[str, str], root: str) -> dict[str, "Result"]:
    """Every result (by absolute path) with a unique id. Files already served keep their address
    (``before``: the ids served until now), so an open page stays with the file it shows; of new
    ones sharing an id, the file named after it takes the plain one (``home-claim.journey.yaml``
    beside ``a-copy.journey.yaml``: the first in name order took it, and a restart swapped the
    two: audit CH)."""
    # A file renamed (gone, and a new path with its id in the same save) keeps its address: a
    # copy that had the other address must not take it over.
    gone = {before[k]: k for k in before if k not in results}
    before = {k: v for k, v in before.items() if k in results}
    for key in sorted(results):
        wanted = preferred_id(results[key])
        if key not in before and wanted in gone:
            before[key] = wanted
            del gone[wanted]
    stems = output_stems(((preferred_id(r), key) for key, r in sorted(results.items())), [root])

    def served_first(key: str) -> tuple[bool, bool, bool, str]:
        """Files served with their own id first, then those served at another address, then new
        ones, the one named after its id first."""
        wanted = preferred_id(results[key])
        return key not in before, before.get(key) != wanted, file_id(key) != wanted, key

    taken: set[str] = set()
    out: dict[str, "Result"] = {}
    for key in sorted(results, key=served_first):
        result, wanted = results[key], preferred_id(results[key])
        unique = wanted if wanted not in taken else stems[key] if STEM_MARK in stems[key] else wanted
        n = 1
        while unique in taken:  # never, but an address is never served twice
            n += 1
            unique = f"{stems[key]}-{n}"
        taken.add(unique)
        out[key] = result if unique == result.id else replace(result, id=unique)
    return {key: out[key] for key in sorted(out)}
