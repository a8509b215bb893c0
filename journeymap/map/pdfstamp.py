"""Reproducible map PDFs (SPEC 4.3): Cairo's creation date replaced by ``SOURCE_DATE_EPOCH``.

Graphviz draws PDF maps with Cairo, which stamps them with the current time whatever
``SOURCE_DATE_EPOCH`` says (Cairo 1.16). The date is rewritten in place with a string of the
same length, so the cross-reference table's byte offsets stay right.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Mapping, Optional

_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:\d{14}(Z|[+-]\d\d'\d\d')\)")


def source_date(env: Optional[Mapping[str, str]] = None) -> Optional[dt.datetime]:
    """``SOURCE_DATE_EPOCH`` as a UTC time, or None when it is unset or not a whole number."""
    value = (os.environ if env is None else env).get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


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
        zone = b"Z" if match.group(2) == b"Z" else b"+00'00'"
        head = match.group(0)[: match.group(0).index(b"(D:") + 3]
        return head + stamp + zone + b")"

    return _DATE.sub(replace, data)
