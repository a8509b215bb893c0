"""What ``--help`` shows beyond the docstrings: examples and exit statuses, and wrapping that never
breaks a word (click's wrapper splits hyphenated words such as ``yaml-language-server``).

Every command added to the ``journeymap`` group gets the examples and exit statuses below as its
epilog (each unless its own help already has them) and the word-keeping formatter.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

import click

_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_KEPT = "\u2011"  # a non-breaking hyphen while wrapping; written out as "-" again

EXIT_USAGE_LINE = "2  usage error: unknown option, unreadable file, unwritable output"
EXIT_ENV_LINE = "3  Graphviz or the PDF engine missing or failed, or the layout timed out"

EXAMPLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "check": (("journeymap check maps/",
               "journeymap check --strict --format github maps/",
               "cat maps/home-claim.journey.yaml | journeymap check -"),
              ("0  no errors (warnings alone pass unless --strict)",
               "1  errors found, or warnings with --strict",
               "2  usage error: unknown option, missing file, no journey file found")),
    "render": (("journeymap render maps/home-claim.journey.yaml",
                "journeymap render maps/home-claim.journey.yaml -o home-claim.png",
                "journeymap render - -o - < maps/home-claim.journey.yaml > home-claim.svg"),
               ("0  the map was written", "1  the journey has errors (they are printed)",
                EXIT_USAGE_LINE, EXIT_ENV_LINE)),
    "brief": (("journeymap brief maps/home-claim.journey.yaml",
               "journeymap brief maps/home-claim.journey.yaml --page slide -o deck.pdf",
               "journeymap brief maps/home-claim.journey.yaml --html --since main"),
              ("0  the briefing was written", "1  the journey has errors (they are printed)",
               "2  usage error: unknown option, unreadable file, unwritable output,",
               "   or --templates that fail (told at their file and line)", EXIT_ENV_LINE)),
    "build": (("journeymap build", "journeymap build maps/ -o site/ -j 4",
               "journeymap build --check"),
              ("0  every output was built (or, with --check, is up to date)",
               "1  a journey has errors, or --check found missing or stale outputs",
               "2  usage error: unknown option, no journey file found", EXIT_ENV_LINE)),
    "export": (("journeymap export maps/home-claim.journey.yaml --format json",
                "journeymap export maps/home-claim.journey.yaml -o home-claim.md",
                "journeymap export - --format mermaid < maps/home-claim.journey.yaml"),
               ("0  the export was written", "1  the journey has errors (they are printed)",
                EXIT_USAGE_LINE)),
    "schema": (("journeymap schema > journeymap.schema.json",),
               ("0  the schema was printed",)),
    "init": (("journeymap init", "journeymap init maps/ --name home-claim", "journeymap init brand/ --templates"),
             ("0  the starter journey (and the schema beside it) was written",
              "2  usage error: the file exists (use --force), unknown option")),
    "diff": (("journeymap diff old.journey.yaml new.journey.yaml --fail-on regression",
              "journeymap diff --format json main:maps/home-claim.journey.yaml \\",
              "    maps/home-claim.journey.yaml",
              "git show HEAD~1:maps/home-claim.journey.yaml | \\",
              "    journeymap diff - maps/home-claim.journey.yaml"),
             ("0  compared (and no regression with --fail-on regression)",
              "1  a version has errors, or --fail-on regression found a regression",
              "2  usage error: unknown option or revision, missing file, unwritable output",
              "3  Graphviz missing or failed, or the layout timed out (--map only)")),
    "portfolio": (("journeymap portfolio", "journeymap portfolio maps/ -o portfolio.pdf",
                   "journeymap portfolio maps/ --format json -o -",
                   "journeymap portfolio maps/ --since v2026-q3 -o portfolio.pdf"),
                  ("0  the portfolio was written", "1  input errors (see the findings)",
                   "2  usage error: unknown option, missing folder, unknown revision (--since)",
                   "3  the PDF engine missing or failed (--format pdf)")),
    "serve": (("journeymap serve", "journeymap serve maps/ --port 8080"),
              ("0  stopped with Ctrl-C", "2  usage error: unknown option, missing folder, port in use")),
}
GROUP = (("journeymap init maps/", "journeymap check maps/", "journeymap render maps/my-journey.journey.yaml",
          "journeymap build maps/ -o build/", "journeymap COMMAND --help"),
         ("0  success", "1  the input has errors (or warnings with --strict),",
          "   outputs to remake (build --check), a regression",
          "   (diff --fail-on regression)",
          "2  usage error: unknown option, missing file,", "   no journey file found, port in use", EXIT_ENV_LINE,
          "130  stopped with Ctrl-C"))
GENERIC = ((), ("0  success", "1  the input has errors", EXIT_USAGE_LINE, EXIT_ENV_LINE))


def epilog(name: str, examples: bool = True, statuses: bool = True) -> str:
    """The examples and exit statuses of command ``name`` (``""``: the group) as a click epilog."""
    lines, codes = EXAMPLES.get(name, GENERIC) if name else GROUP
    parts = []
    if examples and lines:
        parts.append("\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines))
    if statuses:
        parts.append("\b\nExit status:\n" + "\n".join(f"  {line}" for line in codes))
    return "\n\n".join(parts)


class HelpFormatter(click.HelpFormatter):
    """click's formatter, except that a hyphenated word is never split across lines."""

    def write(self, string: str) -> None:
        """Write ``string``, turning the kept hyphens back into plain ones."""
        super().write(string.replace(_KEPT, "-"))

    def write_text(self, text: str) -> None:
        """Wrap ``text`` as click does, but at spaces only."""
        super().write_text(_INNER_HYPHEN.sub(_KEPT, text))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Write the option table, wrapping its help texts at spaces only."""
        super().write_dl([(first, _INNER_HYPHEN.sub(_KEPT, second)) for first, second in rows], col_max, col_spacing)


class HelpContext(click.Context):
    """A context whose help uses :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


class Group(click.Group):
    """The ``journeymap`` group: each command it gets has examples, exit statuses and tidy wrapping."""

    context_class = HelpContext

    def add_command(self, cmd: click.Command, name: Optional[str] = None) -> None:
        """Register ``cmd`` with the help additions of this module."""
        cmd.context_class = HelpContext
        text = cmd.help or ""
        if not cmd.epilog:
            cmd.epilog = epilog(name or cmd.name or "", "Example" not in text, "Exit status" not in text) or None
        super().add_command(cmd, name)
