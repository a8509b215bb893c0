"""Slugs: the id form of SPEC section 1 and the default ids derived from names."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_OTHER = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII with accents dropped; each run of other characters becomes ``-``.

    >>> slugify("Contact centre")
    'contact-centre'
    >>> slugify("Café & Crème -- 2nd visit!")
    'cafe-creme-2nd-visit'
    >>> slugify("!!!")
    ''
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _OTHER.sub("-", ascii_text.lower()).strip("-")
    return slug[:64].rstrip("-")


def is_slug(text: str) -> bool:
    """True when ``text`` is a valid id.

    >>> is_slug("call-hotline"), is_slug("Call hotline"), is_slug("-x")
    (True, False, False)
    """
    return bool(_SLUG_RE.match(text))


def file_id(file_name: str) -> str:
    """The default journey id: the file name without ``.journey.yaml``/``.yaml``/``.yml``.

    >>> file_id("Home Claim.journey.yaml")
    'home-claim'
    """
    name = file_name.rsplit("/", 1)[-1]
    for suffix in (".journey.yaml", ".journey.yml", ".yaml", ".yml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return slugify(name) or "journey"
