"""Privacy guard (congkhai.privacy): planted personal data is found in every text form the site
publishes, near-misses pass, allow-listed office values pass, and the shipped site is clean."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import icalendar
import markdown
import material
import pytest
from conftest import ROOT, Build, build, make_project

from congkhai.datasets.site import Agency, FocalPoint, Site, load_site
from congkhai.privacy import (
    LABELS,
    AllowList,
    Finding,
    find_in_calendar,
    find_in_json,
    find_in_markup,
    find_in_output,
    find_personal_data,
    line_and_column,
    office_values,
    unfold_ical,
)
from congkhai.problems import Problems

P = pytest.param

# --- planted values: each row must give exactly this one finding ---------------------------

PLANTED = [
    P("CCCD 001099012345", "cccd", "001099012345", id="cccd_after_keyword"),
    P("Ông A (001099012345) đã đến", "cccd", "001099012345", id="cccd_bare_in_sentence"),
    P("Số CCCD: 001 099 012 345.", "cccd", "001 099 012 345", id="cccd_grouped_by_spaces"),
    P("001.099.012.345", "cccd", "001.099.012.345", id="cccd_grouped_by_dots"),
    P("số 096123456789 cấp ngày", "cccd", "096123456789", id="cccd_last_province_096"),
    P(
        "căn cước công dân số 123456789012",
        "cccd",
        "123456789012",
        id="twelve_digits_bad_province_in_id_context",
    ),
    P("mã định danh 001099012345", "cccd", "001099012345", id="cccd_ma_dinh_danh_is_an_id"),
    P("MST 001099012345", "cccd", "001099012345", id="cccd_as_personal_tax_code"),
    P("số CMND 123456789", "cmnd", "123456789", id="cmnd_after_keyword"),
    P("CMND/CCCD: 123456789", "cmnd", "123456789", id="cmnd_after_both_keywords"),
    P(
        "chứng minh nhân dân số 123 456 789",
        "cmnd",
        "123 456 789",
        id="cmnd_chung_minh_grouped",
    ),
    P("SO CHUNG MINH NHAN DAN: 123456789", "cmnd", "123456789", id="cmnd_upper_case_no_accents"),
    P(
        unicodedata.normalize("NFD", "Số chứng minh: 123456789"),
        "cmnd",
        "123456789",
        id="cmnd_decomposed_nfd_text",
    ),
    P("CMT: 123.456.789", "cmnd", "123.456.789", id="cmnd_cmt_dots"),
    P("hộ chiếu 123456789", "cmnd", "123456789", id="cmnd_ho_chieu"),
    P("số định danh 123456789", "cmnd", "123456789", id="cmnd_so_dinh_danh"),
    P("0912345678", "mobile", "0912345678", id="mobile_bare"),
    P("0912 345 678", "mobile", "0912 345 678", id="mobile_4_3_3_spaces"),
    P("0912.345.678", "mobile", "0912.345.678", id="mobile_dots"),
    P("091-234-5678", "mobile", "091-234-5678", id="mobile_3_3_4_hyphens"),
    P("0912 34 56 78", "mobile", "0912 34 56 78", id="mobile_pairs"),
    P("+84912345678", "mobile", "+84912345678", id="mobile_plus84"),
    P("+84 912.345.678", "mobile", "+84 912.345.678", id="mobile_plus84_dots"),
    P("(+84) 912345678", "mobile", "(+84) 912345678", id="mobile_plus84_in_parentheses"),
    P("+84 (0) 912 345 678", "mobile", "+84 (0) 912 345 678", id="mobile_trunk_zero"),
    P("0084 912 345 678", "mobile", "0084 912 345 678", id="mobile_0084"),
    P("84912345678", "mobile", "84912345678", id="mobile_84_without_plus"),
    P("ĐT0912345678", "mobile", "0912345678", id="mobile_glued_to_DT"),
    P("SĐT: 0327 123 456", "mobile", "0327 123 456", id="mobile_viettel_032"),
    P("Gọi 0912345678.", "mobile", "0912345678", id="mobile_before_full_stop"),
    P("0912\u00a0345\u00a0678", "mobile", "0912 345 678", id="mobile_no_break_spaces"),
    P("0912\u2009345\u2009678", "mobile", "0912 345 678", id="mobile_thin_spaces"),
    P("0912\u200b345678", "mobile", "0912 345678", id="mobile_zero_width_space"),
    P("0912–345–678", "mobile", "0912-345-678", id="mobile_en_dashes"),
    P("０９１２３４５６７８", "mobile", "0912345678", id="mobile_full_width_digits"),
    P("٠٩١٢٣٤٥٦٧٨", "mobile", "0912345678", id="mobile_arabic_indic_digits"),
    P("Liên hệ 0912\n345 678", "mobile", "0912\n345 678", id="mobile_wrapped_line"),
    P(r"Liên hệ:\n0912345678", "mobile", "0912345678", id="mobile_after_escaped_newline"),
    P("Liên hệ 09 12 34 56 78", "mobile", "09 12 34 56 78", id="mobile_five_pairs_spaces"),
    P("Liên hệ 09.12.34.56.78", "mobile", "09.12.34.56.78", id="mobile_five_pairs_dots"),
    P("ĐT: 03-27-12-34-56", "mobile", "03-27-12-34-56", id="mobile_five_pairs_hyphens"),
    P("Liên hệ (091) 234 5678", "mobile", "(091) 234 5678", id="mobile_prefix_in_brackets"),
    P("(0912) 345 678", "mobile", "(0912) 345 678", id="mobile_four_digits_in_brackets"),
    P("ĐT: (091)2345678", "mobile", "(091)2345678", id="mobile_brackets_no_space"),
    P("（091）２３４ ５６７８", "mobile", "(091)234 5678", id="mobile_full_width_brackets"),
    P("(084)912345678", "mobile", "(084)912345678", id="mobile_country_code_with_trunk_zero"),
    P("(0084) 912 345 678", "mobile", "(0084) 912 345 678", id="mobile_0084_in_brackets"),
    P("＋84912345678", "mobile", "+84912345678", id="mobile_full_width_plus"),
    P("Tel+84912345678", "mobile", "+84912345678", id="mobile_plus84_glued_to_tel"),
    P("0912/345/678", "mobile", "0912/345/678", id="mobile_slashes_4_3_3"),
    P("091/234/5678", "mobile", "091/234/5678", id="mobile_slashes_3_3_4"),
    P("nguyen.van.a@gmail.com", "email", "nguyen.van.a@gmail.com", id="email_bare"),
    P(
        "Gửi về Nguyen.A@Yahoo.COM.VN.",
        "email",
        "Nguyen.A@Yahoo.COM.VN",
        id="email_end_of_sentence",
    ),
    P("thư: nguyen＠gmail.com", "email", "nguyen@gmail.com", id="email_full_width_at"),
    P(
        "nguyen.van.a@gmail．com",
        "email",
        "nguyen.van.a@gmail.com",
        id="email_full_width_full_stop_in_domain",
    ),
    P("<a+tag@sub.example.vn>", "email", "a+tag@sub.example.vn", id="email_plus_tag_subdomain"),
]


@pytest.mark.parametrize(("text", "kind", "value"), PLANTED)
def test_planted_value_is_found(text: str, kind: str, value: str) -> None:
    findings = find_personal_data(text)
    assert [(f.kind, f.value) for f in findings] == [(kind, value)]
    (finding,) = findings
    assert len(text[finding.start : finding.end]) == len(value)


MOBILE_PREFIXES = [
    *range(32, 40),
    52,
    56,
    58,
    59,
    70,
    *range(76, 80),
    *range(81, 90),
    *range(90, 100),
]
NOT_MOBILE_PREFIXES = [p for p in range(10, 100) if p not in MOBILE_PREFIXES]


@pytest.mark.parametrize("prefix", MOBILE_PREFIXES, ids=lambda p: f"0{p}")
def test_every_allocated_mobile_prefix_is_found(prefix: int) -> None:
    for text in (f"0{prefix}1234567", f"+84 {prefix} 123 4567"):
        assert [f.kind for f in find_personal_data(text)] == ["mobile"], text


@pytest.mark.parametrize("prefix", NOT_MOBILE_PREFIXES, ids=lambda p: f"0{p}")
def test_unallocated_prefix_is_not_a_mobile(prefix: int) -> None:
    assert find_personal_data(f"ĐT: 0{prefix}1234567 hoặc +84 {prefix} 123 4567") == []


@pytest.mark.parametrize(
    "word", ["ĐT", "DT", "DĐ", "Tel", "TEL", "Zalo", "zalo", "Viber", "Phone", "Mobile"]
)
def test_mobile_glued_to_a_label_word_is_found(word: str) -> None:
    # Clerks type the label and the number without a space; any other glued word is a token
    # (a hash, an id), not a label.
    for number in ("0912345678", "+84912345678", "09 12 34 56 78", "0912/345/678"):
        findings = find_personal_data(word + number)
        assert [(f.kind, f.value) for f in findings] == [("mobile", number)], word + number


def test_two_mobiles_side_by_side_are_both_found() -> None:
    text = "0912345678 0987654321; 0912.345.679, 0387654321"
    assert [f.value for f in find_personal_data(text)] == [
        "0912345678",
        "0987654321",
        "0912.345.679",
        "0387654321",
    ]


# --- near-misses: none of these is personal data -------------------------------------------

NEAR_MISSES = [
    P("Nghị định 30/2020/NĐ-CP", id="document_number_decree"),
    P("Công văn 1037-CV/BDVTU", id="document_number_party"),
    P("Quyết định 144/QĐ-VPUB", id="document_number_vpub"),
    P("Số: 0912345678/QĐ-UBND", id="document_number_shaped_like_a_mobile"),
    P("ngày 27/02/2019", id="date_dmy"),
    P("2021-11-30", id="date_iso"),
    P("2021-11-30T08:00:00+07:00", id="timestamp_iso_with_offset"),
    P("từ 01/01/2021 đến 31/12/2021, 2021-11-30 2021-12-01", id="date_ranges"),
    P("1.234.567.890.123 đồng", id="amount_dots"),
    P("12,345,678,901", id="amount_commas"),
    P("Tổng 123.456.789 đồng", id="amount_nine_digits_without_id_context"),
    P("Có 123456789 lượt truy cập", id="nine_digits_without_id_context"),
    P("tỷ lệ 0.9123456789", id="decimal_shaped_like_a_mobile"),
    P("1,0912345678", id="decimal_comma_shaped_like_a_mobile"),
    P("09123456789", id="eleven_digits_national"),
    P("091234567", id="nine_digits_mobile_prefix"),
    P("mã ngân sách 001099012345", id="budget_code_ma_ngan_sach"),
    P("Mã QHNS: 001099012345", id="budget_code_qhns"),
    P("Tài khoản 001099012345 tại Kho bạc", id="account_tai_khoan"),
    P("TK: 001099012345", id="account_tk"),
    P("STK 0010 9901 2345", id="account_stk_grouped"),
    P("KBNN 001099012345", id="account_kho_bac"),
    P("DTSTAMP:20211130T000000Z", id="ics_dtstamp"),
    P("DTSTART;TZID=Asia/Ho_Chi_Minh:20210415T080000", id="ics_dtstart"),
    P("SEQUENCE:3628580", id="ics_sequence"),
    P("urn:uuid:6f1c1e9e-7a43-5b4e-9a5b-001099012345", id="uuid_with_digit_group"),
    P("congkhai.3f9a1c2b.min.css", id="asset_fingerprint"),
    P("bundle.0912345678.min.js", id="asset_fingerprint_all_digits"),
    P("sha256-0912345678abcdef", id="hex_hash_starting_like_a_mobile"),
    P("a0912345678f", id="hex_hash_with_mobile_inside"),
    P("tim-kiem/t/17.json tim-kiem/t/0912345678.json", id="search_bucket_names"),
    P('<path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10"/>', id="svg_path"),
    P('<path d="M3.5 0 6.64 1.35 9 3.54 2.36-2.36 0 912 345 678"/>', id="svg_coordinates"),
    P('viewBox="0 0 24 24"', id="svg_viewbox"),
    P('"size": 123456789012', id="json_number_12_digits"),
    P('"mtime": 1637712000, "ms": 1637712000000', id="unix_timestamps"),
    P("https://example.vn/tin-tuc/0912345678", id="url_path_id_shaped_like_a_mobile"),
    P("https://example.vn/van-ban/001099012345.html", id="url_path_id_shaped_like_a_cccd"),
    P("https://example.vn/xem?id=123456789", id="url_query_nine_digits"),
    P("+84 212 3852 123", id="landline_son_la_international"),
    P("(0212) 3852.123", id="landline_son_la_national"),
    P("024 3823 4567", id="landline_ha_noi"),
    P("logo@2x.png icon@3x.webp", id="retina_image_names"),
    P("npm i package@1.2.3", id="package_version"),
    P('{"@context": "https://schema.org"}', id="json_ld_context_key"),
    P("user@localhost", id="address_without_domain"),
    P(
        "Không công bố số CMND của người khiếu nại trên cổng; có 123456789 lượt",
        id="cmnd_keyword_too_far_before",
    ),
    P("cmtx 123456789", id="cmnd_keyword_inside_a_word"),
    # Risks of the relaxed groupings (pairs, brackets, slashes): see the module docstring.
    P("Số liệu: 09 12 34 56 78 90 11", id="pairs_in_a_longer_row_of_numbers"),
    P("08 09 12 34 56 78", id="pairs_after_another_pair"),
    P("09 12.34 56.78", id="pairs_with_mixed_separators"),
    P("09\t12\t34\t56\t78", id="pairs_in_tab_separated_cells"),
    P("01 23 45 67 89 và 02 12 34 56 78", id="pairs_without_a_mobile_prefix"),
    P("09 12 34 56 78,5 điểm", id="pairs_followed_by_a_decimal"),
    P('<path d="M0 09 12 34 56 78"/>', id="pairs_in_svg_coordinates"),
    P("ngày 09.12.2021 lúc 09 12, 09.12.34", id="date_and_times_in_pairs"),
    P("v09.12.34.56.78 và bản 1.09.12.34.56.78", id="version_numbers_in_pairs"),
    P("từ 09/12/2021-10/12/2021", id="date_range_with_slashes"),
    P("Số 035/2021/120", id="document_number_slashes_with_year"),
    P("0912/345/678/9 và 0912/345/678/QĐ", id="slashes_in_a_longer_number"),
    P("số nhà 091/23/4567", id="house_number_with_slashes"),
    P("f(091)2345678", id="brackets_glued_to_a_word"),
    P("(024) 3823 4567", id="landline_ha_noi_in_brackets"),
    P("(0912) 3456789", id="brackets_eleven_digits"),
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_is_not_a_finding(text: str) -> None:
    assert find_personal_data(text) == []


# --- markup, JSON, iCalendar: offsets point into the text as given --------------------------

MARKUP = [
    P(
        "<p>Liên hệ: 0912&nbsp;345&nbsp;678</p>",
        "mobile",
        "0912 345 678",
        "0912&nbsp;345&nbsp;678",
        id="html_nbsp_entities",
    ),
    P('<a href="mailto:x@y.vn">thư</a>', "email", "x@y.vn", "x@y.vn", id="html_mailto_href"),
    P('<a href="tel:+84912345678">gọi</a>', "mobile", "+84912345678", "+84912345678", id="tel"),
    P(
        '<script type="application/ld+json">{"description": "CCCD 001099012345"}</script>',
        "cccd",
        "001099012345",
        "001099012345",
        id="json_ld_script",
    ),
    P("<!-- ĐT 0912345678 -->", "mobile", "0912345678", "0912345678", id="html_comment"),
    P("<td data-phone='0912345678'>", "mobile", "0912345678", "0912345678", id="data_attribute"),
    P("<p>&#48;912345678</p>", "mobile", "0912345678", "&#48;912345678", id="decimal_char_ref"),
    P("<p>CMND&#x3a; 123456789</p>", "cmnd", "123456789", "123456789", id="hex_char_ref_before"),
    P("<td>CMND</td><td>123456789</td>", "cmnd", "123456789", "123456789", id="table_cell"),
    P(
        '<content type="html">&lt;p&gt;ĐT 0912 345 678&lt;/p&gt;</content>',
        "mobile",
        "0912 345 678",
        "0912 345 678",
        id="atom_escaped_html",
    ),
    P(
        "<summary><![CDATA[thư a.b@gmail.com]]></summary>",
        "email",
        "a.b@gmail.com",
        "a.b@gmail.com",
        id="xml_cdata",
    ),
]


@pytest.mark.parametrize(("markup", "kind", "value", "raw"), MARKUP)
def test_markup_finding(markup: str, kind: str, value: str, raw: str) -> None:
    findings = find_in_markup(markup)
    assert [(f.kind, f.value) for f in findings] == [(kind, value)]
    assert markup[findings[0].start : findings[0].end] == raw


def test_markdown_autolink_obfuscated_with_entities_is_found() -> None:
    # Python-Markdown writes every character of an e-mail autolink as a character reference.
    html = markdown.markdown("Gửi thư về <nguyen.van.a@gmail.com>.")
    assert "gmail" not in html
    assert [(f.kind, f.value) for f in find_in_markup(html)] == [
        ("email", "nguyen.van.a@gmail.com"),  # the href
        ("email", "nguyen.van.a@gmail.com"),  # the link text
    ]


def test_markup_near_misses_pass() -> None:
    markup = (
        '<svg viewBox="0 0 24 24"><path d="M3.5 0 6.64 1.35 9 3.54 2.36-2.36"/></svg>'
        '<link href="assets/congkhai.3f9a1c2b.min.css"><p>30/2020/NĐ-CP &amp; 27/02/2019,'
        " 1.234.567.890.123&nbsp;đồng, ĐT +84 212 3852 123</p>"
        '<time datetime="2021-11-30T08:00:00+07:00">30/11/2021</time>'
    )
    assert find_in_markup(markup) == []


def test_json_with_escapes() -> None:
    payload = {
        "title": "Đơn của ông A, CCCD 001099012345",
        "body": "Liên hệ:\n0912345678",
        "note": "chứng minh 123456789",
        "size": 123456789012,
    }
    for text in (json.dumps(payload, ensure_ascii=False), json.dumps(payload)):
        findings = find_in_json(text)
        assert [(f.kind, f.value) for f in findings] == [
            ("cccd", "001099012345"),
            ("mobile", "0912345678"),
            ("cmnd", "123456789"),
        ]
        assert text[findings[1].start : findings[1].end] == "0912345678"


def _calendar(description: str) -> str:
    cal = icalendar.Calendar()
    event = icalendar.Event()
    event.add("uid", "bi-thu-duvp-2021-04-15@congkhai.invalid")
    event.add("dtstamp", icalendar.vDatetime.from_ical("20211130T000000Z"))
    event.add("description", description)
    cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def test_calendar_folded_line_and_escapes() -> None:
    # RFC 5545 lets a producer fold at any octet; many fold at exactly 75, inside a number.
    text = (
        "BEGIN:VEVENT\r\nUID:bi-thu-duvp-2021-04-15@congkhai.invalid\r\n"
        "DESCRIPTION:Nội dung: kiến nghị về đất đai\\, liên hệ 09123\r\n"
        " 45678\\, thư x@y.\r\n vn\\nCMND\\n123456789\r\nEND:VEVENT\r\n"
    )
    findings = find_in_calendar(text)
    assert [(f.kind, f.value) for f in findings] == [
        ("mobile", "0912345678"),
        ("email", "x@y.vn"),
        ("cmnd", "123456789"),
    ]
    assert text[findings[0].start : findings[0].end] == "09123\r\n 45678"
    assert text[findings[1].start : findings[1].end] == "x@y.\r\n vn"
    assert "liên hệ 0912345678" in unfold_ical(text)


def test_calendar_written_by_icalendar() -> None:
    text = _calendar("Kiến nghị về việc cấp giấy chứng nhận, liên hệ 0912 345 678 hoặc x@y.vn")
    assert "\r\n " in text  # folded
    assert [(f.kind, f.value) for f in find_in_calendar(text)] == [
        ("mobile", "0912 345 678"),
        ("email", "x@y.vn"),
    ]


def test_calendar_uid_is_not_an_address_but_organizer_is() -> None:
    text = _calendar("Thư: ong.a@gmail.com").replace(
        "END:VEVENT", "ORGANIZER:mailto:ban.tiep@sonla.gov.vn\r\nEND:VEVENT"
    )
    assert [f.value for f in find_in_calendar(text)] == [
        "ong.a@gmail.com",
        "ban.tiep@sonla.gov.vn",
    ]


def test_calendar_uid_written_inside_a_description_does_not_hide_an_address() -> None:
    text = _calendar("Ghi chú:\nUID:ong.a@gmail.com")
    assert [f.value for f in find_in_calendar(text)] == ["ong.a@gmail.com"]


def test_calendar_folded_uid_is_skipped_whole() -> None:
    text = "BEGIN:VEVENT\r\nUID:bi-thu-duvp-2021-04-15-sang@congkhai.inv\r\n alid\r\nEND:VEVENT\r\n"
    assert find_in_calendar(text) == []
    assert [f.value for f in find_personal_data(unfold_ical(text))] == [
        "bi-thu-duvp-2021-04-15-sang@congkhai.invalid"
    ]


def test_calendar_escaped_newline_before_cmnd() -> None:
    text = _calendar("Người đến:\nCMND\n123456789")
    assert [(f.kind, f.value) for f in find_in_calendar(text)] == [("cmnd", "123456789")]


OUTPUTS = [
    P("trang/index.html", "<p>0912&nbsp;345&nbsp;678</p>", id="html"),
    P("atom.xml", "<title>0912&#160;345 678</title>", id="atom"),
    P("search.json", '{"t": "Liên hệ\\n0912 345 678"}', id="json"),
    P("buoi.ics", "DESCRIPTION:Liên hệ\\n0912 345 678\r\n", id="ics"),
    P("du-lieu.csv", "id,title\r\na,Liên hệ 0912 345 678\r\n", id="csv"),
]


@pytest.mark.parametrize(("name", "text"), OUTPUTS)
def test_find_in_output_reads_each_format(name: str, text: str) -> None:
    assert [(f.kind, f.value) for f in find_in_output(name, text)] == [("mobile", "0912 345 678")]


# --- allow-list -----------------------------------------------------------------------------

ALLOWED = [
    P(["0212 3852 123"], "ĐT cơ quan: +84 212 3852 123", [], id="office_landline_listed"),
    P([], "ĐT cơ quan: +84 212 3852 123, fax 0212.3852.124", [], id="office_landline_unlisted"),
    P(
        ["VanPhong@SonLa.gov.vn"],
        "thư vanphong@sonla.gov.vn hoặc ong.a@gmail.com",
        ["ong.a@gmail.com"],
        id="office_email_allowed_case_insensitive",
    ),
    P(
        ["0912 345 678"],
        "đường dây nóng +84912345678, ông A 0912345679",
        ["0912345679"],
        id="office_mobile_allowed_in_international_form",
    ),
    P(["+84 912.345.678"], "0912345678", [], id="allowed_international_text_national"),
    P(["+84 (0) 912 345 678"], "0912 345 678", [], id="allowed_with_trunk_zero"),
    P(
        ["0212 3852 123 - 0912 345 678"],
        "0912345678",
        [],
        id="allowed_string_with_two_numbers",
    ),
    P(["(084) 912 345 678"], "Zalo 09 12 34 56 78", [], id="allowed_bracketed_country_code"),
    P(["001099012345"], "CCCD 001 099 012 345", [], id="allowed_id_with_a_reason"),
    P(["0912345678"], "CCCD 001099012345", ["001099012345"], id="allowed_mobile_not_an_id"),
]


@pytest.mark.parametrize(("allowed", "text", "expected"), ALLOWED)
def test_allow_list(allowed: list[str], text: str, expected: list[str]) -> None:
    for allow in (allowed, AllowList.of(allowed)):
        assert [f.value for f in find_personal_data(text, allow)] == expected


def test_office_values_come_from_site_yaml() -> None:
    site = Site(
        agency=Agency(name="Văn phòng", phone="0212 3852 123", fax="", email="vp@sonla.gov.vn"),
        focal_point=FocalPoint(name="Ông B", phone="0912 345 678", email="b.vp@sonla.gov.vn"),
    )
    values = office_values(site)
    assert values == ["0212 3852 123", "vp@sonla.gov.vn", "0912 345 678", "b.vp@sonla.gov.vn"]
    text = "vp@sonla.gov.vn, b.vp@sonla.gov.vn, 0912.345.678; công dân: 0987654321"
    assert [f.value for f in find_personal_data(text, values)] == ["0987654321"]


# --- messages -------------------------------------------------------------------------------


def test_every_kind_has_a_bilingual_label() -> None:
    assert set(LABELS) == {"cccd", "cmnd", "mobile", "email"}
    for label in LABELS.values():
        vietnamese, _, english = label.partition(" (")
        assert vietnamese.startswith(("số", "địa chỉ")) and english.endswith(")")


@pytest.mark.parametrize(
    ("finding", "masked"),
    [
        P(Finding("mobile", "0912 345 678", 0, 12), "091• ••• 678", id="mobile"),
        P(Finding("cccd", "001099012345", 0, 12), "001••••••345", id="cccd"),
        P(Finding("email", "nguyen.van.a@gmail.com", 0, 22), "ng•••@gmail.com", id="email"),
    ],
)
def test_message_does_not_repeat_the_value(finding: Finding, masked: str) -> None:
    # Build logs are often public: the message must not publish what the guard withholds.
    assert finding.masked == masked
    message = finding.message()
    assert finding.value not in message and masked in message
    assert message.startswith(f"có {finding.label}")


def test_line_and_column_of_a_finding() -> None:
    text = "dòng 1\ndòng 2: ĐT 0912345678\n"
    (finding,) = find_personal_data(text)
    assert line_and_column(text, finding.start) == (2, 12)


# --- real builds --------------------------------------------------------------------------

THEME = Path(material.__file__).parent / "templates"


def _scan_site(site: Path, allowed: AllowList) -> dict[str, list[Finding]]:
    """Findings per output file, leaving out files copied byte for byte from the theme."""
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix in {".png", ".gz", ".ico", ".woff2", ".pdf"}:
            continue
        rel = path.relative_to(site).as_posix()
        vendored = THEME / rel
        if vendored.is_file() and vendored.read_bytes() == path.read_bytes():
            continue  # the theme's own licence notices name its authors' addresses
        text = path.read_text(encoding="utf-8-sig")
        findings = find_in_output(rel, text, allowed)
        if findings:
            found[rel] = findings
    return found


def test_shipped_site_has_no_personal_data(seed_build: Build) -> None:
    site = load_site(ROOT / "data" / "site.yaml", Problems())
    assert site is not None
    found = _scan_site(seed_build.site, AllowList.of(office_values(site)))
    assert found == {}, "\n".join(
        f"{rel}:{line_and_column((seed_build.site / rel).read_text('utf-8-sig'), f.start)}: "
        f"{f.message()}"
        for rel, findings in found.items()
        for f in findings
    )


def test_theme_files_left_out_are_only_the_theme_s_own(seed_build: Build) -> None:
    # Guards the rule above: only unchanged copies of mkdocs-material's files are left out.
    left_out = [
        p
        for p in seed_build.site.rglob("*")
        if p.is_file()
        and (THEME / p.relative_to(seed_build.site)).is_file()
        and (THEME / p.relative_to(seed_build.site)).read_bytes() == p.read_bytes()
    ]
    assert left_out and all(p.relative_to(seed_build.site).parts[0] == "assets" for p in left_out)


def test_planted_values_are_found_in_every_published_format(tmp_path: Path) -> None:
    """Personal data written into a notice (title and body) and a reception session is found in
    the built pages, Atom feed, JSON and CSV exports, search index and calendar, whatever
    escaping, entity encoding or line folding each format applies."""
    notice = (ROOT / "data/thong-bao/lich-tiep-cong-dan-2021.md").read_text(encoding="utf-8")
    sessions = (ROOT / "data/reception/2021.csv").read_text(encoding="utf-8")
    title = "title: Lịch tiếp công dân năm 2021 của Bí thư Đảng ủy Văn phòng UBND tỉnh"
    assert title in notice
    assert "bi-thu-duvp-2021-04-15,,,,,,,,da-tiep" in sessions
    project = make_project(
        tmp_path,
        {
            "data/thong-bao/lich-tiep-cong-dan-2021.md": notice.replace(
                title, title + " (ĐT 0912 345 678)"
            )
            + "\nNgười liên hệ: CCCD 001099012345, thư <nguyen.van.a@gmail.com>.\n",
            "data/reception/2021.csv": sessions.replace(
                "bi-thu-duvp-2021-04-15,,,,,,,,da-tiep",
                "bi-thu-duvp-2021-04-15,,,,,,,Ông Nguyễn Văn A (điện thoại +84912345678),da-tiep",
            ),
            # The publication gate would refuse these values: allow-list them here, so that
            # this test sees how each output format writes them (the gate's own refusal is
            # tested in tests/test_gate.py).
            "data/site.yaml": (ROOT / "data/site.yaml").read_text(encoding="utf-8")
            + "privacy_allow:\n"
            + "".join(
                f'  - value: "{v}"\n    reason: giá trị cài để kiểm thử\n'
                for v in ("0912 345 678", "001099012345", "nguyen.van.a@gmail.com")
            ),
        },
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    found: dict[str, set[tuple[str, str]]] = {}
    for rel, findings in _scan_site(result.site, AllowList.of([])).items():
        found.setdefault(rel.rsplit(".", 1)[-1], set()).update((f.kind, f.value) for f in findings)
    title_phone, body_id = ("mobile", "0912 345 678"), ("cccd", "001099012345")
    session_phone, body_email = ("mobile", "+84912345678"), ("email", "nguyen.van.a@gmail.com")
    assert {title_phone, body_id, body_email, session_phone} <= found["html"]
    assert {title_phone, session_phone} <= found["csv"]
    assert {title_phone, body_id, session_phone} <= found["json"]  # exports, search index
    assert title_phone in found["xml"]  # Atom feed
    assert session_phone in found["ics"]
