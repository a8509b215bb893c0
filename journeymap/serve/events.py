"""Fan-out of change events to every open Server-Sent Events stream.

Each stream subscribes a bounded queue; :meth:`Events.publish` puts the event into every queue
(a stream too slow to keep up loses events rather than holding the others back);
:meth:`Events.close` wakes every stream so it ends. An event is ``(name, data)``: the name is
empty for the changes SPEC 7 names (``data: <id>``, ``data: *``), else ``checking`` or ``checked``
around a slow journey's check (see :mod:`journeymap.serve.state`).
"""

from __future__ import annotations

import queue
import threading
from typing import Optional

QUEUE_SIZE = 256

#: What a stream is sent: ``(event name, data)``; ``None`` when the server stops.
Event = tuple[str, str]


class Events:
    """The subscribers of the change stream."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queues: set["queue.Queue[Optional[Event]]"] = set()
        self.closed = threading.Event()

    def subscribe(self) -> "queue.Queue[Optional[Event]]":
        """A new queue that receives every event's data (``None`` when the server stops)."""
        q: "queue.Queue[Optional[Event]]" = queue.Queue(QUEUE_SIZE)
        with self._lock:
            self._queues.add(q)
        if self.closed.is_set():
            q.put_nowait(None)
        return q

    def unsubscribe(self, q: "queue.Queue[Optional[Event]]") -> None:
        """Stop delivering to ``q``."""
        with self._lock:
            self._queues.discard(q)

    def publish(self, data: str, name: str = "") -> None:
        """Send ``data`` (a journey id or ``*``; for a named event, what it says) to every subscriber."""
        self._broadcast((name, data))

    def close(self) -> None:
        """Wake every stream with ``None`` so it ends; later subscribers end at once."""
        self.closed.set()
        self._broadcast(None)

    def _broadcast(self, item: Optional[Event]) -> None:
        with self._lock:
            targets = list(self._queues)
        for q in targets:
            try:
                q.put_nowait(item)
            except queue.Full:
                pass  # a stream that stopped reading misses it
