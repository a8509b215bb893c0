"""What ``journeymap build --check`` reports, and the parts of it a build shares: the outputs that
are missing, stale or left over, and the journeys that cannot be built, with their errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional

import click

from journeymap.cli.common import EXIT_FINDINGS
from journeymap.findings import Finding
from journeymap.outputs import half_written, utf8
from journeymap.report import as_text, counted
from journeymap.site.build import JourneyResult, Options, Planned
from journeymap.site.lock import build_lock
from journeymap.site.manifest import (Manifest, by_hand, file_sha, is_current, load_manifest, orphans, unasked,
                                      why_gone)
from journeymap.site.names import INDEX, output_name
from journeymap.site.rollup import Rollup
from journeymap.site.why import why_stale


def say_errors(result: JourneyResult, said: Optional[set[Finding]] = None) -> None:
    """A broken journey's findings on stderr, as ``check`` prints them (none when it has no error);
    those in ``said`` (then added to it) are left out: a broken project file's error was printed
    once for each journey under it."""
    if any(f.is_error for f in result.findings):
        new = [f for f in result.findings if said is None or f not in said]
        if said is not None:
            said.update(new)
        if new:
            click.echo(as_text(new), err=True, nl=False)


#: Why an output of a format not asked for is removed (``--formats``).
UNASKED = "its format is not among --formats now, so it would go stale"


def left_overs(out_dir: Path, manifest: Manifest, planned: list[Planned],
               failures: list[JourneyResult], options: Options, rollup: Rollup) -> list[tuple[str, str, bool]]:
    """``(name, why, changed by hand)`` of each output the build no longer makes: a gone journey's,
    and those of a format not asked for now (the journeys built now, and the portfolio's). What
    ``build`` removes or leaves and what ``build --check`` says it would."""
    named = {os.path.realpath(p.checked.path): (p.id, p.stem) for p in planned}
    found = []
    for names, why in ((gone_outputs(out_dir, manifest, planned, failures), None),
                       (unasked(out_dir, manifest, [p.stem for p in planned], options.formats, rollup.names), UNASKED)):
        same, changed = by_hand(out_dir, manifest, names)
        found += [(name, why or why_gone(out_dir, manifest[name], named), name in changed) for name in same + changed]
    return found


def hold_lock(out_dir: Path, planned: list[Planned], check_only: bool = False) -> None:
    """Hold the output folder's lock (:func:`~journeymap.site.lock.build_lock`) until the command
    ends, saying so when it waits for another build, and tell again which outputs are stale: a
    build that ran while this one planned may have built them, or built them otherwise (two builds
    into one folder lost each other's manifest entries: audit CB). ``build --check`` holds it
    shared: it writes nothing, but waits for a build under way rather than report a half-written
    folder."""
    def waiting() -> None:
        click.echo(f"waiting for {'a' if check_only else 'another'} build into {out_dir} to finish…", err=True)

    click.get_current_context().with_resource(build_lock(out_dir, shared=check_only, on_wait=waiting))
    manifest = load_manifest(out_dir)
    for item in planned:
        item.stale = [name.rsplit(".", 1)[1] for name, key in item.keys.items()
                      if not is_current(out_dir, name, key, manifest)]


def stale_report(out_dir: Path, planned: list[Planned], failures: list[JourneyResult], index_text: str,
                 rollup: Rollup, options: Options) -> int:
    """List what a build would do (``build --check``) and the journeys it cannot build, with their
    errors; the exit status: 1 when anything is to do, else 0."""
    manifest = load_manifest(out_dir)
    # A journey's outputs name the file they come from: a CI log need not map ids back to files;
    # and each output what of its inputs changed (audit CB: a new Graphviz read as a changed journey)
    stale = [(str(out_dir / name), [f"from {p.checked.path}", *_why(out_dir, manifest, name, p.keys[name], p.parts)])
             for p in planned for name in (output_name(p.stem, fmt) for fmt in p.stale)]
    stale += [(str(out_dir / name), _why(out_dir, manifest, name, rollup.keys[name], rollup.parts))
              for name in rollup.stale(out_dir, manifest)]
    overs = left_overs(out_dir, manifest, planned, failures, options, rollup)
    left = [("leave", str(out_dir / name), f"changed by hand; {why}") if hand else ("remove", str(out_dir / name), why)
            for name, why, hand in overs]
    # what a stopped build left half-written, which build removes: --check called the folder up to date
    left += [("remove", str(path), "half-written by a build that was stopped")
             for path in half_written(out_dir)]
    if file_sha(out_dir / INDEX) != sha_text(index_text):
        gone = any(why != UNASKED for _, why, _ in overs)  # a gone journey's, not a format's no longer asked for
        stale.append((str(out_dir / INDEX), index_why(out_dir, planned, failures, gone)))
    for path, notes in stale:  # missing (a wrong -o, say) told apart from out of date
        because = f" ({'; '.join(notes)})" if notes else ""
        click.echo(f"would rebuild {path}{because}" if os.path.lexists(path) else f"would build {path} (missing)")
    for verb, path, why in left:
        click.echo(f"would {verb} {path} ({why})")
    said: set[Finding] = set()
    for failure in failures:  # its errors, as plain build lists them: a CI reader ran check again
        say_errors(failure, said)
        click.echo(f"cannot build {failure.path}: {failure.error}")
    if stale or left or failures:
        click.echo(f"{counted(len(stale) + len(left), 'output')} missing, stale or left over, "
                   f"{counted(len(failures), 'journey')} broken", err=True)
        return EXIT_FINDINGS
    click.echo("all outputs are up to date", err=True)
    return 0


#: Journeys named in the index page's reason; more are counted.
NAMED_JOURNEYS = 3


def index_why(out_dir: Path, planned: list[Planned], failures: list[JourneyResult], gone: bool) -> list[str]:
    """Why the index page is to be written again (audit DM: ``build --check`` gave no reason): the
    journeys it will list that are new, the ones it lists that are rebuilt or cannot be built, and
    whether journeys it lists are ``gone``; else that it differs from the page this build writes
    (the index is not in the manifest: what it was built from is not recorded)."""
    def new(p: Planned) -> bool:
        return not any(os.path.lexists(out_dir / name) for name in p.keys)

    why = []
    for paths, one, many in (([str(p.checked.path) for p in planned if p.stale and new(p)],
                              "it will list a new journey", "it will list {n} new journeys"),
                             ([str(p.checked.path) for p in planned if p.stale and not new(p)],
                              "a journey it lists changes", "{n} journeys it lists change"),
                             ([str(f.path) for f in failures],
                              "a journey it lists cannot be built", "{n} journeys it lists cannot be built")):
        if paths:
            more = f" and {len(paths) - NAMED_JOURNEYS} more" if len(paths) > NAMED_JOURNEYS else ""
            said = one if len(paths) == 1 else many.format(n=len(paths))
            why.append(f"{said}: {', '.join(paths[:NAMED_JOURNEYS])}{more}")
    if gone:  # review DO: a deleted journey's card was called "edited by hand"
        why.append("it lists journeys that are gone")
    return why or ["it differs from the page this build writes: edited by hand, or built with other options"]


def _why(out_dir: Path, manifest: Manifest, name: str, key: str, parts: dict[str, dict[str, str]]) -> list[str]:
    """What makes one output that is stale so (:func:`~journeymap.site.why.why_stale`); nothing
    for one that is missing, which ``build --check`` says already."""
    sha = file_sha(out_dir / name)
    return [] if sha is None else why_stale(manifest.get(name), key, parts.get(name, {}), sha)


def gone_outputs(out_dir: Path, manifest: Manifest, planned: list[Planned],
                 failures: list[JourneyResult]) -> list[str]:
    """The outputs of journeys no longer found, or named otherwise now (another journey took or
    left their id). A journey that cannot be read has no id to tell its outputs by: those the
    manifest records from its file stay (until it can be read again), and a deleted journey's
    outputs go all the same (they stayed while any journey was broken)."""
    return orphans(out_dir, manifest, [p.stem for p in planned] + [f.id for f in failures if f.id is not None],
                   [p.checked.path for p in planned] + [f.path for f in failures],
                   unread=[f.path for f in failures if f.id is None])


def sha_text(text: str) -> str:
    """The sha256 of a text written as UTF-8 (the index, compared with the file built before)."""
    return hashlib.sha256(utf8(text)).hexdigest()  # as write_atomic writes it
