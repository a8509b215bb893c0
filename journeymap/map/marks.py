"""Change marks drawn on a map (``journeymap diff --map``): what is new, changed or gone."""

from __future__ import annotations

from msgspec import Struct


class Ghost(Struct, frozen=True):
    """A touch-point of the old version that the new one no longer has, drawn where it was."""

    id: str
    name: str
    stage: str
    department: str
    reliability: str = "unknown"
    #: The touch-points that came after it in its stage in the old version: it is drawn before
    #: the first of them still there (after them all, it was drawn after the one it led to: audit U).
    followers: tuple[str, ...] = ()


class Marks(Struct, frozen=True):
    """Which elements of the new version to mark, and the ghosts of removed ones.

    Ghost flows may connect ghosts and current touch-points; ``ghost-<id>`` is a ghost's
    identity in the map, the plain id is a current touch-point.
    """

    added: frozenset[str] = frozenset()
    changed: frozenset[str] = frozenset()
    ghosts: tuple[Ghost, ...] = ()
    added_flows: frozenset[tuple[str, str]] = frozenset()
    removed_flows: tuple[tuple[str, str], ...] = ()
    #: The removed flows that were hand-offs (between departments) in the old version.
    removed_handoffs: frozenset[tuple[str, str]] = frozenset()
    #: Flows of both versions that were hand-offs and are not any more (one end changed department).
    former_handoffs: frozenset[tuple[str, str]] = frozenset()
    #: Changed touch-points whose rating got worse or better: flagged so, not just "changed" (a
    #: regression looked the same as an improvement on the diff map: audit P).
    worse: frozenset[str] = frozenset()
    better: frozenset[str] = frozenset()
    #: What changed of each changed touch-point, ``(id, "department: Claims → Contact centre")``,
    #: told in its tooltip: the flag said "changed" and nothing said what.
    what: tuple[tuple[str, str], ...] = ()
    #: Stages and departments of the old version that the new one no longer has, drawn back where
    #: they were (empty but for the ghosts of their touch-points) and marked removed.
    removed_stages: frozenset[str] = frozenset()
    removed_departments: frozenset[str] = frozenset()
    #: Stages and departments renamed, ``(id, old name)``: their headers say what they were called.
    renamed_stages: tuple[tuple[str, str], ...] = ()
    renamed_departments: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing to mark."""
        return not (self.added or self.changed or self.ghosts or self.added_flows or self.removed_flows
                    or self.former_handoffs or self.removed_stages or self.removed_departments
                    or self.renamed_stages or self.renamed_departments)
