"""Danh mục thông tin phải được công khai: its configuration (``data/danh-muc.yaml``).

The catalogue itself (Luật Tiếp cận thông tin Art. 19(1)(g); Nghị định 13/2018 Art. 6) is
regenerated on every build from everything the site publishes (``congkhai/catalogue.py``);
this file only says which category of Art. 17(1) each dataset, document type, system or
single document belongs to, the form of publication and the period. The categories' titles
and articles are data, so a revision of the law is an edit of this file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict

from .. import ids, vocab
from ..problems import Problem, Problems, Severity
from .descriptor import Dataset, Section, Source
from .fields import choice, column
from .refs import Ref
from .yamlfile import line_of, load_yaml

FILE = "data/danh-muc.yaml"

#: the datasets whose published items the catalogue lists (``congkhai/catalogue.py``)
CATALOGUED: tuple[str, ...] = (
    "documents",
    "plans",
    "notices",
    "dialogues",
    "reception",
    "access",
    "requests",
    "outcomes",
    "office",
    "procedures",
)


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Category(_Strict):
    """Một nhóm thông tin phải được công khai (a category of Art. 17(1))."""

    code: str = column("Mã nhóm", "Điểm của khoản 1 Điều 17 (a, d, k…).", "a", min_length=1)
    title: str = column("Tên nhóm", "Như điều luật viết.", "Báo cáo công tác định kỳ", min_length=1)
    #: empty: not required by the law (party documents shown for reference)
    article: str = column("Điều khoản", "Trống nếu luật không bắt buộc.", "Điều 17 khoản 1 điểm l")
    source: str = column("Nguồn", "Văn bản, điều khoản đã đối chiếu.", "", default="")
    source_kind: vocab.SourceKind | None = column(
        "Loại nguồn", "chinh-thuc (văn bản chính thức) hoặc thu-cap.", "thu-cap", default=None
    )

    @property
    def required(self) -> bool:
        return bool(self.article)


class Mapping(_Strict):
    """Một dòng xếp nhóm: bộ dữ liệu (và loại văn bản, hệ thống, mã văn bản) -> nhóm."""

    dataset: Annotated[str, choice({name: name for name in CATALOGUED})] = column(
        "Bộ dữ liệu", ", ".join(CATALOGUED) + ".", "documents"
    )
    type: Annotated[str, choice(vocab.DOCUMENT_TYPE_LABELS, required=False)] = column(
        "Loại văn bản", "Chỉ với documents.", "ke-hoach", default=""
    )
    system: Annotated[str, choice(vocab.SYSTEM_LABELS, required=False)] = column(
        "Hệ thống", "nha-nuoc hoặc dang; chỉ với documents.", "", default=""
    )
    id: Annotated[str, Ref("documents")] = column(
        "Mã văn bản", "Xếp riêng một văn bản.", "", default=""
    )
    category: str = column("Nhóm", "Mã nhóm ở trên.", "d", min_length=1)
    form: str = column("Hình thức công khai", "Trống: hình thức chung.", "", default="")
    period: str = column("Thời hạn công khai", "Cơ quan quyết định.", "", default="")

    @property
    def specificity(self) -> tuple[bool, bool, bool]:
        """A row naming a document beats one naming a system, which beats one naming a type."""
        return (bool(self.id), bool(self.system), bool(self.type))


class CatalogueConfig(_Strict):
    categories: list[Category] = []
    form: str = column(
        "Hình thức công khai", "Của mọi mục.", "", default="Đăng tải trên cổng thông tin điện tử"
    )
    map: list[Mapping] = []

    def category(self, code: str) -> Category:
        return next(c for c in self.categories if c.code == code)

    def placement(
        self, dataset: str, *, type: str = "", system: str = "", id: str = ""
    ) -> Mapping | None:
        """The most specific row for one item; None when no row takes it."""
        rows = [
            m
            for m in self.map
            if m.dataset == dataset
            and m.type in ("", type)
            and m.system in ("", system)
            and m.id in ("", id)
        ]
        return max(rows, key=lambda m: m.specificity, default=None)


def load_catalogue(
    root: Path, problems: Problems
) -> tuple[CatalogueConfig | None, yaml.Node | None]:
    """Read ``data/danh-muc.yaml`` (and its node tree, for later rules' lines); categories
    unknown to the map, duplicate codes and two rows for the same items are errors on their
    line."""
    if not (root / FILE).exists():
        # The catalogue is still published (every item "chưa xếp nhóm"): the law asks for it
        problems.add(
            Problem(
                FILE,
                None,
                None,
                "chưa có cấu hình danh mục thông tin phải được công khai; mọi mục sẽ ghi "
                '"chưa xếp nhóm" (no catalogue configuration: items are not grouped)',
                Severity.MISSING,
            )
        )
        return CatalogueConfig(), None
    config, node = load_yaml(CatalogueConfig, root / FILE, FILE, problems)
    if config is None:
        return None, node
    codes: set[str] = set()
    for i, cat in enumerate(config.categories):
        if cat.code in codes:
            problems.add(
                Problem(
                    FILE,
                    line_of(node, ("categories", i, "code")),
                    "code",
                    f'mã nhóm "{cat.code}" trùng (duplicate category code)',
                )
            )
        codes.add(cat.code)
    seen: dict[tuple[str, str, str, str], int] = {}
    for i, row in enumerate(config.map):
        line = line_of(node, ("map", i))
        if row.category not in codes:
            problems.add(
                Problem(
                    FILE,
                    line_of(node, ("map", i, "category")),
                    "category",
                    f'nhóm "{row.category}" không có trong categories; các nhóm: '
                    f"{', '.join(sorted(codes))} (unknown category)",
                )
            )
        if row.dataset != "documents" and (row.type or row.system or row.id):
            problems.add(
                Problem(
                    FILE,
                    line,
                    "dataset",
                    "type, system, id chỉ dùng với dataset documents "
                    "(type, system and id apply to documents only)",
                )
            )
        key = (row.dataset, row.type, row.system, row.id)
        if key in seen:
            problems.add(
                Problem(
                    FILE,
                    line,
                    "dataset",
                    f"dòng này xếp lại cùng các mục như dòng {seen[key]} (two rows place the "
                    "same items)",
                )
            )
        seen[key] = line or 0
    return config, node


class CatalogueEntry(_Strict):
    """Một mục của danh mục as the open-data download writes it (documents its columns;
    the rows are computed by ``congkhai/catalogue.py``, never typed by staff)."""

    category: str = column("Mã nhóm", "Điểm của khoản 1 Điều 17 (hoặc nhóm tham khảo).")
    category_title: str = column("Tên nhóm", "Nhóm thông tin theo điều luật.")
    article: str = column("Điều khoản", "Trống: không thuộc danh mục bắt buộc.")
    title: str = column("Tên thông tin", "Loại và trích yếu, hoặc tên trang.")
    number: str = column("Số, ký hiệu", "Nguyên văn; trống nếu thông tin không có số.")
    created: str = column("Ngày tạo lập", "yyyy-mm-dd, hoặc yyyy-mm khi chỉ biết tháng.")
    form: str = column("Hình thức công khai", "Điều 18 khoản 1 Luật Tiếp cận thông tin.")
    url: str = column("Địa chỉ", "Địa chỉ trang trên cổng.")
    published: str = column("Thời điểm công khai", "yyyy-mm-dd; trống nếu dữ liệu chưa ghi.")
    period: str = column("Thời hạn công khai", "Theo cấu hình danh mục.")
    corrections: str = column("Được đính chính bởi", "Văn bản đính chính, cách nhau bằng ;")
    corrects: str = column("Đính chính cho", "Văn bản được đính chính, cách nhau bằng ;")
    dataset: str = column("Bộ dữ liệu", ", ".join(CATALOGUED) + ".")
    example: bool = column("Minh họa", "True nếu là dữ liệu minh họa.")


DATASET = Dataset(
    "catalogue",
    "Danh mục thông tin phải được công khai",
    (
        Source(
            FILE,
            "Cấu hình danh mục",
            "Nhóm thông tin theo khoản 1 Điều 17 Luật Tiếp cận thông tin, và bộ dữ liệu, loại "
            "văn bản nào thuộc nhóm nào; danh mục tự lập lại từ mọi thông tin đang công khai.",
            Mapping,
            export="danh-muc-thong-tin",
            export_title="Danh mục thông tin phải được công khai",
            export_model=CatalogueEntry,
        ),
    ),
    Section(
        ids.CATALOGUE,
        "Danh mục thông tin phải được công khai",
        "Mọi thông tin cổng đang công khai, theo nhóm của Luật Tiếp cận thông tin: tên, số ký "
        "hiệu, ngày tạo lập, hình thức, địa chỉ, thời điểm và thời hạn công khai.",
    ),
)
