"""The names of the files a build writes: each journey's outputs and the site's own pages."""

from __future__ import annotations

#: The site's index page, written by ``journeymap build`` next to the outputs.
INDEX = "index.html"
#: Every output format a journey can have in a build (``build --formats``).
JOURNEY_FORMATS = ("svg", "png", "pdf", "html", "json", "md")
#: The portfolio's files in a build: ``portfolio.<ext>``, by the export each extension holds.
PORTFOLIO_NAME = "portfolio"
PORTFOLIO_FORMATS = {"html": "html", "pdf": "pdf", "json": "json", "md": "markdown"}
#: Every page the build writes itself; no journey's output may take one of these names.
_SITE_PAGES = frozenset({INDEX, *(f"{PORTFOLIO_NAME}.{ext}" for ext in PORTFOLIO_FORMATS)})


def output_name(journey_id: str, fmt: str) -> str:
    """The file name of one output: ``<id>.<fmt>``, but never the name of a page the build writes
    itself (the index, the portfolio's files).

    A journey with ``id: index`` gets ``index.briefing.html`` for its HTML briefing, one with
    ``id: portfolio`` ``portfolio.briefing.pdf`` and so on; ids have no dots, so such a name
    cannot be another journey's.

    >>> output_name("claim", "html"), output_name("index", "html"), output_name("index", "svg")
    ('claim.html', 'index.briefing.html', 'index.svg')
    >>> output_name("portfolio", "pdf"), output_name("portfolio", "svg")
    ('portfolio.briefing.pdf', 'portfolio.svg')
    """
    name = f"{journey_id}.{fmt}"
    return f"{journey_id}.briefing.{fmt}" if name in _SITE_PAGES else name
