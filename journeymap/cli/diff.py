"""``journeymap diff OLD NEW``: what changed for the customer between two versions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

import click

from journeymap.cli.common import (EXIT_FINDINGS, STDIN, STDIN_NAME, Seconds, emit, input_paths, output_path,
                                   render_bytes)
from journeymap.cli.formats import canonical, format_named_by
from journeymap.cli.notes import say_lost_texts
from journeymap.cli.paths import given_output
from journeymap.cli.outputs import RENDER_FORMATS
from journeymap.cli.versions import NotAtRevision, check_version, read_version, require_ok, spec_path, version_errors
from journeymap.changes.gitread import split_spec
from journeymap.changes.compare import JourneyDiff, compare
from journeymap.changes.diffjson import diff_json
from journeymap.changes.report import diff_text
from journeymap.changes.prcomment import diff_markdown
from journeymap.findings import Finding
from journeymap.outputs import descriptor_of, is_special
from journeymap.pipeline import Checked
from journeymap.report import counted

if TYPE_CHECKING:
    from journeymap.journey.losttext import LostText


def diff_versions(old_spec: str, new_spec: str,
                  faulty: Optional[Callable[[list[Finding], tuple[str, ...]], None]] = None,
                  noted: Optional[list[LostText]] = None) -> JourneyDiff:
    """Compare two versions given as paths or REV:PATH. When one has errors, ``faulty`` is given
    them all, and which versions have them ("old", "new"), before the command prints them and exits 1.
    The new version's values YAML reads shorter than written are noted on stderr, and added to ``noted``."""
    versions = ((old_spec, check_version(old_spec, new_spec)), (new_spec, check_version(new_spec, old_spec)))
    if faulty is not None and not all(checked.ok for _, checked in versions):
        faulty([f for spec, checked in versions for f in version_errors(spec, checked)],
               tuple(side for side, (_, checked) in zip(("old", "new"), versions) if not checked.ok))
    old, new = require_ok(*versions)
    assert old.analysis is not None and new.analysis is not None
    # a value YAML cut short (`name: Gets the refund #2`) read as no change at all (audit DR)
    say_lost_texts([new])
    if noted is not None:
        noted += new.notes
    return compare(old.analysis, new.analysis, old.findings, new.findings)


def _followed(spec: str) -> str:
    """``REV:PATH`` for a journey renamed or moved since REV: ``REV:OLD-PATH``, said on standard
    error. Told only the old path, a reviewer ran diff again, and a CI loop over the changed files
    stopped at the first renamed one (audit DA)."""
    parts = split_spec(spec) if spec != STDIN else None
    if parts is None:
        return spec
    try:
        read_version(spec)
    except NotAtRevision as exc:
        if exc.moved is None:
            raise
        rev, path = parts
        click.echo(f"note: {path} was {exc.moved} at {rev} (renamed or moved since): compared with "
                   f"{rev}:{exc.moved}", err=True)
        return f"{rev}:{exc.moved}"
    return spec


def _revision(spec: str) -> Optional[str]:
    """The revision a ``REV:PATH`` argument names; None for a path or ``-``."""
    parts = split_spec(spec) if spec != STDIN else None
    return parts[0] if parts else None


def _not_compared(errors: list[Finding], broken: tuple[str, ...]) -> str:
    """The JSON a version with errors gives: no comparison, and why (``broken``: which versions
    have errors), so that a step reading the report gets a document and not an empty output."""
    return json.dumps({"version": 1, "compared": False, "broken": list(broken), "errors": [f.as_dict() for f in errors],
                       "summary": {"errors": len(errors), "warnings": 0}}, indent=2, ensure_ascii=False) + "\n"


def why_not_compared(errors: int, broken: tuple[str, ...]) -> str:
    """Why there is no comparison, in words: which version has the errors. With the old one's alone
    it read "fix them to compare them", telling a pull request's author to fix its base (audit CD).

    >>> why_not_compared(3, ("old",))
    'the old version has 3 errors and the new one none: this change repairs it, so there is nothing sound to compare it with'
    >>> why_not_compared(1, ("new",)), why_not_compared(2, ("old", "new"))
    ('the new version has 1 error; fix it to compare the versions', 'both versions have errors (2); fix them to compare the versions')
    """
    if broken == ("old",):
        return (f"the old version has {counted(errors, 'error')} and the new one none: this change repairs it, "
                "so there is nothing sound to compare it with")
    if broken == ("new",):
        return f"the new version has {counted(errors, 'error')}; fix {'it' if errors == 1 else 'them'} to compare the versions"
    return f"both versions have errors ({errors}); fix them to compare the versions"


def _not_compared_markdown(errors: list[Finding], broken: tuple[str, ...], old: str, new: str) -> str:
    """The Markdown a version with errors gives: a pull-request comment that says why there is no
    comparison, not an empty one, its errors listed (the first 20)."""
    from journeymap.exports.markdown import md_code, md_message, md_text, unmentioned

    lines = [f"\u26d4 **Not compared**: {md_text(why_not_compared(len(errors), broken))}.", "",
             f"{md_code(old)} \u2192 {md_code(new)}", ""]
    lines += [f"- {md_code(f'{f.path}:{f.line}:{f.column}')} {f.code} {f.name}: {md_message(f.message)}" for f in errors[:20]]
    if len(errors) > 20:
        lines.append(f"- \u2026 and {len(errors) - 20} more")
    return unmentioned("\n".join(lines) + "\n")


def _map_format(map_out: Optional[str], out: str) -> str:
    """The format of ``--map``: its suffix's (svg when it has none, or for ``-``)."""
    if not map_out:
        return "svg"
    if map_out == "-" and out == "-":
        raise click.UsageError("--map - and the report would both go to standard output; "
                               "write the report to a file with -o, or the map to a file")
    suffix = Path(map_out).suffix.lower().lstrip(".") if map_out != "-" else ""
    if suffix and suffix not in RENDER_FORMATS:
        raise click.BadParameter(f"{map_out} is not a map file: give it the suffix .svg, .png, .pdf or .dot",
                                 param_hint="--map")
    return suffix or "svg"


def _same_place(report: str, drawing: str) -> bool:
    """Whether the report and the map would go to one file or stream (``-o x.svg --map x.svg``
    wrote the map over the report; ``-o - --map /dev/stdout`` mixed them). Both to a device such
    as /dev/null is no clash."""
    streams = [1 if side == "-" else descriptor_of(Path(side)) for side in (report, drawing)]
    if streams[0] is not None or streams[1] is not None:
        return streams[0] == streams[1]
    if is_special(Path(report)):
        return False
    return os.path.realpath(report) == os.path.realpath(drawing)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "md", "json"], case_sensitive=False),
              help="text for the terminal, markdown (or md) for a pull request, json. Default: the output's "
                   "suffix (.md, .json), else text.")
@click.option("--fail-on", "fail_on", type=click.Choice(["regression"], case_sensitive=False),
              help="Exit 1 when the change makes the experience worse.")
@click.option("--map", "map_out", type=click.Path(dir_okay=False), callback=given_output,
              help="Also draw NEW with added, changed and removed touch-points and flows marked "
                   "(SVG; PNG, PDF or DOT by the file's suffix).")
@click.option("-o", "--output", "out", default="-", show_default=True, callback=given_output,
              metavar="OUT", help="Output file, - for stdout.")
@click.option("--timeout", default=120.0, show_default=True, type=Seconds(),
              help="Seconds before the Graphviz layout of --map is stopped (exit status 3).")
def diff(old: str, new: str, fmt: Optional[str], fail_on: Optional[str], map_out: Optional[str], out: str,
         timeout: float) -> None:
    """Show what changed for the customer between two versions of a journey.

    OLD and NEW are files, REV:PATH (a git revision of the repository the path is in) or - for
    standard input, e.g.
    `journeymap diff main:maps/home-claim.journey.yaml maps/home-claim.journey.yaml`.
    The path after REV: is taken from the current folder, as PATH is.
    """
    if old == new == "-":
        raise click.UsageError("only one of OLD and NEW can be - (standard input)")
    for spec in (old, new):
        # `HEAD~1:` read as a file of that name: "cannot read HEAD~1:: No such file" (audit DM)
        if spec.endswith(":") and len(spec) > 1 and not os.path.exists(spec):
            raise click.UsageError(f"{spec} names a revision but no file; write REV:PATH, "
                                   f"e.g. {spec}maps/home-claim.journey.yaml")
    map_format = _map_format(map_out, out)
    # by the output's suffix, as render and export: `-o changes.md` wrote the terminal's text (audit DM)
    # md as export, build and portfolio take it (audit EK)
    fmt = canonical((fmt or format_named_by(out, ("markdown", "json")) or "text").lower())
    old = _followed(old)
    inputs = input_paths(spec_path(old), spec_path(new))
    name = f"diff.{ {'text': 'txt', 'markdown': 'md', 'json': 'json'}[fmt] }"  # for -o FOLDER
    report_at = output_path(out, name)
    map_at = output_path(map_out, f"diff-map.{map_format}") if map_out else None
    if map_at is not None and _same_place(report_at, map_at):
        where = "both go to standard output" if descriptor_of(Path(map_at)) == 1 else "are the same file"
        raise click.UsageError(f"--map {map_out} and -o {out} {where}: the map would be written over the report; "
                               "give them different names")
    old_label, new_label = (STDIN_NAME if side == STDIN else side for side in (old, new))
    # a step that reads the report gets a document saying why nothing was compared, not an empty one
    def not_compared(errors: list[Finding], broken: tuple[str, ...]) -> None:
        told = _not_compared(errors, broken) if fmt == "json" else _not_compared_markdown(errors, broken, old_label,
                                                                                           new_label)
        emit(told, report_at, inputs)

    notes: list[LostText] = []
    d = diff_versions(old, new, not_compared if fmt in ("json", "markdown") else None, notes)
    if fmt == "json":
        text = diff_json(d, _revision(old), _revision(new))
    elif fmt == "markdown":  # the notes in the comment too: its reader sees no CI log (review DT)
        text = diff_markdown(d, old_label, new_label, notes, new)
    else:
        text = diff_text(d, old_label, new_label)
    _emit_told(text, report_at, inputs)
    if map_at is not None:
        from journeymap.changes.mapmarks import diff_drawing

        analysis, marks = diff_drawing(d)
        drawn = Checked(new, analysis.journey, analysis, ())
        _emit_told(render_bytes(drawn, map_format, timeout, marks), map_at, inputs)
    if fail_on == "regression" and d.regressions:
        # On standard error, so a CI step that drops the report still says why it failed.
        more = len(d.regressions) - 3  # "a; b; c; …" left the reader to count the rest (audit DM)
        shown = "; ".join(d.regressions[:3]) + (f"; and {more} more (see the report)" if more > 0 else "")
        click.echo(f"{new_label}: {counted(len(d.regressions), 'regression')} (--fail-on regression): {shown}",
                   err=True)
        sys.exit(EXIT_FINDINGS)


def _emit_told(data: bytes | str, target: str, inputs: tuple[Path, ...]) -> None:
    """Write one of the outputs, saying so on standard error when it is a file, as ``render`` does."""
    emit(data, target, inputs)
    if target != "-":
        click.echo(f"wrote {target}", err=True)
