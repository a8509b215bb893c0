"""The day our outputs are dated: ``SOURCE_DATE_EPOCH``'s where it is set (reproducible builds,
SPEC 4.3), else today, and how a page prints a day."""

from __future__ import annotations

import datetime as dt
import os
from typing import Mapping, Optional


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
