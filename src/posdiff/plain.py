"""The base of posdiff's plain classes: the model and every result on a command's way.

They are written out by hand (``__slots__`` and an ``__init__``) rather than made by
`dataclasses`, because making a dataclass runs generated code through `exec`, about a
millisecond a class at import, and every command imports these. A class that needs only
fields and no change after it is made is a `NamedTuple`, which costs a tenth of that.
"""

from __future__ import annotations

from typing import Any, Self


class Plain:
    """Equality, repr and ``replace`` from a class's ``__slots__``, which list its fields
    in the order its constructor takes them."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # equal by value, and some change

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
