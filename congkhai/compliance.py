"""Báo cáo tuân thủ (the compliance report): how the office meets the Access to Information
Law and the Citizen Reception Law, computed from the data at the as-of date.

Public, on ``/bao-cao-tuan-thu/`` (transparency about transparency), and printed by
``python scripts/compliance.py`` (``--json`` writes it for machines). It lists, for each
category of Art. 17(1), its count and newest item, and every finding: mandatory facts not
supplied, documents posted late, sessions announced late, hosts below their minimum
frequency, overdue plan tasks and dialogue commitments, legal facts whose source is
secondary. The staff-facing data-quality report stays separate (``/bao-cao-du-lieu/``).

Findings are not errors: the command exits non-zero only when the data cannot be built.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import gate, ids, vocab
from .catalogue import Catalogue
from .datasets import access as access_ds
from .datasets import catalogue as catalogue_ds
from .datasets import documents as documents_ds
from .datasets import meetings as meetings_ds
from .datasets.access import legal_facts
from .datasets.reception import RULES_FILE
from .dates import format_short
from .dialogues import Progress, progress
from .exports import dumps_indented
from .plans import TaskStatus, task_status
from .problems import Severity
from .registry import Registry

#: every kind of finding, in the report's order: (heading, legal basis)
KINDS: dict[str, tuple[str, str]] = {
    "nhom-trong": (
        "Nhóm thông tin phải công khai chưa có mục nào",
        "Luật Tiếp cận thông tin, Điều 17, 19",
    ),
    "thieu-thong-tin": (
        "Thông tin bắt buộc chưa được cung cấp",
        "Luật Tiếp cận thông tin, Điều 17 khoản 1 điểm m, Điều 19; Luật Tiếp công dân, Điều 12",
    ),
    "thoi-han-cong-khai": (
        "Chưa quy định thời hạn công khai",
        "Nghị định 13/2018/NĐ-CP, Điều 6",
    ),
    "dang-tai-cham": (
        "Văn bản đăng tải quá 5 ngày làm việc sau khi ban hành",
        "Luật Tiếp cận thông tin, Điều 18 khoản 4",
    ),
    "bao-truoc-lich-tiep": (
        "Buổi tiếp công dân thông báo chưa đủ 5 ngày làm việc trước",
        "Luật Tiếp công dân",
    ),
    "tan-suat-tiep": (
        "Người tiếp công dân dưới tần suất tối thiểu",
        "Luật Tiếp công dân, Điều 12, 15",
    ),
    "lich-tiep": ("Buổi tiếp công dân vào ngày nghỉ hoặc trùng giờ", "Luật Tiếp công dân"),
    "nhiem-vu-qua-han": ("Nhiệm vụ kế hoạch quá hạn", "Luật Tiếp cận thông tin, Điều 17"),
    "cam-ket-qua-han": ("Cam kết sau đối thoại quá hạn", "Quy chế dân chủ ở cơ sở"),
    "nguon-thu-cap": (
        "Thông tin pháp lý trong dữ liệu chưa đối chiếu văn bản gốc",
        "Luật Tiếp cận thông tin, Điều 3 khoản 2 (thông tin phải chính xác, đầy đủ)",
    ),
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    message: str  # Vietnamese, with an English gloss
    where: str  # the data file (and line) to fix
    url: str | None = None  # site path of the public page concerned


@dataclass(frozen=True)
class CategoryStatus:
    code: str
    title: str
    article: str
    count: int
    newest_title: str
    newest_url: str | None
    newest_date: str


@dataclass(frozen=True)
class Report:
    as_of: str  # dd/mm/yyyy
    as_of_iso: str
    categories: tuple[CategoryStatus, ...]
    findings: tuple[Finding, ...]

    def of(self, kind: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    def to_json(self) -> bytes:
        payload = {
            "as_of": self.as_of_iso,
            "categories": [c.__dict__ for c in self.categories],
            "counts": {k: len(self.of(k)) for k in KINDS},
            "findings": [
                {**f.__dict__, "heading": KINDS[f.kind][0], "basis": KINDS[f.kind][1]}
                for f in self.findings
            ],
        }
        return (dumps_indented(payload) + "\n").encode("utf-8")

    def lines(self) -> list[str]:
        """The report as text (the command's output)."""
        out = [f"Báo cáo tuân thủ tính đến ngày {self.as_of} (compliance report)"]
        out.append("Nhóm thông tin phải công khai (categories):")
        for c in self.categories:
            date = f" ({c.newest_date})" if c.newest_date else ""
            newest = f"; mới nhất: {c.newest_title}{date}" if c.count else ""
            out.append(f"  [{c.code}] {c.title}: {c.count} mục{newest}")
        for kind, (heading, basis) in KINDS.items():
            found = self.of(kind)
            if not found:
                continue
            out.append(f"{heading} ({basis}): {len(found)}")
            out.extend(f"  {f.where}: {f.message}" if f.where else f"  {f.message}" for f in found)
        if not self.findings:
            out.append("Không có vấn đề nào (no findings).")
        return out


def _where(file: str, line: int | None) -> str:
    return f"{file}:{line}" if line else file


def compliance_report(registry: Registry, catalogue: Catalogue) -> Report:
    """The report of ``registry`` at its as-of date, from the build's own catalogue."""
    as_of = registry.as_of
    findings: list[Finding] = []
    categories = []
    for group in catalogue.groups:
        cat = group.category
        if not cat.required:
            continue
        newest = group.items[0] if group.items else None
        categories.append(
            CategoryStatus(
                cat.code,
                cat.title,
                cat.article,
                len(group.items),
                newest.title if newest else "",
                newest.url if newest else None,
                (newest.created_text or newest.published_text) if newest else "",
            )
        )
        if not group.items:
            findings.append(
                Finding(
                    "nhom-trong",
                    f"nhóm {cat.code} ({cat.article}) chưa có thông tin nào được công khai "
                    "(no item published in this category)",
                    catalogue_ds.FILE,
                )
            )
        undated = [i for i in group.items if not i.period]
        if undated:
            findings.append(
                Finding(
                    "thoi-han-cong-khai",
                    f"nhóm {cat.code}: {len(undated)} mục chưa có thời hạn công khai "
                    "(no period of publication set)",
                    catalogue_ds.FILE,
                )
            )
    if catalogue.unplaced:
        findings.append(
            Finding(
                "thoi-han-cong-khai",
                f"{len(catalogue.unplaced)} mục chưa được xếp vào nhóm nào "
                "(items no row of the map places)",
                catalogue_ds.FILE,
            )
        )
    # the report is public: problems naming an unpublished document stay in the build log
    problems = gate.public_problems(registry)
    for problem in problems.of(Severity.MISSING):
        findings.append(
            Finding("thieu-thong-tin", problem.message, _where(problem.file, problem.line))
        )
    for problem in problems.of(Severity.LEGAL):
        kind = problem.rule if problem.rule in KINDS else "lich-tiep"
        findings.append(Finding(kind, problem.message, _where(problem.file, problem.line)))
    for record in registry.plans.values():
        for task in record.tasks:
            if task_status(task, as_of) is TaskStatus.QUA_HAN:
                assert task.deadline is not None
                findings.append(
                    Finding(
                        "nhiem-vu-qua-han",
                        f'"{record.plan.title}", nhiệm vụ {task.id}: hạn '
                        f"{format_short(task.deadline)}, chưa hoàn thành"
                        + (" (dữ liệu minh họa)" if task.example or record.plan.example else "")
                        + " (overdue task)",
                        record.file,
                        ids.plan_url(record.id),
                    )
                )
    meetings = registry.dialogues.meetings
    for item in registry.dialogues.items:
        if progress(item, as_of) is Progress.QUA_HAN:
            assert item.deadline is not None
            meeting = meetings.get(item.meeting)
            findings.append(
                Finding(
                    "cam-ket-qua-han",
                    f'cam kết "{item.commitment or item.answer}": hạn '
                    f"{format_short(item.deadline)}, chưa hoàn thành"
                    + (" (dữ liệu minh họa)" if meeting and meeting.example else "")
                    + " (overdue commitment)",
                    _where(meetings_ds.ITEMS_FILE, item.line),
                    ids.meeting_url(item.meeting) if meeting else None,
                )
            )
    if registry.access is not None:
        access = registry.access
        for fact in legal_facts(access.info):
            if not fact.transcribed:
                findings.append(
                    Finding(
                        "thieu-thong-tin",
                        f"{fact.label}: chưa ghi nội dung ({fact.source}) (not transcribed yet)",
                        _where(access_ds.FILE, access.line(fact.path)),
                        ids.ACCESS,
                    )
                )
        if not access.info.conditional_information.items:
            findings.append(
                Finding(
                    "thieu-thong-tin",
                    "chưa có danh mục thông tin tiếp cận có điều kiện (Điều 7) "
                    "(no list of information accessible on conditions)",
                    _where(access_ds.FILE, access.line(("conditional_information",))),
                    ids.ACCESS,
                )
            )
    findings.extend(_secondary_sources(registry))
    order = list(KINDS)
    return Report(
        format_short(as_of),
        as_of.isoformat(),
        tuple(categories),
        tuple(sorted(findings, key=lambda f: order.index(f.kind))),
    )


def _secondary_sources(registry: Registry) -> list[Finding]:
    """Legal facts the shipped data states from a secondary source (or without saying)."""
    found = []

    def check(kind: vocab.SourceKind | None, what: str, source: str, where: str) -> None:
        if kind is vocab.SourceKind.CHINH_THUC:
            return
        state = "nguồn thứ cấp" if kind is vocab.SourceKind.THU_CAP else "chưa ghi loại nguồn"
        found.append(
            Finding(
                "nguon-thu-cap",
                f"{what}: {state}" + (f" ({source})" if source else "") + " (unverified source)",
                where,
            )
        )

    for doc in registry.published_documents():
        if doc.expires or doc.status or doc.force_source:
            check(
                doc.source_kind,
                f"hiệu lực của {doc.label}",
                doc.force_source,
                _where(documents_ds.FILE, doc.line),
            )
    if registry.access is not None:
        access = registry.access
        for fact in legal_facts(access.info):
            check(
                fact.source_kind,
                fact.label,
                fact.source,
                _where(access_ds.FILE, access.line(fact.path)),
            )
    assert registry.catalogue is not None
    for cat in registry.catalogue.categories:
        if cat.required:
            check(
                cat.source_kind,
                f"tên nhóm {cat.code} ({cat.article})",
                cat.source,
                catalogue_ds.FILE,
            )
    roles = registry.schedule.config.roles
    for role in (roles[key] for key in sorted(roles)):
        check(
            role.source_kind,
            f"tần suất tiếp công dân tối thiểu của {role.label}",
            role.source,
            RULES_FILE,
        )
    return found


def main(argv: Sequence[str] | None = None, root: Path | None = None) -> int:
    """``python scripts/compliance.py [--json tệp.json]``: print the report; 1 only when the
    data has errors (nothing can be built), never for findings."""
    from .dates import DateFormatError, as_of
    from .problems import DataError
    from .site import build_site

    parser = argparse.ArgumentParser(
        prog="compliance",
        description="In báo cáo tuân thủ Luật Tiếp cận thông tin và Luật Tiếp công dân, tính "
        "đến ngày CONGKHAI_AS_OF (mặc định: hôm nay). (Print the compliance report.)",
    )
    parser.add_argument(
        "--json",
        metavar="TỆP",
        type=Path,
        help="ghi báo cáo dạng JSON vào tệp này (also write the report as JSON)",
    )
    parser.add_argument(
        "--du-an",
        metavar="THƯ_MỤC",
        type=Path,
        help="thư mục dự án (có mkdocs.yml); mặc định: thư mục hiện tại nếu có mkdocs.yml "
        "(the project folder; default: the current folder when it holds mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    project = args.du_an or (Path.cwd() if (Path.cwd() / "mkdocs.yml").is_file() else root)
    try:
        plan = build_site(project or Path.cwd(), as_of())
    except (DataError, DateFormatError) as exc:
        print(exc, file=sys.stderr)
        return 1
    assert plan.compliance is not None
    print("\n".join(plan.compliance.lines()))
    if args.json:
        args.json.write_bytes(plan.compliance.to_json())
    return 0
