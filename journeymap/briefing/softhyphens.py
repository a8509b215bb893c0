"""Long words of a journey written in another language than English, broken by that language's
rules on screen (the HTML briefing and portfolio): a soft hyphen (``&shy;``) at each break its
hyphenation patterns allow, shown as a hyphen only where the browser breaks the line there.

Print breaks them with CSS (``hyphens: auto`` and WeasyPrint's ``-weasy-lang``, briefing.html.j2),
but browsers hyphenate only with a dictionary for the page's language, and Chromium on Linux has
none: a German journey's cover read "Kraftfahrzeughaft / pflichtschadenreg / ulierung" on a phone.
The same rule as print: words of :data:`LONGEST` letters or more, :data:`KEEP` letters at least on
each side of a break, by Pyphen's patterns (which WeasyPrint prints with). Our own English words
that long are broken by the journey's rules too, as in print ("Accoun-tability"): rarely, and
between syllables all the same. Text copied from the page is given without the soft hyphens
(``templates/softcopy.js``).

Only text between tags is touched, found by the standard library's HTML tokenizer (a real
parser, not a pattern over the markup): never an attribute (an id, a link, an ``aria-label``), nor
the text of the elements in :data:`UNTOUCHED` (scripts, style sheets, drawings: the map breaks
its own words; code), nor of an element marked ``translate="no"`` (an id a reader may copy). The
page is taken to be as our templates and the cleaner of a team's templates write it: every
element that holds text closed by its end tag (the tokenizer does not imply a missing one).
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from typing import Any

#: As print's ``hyphenate-limit-chars: 12 5 5``: shorter words, and our own English ones of up
#: to 11 letters, are left whole ("da- / shed" read by German rules: review DF).
LONGEST = 12
KEEP = 5
SOFT_HYPHEN = "&shy;"
#: Elements whose text is never hyphenated: code and what a browser does not show as text.
UNTOUCHED = frozenset({"script", "style", "svg", "math", "code", "pre", "kbd", "samp", "textarea", "title",
                       "template", "noscript", "xmp", "plaintext", "iframe", "noembed", "noframes"})
#: Elements that have no end tag, so no text of their own: ``translate="no"`` on one marks nothing.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})
_WORD = re.compile(r"[^\W\d_]{%d,}" % LONGEST)


@functools.lru_cache(maxsize=8)
def _hyphenator(language: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=language, left=KEEP, right=KEEP)


def hyphenated_word(word: str, language: str) -> str:
    """``word`` with a soft hyphen at each break ``language``'s patterns allow (none in a word
    shorter than :data:`LONGEST` letters).

    >>> hyphenated_word("Kraftfahrzeughaftpflicht", "de")
    'Kraft&shy;fahr&shy;zeug&shy;haft&shy;pflicht'
    >>> hyphenated_word("Gutachter", "de")
    'Gutachter'
    """
    if len(word) < LONGEST:
        return word
    return str(_hyphenator(language).inserted(word, hyphen=SOFT_HYPHEN))


class _Texts(HTMLParser):
    """Where each run of hyphenable text starts in the document, and the run."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.runs: list[tuple[int, str]] = []
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", html))]
        self._closing: list[str] = []  # the element that began the untouched part, and those inside it of its name
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Any]]) -> None:
        if self._closing:
            if tag == self._closing[0]:
                self._closing.append(tag)
        elif tag in UNTOUCHED or tag not in VOID and any(name == "translate" and (value or "").lower() == "no" for name, value in attrs):
            self._closing.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._closing and tag == self._closing[0]:
            self._closing.pop()

    def handle_data(self, data: str) -> None:
        if not self._closing and _WORD.search(data):
            line, column = self.getpos()
            self.runs.append((self._line_starts[line - 1] + column, data))


def soft_hyphens(html: str, language: str) -> str:
    """``html`` with soft hyphens in the long words of its text (see the module's docstring), by
    the hyphenation patterns of ``language`` (Pyphen's name: "de", "fr", "nb").

    >>> soft_hyphens('<h1 title="Schadenregulierung">Schadenregulierung</h1>', "de")
    '<h1 title="Schadenregulierung">Schaden&shy;re&shy;gu&shy;lierung</h1>'
    """
    pieces, done = [], 0
    for start, run in _Texts(html).runs:
        if html.startswith(run, start):  # a run not where the tokenizer says is left as it is (never seen)
            pieces += [html[done:start], _WORD.sub(lambda m: hyphenated_word(m.group(), language), run)]
            done = start + len(run)
    return "".join(pieces) + html[done:]
