"""The ``journeymap`` console script and ``python -m journeymap``.

It imports the command line first (click, the commands' modules: a tenth of a second), and a
Ctrl-C in that time ended the command with a traceback from the imports (audit CB); here it
ends as any other Ctrl-C does, with status 130. Nothing is imported before the ``try`` but the
packages ``journeymap`` and ``journeymap.cli``, which import no more than the version.
"""

from __future__ import annotations

import sys


def run() -> None:
    """Run one ``journeymap`` command; the process ends with it."""
    try:
        from journeymap.cli.main import run as command
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted (Ctrl-C) while starting; nothing was written\n")
        raise SystemExit(130) from None
    command()
