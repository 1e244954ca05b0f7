"""The catalogue of information that must be public (Luật Tiếp cận thông tin Art. 19(1)(g),
Nghị định 13/2018 Art. 6), corrections (Art. 22) and the public compliance report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HEADERS, ROOT, Build, make_project

from congkhai import ids
from congkhai.problems import DataError
from congkhai.site import build_site

SEVEN_FIELDS = ("title", "number", "created", "form", "url", "published", "period")
RECORD_TEMPLATES = ("document.html", "notice.html", "plan.html", "meeting.html")
SECTION_PAGES = (
    ids.RECEPTION,
    ids.ACCESS,
    ids.ACCESS_FORMS,
    ids.CATALOGUE,
    ids.ACCESS + "#thong-ke-yeu-cau",
    ids.RECEPTION_OUTCOMES,
    ids.ORGANISATION,
    ids.PROCEDURES,
)


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_catalogue_lists_every_published_item_once_with_the_seven_fields(
    seed_build: Build,
) -> None:
    plan = build_site(ROOT, dt.date(2021, 11, 30))
    expected = {p.url for p in plan.pages if p.template in RECORD_TEMPLATES} | set(SECTION_PAGES)
    rows = _rows((seed_build.site / "du-lieu-mo/danh-muc-thong-tin.csv").read_bytes())
    urls = [r["url"] for r in rows]
    assert len(urls) == len(set(urls)), "an item listed twice"
    assert set(urls) == expected
    assert set(SEVEN_FIELDS) <= set(rows[0])
    by_url = {r["url"]: r for r in rows}
    # a document: number verbatim, a month-only issue date stays month-only
    report = by_url[ids.document_url("bao-cao-doi-thoai-2021")]
    assert (report["number"], report["created"], report["category"]) == ("/BC-VPUB", "2021-11", "l")
    assert report["form"] == "Đăng tải trên cổng thông tin điện tử"
    # placed by its own row (an internal rule issued by a decision), and a party document
    assert by_url[ids.document_url("35-qd-vpub-2020")]["category"] == "k"
    assert by_url[ids.document_url("12-qd-tu-2019")]["category"] == "tham-khao"
    # a notice: posted on its date
    notice = by_url[ids.notice_url("lich-tiep-cong-dan-2021")]
    assert notice["published"] == "2021-03-12" and notice["example"] == "True"
    # the page: every category a heading, the seven columns, each item's address a link
    page = seed_build.html(ids.CATALOGUE)
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert "Báo cáo công tác định kỳ" in headings and len(headings) == 7
    assert [
        th.get_text(strip=True) for th in page.select("table.ck-catalogue")[0].select("th")
    ] == [
        "Tên thông tin",
        "Số, ký hiệu",
        "Ngày tạo lập",
        "Hình thức công khai",
        "Địa chỉ",
        "Thời điểm công khai",
        "Thời hạn công khai",
    ]
    assert len(page.select("table.ck-catalogue tbody tr")) == len(rows)
    text = page.select_one("article").get_text(" ")
    assert text.count("chưa cập nhật") == 1  # said once, "—" in the cells
    # the download is described in the Data Package
    package = json.loads((seed_build.site / ids.DATAPACKAGE).read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "danh-muc-thong-tin")
    titles = {f["name"]: f["title"] for f in resource["schema"]["fields"]}
    assert titles["published"] == "Thời điểm công khai" and titles["period"] == "Thời hạn công khai"


CORRECTED = (
    HEADERS["documents.csv"]
    + ",10/QĐ-VPUB,quyet-dinh,vpub,02/3/2026,Ban hành quy chế tiếp nhận thông tin,,,,,,,,cong-khai,,,\n"
    + ",12/QĐ-VPUB,quyet-dinh,vpub,05/3/2026,Đính chính Quyết định số 10/QĐ-VPUB,,,,,,,,{access},,,\n"
)
CORRECTION = HEADERS["relations.csv"] + "12-qd-vpub-2026,dinh-chinh,10-qd-vpub-2026,,\n"


def _corrected_project(tmp_path: Path, access: str) -> Path:
    return make_project(
        tmp_path,
        {
            "data/documents.csv": CORRECTED.format(access=access),
            "data/relations.csv": CORRECTION,
        },
    )


def test_a_correction_marks_the_corrected_document_and_its_catalogue_item(
    tmp_path: Path,
) -> None:
    project = _corrected_project(tmp_path, "cong-khai")
    plan = build_site(project, dt.date(2026, 3, 10))
    page = next(p for p in plan.pages if p.url == ids.document_url("10-qd-vpub-2026"))
    (correction,) = page.context.corrections
    assert (correction.label, correction.date) == ("Quyết định 12/QĐ-VPUB", "05/3/2026")
    assert correction.href == "../12-qd-vpub-2026/"
    rows = {r["url"]: r for r in _rows(_file(plan, "du-lieu-mo/danh-muc-thong-tin.csv"))}
    assert rows[ids.document_url("10-qd-vpub-2026")]["corrections"] == "Quyết định 12/QĐ-VPUB"
    assert rows[ids.document_url("12-qd-vpub-2026")]["corrects"] == "Quyết định 10/QĐ-VPUB"
    # the rendered page and the catalogue show it (the real build)
    from conftest import build

    result = build(project, tmp_path / "site", as_of="2026-03-10")
    assert result.returncode == 0, result.output
    banner = result.html(ids.document_url("10-qd-vpub-2026")).select_one(".ck-corrected")
    assert banner is not None and "đã được đính chính bởi" in banner.get_text()
    assert banner.a["href"] == "../12-qd-vpub-2026/"
    catalogue = result.html(ids.CATALOGUE).select_one("article").get_text(" ")
    assert "đã đính chính" in catalogue


def test_an_unpublished_correction_is_shown_nowhere(tmp_path: Path) -> None:
    plan = build_site(_corrected_project(tmp_path, "noi-bo"), dt.date(2026, 3, 10))
    page = next(p for p in plan.pages if p.url == ids.document_url("10-qd-vpub-2026"))
    assert page.context.corrections == ()
    data = _file(plan, "du-lieu-mo/danh-muc-thong-tin.csv").decode("utf-8-sig")
    assert "12/QĐ-VPUB" not in data


def _file(plan: object, path: str) -> bytes:
    return next(f.content for f in plan.files if f.path == path)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("category: l\n", "category: x\n"),
            'data/danh-muc.yaml:{line}: khóa "category": nhóm "x"',
        ),
        (
            ("  - dataset: plans\n", "  - dataset: plans\n    type: ke-hoach\n"),
            "type, system, id chỉ dùng với dataset documents",
        ),
        (("  - dataset: notices\n", "  - dataset: tin-tuc\n"), '"tin-tuc" không thuộc danh mục'),
    ],
    ids=["unknown-category", "type-on-a-dataset-without-types", "unknown-dataset"],
)
def test_a_broken_catalogue_configuration_names_its_line(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    shipped = (ROOT / "data/danh-muc.yaml").read_text(encoding="utf-8")
    assert edit[0] in shipped
    text = shipped.replace(edit[0], edit[1], 1)
    line = text[: text.index(edit[1]) + len(edit[1]) - 1].count("\n") + 1
    project = make_project(tmp_path, {"data/danh-muc.yaml": text})
    with pytest.raises(DataError) as caught:
        build_site(project, dt.date(2021, 11, 30))
    assert message.format(line=line) in str(caught.value)


# --- the compliance report on a fixture set: exactly the problems planted there ----------

COMPLETE_SITE = """\
agency:
  name: Văn phòng Ủy ban nhân dân tỉnh Sơn La
  parent: Ủy ban nhân dân tỉnh Sơn La
  organization: vpub
  address: Tầng 3, Trụ sở Ủy ban nhân dân tỉnh
  phone: 0212 3852 000
  fax: 0212 3852 001
  email: vanphong@example.gov.vn
focal_point:
  name: Phòng Hành chính - Tổ chức
  unit: Văn phòng UBND tỉnh
  address: Tầng 3, Trụ sở Ủy ban nhân dân tỉnh
  phone: {focal_phone}
  fax: 0212 3852 001
  email: daumoi@example.gov.vn
responsible:
  name: Nguyễn Văn Phụ Trách
  title: Chánh Văn phòng
"""
PEOPLE = "id,name,title,organization\nchu-tich,Nguyễn Văn Chủ,Chủ tịch UBND tỉnh,ubnd-tinh\n"
DOCUMENTS = (
    HEADERS["documents.csv"]
    + ",10/KH-VPUB,ke-hoach,vpub,02/3/2026,Đúng hạn có toàn văn,,,,,,,,cong-khai,03/3/2026,,toan-van/kh-10.md\n"
    + ",11/KH-VPUB,ke-hoach,vpub,02/3/2026,Đăng muộn không có tệp,,,,,,,,cong-khai,20/3/2026,,\n"
    + ",12/QĐ-VPUB,quyet-dinh,vpub,02/3/2026,Quyết định có toàn văn,,,,,,,,cong-khai,04/3/2026,,toan-van/qd-12.md\n"
)
CATALOGUE = """\
categories:
  - {code: a, title: Văn bản, article: Điều 17 khoản 1 điểm a, source: Luật, source_kind: chinh-thuc}
  - {code: d, title: Kế hoạch, article: Điều 17 khoản 1 điểm d, source: Luật, source_kind: thu-cap}
  - {code: l, title: Báo cáo định kỳ, article: Điều 17 khoản 1 điểm l, source: Luật, source_kind: chinh-thuc}
  - {code: m, title: Danh mục, article: Điều 17 khoản 1 điểm m, source: Luật, source_kind: chinh-thuc}
  - {code: p, title: Khác, article: Điều 17 khoản 1 điểm p, source: Luật, source_kind: chinh-thuc}
map:
  - {dataset: documents, category: a, period: Thường xuyên}
  - {dataset: documents, type: ke-hoach, category: d, period: Thường xuyên}
  - {dataset: plans, category: d, period: Thường xuyên}
  - {dataset: dialogues, category: p, period: Thường xuyên}
  - {dataset: reception, category: p, period: Thường xuyên}
  - {dataset: access, category: m, period: Thường xuyên}
  - {dataset: outcomes, category: p, period: Thường xuyên}
  - {dataset: requests, category: l, period: Thường xuyên}
  - {dataset: office, category: p, period: Thường xuyên}
  - {dataset: procedures, category: a, period: Thường xuyên}
"""
RULES = """\
info:
  place: Phòng tiếp công dân, Trụ sở Ủy ban nhân dân tỉnh
  hours: Sáng thứ Năm hằng tuần, từ 8 giờ đến 11 giờ
"""
SESSIONS = (
    "id,date,start,end,host,place,attendees,topic,status,announced_by,announced_on,replaces,"
    "result,note,example\n"
    ",20/3/2026,08:00,11:00,chu-tich,Phòng tiếp công dân,,Tiếp công dân định kỳ,du-kien,,19/3/2026,,,,\n"
)
PLAN = """\
title: Kế hoạch công tác năm 2026
owner: vpub
year: 2026
tasks:
  - id: "1"
    title: Rà soát danh mục thông tin phải công khai
    deadline: 01/3/2026
    status: dang-thuc-hien
  - id: "2"
    title: Cập nhật lịch tiếp công dân
    deadline: 30/6/2026
    status: dang-thuc-hien
"""
MEETINGS = (
    "id,date,start,end,kind,title,chair,place,participants,status,summary,record,example\n"
    "doi-thoai-2026-02,10/02/2026,14:00,16:00,doi-thoai-dinh-ky,Đối thoại đầu năm 2026,chu-tich,"
    "Hội trường,Công chức,da-to-chuc,,,\n"
)
ITEMS = (
    "id,meeting,raised_by,issue,answer,commitment,owner,deadline,status,done_on,note\n"
    "doi-thoai-2026-02-1,doi-thoai-2026-02,Công chức,Đề nghị bổ sung máy tính,Ghi nhận,"
    "Bổ sung máy tính,vpub,28/02/2026,dang-thuc-hien,,\n"
    "doi-thoai-2026-02-2,doi-thoai-2026-02,Công chức,Đề nghị tập huấn,Ghi nhận,"
    "Tổ chức tập huấn,vpub,30/6/2026,dang-thuc-hien,,\n"
)


def _compliance_project(tmp_path: Path, focal_phone: str = "0212 3852 002") -> Path:
    project = make_project(
        tmp_path,
        {
            "data/site.yaml": COMPLETE_SITE.format(focal_phone=focal_phone),
            "data/people.csv": PEOPLE,
            "data/documents.csv": DOCUMENTS,
            "data/danh-muc.yaml": CATALOGUE,
            "data/reception/rules.yaml": RULES,
            "data/reception/2026.csv": SESSIONS,
            "data/plans/ke-hoach-2026.yaml": PLAN,
            "data/meetings.csv": MEETINGS,
            "data/dialogue_items.csv": ITEMS,
            "docs/toan-van/kh-10.md": "Toàn văn kế hoạch.\n",
            "docs/toan-van/qd-12.md": "Toàn văn quyết định.\n",
        },
    )
    (project / "data/tiep-can-thong-tin.yaml").unlink()  # the section is optional
    return project


AS_OF = dt.date(2026, 3, 25)


def test_compliance_report_lists_exactly_the_planted_problems(tmp_path: Path) -> None:
    report = build_site(_compliance_project(tmp_path, focal_phone='""'), AS_OF).compliance
    assert report is not None
    found = sorted((f.kind, f.where) for f in report.findings)
    assert found == sorted(
        [
            ("thieu-thong-tin", "data/site.yaml:13"),  # the focal point's phone left empty
            ("thieu-thong-tin", "data/documents.csv:3"),  # a document without text or file
            ("dang-tai-cham", "data/documents.csv:3"),  # posted 14 working days after issue
            ("nhom-trong", "data/danh-muc.yaml"),  # nothing in category l
            ("nguon-thu-cap", "data/danh-muc.yaml"),  # category d from a secondary source
            ("bao-truoc-lich-tiep", "data/reception/2026.csv:2"),  # announced the day before
            ("nhiem-vu-qua-han", "data/plans/ke-hoach-2026.yaml"),  # task 1, due 01/3/2026
            ("cam-ket-qua-han", "data/dialogue_items.csv:2"),  # due 28/02/2026
        ]
    )
    by_kind = {f.kind: f for f in report.findings}
    assert "nhóm l" in by_kind["nhom-trong"].message
    assert "tên nhóm d" in by_kind["nguon-thu-cap"].message
    assert "nhiệm vụ 1" in by_kind["nhiem-vu-qua-han"].message
    assert by_kind["nhiem-vu-qua-han"].url == ids.plan_url("ke-hoach-2026")
    counts = {c.code: c.count for c in report.categories}
    # a: the decision and the procedures page; p: reception, meeting, outcomes, organisation;
    # l stays empty: request statistics are listed only when the file has rows
    assert counts == {"a": 2, "d": 3, "l": 0, "m": 1, "p": 4}
    newest = next(c for c in report.categories if c.code == "d")
    assert newest.newest_date == "02/3/2026"


def test_a_complete_fixture_has_no_finding_and_the_command_writes_json(tmp_path: Path) -> None:
    project = _compliance_project(tmp_path)
    # remove the planted problems: file the late document on time with its text, fill
    # category l, verify d, announce the session in time, finish the task and commitment
    documents = DOCUMENTS.replace(
        ",cong-khai,20/3/2026,,\n", ",cong-khai,03/3/2026,,toan-van/kh-10.md\n"
    )
    documents += ",01/BC-VPUB,bao-cao,vpub,05/3/2026,Báo cáo quý I,,,,,,,,cong-khai,06/3/2026,,toan-van/qd-12.md\n"
    catalogue = CATALOGUE.replace("source_kind: thu-cap", "source_kind: chinh-thuc")
    catalogue += "  - {dataset: documents, type: bao-cao, category: l, period: Thường xuyên}\n"
    files = {
        "data/documents.csv": documents,
        "data/danh-muc.yaml": catalogue,
        "data/reception/2026.csv": SESSIONS.replace("19/3/2026", "10/3/2026"),
        "data/plans/ke-hoach-2026.yaml": PLAN.replace(
            "deadline: 01/3/2026\n    status: dang-thuc-hien",
            "deadline: 01/3/2026\n    status: hoan-thanh\n    done_on: 27/02/2026",
        ),
        "data/dialogue_items.csv": ITEMS.replace(
            "28/02/2026,dang-thuc-hien,,", "28/02/2026,hoan-thanh,20/02/2026,"
        ),
    }
    for rel, text in files.items():
        (project / rel).write_text(text, encoding="utf-8")
    report = build_site(project, AS_OF).compliance
    assert report is not None and report.findings == ()
    out = tmp_path / "bao-cao.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/compliance.py"), "--json", str(out)],
        capture_output=True,
        text=True,
        cwd=project,
        env={"CONGKHAI_AS_OF": AS_OF.isoformat(), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "Không có vấn đề nào" in done.stdout
    payload = json.loads(out.read_text(encoding="utf-8"))
    assert payload["as_of"] == "2026-03-25" and payload["findings"] == []
    assert {c["code"]: c["count"] for c in payload["categories"]}["l"] == 1


def test_the_command_exits_1_only_when_the_data_has_errors(tmp_path: Path) -> None:
    project = _compliance_project(tmp_path, focal_phone='""')
    run = [sys.executable, str(ROOT / "scripts/compliance.py")]
    env = {"CONGKHAI_AS_OF": AS_OF.isoformat(), "PATH": "/usr/bin:/bin"}
    findings = subprocess.run(run, capture_output=True, text=True, cwd=project, env=env)
    assert findings.returncode == 0 and "Nhiệm vụ kế hoạch quá hạn" in findings.stdout
    documents = project / "data/documents.csv"
    documents.write_text(DOCUMENTS.replace("02/3/2026", "31/02/2026", 1), encoding="utf-8")
    broken = subprocess.run(run, capture_output=True, text=True, cwd=project, env=env)
    assert broken.returncode == 1
    assert "data/documents.csv:2" in broken.stderr and "Traceback" not in broken.stderr


def test_the_public_report_never_names_an_unpublished_document(tmp_path: Path) -> None:
    # a document posted tomorrow, without a file: listed in the build log, not on the page
    late = ",13/KH-VPUB,ke-hoach,vpub,02/3/2026,Chưa đăng,,,,,,,,cong-khai,26/3/2026,,\n"
    project = _compliance_project(tmp_path)
    (project / "data/documents.csv").write_text(DOCUMENTS + late, encoding="utf-8")
    plan = build_site(project, AS_OF)
    assert plan.compliance is not None
    assert "13/KH-VPUB" not in plan.compliance.to_json().decode()
    page = next(p for p in plan.pages if p.url == ids.COMPLIANCE)
    assert "13/KH-VPUB" not in repr(page.context)
