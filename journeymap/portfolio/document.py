"""The portfolio as JSON (SPEC 6, a stable, versioned interface) and as Markdown."""

from __future__ import annotations

import json
from typing import Any, Callable

from journeymap.exports.markdown import ICONS, md_text, table
from journeymap.map.theme import RATINGS
from journeymap.portfolio.namesakes import namesakes, shared_journey_ids, shared_said, split_leads
from journeymap.portfolio.rollup import DepartmentCard, Portfolio, from_common_folder
from journeymap.portfolio.sinceview import since_json, since_markdown
from journeymap.report import listed, share_of

PORTFOLIO_VERSION = 1


def reliable_shown(p: Portfolio) -> str:
    """The share of the portfolio's touch-points rated reliable, as its pages print it ("—" of none)."""
    # from the counts: the share is rounded to 4 decimals for the JSON (audit EP)
    return share_of(int(p.headline["reliable"]), int(p.headline["touchpoints"]))


def accepted_said(p: Portfolio) -> str:
    """" (3 accepted)" after the risky hand-offs where journey files accept some of them, as each
    briefing's cover counts them (audit FA); "" where none are."""
    accepted = p.headline["risky_handoffs_accepted"]
    return f" ({accepted} accepted)" if accepted else ""


def shown_path(p: Portfolio) -> Callable[[str], str]:
    """How the portfolio's pages show a file: relative to the folder that holds all its files (the
    journeys and the project file: :func:`~.rollup.from_common_folder`). The JSON keeps each path
    as given."""
    return from_common_folder([j.path for j in p.journeys] + [f.path for f in p.findings])


def _nested(pairs: dict[tuple[str, str], int], keys: list[str]) -> dict[str, dict[str, int]]:
    """``{from: {to: n}}`` for the non-zero pairs, rows and columns in department order."""
    out: dict[str, dict[str, int]] = {}
    for source in keys:
        row = {target: pairs[(source, target)] for target in keys if pairs.get((source, target))}
        if row:
            out[source] = row
    return out


def portfolio_document(p: Portfolio) -> dict[str, Any]:
    """The JSON document of SPEC 6 as a dict (keys in the SPEC's order)."""
    keys = [c.key for c in p.departments]
    return {
        "version": PORTFOLIO_VERSION,
        "organisation": p.organisation,
        "journeys": [{"id": j.id, "title": j.title, "path": j.path, "ok": j.ok, "touchpoints": j.touchpoints,
                      "handoffs": j.handoffs, "risky_handoffs": j.risky_handoffs} for j in p.journeys],
        "headline": dict(p.headline),
        "handoffs": {"departments": keys, "counts": _nested(p.matrix, keys), "risky": _nested(p.risky, keys)},
        "departments": [{"id": c.key, "name": c.name, "lead": c.lead, "touchpoints": len(c.touchpoints),
                         "ratings": c.ratings, "handoffs_in": c.handoffs_in, "handoffs_out": c.handoffs_out,
                         "risky_in": c.risky_in, "moments_of_truth": c.moments_of_truth,
                         # where journeys disagree on its lead: the leads the others name (``lead``
                         # is the first journey's), which the pages say as "also named" (audit EX)
                         **({"other_leads": list(c.other_leads)} if c.other_leads else {})}
                        for c in p.departments],
        "moments_of_truth": [{"journey": m.journey, "touchpoint": m.touchpoint, "name": m.name,
                              "department": m.department, "reliability": m.reliability} for m in p.moments],
        "findings": [f.as_dict() for f in p.findings],
        # only with ``--since``: SPEC 6's keys stay as they are without it
        **({"since": since_json(p.since)} if p.since is not None else {}),
    }


def portfolio_json(p: Portfolio) -> str:
    """The JSON text: two-space indents, UTF-8 as is, one trailing newline."""
    return json.dumps(portfolio_document(p), indent=2, ensure_ascii=False) + "\n"


def _matrix_lines(p: Portfolio) -> list[str]:
    used = [c for c in p.departments if c.handoffs_in or c.handoffs_out]
    if not used:
        return ["No hand-offs between departments."]
    rows = []
    for src in used:
        cells = []
        for dst in used:
            n, r = p.matrix.get((src.key, dst.key), 0), p.risky.get((src.key, dst.key), 0)
            cells.append("·" if not n else (f"{n} ({r} risky)" if r else str(n)))
        rows.append([src.shown, *cells, _with_risky(src.handoffs_out, src.risky_out)])
    rows.append(["Total received", *(_with_risky(c.handoffs_in, c.risky_in) for c in used),
                 _with_risky(sum(c.handoffs_out for c in used), sum(c.risky_out for c in used))])
    said = idle_said(p)
    idle = [md_text(said)] if said else []
    return ["Rows hand the customer to columns; counts summed over the journeys. Total: all a department "
            "hands over; Total received: all it is handed.", *idle, "", *table(["From \\ to", *(md_text(c.shown) for c in used), "Total"], rows)]


def idle_said(p: Portfolio) -> str:
    """Who the hand-off matrix leaves out: the departments that hand no customer over and receive
    none ("" where there are none). The headline counted 61 departments and the matrix had 60
    rows, Legal dropped without a word (audit EI).

    >>> from types import SimpleNamespace as N
    >>> idle_said(N(departments=[N(shown="Legal", handoffs_in=0, handoffs_out=0)]))
    'Left out: Legal, which hands no customer over and receives none.'
    """
    idle = [c.shown for c in p.departments if not (c.handoffs_in or c.handoffs_out)]
    if not idle:
        return ""
    said = listed(idle[:12] + ([f"{len(idle) - 12} others"] if len(idle) > 12 else []))
    return (f"Left out: {said}, which hands no customer over and receives none." if len(idle) == 1 else
            f"Left out: {said}, which hand no customer over and receive none.")


def _with_risky(n: int, risky: int) -> str:
    """A count, its risky ones in brackets."""
    return f"{n} ({risky} risky)" if risky else str(n)


def _heatmap_lines(p: Portfolio) -> list[str]:
    """Journeys x departments: each cell the worst rating and how many touch-points have each."""
    ok = [(i, j) for i, j in enumerate(p.journeys) if j.ok]
    used = [c for c in p.departments if any((i, c.key) in p.heatmap for i, _ in ok)]
    if not ok or not used:
        return ["No touch-points rated yet." if ok else
                "No touch-points rated yet: no journey without errors to show (see Journeys)."]
    rows = []
    for index, journey in ok:
        cells = []
        for dept in used:
            cell = p.heatmap.get((index, dept.key))
            counts = ", ".join(f"{n} {RATINGS[r].word}" for r, n in cell.counts if n) if cell is not None else ""
            cells.append(f"{ICONS[cell.worst]} ({counts})" if cell is not None and cell.worst else "·")
        rows.append([journey.shown, *cells])
    return ["The worst rating in each cell, and how many touch-points have each rating.", "",
            *table(["Journey \\ department", *(md_text(c.shown) for c in used)], rows)]


def _left_out(p: Portfolio) -> list[str]:
    """The sentence under the headline when journeys with errors are left out of its numbers."""
    left = int(p.headline["journeys_with_errors"])
    if not left:
        return []
    broken = [md_text(j.shown) for j in p.journeys if not j.ok]  # named up front, not only pages on (audit CR)
    named = "; ".join(broken[:3]) + (f"; and {len(broken) - 3} more" if len(broken) > 3 else "")
    if left == len(p.journeys):  # "0 of 1 journeys rolled up" (audit DC)
        every = "the journey has" if left == 1 else "both have" if left == 2 else f"all {left} have"
        return ["", f"No journey rolled up: {every} errors (see Journeys): {named}."]
    return ["", f"{len(p.journeys) - left} of {len(p.journeys)} journeys rolled up; {left} left out because of "
            f"errors (see Journeys): {named}."]


def _act_lines(p: Portfolio) -> list[str]:
    """"Where the company must act" as a numbered list (none when nothing is risky or shaky)."""
    from journeymap.portfolio.attention import lead_said, more_said, must_act, unlisted_gaps

    listed, rest = must_act(p)
    if not listed:
        return []
    lines = ["", "## Where the company must act", "",
             "The departments receiving risky hand-offs or owning moments of truth that are not reliable: those "
             "that fall short in the most journeys first, then those receiving the most risky hand-offs.", ""]
    lines += [f"{n}. **{md_text(a.name)}**: {md_text(a.sentence())}. {md_text(lead_said(a.lead, a.layer))}."
              for n, a in enumerate(listed, 1)]
    return lines + (["", md_text(more_said(rest)),
                     *(line for gap in unlisted_gaps(rest) for line in ("", md_text(gap)))] if rest else [])


def _risky_in(card: DepartmentCard) -> str:
    """The risky hand-offs a department receives, with those its journey files accept: "3 (1 accepted)"."""
    return f"{card.risky_in} ({card.risky_in_accepted} accepted)" if card.risky_in_accepted else str(card.risky_in)


def portfolio_markdown(p: Portfolio) -> str:
    """A Markdown summary of the portfolio (for a wiki page or a pull request), its sections in the
    order of the HTML page's (the heatmap came before the scorecards and the moments of truth
    last: audit CR)."""
    h = p.headline
    title = f"Portfolio: {p.organisation}" if p.organisation else "Portfolio"
    shown = shown_path(p)
    lines = [f"# {md_text(title)}", "",
             *table(["Journeys", "Touch-points", "Hand-offs", "Risky hand-offs", "Rated reliable",
                     "Moments of truth"],
                    [[h["journeys"], h["touchpoints"], h["handoffs"], f"{h['risky_handoffs']}{accepted_said(p)}",
                      reliable_shown(p), h["moments_of_truth"]]]), *_left_out(p),
             *(["", md_text(shared)] if (shared := shared_said(p)) else []), *_act_lines(p),
             *(since_markdown(p.since) if p.since is not None else []),
             "", "## Journeys", "", *[f"> {md_text(n)}\n" for n in shared_journey_ids(p, shown)],
             *table(["Journey", "File", "Status", "Touch-points", "Hand-offs", "Risky"],
                    [[j.title, shown(j.path), "ok", j.touchpoints, j.handoffs, j.risky_handoffs] if j.ok else
                     [j.title, shown(j.path), "has errors (left out)", *["\u2014"] * 3] for j in p.journeys]),
             "", "## Hand-offs between departments", "", *_matrix_lines(p), *_moment_lines(p), *_scorecard_lines(p),
             "", "## Reliability by journey and department", "", *_heatmap_lines(p)]
    if p.findings:
        lines += ["", "## Findings", "",
                  *table(["File", "Line", "Code", "Message"],
                         [[shown(f.path), f.line, f.code, f.message] for f in p.findings])]
    return "\n".join(lines) + "\n"


def _moment_lines(p: Portfolio) -> list[str]:
    """The company's moments of truth, least reliable first, with who answers for each."""
    from journeymap.portfolio.attention import lead_cell

    names = {c.key: c.shown for c in p.departments}
    layers = {c.key: c.layer for c in p.departments}
    return ["", f"## The company's moments of truth ({len(p.moments)}, bounds {p.bounds[0]}-{p.bounds[1]})", "",
            *(table(["Reliability", "Moment of truth", "Journey", "Department", "Lead"],
                    [[ICONS[m.reliability], m.name, m.journey_title, names[m.department],
                      lead_cell(m.lead, layers.get(m.department))] for m in p.moments])
              if p.moments else ["No moments of truth."])]


def _scorecard_lines(p: Portfolio) -> list[str]:
    """The departments' scorecards as one table, after the notes on namesakes and split leads."""
    if not p.departments:
        return ["", "## Department scorecards", "", "No departments: no journey without errors to count."]
    return ["", "## Department scorecards", "", *[f"> {md_text(n)}\n" for n in namesakes(p) + split_leads(p)],
            *table(["Department", "Lead", "Journeys", "Touch-points", "Reliable", "It depends", "Unreliable",
                    "Not rated", "Hand-offs in", "Hand-offs out", "Risky in", "Risky out", "Moments of truth"],
                   [[c.shown, _lead_cell(c), len(c.journeys),
                     len(c.touchpoints), c.ratings["reliable"], c.ratings["it-depends"], c.ratings["unreliable"],
                     c.ratings["unknown"], c.handoffs_in, c.handoffs_out, _risky_in(c), c.risky_out,
                     c.moments_of_truth] for c in p.departments])]


def _lead_cell(c: DepartmentCard) -> str:
    """A scorecard's lead in the table, as on the page's card: outside the company said, and a lead
    written "TBD" none named (the Markdown printed "TBD" where the card said "none named")."""
    from journeymap.journey.textsafe import names_someone

    named = c.leads if names_someone(c.leads) else None
    if c.layer == "external":
        return f"{named} (outside the company)" if named else "Outside the company; no contact named"
    return named or "none named"
