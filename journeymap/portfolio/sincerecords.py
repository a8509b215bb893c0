"""The records of what changed across a portfolio since a revision (:mod:`.since` makes them,
:mod:`.sinceview` shows them), apart so that :class:`~.rollup.Portfolio` can hold one."""

from __future__ import annotations

from typing import NamedTuple


#: The headline numbers compared, with what each is called.
COMPARED = (("journeys", "Journeys"), ("touchpoints", "Touch-points"), ("handoffs", "Hand-offs"),
            ("risky_handoffs", "Risky hand-offs"), ("reliable_share", "Rated reliable"),
            ("moments_of_truth", "Moments of truth"))


class JourneyMove(NamedTuple):
    """A journey in both versions that changed: its regressions, its ratings made better or risky
    hand-offs gone, its risky hand-offs then and now, and ``diff``'s one-line verdict."""

    id: str
    title: str
    regressions: int
    better: int
    risky: tuple[int, int]
    verdict: str


class DepartmentMove(NamedTuple):
    """A department that receives a different number of risky hand-offs than then (``id``: as the
    portfolio's JSON keys it)."""

    id: str
    name: str
    risky_in: tuple[int, int]


class Since(NamedTuple):
    """The portfolio against its past: ``label`` names the revision ("main (3f2a1b of 1 September
    2026, 10:00)"); ``headline`` is ``(key, words, then, now)``; journeys by ``(id, title)``."""

    label: str
    headline: tuple[tuple[str, str, float, float], ...]
    added: tuple[tuple[str, str], ...]
    retired: tuple[tuple[str, str], ...]
    moved: tuple[JourneyMove, ...]
    unchanged: int
    departments: tuple[DepartmentMove, ...]
    #: Journeys that have errors in one of the two versions or both, by ``(id, title, which)``:
    #: "then", "now" or "both"; they cannot be compared.
    unreadable: tuple[tuple[str, str, str], ...] = ()
    #: The revision as given (``q3``, ``HEAD~20``) and its commit's short id, where git says.
    revision: str = ""
    commit: str | None = None

    @property
    def worse(self) -> int:
        """How many journeys got worse for the customer."""
        return sum(1 for m in self.moved if m.regressions)

    @property
    def better(self) -> int:
        """How many got better (a rating improved or a risky hand-off gone) and no worse."""
        return sum(1 for m in self.moved if m.better and not m.regressions)


def journeys_said(s: Since) -> str:
    """One sentence under the section's heading: how many journeys got worse, changed otherwise,
    were added or retired, and stayed as they were for the customer.

    >>> journeys_said(Since("main", (), (("a", "A"),), (), (), 3, ()))
    '1 journey added; 3 unchanged for the customer.'
    """
    from journeymap.report import counted

    changed = len(s.moved) - s.worse - s.better
    parts = [said for n, said in (
        (s.worse, f"{counted(s.worse, 'journey')} got worse for the customer"),
        (s.better, f"{counted(s.better, 'journey')} got better"),
        (changed, f"{counted(changed, 'journey')} changed otherwise, with no regression"),
        (len(s.added), f"{counted(len(s.added), 'journey')} added"),
        (len(s.retired), f"{counted(len(s.retired), 'journey')} retired"),
        (s.unchanged, f"{s.unchanged} unchanged for the customer")) if n]
    if s.unreadable:  # left out of the numbers then and now, so that they compare like with like
        n = len(s.unreadable)
        parts.append(f"{counted(n, 'journey')} with errors not compared (the numbers then and now leave "
                     f"{'it' if n == 1 else 'them'} out)")
    text = "; ".join(parts) or "No journey then or now"
    return f"{text[0].upper()}{text[1:]}."
