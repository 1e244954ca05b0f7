"""Citizen first (issue 13): the home page and the reception calendar open with the next
session (date, time, place, who receives, "Thêm vào lịch"), then the current notices; facts
the data leaves empty are named once, last; an overdue dialogue commitment reaches the home
page; "Thông báo mới" only lists recent, unexpired notices; the dialogue page's chart is
readable on a phone and the as-of script relabels its dated statuses on a stale build."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import Build, build, make_project

CALENDAR = "lich-tiep-cong-dan/"
NEXT_DATE = "Thứ Tư, 15/12/2021"  # the seed's first planned session after 30/11/2021
LATE_AS_OF = "2022-01-05"  # after both open commitments' deadlines and the pinned notice's expiry


def _article(result: Build, url: str) -> Tag:
    article = result.html(url).select_one("article")
    assert article is not None, url
    return article


def _after_h1(article: Tag) -> Tag:
    h1 = article.find("h1")
    assert h1 is not None
    following = h1.find_next_sibling()
    assert isinstance(following, Tag)
    return following


@pytest.mark.parametrize("url", ["", CALENDAR])
def test_home_and_calendar_open_with_the_next_session(seed_build: Build, url: str) -> None:
    article = _article(seed_build, url)
    block = _after_h1(article)
    assert block.name == "section" and "ck-next" in block["class"]
    assert block.select_one(".ck-next__date").get_text(" ", strip=True) == f"{NEXT_DATE} minh họa"
    facts = {
        dt_.get_text(strip=True): dt_.find_next_sibling("dd").get_text(" ", strip=True)
        for dt_ in block.select("dl dt")
    }
    assert facts["Giờ"] == "08:00–11:00 (giờ Việt Nam)"
    assert facts["Địa điểm"] == "Phòng tiếp công dân, Văn phòng UBND tỉnh Sơn La"
    assert facts["Người tiếp"] == "Bí thư Đảng ủy Văn phòng UBND tỉnh"
    ics = block.find("a", string="Thêm vào lịch (.ics)")
    assert ics is not None and ics["type"] == "text/calendar"
    ics_file = (seed_build.site / url / ics["href"]).resolve()
    assert ics_file.is_file() and "DTSTART" in ics_file.read_text(encoding="utf-8")
    # the session first, every "chưa cập nhật" after it
    text = article.get_text(" ", strip=True)
    assert text.index(NEXT_DATE) < text.lower().find("chưa cập nhật")
    # then the example notice, compact, then the notices
    after = block.find_next_sibling()
    assert "ck-example--compact" in after["class"]
    notices = after.find_next_sibling()
    assert notices.name == "h2" and notices["id"] in {"thong-bao-ghim", "thong-bao"}


def test_calendar_names_its_missing_facts_once_and_last(seed_build: Build) -> None:
    article = _article(seed_build, CALENDAR)
    assert article.get_text(" ", strip=True).lower().count("chưa cập nhật") == 1
    line = article.select_one(".ck-missing-line")
    assert line.get_text(strip=True) == "Chưa cập nhật: địa điểm, thời gian tiếp thường xuyên."
    assert [h2["id"] for h2 in article.find_all("h2")][-1] == "noi-tiep"
    assert line.find_next_sibling("p")["class"] == ["ck-downloads"]
    assert "Địa điểm: chưa cập nhật" not in article.get_text()


def test_home_names_missing_contacts_once(seed_build: Build) -> None:
    article = _article(seed_build, "")
    assert article.get_text(" ", strip=True).lower().count("chưa cập nhật") == 1
    assert article.select_one("#lien-he ~ .ck-missing-line").get_text(strip=True) == (
        "Chưa cập nhật: địa chỉ, điện thoại, thư điện tử, đầu mối cung cấp thông tin."
    )


def _commitments(home: BeautifulSoup) -> list[tuple[str, str, str, str]]:
    return [
        (
            li.strong.get_text(),
            li.time["datetime"],
            li.select_one(".ck-progress").get_text(),
            li.find("a").get_text(),
        )
        for li in home.select("#cam-ket-qua-han + ul > li")
    ]


MEETING_2021_06 = (
    "Đối thoại của Chánh Văn phòng với công chức, viên chức, người lao động 6 tháng đầu năm 2021"
)


def test_overdue_commitment_reaches_the_home_page(seed_build: Build) -> None:
    # 30/11/2021: only the commitment due 31/10/2021 is late (the other is due 31/12/2021)
    assert _commitments(seed_build.html("")) == [
        ("Niêm yết cách tính phụ cấp làm thêm giờ", "2021-10-31", "Quá hạn", MEETING_2021_06)
    ]


def test_old_notice_without_expiry_is_not_new(seed_build: Build) -> None:
    # "Công khai Kế hoạch 22/KH-VPUB" (05/02/2021, no expiry) is current but not new
    home = seed_build.html("")
    assert home.select("#thong-bao + ul") == []
    assert (
        home.select_one("#thong-bao + p").get_text() == "Không có thông báo mới trong 30 ngày qua."
    )
    assert "Tất cả thông báo đang có hiệu lực (2)" in home.get_text()


NOTICE = "---\ntitle: {title}\ndate: {date}\n{extra}---\nNội dung.\n"


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped site with two December notices, built on 05/01/2022."""
    tmp = tmp_path_factory.mktemp("citizen")
    project = make_project(
        tmp,
        {
            "data/thong-bao/moi-trong-thang.md": NOTICE.format(
                title="Thông báo MOI TRONG THANG", date="20/12/2021", extra=""
            ),
            "data/thong-bao/het-han-trong-thang.md": NOTICE.format(
                title="Thông báo HET HAN TRONG THANG",
                date="15/12/2021",
                extra="expires: 31/12/2021\n",
            ),
        },
    )
    result = build(project, tmp / "site", as_of=LATE_AS_OF)
    assert result.returncode == 0, result.output
    return result


def test_new_notices_are_recent_and_unexpired(late: Build) -> None:
    home = late.html("")
    new = [a.get_text() for a in home.select("#thong-bao + ul.ck-notices li > a strong")]
    assert new == ["Thông báo MOI TRONG THANG"]
    text = home.select_one("article").get_text()
    assert "HET HAN TRONG THANG" not in text  # expired on 31/12/2021
    assert "Lịch tiếp công dân năm 2021" not in text  # the pinned notice expired on 01/01/2022
    assert home.select("#thong-bao-ghim") == []


def test_every_commitment_past_its_deadline_is_on_the_home_page(late: Build) -> None:
    assert _commitments(late.html("")) == [
        ("Niêm yết cách tính phụ cấp làm thêm giờ", "2021-10-31", "Quá hạn", MEETING_2021_06),
        ("Tổ chức tập huấn đăng tải thông tin", "2021-12-31", "Quá hạn", MEETING_2021_06),
    ]


def test_no_session_ahead_says_so_first(late: Build) -> None:
    for url in ("", CALENDAR):
        block = _after_h1(_article(late, url))
        assert "ck-next" in block["class"] and block.select(".ck-next__date") == []
        assert "Chưa có buổi tiếp công dân nào sắp tới (tính đến ngày 05/01/2022)" in (
            block.get_text(" ", strip=True)
        )


def test_planned_meeting_past_its_day_is_labelled_so(seed_build: Build, late: Build) -> None:
    def status(result: Build) -> str:
        row = result.html("doi-thoai/").select_one('tr[data-date="2021-12-20"]')
        assert row["data-status"] == "du-kien"
        return row.select_one(".ck-status").get_text()

    assert status(seed_build) == "Dự kiến"
    assert status(late) == "Đã qua (chưa cập nhật kết quả)"


def test_dialogue_chart_is_laid_out_for_a_phone(seed_build: Build) -> None:
    svg = seed_build.html("doi-thoai/").select_one("#thong-ke-2021 ~ figure svg")
    assert svg["viewbox"].startswith("0 0 360 ")
    assert {t["font-size"] for t in svg.find_all("text")} == {"14"}


# --- in Chromium at 360 px: one page, sequential steps -----------------------------------


FONT_PX = """() => [...document.querySelectorAll('#thong-ke-2021 ~ figure svg text')].map(
  t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a)"""
LAYOUT = """sel => [...document.querySelectorAll(sel)].map(e => [getComputedStyle(e).display,
  Math.round(e.getBoundingClientRect().top)])"""


def test_phone_first_screen_quick_links_and_chart(browser: object, base: str) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    try:
        for url in ("", CALENDAR):
            page.goto(base + url)
            date = page.locator(".ck-next__date")
            assert date.inner_text().startswith(NEXT_DATE)
            box = date.bounding_box()
            assert box is not None and box["y"] < 740, url
        page.goto(base)
        [(ul_display, _)] = page.evaluate(LAYOUT, ".ck-quick ul")
        items = page.evaluate(LAYOUT, ".ck-quick li")
        assert ul_display == "grid" and len(items) == 6
        assert {d for d, _ in items} == {"block"}
        assert items[0][1] == items[1][1]  # two links side by side
        page.goto(base + CALENDAR)
        months = page.evaluate(LAYOUT, "ul.ck-inline > li")
        assert {d for d, _ in months} == {"block"} and months[0][1] == months[1][1]
        page.goto(base + "doi-thoai/")
        sizes = page.evaluate(FONT_PX)
        assert sizes and min(sizes) >= 12, sizes
    finally:
        page.close()


def test_as_of_script_relabels_dialogues_on_a_stale_copy(browser: object, base: str) -> None:
    vietnam = dt.timezone(dt.timedelta(hours=7))
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        # the build's own day (30/11/2021): the build's labels stand
        page.clock.set_fixed_time(dt.datetime(2021, 11, 30, 9, tzinfo=vietnam))
        page.goto(base + "doi-thoai/")
        meeting = page.locator('tr[data-date="2021-12-20"] .ck-status')
        assert meeting.inner_text() == "Dự kiến"
        assert page.locator('[data-count="qua-han"]').inner_text() == "1"
    finally:
        page.close()
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        # read on 05/01/2022, a copy built on 30/11/2021
        page.clock.set_fixed_time(dt.datetime(2022, 1, 5, 9, tzinfo=vietnam))
        page.goto(base + "doi-thoai/")
        assert (
            page.locator('tr[data-date="2021-12-20"] .ck-status').inner_text()
            == "Đã qua (chưa cập nhật kết quả)"
        )
        late = page.locator('.ck-open-items [data-deadline="2021-12-31"] .ck-progress')
        assert late.inner_text() == "Quá hạn"
        assert "ck-progress--qua-han" in (late.get_attribute("class") or "")
        assert page.locator('[data-count="qua-han"]').inner_text() == "2"
        assert page.locator('[data-count="dang-thuc-hien"]').inner_text() == "0"
        page.goto(base + "doi-thoai/cam-ket/")
        assert page.locator('[data-deadline="2021-12-31"] .ck-progress').inner_text() == "Quá hạn"
    finally:
        page.close()
