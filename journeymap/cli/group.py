"""The ``journeymap`` command group's class: the commands in modules of their own imported on
first use, help with examples, a mistyped command told the one meant, and Ctrl-C, a full disk or
an unreachable folder as clean errors rather than tracebacks."""

from __future__ import annotations

import errno
import importlib
from typing import Optional

import click

from journeymap.cli.common import OutputProblem, unreachable
from journeymap.cli.stopping import stop_on_signals, stop_requested, stopped_by
from journeymap.cli.helptext import Group


#: What writing to standard output can fail with when the disk or device is at fault.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT})

# Commands in modules of their own, imported only when run (or listed by --help): a render
# does not pay for importing build, diff and their helpers.
LAZY_COMMANDS = {
    "render": "journeymap.cli.outputs:render",
    "brief": "journeymap.cli.outputs:brief",
    "build": "journeymap.cli.build:build",
    "diff": "journeymap.cli.diff:diff",
    "portfolio": "journeymap.cli.portfolio:portfolio",
    "serve": "journeymap.cli.serve:serve",
    "init": "journeymap.cli.starter:init",
}


class Interrupted(click.ClickException):
    """Ctrl-C or SIGTERM (``by``, as :func:`.stopping.stopped_by` names it): exit status 130, as
    the shell gives a program that SIGINT ended (1 means the input has errors, and CI must not read
    an interrupted run as that)."""

    exit_code = 130

    def __init__(self, by: str = "Ctrl-C") -> None:
        super().__init__(f"interrupted ({by}); outputs are written whole or not at all, "
                         "so nothing half-written is left")


def os_problem(exc: OSError) -> Optional[click.ClickException]:
    """An operating-system error that reached the command group as the usage error it is, or None."""
    if isinstance(exc, PermissionError):  # a folder on an output's way not open to us (review DT: a traceback)
        return unreachable(exc)
    if exc.errno == errno.ENAMETOOLONG:  # -o of 260 characters: a traceback from output_path (audit EG)
        return OutputProblem(f"{exc.filename}: {exc.strerror}; give a shorter name" if exc.filename
                             else f"{exc.strerror or exc}; give a shorter name")
    if exc.filename is None and exc.errno in _WRITE_ERRORS:
        return OutputProblem(f"cannot write the output: {exc.strerror or exc}")
    return None


class LazyGroup(Group):
    """The ``journeymap`` group (help with examples and exit statuses), importing the commands of
    :data:`LAZY_COMMANDS` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, the lazy ones included."""
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def invoke(self, ctx: click.Context) -> object:
        """Run the command, Ctrl-C and SIGTERM stopping it (:mod:`.stopping`); a full disk or a
        failing device under standard output, or a path too long for the file system, is a clean
        error (exit status 2), not a traceback. (Click itself ends quietly on a closed pipe.)"""
        try:
            with stop_on_signals():
                return super().invoke(ctx)
        except KeyboardInterrupt as exc:  # click would say "Aborted!" and exit 1, the status of input errors
            raise Interrupted(stopped_by()) from exc
        except Exception as exc:
            if stop_requested() and not isinstance(exc, click.exceptions.Exit):
                raise Interrupted(stopped_by()) from exc  # the stop, lost on its way, became this error (stopping.py)
            problem = os_problem(exc) if isinstance(exc, OSError) else None
            if problem is None:
                raise
            raise problem from exc

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        """The command called ``cmd_name``, importing its module when it is a lazy one."""
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            module, _, name = LAZY_COMMANDS[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[Optional[str], Optional[click.Command], list[str]]:
        """The command ``args`` name; an unknown one is a usage error that names the command
        meant (``journeymap rendr``: "Did you mean 'render'?")."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib  # only for a mistyped command

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=1, cutoff=0.6)
            if close:
                ctx.fail(f"No such command {name!r}. Did you mean {close[0]!r}?")
        return super().resolve_command(ctx, args)
