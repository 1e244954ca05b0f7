"""Trang thông báo: the list (pinned first, newest first, paginated), the archive of expired
notices, and a page per notice."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..datasets.notices import CATEGORY_LABELS, Notice
from ..dates import format_short
from ..ids import (
    FEED_NOTICES,
    NOTICE_ARCHIVE,
    NOTICES,
    document_url,
    notice_url,
    notices_url,
    relative,
)
from ..registry import Registry
from .common import PAGE_SIZE, Download, Pagination, downloads, paginate
from .reception import DocLink


@dataclass(frozen=True)
class NoticeRow:
    id: str
    href: str
    title: str
    date: str
    date_iso: str
    expires: str
    expires_iso: str
    category: str
    pinned: bool
    example: bool
    excerpt: str


_MARKUP = re.compile(r"[#*_`>\[\]]|\(http[^)]*\)|\([^)]*\.md\)")


def excerpt(markdown: str, limit: int = 200) -> str:
    """The first paragraph as plain text, cut at a word boundary."""
    para = next((p for p in markdown.strip().split("\n\n") if p.strip()), "")
    text = " ".join(_MARKUP.sub("", para).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def notice_row(n: Notice, here: str) -> NoticeRow:
    return NoticeRow(
        n.id,
        relative(here, notice_url(n.id)),
        n.title,
        format_short(n.date),
        n.date.isoformat(),
        format_short(n.expires) if n.expires else "",
        n.expires.isoformat() if n.expires else "",
        CATEGORY_LABELS[n.category],
        n.pinned,
        n.example,
        excerpt(n.body),
    )


def current_notices(registry: Registry) -> tuple[list[Notice], list[Notice]]:
    """(pinned, others) among the current notices: published and not expired."""
    current = [n for n in registry.published_notices() if n.is_current(registry.as_of)]
    return [n for n in current if n.pinned], [n for n in current if not n.pinned]


def expired_notices(registry: Registry) -> list[Notice]:
    return [n for n in registry.published_notices() if not n.is_current(registry.as_of)]


def notice_pages(registry: Registry) -> int:
    return max(1, -(-len(current_notices(registry)[1]) // PAGE_SIZE))


@dataclass(frozen=True)
class NoticesContext:
    """Context of ``congkhai/notices.html``."""

    title: str
    as_of: str
    pinned: tuple[NoticeRow, ...]
    rows: tuple[NoticeRow, ...]
    pagination: Pagination
    archive_href: str | None
    archive_count: int
    feed_href: str
    downloads: tuple[Download, ...]
    has_examples: bool


def notices_context(registry: Registry, page: int) -> NoticesContext:
    here = notices_url(page)
    pinned, others = current_notices(registry)
    start = (page - 1) * PAGE_SIZE
    rows = others[start : start + PAGE_SIZE]
    archived = expired_notices(registry)
    return NoticesContext(
        "Thông báo" if page == 1 else f"Thông báo (trang {page})",
        format_short(registry.as_of),
        tuple(notice_row(n, here) for n in pinned) if page == 1 else (),
        tuple(notice_row(n, here) for n in rows),
        paginate(len(others), page, notices_url, here),
        relative(here, NOTICE_ARCHIVE) if archived else None,
        len(archived),
        relative(here, FEED_NOTICES),
        downloads(here, "thong-bao"),
        any(n.example for n in pinned + rows),
    )


@dataclass(frozen=True)
class ArchiveContext:
    """Context of ``congkhai/notices_archive.html``: notices past their expiry date."""

    rows: tuple[NoticeRow, ...]
    list_href: str


def archive_context(registry: Registry) -> ArchiveContext:
    here = NOTICE_ARCHIVE
    return ArchiveContext(
        tuple(notice_row(n, here) for n in expired_notices(registry)), relative(here, NOTICES)
    )


@dataclass(frozen=True)
class NoticeContext:
    """Context of ``congkhai/notice.html``."""

    row: NoticeRow
    expired: bool
    body_html: str
    related: tuple[DocLink, ...]
    list_href: str


def notice_context(
    registry: Registry, notice: Notice, render_markdown: Callable[[str], str]
) -> NoticeContext:
    here = notice_url(notice.id)
    related = []
    for ref in notice.related:
        doc = registry.published_document(ref)
        if doc is not None:
            related.append(
                DocLink(
                    f"{doc.label} ngày {doc.issued.short}: {doc.title}",
                    relative(here, document_url(doc.id)),
                )
            )
    return NoticeContext(
        notice_row(notice, here),
        not notice.is_current(registry.as_of),
        render_markdown(notice.body),
        tuple(related),
        relative(here, NOTICES),
    )
