"""Atom feeds of the sections and of the register's facets: valid, discoverable, exact,
plain-text, honest about month-only dates, and byte-identical from one build to the next."""

from __future__ import annotations

import json
import posixpath
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import ROOT, Build, build, make_project

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_feeds(result: Build) -> dict[str, bytes]:
    return {
        str(p.relative_to(result.site)): p.read_bytes()
        for p in sorted(result.site.rglob("atom.xml"))
    }


def resolve(page_url: str, href: str) -> str:
    """The site path a link of the page at ``page_url`` points to."""
    return posixpath.normpath(posixpath.join(page_url, href))


def advertised(result: Build, url: str) -> tuple[set[str], set[str]]:
    """(feeds in the page head, feeds linked visibly under "Theo dõi (Atom)"), as site paths."""
    page = result.html(url)
    head = {
        resolve(url, link["href"])
        for link in page.select('head link[rel~="alternate"][type="application/atom+xml"]')
    }
    shown = {
        resolve(url, a["href"])
        for p in page.select("article p.ck-feeds")
        if p.get_text().startswith("Theo dõi (Atom)")
        for a in p.select('a[type="application/atom+xml"]')
    }
    return head, shown


def entries(result: Build, path: str) -> list[feedparser.FeedParserDict]:
    feed = feedparser.parse((result.site / path).read_bytes())
    assert not feed.bozo, (path, feed.bozo_exception)
    return list(feed.entries)


def entry_paths(result: Build, path: str) -> set[str]:
    """The documents a feed lists, as site paths (its links are relative to the feed)."""
    return {resolve(posixpath.dirname(path) + "/", e.link) + "/" for e in entries(result, path)}


def register(result: Build) -> list[dict[str, object]]:
    data = json.loads((result.site / "du-lieu-mo/van-ban.json").read_text(encoding="utf-8"))
    return list(data["records"])


def test_every_feed_of_the_seed_build_is_atom_with_unique_stable_ids(seed_build: Build) -> None:
    feeds = atom_feeds(seed_build)
    for path in (
        "ke-hoach/atom.xml",
        "doi-thoai/atom.xml",
        "lich-tiep-cong-dan/atom.xml",
        "van-ban/loai/ke-hoach/atom.xml",
        "van-ban/co-quan/vpub/atom.xml",
        "van-ban/linh-vuc/doi-thoai/atom.xml",
    ):
        assert path in feeds
    for path, content in feeds.items():
        feed = feedparser.parse(content)
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.version == "atom10", path
        assert feed.feed.id.startswith("urn:uuid:") and feed.feed.updated_parsed, path
        ids = [e.id for e in feed.entries]
        assert len(ids) == len(set(ids)), path
        for e in feed.entries:
            assert e.id.startswith("urn:uuid:") and e.updated_parsed and e.link, (path, e.id)
    # every feed has its own id, and an entry keeps its id in every feed it appears in
    assert len({feedparser.parse(c).feed.id for c in feeds.values()}) == len(feeds)
    in_all = {e.link.removeprefix("../"): e.id for e in entries(seed_build, "atom.xml")}
    for e in entries(seed_build, "van-ban/loai/bao-cao/atom.xml"):
        assert in_all["van-ban/" + e.link.removeprefix("../../")] == e.id


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("ke-hoach/", "ke-hoach/atom.xml"),
        ("doi-thoai/", "doi-thoai/atom.xml"),
        ("doi-thoai/cam-ket/", "doi-thoai/atom.xml"),
        ("lich-tiep-cong-dan/", "lich-tiep-cong-dan/atom.xml"),
        ("van-ban/loai/bao-cao/", "van-ban/loai/bao-cao/atom.xml"),
        ("van-ban/co-quan/ban-dan-van-tu/", "van-ban/co-quan/ban-dan-van-tu/atom.xml"),
    ],
)
def test_section_and_facet_pages_advertise_their_feed(
    seed_build: Build, page: str, feed: str
) -> None:
    head, shown = advertised(seed_build, page)
    assert feed in head and feed in shown
    assert (seed_build.site / feed).is_file()


def test_every_type_and_issuer_page_advertises_its_own_feed_and_no_other(
    seed_build: Build,
) -> None:
    facet_pages = sorted(
        p.parent.relative_to(seed_build.site).as_posix() + "/"
        for folder in ("loai", "co-quan")
        for p in (seed_build.site / "van-ban" / folder).glob("*/index.html")
    )
    assert len(facet_pages) >= 10
    for url in facet_pages:
        head, shown = advertised(seed_build, url)
        own = url + "atom.xml"
        assert shown == {own}, url
        assert head == {own, "atom.xml", "van-ban/atom.xml", "thong-bao/atom.xml"}, url
    # topics have no listing page: the register's first page lists their feeds, visibly only
    head, shown = advertised(seed_build, "van-ban/")
    topics = {f for f in atom_feeds(seed_build) if f.startswith("van-ban/linh-vuc/")}
    assert topics and shown == topics | {"van-ban/atom.xml"}
    assert not head & topics


def test_a_facet_feed_holds_exactly_that_facets_documents(seed_build: Build) -> None:
    records = register(seed_build)
    assert len(records) < 50  # each feed keeps the newest 50: here, all of them
    for column, folder in (("type", "loai"), ("issuer", "co-quan")):
        for value in {str(r[column]) for r in records}:
            path = f"van-ban/{folder}/{value}/atom.xml"
            expected = {str(r["url"]) for r in records if r[column] == value}
            assert entry_paths(seed_build, path) == expected, path
    dialogue = {str(r["url"]) for r in records if "Đối thoại" in str(r["topics"]).split("; ")}
    assert len(dialogue) >= 2
    assert entry_paths(seed_build, "van-ban/linh-vuc/doi-thoai/atom.xml") == dialogue


def test_summaries_are_escaped_plain_text_without_markdown(seed_build: Build) -> None:
    for path, content in atom_feeds(seed_build).items():
        root = ET.fromstring(content)
        for summary in root.iter(f"{ATOM}summary"):
            text = summary.text or ""
            assert text.strip(), path
            assert "](" not in text and "<" not in text and "**" not in text, (path, text)
    notices = entries(seed_build, "thong-bao/atom.xml")
    calendar = next(e for e in notices if "Lịch chi tiết" in e.summary)
    assert "Lịch chi tiết xem tại trang Lịch tiếp công dân." in calendar.summary
    assert "lich-tiep-cong-dan/" not in calendar.summary


def test_the_month_only_report_stays_month_only(seed_build: Build) -> None:
    for path in ("van-ban/atom.xml", "van-ban/loai/bao-cao/atom.xml", "atom.xml"):
        report = next(
            e for e in entries(seed_build, path) if e.link.endswith("bao-cao-doi-thoai-2021/")
        )
        # RFC 3339 needs a day: the 1st of the month, and the entry says it is approximate
        assert report.updated == "2021-11-01T00:00:00+07:00"
        assert "Ngày ban hành: 11/2021 (không rõ ngày)" in report.summary
        assert "gần đúng" in report.summary and "01/11/2021" not in report.summary
    # the plan drawn from that report inherits the same honesty
    (plan,) = entries(seed_build, "ke-hoach/atom.xml")
    assert plan.updated == "2021-11-01T00:00:00+07:00"
    assert "11/2021 (không rõ ngày)" in plan.summary and "gần đúng" in plan.summary


def test_dialogue_and_calendar_feeds_follow_the_data(seed_build: Build) -> None:
    dialogue = {e.title: e for e in entries(seed_build, "doi-thoai/atom.xml")}
    overdue = dialogue["[Minh họa] Cam kết: Niêm yết cách tính phụ cấp làm thêm giờ"]
    assert overdue.updated == "2021-11-01T00:00:00+07:00"  # the day after its 31/10 deadline
    assert "Tiến độ: Quá hạn." in overdue.summary
    done = dialogue["[Minh họa] Cam kết: Bổ sung 02 máy tính cho bộ phận một cửa"]
    assert done.updated == "2021-09-15T00:00:00+07:00"
    assert "Hoàn thành ngày 15/9/2021" in done.summary
    assert overdue.id != done.id and overdue.link == done.link  # both on their meeting's page
    sessions = entries(seed_build, "lich-tiep-cong-dan/atom.xml")
    assert sessions, "the seed has a session after its as-of date"
    for e in sessions:
        assert e.link.startswith("buoi/") and e.title.startswith("[Minh họa] Tiếp công dân")
        assert e.updated <= "2021-11-30T00:00:00+07:00"  # never after the as-of date


def test_feeds_are_byte_identical_across_two_builds(seed_build: Build, tmp_path: Path) -> None:
    again = build(ROOT, tmp_path / "site")
    assert again.returncode == 0, again.output
    assert atom_feeds(again) == atom_feeds(seed_build)


def test_a_plan_entry_is_updated_when_a_task_is_done(seed_build: Build, tmp_path: Path) -> None:
    source = (ROOT / "data/plans/phuong-huong-2022.yaml").read_text(encoding="utf-8")
    done = source.replace(
        '  - id: "2"\n', '  - id: "2"\n    status: hoan-thanh\n    done_on: 20/11/2021\n', 1
    )
    assert done != source
    project = make_project(tmp_path, {"data/plans/phuong-huong-2022.yaml": done})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    (before,) = entries(seed_build, "ke-hoach/atom.xml")
    (after,) = entries(result, "ke-hoach/atom.xml")
    assert after.id == before.id and after.link == before.link
    assert after.updated == "2021-11-20T00:00:00+07:00"
    assert "Hoàn thành: 1" in after.summary and "ngày 20/11/2021" in after.summary
