"""Tiếp cận thông tin: ``data/tiep-can-thong-tin.yaml``, the section page and the printable
request forms, built by the real CLI."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ROOT, SHIPPED_DOCUMENTS, Build, build, make_project

from congkhai.datasets.access import FILE, load_access, missing_facts
from congkhai.problems import DataError, Problems
from congkhai.registry import load_registry
from congkhai.vocab import SourceKind

SHIPPED = ROOT / FILE


def _load(path: Path) -> tuple[object, Problems]:
    problems = Problems()
    return load_access(path, problems), problems


def test_shipped_file_loads_with_sourced_deadlines_quoted_in_working_days() -> None:
    access, problems = _load(SHIPPED)
    assert access is not None, [str(p) for p in problems.items]
    assert not problems.errors
    info = access.info  # type: ignore[attr-defined]
    assert info.rules_document == "35-qd-vpub-2020"
    assert info.conditional_information.items == []  # the seed names none
    assert {f.code for f in info.forms} == {"Mẫu số 01a", "Mẫu số 01b"}
    transcribed = [d for c in info.channels for d in c.deadlines if d.text]
    assert len(transcribed) == 4
    for deadline in transcribed:
        # the number of days is the one the quoted text gives, written as the law writes it
        assert f"{deadline.days:02d} ngày làm việc" in deadline.text, deadline.case
        assert deadline.source.startswith("Luật 104/2016/QH13, Điều")
        # nothing was checked against the official gazette yet
        assert deadline.source_kind is SourceKind.THU_CAP
    assert any("Điều 29" in m for m in missing_facts(info))


@pytest.mark.parametrize(
    ("name", "edit", "expected"),
    [
        (
            "unknown_source_kind",
            lambda t: t.replace("source_kind: thu-cap", "source_kind: bao-chi", 1),
            re.compile(r'^data/tiep-can-thong-tin\.yaml:\d+: khóa "law_version\.source_kind": '),
        ),
        (
            "yaml_syntax_error",
            lambda t: t.replace("legal_basis:\n", "legal_basis: [\n", 1),
            re.compile(r"^data/tiep-can-thong-tin\.yaml:\d+: lỗi cú pháp YAML"),
        ),
        (
            "typo_in_a_deadline_key",
            lambda t: t.replace("        days: 5\n", "        day: 5\n", 1),
            re.compile(
                r'^data/tiep-can-thong-tin\.yaml:\d+: khóa "channels\.2\.deadlines\.0\.day"'
            ),
        ),
    ],
)
def test_broken_file_is_a_message_with_file_and_line(
    tmp_path: Path, name: str, edit: object, expected: re.Pattern[str]
) -> None:
    assert callable(edit)
    path = tmp_path / "tiep-can-thong-tin.yaml"
    path.write_text(edit(SHIPPED.read_text(encoding="utf-8")), encoding="utf-8")
    access, problems = _load(path)
    assert access is None
    messages = [str(p) for p in problems.items]
    assert any(expected.match(m) for m in messages), messages
    line = int(messages[0].split(":")[1])
    assert 1 < line <= len(path.read_text(encoding="utf-8").splitlines())


def _article(result: Build, url: str):  # type: ignore[no-untyped-def]
    article = result.html(url).select_one("article")
    assert article is not None
    return article


def test_shipped_page_shows_focal_point_deadlines_and_internal_rules(seed_build: Build) -> None:
    article = _article(seed_build, "tiep-can-thong-tin/")
    focal = article.select_one("section.ck-focal-point")
    assert focal is not None and focal.h2 is not None
    assert focal.h2.get_text(strip=True) == "Đầu mối cung cấp thông tin"
    # site.yaml gives no contact: one "chưa cập nhật", in the focal-point block, listing them
    text = article.get_text(" ")
    assert len(re.findall("chưa cập nhật", text, re.IGNORECASE)) == 1
    missing = focal.select_one(".ck-missing")
    assert missing is not None and "chưa cập nhật" in missing.get_text().lower()
    items = [li.get_text(" ", strip=True) for li in missing.select("li")]
    assert items[:6] == [
        "tên đầu mối cung cấp thông tin",
        "đơn vị đầu mối",
        "địa chỉ",
        "điện thoại",
        "số fax",
        "thư điện tử",
    ]
    assert any("Điều 7" in i for i in items)  # the empty list of conditional information
    # deadlines per channel, in working days, quoted with their article
    tables = {t.caption.get_text(strip=True): t for t in article.select("table.ck-deadlines")}
    postal = tables["Thời hạn giải quyết yêu cầu: qua dịch vụ bưu chính, fax"]
    rows = [
        [c.get_text(" ", strip=True) for c in tr.select("th, td")]
        for tr in postal.tbody.select("tr")
    ]
    assert [r[1] for r in rows] == ["5", "3", "15"]
    assert rows[2][2] == "tối đa không quá 15 ngày"
    assert "Luật 104/2016/QH13, Điều 31 khoản 2" in rows[2][3].replace(" ,", ",")
    assert postal.tbody.select("tr")[2].select_one("a.ck-cite").get_text() == "104/2016/QH13"
    online = tables["Thời hạn giải quyết yêu cầu: qua mạng điện tử"]
    assert "chậm nhất là 03 ngày làm việc" in online.get_text(" ")
    # the office's internal rules, linked to their register page
    link = article.select_one("a.ck-internal-rules")
    assert link is not None and link.get_text(strip=True).startswith("Quyết định 35/QĐ-VPUB")
    assert link["href"] == "../van-ban/35-qd-vpub-2020/"
    assert (seed_build.site / "van-ban/35-qd-vpub-2020/index.html").is_file()
    # the forms, the catalogue and the compliance report, each a page of this build
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert "mau-phieu/#mau-so-01a" in hrefs and "mau-phieu/#mau-so-01b" in hrefs
    assert "danh-muc/" in hrefs and "../bao-cao-tuan-thu/" in hrefs
    assert (seed_build.site / "tiep-can-thong-tin/danh-muc/index.html").is_file()
    assert (seed_build.site / "bao-cao-tuan-thu/index.html").is_file()
    assert "104/2016/QH13" in article.select_one(".ck-law-version").get_text()


def test_forms_page_prints_every_form_of_the_data_with_its_fields(seed_build: Build) -> None:
    access, _ = _load(SHIPPED)
    assert access is not None
    article = _article(seed_build, "tiep-can-thong-tin/mau-phieu/")
    sections = article.select("section.ck-form")
    forms = access.info.forms  # type: ignore[attr-defined]
    assert len(sections) == len(forms)
    for section, form in zip(sections, forms, strict=True):
        assert section.select_one(".ck-form__code").get_text(strip=True) == form.code
        assert section.h2.get_text(strip=True) == form.name
        labels = [s.get_text(strip=True) for s in section.select(".ck-form__label")]
        assert labels == [f"{f.label}:" for f in form.fields]
        assert len(section.select(".ck-form__line")) == sum(f.lines for f in form.fields)
        assert not section.select("input")
    css = (seed_build.site / "assets/congkhai.css").read_text(encoding="utf-8")
    assert "@media print" in css and "body:has(.ck-form) .md-header" in css


def test_internal_rules_not_published_are_not_named_and_contacts_given_are_shown(
    tmp_path: Path,
) -> None:
    """Quyết định 35/QĐ-VPUB made internal (``noi-bo``): the page neither links nor names
    it. The focal point's contacts filled in: all six shown, none listed as missing."""
    row = next(line for line in SHIPPED_DOCUMENTS.splitlines() if "35/QĐ-VPUB" in line)
    assert row.endswith(",cong-khai,,,,,,")
    documents = SHIPPED_DOCUMENTS.replace(
        row, row.removesuffix(",cong-khai,,,,,,") + ",noi-bo,,,,,,"
    )
    site = (ROOT / "data/site.yaml").read_text(encoding="utf-8")
    focal = {
        "name": "Phòng Hành chính - Tổ chức",
        "unit": "Văn phòng UBND tỉnh",
        "address": "Tầng 3, Trụ sở Ủy ban nhân dân tỉnh",
        "phone": "0212 3852 000",
        "fax": "0212 3852 001",
        "email": "daumoi@example.gov.vn",
    }
    block = "focal_point:\n" + "".join(f'  {k}: "{v}"\n' for k, v in focal.items())
    site = re.sub(r"focal_point:\n(?:  .*\n)+", block, site)
    # a test's own documents.csv drops the files that cite shipped documents: bring ours back
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": documents,
            "data/site.yaml": site,
            FILE: SHIPPED.read_text(encoding="utf-8"),
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    article = _article(result, "tiep-can-thong-tin/")
    assert article.select_one("a.ck-internal-rules") is None
    assert "35/QĐ-VPUB" not in article.get_text() and "35-qd-vpub-2020" not in str(article)
    contacts = article.select_one("section.ck-focal-point dl.ck-contacts")
    assert contacts is not None
    shown = dict(
        zip(
            [dt.get_text(strip=True) for dt in contacts.select("dt")],
            [dd.get_text(strip=True) for dd in contacts.select("dd")],
            strict=True,
        )
    )
    assert list(shown.values()) == list(focal.values())
    assert contacts.select_one('a[href="mailto:daumoi@example.gov.vn"]') is not None
    missing = [li.get_text(strip=True) for li in article.select(".ck-missing li")]
    assert "điện thoại" not in missing and "thư điện tử" not in missing
    assert len(re.findall("chưa cập nhật", article.get_text(" "), re.IGNORECASE)) == 1


def test_rules_document_naming_no_register_document_stops_the_build(tmp_path: Path) -> None:
    """The generic reference rule checks ``rules_document`` and ``legal_basis[].document``."""
    text = SHIPPED.read_text(encoding="utf-8")
    text = text.replace("rules_document: 35-qd-vpub-2020", "rules_document: 35-qd-vpub-2002")
    text = text.replace("document: 104-2016-qh13", "document: 104-2016-qh14")
    project = make_project(tmp_path, {FILE: text})
    with pytest.raises(DataError) as caught:
        load_registry(project, dt.date(2021, 11, 30))
    lines = text.splitlines()
    messages = {str(p) for p in caught.value.problems.errors}
    rules_line = lines.index("rules_document: 35-qd-vpub-2002") + 1
    basis_line = lines.index("    document: 104-2016-qh14") + 1
    assert messages == {
        f'{FILE}:{rules_line}: khóa "rules_document": không có văn bản mã "35-qd-vpub-2002" '
        "(unknown document id)",
        f'{FILE}:{basis_line}: khóa "legal_basis.0.document": không có văn bản mã '
        '"104-2016-qh14" (unknown document id)',
    }
