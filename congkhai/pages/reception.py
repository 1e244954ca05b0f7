"""Trang lịch tiếp công dân: the calendar, month pages, host pages and session pages."""

from __future__ import annotations

import calendar as monthcal
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..datasets.reception import SessionStatus
from ..dates import WEEKDAYS, format_short, weekday_name
from ..ids import (
    RECEPTION,
    RECEPTION_FEED,
    RECEPTION_OUTCOMES,
    absolute,
    document_url,
    host_feed_url,
    host_url,
    month_url,
    relative,
    session_ics_url,
    session_url,
)
from ..registry import Registry
from ..schedules import Session
from .common import NOT_GIVEN, Download, downloads

if TYPE_CHECKING:
    from .notices import NoticeRow

UPCOMING_LIMIT = 10


@dataclass(frozen=True)
class DocLink:
    label: str
    href: str | None  # None when the document is not published


@dataclass(frozen=True)
class SessionView:
    """Một buổi tiếp công dân as every reception page shows it."""

    id: str
    href: str
    date: str  # 15/3/2021
    date_iso: str
    weekday: str
    time: str  # 08:00–11:00
    starts_iso: str
    ends_iso: str
    place: str
    host: str
    host_title: str
    host_href: str
    attendees: str
    topic: str
    status: str  # du-kien, da-tiep, hoan, huy
    label: str  # at the as-of date: Sắp diễn ra, Đã qua…
    upcoming: bool
    example: bool
    moved: str | None  # "Chuyển từ 15/5/2021 (Thứ Bảy)"
    replaced_by: SessionLinkView | None
    replaces: SessionLinkView | None
    announced_by: DocLink | None
    result: DocLink | None
    note: str
    ics_href: str
    #: Kết quả as the data says (held, no citizen came, not held); "" for a session still
    #: ahead, "chưa cập nhật" for a past one nobody updated
    outcome: str = ""


@dataclass(frozen=True)
class SessionLinkView:
    href: str
    date: str
    time: str


def status_label(session: Session, as_of: dt.date) -> str:
    if session.status is SessionStatus.HUY:
        return "Đã hủy"
    if session.status is SessionStatus.HOAN:
        return "Hoãn"
    if session.status is SessionStatus.DA_TIEP:
        return "Đã tiếp"
    if session.status is SessionStatus.KHONG_CO_CONG_DAN:
        return "Không có công dân đến"
    return "Sắp diễn ra" if session.date >= as_of else "Đã qua (chưa cập nhật kết quả)"


#: Kết quả of a session, by its status
OUTCOME_LABELS = {
    SessionStatus.DA_TIEP: "Đã tổ chức tiếp công dân",
    SessionStatus.KHONG_CO_CONG_DAN: "Đã tổ chức, không có công dân đến",
    SessionStatus.HOAN: "Không tổ chức (hoãn)",
    SessionStatus.HUY: "Không tổ chức (đã hủy)",
}


def outcome_label(session: Session, as_of: dt.date) -> str:
    """Kết quả of a session as its status says; a planned session already past says the
    result is not yet given, one still ahead has none."""
    if session.status in OUTCOME_LABELS:
        return OUTCOME_LABELS[session.status]
    return NOT_GIVEN if session.date < as_of else ""


def _doc(registry: Registry, doc_id: str, here: str) -> DocLink | None:
    doc = registry.published_document(doc_id) if doc_id else None
    if doc is None:  # internal or not yet due: not even its number is shown
        return None
    label = f"{doc.label} ngày {doc.issued.short}"
    return DocLink(label, relative(here, document_url(doc_id)))


def session_view(registry: Registry, session: Session, here: str) -> SessionView:
    person = registry.people.get(session.host)
    schedule = registry.schedule
    by_id = schedule.by_id

    def link(sid: str) -> SessionLinkView | None:
        other = by_id.get(sid) if sid else None
        if other is None:
            return None
        return SessionLinkView(
            relative(here, session_url(other.id)),
            f"{weekday_name(other.date)}, {format_short(other.date)}",
            f"{other.start:%H:%M}–{other.end:%H:%M}",
        )

    moved = None
    if session.nominal and session.nominal != session.date:
        reason = schedule.calendar.day_off_reason(session.nominal) or ""
        moved = f"Theo lịch là {format_short(session.nominal)} ({reason}), chuyển sang ngày làm việc {'kế tiếp' if session.date > session.nominal else 'liền trước'}."
    return SessionView(
        id=session.id,
        href=relative(here, session_url(session.id)),
        date=format_short(session.date),
        date_iso=session.date.isoformat(),
        weekday=weekday_name(session.date),
        time=f"{session.start:%H:%M}–{session.end:%H:%M}",
        starts_iso=session.starts_at.isoformat(),
        ends_iso=session.ends_at.isoformat(),
        place=session.place,
        host=person.name or person.title if person else session.host,
        host_title=person.title if person and person.name else "",
        host_href=relative(here, host_url(session.host)),
        attendees="; ".join(session.attendees),
        topic=session.topic,
        status=session.status.value,
        label=status_label(session, registry.as_of),
        upcoming=session.date >= registry.as_of and session.active,
        example=session.example,
        moved=moved,
        replaced_by=link(session.replaced_by),
        replaces=link(session.replaces),
        announced_by=_doc(registry, session.announced_by, here),
        result=_doc(registry, session.result, here),
        note=session.note,
        ics_href=relative(here, session_ics_url(session.id)),
        outcome=outcome_label(session, registry.as_of),
    )


@dataclass(frozen=True)
class NextSession:
    """Buổi tiếp sắp tới nhất: the block the home page and the calendar open with (date,
    time, place, who receives, "Thêm vào lịch"), so a citizen on a phone sees it first."""

    session: SessionView | None  # None: no planned session on or after the as-of date
    as_of: str
    #: the session's lead facts the data leaves empty, named once ("địa điểm, người tiếp")
    missing: str
    calendar_href: str


def next_session(registry: Registry, here: str) -> NextSession:
    """The first session still planned (``du-kien``) on or after the as-of date: a postponed
    or cancelled one is not where a citizen should go, a held one is over."""
    planned = (
        s for s in registry.schedule.upcoming(registry.as_of) if s.status is SessionStatus.DU_KIEN
    )
    first = next(planned, None)
    view = session_view(registry, first, here) if first else None
    missing = (
        [name for name, value in (("địa điểm", view.place), ("người tiếp", view.host)) if not value]
        if view
        else []
    )
    return NextSession(
        view, format_short(registry.as_of), ", ".join(missing), relative(here, RECEPTION)
    )


@dataclass(frozen=True)
class CalendarDay:
    day: int | None  # None: padding outside the month
    iso: str
    today: bool
    off: bool  # not a working day
    holiday: str | None  # the holiday or announced day off (weekends are not named)
    sessions: tuple[SessionView, ...]


@dataclass(frozen=True)
class MonthGrid:
    """A month as a table: weeks of Thứ Hai … Chủ nhật."""

    title: str  # Tháng 5/2021
    weekdays: tuple[str, ...]
    weeks: tuple[tuple[CalendarDay, ...], ...]
    previous: str | None
    next: str | None


def month_grid(
    registry: Registry, year: int, month: int, here: str, with_nav: bool = True
) -> MonthGrid:
    sessions = [
        s for s in registry.schedule.sessions if (s.date.year, s.date.month) == (year, month)
    ]
    months = _months_with_sessions(registry)
    weeks = []
    for week in monthcal.Calendar(firstweekday=0).monthdatescalendar(year, month):
        row = []
        for day in week:
            inside = day.month == month
            reason = registry.schedule.calendar.day_off_reason(day)
            row.append(
                CalendarDay(
                    day.day if inside else None,
                    day.isoformat(),
                    day == registry.as_of,
                    reason is not None,
                    reason if inside and reason != weekday_name(day) else None,
                    tuple(session_view(registry, s, here) for s in sessions if s.date == day)
                    if inside
                    else (),
                )
            )
        weeks.append(tuple(row))
    key = (year, month)
    earlier = [m for m in months if m < key]
    later = [m for m in months if m > key]
    return MonthGrid(
        f"Tháng {month}/{year}",
        WEEKDAYS,
        tuple(weeks),
        relative(here, month_url(*earlier[-1])) if with_nav and earlier else None,
        relative(here, month_url(*later[0])) if with_nav and later else None,
    )


def _months_with_sessions(registry: Registry) -> list[tuple[int, int]]:
    return sorted({(s.date.year, s.date.month) for s in registry.schedule.sessions})


@dataclass(frozen=True)
class MonthLink:
    label: str
    href: str
    count: int


@dataclass(frozen=True)
class YearArchive:
    year: int
    months: tuple[MonthLink, ...]


@dataclass(frozen=True)
class HostLink:
    name: str
    href: str
    feed: str


@dataclass(frozen=True)
class Feed:
    https: str
    webcal: str | None  # only when the site's address is known


@dataclass(frozen=True)
class ReceptionContext:
    """Context of ``congkhai/reception.html`` (the calendar's front page): the next session
    first, then the current reception notices, the list, the month; the standing facts
    (place, hours, rules) last, with the ones the data leaves empty named once in
    ``missing``."""

    as_of: str
    next: NextSession
    notices: tuple[NoticeRow, ...]  # current notices of the "tiếp công dân" category
    place: str
    hours: str
    rules_document: DocLink | None
    note: str
    missing: str  # "địa điểm, thời gian tiếp thường xuyên" or ""
    upcoming: tuple[SessionView, ...]
    grid: MonthGrid
    archive: tuple[YearArchive, ...]
    hosts: tuple[HostLink, ...]
    feed: Feed
    has_examples: bool
    downloads: tuple[Download, ...]
    outcomes_href: str = ""  # the aggregate statistics (Kết quả tiếp công dân)


def _feed(here: str, path: str, site_url: str | None) -> Feed:
    if site_url:
        public = absolute(site_url, path)
        return Feed(relative(here, path), "webcal://" + public.split("://", 1)[1])
    return Feed(relative(here, path), None)


def reception_context(registry: Registry, site_url: str | None) -> ReceptionContext:
    here = RECEPTION
    info = registry.schedule.config.info
    sessions = registry.schedule.sessions
    upcoming = [s for s in sessions if s.date >= registry.as_of][:UPCOMING_LIMIT]
    counts = Counter((s.date.year, s.date.month) for s in sessions)
    archive = tuple(
        YearArchive(
            year,
            tuple(
                MonthLink(f"Tháng {m}", relative(here, month_url(y, m)), counts[(y, m)])
                for (y, m) in sorted(counts)
                if y == year
            ),
        )
        for year in sorted({y for y, _ in counts}, reverse=True)
    )
    hosts = sorted({s.host for s in sessions})
    rules = _doc(registry, info.rules_document, here)
    missing = [
        label
        for label, given in (
            ("địa điểm", info.place),
            ("thời gian tiếp thường xuyên", info.hours),
            ("nội quy tiếp công dân", rules),
        )
        if not given
    ]
    # notices.py imports DocLink from this module: imported here to break the cycle
    from .notices import current_notices, notice_row

    pinned, others = current_notices(registry)
    return ReceptionContext(
        as_of=format_short(registry.as_of),
        next=next_session(registry, here),
        notices=tuple(
            notice_row(n, here) for n in pinned + others if n.category == "tiep-cong-dan"
        ),
        place=info.place,
        hours=info.hours,
        rules_document=rules,
        note=info.note,
        missing=", ".join(missing),
        upcoming=tuple(session_view(registry, s, here) for s in upcoming),
        grid=month_grid(registry, registry.as_of.year, registry.as_of.month, here),
        archive=archive,
        hosts=tuple(
            HostLink(
                registry.person_label(h),
                relative(here, host_url(h)),
                relative(here, host_feed_url(h)),
            )
            for h in hosts
        ),
        feed=_feed(here, RECEPTION_FEED, site_url),
        has_examples=any(s.example for s in sessions),
        downloads=downloads(here, "lich-tiep-cong-dan"),
        outcomes_href=relative(here, RECEPTION_OUTCOMES),
    )


@dataclass(frozen=True)
class MonthContext:
    """Context of ``congkhai/reception_month.html``."""

    title: str
    grid: MonthGrid
    sessions: tuple[SessionView, ...]
    calendar_href: str
    has_examples: bool


def month_context(registry: Registry, year: int, month: int) -> MonthContext:
    here = month_url(year, month)
    sessions = [
        s for s in registry.schedule.sessions if (s.date.year, s.date.month) == (year, month)
    ]
    return MonthContext(
        f"Lịch tiếp công dân tháng {month}/{year}",
        month_grid(registry, year, month, here),
        tuple(session_view(registry, s, here) for s in sessions),
        relative(here, RECEPTION),
        any(s.example for s in sessions),
    )


@dataclass(frozen=True)
class HostContext:
    """Context of ``congkhai/reception_host.html``: one person's sessions and feed."""

    title: str
    name: str
    upcoming: tuple[SessionView, ...]
    past: tuple[SessionView, ...]
    feed: Feed
    calendar_href: str
    has_examples: bool


def host_context(registry: Registry, host: str, site_url: str | None) -> HostContext:
    here = host_url(host)
    name = registry.person_label(host)
    sessions = registry.schedule.of_host(host)
    return HostContext(
        f"Lịch tiếp công dân: {name}",
        name,
        tuple(session_view(registry, s, here) for s in sessions if s.date >= registry.as_of),
        tuple(
            session_view(registry, s, here) for s in reversed(sessions) if s.date < registry.as_of
        ),
        _feed(here, host_feed_url(host), site_url),
        relative(here, RECEPTION),
        any(s.example for s in sessions),
    )


@dataclass(frozen=True)
class SessionContext:
    """Context of ``congkhai/reception_session.html``."""

    title: str
    session: SessionView
    calendar_href: str


def session_title(registry: Registry, session: Session) -> str:
    return registry.session_title(session)


def session_context(registry: Registry, session: Session) -> SessionContext:
    here = session_url(session.id)
    return SessionContext(
        session_title(registry, session),
        session_view(registry, session, here),
        relative(here, RECEPTION),
    )
