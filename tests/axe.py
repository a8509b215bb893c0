"""Accessibility checks with axe-core in headless Chromium (WCAG 2.1 A and AA rules, contrast included).

axe-core is a test dependency: ``make test`` installs it with npm into ``.venv/node`` (the
product never loads it). Point ``AXE_CORE`` at another ``axe.min.js`` to use that one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional


from browser import load_page, require_script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> Optional[Path]:
    """The axe-core script, if installed."""
    path = Path(os.environ.get("AXE_CORE", DEFAULT))
    return path if path.is_file() else None


def require_axe() -> Path:
    """The axe-core script; skip without Chromium, and skip (fail in CI) without axe-core."""
    return require_script("axe-core", "AXE_CORE", DEFAULT)


def violations(page: Path, width: Optional[int] = None) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 AA violations of ``page`` (in a viewport ``width`` px wide, if given):
    rule id, impact, how many nodes, a few targets."""
    script = require_axe().read_text(encoding="utf-8")
    run = ("axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
           ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,"
           " targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '')"
           ".slice(0, 200))})))") % json.dumps(TAGS)
    report = load_page(page, expressions={"load": script + "\n;true", "violations": run}, screenshot=False, width=width)
    return list(report.values["violations"] or [])


def describe(found: list[dict[str, Any]]) -> str:
    """Violations as readable lines for an assertion message."""
    return "\n".join(f"{v['id']} ({v['impact']}, {v['nodes']} nodes): {v['help']}\n    " + "\n    ".join(v["targets"])
                     for v in found)
