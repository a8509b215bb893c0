"""Pyphen's dictionaries read lazily break every word where Pyphen's own reading breaks it
(journeymap/journey/hyphendict.py: German's 66,000 patterns took 0.53 s to read whole)."""

from __future__ import annotations

import functools
import random

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.journey.hyphendict import LazyPatterns, make_ready
from journeymap.journey.language import hyphenation_language

#: German (the biggest), Hungarian (its patterns carry non-standard breaks: "ssz=sz"), and others
#: of other scripts and encodings (Russian and Ukrainian in Cyrillic, Greek).
LANGUAGES = ("de", "hu", "fr", "nl", "nb", "sv", "en_US", "pl", "ru", "uk", "el")
WORDS = ("Kraftfahrzeughaftpflichtschadenregulierung", "Versicherungsnehmerin", "Schiffahrt", "Rückgabe",
         "asszonnyal", "surconsommation", "l’interlocutrice", "verzekeringsmaatschappij", "ÄRGERNIS", "x", "")


@pytest.fixture(autouse=True)
def own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyphen, "hdcache", {})


@functools.lru_cache(maxsize=None)  # read each once: German's whole reading takes half a second
def _both(language: str) -> tuple[pyphen.HyphDict, pyphen.HyphDict]:
    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    make_ready(language)
    lazy = pyphen.hdcache.pop(path)
    assert isinstance(lazy.patterns, LazyPatterns)
    return lazy, pyphen.HyphDict(path)


def _breaks(dictionary: pyphen.HyphDict, word: str) -> list[tuple[int, object]]:
    return [(int(p), p.data) for p in dictionary.positions(word)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_words_break_where_pyphen_breaks_them(language: str) -> None:
    lazy, whole = _both(language)
    assert lazy.maxlen == whole.maxlen
    letters = [key.strip(".") for key in whole.patterns]
    pick = random.Random(language)
    words = {(pick.choice(letters) + pick.choice(letters) + pick.choice(letters))[:24] for _ in range(1500)}
    words |= set(WORDS)
    assert [w for w in sorted(words) if _breaks(lazy, w) != _breaks(whole, w)] == []
    assert sum(bool(_breaks(whole, w)) for w in words) > len(words) // 3  # words that do break


def test_a_non_standard_break_keeps_its_change():
    lazy, whole = _both("hu")
    found = [p.data for p in lazy.positions("asszonnyal") if p.data]
    assert found and found == [p.data for p in whole.positions("asszonnyal") if p.data]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß", min_size=1, max_size=30))
def test_any_german_word_breaks_as_pyphen_breaks_it(word: str) -> None:
    lazy, whole = _both("de")
    assert _breaks(lazy, word) == _breaks(whole, word)


def test_the_dictionary_is_shared_with_every_hyphenator_of_its_language():
    assert hyphenation_language("de") == "de"
    path = pyphen.LANGUAGES["de"]
    shared = pyphen.hdcache[path]
    assert isinstance(shared.patterns, LazyPatterns)
    # as WeasyPrint asks for it when it prints (weasyprint/text/line_break.py), and our map
    assert pyphen.Pyphen(lang="de", left=2, right=2).hd is shared
    assert pyphen.Pyphen(lang="de", left=5, right=5).inserted("Versicherungsnehmerin") == "Versi-che-rungs-neh-merin"


def test_a_dictionary_already_read_or_a_release_not_followed_is_left_to_pyphen(monkeypatch):
    path = pyphen.LANGUAGES["fr"]
    whole = pyphen.HyphDict(path)
    pyphen.hdcache[path] = whole
    make_ready("fr")
    assert pyphen.hdcache[path] is whole
    monkeypatch.setattr(pyphen, "__version__", "1.0.0")
    make_ready("nl")
    make_ready("no-such-language")
    assert list(pyphen.hdcache) == [path]
