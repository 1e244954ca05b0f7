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
from typing import Annotated, Any

import yaml
from pydantic import ValidationError

from ..ids import nfc
from ..problems import Problem, Problems
from .fields import Day, Flag, List, Optional, Record, Required, RequiredDay, choice, column
from .refs import Ref
from .tables import decode
from .yamlfile import clean, translate

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

    id: str = column("Mã", "Tên tệp, không dấu (thong-bao-lich-tiep-12-2021.md).", "", default="")
    file: str = column("Tệp", "", "", default="")
    title: Required = column("Tiêu đề", "", "Thông báo lịch tiếp công dân tháng 12/2021")
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
    body: Optional = column("Nội dung", "Phần Markdown sau front matter.", "", default="")

    def is_published(self, as_of: dt.date) -> bool:
        return self.date <= as_of

    def is_current(self, as_of: dt.date) -> bool:
        return self.is_published(as_of) and (self.expires is None or self.expires > as_of)


def _list_value(value: Any) -> Any:
    return ";".join(str(v) for v in value) if isinstance(value, list) else value


def load_notices(root: Path, problems: Problems) -> list[Notice]:
    folder = root / FOLDER
    notices: list[Notice] = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        file = f"{FOLDER}/{path.name}"
        if not _ID.fullmatch(path.stem):
            problems.add(
                Problem(
                    file,
                    None,
                    None,
                    'tên tệp chỉ dùng chữ thường không dấu, số và "-" (file name must be an id)',
                )
            )
            continue
        text = decode(path.read_bytes(), file, problems)
        if text is None:
            continue
        text = nfc(text.replace("\r\n", "\n"))
        match = _FRONT.match(text)
        if not match:
            problems.add(
                Problem(
                    file,
                    1,
                    None,
                    'thiếu phần đầu "---" (front matter) với title, date (missing front matter)',
                )
            )
            continue
        try:
            meta = clean(yaml.safe_load(match.group(1)) or {})
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.add(
                Problem(
                    file,
                    mark.line + 2 if mark else 1,
                    None,
                    f"lỗi cú pháp YAML (YAML syntax error): {getattr(exc, 'problem', exc)}",
                )
            )
            continue
        if not isinstance(meta, dict):
            problems.add(
                Problem(
                    file,
                    2,
                    None,
                    "phần đầu phải là các cặp khóa: giá trị (front matter must be a mapping)",
                )
            )
            continue
        values = {
            k: _list_value(v)
            if k == "related"
            else (str(v) if isinstance(v, dt.date | int) and k != "pinned" else v)
            for k, v in meta.items()
        }
        for date_key in ("date", "expires"):
            if isinstance(meta.get(date_key), dt.date):
                values[date_key] = meta[date_key]
        try:
            notices.append(
                Notice.model_validate(
                    {
                        **values,
                        "id": path.stem,
                        "file": file,
                        "line": 1,
                        "body": text[match.end() :],
                    }
                )
            )
        except ValidationError as exc:
            for err in exc.errors():
                key: str | None = str(err["loc"][0]) if err["loc"] else None
                line = next(
                    (
                        i
                        for i, text_line in enumerate(match.group(1).splitlines(), start=2)
                        if key and text_line.startswith(key + ":")
                    ),
                    1,
                )
                message = (
                    err["msg"]
                    if err["type"] not in ("missing", "extra_forbidden")
                    else translate(err)
                )
                problems.add(Problem(file, line, key, message))
    return notices
