"""The one place where text becomes DOT: every user string passes through here.

Two contexts exist in the DOT we write:

* HTML-like labels (``label=<...>``): all user text goes there, each fragment through
  :func:`html_text`. Graphviz parses these labels as XML, so escaping ``& < > " '`` makes any
  text literal: markup, entities and record syntax alike. Graphviz still expands its escape
  sequences (``\\N`` is the node's name, ``\\G`` the graph's) inside HTML labels, so every
  backslash is doubled as well.
* Quoted strings (``"..."``) for ids, classes, colours and fixed words. User text never goes
  there, but :func:`dot_string` still escapes backslashes and quotes so a stray value cannot
  end the string early.
"""

from __future__ import annotations

import re

from journeymap.journey.textsafe import FOLDABLE_SPACE, control_picture, paired_isolates

_SAFE_ID = re.compile(r"^[A-Za-z0-9_.:-]+$")
#: White space a label folds into one space: not the no-break spaces, kept as written so that text
#: copied from the map has them (audit DG).
_SPACE = FOLDABLE_SPACE
# Characters XML (and so Graphviz's label parser) does not accept, apart from white space.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def visible(text: str) -> str:
    """``text`` with control characters shown as their Unicode pictures (XML cannot carry them).

    >>> visible("bell\x07 esc\x1b[31m")
    'bell␇ esc␛[31m'
    """
    return _NOT_XML.sub(control_picture, text)


def html_text(text: str) -> str:
    """``text`` made literal inside a Graphviz HTML-like label.

    White space runs (including line breaks) become single spaces; line breaks in labels are
    always ours (``<BR/>``), never the user's.

    >>> html_text('<x> image="/etc/passwd"')
    '&lt;x&gt; image=&quot;/etc/passwd&quot;'
    >>> html_text("{a|b} & 'c'")
    '{a|b} &amp; &#x27;c&#x27;'
    >>> html_text("C:\\\\ and \\\\N")
    'C:\\\\\\\\ and \\\\\\\\N'
    >>> html_text("&amp; stays text")
    '&amp;amp; stays text'
    >>> html_text("]]")
    '&#93;&#93;'

    Bidirectional overrides are dropped, as on every page a reader lays out
    (:func:`~journeymap.journey.textsafe.paired_isolates`): a U+202E in a name drew the rest of
    its box's line reversed.
    """
    flat = visible(_SPACE.sub(" ", paired_isolates(text)))
    # html.escape(flat, quote=True), written out: the html module costs a millisecond to import.
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # "]" as a reference too: Graphviz 2.43 rejects a label text that is just "]" or "]]".
    flat = flat.replace("]", "&#93;")
    return flat.replace('"', "&quot;").replace("'", "&#x27;").replace("\\", "\\\\")


def xml_text(text: str) -> str:
    """``text`` made literal as the content of an SVG (XML) element, such as a ``<title>``.

    >>> xml_text('a <b> & "c"')
    'a &lt;b&gt; &amp; &quot;c&quot;'
    """
    flat = visible(_SPACE.sub(" ", paired_isolates(text)))
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return flat.replace('"', "&quot;").replace("'", "&#x27;")


def dot_string(value: str) -> str:
    """``value`` as a double-quoted DOT string that ends where we say it ends.

    >>> dot_string('tp-call')
    '"tp-call"'
    >>> print(dot_string('say "hi" \\\\'))
    "say \\"hi\\" \\\\"
    """
    if value.isascii() and value.isprintable() and '"' not in value and "\\" not in value and "  " not in value:
        return f'"{value}"'  # nothing to change: the common case, without the regular expressions
    flat = visible(_SPACE.sub(" ", value))
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_id(value: str) -> str:
    """A node, edge or cluster identifier; only our own safe characters are accepted.

    Identifiers are built from slug ids (``^[a-z0-9][a-z0-9_-]*$``) and fixed prefixes, so
    anything else is a programming error, not user input.

    >>> dot_id("tp-call-hotline")
    '"tp-call-hotline"'
    >>> dot_id('x" -> y')
    Traceback (most recent call last):
    ...
    ValueError: unsafe DOT identifier: 'x" -> y'
    """
    if not _SAFE_ID.fullmatch(value):  # (match allowed a newline at the end: `$`)
        raise ValueError(f"unsafe DOT identifier: {value!r}")
    return f'"{value}"'


def html_label(markup: str) -> str:
    """Wrap already-escaped label markup as an HTML-like label value (``<...>``)."""
    return f"<{markup}>"
