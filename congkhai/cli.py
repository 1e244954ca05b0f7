"""``congkhai``: công cụ dòng lệnh cho cán bộ (the staff command line).

Every command works on every dataset of :data:`congkhai.datasets.DATASETS` through the
descriptors (:mod:`congkhai.staff`); messages are Vietnamese with an English gloss, and a
failure is a message and an exit code, never a traceback.

Other code calls :func:`check_project` (problems of a project) and :func:`validate_main` (the plain-text
report ``scripts/validate.py`` prints); ``congkhai bao-cao`` is ``congkhai.compliance.main``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.table import Table

from . import staff
from .csvfile import CsvFile, append_row
from .datasets.refs import references_of
from .dates import DateFormatError, as_of, parse_date
from .ids import slugify
from .problems import SEVERITY_LABELS, DataError, Problem, Severity, column_letter, report_key

app = typer.Typer(
    help="Công cụ của cổng công khai thông tin: kiểm tra, xem, dựng, nhập liệu.\n\n"
    "(congkhai: check, preview, build and edit the portal's data.)",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
excel_app = typer.Typer(help="Xuất, nhập Excel (.xlsx). (Excel export and import.)")
tep_app = typer.Typer(help="Tệp đính kèm của văn bản. (Document attachments.)")
app.add_typer(excel_app, name="excel")
app.add_typer(tep_app, name="tep")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--du-an",
        help="Thư mục dự án (có mkdocs.yml); mặc định: thư mục hiện tại.\n\n"
        "(The project folder; default: the current folder.)",
        show_default=False,
    ),
]
ATTACHMENTS = "tep"  # docs/tep/: where gate.ATTACHMENTS files live
SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.MISSING: "cyan",
    Severity.LEGAL: "magenta",
}


def project_root(given: Path | None) -> Path:
    """The project: ``given``, else the current folder or the nearest one above holding
    ``mkdocs.yml``."""
    if given is not None:
        return given.resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


def _fail(message: str) -> typer.Exit:
    err.print(message, style="red", markup=False, soft_wrap=True)
    return typer.Exit(1)


# --- kiem-tra -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A problem as ``kiem-tra`` shows it: the problem, the cell's value and how to fix it."""

    problem: Problem
    label: str
    value: str
    fix: str

    def as_json(self) -> dict[str, Any]:
        p = self.problem
        return {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "column_letter": column_letter(p.column_index) if p.column_index is not None else None,
            "label": self.label,
            "severity": p.severity.value,
            "severity_label": SEVERITY_LABELS[p.severity],
            "value": self.value,
            "message": p.message,
            "fix": self.fix,
        }


def check_project(root: Path) -> tuple[list[Problem], bool]:
    """Every problem of the project at the as-of date, the build's own checks (gate, links,
    unlinked citations) included, and whether the data can be built. Raises
    :class:`DateFormatError` for a bad ``CONGKHAI_AS_OF``."""
    from .site import build_site

    try:
        plan = build_site(root, as_of())
    except DataError as exc:
        return list(exc.problems.items), False
    return list(plan.registry.problems.items), True


def _findings(root: Path, problems: list[Problem]) -> list[Finding]:
    models = {s.file: s.model for s in staff.csv_files(root)}
    tables: dict[str, dict[int, dict[str, str]]] = {}
    found = []
    for p in sorted(problems, key=report_key):
        model = models.get(p.file)
        value = ""
        if model is not None and p.line and p.column:
            if p.file not in tables:
                try:
                    tables[p.file] = {r.line: r.cells for r in CsvFile.read(root / p.file).rows}
                except (OSError, ValueError):
                    tables[p.file] = {}
            value = tables[p.file].get(p.line, {}).get(p.column, "")
        label = staff.label(model, p.column) if model is not None and p.column else ""
        fix = staff.hint(model, p.column) if model is not None else ""
        found.append(Finding(p, label, value, fix))
    return found


@app.command("kiem-tra")
def kiem_tra(
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="In kết quả dạng JSON cho máy đọc.\n\n(Print the result as JSON.)"
        ),
    ] = False,
    du_an: ProjectOption = None,
) -> None:
    """Kiểm tra mọi bộ dữ liệu, liệt kê mọi vấn đề theo tệp. (Check every dataset.)

    Thoát với mã 0 khi không có lỗi, 1 khi có lỗi (exit 0 without errors, 1 with errors).
    """
    root = project_root(du_an)
    try:
        problems, _ = check_project(root)
    except DateFormatError as exc:
        raise _fail(str(exc)) from None
    findings = _findings(root, problems)
    errors = [f for f in findings if f.problem.severity is Severity.ERROR]
    if as_json:
        payload = {
            "ok": not errors,
            "errors": len(errors),
            "problems": [f.as_json() for f in findings],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(1 if errors else 0)
    _print_findings(findings)
    if errors:
        out.print(
            f"[bold red]Dữ liệu có {len(errors)} lỗi; chưa xuất bản được "
            f"(the data has {len(errors)} error(s): it cannot be published).[/]"
        )
        raise typer.Exit(1)
    out.print(
        f"[bold green]Dữ liệu hợp lệ[/] (data is valid): {len(findings)} cảnh báo, thông tin "
        f"còn thiếu (warnings and missing facts)."
    )


def _print_findings(findings: list[Finding]) -> None:
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.problem.file, []).append(f)
    for file, items in by_file.items():
        table = Table(title=file, title_justify="left", title_style="bold", show_lines=True)
        table.add_column("Dòng\n(line)", justify="right")
        table.add_column("Cột\n(column)")
        table.add_column("Mức độ\n(severity)")
        table.add_column("Giá trị\n(value)")
        table.add_column("Vấn đề và cách sửa\n(problem and fix)")
        for f in items:
            p = f.problem
            where = ""
            if p.column:
                letter = f" ({column_letter(p.column_index)})" if p.column_index is not None else ""
                where = f"{p.column}{letter}" + (f"\n{f.label}" if f.label else "")
            message = p.message + (f"\nCách sửa: {f.fix}" if f.fix else "")
            table.add_row(
                str(p.line or ""),
                where,
                f"[{SEVERITY_STYLE[p.severity]}]{SEVERITY_LABELS[p.severity]}[/]",
                f.value,
                message.replace("[", r"\["),
            )
        out.print(table)


def validate_main(root: Path) -> int:
    """The plain report of ``scripts/validate.py``: the build's error report on stderr (1),
    or the data-quality lines and a summary (0)."""
    from .pages.site_pages import quality_lines
    from .site import build_site

    try:
        registry = build_site(root, as_of()).registry
    except (DataError, DateFormatError) as exc:
        print(exc, file=sys.stderr)
        return 1
    for line in quality_lines(registry.problems):
        print(line)
    published = len(registry.published_documents())
    print(
        f"Dữ liệu hợp lệ: {published}/{len(registry.documents)} văn bản được công khai "
        "(data is valid)."
    )
    return 0


@app.command("bao-cao")
def bao_cao(
    json_file: Annotated[
        Path | None,
        typer.Option(
            "--json",
            help="Ghi báo cáo dạng JSON vào tệp này.\n\n(Also write the report as JSON.)",
            show_default=False,
        ),
    ] = None,
    du_an: ProjectOption = None,
) -> None:
    """Báo cáo tuân thủ và chất lượng dữ liệu. (The compliance and data-quality report.)

    Thoát với mã 1 chỉ khi dữ liệu có lỗi (exit 1 only when the data has errors)."""
    from .compliance import main

    argv = ["--du-an", str(project_root(du_an))]
    argv += ["--json", str(json_file)] if json_file else []
    raise typer.Exit(main(argv))


# --- dung, xem --------------------------------------------------------------------------------


def _env(as_of_text: str | None) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if as_of_text:
        try:
            day = parse_date(as_of_text).to_date()
        except DateFormatError as exc:
            raise _fail(f"--as-of: {exc}") from None
        env["CONGKHAI_AS_OF"] = day.isoformat()
    return env


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Ngày tính (dd/mm/yyyy); mặc định: hôm nay theo giờ Việt Nam.\n\n"
        "(The as-of date; default: today in Vietnam.)",
        show_default=False,
    ),
]


@app.command("dung")
def dung(
    as_of_text: AsOfOption = None,
    thu_muc: Annotated[
        Path,
        typer.Option("--thu-muc", help="Thư mục kết quả.\n\n(Output folder.)"),
    ] = Path("site"),
    du_an: ProjectOption = None,
) -> None:
    """Dựng cổng (mkdocs build --strict). (Build the site.)"""
    root = project_root(du_an)
    env = _env(as_of_text)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"]
    command += ["-d", str(thu_muc)]
    with out.status("Đang dựng cổng… (building the site)", spinner="dots"):
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        err.print(done.stdout + done.stderr, markup=False, highlight=False)
        raise _fail("Dựng cổng không thành công (the build failed).")
    target = thu_muc if thu_muc.is_absolute() else root / thu_muc
    out.print(f"[green]Đã dựng cổng vào {target}[/] (site built).")


@app.command("xem")
def xem(
    as_of_text: AsOfOption = None,
    cong: Annotated[
        str, typer.Option("--dia-chi", help="Địa chỉ phục vụ.\n\n(Address to serve on.)")
    ] = "127.0.0.1:8000",
    du_an: ProjectOption = None,
) -> None:
    """Xem cổng trên máy, tự dựng lại khi sửa data/ hoặc docs/. (Preview with live reload.)"""
    root = project_root(du_an)
    env = _env(as_of_text)
    # mkdocs.yml watches data/ and overrides/; docs/ is watched as the docs folder.
    command = [sys.executable, "-m", "properdocs", "serve", "--strict", "-f", "mkdocs.yml"]
    out.print(f"Xem tại http://{cong}/ ; dừng bằng Ctrl+C (serving; stop with Ctrl+C).")
    try:
        code = subprocess.call([*command, "-a", cong], cwd=root, env=env)
    except KeyboardInterrupt:
        code = 0
    raise typer.Exit(code)


# --- moi -----------------------------------------------------------------------------------


def _parse_pairs(args: list[str]) -> dict[str, str]:
    """``--issuer vpub``, ``--issuer=vpub`` and ``--cot issuer vpub`` as {column: value}."""
    cells: dict[str, str] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("--"):
            raise _fail(f'"{arg}": cần dạng --cột giá-trị (expected --column value)')
        name, eq, value = arg[2:].partition("=")
        if name == "cot" and not eq:
            if i + 2 >= len(args):
                raise _fail("--cot cần tên cột và giá trị (--cot needs a column and a value)")
            name, value, i = args[i + 1], args[i + 2], i + 3
        elif not eq:
            if i + 1 >= len(args):
                raise _fail(f"--{name} thiếu giá trị (missing value)")
            value, i = args[i + 1], i + 2
        else:
            i += 1
        cells[name.replace("-", "_")] = value
    return cells


def _next_id(model: type[BaseModel], cells: dict[str, str], taken: set[str]) -> str:
    """The next free id: ``<ref>-<n>`` when the row names a record its ids extend (a
    dialogue item of a meeting), else the slug of its title or name, made unique."""
    for name, ref in references_of(model):
        value = cells.get(name, "")
        if value and ref.datasets != ("documents",):
            numbers = [
                int(m[1]) for t in taken if (m := re.fullmatch(re.escape(value) + r"-(\d+)", t))
            ]
            if numbers or name == "meeting":
                return f"{value}-{max(numbers, default=0) + 1}"
    for name in ("name", "title", "topic"):
        if cells.get(name):
            base = slugify(cells[name])[:60].strip("-")
            candidate, n = base, 2
            while candidate in taken:
                candidate, n = f"{base}-{n}", n + 1
            return candidate
    return ""


def _problems_of(model: type[BaseModel], cells: dict[str, Any]) -> list[str]:
    try:
        model.model_validate(cells)
    except ValidationError as exc:
        return [
            f'cột "{e["loc"][0] if e["loc"] else ""}" '
            f"({staff.label(model, str(e['loc'][0])) if e['loc'] else ''}): "
            + (
                "thiếu giá trị bắt buộc (missing required value)"
                if e["type"] == "missing"
                else e["msg"]
            )
            for e in exc.errors()
        ]
    return []


def _prompt_missing(
    model: type[BaseModel], cells: dict[str, str], ids: dict[str, list[str]]
) -> None:
    for name in staff.staff_columns(model):
        if name in cells or not staff.is_required(model, name):
            continue
        values = staff.vocabulary(model, name)
        ref = staff.reference(model, name)
        choices = values or (
            sorted({i for d in ref.datasets for i in ids.get(d, [])}) if ref else None
        )
        text = f"{staff.label(model, name)} ({name})"
        if choices:
            import click

            cells[name] = typer.prompt(text, type=click.Choice(choices))
        else:
            cells[name] = typer.prompt(text)


@app.command(
    "moi",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def moi(
    ctx: typer.Context,
    loai: Annotated[
        str,
        typer.Argument(
            help="Loại bản ghi: documents, relations, organizations, people, reception, "
            "meetings, dialogue_items, thong-bao, plans…\n\n(The kind of record.)",
            show_default=False,
        ),
    ],
    hoi: Annotated[
        bool,
        typer.Option(
            "--hoi/--khong-hoi",
            help="Hỏi các cột bắt buộc còn thiếu.\n\n(Prompt for missing required columns.)",
        ),
    ] = False,
    du_an: ProjectOption = None,
) -> None:
    """Thêm một bản ghi: --<cột> giá-trị cho từng cột. (Add one record.)

    Ví dụ (example): congkhai moi documents --number 23/KH-VPUB --type ke-hoach --issuer vpub
    --title "Về ..." --access cong-khai. Mã kế tiếp và ngày hôm nay (giờ Việt Nam) được tự điền;
    bản ghi được kiểm tra trước khi ghi; tệp CSV chỉ được thêm đúng một dòng."""
    root = project_root(du_an)
    sources = staff.record_sources()
    if loai not in sources:
        raise _fail(f'không có loại "{loai}"; chọn một trong: {", ".join(sources)} (unknown kind)')
    _, source = sources[loai]
    model = source.model
    cells = _parse_pairs(list(ctx.args))
    columns = staff.staff_columns(model)
    unknown = [c for c in cells if c not in columns]
    if unknown:
        raise _fail(
            f"cột không có: {', '.join(unknown)}; các cột: {', '.join(columns)} (unknown column)"
        )
    ids = staff.reference_ids(root)
    try:
        today = as_of()
    except DateFormatError as exc:
        raise _fail(str(exc)) from None
    for name in columns:
        if (
            name not in cells
            and staff.is_required(model, name)
            and staff.kind(model, name) == "date"
        ):
            cells[name] = today.strftime("%d/%m/%Y")
    if hoi:
        _prompt_missing(model, cells, ids)
    if source.file.endswith(".csv"):
        _new_csv_record(root, source, model, cells, ids, today.year)
    else:
        _new_file_record(root, source, model, cells)


def _check_refs(
    model: type[BaseModel], cells: dict[str, str], ids: dict[str, list[str]]
) -> list[str]:
    found = []
    for name, ref in references_of(model):
        value = cells.get(name, "")
        known = [d for d in ref.datasets if d in ids]
        if (
            value
            and known
            and staff.kind(model, name) != "list"
            and not any(value in ids[d] for d in known)
        ):
            found.append(
                f'cột "{name}" ({staff.label(model, name)}): không có {ref.noun} mã '
                f'"{value}" (unknown {ref.gloss} id)'
            )
    return found


def _new_csv_record(
    root: Path,
    source: Any,
    model: type[BaseModel],
    cells: dict[str, str],
    ids: dict[str, list[str]],
    year: int,
) -> None:
    if staff.is_pattern(source):
        # data/reception/<năm>.csv: the file of the record's year
        day = cells.get("date", "")
        with contextlib.suppress(DateFormatError):
            year = parse_date(day).year if day else year
        folder, _, pattern = source.file.rpartition("/")
        file = f"{folder}/{re.sub(r'<[^>]*>', str(year), pattern)}"
    else:
        file = source.file
    path = root / file
    if not path.is_file():
        raise _fail(f"{file}: chưa có tệp; tạo tệp với dòng tiêu đề trước (file not found)")
    table = CsvFile.read(path)
    if "id" in model.model_fields and not cells.get("id") and staff.is_required(model, "id"):
        taken = {r.cells.get("id", "") for r in table.rows}
        cells["id"] = _next_id(model, cells, taken)
    missing = [c for c in cells if cells[c] and c not in table.columns]
    if missing:
        raise _fail(
            f"{file}: tệp chưa có cột {', '.join(missing)}; thêm cột vào dòng tiêu đề trước "
            "(the file lacks these columns)"
        )
    # validated as the loader will read the line: every column of the file, empty if not given
    row = {c: "" for c in table.columns if c in model.model_fields} | cells
    problems = _problems_of(model, row) + _check_refs(model, cells, ids)
    if "id" in cells and cells["id"] in {r.cells.get("id") for r in table.rows}:
        problems.append(f'mã "{cells["id"]}" đã có trong {file} (duplicate id)')
    if problems:
        raise _fail(
            f"{file}: chưa ghi gì, bản ghi có lỗi (nothing written):\n  " + "\n  ".join(problems)
        )
    text = append_row(path, cells)
    line = len(path.read_bytes().splitlines())
    out.print(f"[green]Đã thêm vào {file}, dòng {line}[/] (row added):", markup=True)
    out.print(text.rstrip("\r\n"), markup=False, soft_wrap=True)


def _new_file_record(
    root: Path, source: Any, model: type[BaseModel], cells: dict[str, str]
) -> None:
    folder, _, pattern = source.file.rpartition("/")
    record_id = cells.pop("id", "") or slugify(cells.get("title", ""))[:60].strip("-")
    if not record_id:
        raise _fail(
            "cần --id hoặc --title để đặt tên tệp (needs --id or --title for the file name)"
        )
    path = root / folder / pattern.replace("<mã>", record_id)
    file = f"{folder}/{path.name}"
    problems = _problems_of(model, cells)
    if path.exists():
        problems.append(f"{file} đã có (file exists)")
    if problems:
        raise _fail(f"{file}: chưa ghi gì (nothing written):\n  " + "\n  ".join(problems))
    body = cells.pop("body", "")
    front = yaml.safe_dump(cells, allow_unicode=True, sort_keys=False, width=100)
    text = f"---\n{front}---\n{body}\n" if path.suffix == ".md" else front
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    out.print(f"[green]Đã tạo {file}[/] (file created).")


# --- tep ------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _documents(root: Path) -> tuple[Path, CsvFile]:
    from .datasets.documents import FILE

    path = root / FILE
    return path, CsvFile.read(path)


def _doc_id(cells: dict[str, str]) -> str:
    from .ids import document_id
    from .numbers import DocumentNumber, NumberFormatError

    if cells.get("id"):
        return cells["id"]
    try:
        number = DocumentNumber.parse(cells.get("number", ""))
        year = parse_date(cells.get("issued", ""), allow_month=True).year
    except (NumberFormatError, DateFormatError):
        return ""
    return "" if number.is_draft else document_id(number.raw, year)


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()]


@tep_app.command("them")
def tep_them(
    tep: Annotated[Path, typer.Argument(help="Tệp PDF hoặc DOCX.\n\n(The PDF or DOCX file.)")],
    van_ban: Annotated[str, typer.Option("--van-ban", help="Mã văn bản.\n\n(The document's id.)")],
    du_an: ProjectOption = None,
) -> None:
    """Đính kèm tệp vào văn bản: chép vào docs/tep/, ghi kích thước và SHA-256.
    (Attach a file to a document.)"""
    root = project_root(du_an)
    if not tep.is_file():
        raise _fail(f'không thấy tệp "{tep}" (file not found)')
    if tep.suffix.lower() not in {".pdf", ".docx", ".doc", ".odt", ".xlsx"}:
        raise _fail(f'"{tep.name}": chỉ đính kèm PDF, DOCX (only PDF or DOCX files)')
    path, table = _documents(root)
    rows = [r for r in table.records if r.cells and _doc_id(r.cells) == van_ban]
    if not rows:
        raise _fail(f'không có văn bản mã "{van_ban}" trong data/documents.csv (unknown document)')
    record = rows[0]
    # the two columns join the header the first time: no other line changes
    table.add_columns(["files", "files_size", "files_sha256"])
    name = (slugify(tep.stem) or van_ban) + tep.suffix.lower()
    target = root / "docs" / ATTACHMENTS / name
    relpath = f"{ATTACHMENTS}/{name}"
    files = _split(record.cells.get("files", ""))
    if relpath in files:
        raise _fail(f'văn bản "{van_ban}" đã có tệp {relpath} (already attached)')
    if target.exists():
        raise _fail(f"docs/{relpath} đã có; đổi tên tệp rồi thử lại (file exists: rename it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tep, target)
    sizes = _split(record.cells.get("files_size", ""))
    hashes = _split(record.cells.get("files_sha256", ""))
    # one size and one hash per file, in the order of "files"
    sizes += [""] * (len(files) - len(sizes))
    hashes += [""] * (len(files) - len(hashes))
    cells = dict(record.cells)
    cells["files"] = "; ".join([*files, relpath])
    cells["files_size"] = "; ".join([*sizes[: len(files)], str(target.stat().st_size)])
    cells["files_sha256"] = "; ".join([*hashes[: len(files)], _sha256(target)])
    index = table.records.index(record)
    raw = table.format_row(cells, len(record.cells))
    table.records[index] = type(record)(record.line, cells, raw)
    path.write_bytes(table.render().encode("utf-8"))
    out.print(
        f"[green]Đã chép docs/{relpath} và ghi vào data/documents.csv dòng {record.line}[/] "
        "(attached)."
    )


@tep_app.command("kiem-tra")
def tep_kiem_tra(du_an: ProjectOption = None) -> None:
    """Tệp không thuộc văn bản nào; văn bản thiếu tệp hoặc tệp đã bị thay đổi.
    (Orphan attachments, missing or changed files.)"""
    root = project_root(du_an)
    _, table = _documents(root)
    named: set[str] = set()
    lines = []
    for record in table.rows:
        files = _split(record.cells.get("files", ""))
        hashes = _split(record.cells.get("files_sha256", ""))
        for index, rel in enumerate(files):
            named.add(rel)
            path = root / "docs" / rel
            where = f"data/documents.csv:{record.line}"
            if not path.is_file():
                lines.append(f'{where}: không tìm thấy tệp "docs/{rel}" (file missing)')
            elif index < len(hashes) and hashes[index] and _sha256(path) != hashes[index]:
                lines.append(
                    f'{where}: tệp "docs/{rel}" đã bị thay đổi, SHA-256 khác với bản đã ghi '
                    "(file changed since it was recorded)"
                )
    folder = root / "docs" / ATTACHMENTS
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        rel = path.relative_to(root / "docs").as_posix()
        if path.is_file() and rel not in named:
            lines.append(f"docs/{rel}: tệp không thuộc văn bản nào (file named by no record)")
    for line in lines:
        out.print(line, markup=False)
    if lines:
        raise typer.Exit(1)
    out.print("[green]Tệp đính kèm khớp với sổ văn bản[/] (attachments match the register).")


# --- excel ----------------------------------------------------------------------------------


@excel_app.command("xuat")
def excel_xuat(
    tep: Annotated[Path, typer.Argument(help="Tệp .xlsx sẽ ghi.\n\n(The .xlsx to write.)")],
    bo: Annotated[
        str | None,
        typer.Option("--bo", help="Chỉ một bộ dữ liệu.\n\n(One dataset only.)", show_default=False),
    ] = None,
    du_an: ProjectOption = None,
) -> None:
    """Xuất dữ liệu ra Excel, mỗi tệp CSV một trang tính. (Export to Excel.)"""
    from .excel import export_workbook

    try:
        sheets = export_workbook(project_root(du_an), tep, bo)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    out.print(f"[green]Đã xuất {tep}[/] (exported): {', '.join(sheets)}")


@excel_app.command("nhap")
def excel_nhap(
    tep: Annotated[Path, typer.Argument(help="Tệp .xlsx đã sửa.\n\n(The edited .xlsx.)")],
    du_an: ProjectOption = None,
) -> None:
    """Nhập lại tệp Excel vào các tệp CSV; chỉ ghi phần đã sửa. (Import an edited workbook.)"""
    from .excel import import_workbook

    if not tep.is_file():
        raise _fail(f'không thấy tệp "{tep}" (file not found)')
    try:
        result = import_workbook(project_root(du_an), tep)
    except (OSError, ValueError, KeyError) as exc:
        raise _fail(f"{tep}: không đọc được tệp Excel: {exc} (cannot read the workbook)") from None
    if result.problems:
        for problem in result.problems:
            err.print(str(problem), markup=False)
        raise _fail(
            f"Có {len(result.problems)} ô không nhập được; chưa ghi gì "
            "(cells that cannot be imported: nothing written)."
        )
    if not result.changed:
        out.print("Không có thay đổi (nothing changed).")
        return
    out.print(
        f"[green]Đã ghi {', '.join(result.changed)}[/]: {result.rows_changed} dòng sửa, "
        f"{result.rows_added} dòng thêm, {result.rows_removed} dòng xóa "
        "(rows changed, added, removed). Chạy congkhai kiem-tra (now run kiem-tra)."
    )


def main() -> None:
    app()
