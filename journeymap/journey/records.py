"""What the typed values of the pipeline are built on: msgspec's ``Struct``.

The journey, its analysis, the findings and the planned map are immutable records. They were
frozen dataclasses, and Python 3.11 builds a dataclass by compiling its ``__init__``, ``__eq__``,
``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` from source text every time the
module is imported: about 1 ms a record, 35 ms of the 34 a ``render`` imports, a sixth of a
30-touch-point render (measured with ``dataclasses._process_class`` timed in place). A ``Struct``
is built in C (0.02 ms), and makes a four-field instance in 0.13 µs where the dataclass took
0.84 µs.

A few records keep a field out of their equality, as ``field(compare=False)`` did: they are
decorated with :func:`leaves_out`. Copies with changes are made with ``msgspec.structs.replace``,
which, like ``dataclasses.replace``, does not carry over what a ``cached_property`` worked out.
The records only ``brief``, ``portfolio``, ``diff`` and ``serve`` make stay dataclasses: those
commands take seconds.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from msgspec import Struct

R = TypeVar("R", bound=Struct)


def leaves_out(*names: str) -> Callable[[type[R]], type[R]]:
    """A class decorator: the record's ``==`` and hash look at every field but ``names``. Another
    type's record is answered ``NotImplemented``, as a dataclass's ``__eq__`` answers, so that
    ``record == mock.ANY`` still asks ``ANY``."""
    left_out = frozenset(names)

    def kept(record: Struct) -> tuple[Any, ...]:
        return tuple(getattr(record, name) for name in record.__struct_fields__ if name not in left_out)

    def equal(self: Struct, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Struct)
        return kept(self) == kept(other)

    def decorate(cls: type[R]) -> type[R]:
        unknown = left_out - set(cls.__struct_fields__)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        setattr(cls, "__eq__", equal)
        setattr(cls, "__hash__", lambda self: hash(kept(self)))
        return cls

    return decorate
