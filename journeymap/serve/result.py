"""What the live preview knows of one journey file (:class:`Result`) and of one synchronisation
(:class:`Changes`), and the hash a file's result is kept by."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from journeymap.journey.project import find_project
from journeymap.journey.regularfile import read_regular
from journeymap.journey.yamlparse import source_lines
from journeymap.pipeline import Checked


#: Lines a journey's page quotes above and below a finding's line (:func:`journeymap.serve.pages.snippet`).
CONTEXT_LINES = 2


@dataclass(frozen=True)
class Result:
    """What the preview knows about one journey file."""

    id: str
    path: str
    title: str
    digest: str
    source: str
    checked: Checked
    svg: Optional[bytes] = None
    json: Optional[str] = None
    stale: bool = False
    problem: Optional[str] = None
    version: int = 0
    #: How long its check and drawing took, in seconds (taken from the cache: how long they took then).
    seconds: float = 0.0

    @property
    def map_version(self) -> str:
        """A short hash of the map served now ('' when there is none)."""
        return hashlib.sha256(self.svg).hexdigest()[:16] if self.svg is not None else ""

    @property
    def drawn(self) -> Optional[tuple[bytes, str]]:
        """Its map and JSON export, where it has both (a file with errors keeps its last ones)."""
        return (self.svg, self.json) if self.svg is not None and self.json is not None else None

    @property
    def errors(self) -> int:
        """The number of error findings."""
        return sum(1 for f in self.checked.findings if f.is_error)

    @property
    def warnings(self) -> int:
        """The number of warning findings."""
        return sum(1 for f in self.checked.findings if not f.is_error)

    @cached_property
    def lang(self) -> Optional[str]:
        """The language of the journey's own words where it is not English (the pages'), else None:
        its title is marked with it (audit FQ: a screen reader read a Japanese title as English)."""
        from journeymap.journey.language import foreign_language

        journey = self.checked.journey
        return foreign_language(journey) if journey is not None else None

    @cached_property
    def shown(self) -> tuple[object, ...]:
        """What the journey's page shows of this result: its title, map, data, findings and notes,
        and the lines of its file it quotes around them. A save of the journey that changes none
        of it (a comment added where no finding quotes it) is no new result and sends no event
        (SPEC 7: audit AI); nor does one of the project file, unless the page quotes it
        (:attr:`quotes_elsewhere`, audit AK). Worked out once a result: each save compares it with
        the last one's."""
        lines = source_lines(self.source)
        notes = tuple(self.checked.notes)
        quoted = tuple(tuple(lines[max(0, line - 1 - CONTEXT_LINES):line + CONTEXT_LINES])
                       for line in [f.line for f in self.checked.findings if f.path == self.path]
                       + [n.line for n in notes])
        return (self.title, self.svg, self.json, self.stale, self.problem, self.checked.findings, notes, quoted)

    @property
    def quotes_elsewhere(self) -> bool:
        """Whether its page quotes another file: the project file, around a finding in it."""
        return any(f.path != self.path for f in self.checked.findings)


@dataclass(frozen=True)
class Changes:
    """What one synchronisation changed: journey ids whose result changed, and the listing."""

    ids: tuple[str, ...] = ()
    listing: bool = False
    #: Journey-named links out of PATH the scan left out, newly (``check`` notes them; the preview
    #: dropped them without a word: audit BX).
    skipped: tuple[str, ...] = ()
    #: The ids told as being checked while this synchronisation ran (see :data:`SLOW`): each is
    #: told checked at its end, whether or not its result changed.
    checked: tuple[str, ...] = ()

    def events(self) -> list[str]:
        """The Server-Sent Events data to send: ``*`` for the listing, then each id."""
        return (["*"] if self.listing else []) + list(self.ids)


def digest_of(path: str, data: bytes) -> str:
    """A hash of the journey's bytes and of the project file that applies to it (its registry)."""
    digest = hashlib.sha256(data)
    project = find_project(path)
    if project is not None:
        try:
            digest.update(b"\0" + read_regular(project))
        except OSError:
            digest.update(b"\0unreadable project file")
    return digest.hexdigest()


def preferred_id(result: Result) -> str:
    """The id a journey asks for: its file's ``id:`` (or the one made from its name)."""
    return result.checked.journey.id if result.checked.journey is not None else result.id
