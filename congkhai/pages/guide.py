"""Hướng dẫn nhập liệu (the staff guide, ``/huong-dan-nhap-lieu/``), generated, never written.

An overview page (how to work: commands, Excel, git; one line per dataset linking its page;
the error catalogue) and one page per dataset that has files to edit
(:func:`congkhai.ids.guide_dataset_url`): in one page the guide weighed more than the 80 KiB
page budget. Three parts, each from the code it documents so that it cannot drift:

- every dataset (:data:`congkhai.datasets.DATASETS`) and every file staff edit (each
  :class:`~congkhai.datasets.Source`), with every column from the models
  (:func:`congkhai.datasets.fields.describe`): label, meaning, form, closed vocabulary,
  reference, example, required;
- how to publish a record of each kind, step by step, with the ``congkhai`` command or Excel;
- what each error message means and how to fix it (:data:`congkhai.messages.CATALOGUE`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..datasets import DATASETS, Dataset, Source
from ..datasets.fields import describe
from ..ids import STAFF_GUIDE, guide_dataset_url, relative, slugify
from ..messages import CATALOGUE, MessageKind
from .common import Download, downloads

#: The one command that installs the checks run before every commit (.pre-commit-config.yaml).
PRE_COMMIT_INSTALL = ".venv/bin/pre-commit install"
#: The workbook the Excel way exports to and imports from.
WORKBOOK = "du-lieu.xlsx"


@dataclass(frozen=True)
class GuideColumn:
    name: str
    #: ``name`` cut after each "_" or "-": the only places a narrow screen may break it
    name_parts: tuple[str, ...]
    label: str
    description: str
    example: str
    required: bool
    form: str
    choices: tuple[tuple[str, str], ...]
    refers_to: str


@dataclass(frozen=True)
class Step:
    """One step: what to do, and the command to type (empty when there is none)."""

    text: str
    command: str = ""


@dataclass(frozen=True)
class Way:
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class GuideSource:
    anchor: str  # data-documents-csv
    file: str
    title: str
    description: str
    downloads: tuple[Download, ...]
    columns: tuple[GuideColumn, ...]
    ways: tuple[Way, ...]


@dataclass(frozen=True)
class GuideDataset:
    anchor: str  # bo-documents
    name: str
    title: str
    sources: tuple[GuideSource, ...]


@dataclass(frozen=True)
class GuideDatasetLink:
    """One line of the overview's list: a dataset, the files staff edit for it, and its page
    (``href`` empty when it has no file: it is made from the others)."""

    name: str
    title: str
    href: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class GuideContext:
    """Context of ``congkhai/guide.html``, the overview: how to work (commands, Excel, git),
    every dataset linked to its own page, and the error catalogue."""

    datasets: tuple[GuideDatasetLink, ...]
    messages: tuple[MessageKind, ...]
    pre_commit_install: str
    workbook: str


@dataclass(frozen=True)
class GuideDatasetContext:
    """Context of ``congkhai/guide_dataset.html``: one dataset's files, every column of each
    from the models, and the steps to publish a record in each file."""

    dataset: GuideDataset
    #: the overview, and its error catalogue (the steps send staff there)
    overview_href: str
    messages_href: str


#: The datasets with files to edit, each with its page in the guide; the others (the yearly
#: report drafts) are made from these and are only named in the overview.
GUIDED_DATASETS: tuple[Dataset, ...] = tuple(d for d in DATASETS if d.sources)


def name_parts(name: str) -> tuple[str, ...]:
    """``signer_title`` -> ``("signer_", "title")``: a column name may wrap only there."""
    return tuple(p for p in re.split(r"(?<=[_-])", name) if p)


def new_record_kind(dataset: Dataset, source: Source) -> str:
    """The ``<loại>`` of ``congkhai moi <loại>`` for ``source``: the dataset's name for its
    main file, the file's own name for the others (``relations``, ``dialogue_items``…)."""
    if source is dataset.sources[0]:
        return dataset.name
    stem = source.file.rsplit("/", 1)[-1].split(".", 1)[0]
    return dataset.name if "<" in stem else stem


def _commit(file: str) -> tuple[Step, ...]:
    return (
        Step(
            "Kiểm tra toàn bộ dữ liệu; sửa hết lỗi được báo (ý nghĩa và cách sửa: mục Thông báo "
            "lỗi của trang Hướng dẫn nhập liệu):",
            "congkhai kiem-tra",
        ),
        Step(
            "Xem trước cổng trên máy (mở địa chỉ lệnh in ra; tự tải lại khi lưu tệp):",
            "congkhai xem",
        ),
        Step(
            "Ghi lại thay đổi và gửi lên kho; cổng được dựng lại sau khi gộp vào main:",
            f'git add {file} && git commit -m "Cập nhật {file}" && git push',
        ),
    )


def _ways(dataset: Dataset, source: Source) -> tuple[Way, ...]:
    kind = new_record_kind(dataset, source)
    folder = source.file.rsplit("/", 1)[0] if "<" in source.file else source.file
    command = Way(
        "Cách 1: bằng lệnh congkhai moi",
        (
            Step("Mở cửa sổ lệnh trong thư mục dự án và chạy:", f"congkhai moi {kind}"),
            Step(
                "Trả lời từng câu hỏi. Mã tiếp theo và ngày hôm nay (giờ Việt Nam) được điền "
                "sẵn; cột có danh mục chỉ cho chọn giá trị hợp lệ. Lệnh chỉ thêm bản ghi mới, "
                "không sửa hay đổi thứ tự bản ghi cũ."
            ),
            *_commit(folder),
        ),
    )
    if source.file.endswith(".csv"):
        excel = Way(
            "Cách 2: bằng Excel",
            (
                Step(
                    "Xuất bộ dữ liệu ra tệp Excel:",
                    f"congkhai excel xuat {WORKBOOK} --bo {dataset.name}",
                ),
                Step(
                    f"Mở {WORKBOOK} bằng Excel. Tiêu đề cột là tên tiếng Việt (như bảng trên); "
                    "cột có danh mục có danh sách thả xuống; ô ngày định dạng dd/mm/yyyy. Thêm "
                    "hoặc sửa dòng, rồi lưu (giữ dạng .xlsx)."
                ),
                Step(
                    "Nhập lại vào tệp CSV; lệnh chỉ ghi những ô đã đổi và báo mọi dòng không nhận "
                    "được (trang tính, dòng, cột như Excel hiển thị):",
                    f"congkhai excel nhap {WORKBOOK}",
                ),
                *_commit(folder),
            ),
        )
        return (command, excel)
    editor = Way(
        "Cách 2: bằng trình soạn thảo",
        (
            Step(
                f"Sao chép một tệp cùng loại trong {folder}/, đặt tên tệp là mã của bản ghi "
                '(chữ thường không dấu, số và "-").'
            ),
            Step(
                "Sửa các khóa như bảng trên bằng Notepad hoặc VS Code; lưu mã UTF-8. Thụt lề "
                'bằng dấu cách, chữ có dấu ":" thì đặt trong ngoặc kép.'
            ),
            *_commit(folder),
        ),
    )
    return (command, editor)


def _column(doc: object) -> GuideColumn:
    from ..datasets.fields import ColumnDoc

    assert isinstance(doc, ColumnDoc)
    return GuideColumn(
        doc.name,
        name_parts(doc.name),
        doc.label,
        doc.description,
        doc.example,
        doc.required,
        doc.form,
        doc.choices,
        doc.refers_to,
    )


def guide_context(here: str) -> GuideContext:
    """The overview at ``here`` (:data:`congkhai.ids.STAFF_GUIDE`)."""
    return GuideContext(
        tuple(
            GuideDatasetLink(
                dataset.name,
                dataset.title,
                relative(here, guide_dataset_url(dataset.name)) if dataset.sources else "",
                tuple(source.file for source in dataset.sources),
            )
            for dataset in DATASETS
        ),
        CATALOGUE,
        PRE_COMMIT_INSTALL,
        WORKBOOK,
    )


def guide_dataset_context(here: str, dataset: Dataset) -> GuideDatasetContext:
    """The page at ``here`` (:func:`congkhai.ids.guide_dataset_url`) of one of
    :data:`GUIDED_DATASETS`."""
    return GuideDatasetContext(
        GuideDataset(
            "bo-" + slugify(dataset.name),
            dataset.name,
            dataset.title,
            tuple(
                GuideSource(
                    slugify(source.file),
                    source.file,
                    source.title,
                    source.description,
                    downloads(here, source.export) if source.export else (),
                    tuple(_column(c) for c in describe(source.model)),
                    _ways(dataset, source),
                )
                for source in dataset.sources
            ),
        ),
        relative(here, STAFF_GUIDE),
        relative(here, STAFF_GUIDE) + "#thong-bao-loi",
    )
