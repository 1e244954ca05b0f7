"""Ghi nhớ giữa các lần dựng (results kept from one build to the next, in one process).

``mkdocs serve`` plans the whole site again after every edit, in the same process; most of
what a plan computes from a text (its rendered Markdown, its structure, its search terms,
whether it holds personal data) is a pure function of that text, and the text did not
change. A :class:`Memo` keeps such results for the next build only: what the last build
did not ask for is dropped, so it never holds more than one build's worth, and a result is
only ever reused for the very same input (keys are digests of the whole input and of
everything else the function reads).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

#: whether results are kept for the next build: only while serving (the adapter's
#: on_startup says so); a single build keeps nothing it does not need (peak memory)
_keeping = False


def keep_between_builds(on: bool) -> None:
    global _keeping
    _keeping = on


def keeping() -> bool:
    return _keeping


def digest(*parts: str) -> bytes:
    """A 128-bit digest of ``parts`` (separated, so ``("ab", "c")`` is not ``("a", "bc")``)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


class Memo(Generic[T]):
    """Results by key, for this build and the next. Call :meth:`new_build` when a build
    starts: what the previous build did not use is forgotten."""

    def __init__(self) -> None:
        self._previous: dict[Hashable, T] = {}
        self._current: dict[Hashable, T] = {}

    def new_build(self) -> None:
        self._previous, self._current = (self._current if _keeping else {}), {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``: this build's, the last build's, or ``compute()`` (always
        computed when results are not kept between builds)."""
        if not _keeping:
            return compute()
        if key in self._current:
            return self._current[key]
        value = self._previous.pop(key) if key in self._previous else compute()
        self._current[key] = value
        return value
