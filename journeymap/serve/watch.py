"""Watch the files under PATH with ``watchfiles`` and bring the workspace up to date on each save.

The watcher runs in a thread; each batch of file-system changes (gathered for a few tens of
milliseconds, so an editor's write-and-rename counts once) leads to one :meth:`Workspace.sync`
of the paths that changed, and its :class:`Changes` go to ``on_change``.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

from journeymap.serve.state import Changes, Workspace

DEBOUNCE_MS = 50
STEP_MS = 20


def watched_folder(root: str) -> str:
    """The folder to watch: PATH itself, or the folder holding it when PATH is a file."""
    path = os.path.abspath(root)
    return path if os.path.isdir(path) else os.path.dirname(path)


def start_watching(workspace: Workspace, on_change: Callable[[Changes], None],
                   on_error: Callable[[Exception], None], stop: threading.Event) -> threading.Thread:
    """Start the watcher thread; it ends soon after ``stop`` is set."""
    from watchfiles import DefaultFilter, watch

    def run() -> None:
        try:
            for batch in watch(watched_folder(workspace.root), watch_filter=DefaultFilter(),
                               debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=stop, raise_interrupt=False):
                try:
                    changes = workspace.sync(path for _, path in batch)
                except Exception as exc:  # noqa: BLE001 - a failed sync is reported, watching goes on
                    on_error(exc)
                    continue
                if changes.events():
                    on_change(changes)
        except Exception as exc:  # noqa: BLE001 - e.g. the folder vanished: report it, serve what we have
            on_error(exc)

    thread = threading.Thread(target=run, name="journeymap-watch", daemon=True)
    thread.start()
    return thread
