"""What ``journeymap build`` tells as it goes (:class:`Progress`) and what it has done
(:class:`Tally`: the manifest, saved as each journey is done, and the failures)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from journeymap.cli.stopping import stop_requested
from journeymap.site.build import Planned
from journeymap.site.manifest import load_manifest, recorded_source, save_manifest


class Progress:
    """One line per journey on stderr, or a progress bar when stderr is a terminal, with what a
    person must read (a failure and why, a map's note, a file removed or left) printed above it."""

    def __init__(self, total: int) -> None:
        self.bar = click.progressbar(length=total, file=sys.stderr, label="building") if sys.stderr.isatty() else None
        if self.bar is not None:
            self.bar.__enter__()

    def line(self, text: str, *, told: bool = False, step: bool = True) -> None:
        """``text`` printed where there is no terminal; on one, printed above the bar when ``told``
        (review BM: a build run by hand said "1 failed" and never why) and the bar moved on a
        journey when ``step``."""
        if self.bar is None:
            click.echo(text, err=True)
            return
        if told:
            click.echo("\r\x1b[K" + text, err=True)  # over the bar's line, which is drawn again below
        if step:
            self.bar.update(1)
        elif told:
            self.bar.render_progress()

    def close(self) -> None:
        """End the bar: what is said after it is printed whole."""
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class Tally:
    """What the build has done: the manifest, saved as each journey is done, the journeys built,
    their errors, and the errors that are the machine's (Graphviz or the PDF engine)."""

    def __init__(self, out_dir: Path, planned: list[Planned], progress: Progress) -> None:
        self.out_dir, self.progress = out_dir, progress
        self.manifest = load_manifest(out_dir)
        self.by_path = {p.checked.path: p for p in planned}
        self.built = 0
        self.errors: dict[str, str] = {}
        self.environment: list[str] = []

    def done(self, path: str, written: dict[str, str], seconds: float, error: Optional[str], env: bool,
             notes: tuple[str, ...] = ()) -> None:
        """One journey built (:data:`~journeymap.site.build.Outcome`): recorded and told. After
        Ctrl-C or SIGTERM that did not stop it as an interrupt (:mod:`.stopping`), what it wrote
        is kept and the build stops here; a failure then is the stop's, not the journey's."""
        if error and stop_requested():
            raise KeyboardInterrupt
        item = self.by_path[path]
        for name, sha in written.items():
            self.manifest[name] = {"key": item.keys[name], "sha256": sha, "journey": item.id,
                                   "source": recorded_source(self.out_dir, item.checked.path),
                                   "parts": item.parts.get(name, {})}  # what --check names when it differs
            if item.stem != item.id:  # named <id>@<stem>: another journey has its id
                self.manifest[name]["stem"] = item.stem
        if written:  # at once: a build killed or cancelled later (kill -9, a CI job's SIGTERM) keeps it
            save_manifest(self.out_dir, self.manifest)
        if error:
            self.errors[path] = error
            if env:
                self.environment.append(error)
            self.progress.line(f"failed  {path}: {error}", told=True)
        else:
            self.built += 1
            self.progress.line(f"built   {path} -> {', '.join(item.stale)} ({seconds:.2f} s)")
        for note in notes:
            self.progress.line(f"note    {path}: {note}", told=True, step=False)
        if stop_requested():
            raise KeyboardInterrupt
