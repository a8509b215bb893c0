"""The current folder the live preview began in, gone back into when it is removed and made again."""

from __future__ import annotations

import os
from typing import Optional


def folder_identity(folder: str) -> Optional[tuple[int, int]]:
    """The folder's device and inode, None when it is not there: a folder removed and made again
    is another folder, whose changes the old watch never sees."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return (found.st_dev, found.st_ino) if os.path.isdir(folder) else None


class Home:
    """The current folder the preview began in, by its path and as the folder it is: ``serve .``
    went on in it once removed, found no journey in the one made again and failed every request
    (the current folder's path could not be read) until restarted (audit FL)."""

    def __init__(self) -> None:
        try:
            self.path: Optional[str] = os.getcwd()
        except FileNotFoundError:  # begun in a folder removed already: an absolute PATH serves (review FP)
            self.path = None
        self._identity = folder_identity(".")

    def reenter(self) -> None:
        """Back into the folder by its path where it was removed and made again; nothing while it
        is there, or where the current folder removed is another preview's (tests run several in
        one process, and the current folder is the process's)."""
        if self.path is None:
            return
        try:
            os.getcwd()
            return
        except FileNotFoundError:
            pass
        try:
            gone = os.stat(".")
        except OSError:
            return
        if (gone.st_dev, gone.st_ino) != self._identity:
            return
        try:
            os.chdir(self.path)
        except OSError:
            return  # not made again yet
        self._identity = folder_identity(".")


def reenter(home: Optional[Home]) -> None:
    """:meth:`Home.reenter` of ``home``, if any."""
    if home is not None:
        home.reenter()
