"""The briefing of one analysed journey, from the map to the PDF or HTML bytes: the one chain that
``brief`` (through the API) and ``build`` share."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional

from journeymap.analysis.analyse import Analysis
from journeymap.findings import Finding


def briefing_bytes(analysis: Analysis, findings: Iterable[Finding], *, page: str, html: bool,
                   timeout: float = 120.0, templates: Optional[Path] = None, since: Optional[dict[str, Any]] = None,
                   appendix: Optional[bool] = None, home: Optional[str] = None) -> bytes:
    """The PDF briefing, or with ``html`` the self-contained HTML one (``home``: a page beside it
    to link back to, kept as it is). Raises GraphvizError, BriefingError (the templates) and
    PdfError (the PDF engine) for the caller to tell."""
    from journeymap.briefing.document import briefing_date, render_briefing_html
    from journeymap.briefing.htmlinline import html_standalone
    from journeymap.briefing.pdf import html_to_pdf
    from journeymap.map.render import render_map
    from journeymap.outputs import utf8

    # printed, the map is cut into parts that each print the lane names: no names again further right
    svg = render_map(analysis, "svg", timeout=timeout, names_again=html).decode("utf-8")
    document = render_briefing_html(analysis, findings, svg, page=page, date=briefing_date(), templates_dir=templates,
                                    since=since, appendix=appendix, screen=html, home=home)
    if html:
        from journeymap.briefing.softhyphens import soft_hyphens
        from journeymap.journey.language import word_breaks

        kept = frozenset({home}) if home else frozenset()
        standalone = html_standalone(document, base_dir=templates, links=kept)
        language = word_breaks(analysis.journey)  # print breaks these words with CSS (briefing.html.j2)
        return utf8(soft_hyphens(standalone, language) if language else standalone)
    from journeymap.briefing.slidejoins import refined

    journey = analysis.journey
    # our own slides only: a team's templates may break their pages as they choose
    return html_to_pdf(document, title=journey.title, author=journey.owner, subject=journey.summary,
                       base_dir=templates, refine=refined if page == "slide" and templates is None else None)
