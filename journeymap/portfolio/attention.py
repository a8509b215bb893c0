"""Where the company must act: the departments that receive the portfolio's risky hand-offs and
own its shaky moments of truth, most first, each with its lead (the portfolio's executive list)."""

from __future__ import annotations

from typing import NamedTuple, Optional

from journeymap.portfolio.rollup import Portfolio
from journeymap.report import counted

#: Departments named in the list; the rest are counted ("and 3 more").
LISTED = 8


class Attention(NamedTuple):
    """One department that must act, and why."""

    name: str
    lead: Optional[str]
    risky_in: int
    shaky: int
    moments: int
    journeys: int
    risky_total: int  #: the portfolio's risky hand-offs
    #: Where its risky hand-offs come from, most first: ``(department, count)``. The list named
    #: only the receiving departments, and no figure the senders; W110 asks both leads.
    senders: tuple[tuple[str, int], ...] = ()
    #: Of ``risky_in``, those their journey files accept (``ignore:`` W110): owned, still risky.
    accepted: int = 0

    def sentence(self) -> str:
        """What is wrong, in words, after the department's name and a colon: "5 of the 16 risky
        hand-offs lead into it; none of its 4 moments of truth is reliable" (the count is the
        subject, so a plural department name needs no verb of its own)."""
        parts = []
        if self.risky_in:
            parts.append(f"{self.risky_in} of the {counted(self.risky_total, 'risky hand-off')} "
                         f"{'leads' if self.risky_in == 1 else 'lead'} into it{self._from()}{self._accepted()}")
        if self.shaky and self.moments == 1:
            parts.append("its one moment of truth is not reliable")
        elif self.shaky and self.shaky == self.moments:
            parts.append(f"none of its {self.moments} moments of truth is reliable")
        elif self.shaky:
            parts.append(f"{self.shaky} of its {self.moments} moments of truth {'is' if self.shaky == 1 else 'are'} "
                         "not reliable")
        return "; ".join(parts)

    def _accepted(self) -> str:
        """", both accepted in their journey files" where the teams accepted some (the list read as
        if nobody had: audit BG)."""
        if not self.accepted:
            return ""
        if self.accepted == self.risky_in:
            whole = "it is" if self.risky_in == 1 else ("both are" if self.risky_in == 2 else "all are")
            return f", and {whole} accepted in {'its journey file' if self.risky_in == 1 else 'their journey files'}"
        return f", {self.accepted} of them accepted in their journey files"

    def _from(self) -> str:
        """" (3 from Sales, 2 from Agents)": up to three senders, most first, else the first two
        and how many the others send."""
        if not self.senders:
            return ""
        shown = self.senders if len(self.senders) <= 3 else self.senders[:2]
        named = [f"{n} from {name}" for name, n in shown]
        others = self.senders[len(shown):]
        if others:
            named.append(f"{sum(n for _, n in others)} from {len(others)} others")
        return f" ({', '.join(named)})"


def must_act(p: Portfolio) -> tuple[list[Attention], int]:
    """The departments with risky hand-offs into them or moments of truth not rated reliable,
    most first (risky hand-offs received, then shaky moments of truth), at most :data:`LISTED`,
    and how many more there are."""
    shaky: dict[str, int] = {}
    for m in p.moments:
        if m.reliability != "reliable":
            shaky[m.department] = shaky.get(m.department, 0) + 1
    total = int(p.headline["risky_handoffs"])
    shown = {c.key: c.shown for c in p.departments}
    senders: dict[str, list[tuple[str, int]]] = {}
    for (src, dst), n in p.risky.items():
        if n:
            senders.setdefault(dst, []).append((shown.get(src, src), n))
    found = [Attention(c.shown, c.leads, c.risky_in, shaky.get(c.key, 0), c.moments_of_truth, len(c.journeys), total,
                       tuple(sorted(senders.get(c.key, []), key=lambda s: (-s[1], s[0]))), c.risky_in_accepted)
             for c in p.departments if c.risky_in or shaky.get(c.key)]
    found.sort(key=lambda a: (-a.risky_in, -a.shaky, a.name))
    return found[:LISTED], max(0, len(found) - LISTED)
