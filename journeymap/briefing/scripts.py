"""The HTML briefing's one script (pan and zoom) and the policy that lets only it run.

The script is ours, inlined (the briefing works offline). Its page carries a
Content-Security-Policy that allows no outside load and runs no script but ours, by its hash: a
second wall behind the escaping of user text, for a file people open from their disk.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache

from journeymap.resources import templates_root

_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@lru_cache(maxsize=4)
def inline_script(*names: str) -> str:
    """Our scripts under ``templates/`` (``names``), joined, to be inlined in a ``<script>``: a
    ``</`` in them would end the element, so it is written ``<\\/`` (the same to JavaScript)."""
    root = templates_root()
    return "\n".join((root / name).read_text(encoding="utf-8") for name in names).replace("</", "<\\/")


def script_source(script: str) -> str:
    """The Content-Security-Policy source that lets the inline ``script`` run: its SHA-256 hash."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode('utf-8')).digest()).decode('ascii')}'"


def panzoom_script() -> str:
    """Our pan-and-zoom script (``templates/panzoom.js``) and the one that copies text without
    its soft hyphens (``templates/softcopy.js``), for inlining into the HTML briefing."""
    return inline_script("panzoom.js", "softcopy.js")


def copy_script() -> str:
    """The script that copies text without its soft hyphens (``templates/softcopy.js``), for a
    page that has no other (the portfolio)."""
    return inline_script("softcopy.js")


@lru_cache(maxsize=1)
def trusted_scripts() -> frozenset[str]:
    """The inline scripts our packaged briefing templates write, character for character, as the
    finished page holds them: each ``<script>`` of their source filled in as the briefing fills it
    (with our pan-and-zoom script). The cleaner keeps a team's page's scripts only if they are these.
    """
    from jinja2 import Environment
    from markupsafe import Markup

    fill = {"panzoom": Markup(panzoom_script())}
    environment = Environment(autoescape=True, keep_trailing_newline=True)  # as the text sits in the page
    found: set[str] = set()
    for path in sorted((templates_root() / "briefing").glob("*.j2")):
        for source in _SCRIPT.findall(path.read_text(encoding="utf-8")):
            found.add(environment.from_string(source).render(fill))
    return frozenset(found)


#: The Content-Security-Policy of a page of ours with no script (the portfolio on screen).
NO_SCRIPT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def content_policy() -> str:
    """The HTML briefing's Content-Security-Policy: nothing loaded from outside the file, styles
    inline, images as ``data:``, and only our scripts run."""
    hashes = " ".join(script_source(s) for s in sorted(trusted_scripts()))
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def with_policy(html: str) -> str:
    """``html`` (a cleaned page: the cleaner wrote its tags, and dropped every ``http-equiv``, a
    team's and ours alike) with our policy first in its head, whatever the head's attributes.
    A page without a head (the parser always makes one) gets the policy first of all."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_policy()}">'
    match = _HEAD.search(html)
    if match is None:
        return meta + "\n" + html
    return f"{html[:match.end()]}\n{meta}{html[match.end():]}"
