"""Benchmark: ``journeymap serve``, from a save to the new map (SPEC 7: within a second at 30 touch-points).

For journeys of 30, 100 and 300 touch-points, saves a changed file N times and times, per save,
the Server-Sent Event arriving and then the new SVG fetched (a browser adds its own fetch and
DOM swap on top: the Chromium test prints that figure). Run: python bench/bench_serve.py
"""

from __future__ import annotations

import os
import queue
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.generate import generate_journey  # noqa: E402

SAVES = 5


def _listen(url: str, lines: "queue.Queue[str]") -> None:
    with urllib.request.urlopen(url + "events", timeout=60) as stream:
        for raw in stream:
            text = raw.decode("utf-8").strip()
            if text.startswith("data: ") or text == ": connected":
                lines.put(text)


def measure(size: int) -> tuple[list[float], list[float]]:
    """Seconds from each save to its event, and to the new SVG fetched."""
    from journeymap.serve.app import Preview

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gen.journey.yaml"
        text = generate_journey(size)
        path.write_text(text, encoding="utf-8")
        preview = Preview(tmp, "127.0.0.1", 0)
        server = threading.Thread(target=preview.serve_forever, daemon=True)
        server.start()
        lines: "queue.Queue[str]" = queue.Queue()
        threading.Thread(target=_listen, args=(preview.url, lines), daemon=True).start()
        assert lines.get(timeout=30) == ": connected"
        to_event, to_svg = [], []
        try:
            for n in range(SAVES):
                name = f"Bench {n}"
                saving = path.with_name(path.name + ".saving~")
                saving.write_text(text.replace("Touch-point 1 where the customer does a thing", name), encoding="utf-8")
                start = time.perf_counter()
                os.replace(saving, path)
                while lines.get(timeout=60) != f"data: gen-{size}":
                    pass
                to_event.append(time.perf_counter() - start)
                with urllib.request.urlopen(preview.url + f"j/gen-{size}.svg", timeout=60) as response:
                    assert name.encode() in response.read()
                to_svg.append(time.perf_counter() - start)
        finally:
            preview.close()
    return to_event, to_svg


def main() -> int:
    """Print the median and worst latency per size."""
    for size in (30, 100, 300):
        to_event, to_svg = measure(size)
        print(f"{size:4d} touch-points: save -> event median {statistics.median(to_event) * 1000:5.0f} ms, "
              f"save -> new SVG median {statistics.median(to_svg) * 1000:5.0f} ms, "
              f"worst {max(to_svg) * 1000:5.0f} ms  ({SAVES} saves)" + ("   (target < 1 s)" if size == 30 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
