"""A note ``check`` prints about a valid journey's file, at a line and column: not a finding (the
file is valid), something its author may want to change."""

from __future__ import annotations

from msgspec import Struct


class FileNote(Struct, frozen=True):
    """Where in the file (``line`` and ``column``: its element's) and what the note says."""

    line: int
    column: int
    text: str

    def message(self) -> str:
        """The note, as ``check`` prints it after the file's position."""
        return self.text
