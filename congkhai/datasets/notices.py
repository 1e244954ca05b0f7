"""Thông báo (``data/thong-bao/<mã>.md``): Markdown written by staff, with front matter.

    ---
    title: Thông báo lịch tiếp công dân tháng 12/2021
    date: 01/12/2021          # the day it is published; a future date keeps it unpublished
    expires: 31/12/2021       # optional: moves to the archive on that day
    category: tiep-cong-dan
    pinned: true              # optional: stays on top of the list while current
    related: [07-tb-duvp-2021]
    ---
    Nội dung thông báo…

The id is the file name (without ``.md``) and never changes once published.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

from pydantic import ValidationError

from ..dates import format_short
from ..ids import nfc, slugify
from ..problems import Problem, Problems, unexpected
from .descriptor import Dataset, Section, Source
from .fields import Day, Flag, List, Optional, Record, Required, RequiredDay, choice, column
from .refs import Ref
from .tables import decode
from .yamlfile import line_of, parse_yaml, report_errors

FOLDER = "data/thong-bao"

CATEGORY_LABELS = {
    "thong-bao": "Thông báo chung",
    "tiep-cong-dan": "Tiếp công dân",
    "doi-thoai": "Đối thoại",
    "van-ban": "Văn bản mới",
    "lich-cong-tac": "Lịch công tác",
}
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?", re.DOTALL)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Notice(Record):
    """Một thông báo."""

    id: str = column(
        "Mã", "Tên tệp, không dấu (thong-bao-lich-tiep-12-2021.md).", "", internal=True, default=""
    )
    file: str = column("Tệp", "", "", internal=True, default="")
    title: Required = column(
        "Tiêu đề", "", "Thông báo lịch tiếp công dân tháng 12/2021", prose=True
    )
    date: RequiredDay = column(
        "Ngày đăng", "dd/mm/yyyy; ngày trong tương lai thì chờ đến ngày đó mới đăng.", "01/12/2021"
    )
    expires: Day = column(
        "Ngày hết hạn", "Từ ngày này chuyển vào lưu trữ.", "31/12/2021", default=None
    )
    category: Annotated[str, choice(CATEGORY_LABELS)] = column(
        "Loại", ", ".join(CATEGORY_LABELS) + ".", "tiep-cong-dan", default="thong-bao"
    )
    pinned: Flag = column(
        "Ghim", "true để luôn ở đầu danh sách khi còn hiệu lực.", "true", default=False
    )
    related: Annotated[List, Ref("documents")] = column(
        "Văn bản liên quan", "Mã văn bản trong sổ văn bản.", "[07-tb-duvp-2021]", default=()
    )
    example: Flag = column("Minh họa", "true nếu là dữ liệu minh họa.", "", default=False)
    body: Optional = column(
        "Nội dung", "Phần Markdown sau front matter.", "", default="", prose=True
    )
    #: the line of the file where ``body`` starts (after the front matter)
    body_line: int = column("Dòng đầu nội dung", "", "", internal=True, default=1)

    def is_published(self, as_of: dt.date) -> bool:
        return self.date <= as_of

    def is_current(self, as_of: dt.date) -> bool:
        return self.is_published(as_of) and (self.expires is None or self.expires > as_of)


def notice_files(folder: Path) -> list[Path]:
    """Every Markdown file of ``folder``: ``.md`` in any case (``.MD`` from Windows tools is
    not silently ignored)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md" and p.is_file())


def load_notices(root: Path, problems: Problems) -> list[Notice]:
    """Read every notice of ``data/thong-bao``; each problem names the file and line.

    The id is the file name: one that is not an id is an error suggesting the id to use. A
    notice whose ``expires`` is before its ``date`` is an error. Never raises."""
    notices: list[Notice] = []
    folder = root / FOLDER
    read = set(notice_files(folder))
    for other in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if other not in read and not other.is_dir() and not other.name.startswith("."):
            problems.add(
                Problem(
                    f"{FOLDER}/{other.relative_to(folder).as_posix()}",
                    None,
                    None,
                    "tệp này không được đọc: mỗi thông báo là một tệp .md nằm ngay trong "
                    f"{FOLDER}/ (not read: a notice is a .md file directly in {FOLDER}/)",
                )
            )
    for path in notice_files(folder):
        file = f"{FOLDER}/{path.name}"
        try:
            notice = _load_notice(path, file, problems)
        except Exception as exc:  # a staff file never causes a traceback
            problems.add_unreadable(unexpected(file, None, exc))
            continue
        if notice is not None:
            notices.append(notice)
    return notices


def _load_notice(path: Path, file: str, problems: Problems) -> Notice | None:
    if not _ID.fullmatch(path.stem):
        suggestion = slugify(path.stem)
        problems.add(
            Problem(
                file,
                None,
                None,
                'tên tệp chỉ dùng chữ thường không dấu, số và "-"'
                + (f'; đổi tên thành "{suggestion}.md"' if suggestion else "")
                + " (the file name is the notice's id: lower-case ASCII, digits and hyphens)",
            )
        )
        return None
    text = decode(path.read_bytes(), file, problems)
    if text is None:
        return None
    text = nfc(text.replace("\r\n", "\n"))
    match = _FRONT.match(text)
    if not match:
        problems.add_unreadable(
            Problem(
                file,
                1,
                None,
                'thiếu phần đầu "---" (front matter) với title, date (missing front matter)',
            )
        )
        return None
    # The front matter starts on line 2, after the opening "---".
    parsed = parse_yaml(match.group(1), file, problems, first_line=2)
    if parsed is None:
        return None
    meta, node = parsed
    if not isinstance(meta, dict):
        problems.add_unreadable(
            Problem(
                file,
                2,
                None,
                "phần đầu phải là các cặp khóa: giá trị (front matter must be a mapping)",
            )
        )
        return None
    try:
        notice = Notice.model_validate(
            {
                **meta,
                "id": path.stem,
                "file": file,
                "line": 1,
                "body": text[match.end() :],
                "body_line": text.count("\n", 0, match.end()) + 1,
            }
        )
    except ValidationError as exc:
        report_errors(exc, file, node, problems, first_line=2)
        return None
    if notice.expires is not None and notice.expires < notice.date:
        line = line_of(node, ("expires",))
        problems.add(
            Problem(
                file,
                None if line is None else line + 1,
                "expires",
                f"ngày hết hạn {format_short(notice.expires)} trước ngày đăng "
                f"{format_short(notice.date)} (expires before its date)",
            )
        )
        return None
    return notice


DATASET = Dataset(
    "notices",
    "Thông báo",
    (
        Source(
            FOLDER + "/<mã>.md",
            "Thông báo",
            "Mỗi tệp Markdown một thông báo: phần đầu (front matter) giữa hai dòng --- ghi các "
            "khóa dưới đây, sau đó là nội dung.",
            Notice,
            export="thong-bao",
            export_title="Thông báo",
        ),
    ),
    Section(
        "thong-bao/",
        "Thông báo",
        "Thông báo mới, thông báo được ghim và lưu trữ thông báo đã hết hạn.",
    ),
    ("thong-bao", "Thông báo"),
)
