"""What the typed values of the pipeline are built on: msgspec's ``Struct``.

The journey, its analysis, the findings and the planned map are immutable records. They were
frozen dataclasses, and Python 3.11 builds a dataclass by compiling its ``__init__``, ``__eq__``,
``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` from source text every time the
module is imported: about 1 ms a record, 35 ms of the 34 a ``render`` imports, a sixth of a
30-touch-point render (measured with ``dataclasses._process_class`` timed in place). A ``Struct``
is built in C (0.02 ms), and makes a four-field instance in 0.13 µs where the dataclass took
0.84 µs.

A few records keep a field out of their equality, as ``field(compare=False)`` did: their
``__eq__`` and ``__hash__`` come from :func:`equal_without` and :func:`hash_without`. Copies
with changes are made with ``msgspec.structs.replace``, which, like ``dataclasses.replace``,
does not carry over what a ``cached_property`` worked out. The records only ``brief``,
``portfolio``, ``diff`` and ``serve`` make stay dataclasses: those commands take seconds.
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct


def _kept(record: Struct, left_out: frozenset[str]) -> tuple[Any, ...]:
    return tuple(getattr(record, name) for name in record.__struct_fields__ if name not in left_out)


def equal_without(record: Struct, other: Struct, left_out: frozenset[str]) -> bool:
    """``record == other`` on every field but ``left_out``, for two records of one type (an
    ``__eq__`` answers ``NotImplemented`` for another type first, as a dataclass's does, so that
    ``record == mock.ANY`` still asks ``ANY``)."""
    return _kept(record, left_out) == _kept(other, left_out)


def hash_without(record: Struct, left_out: frozenset[str]) -> int:
    """The hash of every field of ``record`` but ``left_out``."""
    return hash(_kept(record, left_out))
