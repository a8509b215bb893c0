"""The address each journey of the live preview is served at: ``/j/<id>``, unique.

Two files may share a journey id (a copy saved beside a journey to start another). One keeps the
plain address; the others take the names ``build`` gives their outputs, ``<id>@<file>``, which no
journey id can be (``-2`` was one: a journey whose id was ``home-claim-2`` was then served at
``home-claim-2-2``, and the copy at the other's address: audit CH).
"""

from __future__ import annotations

from journeymap.journey.slug import file_id
from journeymap.site.names import STEM_MARK, output_stems


def addresses(wanted: dict[str, str], before: dict[str, str], root: str) -> dict[str, str]:
    """The address of every journey file (by absolute path; ``wanted``: the id each asks for), each
    unique. Files already served keep theirs (``before``: the ids served until now), so an open
    page stays with the file it shows; of new ones sharing an id, the file named after it takes the
    plain one (``home-claim.journey.yaml`` beside ``a-copy.journey.yaml``: the first in name order
    took it, and a restart swapped the two: audit CH)."""
    # A file renamed (gone, and a new path with its id in the same save) keeps its address: a
    # copy that had the other address must not take it over.
    gone = {before[k]: k for k in before if k not in wanted}
    before = {k: v for k, v in before.items() if k in wanted}
    for key in sorted(wanted):
        if key not in before and wanted[key] in gone:
            before[key] = wanted[key]
            del gone[wanted[key]]
    stems = output_stems(((wanted[key], key) for key in sorted(wanted)), [root])

    def served_first(key: str) -> tuple[bool, bool, bool, str]:
        """Files served with their own id first, then those served at another address, then new
        ones, the one named after its id first."""
        return key not in before, before.get(key) != wanted[key], file_id(key) != wanted[key], key

    taken: set[str] = set()
    out: dict[str, str] = {}
    for key in sorted(wanted, key=served_first):
        unique = wanted[key] if wanted[key] not in taken else stems[key] if STEM_MARK in stems[key] else wanted[key]
        n = 1
        while unique in taken:  # never, but an address is never served twice
            n += 1
            unique = f"{stems[key]}-{n}"
        taken.add(unique)
        out[key] = unique
    return out
