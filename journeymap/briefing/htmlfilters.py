"""The filters our HTML pages (briefing, portfolio, build index, live preview) render user text
with: each value as a reader should see it (:func:`reader_value`: control characters out, a
right-to-left name set apart), back-quoted code as ``<code>``, no widow on a heading's last line,
breaks inside quotes and paths, names kept whole where sentences name them. The environments
themselves, kept compiled, are :mod:`journeymap.templatecache`'s; the portfolio, the build's index
and the live preview render with these too."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from journeymap.journey.nobreak import glue_units
from journeymap.journey.textsafe import bracketed, paired_isolates, quotes_isolated, set_apart


_CODE = re.compile(r"`([^`\n]+)`")
#: C0/C1 control characters (tab, newline, carriage return excepted): not printable, not XML.
#: The readers' pages (briefing, portfolio) drop them, where the map, Markdown and a terminal show
#: their pictures (:func:`~journeymap.journey.textsafe.control_picture`): DejaVu Sans has no
#: glyphs for those pictures, and a box of hex digits in the middle of a printed sentence says less
#: than nothing; the map keeps them visible as a sign that its source holds them.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printed(text: str) -> str:
    """``text`` as our pages print it, before escaping: its control characters removed, and a
    number kept on one line with its currency or percent sign (:func:`~.nobreak.glue_units`)."""
    return glue_units(CONTROL_CHARS.sub("", text))


def reader_value(value: Any) -> Any:
    """Every ``{{ value }}`` of our pages (briefing, portfolio, build index, live preview): control
    characters removed from plain strings (Markup is kept), bidirectional controls too but for the isolates
    that open and close in it (:func:`~journeymap.journey.textsafe.paired_isolates`: a U+202E in a
    touch-point's name reversed the rest of its table cell), and one that holds right-to-left text
    set apart from its neighbours, as ``<bdi>`` would (WeasyPrint ignores ``<bdi>`` and
    ``unicode-bidi``): "Support ☎️ שירות לקוחות: 2 of 33" read "Support ☎️ 2 :שירות לקוחות of 33".
    A number and its currency or percent sign are kept on one line (:func:`~.nobreak.glue_units`).
    A value whose right-to-left text is isolated within it already is left as it is: its names
    were isolated where it was composed, and a heading must still begin with its words ("The
    journey map", SPEC 4.2)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        value = paired_isolates(printed(value))
        return set_apart(value)
    return value


def code_spans(text: Any) -> Markup:
    """A finding's message for HTML: escaped, each `quoted` part of it (a key to write, such as
    `reliability:`) as ``<code>``, not with its backticks.

    >>> str(code_spans("add `metric:` <now>"))
    'add <code>metric:</code> &lt;now&gt;'
    """
    escaped = str(escape(quotes_isolated(printed(str(text)))))
    return Markup(_CODE.sub(r"<code>\1</code>", escaped))


_LAST_TWO = re.compile(r"^(.*\S)\s+(\S+\s+\S+)$", re.DOTALL)
#: Longer than this, two words are not held together: they could run past a narrow column, and
#: they pull a short word down with them ("... a business / customer of a / food-service
#: wholesaler" on business-ordering's cover: audit R). A long last word alone reads well enough.
_LONGEST_TAIL = 16


def no_widow(text: Any) -> Markup:
    """A title for HTML, escaped, its last two words kept on one line (``span.nobreak``, which
    the stylesheets do not wrap on paper or wide screens), so a wrapped title never ends on a line
    holding one word ("... in the / kitchen"). A span, not a no-break space: the PDF's bookmarks
    and text keep a plain space. Titles of three words or fewer, and long last words, are left
    as they are.

    >>> str(no_widow("Filing a claim after water damage in the kitchen "))
    'Filing a claim after water damage in <span class="nobreak">the kitchen</span>'
    >>> str(no_widow("Two  words"))
    'Two  words'
    >>> str(no_widow("Ordering supplies as a business customer of a food-service wholesaler"))
    'Ordering supplies as a business customer of a food-service wholesaler'
    """
    plain = printed(str(text))  # "12 / € al mes" broke a title (review DL)
    found = _LAST_TWO.match(plain.strip())
    if found is None or len(found.group(1).split()) < 2 or len(found.group(2)) > _LONGEST_TAIL:
        return escape(plain)
    head, tail = found.groups()
    return Markup(f'{escape(head)} <span class="nobreak">{escape(" ".join(tail.split()))}</span>')


def quote_breaks(text: Any) -> Markup:
    """A sentence for HTML, escaped, with a place to break a line (``<wbr>``) between a closing
    quote and a bracket after it: Unicode's line breaking (rule LB15, which Pango follows) keeps
    them together, so "handheld” (Warehouse & logistics)" went to the next line whole, leaving a
    gap at the end of the line before (the cracks page, audit BF).

    >>> str(quote_breaks("goes from “A & B” (Sales) to “C”"))
    'goes from “A &amp; B”<wbr> (Sales) to “C”'
    """
    value = reader_value(text)
    return Markup(str(escape(value)).replace("\u201d (", "\u201d<wbr> ("))


def path_breaks(text: Any) -> Markup:
    """A file's path for HTML, escaped, with a place to break a line (``<wbr>``) after each slash
    and before each dot: in a phone's narrow column, "newsletter-subscriber.journey.yaml" broke
    mid-word (audit DC); a name longer than its column still breaks anywhere (CSS ``overflow-wrap``).

    >>> str(path_breaks("maps/a&b/x.journey.yaml"))
    'maps/<wbr>a&amp;b/<wbr>x<wbr>.journey<wbr>.yaml'
    """
    return Markup(re.sub(r"(?<=[^/.])\.", "<wbr>.", str(escape(reader_value(text)))).replace("/", "/<wbr>"))


#: ``user`` with no language of its own: the page's (``user_lang``).
_PAGES = object()


@pass_context
def user_text(context: Context, value: Any, language: Any = _PAGES) -> Any:
    """A journey's own text (a name, a goal, a metric) set apart in the language it is written in,
    where the page says that language (``user_lang``, the HTML briefing of a journey not in
    English): ``<span lang="es">…</span>``, so that a screen reader reads it in that language, not
    as English, as the page is (WCAG 2.1, 3.1.2; audit DK). ``language``, where given, is the
    text's own (a row of one journey among journeys in several languages); None or empty: the
    page's English. Elsewhere, and empty, as it is.

    >>> from jinja2 import Environment
    >>> env = add_filters(Environment(autoescape=True, finalize=reader_value))
    >>> env.from_string("{{ n | user }}").render(n="Facturación & cobros", user_lang="es")
    '<span lang="es">Facturación &amp; cobros</span>'
    >>> env.from_string("{{ n | user }}").render(n="Billing", user_lang=None)
    'Billing'
    >>> env.from_string("{{ n | user(lang) }}").render(n="Rechnung", lang="de", user_lang=None)
    '<span lang="de">Rechnung</span>'
    """
    if language is _PAGES:
        language = context.get("user_lang")
    if not language or not value:
        return value
    return Markup('<span lang="{}">{}</span>').format(language, reader_value(value))


@pass_context
def names_kept(context: Context, value: Any) -> Markup:
    """``value`` for HTML (escaped, or as it is where it is markup already: :func:`code_spans`'s),
    each name of the page's ``kept_names`` (the leads) in it marked not to translate: neither a
    translator nor print's hyphenation nor the screen's soft hyphens then break it ("Who must act:
    Ελένη Σταυρο- / πούλου": audit DS, review DT). Only in text, never inside a tag, and only as
    whole words ("Ann" is not marked in "Annual")."""
    html = str(value) if isinstance(value, Markup) else str(escape(reader_value(value)))
    names = tuple(context.get("kept_names") or ())
    if not names:
        return Markup(html)
    return Markup(_names_pattern(names).sub(
        lambda m: m.group(0) if m.group(1) else f'<span translate="no">{_glued(m.group(0))}</span>', html))


#: A person's name up to this many characters is kept on one line: "Rafael Ocampo and Gareth /
#: Pritchard." left a surname alone on the cracks page's last line of a crack (audit FW's
#: reasons lengthened the sentences); a longer one ("Bartholomew Featherstonehaugh-Montgomery")
#: may break at its spaces, as a line may be narrower than it.
NAME_GLUED = 30


def _glued(name: str) -> str:
    """``name`` (escaped HTML) with no-break spaces where it is short enough to keep whole.

    >>> _glued("Gareth Pritchard"), _glued("Bartholomew Featherstonehaugh-Montgomery")[:12]
    ('Gareth\xa0Pritchard', 'Bartholomew ')
    """
    return name.replace(" ", "\u00a0") if len(name) <= NAME_GLUED else name


@lru_cache(maxsize=8)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """A tag or an entity (group 1, left as they are: a lead called "amp" was marked inside
    "&amp;": review DV), or one of ``names`` as escaped, as a reader's value sets it apart or
    as written (a right-to-left name is isolated in a sentence, not in a finding's message),
    longest first, as a whole word."""
    spelled = {str(escape(form)) for n in names if n.strip() for form in (reader_value(n), printed(n))}
    alternatives = "|".join(map(re.escape, sorted(spelled, key=len, reverse=True)))
    return re.compile(r"(<[^>]*>|&[#\w]+;)|(?<!\w)(?:" + alternatives + r")(?!\w)")


def add_filters(env: Environment) -> Environment:
    """Our filters (:func:`code_spans` as ``code``, :func:`no_widow`, :func:`quote_breaks`,
    :func:`path_breaks`, :func:`user_text` as ``user``, :func:`names_kept`, and
    :func:`~journeymap.journey.textsafe.bracketed` for a name set inside brackets) in ``env``."""
    env.filters["user"] = user_text
    env.filters["code"] = code_spans
    env.filters["no_widow"] = no_widow
    env.filters["quote_breaks"] = quote_breaks
    env.filters["path_breaks"] = path_breaks
    env.filters["bracketed"] = bracketed
    env.filters["names_kept"] = names_kept
    return env
