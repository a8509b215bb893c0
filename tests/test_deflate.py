"""pydyf's streams deflated at zlib's level 6 while a briefing renders (deflate): the same pages,
pydyf's own zlib given back afterwards (also after an error)."""

from __future__ import annotations

import zlib

import pytest

from journeymap.briefing.deflate import LEVEL, default_deflate

pydyf = pytest.importorskip("pydyf")


def test_level_nine_is_deflated_at_six_while_held_and_pydyf_s_own_zlib_given_back() -> None:
    data = b"q 1 0 0 1 10 10 cm BT /F1 8 Tf (Customer journey briefing) Tj ET Q\n" * 2000
    with default_deflate() as held:
        assert held and pydyf.zlib is not zlib
        squeezed = pydyf.zlib.compressobj(level=9)
        deflated = squeezed.compress(data) + squeezed.flush()
        kept = pydyf.zlib.compressobj(level=1)  # any other level as asked
        assert kept.compress(data) + kept.flush() == zlib.compress(data, 1)
    assert pydyf.zlib is zlib
    assert zlib.decompress(deflated) == data
    mine = zlib.compressobj(LEVEL)
    assert deflated == mine.compress(data) + mine.flush()


def test_given_back_after_an_error() -> None:
    with pytest.raises(RuntimeError):
        with default_deflate():
            raise RuntimeError("boom")
    assert pydyf.zlib is zlib

