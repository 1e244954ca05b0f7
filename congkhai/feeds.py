"""Lịch iCalendar (RFC 5545) for the reception calendar, from the same sessions as the pages.

- TZID=Asia/Ho_Chi_Minh with its VTIMEZONE: a calendar client shows 08:00 in Hà Nội, whatever
  zone the reader (or the build machine) is in.
- UID: the session's stable id; SEQUENCE: grows with every committed change of the session's
  source line (minutes since 2020, from git), so clients replace the old copy; DTSTAMP: that
  commit's time. Both are deterministic for a given commit.
- Postponed and cancelled sessions stay in the feed with STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar

from .datasets.reception import SessionStatus
from .dates import VN_TZ, format_short, weekday_name
from .ids import absolute, relative, session_url
from .registry import Registry
from .schedules import Session

#: SEQUENCE counts minutes from this instant (it must only grow).
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def describe_session(registry: Registry, session: Session) -> str:
    lines = [f"Người tiếp: {registry.person_label(session.host)}"]
    if session.attendees:
        lines.append("Thành phần: " + "; ".join(session.attendees))
    if session.topic:
        lines.append("Nội dung: " + session.topic)
    if session.status is SessionStatus.HOAN:
        new = registry.schedule.by_id.get(session.replaced_by)
        lines.append(
            "HOÃN"
            + (f", chuyển sang {weekday_name(new.date)} {format_short(new.date)}" if new else "")
        )
    elif session.status is SessionStatus.HUY:
        lines.append("ĐÃ HỦY")
    if session.note:
        lines.append(session.note)
    if session.example:
        lines.append("Dữ liệu minh họa, không phải lịch thật.")
    return "\n".join(lines)


def session_event(
    registry: Registry,
    session: Session,
    *,
    changed_at: dt.datetime | None,
    site_url: str | None,
    domain: str,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{session.id}@{domain}")
    stamp = changed_at or dt.datetime.combine(registry.as_of, dt.time(), tzinfo=dt.UTC)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("last-modified", stamp.astimezone(dt.UTC))
    event.add("sequence", int((stamp - SEQUENCE_EPOCH).total_seconds() // 60) if changed_at else 0)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    prefix = "[Minh họa] " if session.example else ""
    event.add("summary", prefix + registry.session_title(session))
    event.add("location", session.place)
    event.add("description", describe_session(registry, session))
    cancelled = session.status in (SessionStatus.HUY, SessionStatus.HOAN)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if site_url:
        event.add("url", absolute(site_url, session_url(session.id)))
    return event


def calendar_bytes(
    registry: Registry,
    sessions: Iterable[Session],
    *,
    name: str,
    changed_at: Callable[[Session], dt.datetime | None],
    site_url: str | None,
) -> bytes:
    """A whole VCALENDAR as bytes with CRLF line ends (icalendar folds and escapes)."""
    domain = (site_url or "congkhai.invalid").split("://", 1)[-1].split("/", 1)[0]
    cal = icalendar.Calendar()
    cal.add("prodid", "-//congkhai//Lich tiep cong dan//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for session in sessions:
        cal.add_component(
            session_event(
                registry, session, changed_at=changed_at(session), site_url=site_url, domain=domain
            )
        )
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


# --- Atom (RFC 4287) ----------------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
#: Entry ids are UUIDs derived from the record's path: stable across site moves.
ID_NAMESPACE = uuid.UUID("6f1c1e9e-7a43-5b4e-9a5b-2d1f3c0b7a11")


@dataclass(frozen=True)
class AtomEntry:
    """One record of a feed. ``key`` makes the entry's id (never changes for a record);
    ``link`` is the page it points to (``key`` itself when None). ``summary`` is plain text
    (the XML writer escapes it); ``published`` is left out when the data does not say it."""

    key: str  # site path of the record, e.g. van-ban/22-kh-vpub-2021/
    title: str
    updated: dt.datetime  # Vietnam time
    summary: str
    category: str
    link: str | None = None
    published: dt.datetime | None = None


@dataclass(frozen=True)
class FeedLink:
    """A feed a page advertises: ``path`` for the frame's ``<link rel="alternate">`` (its
    ``url`` filter makes it relative), ``href`` relative to the page for the visible link;
    ``head`` False lists it on the page only (on the register: its own feed, which the frame
    links in every head already, and the topics' feeds, one per topic)."""

    title: str
    path: str
    href: str
    head: bool = True


#: inline elements vanish without a space ("<a>Lịch</a>." stays "Lịch."); others part words
_INLINE_TAGS = re.compile(
    r"</?(?:a|abbr|b|cite|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u)\b[^>]*>"
)
_TAGS = re.compile(r"<[^>]*>")


def plain_text(html_text: str, limit: int | None = 400) -> str:
    """Text of rendered (sanitised) HTML, for a feed summary or the search index: tags
    dropped, entities decoded, the headings' permalink signs removed, whitespace collapsed,
    cut at a word boundary after ``limit`` characters (None: whole). Markdown syntax never
    survives: the caller renders Markdown first."""
    text = _TAGS.sub(" ", _INLINE_TAGS.sub("", html_text))
    text = " ".join(html.unescape(text).replace("¶", " ").split())
    if limit is None or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def vn_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ)


def atom_bytes(
    entries: Iterable[AtomEntry],
    *,
    title: str,
    feed_path: str,
    site_url: str | None,
    author: str,
    as_of: dt.date,
    limit: int = 50,
) -> bytes:
    """An Atom feed, newest first; links relative to the feed (xml:base when the site's
    address is known), ``updated`` the newest entry's time, so it is deterministic."""
    ordered = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)[:limit]
    ET.register_namespace("", ATOM_NS)

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    if site_url:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", absolute(site_url, feed_path))
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "vi")
    el(feed, "id", f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, feed_path)}")
    el(feed, "title", title)
    fallback = dt.datetime.combine(as_of, dt.time(), tzinfo=VN_TZ)
    el(feed, "updated", (ordered[0].updated if ordered else fallback).isoformat())
    el(feed, "link", rel="self", href=relative(feed_path, feed_path), type="application/atom+xml")
    el(feed, "link", rel="alternate", href=relative(feed_path, "") or "./", type="text/html")
    el(el(feed, "author"), "name", author)
    el(feed, "generator", "congkhai")
    for entry in ordered:
        node = el(feed, "entry")
        el(node, "id", f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, entry.key)}")
        el(node, "title", entry.title)
        el(node, "updated", entry.updated.isoformat())
        if entry.published is not None:
            el(node, "published", entry.published.isoformat())
        link = relative(feed_path, entry.link or entry.key)
        el(node, "link", rel="alternate", href=link, type="text/html")
        el(node, "category", term=entry.category)
        el(node, "summary", entry.summary)
    ET.indent(feed)
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True)) + b"\n"
