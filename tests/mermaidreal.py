"""Real Mermaid in headless Chromium: the Mermaid export checked against the program that draws it.

The export's fast tests judge it with a port of Mermaid's journey grammar (``parse_journey`` in
tests/test_exports.py); Mermaid itself showed that port wrong in places (audit BT: "Journeyman"
is not the keyword ``journey``, a lone ``%`` starts a comment). Mermaid is a test dependency:
``make test`` installs it with npm into ``.venv/node`` (the product never loads it). Point
``MERMAID_JS`` at another ``mermaid.min.js`` to use that one.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any


from browser import Tab, require_script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / ".venv" / "node" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"

#: The page: ``draw(text)`` renders as a user's page would (strict security, Mermaid's defaults)
#: and reports what the drawing holds; ``diagram(text)`` is what Mermaid's parser made of the
#: text (its journey database, entity codes decoded as the drawing decodes them).
_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>mermaid</title>
<script src="%s"></script>
<script>
let drawn = 0;
window.alerts = [];
window.alert = (x) => window.alerts.push(String(x));
mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
const shown = (s) => { const t = document.createElement('textarea');
  t.innerHTML = String(s).replace(/\\ufb02\\u00b0\\u00b0/g, '&#').replace(/\\ufb02\\u00b0/g, '&').replace(/\\u00b6\\u00df/g, ';');
  return t.value; };
async function draw(text) {
  const out = {};
  try { await mermaid.parse(text); out.parsed = true; } catch (e) { out.parsed = false; out.error = String(e.message || e); }
  try { out.svg = (await mermaid.render('d' + (++drawn), text)).svg; } catch (e) { out.error = String(e.message || e); return out; }
  const host = document.createElement('div'); host.innerHTML = out.svg; document.body.appendChild(host);
  const all = [...host.querySelectorAll('*')];
  out.role = host.querySelector('svg').getAttribute('aria-roledescription');
  out.tags = [...new Set(all.map(e => e.localName))].sort();
  out.handlers = all.flatMap(e => [...e.attributes].filter(a => /^on|href$/i.test(a.name)).map(a => a.name));
  out.texts = [...host.querySelectorAll('text')].map(t => t.textContent);
  out.labels = [...host.querySelectorAll('div.label')].map(t => t.textContent);
  out.titles = [...host.querySelectorAll('title')].map(t => t.textContent);
  out.alerts = window.alerts.splice(0);
  delete out.svg; host.remove();
  return out;
}
async function diagram(text) {
  const d = await mermaid.mermaidAPI.getDiagramFromText(text);
  const title = d.db.getDiagramTitle();
  return {title: title ? shown(title) : null, sections: d.db.getSections().map(shown),
          tasks: d.db.getTasks().map(t => [shown(t.section), shown(t.task), t.score, t.people.map(shown)])};
}
</script></head><body></body></html>
"""


def require_mermaid() -> Path:
    """Mermaid's script; skip without Chromium, and skip (fail in CI) without Mermaid."""
    return require_script("Mermaid", "MERMAID_JS", DEFAULT)


class Mermaid:
    """A page with Mermaid loaded, in the test process's Chromium; use as a context manager."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory()
        page = Path(self._folder.name) / "mermaid.html"
        page.write_text(_PAGE % require_mermaid().as_uri(), encoding="utf-8")
        self._tab = Tab()
        self._page = page

    def __enter__(self) -> "Mermaid":
        self._tab.__enter__()
        self._tab.navigate(self._page.as_uri())
        self.version = self._call("mermaid.version || ''")
        return self

    def __exit__(self, *exc: object) -> None:
        self._tab.__exit__(*exc)
        self._folder.cleanup()

    def draw(self, text: str) -> dict[str, Any]:
        """What Mermaid draws of ``text``: parsed, error, role, tags, handlers, texts, labels, titles, alerts."""
        return dict(self._call(f"draw({json.dumps(text)})"))

    def diagram(self, text: str) -> dict[str, Any]:
        """Mermaid's reading of ``text``: title, sections and tasks ``[section, name, score, people]``."""
        return dict(self._call(f"diagram({json.dumps(text)})"))

    def _call(self, expression: str) -> Any:
        result = self._tab.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                     "returnByValue": True}, timeout=120)
        if "exceptionDetails" in result:
            raise AssertionError(json.dumps(result["exceptionDetails"])[:800])
        return result["result"].get("value")
