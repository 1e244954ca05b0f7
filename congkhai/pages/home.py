"""Trang chủ and Sơ đồ cổng: both built from data, both light."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..datasets.notices import Notice
from ..dates import format_short
from ..dialogues import Progress, progress
from ..ids import (
    COMMITMENTS,
    DIALOGUES,
    FEED_ALL,
    NOTICES,
    OPEN_DATA,
    PLANS,
    QUALITY_REPORT,
    RECEPTION,
    REGISTER,
    STAFF_GUIDE,
    document_url,
    guide_dataset_url,
    month_url,
    notice_url,
    owner_url,
    plan_url,
    register_url,
    relative,
)
from ..registry import Registry
from .dialogues import CommitmentRow, commitment_row
from .documents import FACETS, RegisterIndex, number_display
from .guide import GUIDED_DATASETS
from .notices import NoticeRow, current_notices, notice_row
from .plans import PlanSummary, owner_tasks, plan_summary, plans_with_overdue
from .reception import DocLink, NextSession, next_session

HOME = ""

#: A notice is "Thông báo mới" on the home page for this many days after its date (and
#: while it has not expired). Reception schedules and most notices here are monthly, so a
#: citizen who looks once a month sees each one while it is new; older current notices stay
#: on /thong-bao/, pinned ones stay under "Thông báo quan trọng".
RECENT_DAYS = 30


def recent_notices(registry: Registry) -> list[Notice]:
    """Current, unpinned notices posted within :data:`RECENT_DAYS` of the as-of date,
    newest first (the order of :func:`current_notices`)."""
    since = registry.as_of - dt.timedelta(days=RECENT_DAYS)
    return [n for n in current_notices(registry)[1] if n.date >= since]


@dataclass(frozen=True)
class Contact:
    label: str
    value: str
    href: str | None = None


@dataclass(frozen=True)
class RecentDocument:
    href: str
    number: str
    type_label: str
    issued: str
    issued_iso: str
    title: str


@dataclass(frozen=True)
class HomeContext:
    """Context of ``congkhai/home.html``."""

    agency: str
    parent: str
    as_of: str
    next: NextSession  # first on the page
    contacts: tuple[Contact, ...]  # only the given ones
    missing_contacts: str  # the ones site.yaml leaves empty, named once: "địa chỉ, điện thoại"
    pinned: tuple[NoticeRow, ...]
    latest: tuple[NoticeRow, ...]  # "Thông báo mới": see recent_notices
    recent_days: int
    current_count: int  # every current notice, pinned or not (the list page has them all)
    notices_href: str
    documents: tuple[RecentDocument, ...]
    overdue_commitments: tuple[CommitmentRow, ...]  # cam kết sau đối thoại quá hạn
    commitments_href: str
    overdue_plans: tuple[PlanSummary, ...]
    links: tuple[DocLink, ...]
    feed_href: str
    has_examples: bool


def home_context(registry: Registry, index: RegisterIndex) -> HomeContext:
    here = HOME
    site = registry.site
    agency, focal = site.agency, site.focal_point
    given = (
        Contact("Địa chỉ", agency.address),
        Contact("Điện thoại", agency.phone, f"tel:{agency.phone}" if agency.phone else None),
        Contact("Thư điện tử", agency.email, f"mailto:{agency.email}" if agency.email else None),
        Contact("Đầu mối cung cấp thông tin", focal.name),
    )
    pinned, current = current_notices(registry)
    latest = recent_notices(registry)[:5]
    upcoming = next_session(registry, here)
    docs = sorted(
        index.documents, key=lambda d: (d.published or d.issued_date, d.id), reverse=True
    )[:5]
    overdue = [plan_summary(registry, r, here) for r in plans_with_overdue(registry)]
    late = sorted(
        (i for i in registry.dialogues.items if progress(i, registry.as_of) is Progress.QUA_HAN),
        key=lambda i: (i.deadline or registry.as_of, i.id),
    )
    return HomeContext(
        agency.name,
        agency.parent,
        format_short(registry.as_of),
        upcoming,
        tuple(c for c in given if c.value),
        ", ".join(c.label.lower() for c in given if not c.value),
        tuple(notice_row(n, here) for n in pinned),
        tuple(notice_row(n, here) for n in latest),
        RECENT_DAYS,
        len(pinned) + len(current),
        relative(here, NOTICES),
        tuple(
            RecentDocument(
                relative(here, document_url(d.id)),
                number_display(d),
                d.doc_type.label,
                d.issued.short,
                d.issued.iso,
                d.title,
            )
            for d in docs
        ),
        tuple(commitment_row(registry, i, here) for i in late),
        relative(here, COMMITMENTS),
        tuple(overdue),
        (
            DocLink("Sổ văn bản", relative(here, REGISTER)),
            DocLink("Lịch tiếp công dân", relative(here, RECEPTION)),
            DocLink("Hội nghị đối thoại", relative(here, DIALOGUES)),
            DocLink("Kế hoạch", relative(here, PLANS)),
            DocLink("Thông báo", relative(here, NOTICES)),
            DocLink("Dữ liệu mở", relative(here, OPEN_DATA)),
        ),
        relative(here, FEED_ALL),
        bool(upcoming.session and upcoming.session.example)
        or any(n.example for n in pinned + latest),
    )


@dataclass(frozen=True)
class SitemapSection:
    title: str
    href: str
    children: tuple[DocLink, ...]


@dataclass(frozen=True)
class SitemapContext:
    """Context of ``congkhai/sitemap.html`` (Sơ đồ cổng): sections and their sub-pages. The
    thousands of single records are reached through their lists, not listed here."""

    sections: tuple[SitemapSection, ...]
    xml_href: str


def sitemap_context(registry: Registry, index: RegisterIndex, here: str) -> SitemapContext:
    facets = tuple(
        DocLink(f"{FACETS[f]}: {index.labels[f].get(v, v)}", relative(here, register_url(f, v)))
        for f in FACETS
        for v in index.ordered_values(f)
    )
    months = sorted({(s.date.year, s.date.month) for s in registry.schedule.sessions}, reverse=True)
    owners = sorted(
        {t.owner or r.plan.owner for r in registry.plans.values() for t in r.tasks} - {""}
    )
    return SitemapContext(
        (
            SitemapSection("Sổ văn bản", relative(here, REGISTER), facets),
            SitemapSection(
                "Lịch tiếp công dân",
                relative(here, RECEPTION),
                tuple(
                    DocLink(f"Tháng {m}/{y}", relative(here, month_url(y, m))) for y, m in months
                ),
            ),
            SitemapSection(
                "Hội nghị đối thoại",
                relative(here, DIALOGUES),
                (DocLink("Theo dõi thực hiện cam kết", relative(here, COMMITMENTS)),),
            ),
            SitemapSection(
                "Kế hoạch",
                relative(here, PLANS),
                tuple(
                    DocLink(r.plan.title, relative(here, plan_url(r.id)))
                    for r in registry.plans.values()
                )
                + tuple(
                    DocLink(
                        f"Nhiệm vụ của {registry.organizations[o].name}",
                        relative(here, owner_url(o)),
                    )
                    for o in owners
                    if o in registry.organizations and owner_tasks(registry, o)
                ),
            ),
            SitemapSection(
                "Thông báo",
                relative(here, NOTICES),
                tuple(
                    DocLink(n.title, relative(here, notice_url(n.id)))
                    for n in registry.published_notices()[:20]
                ),
            ),
            SitemapSection("Dữ liệu mở", relative(here, OPEN_DATA), ()),
            SitemapSection(
                "Dành cho cán bộ",
                relative(here, STAFF_GUIDE),
                (
                    DocLink("Hướng dẫn nhập liệu", relative(here, STAFF_GUIDE)),
                    *(
                        DocLink(
                            f"Hướng dẫn nhập liệu: {d.title}",
                            relative(here, guide_dataset_url(d.name)),
                        )
                        for d in GUIDED_DATASETS
                    ),
                    DocLink("Báo cáo chất lượng dữ liệu", relative(here, QUALITY_REPORT)),
                ),
            ),
        ),
        relative(here, "sitemap.xml"),
    )
