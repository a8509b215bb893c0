"""Map PDFs as Cairo does not make them: reproducible and titled.

Graphviz draws PDF maps with Cairo, which stamps them with the current time whatever
``SOURCE_DATE_EPOCH`` says (Cairo 1.16). The date is rewritten in place with a string of the
same length, so the cross-reference table's byte offsets stay right (SPEC 4.3). Cairo gives
them no title either (a viewer showed the file's name, and the list of open documents nothing):
:func:`with_title` adds one in an incremental update, the PDF format's own way of changing a
finished file. Written by hand, not with a PDF library: it is the one object we add, and the
bytes before it stay exactly as Cairo wrote them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Mapping, Optional

#: A PDF date as Cairo writes it: ``Z`` in UTC, else its offset, ``+01'00`` (Cairo 1.16, whose
#: closing apostrophe PDF 1.7 asks for and 2.0 leaves out) or ``+01'00'``.
_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:\d{14}(Z|[+-]\d\d'\d\d'?)\)")


def source_date(env: Optional[Mapping[str, str]] = None) -> Optional[dt.datetime]:
    """``SOURCE_DATE_EPOCH`` as a UTC time, or None when it is unset or not a whole number."""
    value = (os.environ if env is None else env).get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def long_date(day: dt.date) -> str:
    """A day as outputs print it: ``14 November 2023``.

    >>> long_date(dt.date(2023, 11, 4))
    '4 November 2023'
    """
    return f"{day.day} {day:%B %Y}"


def source_day(env: Optional[Mapping[str, str]] = None) -> dt.date:
    """The day outputs are dated: ``SOURCE_DATE_EPOCH``'s (UTC) when it is set and valid, else today."""
    when = source_date(env)  # None as well for a number past the calendar's end (it raised)
    return when.date() if when is not None else dt.date.today()


def stamp_pdf_dates(data: bytes, env: Optional[Mapping[str, str]] = None) -> bytes:
    """``data`` with its PDF dates set to ``SOURCE_DATE_EPOCH`` (unchanged when it is not set)."""
    when = source_date(env)
    stamp = when.strftime("%Y%m%d%H%M%S").encode("ascii") if when else b""
    if len(stamp) != 14:  # unset, or a year past 9999
        return data

    def replace(match: re.Match[bytes]) -> bytes:
        # The same length as the zone it replaces, so no byte offset of the file moves.
        zone = b"Z" if match.group(2) == b"Z" else b"+00'00" + b"'" * match.group(2).endswith(b"'")
        head = match.group(0)[: match.group(0).index(b"(D:") + 3]
        return head + stamp + zone + b")"

    return _DATE.sub(replace, data)


_TRAILER = re.compile(rb"trailer\s*<<(?P<body>.*?)>>\s*startxref\s+(?P<xref>\d+)\s+%%EOF\s*$", re.S)
_REF = rb"/%s\s+(\d+)\s+0\s+R"


def with_title(data: bytes, title: str) -> bytes:
    """``data`` (a PDF as Cairo writes it) with ``title`` in its document information, added as
    an incremental update; unchanged when its trailer is not the plain one Cairo writes, or when
    it has a title already."""
    trailer = _TRAILER.search(data)
    if trailer is None:
        return data
    body = trailer.group("body")
    size, root, info = (re.search(rb"/Size\s+(\d+)", body), re.search(_REF % b"Root", body),
                        re.search(_REF % b"Info", body))
    if size is None or root is None or info is None:
        return data
    number = int(info.group(1))
    old = re.search(rb"(?<![0-9])%d 0 obj\s*<<(?P<entries>.*?)>>\s*endobj" % number, data, re.S)
    if old is None or b"/Title" in old.group("entries"):
        return data  # titled already (a later Cairo may title its PDFs): left as it is
    entries = old.group("entries")
    # A text string in UTF-16 with its byte order mark: any script, no escaping to get wrong.
    text = ("\ufeff" + " ".join(title.split())).encode("utf-16-be").hex().upper().encode("ascii")
    start = len(data) + 1  # after the newline that separates the update from the file
    obj = b"%d 0 obj\n<<%s\n   /Title <%s>\n>>\nendobj\n" % (number, entries.rstrip(), text)
    xref = start + len(obj)
    update = (obj + b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %s /Root %s 0 R /Info %d 0 R /Prev %s >>\n"
              b"startxref\n%d\n%%%%EOF\n" % (number, start, size.group(1), root.group(1), number,
                                               trailer.group("xref"), xref))
    return data + b"\n" + update
