"""Slugs: the id form of SPEC section 1 and the default ids derived from names."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_SLUG_RE = re.compile(SLUG_PATTERN)
_OTHER = re.compile(r"[^a-z0-9]+")


def _transliterate(text: str) -> str:
    """ASCII for ``text`` (anyascii); each Chinese character is one syllable, set apart; emoji
    and other pictographs are left out rather than spelt as ``:tada:``."""
    if text.isascii():
        return text
    from anyascii import anyascii  # its import (with importlib.resources) costs start-up 4 ms

    parts = []
    for char in unicodedata.normalize("NFC", text):
        if char.isascii():
            parts.append(char)
            continue
        if unicodedata.category(char) == "So":
            parts.append(" ")
            continue
        latin = anyascii(char)
        if latin and unicodedata.name(char, "").startswith("CJK "):
            latin = f" {latin} "
        parts.append(latin)
    return "".join(parts)


def slugify(text: str) -> str:
    """Lower-case ASCII, transliterated; each run of other characters becomes ``-``.

    Any script gives an id: when transliteration yields nothing for a name that has letters or
    digits, the id is a stable one made from a hash of the name. Only a name without any
    letter or digit gives ``''``.

    >>> slugify("Contact centre")
    'contact-centre'
    >>> slugify("Café & Crème -- 2nd visit!")
    'cafe-creme-2nd-visit'
    >>> slugify("Служба поддержки"), slugify("客服中心"), slugify("Straße")
    ('sluzhba-podderzhki', 'ke-fu-zhong-xin', 'strasse')
    >>> slugify("\U00012000")  # a cuneiform sign: no transliteration, a stable hashed id
    'id-d1f85d22c0'
    >>> slugify("!!!")
    ''
    """
    slug = _OTHER.sub("-", _transliterate(text).lower()).strip("-")[:64].rstrip("-")
    if not slug and any(char.isalnum() for char in text):
        import hashlib  # rare (no transliteration), and hashlib costs every start-up 2 ms

        digest = hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()
        slug = f"id-{digest[:10]}"
    return slug


def is_slug(text: str) -> bool:
    r"""True when ``text`` is a valid id.

    >>> is_slug("call-hotline"), is_slug("Call hotline"), is_slug("-x"), is_slug("billing\n")
    (True, False, False, False)
    """
    return bool(_SLUG_RE.fullmatch(text))  # (match let a last newline through: `$`)


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
