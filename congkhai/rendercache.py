"""Chỉ dựng lại trang đã đổi (re-render only what changed) while staff preview their edits.

Under ``mkdocs serve`` every edit re-plans the whole site (cheap) and used to re-render and
rewrite every page (dear). A spliced page (:mod:`congkhai.shell`) is a pure function of

- its planned page (:class:`congkhai.site.PlannedPage`: title, template, context,
  provenance, feeds, head metadata),
- its frame and the page templates (digests of both salt the key), and
- the answers the register gave for the document numbers in its text (the citation links
  of :func:`congkhai.citing.link_html`), recorded while it was rendered;

so a page whose key and recorded answers are unchanged is the same page, byte for byte: the
adapter leaves the published file as it is instead of rendering it again (while serving,
the new build is written into the published folder: changed pages, the theme's own files,
and the deletion of what the build no longer has). The key
is a digest of the pickled planned page: equal pickles mean equal pages; a pickle that
differs for equal pages only costs a render. The record lives in the serving process (a
fresh ``mkdocs build`` renders everything) and only for the folder it was written to.
``tests/test_incremental.py`` edits a project at random and compares each incremental
build with a cold one, byte for byte.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .citing import Resolution, Resolver
from .numbers import Citation

#: what link_html prints of a resolved document: its page (from the id), title and date
Answer = tuple[str, str, str] | None


def answer(resolution: Resolution) -> Answer:
    doc = resolution.document
    return None if doc is None else (doc.id, doc.full_title, doc.issued.short)


class RecordingResolver(Resolver):
    """A resolver that remembers what it was asked and what it answered."""

    def __init__(self, resolver: Resolver) -> None:  # no super(): it only delegates
        self._resolver = resolver
        self.asked: list[tuple[Citation, Answer]] = []

    def resolve(self, cite: Citation) -> Resolution:
        found = self._resolver.resolve(cite)
        self.asked.append((cite, answer(found)))
        return found


@dataclass(frozen=True)
class Rendered:
    """What a published page was rendered from."""

    key: bytes
    asked: tuple[tuple[Citation, Answer], ...]

    def still_valid(self, key: bytes, resolver: Resolver) -> bool:
        return key == self.key and all(
            answer(resolver.resolve(cite)) == given for cite, given in self.asked
        )


def digest(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def page_digest(page: Any) -> bytes:
    """A digest of the planned page as pickled (made once per build, in ``on_config``)."""
    return digest(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))


def page_key(page_digest: bytes, salt: bytes) -> bytes:
    """The key of a page rendered from ``page_digest``'s page with a frame and templates
    (``salt``)."""
    return digest(salt, page_digest)


def folder_digest(folder: Path) -> bytes:
    """Every file under ``folder`` (the page templates), names and bytes."""
    parts = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


@dataclass(frozen=True)
class Published:
    """A site folder as this process last left it: each spliced page's inputs, and every
    file in it (so that the next build can delete what it no longer has)."""

    pages: dict[str, Rendered]
    files: frozenset[str]


@dataclass
class PageRecords:
    """What this process last published into each site folder."""

    by_site: dict[Path, Published] = field(default_factory=dict)

    def previous(self, site: Path) -> Published | None:
        return self.by_site.get(site.resolve())

    def publish(self, site: Path, published: Published) -> None:
        self.by_site[site.resolve()] = published
