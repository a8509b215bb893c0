"""The live preview wired together: workspace, watcher, event fan-out and HTTP server.

The command line runs :meth:`Preview.serve_forever` in the main thread; tests run it in a
thread and call :meth:`Preview.close`.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional

from journeymap.serve.events import Events
from journeymap.serve.server import PreviewServer
from journeymap.serve.result import Changes
from journeymap.serve.state import Renderer, Workspace, render_outputs
from journeymap.serve.home import Home
from journeymap.serve.watch import start_watching


def _ignore(_value: object) -> None:
    return None


class Preview:
    """A live preview of the journeys under ``root``; raises ``OSError`` when it cannot listen."""

    def __init__(self, root: str, host: str = "127.0.0.1", port: int = 8000, *,
                 renderer: Renderer = render_outputs,
                 on_change: Callable[[Changes], None] = _ignore,
                 on_error: Callable[[Exception], None] = _ignore) -> None:
        self.workspace = Workspace(root, renderer)
        self.events = Events()
        self.home = Home()  # PATH is read from it (watch.Home)
        # Listening first: a port in use is told at once, not after every journey is rendered
        # (review BM); requests wait in the socket's queue until serving begins.
        self.server = PreviewServer((host, port), self.workspace, self.events, self.home)
        try:
            self.workspace.sync()
        except BaseException:
            self.server.server_close()
            raise
        self._stop = threading.Event()
        self._on_change = on_change
        self._on_error = on_error
        self._serving: Optional[threading.Thread] = None  # the thread that serves, once it does
        self._watcher: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        return self.server.url

    def _changed(self, changes: Changes) -> None:
        self._on_change(changes)
        for data in changes.events():
            self.events.publish(data)
        for ident in changes.checked:
            self.events.publish(f"checked {ident}", "checked")

    def _checking(self, ident: str) -> None:
        self.events.publish(f"checking {ident}", "checking")

    def watch(self) -> None:
        """Start watching the files (in a thread)."""
        if self._watcher is None:
            self._watcher = start_watching(self.workspace, self._changed, self._on_error, self._stop, self._checking,
                                           self.home)

    def serve_forever(self) -> None:
        """Watch and serve until :meth:`close` (from another thread) or an interrupt."""
        self.watch()
        self._serving = threading.current_thread()
        self.server.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        """Stop watching, end the event streams, stop serving and free the port."""
        self._stop.set()
        self.events.close()
        self.server.stopping.set()
        # From the serving thread itself (Ctrl-C ended serve_forever there), serving is over: asking
        # it to shut down waits for a loop that never ran when the interrupt came before it began.
        if self._serving is not None and self._serving is not threading.current_thread():
            self.server.shutdown()
        self.server.server_close()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
