"""``journeymap serve``: the live preview's command line (start-up message, change log, Ctrl-C)."""

from __future__ import annotations

import errno
import socket
import time
from typing import TYPE_CHECKING, Optional

import click

from journeymap.cli.common import EnvironmentProblem, InputPath
from journeymap.cli.paths import default_paths
from journeymap.report import counted

if TYPE_CHECKING:
    from journeymap.findings import Finding
    from journeymap.serve.result import Changes, Result
    from journeymap.serve.state import Workspace


def _log(text: str) -> None:
    """One line of the change log on stderr, its control characters shown, not obeyed: a file
    named with a terminal escape retitled the window or forged a line of the log (audit BX)."""
    from journeymap.journey.textsafe import printable

    click.echo(f"{time.strftime('%H:%M:%S')} {printable(text)}", err=True)


#: Most journeys named one a line when they change together; more are told in one line.
ONE_A_LINE = 3


def _describe(workspace: "Workspace", ids: tuple[str, ...]) -> None:
    """One line on stderr per journey whose result changed; an error of the project file that
    many share told once, and many journeys updated together in one line: one typo in
    journeymap.yaml printed 44 lines for 19 journeys (audit EJ)."""
    results = [(i, r) for i in ids if (r := workspace.get(i)) is not None]
    elsewhere: dict["Finding", list["Result"]] = {}  # the journeys stopped by each error in another file
    for _, result in results:
        if result.errors and not result.problem and (first := _first_error(result)).path != result.path:
            elsewhere.setdefault(first, []).append(result)
    updated: list["Result"] = []
    for journey_id, result in results:
        if result.problem:
            _log(f"{result.path}: the map failed: {result.problem}")
        elif result.errors:
            first = _first_error(result)
            stopped = elsewhere.get(first, [])
            if len(stopped) > 1:
                if stopped[0] is result:  # told once, at the first of them
                    maps = sum(1 for r in stopped if r.stale)
                    whose = "all keep their" if maps == len(stopped) else f"{maps} of them keep their"
                    kept = f"{whose} last good map, marked stale" if maps else "none of them has a map yet"
                    _log(f"{first.path}: an error in it stops {counted(len(stopped), 'journey')} ({kept}); see /")
                    _log(f"  {first.path}:{first.line}:{first.column}: {first.code} {first.name}: {first.message}")
                continue
            kept = "the last good map is kept, marked stale" if result.stale else "no map yet"
            _log(f"{result.path}: {counted(result.errors, 'error')}, {kept}; see /j/{journey_id}")
            # the first, where check would print it: the count alone sent people to the page (audit CH)
            _log(f"  {first.path}:{first.line}:{first.column}: {first.code} {first.name}: {first.message}")
        else:
            updated.append(result)
    if len(updated) > ONE_A_LINE:
        _log(f"{counted(len(updated), 'journey')} updated, {counted(sum(r.warnings for r in updated), 'warning')} "
             f"in all: {', '.join(r.path for r in updated[:ONE_A_LINE])} and {len(updated) - ONE_A_LINE} more")
        return
    for result in updated:
        _log(f"{result.path}: updated, {counted(result.warnings, 'warning')}")


def _first_error(result: "Result") -> "Finding":
    """A journey's first error, where ``check`` would print it."""
    return next(f for f in result.checked.findings if f.is_error)


def _address(host: str) -> str:
    """``--host`` as the server takes it: ``[::1]`` as a URL writes it is ``::1``, and an empty
    one (``--host "$HOST"`` unset) is refused, where it listened on every interface (audit BX)."""
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host:
        raise click.BadParameter("give an address: 127.0.0.1 (this machine alone), or 0.0.0.0 to let other "
                                 "machines connect", param_hint="--host")
    return host


def _skipped(link: str, path: str) -> None:
    import os

    if not os.path.islink(link):  # a YAML file that looks like a journey but is not one
        from journeymap.cli.notes import skipped_why

        _log(f"skipped {skipped_why(link)}")
        return
    _log(f"skipped {link}: a symlink leading out of {path} (the preview serves the files under it alone)")


def _watch_error(exc: Exception) -> None:
    from journeymap.serve.watch import WatchNotice

    _log(str(exc) if isinstance(exc, WatchNotice) else f"watching stopped: {type(exc).__name__}: {exc}")


@click.command()
@click.argument("path", required=False, type=InputPath())
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address lets other machines connect.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
def serve(path: Optional[str], host: str, port: int) -> None:
    """Live preview of the journeys under PATH (default: maps/, else this folder) in your browser.

    Serves an index, a page per journey with its map and findings, and updates open pages
    within a second of a save. Stop it with Ctrl-C.
    """
    from journeymap.map.graphviz import GraphvizError, dot_program
    from journeymap.serve.app import Preview
    from journeymap.serve.server import is_loopback

    path = path or default_paths(empty_maps=True)[0]
    host = _address(host)
    try:
        dot_program()
    except GraphvizError as exc:
        raise EnvironmentProblem(str(exc)) from exc
    # a service manager's SIGTERM stops it as Ctrl-C does (the command group: cli/stopping.py)
    preview: Optional[Preview] = None
    try:
        click.echo(f"journeymap serve: reading {_served(path)} \u2026", err=True)
        try:
            preview = Preview(path, host, port, on_change=lambda found: _changed(preview, path, found),
                              on_error=_watch_error)
        except OSError as exc:
            fix = ("check --host: it names no address of this machine" if isinstance(exc, socket.gaierror)
                   or exc.errno == errno.EADDRNOTAVAIL else "choose another --port (or --port 0 for any free one)")
            raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; {fix}") from exc
        results = preview.workspace.results()
        broken = sum(1 for r in results if r.errors)
        where = (f"bound to {host} only: other machines cannot connect" if is_loopback(host)
                 else f"listening on {host}: other machines on the network can connect")
        click.echo(f"Serving {counted(len(results), 'journey')} from {path}"
                   + (f" ({broken} with errors)" if broken else "")
                   + f" on {preview.url} ({where}). Press Ctrl-C to stop.")
        for link in preview.workspace.skipped:
            _skipped(link, path)
        _describe(preview.workspace, tuple(r.id for r in results if r.errors))
        preview.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if preview is not None:
            preview.close()
    click.echo("journeymap serve stopped.", err=True)


def _served(path: str) -> str:
    """What the preview serves, as its messages name it: one journey file, or the journeys under a
    folder ("the journeys under wordy.journey.yaml" named a file as a folder: audit EJ)."""
    from journeymap.serve.watch import serves_one_file

    return f"the journey file {path}" if serves_one_file(path) else f"the journeys under {path}"


def _changed(preview: object, path: str, found: "Changes") -> None:
    from journeymap.serve.app import Preview

    if not isinstance(preview, Preview):
        return
    for link in found.skipped:
        _skipped(link, path)
    if found.listing:
        _log(f"{_served(path)}: {', '.join(r.id for r in preview.workspace.results()) or 'none'}")
    _describe(preview.workspace, found.ids)
