"""The language a journey is written in, for breaking its long words where its readers expect:
a German journey's "Kraftfahrzeughaftpflichtschadenregulierung" broke "…schadenr / egulierung"
on the briefing's cover, with English hyphenation or none (audit DE).

The journey file names no language (SPEC 1), so it is recognised from the journey's own words
by ``langdetect`` (a port of Google's language-detection library: character n-gram profiles of
55 languages), seeded so that the same text always gets the same answer. Hand-written rules
could tell German from English by its umlauts, not Dutch from German or Spanish from
Portuguese.
"""

from __future__ import annotations

import functools
import re
from typing import Iterator, Optional

from journeymap.journey.hyphendict import make_ready
from journeymap.journey.model import Journey

#: The language assumed where the journey's words do not say (too few, or mixed): our own
#: headings' language.
DEFAULT = "en"
#: How sure the recognition must be to be believed.
SURE = 0.9
#: English's commonest words that no other language of Latin letters writes often, and the share
#: of a journey's words they are where it is in English: langdetect loads its 55 profiles in a
#: quarter of a second, a tenth of a briefing's time, and most journeys are in English. English
#: journeys measured 11-18 % (the examples, the tests' and generated ones; terse ones 0-8 %, and go
#: to langdetect), German, French, Dutch, Spanish, Polish, Finnish, Danish and Norwegian ones 0 %.
#: Not "a", "on", "in", "is", "an", "or", "as" (French, German and Dutch write them: colloquial
#: French, "on a attendu", read as English: audit DG), nor "for", "to", "by", "of", "it", "will"
#: (Danish, Norwegian, Dutch, German; "IT" in a German journey: review DH).
ENGLISH_WORDS = frozenset("the and with from are this that your you when its be".split())
ENGLISH_SHARE = 0.06
#: A word, an elided one whole ("n'a", "qu’on": not the English-looking "a" and "on").
_LETTERS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def _words(journey: Journey) -> Iterator[str]:
    """The journey's own text: title, summary, stages, departments and touch-points."""
    yield journey.title
    if journey.summary:
        yield journey.summary
    for stage in journey.stages:
        yield stage.name
        if stage.goal:
            yield stage.goal
    for dept in journey.departments:
        yield dept.name
    for tp in journey.touchpoints:
        yield tp.name
        yield from (text for text in (tp.expectation, tp.notes) if text)
        yield from tp.pain_points


@functools.lru_cache(maxsize=16)  # asked for the map, then for the briefing's pages: one detection
def text_language(text: str) -> str:
    """The language ``text`` is written in, as a two-letter code ("de", "fr"; "zh-cn" and "zh-tw"
    for Chinese), else :data:`DEFAULT`.

    >>> text_language("Schadenmeldung telefonisch aufnehmen und Gutachter beauftragen")
    'de'
    >>> text_language("12 34"), text_language("")
    ('en', 'en')
    >>> text_language("The customer calls the contact centre and is passed to the claims team " * 2)
    'en'
    """
    words = [word.lower() for word in _LETTERS.findall(text) if not (len(word) > 1 and word.isupper())]  # not "IT"
    if len(words) >= 20 and sum(word in ENGLISH_WORDS for word in words) >= ENGLISH_SHARE * len(words):
        return DEFAULT  # told by its commonest words, without loading langdetect's profiles
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # its sampling is random unless seeded: the same text, the same answer
    try:
        found = detect_langs(text)
    except LangDetectException:  # no letters to go by
        return DEFAULT
    return found[0].lang if found and found[0].prob >= SURE else DEFAULT


def journey_language(journey: Journey) -> str:
    """The language of ``journey``'s own words (see :func:`text_language`)."""
    return text_language("\n".join(_words(journey)))


#: Languages whose lines break without a hyphen, though Pyphen has patterns for them: Thai
#: (between words, unspaced) and those of India's scripts (review DF: "ฝ่ายบริ‐").
NO_HYPHEN = frozenset({"th", "as", "bn", "gu", "hi", "kn", "ml", "mr", "or", "pa", "ta", "te"})
#: langdetect's names where Pyphen's differ: Norwegian is Bokmål.
PYPHEN_NAMES = {"no": "nb"}


def hyphenation_language(language: str) -> Optional[str]:
    """The hyphenation dictionary (Pyphen's, which WeasyPrint uses) for ``language``, None where
    there is none, or its lines break without a hyphen (Japanese, Chinese, Thai: between
    characters or words). The dictionary is made ready to be read lazily (:mod:`.hyphendict`).

    >>> hyphenation_language("de"), hyphenation_language("ja"), hyphenation_language("th"), hyphenation_language("no")
    ('de', None, None, 'nb')
    """
    if language in NO_HYPHEN:
        return None
    import pyphen

    found = pyphen.language_fallback(PYPHEN_NAMES.get(language, language).replace("-", "_"))
    if not found:
        return None
    make_ready(found)  # read lazily, for the map, the HTML and WeasyPrint alike (German's took 0.5 s)
    return str(found)


def foreign_language(journey: Journey) -> Optional[str]:
    """The language of ``journey``'s own words where it is not English (our pages'), else None."""
    language = journey_language(journey)
    return None if language == DEFAULT else language


def word_breaks(journey: Journey) -> Optional[str]:
    """The hyphenation dictionary a long word of ``journey`` breaks by, where it is written in a
    language other than English (an English one breaks as before: its words rarely outgrow a
    line), else None."""
    language = foreign_language(journey)
    return None if language is None else hyphenation_language(language)
