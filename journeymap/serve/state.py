"""The journeys a live preview serves: each file's latest result and last good map, by journey id.

Journeys are addressed by id only (results are kept by path, and a request names an id, never a
path), so no request can name a file.
A file is re-read when it changes and re-checked and re-rendered only when its bytes changed;
results are also kept by content hash, so undoing an edit costs nothing. A change to the project
file (``journeymap.yaml``, the shared registry) re-reads every journey under it. A file with errors keeps
its last good map and export, marked stale.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from dataclasses import replace
from pathlib import PurePath
from typing import Callable, Iterable, Optional

from journeymap.findings import Finding
from journeymap.journey.projectfile import PROJECT_FILE_NAMES
from journeymap.journey.slug import file_id, is_slug
from journeymap.journey.regularfile import NotARegularFile, read_regular
from journeymap.pipeline import Checked, check_bytes, discover
from journeymap.outputs import lies_within
from journeymap.serve.addresses import addresses
from journeymap.serve.result import Changes, Result, digest_of, preferred_id
from journeymap.serve.settle import settled

#: Rendering of a usable journey: ``(svg bytes, JSON export)``; raises to report a problem.
Renderer = Callable[[Checked], tuple[bytes, str]]
CACHED = 32
#: How many files gone from the folder keep their last map, for one renamed or put back.
DEPARTED = 16
#: The fewest characters of a file whose map a renamed file of the same bytes takes.
LEAST_BYTES = 64
#: What is kept of a file gone: its bytes' hash, map, export and whether it has LEAST_BYTES.
_Departed = tuple[str, bytes, str, bool]
#: A journey whose check and drawing took this long (seconds) is told to its pages as being
#: checked when it is saved again (``Changes.checked``): a 2,000-touch-point journey took 4 s from
#: a save to its event, and its page said nothing meanwhile (audit BX). A 30-touch-point journey
#: takes a tenth of it, and no more events than SPEC 7's.
SLOW = 1.0
#: A journey file new to the preview this big (bytes) is taken for a slow one: a generated journey
#: of 300 touch-points, checked and drawn in about half a second, has some 100,000.
SLOW_BYTES = 200_000
#: A journey still waiting for its check this long (seconds) after a synchronisation began is told
#: as being checked then, however quick its last check was: a 30-touch-point save, shown within a
#: second (SPEC 7), sends no other event even on a loaded machine.
LATE = 2.0


def render_outputs(checked: Checked) -> tuple[bytes, str]:
    """The map (SVG) and the JSON export of a usable journey, through the Python API."""
    from journeymap.api import export, render

    return render(checked, "svg"), export(checked, "json")


class Workspace:
    """The journeys under one path; :meth:`sync` brings them up to date with the files."""

    def __init__(self, root: str, renderer: Renderer = render_outputs) -> None:
        self.root = root
        self._render = renderer
        self._lock = threading.Lock()
        # Two synchronisations may run at once (a slow journey's beside the others': watch.py):
        # what they share besides the results is kept under this one.
        self._shared = threading.RLock()
        self._beside: set[str] = set()  # the files a synchronisation beside the others is reading
        self._by_path: dict[str, Result] = {}
        self.skipped: tuple[str, ...] = ()
        self._cache: OrderedDict[tuple[str, str], _Outcome] = OrderedDict()
        self._version = 0
        self.renders = 0
        # the results of files gone with a map to keep: a file with errors renamed, or moved away
        # and back (a checkout), kept its last good map no more (audit EJ)
        self._departed: OrderedDict[str, _Departed] = OrderedDict()

    def get(self, journey_id: str) -> Optional[Result]:
        """The result of the journey with this id, or None."""
        with self._lock:
            return next((r for r in self._by_path.values() if r.id == journey_id), None)

    def results(self) -> list[Result]:
        """Every journey's result, in file order."""
        with self._lock:
            return [self._by_path[p] for p in sorted(self._by_path)]

    def set_aside(self, paths: Iterable[str]) -> None:
        """Leave ``paths`` to the synchronisation about to run beside the others (:meth:`sync`)."""
        with self._shared:
            self._beside |= {os.path.abspath(p) for p in paths}

    def slow(self, path: str) -> bool:
        """Whether the journey file ``path`` took :data:`SLOW` seconds or more to check and draw last
        time, or, new here, is as big as one that does: its check runs beside the others'
        (:mod:`.watch`)."""
        with self._lock:
            result = self._by_path.get(os.path.abspath(path))
        if result is not None:
            return result.seconds >= SLOW
        if os.path.basename(path) in PROJECT_FILE_NAMES:
            return False
        try:
            return os.path.getsize(path) >= SLOW_BYTES and path.lower().endswith((".yaml", ".yml"))
        except OSError:
            return False

    def sync(self, changed: Optional[Iterable[str]] = None, checking: Callable[[str], None] = lambda _: None,
             beside: bool = False) -> Changes:
        """Re-discover the journey files and re-read those in ``changed`` (all when None) and new
        ones; ``checking`` is told the id of each slow journey (:data:`SLOW`) as its check begins,
        and of each still waiting for its check :data:`LATE` seconds after this one began. With
        ``beside``, this one runs beside the others for the slow journeys ``changed`` alone: it
        looks for no new file, and the others leave its files to it (review FP: a slow file renamed
        was checked twice, once in the way of the quick ones)."""
        skipped: list[str] = []
        try:
            found = {os.path.abspath(p): p for p in discover([self.root], skipped) if self._inside(p)}
        except FileNotFoundError:
            found = {}
        newly = tuple(p for p in skipped if p not in self.skipped)
        # the index names them: a file left out, added or mended, changes it (audit FL)
        left_out = set(skipped) != set(self.skipped)
        self.skipped = tuple(skipped)
        with self._lock:
            known = dict(self._by_path)
        changed = None if changed is None else list(changed)
        registry = changed is not None and any(os.path.basename(p) in PROJECT_FILE_NAMES for p in changed)
        if registry:
            changed = None  # the registry changed: every journey under it may draw differently
        # by the file each path leads to: a link that sorts first stands for its target, whose saves
        # the watcher reports under the target's own path (review EB)
        saved = set() if changed is None else {os.path.realpath(p) for p in changed}
        wanted = set(found) if changed is None else {k for k in found if os.path.realpath(k) in saved}
        aside = {os.path.abspath(p) for p in changed or ()} | wanted if beside else set()
        with self._shared:
            if beside:
                self._beside |= aside
            else:
                wanted = (wanted | (set(found) - set(known))) - self._beside
        fresh: dict[str, Result] = {}
        told: list[str] = []
        pending = {key: known[key].id for key in sorted(wanted) if key in known}
        guard = threading.Lock()

        def tell(ident: str) -> None:
            with guard:
                if ident in told:
                    return
                told.append(ident)
            checking(ident)

        def late() -> None:
            # still checking after LATE s: a journey made big, every journey under an edited project file (audit CH)
            for ident in list(pending.values()):
                tell(ident)

        timer = threading.Timer(LATE, late)
        timer.daemon = True
        timer.start()
        self._depart({k: r for k, r in known.items() if k not in found})
        settled([found[key] for key in wanted])  # once for them all: a checkout writes forty at once
        try:
            for key in sorted(wanted):
                result = self._load(found[key], known.get(key), tell, key not in known)
                pending.pop(key, None)
                if result is not None:
                    fresh[key] = result
        finally:
            timer.cancel()
            if beside:
                with self._shared:
                    self._beside -= aside
        with self._lock:
            before = {k: r.id for k, r in self._by_path.items()}
            # and those a synchronisation running beside this one added meanwhile; not a file gone
            # since this one looked (its folder moved away: review FP, it came back as a ghost)
            kept = {k: r for k, r in self._by_path.items() if k in found or k not in known}
            kept.update((k, r) for k, r in fresh.items() if os.path.isfile(k))
            served = addresses({k: preferred_id(r) for k, r in kept.items()}, before, self.root)
            self._by_path = {k: r if served[k] == r.id else replace(r, id=served[k]) for k, r in sorted(kept.items())}
            after = {k: r.id for k, r in self._by_path.items()}
            # A project file's change is told to each journey whose result changed, and to those
            # whose pages quote it (a finding in it); a comment edited told every journey (audit DQ).
            ids = tuple(self._by_path[k].id for k in sorted(fresh) if k not in known
                        or known[k].shown != fresh[k].shown or registry and fresh[k].quotes_elsewhere)
        return Changes(ids, listing=before != after or left_out, skipped=newly, checked=tuple(told))

    def _inside(self, path: str) -> bool:
        """The file really lies under PATH (a symbolic link out of it is not served)."""
        return not os.path.isdir(self.root) or lies_within(path, self.root)

    def _depart(self, gone: dict[str, Result]) -> None:
        """Keep the maps of the files ``gone`` (by path), the latest :data:`DEPARTED` of them: their
        bytes' hash, map and export alone (a result holds its file and analysis, megabytes)."""
        with self._shared:
            for key, result in gone.items():
                if result.drawn is not None:
                    self._departed.pop(key, None)
                    self._departed[key] = (result.digest, *result.drawn, len(result.source) >= LEAST_BYTES)
            while len(self._departed) > DEPARTED:
                self._departed.popitem(last=False)

    def _arrived(self, path: str, digest: str) -> Optional[tuple[bytes, str]]:
        """The map and export a file new here takes from one gone (:meth:`_depart`), taken once: of
        its path (moved away and back), else of the one file gone with the same bytes (renamed), not
        of a file of a few bytes (an emptied file's map went to the next new one: review ER)."""
        with self._shared:
            taken = path if path in self._departed else None
            if taken is None:
                same = [k for k, (d, *_, whole) in self._departed.items() if d == digest and whole]
                taken = same[0] if len(same) == 1 else None
            if taken is None:
                return None
            _, svg, export, _ = self._departed.pop(taken)
        return svg, export

    def _load(self, path: str, old: Optional[Result], tell: Callable[[str], None] = lambda _: None,
              new: bool = False) -> Optional[Result]:
        """The new result of ``path``, or None when it cannot be read or its bytes did not change;
        ``tell`` is given its id first when its last check was slow and this one is not cached.
        A file ``new`` here takes the last map of one gone, where it has errors, as stale
        (:meth:`_arrived`)."""
        try:
            data = read_regular(path)  # the size limit, and never a FIFO swapped in after the scan
        except (FileNotFoundError, NotARegularFile):
            return None  # gone, or swapped for a FIFO, since the scan: the next scan drops it
        except OSError as exc:
            return self._unreadable(path, old, exc)
        digest = digest_of(path, data)
        if old is not None and old.digest == digest and old.problem is None:
            return None  # unchanged (a save whose map failed is tried again)
        with self._shared:
            cached = (path, digest) in self._cache
        if old is not None and old.seconds >= SLOW and not cached:
            tell(old.id)
        checked, svg, export, problem, seconds = self._outputs(path, digest, data)
        source = data.decode("utf-8", errors="replace")
        drawn = (svg, export) if svg is not None and export is not None else None
        last = self._arrived(path, digest) if new and drawn is None else None  # else old's, in _result
        return self._result(path, digest, source, checked, old, drawn, problem, seconds, last)

    def _unreadable(self, path: str, old: Optional[Result], exc: OSError) -> Optional[Result]:
        """A file found but not readable (its permissions): an error on its page, as ``check``
        reports it, its last map kept and marked stale. It was left out without a word, or its
        last version shown as up to date (audit BX)."""
        why = exc.strerror or str(exc)
        digest = f"unreadable: {why}"
        if old is not None and old.digest == digest:
            return None
        found = Finding("E001", f"cannot read the file: {why}; journeymap needs to read it (check its permissions)",
                        path, 1, 1)
        return self._result(path, digest, "", Checked(path, None, None, (found,)), old, None)

    def _result(self, path: str, digest: str, source: str, checked: Checked, old: Optional[Result],
                drawn: Optional[tuple[bytes, str]], problem: Optional[str] = None, seconds: float = 0.0,
                last: Optional[tuple[bytes, str]] = None) -> Result:
        """A new result: named by its journey, else as it was, else by its file; without a map and
        export ``drawn`` now, the last ones kept (``last``; by default ``old``'s), marked stale
        (``seconds``: its check took)."""
        with self._shared:
            self._version += 1
            version = self._version
        journey = checked.journey
        # new here with errors (renamed while it had them): by its file's id and title (audit CH)
        declared_id, declared_title = checked.declared
        journey_id = journey.id if journey is not None else old.id if old is not None else \
            declared_id if declared_id and is_slug(declared_id) else file_id(PurePath(path).name)
        title = journey.title if journey is not None else old.title if old is not None else \
            declared_title or PurePath(path).name
        if drawn is not None:
            return Result(journey_id, path, title, digest, source, checked, *drawn, version=version,
                          seconds=seconds)
        if last is None and old is not None:
            last = old.drawn
        last_svg, last_json = last if last is not None else (None, None)
        return Result(journey_id, path, title, digest, source, checked, last_svg, last_json,
                      stale=last_svg is not None, problem=problem, version=version, seconds=seconds)

    def _outputs(self, path: str, digest: str, data: bytes) -> _Outcome:
        """Check and render, or take the result from the cache of recent contents."""
        key = (path, digest)
        with self._shared:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        start = time.perf_counter()
        checked = check_bytes(data, path)
        svg, export, problem = None, None, None
        if checked.ok:
            try:
                self.renders += 1
                svg, export = self._render(checked)
            except Exception as exc:  # noqa: BLE001 - any failure is shown on the page, the server lives on
                problem = str(exc) or type(exc).__name__
        outcome = (checked, svg, export, problem, time.perf_counter() - start)
        if problem is None:
            with self._shared:
                self._cache[key] = outcome
                while len(self._cache) > CACHED:
                    self._cache.popitem(last=False)
        return outcome


#: What a check and drawing gives: the checked journey, map, JSON export, problem and seconds taken.
_Outcome = tuple[Checked, Optional[bytes], Optional[str], Optional[str], float]
