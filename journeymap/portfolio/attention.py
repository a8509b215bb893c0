"""Where the company must act: the departments that receive the portfolio's risky hand-offs and
own its shaky moments of truth, each with its lead (the portfolio's executive list).

Ranked by how many journeys a department falls short in, then by the risky hand-offs it
receives: ranked by the hand-offs alone, one journey of 600 touch-points decided the list, and a
department that let customers down in six journeys of eleven came fifth (audit CE)."""

from __future__ import annotations

from typing import NamedTuple, Optional, Sequence

from journeymap.portfolio.rollup import Portfolio
from journeymap.journey.textsafe import isolated, named, names_someone
from journeymap.report import counted, listed, reading_order

#: Departments named in the list; the rest are counted ("and 3 more").
LISTED = 8


class Attention(NamedTuple):
    """One department that must act, and why."""

    name: str
    lead: Optional[str]
    risky_in: int
    #: Its moments of truth rated it-depends or unreliable (those not rated are ``unrated``).
    shaky: int
    moments: int
    journeys: int
    risky_total: int  #: the portfolio's risky hand-offs
    #: Where its risky hand-offs come from, most first: ``(department, count)``. The list named
    #: only the receiving departments, and no figure the senders; W110 asks both leads.
    senders: tuple[tuple[str, int], ...] = ()
    #: Of ``risky_in``, those their journey files accept (``ignore:`` W110): owned, still risky.
    accepted: int = 0
    #: The journeys (without errors) in which it receives a risky hand-off, of ``portfolio_journeys``.
    risky_journeys: int = 0
    portfolio_journeys: int = 0
    #: Its moments of truth not rated (``unknown``): told apart from those rated not reliable.
    unrated: int = 0
    #: The journeys in which it receives a risky hand-off or owns a moment of truth not rated reliable.
    short_journeys: int = 0
    #: Its layer (``external``: outside the company, no lead of ours to name).
    layer: Optional[str] = None

    def sentence(self) -> str:
        """What is wrong, in words, after the department's name and a colon: "5 of the 16 risky
        hand-offs lead into it; none of its 4 moments of truth is reliable" (the count is the
        subject, so a plural department name needs no verb of its own)."""
        parts = []
        if self.risky_in:
            # "1 of the 1 risky hand-off" where the portfolio has one (review DD)
            whose = ("the one risky hand-off" if self.risky_total == 1 else
                     f"{self.risky_in} of the {counted(self.risky_total, 'risky hand-off')}")
            parts.append(f"{whose} {'leads' if self.risky_in == 1 else 'lead'} into it{self._from()}{self._where()}"
                         f"{self._accepted()}")
        moments = moments_clause(self.shaky, self.unrated, self.moments)
        parts += [moments] if moments else []
        if self.portfolio_journeys >= 2 and self.short_journeys > self.risky_journeys:
            # the figure the list is ranked by: "in 1 of the 8 journeys" for its hand-offs put a
            # department ranked by 2 (a shaky moment of truth in another) below one of 1 (audit DC)
            parts.append(f"it falls short in {self._journeys(self.short_journeys)}")
        return "; ".join(parts)

    def _where(self) -> str:
        """", in 3 of the 11 journeys": how widely, where there is more than one journey."""
        if self.portfolio_journeys < 2 or not self.risky_journeys:
            return ""
        return f", in {self._journeys(self.risky_journeys)}"

    def _journeys(self, n: int) -> str:
        """``n`` of the portfolio's journeys in words: "3 of the 11 journeys", "both journeys"."""
        if n == self.portfolio_journeys:
            return "both journeys" if n == 2 else f"all {n} journeys"
        return f"{n} of the {self.portfolio_journeys} journeys"

    def _accepted(self) -> str:
        """", and both are accepted as known risks" where the teams accepted some in their journey files
        (the list read as if nobody had: audit BG). "Accepted in their journey files" told an executive
        where, not what (audit EI)."""
        if not self.accepted:
            return ""
        if self.accepted == self.risky_in:
            if self.risky_in == 1:
                return ", and it is accepted as a known risk"
            return f", and {'both' if self.risky_in == 2 else 'all'} are accepted as known risks"
        # "of them" after "in 2 of the 3 journeys" read as journeys (audit CM): the hand-offs are named
        return f", {self.accepted} of these {self.risky_in} accepted as {'known risks' if self.accepted > 1 else 'a known risk'}"

    def _from(self) -> str:
        """" (3 from Sales, 2 from Agents)": up to three senders, most first, else the first two
        (and those sending as many as the second, up to four: a partner sending 2 was among "7 from
        6 others" behind two that sent 2, by the alphabet: audit CR) and how many the others send."""
        if not self.senders:
            return ""
        shown = self.senders if len(self.senders) <= 3 else self.senders[:2]
        while 2 <= len(shown) < min(4, len(self.senders)) and self.senders[len(shown)][1] == shown[-1][1]:
            shown = self.senders[:len(shown) + 1]
        if len(self.senders) - len(shown) == 1:  # "1 from 1 others": named
            shown = self.senders
        named = [f"{n} from {name}" for name, n in shown]
        others = self.senders[len(shown):]
        if others:
            named.append(f"{sum(n for _, n in others)} from {len(others)} others")
        return f" ({', '.join(named)})"


def moments_clause(shaky: int, unrated: int, moments: int) -> str:
    """What is wrong with a department's ``moments`` moments of truth: ``shaky`` rated it-depends or
    unreliable, ``unrated`` not rated ("" when nothing is). Those not rated were counted as not
    reliable: "5 of its 8 moments of truth are not reliable" for two unreliable, two it-depends
    and one not rated (audit CE), where the checks (W106, W105) tell the two apart.

    >>> moments_clause(1, 0, 1), moments_clause(0, 1, 1), moments_clause(4, 0, 4)
    ('its one moment of truth is not reliable', 'its one moment of truth is not rated', 'none of its 4 moments of truth is reliable')
    >>> moments_clause(4, 1, 8), moments_clause(0, 2, 8), moments_clause(2, 1, 3)
    ('4 of its 8 moments of truth are not reliable and 1 is not rated', '2 of its 8 moments of truth are not rated', 'none of its 3 moments of truth is rated reliable (1 is not rated)')
    """
    def are(n: int) -> str:
        return "is" if n == 1 else "are"

    if not shaky and not unrated:
        return ""
    if moments == 1:
        return f"its one moment of truth is {'not rated' if unrated else 'not reliable'}"
    if shaky + unrated == moments:
        if not unrated:
            return f"none of its {moments} moments of truth is reliable"
        return (f"none of its {moments} moments of truth is rated" if not shaky else
                f"none of its {moments} moments of truth is rated reliable ({unrated} {are(unrated)} not rated)")
    if not shaky:
        return f"{unrated} of its {moments} moments of truth {are(unrated)} not rated"
    said = f"{shaky} of its {moments} moments of truth {are(shaky)} not reliable"
    return said + (f" and {unrated} {are(unrated)} not rated" if unrated else "")


def must_act(p: Portfolio) -> tuple[list[Attention], list[Attention]]:
    """The departments with risky hand-offs into them or moments of truth not rated reliable: the
    first :data:`LISTED`, and the rest (counted, and told by :func:`unlisted_gaps`). Most first: the
    journeys a department falls short in, then the risky hand-offs it receives, then its shaky and
    unrated moments of truth."""
    found = _short(p)
    return found[:LISTED], found[LISTED:]


#: The most departments past the list :func:`more_said` names.
NAMED_MORE = 12


def more_said(rest: Sequence[Attention]) -> str:
    """The departments past the list, named, most first: "And 6 more departments (see the scorecards)"
    named none, and the scorecards do not say which fall short (audit DC)."""
    names = [isolated(a.name) for a in rest[:NAMED_MORE]]
    if len(rest) > NAMED_MORE:
        names.append(counted(len(rest) - NAMED_MORE, "other"))
    return (f"And {counted(len(rest), 'more department')} {'falls' if len(rest) == 1 else 'fall'} short, "
            f"most first (see {'its scorecard' if len(rest) == 1 else 'their scorecards'}): {listed(names)}.")


def unlisted_gaps(rest: Sequence[Attention]) -> list[str]:
    """Sentences for the departments past :data:`LISTED` (``rest``, as :func:`must_act` gives them)
    that no one of ours answers for: those with no lead named and those outside the company, with
    what they receive. With 28 of 30 departments falling short, a contact centre with no lead and
    a partner receiving 6 risky hand-offs were 20th and 16th, on a scorecard on page 14 (audit CR)."""
    said = []
    # "Of them": the departments "And N more" names already, not more (audit EI read it as naming one twice)
    leaderless = [a for a in rest if a.layer != "external" and not names_someone(a.lead)]
    for words, group in (("Of them, no lead named", leaderless),
                         ("Of them, outside the company", [a for a in rest if a.layer == "external"])):
        if group:
            said.append(f"{words}: {'; '.join(_briefly(a) for a in group)}.")
    return said


def _briefly(a: Attention) -> str:
    """A department and what it receives, in a few words: "NetCo (6 risky hand-offs in, 1 moment
    of truth not reliable)"."""
    parts = [counted(a.risky_in, "risky hand-off") + " in"] if a.risky_in else []
    if a.shaky:
        parts.append(f"{counted(a.shaky, 'moment of truth', 'moments of truth')} not reliable")
    if a.unrated:
        parts.append(f"{counted(a.unrated, 'moment of truth', 'moments of truth')} not rated")
    return f"{isolated(a.name)} ({', '.join(parts)})"


def _short(p: Portfolio) -> list[Attention]:
    """Every department that falls short, most first (:func:`must_act`)."""
    shaky: dict[str, int] = {}
    unrated: dict[str, int] = {}
    for m in p.moments:
        if m.reliability == "unknown":
            unrated[m.department] = unrated.get(m.department, 0) + 1
        elif m.reliability != "reliable":
            shaky[m.department] = shaky.get(m.department, 0) + 1
    total = int(p.headline["risky_handoffs"])
    usable = int(p.headline["journeys"])
    shown = {c.key: c.shown for c in p.departments}
    senders: dict[str, list[tuple[str, int]]] = {}
    for (src, dst), n in p.risky.items():
        if n:
            senders.setdefault(dst, []).append((shown.get(src, src), n))
    found = [Attention(c.shown, c.leads, c.risky_in, shaky.get(c.key, 0), c.moments_of_truth, len(c.journeys), total,
                       tuple(sorted(senders.get(c.key, []), key=lambda s: (-s[1], reading_order(s[0])))),
                       c.risky_in_accepted,
                       len(c.risky_journeys), usable, unrated.get(c.key, 0), len(c.short_journeys), c.layer)
             for c in p.departments if c.risky_in or shaky.get(c.key) or unrated.get(c.key)]
    found.sort(key=lambda a: (-a.short_journeys, -a.risky_in, -a.shaky, -a.unrated, reading_order(a.name)))
    return found


def lead_cell(lead: Optional[str], layer: Optional[str]) -> str:
    """A moment of truth's lead in a table: the person, "outside the company; no contact named" for
    an outside department with none, else "none named" ("TBD" names nobody: audit DC)."""
    return named(lead) or ("outside the company; no contact named" if layer == "external" else "none named")


def lead_said(lead: Optional[str], layer: Optional[str]) -> str:
    """Who leads a department, as the portfolio says it: "Lead: Ana", "Lead: none named"; for a
    department outside the company "Outside the company" and its contact, or that none is named,
    as the briefing's accountability says. "Lead: none named" under "Word of mouth & web" read as
    a gap to fill (audit CM)."""
    person = named(lead)  # "Lead: TBD" is none, as the briefing tells it (audit CT)
    if layer == "external":
        return f"Outside the company; contact: {isolated(person)}" if person else "Outside the company; no contact named"
    return f"Lead: {isolated(person) if person else 'none named'}"
