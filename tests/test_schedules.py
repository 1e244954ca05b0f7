"""Lịch tiếp công dân and hội nghị đối thoại: expansion on the working-day calendar, merging,
legal checks, pages at an as-of date, iCalendar feeds parsed back, open data."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
from conftest import Build, build, make_project

from congkhai.datasets.reception import Recurrence, Rule, Shift
from congkhai.dates import DayAdjustment, WorkingCalendar
from congkhai.problems import Severity
from congkhai.registry import load_registry
from congkhai.schedules import expand_rule

FIXTURE = Path(__file__).parent / "golden" / "schedules"
AS_OF = "2026-03-10"


def rule(**kw: object) -> Rule:
    base: dict[str, object] = {
        "id": "r",
        "host": "h",
        "text": "",
        "recurrence": Recurrence.HANG_THANG,
        "day": 15,
        "start": dt.time(8),
        "end": dt.time(11),
        "place": "P",
        "valid_from": dt.date(2021, 1, 1),
        "valid_to": dt.date(2021, 12, 31),
    }
    base.update(kw)
    return Rule.model_validate(base)


def dates_of(r: Rule, calendar: WorkingCalendar | None = None) -> dict[dt.date, dt.date]:
    return dict(expand_rule(r, calendar or WorkingCalendar(), dt.date(2030, 1, 1)))


def test_tet_moves_a_session_to_the_next_working_day() -> None:
    # Tết Tân Sửu: 10-16/02/2021 off; the 12th moves to Wednesday 17/02.
    moved = dates_of(rule(day=12))
    assert moved[dt.date(2021, 2, 12)] == dt.date(2021, 2, 17)
    assert moved[dt.date(2021, 3, 12)] == dt.date(2021, 3, 12)


def test_gio_to_hung_vuong_lunar_holiday_is_known() -> None:
    # Giỗ Tổ Hùng Vương 2021 fell on 21/4 (10/3 âm lịch).
    assert dates_of(rule(day=21))[dt.date(2021, 4, 21)] == dt.date(2021, 4, 22)


def test_month_boundary_and_short_months() -> None:
    # 30/4 (holiday), 1/5 (holiday, Saturday), 2/5 Sunday, 3/5 observed holiday: Tuesday 4/5.
    assert dates_of(rule(day=30))[dt.date(2021, 4, 30)] == dt.date(2021, 5, 4)
    day31 = dates_of(rule(day=31))
    assert dt.date(2021, 1, 31) in day31 and not any(d.month in (2, 4, 6, 9, 11) for d in day31)


def test_previous_working_day_and_skip() -> None:
    assert dates_of(rule(day=30, shift=Shift.TRUOC))[dt.date(2021, 4, 30)] == dt.date(2021, 4, 29)
    assert dt.date(2021, 5, 15) not in dates_of(rule(shift=Shift.BO_QUA))  # a Saturday


def test_weekly_and_last_weekday_rules() -> None:
    weekly = dates_of(
        rule(recurrence=Recurrence.HANG_TUAN, day=None, weekday=5, valid_to=dt.date(2021, 1, 31))
    )
    assert list(weekly) == [dt.date(2021, 1, d) for d in (7, 14, 21, 28)]  # Thursdays
    last = dates_of(rule(day=None, weekday=6, week=-1, valid_to=dt.date(2021, 3, 31)))
    assert list(last) == [dt.date(2021, 1, 29), dt.date(2021, 2, 26), dt.date(2021, 3, 26)]


def test_announced_days_off_and_make_up_days_from_staff_data() -> None:
    calendar = WorkingCalendar(
        (
            DayAdjustment(dt.date(2021, 6, 15), working=False, name="Nghỉ bù"),
            DayAdjustment(dt.date(2021, 5, 15), working=True, name="Làm bù"),
        )
    )
    moved = dates_of(rule(), calendar)
    assert moved[dt.date(2021, 6, 15)] == dt.date(2021, 6, 16)
    assert moved[dt.date(2021, 5, 15)] == dt.date(2021, 5, 15)  # a Saturday worked
    assert calendar.day_off_reason(dt.date(2021, 6, 15)) == "Nghỉ bù"


def test_working_day_arithmetic_for_the_notice_rule() -> None:
    calendar = WorkingCalendar()
    # Five working days before Monday 22/3/2021: Mon 15 (a plain week).
    assert calendar.add_working_days(dt.date(2021, 3, 22), -5) == dt.date(2021, 3, 15)
    # Before Monday 22/02/2021 the count skips Tết (10-16/02): 19, 18, 17, 9, 8.
    assert calendar.add_working_days(dt.date(2021, 2, 22), -5) == dt.date(2021, 2, 8)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("schedules"))
    shutil.rmtree(root / "data")
    shutil.copytree(FIXTURE / "data", root / "data")
    return root


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(
        project,
        tmp_path_factory.mktemp("s") / "site",
        as_of=AS_OF,
        CONGKHAI_SITE_URL="https://congkhai.example.vn/",
    )
    assert result.returncode == 0, result.output
    return result


def test_merge_postpone_cancel_and_holiday_move(project: Path) -> None:
    registry = load_registry(project, dt.date(2026, 3, 10))
    sessions = registry.schedule.by_id
    assert sessions["chu-tich-2026-02-15"].date == dt.date(2026, 2, 23)  # Tết Bính Ngọ
    assert sessions["chu-tich-2026-05-15"].date == dt.date(2026, 5, 18)  # staff's day off
    assert sessions["chu-tich-cuoi-thang-2026-04-30"].date == dt.date(2026, 4, 29)
    old = sessions["chu-tich-2026-03-15"]
    # its replacement is announced on 19/3: on 10/3 the site knows only the postponement
    assert (old.status.value, old.replaced_by) == ("hoan", "")
    assert "chu-tich-2026-03-20-0800" not in sessions
    later = load_registry(project, dt.date(2026, 3, 19)).schedule.by_id
    assert later["chu-tich-2026-03-15"].replaced_by == "chu-tich-2026-03-20-0800"
    assert sessions["chu-tich-2026-04-15"].status.value == "huy"
    assert sessions["chu-tich-2026-01-15"].result == "03-tb-vpub-2026"


def test_legal_checks_list_every_planted_problem(project: Path) -> None:
    registry = load_registry(project, dt.date(2026, 3, 10))
    legal = [str(p) for p in registry.problems.of(Severity.LEGAL)]
    assert any(
        "chu-tich-2026-03-20-0800" in m
        and "chưa đủ 5 ngày làm việc" in m
        and "chậm nhất 13/3/2026" in m
        for m in legal
    )
    assert any("chu-tich-2026-03-28-0800" in m and "ngày nghỉ (Thứ Bảy)" in m for m in legal)
    assert any("trùng giờ" in m and "chu-tich-2026-01-15" in m for m in legal)
    below = [m for m in legal if "ít hơn mức tối thiểu" in m]
    assert len(below) == 2 and all("Cầm Thị Mẫu" in m for m in below)
    assert {"tháng 2/2026", "tháng 3/2026"} == {m.split("trong ")[1].split(",")[0] for m in below}
    assert len(legal) == 5


def test_quality_report_page_lists_the_legal_problems(site: Build) -> None:
    page = site.html("bao-cao-du-lieu/")
    section = page.find("h2", id="phap-ly")
    assert section is not None and section.get_text() == "Chưa đúng quy định pháp luật (5)"
    items = [li.get_text() for li in section.find_next("ul").select("li")]
    assert any("chưa đủ 5 ngày làm việc" in i for i in items)


def test_calendar_page_at_the_as_of_date(site: Build) -> None:
    page = site.html("lich-tiep-cong-dan/")
    rows = page.select("table.ck-sessions tbody tr")
    first = rows[0]
    assert first["data-date"] == "2026-03-16" and first["data-status"] == "hoan"
    # the replacement on 20/3 is announced only on 19/3: not on the 10/3 site
    assert "Chuyển sang" not in first.get_text() and "20/3/2026" not in first.get_text()
    labels = {r["data-date"]: r.select_one(".ck-status").get_text() for r in rows}
    assert "2026-03-20" not in labels
    assert labels["2026-04-15"] == "Đã hủy" and labels["2026-03-28"] == "Sắp diễn ra"
    assert "Trụ sở Tiếp công dân tỉnh, số 1 đường Thử Nghiệm" in page.get_text()
    grid = page.select_one("table.ck-month")
    assert grid.select_one("caption").get_text() == "Tháng 3/2026"
    assert grid.select_one("td.ck-today")["aria-current"] == "date"


def test_session_page_explains_a_move_and_offers_ics(site: Build) -> None:
    page = site.html("lich-tiep-cong-dan/buoi/chu-tich-2026-02-15/")
    text = page.get_text(" ", strip=True)
    assert "Theo lịch là 15/02/2026" in text and "chuyển sang ngày làm việc kế tiếp" in text
    link = page.find("a", string="Thêm vào lịch (.ics)")
    assert link["href"] == "../chu-tich-2026-02-15.ics"
    assert (site.site / "lich-tiep-cong-dan" / "buoi" / "chu-tich-2026-02-15.ics").exists()
    host = site.html("lich-tiep-cong-dan/nguoi-tiep/chu-tich/")
    assert (
        host.find("a", href=lambda h: h and h.startswith("webcal://congkhai.example.vn/"))
        is not None
    )


def _events(path: Path) -> dict[str, icalendar.Event]:
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    cal = icalendar.Calendar.from_ical(raw)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_feed_parses_back_with_every_field(site: Build, project: Path) -> None:
    events = _events(site.site / "lich-tiep-cong-dan" / "lich-tiep-cong-dan.ics")
    registry = load_registry(project, dt.date(2026, 3, 10))
    assert set(events) == {f"{s.id}@congkhai.example.vn" for s in registry.schedule.sessions}
    feb = events["chu-tich-2026-02-15@congkhai.example.vn"]
    start = feb.decoded("DTSTART")
    assert (start.isoformat(), str(start.tzinfo)) == (
        "2026-02-23T08:00:00+07:00",
        "Asia/Ho_Chi_Minh",
    )
    assert feb["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert feb.decoded("DTEND").hour == 11
    assert str(feb["STATUS"]) == "CONFIRMED"
    assert (
        str(feb["URL"])
        == "https://congkhai.example.vn/lich-tiep-cong-dan/buoi/chu-tich-2026-02-15/"
    )
    assert (
        str(feb["SUMMARY"]) == "Tiếp công dân thứ hai, 23/02/2026: Lò Văn Thử, Chủ tịch UBND tỉnh"
    )
    assert str(feb["LOCATION"]) == "Trụ sở Tiếp công dân tỉnh"
    assert "Thanh tra tỉnh; Ban Tiếp công dân tỉnh" in str(feb["DESCRIPTION"])
    assert int(feb["SEQUENCE"]) == 0  # not in git: no change history
    assert str(events["chu-tich-2026-04-15@congkhai.example.vn"]["STATUS"]) == "CANCELLED"
    postponed = events["chu-tich-2026-03-15@congkhai.example.vn"]
    assert str(postponed["STATUS"]) == "CANCELLED" and "HOÃN" in str(postponed["DESCRIPTION"])
    assert "20/3/2026" not in str(postponed["DESCRIPTION"])  # announced only on 19/3
    host_feed = _events(site.site / "lich-tiep-cong-dan" / "nguoi-tiep" / "pho-chu-tich.ics")
    assert list(host_feed) == ["pho-chu-tich-2026-01-20-0800@congkhai.example.vn"]


def test_internal_documents_never_surface_through_sessions(site: Build) -> None:
    for name, text in site.text_files().items():
        assert "MẬTLỊCH" not in text and "04-tb-vpub-2026" not in text, name


def test_times_do_not_depend_on_the_machine_time_zone(
    project: Path, site: Build, tmp_path: Path
) -> None:
    other = build(
        project,
        tmp_path / "ny",
        as_of=AS_OF,
        TZ="America/New_York",
        CONGKHAI_SITE_URL="https://congkhai.example.vn/",
    )
    assert other.returncode == 0, other.output
    for rel in (
        "lich-tiep-cong-dan/lich-tiep-cong-dan.ics",
        "lich-tiep-cong-dan/index.html",
        "lich-tiep-cong-dan/buoi/chu-tich-2026-02-15/index.html",
        "du-lieu-mo/lich-tiep-cong-dan.json",
    ):
        assert (other.site / rel).read_bytes() == (site.site / rel).read_bytes(), rel


def test_sequence_grows_when_a_session_changes(project: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(project, repo)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }

    def commit(when: str) -> None:
        run_env = {**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=run_env)
        subprocess.run(["git", "commit", "-qm", when], cwd=repo, check=True, env=run_env)

    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    commit("2026-01-01T08:00:00+07:00")
    first = _events(
        build(repo, tmp_path / "a", as_of=AS_OF).site
        / "lich-tiep-cong-dan"
        / "lich-tiep-cong-dan.ics"
    )
    sessions = repo / "data" / "reception" / "2026.csv"
    sessions.write_text(
        sessions.read_text(encoding="utf-8").replace(
            "Hủy do trùng kỳ họp HĐND", "Hủy: trùng kỳ họp HĐND tỉnh"
        ),
        encoding="utf-8",
    )
    commit("2026-01-02T09:30:00+07:00")
    second = _events(
        build(repo, tmp_path / "b", as_of=AS_OF).site
        / "lich-tiep-cong-dan"
        / "lich-tiep-cong-dan.ics"
    )
    changed = "chu-tich-2026-04-15@congkhai.invalid"
    assert int(second[changed]["SEQUENCE"]) > int(first[changed]["SEQUENCE"]) > 0
    same = "chu-tich-2026-02-15@congkhai.invalid"
    assert int(second[same]["SEQUENCE"]) == int(first[same]["SEQUENCE"])
    assert second[changed].decoded("DTSTAMP") == dt.datetime(2026, 1, 2, 2, 30, tzinfo=dt.UTC)


def test_commitments_overdue_on_both_sides_of_the_deadline(
    project: Path, tmp_path: Path, site: Build
) -> None:
    def groups(result: Build) -> dict[str, str]:
        page = result.html("doi-thoai/cam-ket/")
        return {h2["id"]: h2.find_next("table").get_text(" ") for h2 in page.select("h2[id]")}

    after = groups(site)  # as of 10/3/2026: deadline 01/3 passed
    assert (
        "QUAHAN" in after["qua-han"]
        and "DANGLAM" in after["dang-thuc-hien"]
        and "DAXONG" in after["hoan-thanh"]
    )
    before = groups(build(project, tmp_path / "feb", as_of="2026-03-01"))  # the deadline day itself
    assert "qua-han" not in before and "QUAHAN" in before["dang-thuc-hien"]


def test_dialogue_overview_statistics_and_chart(site: Build) -> None:
    page = site.html("doi-thoai/")
    assert (
        next(a.get_text() for a in page.select("#sap-toi ~ div table a"))
        == "Đối thoại định kỳ quý II/2026"
    )
    stats = {
        tr.select("td")[0].get_text(): tr.select("td")[1].get_text()
        for tr in page.select("#thong-ke-2026 + div tbody tr")
    }
    assert stats == {"Đối thoại định kỳ": "1", "Hội nghị": "1", "Sinh hoạt chính trị dưới cờ": "2"}
    svg = page.select_one("svg.ck-chart")
    assert svg["role"] == "img" and "Sinh hoạt chính trị dưới cờ: 2" in svg.find("desc").get_text()


def test_open_data_for_sessions_meetings_and_commitments(site: Build) -> None:
    raw = (site.site / "du-lieu-mo" / "lich-tiep-cong-dan.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_id = {r["id"]: r for r in rows}
    assert by_id["chu-tich-2026-02-15"]["date"] == "2026-02-23"
    assert by_id["chu-tich-2026-03-15"]["replaced_by"] == ""  # replacement announced 19/3
    assert by_id["pho-chu-tich-2026-01-20-0800"]["result"] == ""  # noi-bo document withheld
    data = json.loads((site.site / "du-lieu-mo" / "cam-ket.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["progress"] for r in data["records"]} == {
        "qua-han": "qua-han",
        "da-xong": "hoan-thanh",
        "dang-lam": "dang-thuc-hien",
    }
    meetings = json.loads((site.site / "du-lieu-mo" / "hoi-nghi.json").read_text(encoding="utf-8"))
    assert meetings["count"] == 3


def test_seed_site_labels_example_data_and_shows_true_2021_totals(seed_build: Build) -> None:
    page = seed_build.html("doi-thoai/")
    stats = {
        tr.select("td")[0].get_text(): tr.select("td")[1].get_text()
        for tr in page.select("#thong-ke-2021 + div tbody tr")
    }
    assert stats == {
        "Đối thoại theo yêu cầu của công dân": "0",
        "Hội nghị": "6",
        "Sinh hoạt chính trị dưới cờ": "3",
        "Giao ban tuần, tháng": "35",
    }
    for url in (
        "doi-thoai/",
        "lich-tiep-cong-dan/",
        "lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-05-15/",
    ):
        assert (
            seed_build.html(url).select_one(".ck-example .admonition-title").get_text()
            == "Dữ liệu minh họa"
        )
    events = _events(seed_build.site / "lich-tiep-cong-dan" / "lich-tiep-cong-dan.ics")
    assert all(str(e["SUMMARY"]).startswith("[Minh họa]") for e in events.values())
    upcoming = seed_build.html("lich-tiep-cong-dan/").select("table.ck-sessions tbody tr")
    assert [r["data-date"] for r in upcoming] == ["2021-12-15"]


def test_postponed_then_held_session_on_the_seed_site(seed_build: Build) -> None:
    old = seed_build.html("lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-07-15/")
    notice = old.select_one(".admonition.warning")
    assert notice.select_one(".admonition-title").get_text() == "Buổi tiếp đã hoãn"
    link = notice.find("a")
    assert link["href"] == "../bi-thu-duvp-2021-07-22-0800/" and "22/7/2021" in link.get_text()
    new = seed_build.html("lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-07-22-0800/")
    facts = {
        tr.th.get_text(): tr.td.get_text(" ", strip=True)
        for tr in new.select("table.ck-properties tr")
    }
    assert facts["Trạng thái"] == "Đã tiếp"
    assert facts["Thay cho buổi"].startswith("Thứ Năm, 15/7/2021")
    feed = _events(seed_build.site / "lich-tiep-cong-dan" / "lich-tiep-cong-dan.ics")
    assert str(feed["bi-thu-duvp-2021-07-15@congkhai.invalid"]["STATUS"]) == "CANCELLED"
    assert str(feed["bi-thu-duvp-2021-07-22-0800@congkhai.invalid"]["STATUS"]) == "CONFIRMED"
