"""journeymap: journey maps as code.

A journey is a declarative YAML file (stages, touch-points, the departments that own them,
reliability ratings, moments of truth). journeymap checks it and compiles it into swimlane
maps, briefings and exports. One subpackage per pipeline step::

    journey/   read the YAML with positions, validate it, build the typed model
    analysis/  flows, hand-offs, headline numbers, the CX checks (W101-W114)
    map/       plan the grid, write DOT, run Graphviz: the swimlane map
    briefing/  the briefing's context, HTML (Jinja) and PDF (WeasyPrint)
    exports/   JSON, Markdown and Mermaid
    changes/   ``journeymap diff``: what changed between two versions
    site/      ``journeymap build``: every output of many journeys, and the index page
    portfolio/ ``journeymap portfolio``: the roll-up across a company's journeys
    serve/     ``journeymap serve``: the live preview
    cli/       the command line, a thin layer over this API

The Python API (SPEC section 8) is at the top: ``load``, ``loads``, ``render``, ``brief``,
``export``, ``diff``, ``JourneyError``, ``ToolMissing`` and ``ToolFailed``; see :mod:`journeymap.api`.
Names are resolved on first use, so ``import journeymap`` imports none of the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeymap.version import FORMAT_VERSION, __version__

if TYPE_CHECKING:
    from journeymap.api import (JourneyError, ToolFailed, ToolMissing, brief, diff, export, load, loads, render,
                                render_map)
    from journeymap.pipeline import Checked

__all__ = ["Checked", "FORMAT_VERSION", "JourneyError", "ToolFailed", "ToolMissing", "__version__", "brief", "diff",
           "export", "load", "loads", "render", "render_map"]

_API = {"JourneyError", "ToolFailed", "ToolMissing", "brief", "diff", "export", "load", "loads", "render", "render_map"}


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use (PEP 562)."""
    if name in _API:
        from journeymap import api

        return getattr(api, name)
    if name == "Checked":
        from journeymap.pipeline import Checked

        return Checked
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
