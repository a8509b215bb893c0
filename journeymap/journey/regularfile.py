"""A file read only when it is a regular one: a FIFO, device or socket named as a journey or a
project file would block or never end, and is refused instead (:class:`NotARegularFile`)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Union

from journeymap.journey.reader import MAX_BYTES


class NotARegularFile(OSError):
    """A journey path names a FIFO, a device or a socket: reading it could block or never end."""


def read_regular(path: Union[str, Path], limit: int = MAX_BYTES + 1, *, follow: bool = True) -> bytes:
    """At most ``limit`` bytes of the regular file ``path`` (``follow``: through a symbolic link;
    without, a link raises OSError, as a file a build wrote itself is never one).

    Opened without blocking and checked on the open file (no race with a swapped path): a FIFO,
    device or socket raises :class:`NotARegularFile` instead of hanging or reading forever.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except ValueError as exc:  # a NUL in the path: no file can have that name
        raise FileNotFoundError(errno.ENOENT, f"no file can have this name ({exc})", str(path)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a FIFO" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else \
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"
            raise NotARegularFile(errno.EINVAL, f"it is {what}, not a journey file; "
                                  "name a regular file, or - to read standard input", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return handle.read(limit)
    finally:
        if fd >= 0:
            os.close(fd)
