"""Lịch tiếp công dân: rules expanded on the working-day calendar, merged with the sessions
staff record, and checked against the Citizen Reception Law.

All times are Vietnam local time; nothing here reads the machine's clock or time zone.
"""

from __future__ import annotations

import calendar as monthcal
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .datasets.documents import Document
from .datasets.fields import load_table
from .datasets.people import FILE as PEOPLE_FILE
from .datasets.people import Person
from .datasets.reception import (
    DAYS_OFF_FILE,
    RULES_FILE,
    DayOff,
    ReceptionConfig,
    Recurrence,
    Rule,
    SessionRow,
    SessionStatus,
    Shift,
    check_session_year,
)
from .datasets.refs import Located, located_rows
from .datasets.yamlfile import line_of, load_yaml, validate_items
from .dates import VN_TZ, DayAdjustment, WorkingCalendar, format_short
from .problems import Problem, Problems, Severity
from .validate import check_references

#: How far ahead rules are expanded when they have no end date.
HORIZON = dt.timedelta(days=400)
#: Luật Tiếp công dân: the calendar is posted at least this many working days ahead.
NOTICE_WORKING_DAYS = 5


@dataclass(frozen=True)
class Session:
    """Một buổi tiếp công dân (a citizen-reception session), after merging."""

    id: str
    date: dt.date
    start: dt.time
    end: dt.time
    host: str
    place: str
    attendees: tuple[str, ...]
    topic: str
    status: SessionStatus
    announced_by: str
    announced_on: dt.date | None
    replaces: str
    result: str
    note: str
    example: bool
    rule: str | None  # the rule it was expanded from, if any
    nominal: dt.date | None  # the rule's date before moving off a holiday
    file: str
    line: int | None
    replaced_by: str = ""

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start, tzinfo=VN_TZ)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end, tzinfo=VN_TZ)

    def public_at(self, as_of: dt.date) -> bool:
        """Announced (``announced_on``, or its notice's date) on or before ``as_of``: a session
        whose announcement is still to come appears nowhere yet."""
        return self.announced_on is None or self.announced_on <= as_of

    @property
    def active(self) -> bool:
        """Held or still planned (not postponed, not cancelled)."""
        return self.status in (
            SessionStatus.DU_KIEN,
            SessionStatus.DA_TIEP,
            SessionStatus.KHONG_CO_CONG_DAN,
        )


@dataclass(frozen=True)
class Schedule:
    config: ReceptionConfig
    sessions: tuple[Session, ...]  # by start time, then id
    calendar: WorkingCalendar

    @cached_property
    def by_id(self) -> dict[str, Session]:
        """Sessions by id, built once (every session page and feed entry looks others up)."""
        return {s.id: s for s in self.sessions}

    def published(self, as_of: dt.date) -> Schedule:
        """The schedule as the site shows it at ``as_of`` (:meth:`Session.public_at`)."""
        public = {s.id for s in self.sessions if s.public_at(as_of)}
        return Schedule(
            self.config,
            tuple(
                # a postponed session does not point at a replacement not yet announced
                s if s.replaced_by in public or not s.replaced_by else replace(s, replaced_by="")
                for s in self.sessions
                if s.id in public
            ),
            self.calendar,
        )

    def upcoming(self, as_of: dt.date) -> list[Session]:
        """Sessions on or after the as-of date, soonest first (cancelled ones stay listed)."""
        return [s for s in self.sessions if s.date >= as_of]

    def of_host(self, host: str) -> list[Session]:
        return [s for s in self.sessions if s.host == host]


def _months(start: dt.date, end: dt.date) -> Iterator[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def nominal_dates(rule: Rule, until: dt.date) -> list[dt.date]:
    """The dates the rule names, before any move off a day off."""
    end = min(rule.valid_to or until, until)
    found: list[dt.date] = []
    if rule.recurrence is Recurrence.HANG_TUAN:
        assert rule.weekday is not None
        day = rule.valid_from + dt.timedelta(
            days=(rule.weekday - 2 - rule.valid_from.weekday()) % 7
        )
        while day <= end:
            found.append(day)
            day += dt.timedelta(days=7)
        return found
    for year, month in _months(rule.valid_from, end):
        last = monthcal.monthrange(year, month)[1]
        if rule.day is not None:
            if rule.day > last:
                continue  # "ngày 31 hằng tháng" has no date in a 30-day month
            day = dt.date(year, month, rule.day)
        else:
            assert rule.weekday is not None and rule.week is not None
            weekdays = [
                dt.date(year, month, d)
                for d in range(1, last + 1)
                if dt.date(year, month, d).weekday() == rule.weekday - 2
            ]
            if rule.week > len(weekdays):
                continue
            day = weekdays[-1] if rule.week == -1 else weekdays[rule.week - 1]
        if rule.valid_from <= day <= end:
            found.append(day)
    return found


def expand_rule(
    rule: Rule, calendar: WorkingCalendar, until: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """(nominal, actual) dates of a rule: a nominal date on a day off moves to the next (or
    previous) working day, or is skipped, as the rule says."""
    pairs = []
    for nominal in nominal_dates(rule, until):
        if calendar.is_working_day(nominal):
            pairs.append((nominal, nominal))
        elif rule.shift is Shift.KE_TIEP:
            pairs.append((nominal, calendar.shift(nominal, +1)))
        elif rule.shift is Shift.TRUOC:
            pairs.append((nominal, calendar.shift(nominal, -1)))
    return pairs


def _check_rule(
    rule: Rule,
    index: int,
    node: object,
    people: dict[str, Person],
    problems: Problems,
) -> bool:
    """Rules within one recurring rule; False when it cannot be expanded."""

    def where(key: str) -> int | None:
        return line_of(node, ("rules", index, key))  # type: ignore[arg-type]

    ok = rule.host in people  # an unknown host is reported by check_references
    if rule.recurrence is Recurrence.HANG_THANG and (rule.day is None) == (
        rule.weekday is None or rule.week is None
    ):
        problems.add(
            Problem(
                RULES_FILE,
                where("recurrence"),
                f"rules.{index}",
                "quy tắc hằng tháng cần hoặc day, hoặc weekday và week (monthly rule needs day, or weekday and week)",
            )
        )
        ok = False
    if rule.recurrence is Recurrence.HANG_TUAN and rule.weekday is None:
        problems.add(
            Problem(
                RULES_FILE,
                where("recurrence"),
                f"rules.{index}",
                "quy tắc hằng tuần cần weekday (weekly rule needs weekday)",
            )
        )
        ok = False
    if rule.end <= rule.start:
        problems.add(
            Problem(
                RULES_FILE,
                where("end"),
                f"rules.{index}.end",
                "giờ kết thúc không sau giờ bắt đầu (end time not after start time)",
            )
        )
        ok = False
    if rule.valid_to and rule.valid_to < rule.valid_from:
        problems.add(
            Problem(
                RULES_FILE,
                where("valid_to"),
                f"rules.{index}.valid_to",
                "ngày hết áp dụng trước ngày bắt đầu (valid_to before valid_from)",
            )
        )
        ok = False
    return ok


def check_days_off(days_off: list[Located[DayOff]], problems: Problems) -> None:
    """A date is a day off or a make-up working day, never both."""
    first: dict[dt.date, Located[DayOff]] = {}
    for loc in days_off:
        other = first.setdefault(loc.record.date, loc)
        if other.record.kind != loc.record.kind:
            problems.add(
                loc.problem(
                    "date",
                    f"ngày {format_short(loc.record.date)} vừa là ngày nghỉ vừa là ngày làm bù "
                    f"(dòng {other.line} và {loc.line}) "
                    "(a date cannot be both a day off and a make-up working day)",
                )
            )


def _announced_on(doc_id: str, documents: dict[str, Document]) -> dt.date | None:
    doc = documents.get(doc_id)
    if doc is None:
        return None
    if doc.published:
        return doc.published
    return doc.issued_date if doc.issued.day is not None else None


class _SessionIds(Collection[str]):
    """Ids of the sessions, and of any session a refused rule would have made (a reference
    to one is a knock-on of that rule's error, not an error of its own)."""

    def __init__(self, sessions: dict[str, Session], refused: Callable[[str], bool]) -> None:
        self.sessions, self.refused = sessions, refused

    def __contains__(self, item: object) -> bool:
        return item in self.sessions or (isinstance(item, str) and self.refused(item))

    def __iter__(self) -> Iterator[str]:
        return iter(self.sessions)

    def __len__(self) -> int:
        return len(self.sessions)


def load_schedule(
    root: Path,
    as_of: dt.date,
    people: dict[str, Person],
    documents: dict[str, Document],
    problems: Problems,
) -> Schedule:
    """Load days off, rules and session files; expand, merge and check them."""
    data = root / "data"
    days_off, columns = load_table(
        DayOff, data / "ngay-nghi.csv", DAYS_OFF_FILE, problems, optional_file=True
    )
    check_days_off(located_rows(days_off, DAYS_OFF_FILE, columns), problems)
    calendar = WorkingCalendar(
        tuple(DayAdjustment(d.date, d.kind == "lam-bu", d.name) for d in days_off if d.date)
    )
    config, node = load_yaml(
        ReceptionConfig, data / "reception" / "rules.yaml", RULES_FILE, problems, optional_file=True
    )
    config = config or ReceptionConfig()
    for person, role in config.hosts.items():
        if role not in config.roles:
            problems.add(
                Problem(
                    RULES_FILE,
                    line_of(node, ("hosts", person)),
                    f"hosts.{person}",
                    f'không có chức vụ "{role}" trong roles (unknown role)',
                )
            )
    located: list[Located[Any]] = [
        Located(config, RULES_FILE, None, node=node),
        Located(config.info, RULES_FILE, None, node=node, path=("info",)),
    ]

    sessions: dict[str, Session] = {}
    until = as_of + HORIZON
    expanded: set[int] = set()
    for index, rule in validate_items(Rule, config.rules, ("rules",), node, RULES_FILE, problems):
        located.append(Located(rule, RULES_FILE, None, node=node, path=("rules", index)))
        if not _check_rule(rule, index, node, people, problems):
            continue
        expanded.add(index)
        for nominal, actual in expand_rule(rule, calendar, until):
            sid = f"{rule.id}-{nominal.isoformat()}"
            sessions[sid] = Session(
                id=sid,
                date=actual,
                start=rule.start,
                end=rule.end,
                host=rule.host,
                place=rule.place,
                attendees=tuple(rule.attendees),
                topic=rule.topic,
                status=SessionStatus.DU_KIEN,
                announced_by=rule.announced_by,
                announced_on=_announced_on(rule.announced_by, documents),
                replaces="",
                result="",
                note="",
                example=rule.example,
                rule=rule.id,
                nominal=nominal,
                file=RULES_FILE,
                line=line_of(node, ("rules", index)),
            )

    rows: list[tuple[str, SessionRow]] = []
    folder = data / "reception"
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        file = f"data/reception/{path.name}"
        records, columns = load_table(SessionRow, path, file, problems)
        check_session_year(file, records, problems)
        rows.extend((file, row) for row in records)
        located.extend(located_rows(records, file, columns))
    # A rules file that could not be read, or a rule that was refused, leaves its sessions
    # out: rows amending them (``<rule id>-<date>``) would read as incomplete new sessions or
    # unknown ids, knock-ons of the one cause already reported.
    refused = tuple(
        f"{raw['id']}-"
        for index, raw in enumerate(config.rules)
        if index not in expanded and isinstance(raw, dict) and isinstance(raw.get("id"), str)
    )

    def of_refused_rule(sid: str) -> bool:
        return not problems.readable(RULES_FILE) or sid.startswith(refused) if sid else False

    seen_rows: dict[str, tuple[str, int]] = {}
    for file, row in rows:
        # A new session's id: host, day and start time (a host may receive twice a day).
        sid = row.id or (
            f"{row.host}-{row.date.isoformat()}-{row.start:%H%M}"
            if row.host and row.date and row.start
            else ""
        )
        if not sid:
            problems.add(
                Problem(
                    file,
                    row.line,
                    "id",
                    "buổi tiếp mới cần người tiếp (host), ngày (date) và giờ bắt đầu (start) (a new session needs host, date and start)",
                )
            )
            continue
        if sid in seen_rows:
            problems.add(
                Problem(
                    file,
                    row.line,
                    "id",
                    f'buổi "{sid}" đã ghi ở {seen_rows[sid][0]}:{seen_rows[sid][1]} (session written twice)',
                )
            )
            continue
        seen_rows[sid] = (file, row.line)
        base = sessions.get(sid)
        if base is None:
            missing = [c for c in ("date", "start", "end", "host", "place") if not getattr(row, c)]
            if missing and of_refused_rule(sid):
                continue
            if missing:
                problems.add(
                    Problem(
                        file,
                        row.line,
                        missing[0],
                        f"buổi tiếp mới thiếu: {', '.join(missing)} (a new session needs {', '.join(missing)})",
                    )
                )
                continue
            assert row.date and row.start and row.end
            base = Session(
                id=sid,
                date=row.date,
                start=row.start,
                end=row.end,
                host=row.host,
                place=row.place,
                attendees=(),
                topic="",
                status=SessionStatus.DU_KIEN,
                announced_by="",
                announced_on=None,
                replaces="",
                result="",
                note="",
                example=False,
                rule=None,
                nominal=None,
                file=file,
                line=row.line,
            )
        merged = replace(
            base,
            date=row.date or base.date,
            start=row.start or base.start,
            end=row.end or base.end,
            host=row.host or base.host,
            place=row.place or base.place,
            attendees=row.attendees or base.attendees,
            topic=row.topic or base.topic,
            status=SessionStatus(row.status) if row.status else base.status,
            announced_by=row.announced_by or base.announced_by,
            announced_on=row.announced_on
            or (
                _announced_on(row.announced_by, documents)
                if row.announced_by
                else base.announced_on
            ),
            replaces=row.replaces,
            result=row.result or base.result,
            note=row.note or base.note,
            example=base.example or row.example,
            file=file,
            line=row.line,
        )
        if merged.end <= merged.start:
            problems.add(
                Problem(
                    file,
                    row.line,
                    "end",
                    "giờ kết thúc không sau giờ bắt đầu (end time not after start time)",
                )
            )
        if merged.status in (SessionStatus.DA_TIEP, SessionStatus.KHONG_CO_CONG_DAN) and (
            merged.date > as_of
        ):
            problems.add(
                Problem(
                    file,
                    row.line,
                    "status",
                    f"buổi ngày {format_short(merged.date)} chưa diễn ra nhưng ghi đã tiếp (held in the future)",
                    Severity.WARNING,
                )
            )
        sessions[sid] = merged

    check_references(
        located,
        {
            "people": people,
            "documents": documents,
            "sessions": _SessionIds(sessions, of_refused_rule),
        },
        problems,
    )
    # Postponements: the new session names the one it replaces; that one becomes "hoãn".
    for session in list(sessions.values()):
        if not session.replaces:
            continue
        old = sessions.get(session.replaces)
        if old is None:
            continue  # reported by check_references
        if old.status not in (SessionStatus.DU_KIEN, SessionStatus.HOAN):
            problems.add(
                Problem(
                    session.file,
                    session.line,
                    "replaces",
                    f'buổi "{old.id}" có trạng thái {old.status.value}, không thể bị thay (only a postponed session can be replaced)',
                )
            )
        else:
            sessions[old.id] = replace(old, status=SessionStatus.HOAN, replaced_by=session.id)

    ordered = tuple(sorted(sessions.values(), key=lambda s: (s.date, s.start, s.id)))
    schedule = Schedule(config, ordered, calendar)
    check_law(schedule, as_of, people, problems)
    check_posted_facts(schedule, people, problems)
    return schedule


def check_posted_facts(schedule: Schedule, people: dict[str, Person], problems: Problems) -> None:
    """What the Citizen Reception Law asks to be posted and the data does not give yet
    (Art. 12, 19): a host's name, the regular place and hours. Listed, never invented."""
    for host in sorted({s.host for s in schedule.sessions if s.host}):
        person = people.get(host)
        if person is not None and not person.name:
            problems.add(
                Problem(
                    PEOPLE_FILE,
                    person.line,
                    "name",
                    f'người tiếp công dân "{host}" ({person.title}) chưa có họ tên '
                    "(a reception host without a name)",
                    Severity.MISSING,
                )
            )
    info = schedule.config.info
    for key, label, gloss in (("place", "địa điểm", "place"), ("hours", "thời gian", "hours")):
        if not getattr(info, key):
            problems.add(
                Problem(
                    RULES_FILE,
                    None,
                    f"info.{key}",
                    f"chưa có {label} tiếp công dân thường xuyên "
                    f"(regular reception {gloss} not given)",
                    Severity.MISSING,
                )
            )


def check_law(
    schedule: Schedule, as_of: dt.date, people: dict[str, Person], problems: Problems
) -> None:
    """Kiểm tra theo Luật Tiếp công dân: notice lead time, working days, overlaps, frequency."""
    calendar = schedule.calendar

    def legal(session: Session, column: str | None, message: str, rule: str) -> None:
        problems.add(
            Problem(session.file, session.line, column, message, Severity.LEGAL, rule=rule)
        )

    by_host: dict[str, list[Session]] = defaultdict(list)
    for s in schedule.sessions:
        if not s.active:
            continue
        by_host[s.host].append(s)
        label = f'buổi "{s.id}" ngày {format_short(s.date)}'
        reason = calendar.day_off_reason(s.date)
        if reason:
            legal(
                s,
                "date",
                f"{label} rơi vào ngày nghỉ ({reason}) (session on a non-working day)",
                "lich-tiep",
            )
        if s.announced_on:
            latest = calendar.add_working_days(s.date, -NOTICE_WORKING_DAYS)
            if s.announced_on > latest:
                legal(
                    s,
                    "announced_on",
                    f"{label} được thông báo ngày {format_short(s.announced_on)}, chưa đủ {NOTICE_WORKING_DAYS} ngày làm việc trước (chậm nhất {format_short(latest)}) (announced fewer than {NOTICE_WORKING_DAYS} working days ahead)",
                    "bao-truoc-lich-tiep",
                )
    for host, items in by_host.items():
        for a, b in itertools.pairwise(items):
            if a.date == b.date and b.start < a.end:
                legal(
                    b,
                    "start",
                    f'buổi "{b.id}" trùng giờ với buổi "{a.id}" của cùng người tiếp (two sessions of one host overlap)',
                    "lich-tiep",
                )
        role_id = schedule.config.hosts.get(host)
        role = schedule.config.roles.get(role_id or "")
        if role is None or not items:
            continue
        starts = [s.nominal or s.date for s in items if s.rule] + [items[0].date]
        first = min(starts)
        name = people[host].display if host in people else host
        periods: dict[tuple[int, int], int] = defaultdict(int)
        for s in items:
            periods[_period(s.date, role.per)] += 1
        day = first
        while day <= as_of:
            key = _period(day, role.per)
            if periods.get(key, 0) < role.minimum:
                when = (
                    f"tháng {key[1]}/{key[0]}"
                    if role.per == "thang"
                    else f"tuần {key[1]} năm {key[0]}"
                )
                problems.add(
                    Problem(
                        RULES_FILE,
                        None,
                        None,
                        f"{name} ({role.label}): {periods.get(key, 0)} buổi tiếp trong {when}, ít hơn mức tối thiểu {role.minimum} ({role.source}) (below the minimum frequency)",
                        Severity.LEGAL,
                        rule="tan-suat-tiep",
                    )
                )
            day = _next_period(day, role.per)


def _period(day: dt.date, per: str) -> tuple[int, int]:
    if per == "thang":
        return (day.year, day.month)
    iso = day.isocalendar()
    return (iso.year, iso.week)


def _next_period(day: dt.date, per: str) -> dt.date:
    if per == "thang":
        return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return day + dt.timedelta(days=7 - day.weekday())
