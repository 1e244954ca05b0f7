"""Danh mục thông báo lỗi (the catalogue of data messages): what each one means, how to fix it.

Every message the loaders and rules emit ends with its English gloss in parentheses
(``... (not a valid date)``); each :class:`MessageKind` here recognises its messages by that
gloss (``pattern``, searched in the whole message) and explains them to staff in Vietnamese.
The staff guide (``/huong-dan-nhap-lieu/``) is generated from :data:`CATALOGUE`, and
``tests/test_staff_guide.py`` fails when a message of the golden broken fixtures
(``tests/golden/*/expected.txt``) has no entry: a new message needs its explanation here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class MessageKind:
    """Một loại thông báo: how to recognise it, what it means and how to fix it."""

    key: str  # stable anchor in the guide: #loi-<key>
    title: str  # Vietnamese, as the guide's heading
    pattern: str  # regular expression found in the message (its English gloss)
    meaning: str  # Vietnamese: what is wrong
    fix: str  # Vietnamese: what to do
    gloss: str  # English gloss, as the message ends

    def matches(self, message: str) -> bool:
        return re.search(self.pattern, message) is not None


#: Grouped as the guide shows them: reading a file, one cell, across records, publication.
CATALOGUE: tuple[MessageKind, ...] = (
    # --- đọc tệp (reading a file) ---------------------------------------------------------
    MessageKind(
        "khong-utf8",
        "Tệp không ở mã UTF-8",
        r"the file is (not UTF-8|UTF-16)",
        'Tệp được lưu bằng bảng mã khác (Windows-1258, TCVN3, UTF-16 "Unicode Text"): chữ '
        "tiếng Việt sẽ hỏng nên cả tệp không được đọc.",
        'Excel: Tệp > Lưu thành, chọn kiểu "CSV UTF-8 (Comma delimited)". Notepad/VS Code: Lưu '
        'thành, mã "UTF-8". Chữ gõ bằng phông TCVN3 (.VnTime) phải chuyển mã sang Unicode '
        "(Unikey) trước.",
        "the file is not UTF-8",
    ),
    MessageKind(
        "ky-tu-nul",
        "Tệp có ký tự NUL",
        r"the file contains NUL bytes",
        "Tệp không phải tệp văn bản (thường do lưu nhầm dạng .xlsx hoặc tệp hỏng).",
        "Mở lại tệp gốc và lưu dạng CSV UTF-8 (hoặc UTF-8 với tệp .md, .yaml).",
        "the file contains NUL bytes: not text",
    ),
    MessageKind(
        "tep-rong",
        "Tệp rỗng hoặc chỉ có dòng tiêu đề",
        r"\((empty file[^)]*|header only: no rows)\)",
        "Tệp không có nội dung, hoặc chỉ có dòng tên cột mà chưa có dòng dữ liệu nào.",
        "Khôi phục tệp từ git (git checkout -- <tệp>) hoặc thêm ít nhất một dòng dữ liệu.",
        "empty file / header only",
    ),
    MessageKind(
        "thieu-tep",
        "Thiếu tệp dữ liệu",
        r"data file not found",
        "Tệp bắt buộc không có trong thư mục data/ (bị xóa, đổi tên hoặc đặt sai chỗ).",
        "Đặt lại tệp đúng tên và đúng thư mục như trong mục Các bộ dữ liệu của trang này.",
        "data file not found",
    ),
    MessageKind(
        "khong-doc-duoc",
        "Không đọc được tệp",
        r"cannot read the file|could not read this (YAML )?file",
        "Tệp không mở được (quyền truy cập, là thư mục, hoặc một lỗi chưa lường trước).",
        "Kiểm tra tệp mở được bằng trình soạn thảo; nếu vẫn lỗi, gửi tệp cho người quản trị.",
        "cannot read the file",
    ),
    MessageKind(
        "ngoac-kep",
        "Dấu ngoặc kép không được đóng",
        r"unclosed quote",
        'Một ô mở dấu ngoặc kép (") mà không đóng: mọi dòng sau bị đọc thành một ô.',
        'Mở tệp, tìm ô ở dòng được báo và thêm dấu " đóng; trong một ô, dấu " viết thành "".',
        "unclosed quote",
    ),
    MessageKind(
        "cu-phap-csv",
        "Lỗi cú pháp CSV",
        r"CSV syntax error",
        "Tệp CSV viết sai cấu trúc (ngoặc kép, dấu phân cách) ở dòng được báo.",
        "Mở bằng Excel rồi lưu lại dạng CSV UTF-8, hoặc dùng cách nhập bằng Excel (xuất/nhập).",
        "CSV syntax error",
    ),
    MessageKind(
        "cu-phap-yaml",
        "Lỗi cú pháp YAML",
        r"YAML syntax error|front matter (cannot be read|must be a mapping)|must be a mapping "
        r"of keys to values",
        "Tệp .yaml (hoặc phần đầu --- của tệp .md) viết sai: thụt lề bằng Tab, thiếu dấu "
        "ngoặc, dấu hai chấm trong chữ chưa đặt trong ngoặc kép.",
        'Thụt lề bằng dấu cách, không dùng Tab; chữ có dấu ":", "[", "#" thì đặt trong '
        'ngoặc kép ("..."); so với một tệp mẫu cùng loại.',
        "YAML syntax error",
    ),
    MessageKind(
        "cot-la",
        "Cột không có trong danh mục",
        r"\(unknown (column|key)\)",
        "Tên cột (hoặc khóa YAML) không thuộc bộ dữ liệu: thường là gõ sai tên. Cột thừa bị "
        "báo lỗi để không có dữ liệu nào bị bỏ qua âm thầm.",
        "Sửa tên cột đúng như bảng cột của bộ dữ liệu trên trang này (tên tiếng Anh không dấu).",
        "unknown column / unknown key",
    ),
    MessageKind(
        "cot-lap",
        "Cột hoặc khóa bị lặp",
        r"\(duplicate (column|key)\)",
        "Cùng một cột (hoặc khóa YAML) xuất hiện hai lần: không biết giá trị nào đúng.",
        "Xóa cột (khóa) thừa, giữ một.",
        "duplicate column / duplicate key",
    ),
    MessageKind(
        "thieu-cot",
        "Thiếu cột bắt buộc",
        r"missing required column",
        "Dòng tiêu đề thiếu một cột bắt buộc.",
        "Thêm cột đó vào dòng tiêu đề (tên như bảng cột trên trang này) và điền giá trị.",
        "missing required column",
    ),
    MessageKind(
        "o-thua",
        "Dòng có nhiều ô hơn số cột",
        r"more cells than header columns",
        "Một dòng có nhiều ô hơn dòng tiêu đề: thường do dấu phẩy trong chữ không có ngoặc kép.",
        'Đặt chữ có dấu phẩy trong ngoặc kép ("Hà Nội, ngày…"), hoặc sửa bằng Excel.',
        "more cells than header columns",
    ),
    MessageKind(
        "ten-tep",
        "Tên tệp không phải mã hợp lệ",
        r"the file name is the \w+'s id",
        "Tên tệp kế hoạch, thông báo là mã và địa chỉ trang: chỉ dùng chữ thường không dấu, số "
        'và "-".',
        "Đổi tên tệp như gợi ý trong thông báo (git mv tên-cũ tên-mới).",
        "the file name is the record's id",
    ),
    # --- một ô (one cell) -----------------------------------------------------------------
    MessageKind(
        "thieu-gia-tri",
        "Thiếu giá trị bắt buộc",
        r"missing required value|must not be empty",
        "Ô của một cột bắt buộc đang trống.",
        'Điền giá trị; cột nào bắt buộc xem cột "Bắt buộc" trong bảng cột.',
        "missing required value",
    ),
    MessageKind(
        "ngay-sai",
        "Ngày không hợp lệ hoặc sai định dạng",
        r"not a valid date|unknown date format|must be a full date|year outside \d+-\d+",
        "Ngày không có thật (31/02), viết sai định dạng (2021.03.05) hoặc năm ngoài 1930-2100.",
        "Ghi ngày dạng dd/mm/yyyy (ví dụ 05/03/2021). Trong Excel, định dạng ô là Văn bản "
        "(Text) hoặc dd/mm/yyyy.",
        "not a valid date",
    ),
    MessageKind(
        "gio-sai",
        "Giờ không hợp lệ",
        r"not a valid time|\(hh:mm\)",
        "Giờ không có thật (25:00) hoặc viết sai.",
        "Ghi giờ dạng 08:00, 8:30 hoặc 8h30.",
        "not a valid time",
    ),
    MessageKind(
        "khong-phai-chu",
        "Phải là chữ, danh sách hoặc khối khóa",
        r"must be text|must be a (list|mapping)\)|must be true or false",
        'Giá trị YAML sai kiểu: ví dụ chữ có dấu "[" hay ":" bị đọc thành danh sách.',
        'Đặt chữ trong ngoặc kép ("..."); danh sách viết [a, b] hoặc mỗi dòng "- a".',
        "must be text / a list / a mapping",
    ),
    MessageKind(
        "so-sai",
        "Số không hợp lệ hoặc ngoài khoảng",
        r"must be a whole number|must be at (least|most)|must be one of",
        "Ô phải là số nguyên (không có chữ, dấu chấm) hoặc nằm trong khoảng cho phép.",
        "Ghi số bằng chữ số (2022, 50), trong khoảng thông báo nêu.",
        "must be a whole number / at least / at most",
    ),
    MessageKind(
        "ngoai-danh-muc",
        "Giá trị không thuộc danh mục",
        r"\(unknown (value|category)\)",
        "Cột có danh mục giá trị đóng (loại văn bản, tình trạng, hình thức công khai…) nhận "
        "giá trị ngoài danh mục.",
        "Chọn một giá trị trong danh sách (thông báo liệt kê đủ; bảng cột trên trang này cũng "
        "vậy). Ghi mã (ke-hoach) hay tên (Kế hoạch) đều được.",
        "unknown value",
    ),
    MessageKind(
        "ma-sai",
        "Mã không hợp lệ",
        r"ids are lower-case ASCII",
        'Mã (id) chỉ gồm chữ thường không dấu, số và "-": nó thành địa chỉ trang.',
        "Viết lại mã: bỏ dấu, chữ thường, thay dấu cách bằng -, ví dụ 22-kh-vpub-2021.",
        "ids are lower-case ASCII letters, digits and hyphens",
    ),
    MessageKind(
        "co-khong",
        'Phải là "có" hoặc để trống',
        r'must be "có" or empty',
        'Cột dạng có/không chỉ nhận "có" (hoặc x, true) hoặc để trống.',
        'Ghi "có" hoặc xóa giá trị trong ô.',
        'must be "có" or empty',
    ),
    MessageKind(
        "so-ky-hieu-sai",
        "Số ký hiệu văn bản không hợp lệ",
        r"not a valid document number",
        "Số ký hiệu không theo mẫu của Nghị định 30/2020/NĐ-CP hoặc Hướng dẫn 36-HD/VPTW.",
        "Ghi đúng như trên văn bản: 22/KH-VPUB, 30/2020/NĐ-CP, 12-QĐ/TU.",
        "not a valid document number",
    ),
    # --- giữa các bản ghi (across records) ------------------------------------------------
    MessageKind(
        "ma-trung",
        "Mã hoặc số liệu bị trùng",
        r"duplicate (id|number|total)|relation written twice",
        "Hai dòng có cùng mã (hoặc cùng số ký hiệu của một cơ quan trong một năm, hoặc số liệu "
        "của cùng năm và loại).",
        "Giữ một dòng; nếu là hai bản ghi khác nhau thì đặt mã khác cho một dòng.",
        "duplicate id / number / total",
    ),
    MessageKind(
        "tham-chieu",
        "Mã tham chiếu không tồn tại",
        r"unknown [\w ]+ id\)",
        "Ô nêu mã của một bản ghi khác (cơ quan, người, văn bản, hội nghị, buổi tiếp) nhưng "
        "không có bản ghi nào mang mã đó.",
        "Sửa mã cho đúng (xem tệp được nêu ở cột), hoặc thêm bản ghi đó trước.",
        "unknown … id",
    ),
    MessageKind(
        "so-ky-hieu-khong-khop",
        "Số ký hiệu không khớp loại hoặc cơ quan",
        r"type code does not match|issuer symbol does not match|number format does not match|"
        r"unknown type code|issuer has no symbol|signing form of the other system",
        "Mã loại trong số ký hiệu (KH, QĐ…) khác loại văn bản, ký hiệu cơ quan khác cơ quan ban "
        "hành, hoặc văn bản Đảng/Nhà nước viết theo kiểu của hệ thống kia.",
        "Đối chiếu với văn bản gốc: sửa cột type, issuer hoặc number cho khớp.",
        "type code / issuer symbol does not match",
    ),
    MessageKind(
        "thieu-ma",
        "Văn bản chưa có số phải ghi mã",
        r"a document without a number needs an id",
        "Văn bản chưa có số ký hiệu thì không tự tạo được mã.",
        "Điền cột id (ví dụ du-thao-quy-che-2021).",
        "a document without a number needs an id",
    ),
    MessageKind(
        "thu-tu-ngay",
        "Thứ tự ngày, giờ không hợp lý",
        r"effective date before issue date|expiry date not after|expires before its date|"
        r"end time not after start time|deadline before start|valid_to before valid_from|"
        r"published before it was issued|cannot .* one issued after it",
        "Ngày hiệu lực trước ngày ban hành, ngày hết hạn trước ngày đăng, giờ kết thúc không sau "
        "giờ bắt đầu…",
        "Đối chiếu văn bản gốc và sửa ngày hoặc giờ bị gõ nhầm.",
        "dates or times out of order",
    ),
    MessageKind(
        "thieu-tep-dinh-kem",
        "Không tìm thấy tệp đính kèm",
        r"file does not exist",
        "Cột files nêu một tệp không có trong docs/.",
        "Thêm tệp vào đúng đường dẫn (congkhai tep them) hoặc sửa tên tệp trong ô.",
        "file does not exist",
    ),
    MessageKind(
        "tu-quan-he",
        "Văn bản quan hệ với chính nó",
        r"self-relation|cycle of amendments",
        "Quan hệ giữa văn bản tạo thành vòng (văn bản sửa đổi chính nó).",
        "Sửa cột source hoặc target của dòng quan hệ.",
        "self-relation",
    ),
    MessageKind(
        "buoi-tiep-thieu",
        "Buổi tiếp công dân thiếu thông tin",
        r"a new session needs|regular reception|session in the \d+ file|"
        r"session on a non-working day|reception host without a name|"
        r"monthly rule needs|weekly rule needs",
        "Buổi tiếp mới phải có người tiếp, ngày, giờ, nơi tiếp; buổi tiếp nằm trong tệp của năm "
        "khác; hoặc rơi vào ngày nghỉ.",
        "Điền các cột được nêu; chuyển dòng sang tệp data/reception/<năm>.csv đúng năm.",
        "a new session needs …",
    ),
    MessageKind(
        "hoan-thanh-thieu-ngay",
        "Trạng thái hoàn thành và ngày hoàn thành không khớp",
        r"done without a completion date|completion date on an open item",
        "Việc đã hoàn thành phải có ngày hoàn thành; việc chưa xong thì không có.",
        "Điền cột done_on, hoặc sửa cột status.",
        "done without a completion date",
    ),
    MessageKind(
        "chua-dien-ra",
        "Ghi đã diễn ra nhưng ngày còn ở tương lai",
        r"held in the future",
        "Buổi tiếp (hội nghị) ghi đã tổ chức nhưng ngày chưa tới.",
        "Sửa ngày hoặc để trạng thái dự kiến.",
        "held in the future",
    ),
    # --- công bố (publication: privacy, paths, law) ---------------------------------------
    MessageKind(
        "ten-cong-dan",
        "Có vẻ là tên công dân",
        r"looks like a personal name",
        "Không công khai tên công dân đã nêu ý kiến, khiếu nại.",
        "Chỉ ghi nhóm: công chức, hộ dân thôn…",
        "looks like a personal name",
    ),
    MessageKind(
        "du-lieu-ca-nhan",
        "Có dữ liệu cá nhân",
        r"citizen ID number|old ID card number|mobile phone number|e-mail address",
        "Ô có số định danh, số điện thoại di động hoặc e-mail riêng: không được đăng công khai.",
        "Xóa dữ liệu cá nhân; chỉ ghi số điện thoại, e-mail của cơ quan.",
        "personal data",
    ),
    MessageKind(
        "duong-dan",
        "Đường dẫn ra ngoài thư mục dự án",
        r"outside the repository|points above the site folder|not an https:// URL|"
        r"javascript: link",
        "Đường dẫn trỏ ra ngoài dự án hoặc liên kết không an toàn: không được đăng.",
        "Chỉ dùng đường dẫn trong docs/ và liên kết https://.",
        "the path leads outside the repository",
    ),
    MessageKind(
        "phap-ly",
        "Chưa đúng thời hạn pháp luật",
        r"published later than|announced fewer than|overdue (task|commitment)|"
        r"below the minimum frequency",
        "Dữ liệu cho thấy cơ quan đăng chậm, thông báo lịch tiếp muộn hoặc quá hạn nhiệm vụ. "
        "Đây là báo cáo, không chặn việc dựng cổng.",
        "Kiểm tra ngày đã ghi có đúng không; nếu đúng, báo cáo lãnh đạo để khắc phục.",
        "late or overdue (legal requirement)",
    ),
    MessageKind(
        "nguon",
        "Thiếu nguồn của thông tin pháp lý",
        r"without a named source|source kind without|source named without|unverified source",
        "Tình trạng hiệu lực ghi mà không nêu văn bản làm căn cứ, hoặc nguồn chưa đối chiếu.",
        "Điền cột force_source và force_source_kind (chinh-thuc hoặc thu-cap).",
        "legal-force fact without a named source",
    ),
    MessageKind(
        "chua-cap-nhat",
        'Chưa có thông tin (trang ghi "chưa cập nhật")',
        r"not supplied yet|no full text or file|not transcribed yet|no item published in "
        r"this category|no period of publication set|no list of information accessible",
        "Một thông tin pháp luật yêu cầu công khai chưa được điền (địa chỉ, đầu mối, toàn văn "
        'văn bản…). Cổng vẫn được dựng; trang ghi "chưa cập nhật" và báo cáo chất lượng liệt kê.',
        "Điền khi có nguồn chính thức (data/site.yaml, cột body hoặc files…); không tự đặt ra.",
        "not supplied yet",
    ),
    MessageKind(
        "trich-dan",
        "Trích dẫn không liên kết được",
        r"citation of a document not in the register|not linked\)|has no target in this text|"
        r"attachment named by no record|no element with this id",
        "Số hiệu văn bản được nhắc trong chữ nhưng không có (hoặc không chắc là) văn bản trong "
        "sổ; chữ được để nguyên, không gắn liên kết.",
        "Nếu cần liên kết, thêm văn bản đó vào data/documents.csv, hoặc sửa số, ngày trích dẫn.",
        "citation left as text",
    ),
    MessageKind(
        "loi-chua-luong-truoc",
        "Lỗi chưa lường trước",
        r"please report it with the file",
        "Chương trình gặp lỗi khi đọc tệp; dữ liệu có thể không sai.",
        "Gửi tệp và thông báo cho người quản trị.",
        "could not read this file; please report it",
    ),
)


def kind_of(message: str) -> MessageKind | None:
    """The first catalogue entry that explains ``message``, or None."""
    return next((k for k in CATALOGUE if k.matches(message)), None)
