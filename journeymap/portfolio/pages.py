"""The portfolio as one self-contained HTML page (Jinja) and as a tagged PDF (WeasyPrint).

The template context is plain data built here from the :class:`Portfolio`; every value is
autoescaped, the page holds no reference to anything outside itself (no URL, no image file),
and the PDF goes through :func:`journeymap.briefing.pdf.html_to_pdf`, the only WeasyPrint user.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, NamedTuple, Optional, Sequence

from journeymap.briefing.context import RATINGS, running_title
from journeymap.journey.model import RELIABILITIES, RELIABILITY_SEVERITY
from journeymap.journey.textsafe import named
from journeymap.map.text import shorten
from journeymap.portfolio.attention import lead_cell, lead_said, more_said, must_act, unlisted_gaps
from journeymap.portfolio.document import accepted_said, idle_said, reliable_shown, shown_path
from journeymap.portfolio.language import (Languages, department_languages, hyphenation_of, journey_languages,
                                             own_titles, title_languages, words_language)
from journeymap.portfolio.namesakes import namesakes, shared_journey_ids, shared_said, split_leads
from journeymap.portfolio.rollup import DepartmentCard, Portfolio
from journeymap.portfolio.sinceview import since_section
from journeymap.version import __version__
from journeymap.briefing.htmlfilters import reader_value
from journeymap.templatecache import packaged_environment
from journeymap.report import noun

#: Department columns per table (the matrix and the heatmap repeat their row headers per chunk).
COLUMNS = 12
#: The heatmap's department columns per table on screen: 9 a table, each wide enough for
#: "✖ Unreliable", ran past a 1,366 px laptop's window (audit DC).
SCREEN_COLUMNS = 7
#: A department's name at the head of a column, at most (the scorecard names it whole): a name of
#: 180 characters took 19 lines of a printed heatmap's head, repeated on every page (audit CE).
COLUMN_HEAD_CHARACTERS = 48
#: Departments from which the hand-off matrix numbers its columns: named, they took two column
#: blocks over two pages (16 departments); numbered, up to 24 fit one table across the page.
NUMBERED_FROM, NUMBERED_COLUMNS = 9, 24
#: The lines of row heads a printed matrix kept on one page may hold (a department's name wraps at
#: about ROWHEAD_CHARACTERS; a stacked count takes two lines). Kept whole beyond that, it went to
#: the next page and left its heading alone on a blank one (audit BY: 28 departments with names
#: of two lines); 24 such departments, or 40 of one line, fit a page.
MATRIX_PAGE_LINES, ROWHEAD_CHARACTERS = 48, 34
#: Touch-points listed per department card in the PDF (the HTML and the JSON have them all).
PDF_LISTED = 40


def _rating(value: str) -> dict[str, str]:
    label, icon = RATINGS[value]
    return {"key": value, "label": label, "icon": icon}


def _chunks(items: Sequence[Any], size: int = COLUMNS) -> list[list[Any]]:
    """At most ``size`` per chunk, the chunks as even as possible (16 columns: 8 and 8)."""
    count = -(-len(items) // size)
    if not count:
        return []
    each = -(-len(items) // count)
    return [list(items[i:i + each]) for i in range(0, len(items), each)]


def _summary(counts: dict[str, int]) -> str:
    return " ".join(f"{RATINGS[r][1]}\u202f{counts[r]}" for r in RELIABILITIES if counts.get(r))


def _card(c: DepartmentCard, listed: int | None = None) -> dict[str, Any]:
    ratings = c.ratings
    shown = c.touchpoints
    if listed is not None and len(c.touchpoints) > listed:
        # the least reliable, moments of truth first at each rating, in the file's order among
        # them: the first 40 in file order printed a card's reliable ones and left out 48
        # unreliable (audit BK)
        shown = sorted(c.touchpoints, key=lambda t: (RELIABILITY_SEVERITY[t.reliability], not t.moment_of_truth))
        shown = shown[:listed]
    total = len(c.touchpoints) or 1
    return {"key": c.key, "name": c.shown, "lead": c.leads, "who": lead_said(c.leads, c.layer), "layer": c.layer,
            "registry": c.registry,
            "journeys": len(c.journeys), "touchpoints": len(c.touchpoints), "in": c.handoffs_in,
            "out": c.handoffs_out, "risky_in": c.risky_in, "moments": c.moments_of_truth,
            "risky_out": c.risky_out, "accepted": c.risky_in_accepted,
            "ratings": [{**_rating(r), "count": ratings[r], "pct": round(100 * ratings[r] / total, 1)}
                        for r in RELIABILITIES],
            # a department of one journey names it once, on its card, not after each touch-point (audit CX)
            "only_journey": c.touchpoints[0].journey_title if len(c.journeys) == 1 and c.touchpoints else None,
            "owned": [{"name": t.name, "journey": t.journey_title, "rating": _rating(t.reliability),
                       "moment": t.moment_of_truth} for t in shown],
            "more": len(c.touchpoints) - len(shown)}


def _act(p: Portfolio) -> dict[str, Any]:
    """The executive list: the departments that must act, with their leads (:mod:`.attention`)."""
    listed, rest = must_act(p)
    return {"items": [{"name": a.name, "lead": a.lead, "text": a.sentence(), "who": lead_said(a.lead, a.layer)}
                      for a in listed], "more": len(rest), "more_said": more_said(rest) if rest else "",
            "gaps": unlisted_gaps(rest)}


def _matrix(p: Portfolio) -> dict[str, Any]:
    used = [c for c in p.departments if c.handoffs_in or c.handoffs_out]
    rows: list[dict[str, Any]] = []
    for src in used:
        cells = []
        for dst in used:
            n, r = p.matrix.get((src.key, dst.key), 0), p.risky.get((src.key, dst.key), 0)
            cells.append({"n": n, "risky": r, "level": "none" if not n else ("risky" if r else "some"),
                          "self": src.key == dst.key})
        # what it hands over in all, the risky ones in brackets (as its scorecard counts them):
        # who hands customers off badly
        rows.append({"name": src.shown, "n": len(rows) + 1, "cells": cells,
                     "total": src.handoffs_out, "risky": src.risky_out})
    numbered = len(used) >= NUMBERED_FROM
    # a numbered column holds "1 (1)": longer counts set their risky ones on a line of their own
    # and the last row, what each is handed: its counts the largest (review EC)
    stacked = numbered and (any(len(f"{c['n']} ({c['risky']})") > 5 for row in rows for c in row["cells"] if c["risky"])
                            or any(len(f"{c.handoffs_in} ({c.risky_in})") > 5 for c in used if c.risky_in)
                            or any(len(f"{row['total']} ({row['risky']})") > 7 for row in rows))
    lines = sum(max(-(-len(row["name"]) // ROWHEAD_CHARACTERS), 2 if stacked else 1) for row in rows)
    lines += 2 if stacked else 1
    chunks, start = [], 0
    for cols in _chunks(used, NUMBERED_COLUMNS if numbered else COLUMNS):
        heads = column_heads([c.shown for c in cols])
        chunks.append({"columns": [{"name": c.shown, "head": heads[k], "n": start + k + 1} for k, c in enumerate(cols)],
                       "rows": [{**row, "cells": row["cells"][start:start + len(cols)]} for row in rows],
                       # what each receives, the risky ones in brackets: who is handed customers badly
                       "received": [{"n": c.handoffs_in, "risky": c.risky_in} for c in cols]})
        start += len(cols)
    return {"chunks": chunks, "empty": not used, "numbered": numbered, "stacked": stacked, "idle": idle_said(p),
            "total": sum(c.handoffs_out for c in used), "risky": sum(c.risky_out for c in used),
            "whole": lines <= MATRIX_PAGE_LINES}


def column_heads(names: Sequence[str], limit: int = COLUMN_HEAD_CHARACTERS) -> list[str]:
    """Each name as a column head, cut to ``limit`` characters; two cut alike keep their ends too
    ("Customer operations, onboarding &… (EU north)"), which told them apart (review CZ).

    >>> column_heads(["Billing", "Ops and support (north)", "Ops and support (south)"], 18)
    ['Billing', 'Ops and… (north)', 'Ops and… (south)']
    """
    heads = [shorten(name, limit) for name in names]
    alike = {head for head in heads if heads.count(head) > 1}
    for n, name in enumerate(names):
        if heads[n] != name and heads[n] in alike:
            tail = _tail(name, limit // 2)
            heads[n] = f"{shorten(name[:len(name) - len(tail)].rstrip(), limit - len(tail) - 1)} {tail}"
    return heads


def _tail(name: str, most: int) -> str:
    """The last words of ``name``, at most ``most`` characters (its last word, whatever its length)."""
    words = name.split()
    tail = words.pop()
    while words and len(words[-1]) + 1 + len(tail) <= most:
        tail = f"{words.pop()} {tail}"
    return tail


def _heatmap(p: Portfolio, columns: int = COLUMNS, langs: Mapping[str, str] = {}) -> list[dict[str, Any]]:  # noqa: B006
    """The heatmap's tables, of at most ``columns`` departments each: a row a journey; a column's
    head in its department's language (``langs``, :func:`~.language.department_languages`)."""
    ok = [(i, j) for i, j in enumerate(p.journeys) if j.ok]
    chunks = []
    # a department in no journey has no cell (review GC: a column of dots; Markdown left it out)
    for cols in _chunks([d for d in p.departments if d.journeys], columns):
        rows = []
        for index, journey in ok:
            cells = []
            for dept in cols:
                cell = p.heatmap.get((index, dept.key))
                cells.append({"worst": _rating(cell.worst), "summary": _summary(dict(cell.counts))}
                             if cell is not None and cell.worst else None)
            rows.append({"title": journey.shown, "cells": cells})
        heads = column_heads([c.shown for c in cols])
        chunks.append({"columns": [{"name": c.shown, "head": head, "lang": langs.get(c.key)}
                                   for c, head in zip(cols, heads)], "rows": rows})
    return chunks


class Site(NamedTuple):
    """Where a portfolio page sits in a build folder: its index (``home``) and each journey's page
    by the journey's path (two journeys may share an id, each with its own page)."""

    home: str
    journeys: Mapping[str, str]


def portfolio_title(p: Portfolio) -> str:
    """The portfolio's title: "<organisation>: journey portfolio"."""
    return f"{p.organisation}: journey portfolio" if p.organisation else "Journey portfolio"


def portfolio_context(p: Portfolio, *, pdf: bool = False, site: Optional[Site] = None,
                      languages: Optional[Languages] = None) -> dict[str, Any]:
    """Everything the portfolio template shows, as plain data (links when it is part of a ``site``;
    ``languages``: :func:`~journeymap.portfolio.language.journey_languages`, told where None)."""
    from journeymap.map.pdfstamp import long_date, source_day

    languages = journey_languages(p) if languages is None else languages
    spoken = department_languages(p, languages)
    h = p.headline
    names = {c.key: c for c in p.departments}
    title = portfolio_title(p)
    shown = shown_path(p)
    day = source_day()  # a quarterly pack says when it was true, as the briefings do
    return {
        "pdf": pdf, "generator": f"journeymap {__version__}", "organisation": p.organisation,
        "hyphenate": hyphenation_of(languages) if pdf else None,
        # on screen, journeys' own words are marked with their language: the ``user`` filter,
        # by the page's where all share one, else by each journey's title (portfolio/language.py)
        "user_lang": None if pdf else words_language(languages),
        "journey_langs": {} if pdf else title_languages(own_titles(p, languages)),
        "date": day.isoformat(), "date_long": long_date(day),
        "title": title, "running_title": running_title(title),
        # a journey with errors is left out of every number: a tile says so, where "8 journeys" alone
        # let a reader take the roll-up for the whole company (audit DC)
        "numbers": [_tile(h, "journeys", "journey"),
                    *([(h["journeys_with_errors"], "left out (errors)")] if h["journeys_with_errors"] else []),
                    _tile(h, "touchpoints", "touch-point"),
                    _tile(h, "handoffs", "hand-off"), _risky_tile(p),
                    (reliable_shown(p), "rated reliable"),
                    _tile(h, "moments_of_truth", "moment of truth", "moments of truth"),
                    _tile(h, "departments", "department")],
        "home": site.home if site else None,
        "journeys": [{"title": j.title, "shown": j.shown, "href": site.journeys.get(j.path) if site and j.ok else None,
                      "path": shown(j.path), "ok": j.ok, "owner": named(j.owner), "touchpoints": j.touchpoints,
                      "handoffs": j.handoffs, "risky": j.risky_handoffs, "moments": j.moments_of_truth,
                      # an error of the project file says so: "line 3:1" read as the journey's own (audit E)
                      "errors": [{"check": f"{f.code} {f.name}" + ("" if f.path == j.path else f" in {shown(f.path)}")}
                                 for f in j.findings if f.is_error]}
                     for j in p.journeys],
        "left_out": h["journeys_with_errors"],
        "matrix": _matrix(p),
        "cards": [_card(c, PDF_LISTED if pdf else None) for c in p.departments],
        "namesakes": namesakes(p) + split_leads(p), "shared": shared_said(p),
        "twins": shared_journey_ids(p, shown),
        "act": _act(p),
        "since": since_section(p.since) if p.since is not None else None,
        "moments": [{"rating": _rating(m.reliability), "name": m.name, "journey": m.journey_title,
                     "department": names[m.department].shown,
                     "lead": lead_cell(m.lead, names[m.department].layer)} for m in p.moments],
        "bounds": {"min": p.bounds[0], "max": p.bounds[1], "count": len(p.moments), "project": p.project is not None,
                   # a portfolio of broken journeys holds no moments to count (W115 is not reported then)
                   "outside": any(j.ok for j in p.journeys) and not p.bounds[0] <= len(p.moments) <= p.bounds[1]},
        "heatmap": _heatmap(p, COLUMNS if pdf else SCREEN_COLUMNS, spoken),
        # each a language code alone (it goes into the stylesheet as it is)
        "heat_langs": sorted({code for code in spoken.values() if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", code)}),
        "ratings": [_rating(r) for r in RELIABILITIES],
        "findings": [{"path": shown(f.path), "line": f.line, "column": f.column, "code": f.code,
                      "severity": f.severity.value, "message": f.message} for f in p.findings],
    }


def render_portfolio_html(p: Portfolio, *, pdf: bool = False, site: Optional[Site] = None) -> str:
    """The portfolio page: one self-contained HTML document (``pdf`` selects the print layout;
    ``site``: the build folder it lives in, linked from it). On screen, the long words of journeys
    in another language than English break by its rules, as in print (soft hyphens)."""
    languages = journey_languages(p)
    context = portfolio_context(p, pdf=pdf, site=site, languages=languages)
    language = None if pdf else hyphenation_of(languages)
    if language is None:
        # on screen a policy all the same: no script, nothing loaded, should an escape ever be
        # missed (audit EO: the build's portfolio.html had none, its index and briefings do)
        from journeymap.briefing.scripts import NO_SCRIPT_POLICY

        return _page(context if pdf else {**context, "policy": NO_SCRIPT_POLICY})
    from markupsafe import Markup

    from journeymap.briefing.scripts import copy_script, script_source
    from journeymap.briefing.softhyphens import soft_hyphens

    script = copy_script()  # copies text without the soft hyphens, the page's only script
    policy = (f"default-src 'none'; script-src {script_source(script)}; "
              "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
    return soft_hyphens(_page({**context, "copy_script": Markup(script), "policy": policy}), language)


def _page(context: dict[str, Any], *, journeys_late: bool = False, probe: bool = False) -> str:
    """The portfolio template filled with ``context`` (``journeys_late``: the journeys table after
    the hand-off matrix, not before it; ``probe``: nothing after them)."""
    return packaged_environment("portfolio", finalize=reader_value).get_template("portfolio.html.j2").render(
        **{"copy_script": None, **context}, journeys_late=journeys_late, probe=probe)


def journeys_alone(pages: list[frozenset[str]]) -> bool:
    """Whether the journeys table fills a page of its own in print, given the ids on each page:
    the hand-off matrix, kept whole, begins on the third page or later, and the page before it
    holds the journeys table alone (begun there or run on to it). With five journeys and 24
    departments page 2 was two thirds blank; with seven, page 2 held two rows."""
    first = {anchor: n for n, ids in reversed(list(enumerate(pages))) for anchor in ids}
    journeys, matrix = first.get("h-journeys"), first.get("h-handoffs")
    if journeys is None or matrix is None or matrix < 2 or journeys >= matrix:
        return False
    return not pages[matrix - 1] & {"h-act", "sec-act"}


def render_portfolio_pdf(p: Portfolio) -> bytes:
    """The portfolio as a tagged PDF (A4 landscape); raises the PDF engine's errors. Should the
    journeys table take a page of its own (:func:`journeys_alone`, seen in a layout of the pages
    up to the matrix), it follows the matrix."""
    from journeymap.briefing.pdf import html_to_pdf, page_ids

    context = portfolio_context(p, pdf=True)
    late = journeys_alone(page_ids(_page(context, probe=True)))
    return html_to_pdf(_page(context, journeys_late=late), title=portfolio_title(p),
                       author=p.organisation,
                       subject="Customer journeys rolled up: hand-offs, scorecards, moments of truth")


def _risky_tile(p: Portfolio) -> tuple[Any, str]:
    """The risky hand-offs and, where journey files accept some of them, how many (:func:`accepted_said`)."""
    value, what = _tile(p.headline, "risky_handoffs", "risky hand-off")
    return value, what + accepted_said(p)


def _tile(headline: dict[str, Any], key: str, singular: str, plural: Optional[str] = None) -> tuple[Any, str]:
    """A number of the cover and its noun: "1 journey", not "1 journeys"."""
    return headline[key], noun(int(headline[key]), singular, plural)
