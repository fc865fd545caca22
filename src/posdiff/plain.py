"""The base of posdiff's plain classes: the model and every result on a command's way.

They are written out by hand (``__slots__`` and an ``__init__``) rather than made by
`dataclasses` or `typing.NamedTuple`, because making a class of those runs generated code
(0.4-0.7 ms a dataclass here, 0.1-0.3 ms a NamedTuple, against 0.01 ms), and every
command imports these. A value that is not changed once made is `Frozen`: hashable by
its fields, as a tuple of them would be.
"""

from __future__ import annotations

from typing import Any, Self


class Plain:
    """Equality, repr and ``replace`` from a class's ``__slots__``, which list its fields
    in the order its constructor takes them."""

    __slots__ = ()  # and no __hash__: defining __eq__ leaves it None, as some change

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(
            getattr(self, name) == getattr(other, name) for name in self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields())
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``, made by the constructor (so its rules apply)."""
        fields = self._fields()
        if unknown := sorted(set(changes) - set(fields)):
            raise TypeError(f"{type(self).__name__} has no field {', '.join(unknown)}")
        return type(self)(**{**{name: getattr(self, name) for name in fields}, **changes})

    def _fields(self) -> tuple[str, ...]:
        fields: tuple[str, ...] = self.__slots__
        return fields


class Frozen(Plain):
    """A value not changed once made (copy it with ``replace``): hashable by its fields."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self._fields()))
