"""The ``journeymap`` console script and ``python -m journeymap``.

It imports the command line first (click, the commands' modules: a tenth of a second), and a
Ctrl-C in that time ended the command with a traceback from the imports (audit CB); here it
ends as any other Ctrl-C does, with status 130. Nothing is imported before the ``try`` but the
packages ``journeymap`` and ``journeymap.cli``, which import no more than the version.
"""

from __future__ import annotations

import sys


def utf8_streams() -> None:
    """Standard output and error that cannot fail on a journey's text. Redirected or piped through
    another encoding (a Windows runner's cp1252, a C locale's ASCII), `check` ended in a
    UnicodeEncodeError at the first "ń" of a finding, exit status 1 and an empty SARIF or JSON
    file (audit FX): a file or pipe gets UTF-8, as the exports and `diff` write it (what reads it
    as the locale's encoding sees those letters garbled, not an empty report); a terminal keeps its
    encoding, and so does an encoding asked for by ``PYTHONIOENCODING``, with what they cannot
    show escaped."""
    import os

    asked = bool(os.environ.get("PYTHONIOENCODING"))
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8") or not hasattr(stream, "reconfigure"):
            continue
        try:
            if asked or stream.isatty():
                stream.reconfigure(errors="backslashreplace")
            else:  # its own way with what cannot be encoded kept: stderr's backslashes (review FY)
                stream.reconfigure(encoding="utf-8", errors=stream.errors)
        except (OSError, ValueError):  # closed, or not a stream that can change
            continue


def run() -> None:
    """Run one ``journeymap`` command; the process ends with it."""
    utf8_streams()
    try:
        from journeymap.cli.main import run as command
    except KeyboardInterrupt:
        sys.stderr.write("Error: interrupted (Ctrl-C) while starting; nothing was written\n")
        raise SystemExit(130) from None
    command()
