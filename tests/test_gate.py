"""The publication gate on real builds: nothing published that must not be.

Each fixture plants one thing in a copy of the shipped project and builds it with the real
CLI (``mkdocs build --strict``), then reads every published file back.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import (
    SEED_AS_OF,
    SHIPPED_DOCUMENTS,
    Build,
    build,
    document_row,
    everything,
    make_project,
    with_documents,
)

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = SHIPPED_DOCUMENTS


def published_paths(result: Build) -> set[str]:
    return {str(p.relative_to(result.site)) for p in result.site.rglob("*") if p.is_file()}


# --- leaks ----------------------------------------------------------------------------------


def test_future_dated_document_appears_nowhere_nor_its_files(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "docs/tep/ke-hoach-tuong-lai.pdf": b"%PDF-1.4 ZZFUTUREFILE",
            "docs/toan-van/ke-hoach-tuong-lai.md": "# ZZFUTUREBODY\n",
        },
    )
    (project / "data" / "documents.csv").write_text(
        with_documents(
            document_row(
                id="ke-hoach-tuong-lai",
                number="97/KH-VPUB",
                issued="15/12/2021",
                title="ZZFUTURETITLE",
                files="tep/ke-hoach-tuong-lai.pdf",
                body="toan-van/ke-hoach-tuong-lai.md",
            )
        ),
        encoding="utf-8",
    )
    early = build(project, tmp_path / "early")  # as of 30/11/2021
    assert early.returncode == 0, early.output
    text = everything(early)
    for needle in ("ZZFUTURETITLE", "ZZFUTUREBODY", "97/KH-VPUB", "ke-hoach-tuong-lai"):
        assert needle not in text, needle
    assert not any("ke-hoach-tuong-lai" in p for p in published_paths(early))
    # on its day it is published, with its attachment and full text
    due = build(project, tmp_path / "due", as_of="2021-12-15")
    assert due.returncode == 0, due.output
    assert "ZZFUTURETITLE" in due.html("van-ban/ke-hoach-tuong-lai/").get_text()
    assert "ZZFUTUREBODY" in due.html("van-ban/ke-hoach-tuong-lai/").get_text()
    assert (due.site / "tep" / "ke-hoach-tuong-lai.pdf").is_file()


def test_internal_document_full_text_outside_toan_van_is_not_a_page(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"docs/khac/noi-bo.md": "# ZZINTERNALBODY\n\nNội bộ.\n"})
    (project / "data" / "documents.csv").write_text(
        with_documents(
            document_row(
                id="noi-bo-1",
                number="96/KH-VPUB",
                issued="10/03/2021",
                title="ZZINTERNALTITLE",
                access="noi-bo",
                body="khac/noi-bo.md",
            )
        ),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "ZZINTERNAL" not in everything(result)
    assert not (result.site / "khac").exists()


def test_attachment_no_record_names_is_not_copied_and_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"docs/tep/du-thao-chua-duyet.pdf": b"%PDF draft"})
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert not (result.site / "tep" / "du-thao-chua-duyet.pdf").exists()
    report = result.html("bao-cao-du-lieu/").get_text(" ")
    assert "docs/tep/du-thao-chua-duyet.pdf" in report
    assert "attachment named by no record" in report


@pytest.mark.parametrize(
    ("column", "target"),
    [
        pytest.param("body", "/etc/passwd", id="full_text_symlink_to_etc_passwd"),
        pytest.param("files", "/proc/self/environ", id="attachment_symlink_to_environ"),
    ],
)
def test_symlink_out_of_the_repository_is_refused(tmp_path: Path, column: str, target: str) -> None:
    project = make_project(tmp_path)
    name = "toan-van/bi-mat.md" if column == "body" else "tep/bi-mat.pdf"
    (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, project / "docs" / name)
    cells = {"body": name} if column == "body" else {"files": name}
    (project / "data" / "documents.csv").write_text(
        with_documents(
            document_row(
                id="lien-ket", number="95/KH-VPUB", issued="01/03/2021", title="T", **cells
            )
        ),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site", CONGKHAI_SECRET="ZZSECRETVALUE")
    assert result.returncode != 0
    line = DOCUMENTS.count("\n") + 1
    assert f'data/documents.csv:{line}: cột "{column}"' in result.output
    assert "the path leads outside the repository" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def _repository_with_links(tmp_path: Path) -> Path:
    """``repo/docs`` holding a file, links inside and out, and a neighbour folder whose
    name starts like the repository's (``repo-ben-canh``: not inside ``repo``)."""
    repo = tmp_path / "repo"
    (repo / "docs" / "tep").mkdir(parents=True)
    (repo / "docs" / "tep" / "a.pdf").write_bytes(b"%PDF")
    (repo / "data").mkdir()
    (repo / "data" / "x.csv").write_text("id\n", encoding="utf-8")
    neighbour = tmp_path / "repo-ben-canh"
    neighbour.mkdir()
    (neighbour / "bi-mat.txt").write_text("BIMAT", encoding="utf-8")
    os.symlink(repo / "docs" / "tep" / "a.pdf", repo / "docs" / "tep" / "ban-sao.pdf")
    os.symlink(repo / "data" / "x.csv", repo / "docs" / "du-lieu.csv")
    os.symlink(tmp_path / "repo-ben-canh", repo / "docs" / "ben-canh")
    os.symlink(tmp_path / "repo-ben-canh" / "bi-mat.txt", repo / "docs" / "tep" / "bi-mat.pdf")
    os.symlink("/etc/passwd", repo / "docs" / "passwd.md")
    return repo


@pytest.mark.parametrize(
    "relpath",
    [
        pytest.param("tep/a.pdf", id="plain_file"),
        pytest.param("./tep//a.pdf", id="dot_and_double_slash"),
        pytest.param("tep/ban-sao.pdf", id="symlink_to_a_file_inside_docs"),
        pytest.param("du-lieu.csv", id="symlink_to_the_repository_outside_docs"),
        pytest.param("tep/chua-co.pdf", id="missing_file"),
        pytest.param("tep/", id="folder"),
    ],
)
def test_resolve_inside_admits_paths_that_stay_in_the_repository(
    tmp_path: Path, relpath: str
) -> None:
    from congkhai import gate

    repo = _repository_with_links(tmp_path)
    # the same path pathlib resolves, as an absolute Path
    assert gate.resolve_inside(repo / "docs", relpath) == (repo / "docs" / relpath).resolve()


@pytest.mark.parametrize(
    "relpath",
    [
        pytest.param("../data/x.csv", id="dot_dot_even_inside"),
        pytest.param("tep/../../data/x.csv", id="dot_dot_in_the_middle"),
        pytest.param("/etc/passwd", id="absolute"),
        pytest.param("//etc/passwd", id="absolute_double_slash"),
        pytest.param("passwd.md", id="symlink_to_etc_passwd"),
        pytest.param("tep/bi-mat.pdf", id="symlink_to_a_neighbour_named_like_the_repository"),
        pytest.param("ben-canh/bi-mat.txt", id="folder_symlink_out"),
    ],
)
def test_resolve_inside_refuses_paths_leading_out(tmp_path: Path, relpath: str) -> None:
    from congkhai import gate

    repo = _repository_with_links(tmp_path)
    with pytest.raises(gate.OutsideRepository):
        gate.resolve_inside(repo / "docs", relpath)


def test_resolve_inside_relative_base_is_read_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A runner may pass ``docs`` relative to the working folder: the repository is
    where that folder is now, not where a previous build in the process ran."""
    from congkhai import gate

    repo = _repository_with_links(tmp_path)
    other = tmp_path / "kho-khac"
    (other / "docs").mkdir(parents=True)
    (other / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert gate.resolve_inside(Path("docs"), "tep/a.pdf") == repo / "docs" / "tep" / "a.pdf"
    monkeypatch.chdir(other)
    assert gate.resolve_inside(Path("docs"), "b.md") == other / "docs" / "b.md"
    with pytest.raises(gate.OutsideRepository):
        gate.resolve_inside(Path("docs"), "b.md", repo)


# --- personal data -----------------------------------------------------------------------

CCCD = "001099012345"
MOBILE = "0912 345 678"


@pytest.mark.parametrize(
    ("files", "where"),
    [
        pytest.param(
            {
                "data/documents.csv": with_documents(
                    document_row(
                        id="pii",
                        number="94/KH-VPUB",
                        issued="01/03/2021",
                        title=f"Trả lời ông A (CCCD {CCCD})",
                    )
                )
            },
            f'data/documents.csv:{DOCUMENTS.count(chr(10)) + 1}: cột "title"',
            id="document_title",
        ),
        pytest.param(
            {
                "data/thong-bao/zz-lien-he.md": "---\ntitle: Liên hệ\ndate: 10/03/2021\n"
                f"category: thong-bao\n---\nGọi bà B: {MOBILE}.\n"
            },
            "data/thong-bao/zz-lien-he.md:6:",
            id="notice_body_markdown",
        ),
        pytest.param(
            {
                "docs/toan-van/bao-cao-doi-thoai-2021.md": (
                    ROOT / "docs/toan-van/bao-cao-doi-thoai-2021.md"
                ).read_text(encoding="utf-8")
                + "\nLiên hệ: nguyen.van.a@gmail.com\n"
            },
            "docs/toan-van/bao-cao-doi-thoai-2021.md:",
            id="full_text_email",
        ),
        pytest.param(
            {
                "data/dialogue_items.csv": (ROOT / "data/dialogue_items.csv")
                .read_text(encoding="utf-8")
                .replace(
                    "Đề nghị bổ sung máy tính", "Ông C (+84912345678) đề nghị bổ sung máy tính"
                )
            },
            'data/dialogue_items.csv:2: cột "issue"',
            id="dialogue_item_phone",
        ),
    ],
)
def test_personal_data_stops_the_build_naming_its_source(
    tmp_path: Path, files: dict[str, str], where: str
) -> None:
    project = make_project(tmp_path)
    for rel, content in files.items():
        (project / rel).write_text(content, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "personal data was published"
    assert where in result.output, result.output
    assert "citizens' personal data must not be published" in result.output
    # the message masks the value: build logs are public too
    for value in (CCCD, "0912345678", MOBILE, "nguyen.van.a@gmail.com"):
        assert value not in result.output
    assert not (tmp_path / "site").exists()


def test_near_misses_and_allowed_values_pass(tmp_path: Path) -> None:
    notice = (
        "---\ntitle: Số liệu\ndate: 10/03/2021\ncategory: thong-bao\n---\n"
        "Theo Nghị định 30/2020/NĐ-CP và Công văn 1037-CV/BDVTU ngày 16/7/2019, tổng dự toán "
        "1.234.567.890.123 đồng; mã ngân sách 123456789012. Đường dây nóng: 0987 654 321.\n"
    )
    site = (ROOT / "data" / "site.yaml").read_text(encoding="utf-8") + (
        "privacy_allow:\n"
        '  - value: "0987 654 321"\n'
        "    reason: Đường dây nóng của bộ phận một cửa\n"
    )
    project = make_project(
        tmp_path, {"data/thong-bao/zz-so-lieu.md": notice, "data/site.yaml": site}
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "0987 654 321" in result.html("thong-bao/zz-so-lieu/").get_text()


def test_copy_without_git_history_says_so_once(tmp_path: Path) -> None:
    project = make_project(tmp_path)  # a plain copy: no .git
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    report = result.html("bao-cao-du-lieu/").get_text(" ")
    assert report.count("no git history") == 1


def test_validate_script_runs_the_gate_with_the_builds_words(tmp_path: Path) -> None:
    """``scripts/validate.py`` refuses what the build refuses, with the same report."""
    import shutil
    import subprocess
    import sys

    notice = (
        f"---\ntitle: Liên hệ\ndate: 10/03/2021\ncategory: thong-bao\n---\nGọi bà B: {MOBILE}.\n"
    )
    project = make_project(tmp_path, {"data/thong-bao/zz-lien-he.md": notice})
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "validate.py", project / "scripts" / "validate.py")
    env = {**os.environ, "CONGKHAI_AS_OF": "2021-11-30"}
    checked = subprocess.run(
        [sys.executable, str(project / "scripts" / "validate.py")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    built = build(project, tmp_path / "site")
    assert checked.returncode == 1 and built.returncode != 0
    report = checked.stderr.strip()
    assert "data/thong-bao/zz-lien-he.md:6:" in report
    assert report in built.output


def test_full_text_saved_as_utf16_is_a_message(tmp_path: Path) -> None:
    """A full text is read like every staff text: Word's "Unicode text" is named, not a
    traceback."""
    body = (ROOT / "docs/toan-van/bao-cao-doi-thoai-2021.md").read_text(encoding="utf-8")
    project = make_project(
        tmp_path, {"docs/toan-van/bao-cao-doi-thoai-2021.md": body.encode("utf-16")}
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/toan-van/bao-cao-doi-thoai-2021.md: tệp không ở mã UTF-8" in result.output
    assert "Traceback" not in result.output


def test_page_context_net_names_the_page_and_field_of_a_number_only_a_page_shows() -> None:
    """The net over page contexts (strings no record holds: labels, rendered Markdown) finds
    a number in one field of one page among the site's hundreds, and names both; a mobile
    written with character references counts in ``_html`` fields (markup) only."""
    from dataclasses import replace

    from congkhai import gate, site
    from congkhai.problems import Problems

    plan = site.build_site(ROOT, dt.date.fromisoformat(SEED_AS_OF))
    clean = Problems()
    gate.check_privacy(plan, clean)
    assert not clean.items
    at = next(i for i, p in enumerate(plan.pages) if p.template == "document.html")
    page = plan.pages[at]
    planted = replace(
        page.context,
        recipients=(*page.context.recipients, "Ông Lò Văn A, ĐT 0912 345 678"),
        body_html="<p>Gọi &#48;987&#32;654&#32;321</p>",
        title=page.context.title + " &#48;934 567 890",  # plain text: not a reference
    )
    pages = list(plan.pages)
    pages[at] = replace(page, context=planted)
    found = Problems()
    gate.check_privacy(replace(plan, pages=tuple(pages)), found)
    messages = [p.message for p in found.items]
    n = len(page.context.recipients)
    assert len(messages) == 2, messages
    assert messages[0].endswith(f"(trang /{page.url}, recipients[{n}])")
    assert "091• ••• 678" in messages[0]
    assert messages[1].endswith(f"(trang /{page.url}, body_html)")
    assert "098• ••• 321" in messages[1]


@pytest.mark.usefixtures("keeping_between_builds")
def test_second_plan_in_one_process_reports_the_same_personal_data(tmp_path: Path) -> None:
    """Texts found clean are not scanned again by the next plan (``mkdocs serve``); a text
    with a finding is, and the next plan is refused with the same messages."""
    from congkhai import site
    from congkhai.problems import DataError

    notice = (
        f"---\ntitle: Liên hệ\ndate: 10/03/2021\ncategory: thong-bao\n---\nGọi bà B: {MOBILE}.\n"
    )
    project = make_project(tmp_path, {"data/thong-bao/zz-lien-he.md": notice})
    as_of = dt.date.fromisoformat(SEED_AS_OF)
    messages = []
    for _ in range(2):
        with pytest.raises(DataError) as refused:
            site.build_site(project, as_of)
        messages.append([str(p) for p in refused.value.problems.items])
    assert messages[0] == messages[1]
    assert any("data/thong-bao/zz-lien-he.md" in m for m in messages[0]), messages[0]
