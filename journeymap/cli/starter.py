"""``journeymap init``: a commented starter journey, or a copy of the briefing's templates to restyle."""

from __future__ import annotations

import json
import os
import re
import shlex
import unicodedata
from pathlib import Path
from typing import Optional

import click

from journeymap.cli.common import emit
from journeymap.outputs import folder_trouble


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--name", default="my-journey", show_default=True,
              help="The journey's file name, without suffix; any words are made into a file name: 'Home claim' "
                   "writes home-claim.journey.yaml.")
@click.option("--title", help="The journey's title. Default: --name where it is not a file name already "
              "(spaces, capitals, other scripts), else the starter's own.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--templates", "templates", is_flag=True,
              help="Instead, copy the briefing's templates and stylesheet into DIRECTORY, to restyle with "
                   "brief --templates DIRECTORY.")
def init(directory: str, name: str, title: Optional[str], force: bool, templates: bool) -> None:
    """Write a commented starter journey into DIRECTORY (default: the current folder).

    Beside it goes journeymap.schema.json, the schema its first line points editors at (kept
    when it exists, unless --force), and, when no project file applies to DIRECTORY yet, a
    commented journeymap.yaml project file. With --templates, the briefing's templates instead.
    """
    from journeymap.cli.common import SCHEMA_FILE, schema_text
    from journeymap.resources import templates_root
    from journeymap.journey.slug import slugify

    if directory == "-":  # standard input to the other commands: it made a folder named "-"
        raise click.UsageError("init writes into a folder, and - is standard input: give a folder, "
                               "e.g. journeymap init . or journeymap init ./-")
    if templates:
        source = click.get_current_context().get_parameter_source("directory")
        if source == click.core.ParameterSource.DEFAULT:  # never beside a project's own README.md
            raise click.UsageError("give the folder to copy the templates into, "
                                   "e.g. journeymap init brand/ --templates")
        _copy_templates(Path(directory), force)
        return
    folder = Path(directory)
    if not folder.is_dir() and re.search(r"\.ya?ml$", folder.name, flags=re.IGNORECASE):
        # a folder named like a journey file, made without a word (audit EJ: the preview's hint
        # after its one file was moved away made one)
        name_given = click.get_current_context().get_parameter_source("name") != click.core.ParameterSource.DEFAULT
        raise click.UsageError(f"{directory} names a file; init writes into a folder: give the folder "
                               f"and the file's name, e.g. journeymap init {_shell(folder.parent.as_posix() or '.')} "
                               f"--name {_shell(name if name_given else folder.name)}")
    # the file's whole name given: its suffix once, not "x-journey-yaml.journey.yaml" (audit DM)
    name = re.sub(r"(\.journey)?\.ya?ml$", "", name.strip(), flags=re.IGNORECASE) or name
    slug = slugify(name)
    if not slug:  # it wrote my-journey.journey.yaml without a word
        raise click.BadParameter(f"{name!r} makes no file name (an id is made of letters and digits); "
                                 "give one with a letter or digit, and the title with --title", param_hint="--name")
    target = folder / f"{slug}.journey.yaml"
    if target.exists() and not force:
        raise click.UsageError(f"{target} already exists; use --force to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.UsageError(f"cannot make the folder {folder}: {folder_trouble(folder, exc)}") from exc
    starter = (templates_root() / "starter" / "journey.yaml").read_text(encoding="utf-8")
    starter = _registered(_named(starter, target.name, _title(title, name, slug)), folder)
    emit(starter, str(target), journeys_too=True)
    schema = folder / SCHEMA_FILE
    if force or not schema.exists():
        emit(schema_text(), str(schema))
        click.echo(f"wrote {schema} (for editors)", err=True)
    said = _starter_project(folder, target)
    if said:
        click.echo(said, err=True)
    # quoted as the shell takes it: "init 'a <b> |c'" printed a command that piped (review FM)
    click.echo(f"wrote {target}; check it with: journeymap check {_shell(str(target))}", err=True)


def _shell(path: str) -> str:
    """``path`` as a shell gives it to journeymap: quoted, and a name starting with ``-`` after
    ``./``, or it reads as an option (review FO)."""
    return shlex.quote(f"./{path}" if path.startswith("-") else path)


def _title(title: Optional[str], name: str, slug: str) -> Optional[str]:
    """The starter's title: ``--title``, else ``--name`` where it is written as a title, not as the
    file name it makes (spaces, capitals, a script other than Latin: ``洗濯機の購入`` kept the bike
    starter's title, its file named ``xi-zhuo-ji-no-gou-ru``); a
    usage error for a ``--title`` the journey could not hold (not UTF-8 from the shell, blank, a
    control character, over 200 characters), so that the starter always passes ``check``."""
    if title is None:  # --name as the title only where it makes a good one; else the starter's
        return _usable(name) if slug != name.strip() else None
    words = _usable(title)
    if words is None:
        raise click.BadParameter("a title is 1 to 200 characters of UTF-8 text, without control characters",
                                 param_hint="--title")
    return words


def _usable(text: str) -> Optional[str]:
    """``text`` with its spaces made single, when a journey's title can be it; else None."""
    try:
        text.encode("utf-8")  # not when the shell passed bytes that are not UTF-8
    except UnicodeEncodeError:
        return None
    words = " ".join(text.split())
    if not words or any(unicodedata.category(ch) == "Cc" for ch in words) or len(words) > 200:
        return None
    return words


def _named(starter: str, file_name: str, title: Optional[str]) -> str:
    """The starter journey as ``file_name``: its comments' commands name that file, and its
    ``title:`` is ``title`` when one is given (as a YAML double-quoted string, so any text is
    read back as written). Found by audit U: ``--name "Ordering a café au lait"`` kept the
    starter's "Getting a bike serviced"."""
    text = starter.replace("my-journey.journey.yaml", file_name)
    # the commented id is the one the file name gives, not the bike example's
    from journeymap.journey.slug import file_id

    text = re.sub(r"^# id: \S+ +#", lambda m: _aligned(f"# id: {file_id(file_name)}", m), text, count=1, flags=re.M)
    if title:
        quoted = json.dumps(" ".join(title.split()), ensure_ascii=False)
        text = re.sub(r"^title: .*? +#", lambda m: _aligned(f"title: {quoted}", m), text, count=1, flags=re.M)
    return text


#: A department of the starter's list: its ``- id:`` line and the lines indented under it.
_DEPARTMENT = re.compile(r"^  - id: (?P<id>[a-z0-9-]+)[^\n]*\n(?P<fields>(?:    [^\n]*\n)*)", re.M)


def _registered(starter: str, folder: Path) -> str:
    """The starter with the fields of its departments that the registry of the project file
    applying to ``folder`` sets left to it: written whole, a registry whose lead for ``workshop``
    was not the starter's made the new journey fail ``check`` (E010; review FM). Those the
    registry leaves unset are kept (a registry entry without a lead was W102: review FO)."""
    from journeymap.journey.project import project_for

    project = project_for(str(folder))
    if project is None or not project.departments:
        return starter
    registry = project.by_id
    where = Path(os.path.relpath(project.path, folder)).as_posix()  # from the file it is written in
    head, found, rest = starter.partition("\ndepartments:\n")
    body, stages, tail = rest.partition("\n\n")

    def by_id(match: re.Match[str]) -> str:
        ident = match.group("id")
        lines = match.group("fields").splitlines(keepends=True)
        keys = [m.group(1) if (m := re.match(r" {4}(\w+):", line)) else None for line in lines]
        taken = set(registry[ident].fields) - {"id"} if ident in registry else set()
        dropped = [key for key in keys if key in taken]
        if not dropped:
            return match.group()
        said = ", ".join(dropped[:-1]) + (" and " if len(dropped) > 1 else "") + dropped[-1]
        return (f"  - id: {ident}".ljust(38) + f" # {said}: the registry's ({where})\n"
                + "".join(line for line, key in zip(lines, keys) if key not in taken))

    return head + found + _DEPARTMENT.sub(by_id, body) + stages + tail if found else starter


def _aligned(line: str, match: re.Match[str]) -> str:
    """``line`` followed by the comment sign ``match`` ended with, in the starter's column of
    comments where ``line`` is short enough to leave it there."""
    return line.ljust(len(match.group()) - 2) + " #"


def _other_journey(folder: Path, written: Path) -> Optional[str]:
    """A journey file that ``check`` on ``folder`` finds besides the starter just ``written``, or
    None: a starter project file there would judge it too, by its own bounds, and silence a W115
    it had."""
    from journeymap.pipeline import journeys_in

    mine = os.path.realpath(written)
    return next((p for p in journeys_in(folder) if os.path.realpath(p) != mine), None)  # the first will do


def _starter_project(folder: Path, written: Path) -> Optional[str]:
    """A commented starter project file in ``folder``, unless a project file applies there
    already or other journeys are there; what ``init`` says of it.

    Without one, ``check`` on the folder judges the lone starter journey by a whole portfolio's
    bounds (W115: 2 moments of truth, fewer than 10). One in a folder above is never shadowed: the
    nearest project file wins, so a new one would cut the folder off that file's registry; nor
    is one written over journeys already there, whose W115 its bounds would silence.
    """
    from journeymap.cli.common import PROJECT_SCHEMA_FILE, schema_text
    from journeymap.journey.project import find_project
    from journeymap.journey.projectfile import PROJECT_FILE_NAMES
    from journeymap.resources import templates_root

    if find_project(folder) is not None or any((folder / name).exists() for name in PROJECT_FILE_NAMES):
        return None
    others = _other_journey(folder, written)
    if others is not None:
        return (f"wrote no project file: its bounds would apply to the journeys already here, such as {others}; "
                "add one yourself to set them (journeymap.yaml, see the README)")
    target = folder / PROJECT_FILE_NAMES[0]
    emit((templates_root() / "starter" / "journeymap.yaml").read_bytes(), str(target), journeys_too=True)
    schema = folder / PROJECT_SCHEMA_FILE  # its first line points editors at it
    if not schema.exists():
        emit(schema_text(project=True), str(schema))
    return (f"wrote {target} (the project file: the moments-of-truth bounds and a shared department registry "
            f"for the journeys in the folder) and {schema} (for editors)")


def _copy_templates(folder: Path, force: bool) -> None:
    """The packaged briefing templates, stylesheet and their README, copied into ``folder``."""
    from journeymap.briefing.templatestamp import STAMP, copied_files, stamp_text

    sources = copied_files()
    taken = [folder / name for name in [p.name for p in sources] + [STAMP] if (folder / name).exists()]
    if taken and not force:
        raise click.UsageError(f"{taken[0]} already exists ({len(taken)} of the files); use --force to overwrite")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.UsageError(f"cannot make the folder {folder}: {folder_trouble(folder, exc)}") from exc
    for source in sources:
        emit(source.read_bytes(), str(folder / source.name))
    # which journeymap they came from: a briefing with them says what changed in ours since (audit EQ)
    emit(stamp_text(), str(folder / STAMP))
    click.echo(f"wrote {len(sources)} files and {STAMP} into {folder}; edit them, then: journeymap brief FILE "
               f"--templates {_shell(str(folder))} (see {folder / 'README.md'})", err=True)
