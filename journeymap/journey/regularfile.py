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


def open_regular(path: Union[str, Path], flags: int = os.O_RDONLY, *, follow: bool = True, mode: int = 0o644) -> int:
    """A descriptor of the regular file ``path``, opened with ``flags`` (``follow``: through a
    symbolic link; without, a link raises OSError, as a file a build wrote itself is never one).

    Opened without blocking and checked on the open file (no race with a swapped path): a FIFO,
    device or socket raises :class:`NotARegularFile` instead of hanging or reading forever; the
    descriptor blocks again once it is known to be a file.
    """
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags, mode)
    except ValueError as exc:  # a NUL in the path: no file can have that name
        raise FileNotFoundError(errno.ENOENT, f"no file can have this name ({exc})", str(path)) from exc
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            what = "a FIFO" if stat.S_ISFIFO(kind) else "a folder" if stat.S_ISDIR(kind) else \
                "a device" if stat.S_ISCHR(kind) or stat.S_ISBLK(kind) else "not a regular file"
            raise NotARegularFile(errno.EINVAL, f"it is {what}, not a journey file; "
                                  "name a regular file, or - to read standard input", str(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Union[str, Path], limit: int = MAX_BYTES + 1, *, follow: bool = True) -> bytes:
    """At most ``limit`` bytes of the regular file ``path`` (:func:`open_regular`)."""
    with os.fdopen(open_regular(path, follow=follow), "rb") as handle:
        return handle.read(limit)
