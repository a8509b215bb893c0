"""Watch the files under PATH with ``watchfiles`` and bring the workspace up to date on each save.

The watcher runs in a thread; each batch of file-system changes (gathered for a few tens of
milliseconds, so an editor's write-and-rename counts once) leads to one :meth:`Workspace.sync`
of the paths that changed, and its :class:`Changes` go to ``on_change``. The project file that
applies to PATH may lie above it (SPEC 1.2: the nearest one up the tree); its folder is watched
too, not recursively and for project files alone, so an edit of the registry redraws the maps.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, Optional

from journeymap.journey.project import find_project
from journeymap.journey.projectfile import PROJECT_FILE_NAMES
from journeymap.serve.home import Home, folder_identity, reenter
from journeymap.serve.result import Changes
from journeymap.serve.state import Workspace

DEBOUNCE_MS = 50
STEP_MS = 20
#: How long the watcher waits, once started, before it reads every file again (see ``watch_once``).
RESYNC_MS = 300


def serves_one_file(root: str) -> bool:
    """Whether the preview serves one journey file (it may be gone a while: a checkout), not a
    folder: its index and messages name a file (audit EJ)."""
    return not os.path.isdir(root) and root.lower().endswith((".yaml", ".yml"))


def watched_folder(root: str) -> str:
    """The folder to watch: PATH itself, or the folder holding it when PATH is a file."""
    path = os.path.abspath(root)
    return path if os.path.isdir(path) else os.path.dirname(path)


def project_folder_above(root: str) -> Optional[str]:
    """The folder of the project file that applies to PATH when it lies above PATH's folder, else None."""
    folder = watched_folder(root)
    found = find_project(folder)
    if found is None:
        return None
    above = os.path.dirname(os.path.abspath(found))
    return None if above == folder else above


class WatchNotice(Exception):
    """Not a failure: what the watcher tells the person running the preview (a folder removed, back)."""


def _is_project_file(_change: object, path: str) -> bool:
    return os.path.basename(path) in PROJECT_FILE_NAMES


def start_watching(workspace: Workspace, on_change: Callable[[Changes], None],
                   on_error: Callable[[Exception], None], stop: threading.Event,
                   on_checking: Callable[[str], None] = lambda _: None,
                   home: Optional[Home] = None) -> threading.Thread:
    """Start the watcher thread (and one for a project file above PATH); they end soon after
    ``stop`` is set. ``on_checking`` is told a slow journey's id as its check begins; ``home`` is
    the current folder the preview began in (:func:`reenter`)."""
    from watchfiles import DefaultFilter, watch

    syncing = threading.Lock()  # one synchronisation at a time, whichever watcher saw the change
    # A failed read loses the changes it was given: the next reads every file again (review EN:
    # those files stayed stale until saved again).
    failed = threading.Event()

    beside = threading.Lock()  # the slow journeys' synchronisations, one at a time, beside the others'

    def sync(paths: Optional[list[str]]) -> None:
        reenter(home)  # PATH may be relative to it
        if paths is not None and not failed.is_set():
            # A journey whose last check took a second or more is checked beside the others: a
            # 30-touch-point save waited 3 s behind a 2,000-touch-point one saved just before (audit FL).
            slow = [p for p in paths if workspace.slow(p)]
            if slow:
                workspace.set_aside(slow)  # before a quick one may begin: theirs alone
                threading.Thread(target=sync_slow, args=(slow,), name="journeymap-watch-slow", daemon=True).start()
                paths = [p for p in paths if p not in slow]
                if not paths:
                    return
        full = paths is None or failed.is_set()
        report(lambda: workspace.sync(None if full else paths, on_checking), syncing, whole=full)

    def sync_slow(paths: list[str]) -> None:
        report(lambda: workspace.sync(paths, on_checking, beside=True), beside, whole=False)

    def report(synchronise: Callable[[], Changes], lock: threading.Lock, whole: bool) -> None:
        """Run one synchronisation under ``lock`` and tell what it changed. A failure makes the
        next one whole, and only a ``whole`` one that succeeds ends that (review FP: a slow
        journey's success cleared a quick one's failure, whose changes were lost)."""
        try:
            with lock:
                changes = synchronise()
                if whole:
                    failed.clear()
        except Exception as exc:  # noqa: BLE001 - a failed sync is reported, watching goes on
            # said as such: "watching stopped" was printed, and watching went on (review EM)
            failed.set()
            on_error(WatchNotice(f"could not read the changes ({type(exc).__name__}: {exc}); still watching"))
            return
        if changes.events() or changes.skipped or changes.checked:
            on_change(changes)

    def watch_once(folder: str, recursive: bool, keep: Callable[[object, str], bool]) -> None:
        """Watch ``folder`` until ``stop``, or until it is removed or replaced (its watch dies with it)."""
        # A save made while the first scan ran (seconds on a big folder) came before the watcher,
        # and its page showed the old map until the next save: once watching, the
        # first batch, or the first quiet RESYNC_MS, reads every file again (only changed bytes redraw).
        caught_up = not recursive
        itself = folder_identity(folder)
        # a journey file served alone: its folder, not every folder under it (the home folder's, say)
        deep = recursive and os.path.isdir(workspace.root)
        for batch in watch(folder, watch_filter=keep, recursive=deep, debounce=DEBOUNCE_MS, step=STEP_MS,
                           stop_event=stop, raise_interrupt=False, rust_timeout=RESYNC_MS, yield_on_timeout=True):
            if folder_identity(folder) != itself:
                sync(None)  # gone: its pages say so
                return
            if not batch and caught_up:
                continue
            paths = None if not caught_up else [path for _, path in batch]
            caught_up = True
            sync(paths)

    def run(folder: str, recursive: bool, keep: Callable[[object, str], bool]) -> None:
        # ``rm -rf maps && git checkout maps`` ended the folder's watch for good, and the preview
        # served nothing until restarted (audit BX): it waits for the folder and watches it again.
        try:
            while not stop.is_set():
                if folder_identity(folder) is not None:
                    try:
                        watch_once(folder, recursive, keep)  # until stopped, or the folder is removed or replaced
                    except FileNotFoundError:
                        if folder_identity(folder) is not None:
                            raise
                        sync(None)  # removed before its watch began (a CI run under load): told as gone
                    continue
                on_error(WatchNotice(f"{folder} was removed; watching for it to come back"))
                while folder_identity(folder) is None and not stop.wait(RESYNC_MS / 1000):
                    pass
                if not stop.is_set():
                    on_error(WatchNotice(f"{folder} is back; watching it again"))
                    sync(None)
        except Exception as exc:  # noqa: BLE001 - e.g. too many watches: report it, serve what we have
            on_error(exc)

    above = project_folder_above(workspace.root)
    if above is not None:
        threading.Thread(target=run, args=(above, False, _is_project_file), name="journeymap-watch-project",
                         daemon=True).start()
    thread = threading.Thread(target=run, args=(watched_folder(workspace.root), True, DefaultFilter()),
                              name="journeymap-watch", daemon=True)
    thread.start()
    return thread
