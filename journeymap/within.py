"""The one test of every folder journeymap keeps to: the journeys found in a folder, the files the
live preview serves and reads, a team's templates, the files a briefing may use."""

from __future__ import annotations

import os
from typing import Union

PathLike = Union[str, "os.PathLike[str]"]


def lies_within(path: PathLike, root: PathLike) -> bool:
    """Whether ``path``, its symbolic links followed, is ``root`` or lies under it (``root``'s
    links followed too). A path on another drive, or one that cannot be resolved, lies within
    nothing. (Five copies of this test, written three ways, differed on links and relative roots:
    review BM.)

    >>> lies_within("/srv/maps/a.journey.yaml", "/srv/maps"), lies_within("/srv/maps-old/a", "/srv/maps")
    (True, False)
    """
    try:
        top = os.path.realpath(root)
        return os.path.commonpath([top, os.path.realpath(path)]) == top
    except (OSError, ValueError):
        return False
