"""Nguồn gốc (provenance): which data file a page came from and when its record last changed.

Dates come from git, the system staff publish through: ``git blame`` once per data file
gives each line's last commit; ``git log`` once gives each hand-written page's. Both are
deterministic for a given commit. Outside a git checkout (tests in a temporary folder, a
downloaded archive) dates are simply unknown; lines not committed yet have no date either,
so that a build never depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .dates import VN_TZ


@dataclass(frozen=True)
class Provenance:
    """Shown at the foot of every generated page."""

    file: str  # data/documents.csv
    line: int | None
    changed: dt.date | None
    edit_url: str | None
    view_url: str | None


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            check=True,
            text=True,
            encoding="utf-8",
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def _vn_date(epoch: str) -> dt.date:
    return dt.datetime.fromtimestamp(int(epoch), tz=VN_TZ).date()


def history_problem(root: Path) -> str | None:
    """Why provenance dates would be missing or wrong for ``root``, or None when git has the
    whole history: outside a git checkout there are no dates at all; in a shallow clone the
    oldest commit stands in for every older change (and calendar SEQUENCE values move)."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return (
            "không có lịch sử git: các trang không ghi ngày cập nhật; hãy dựng từ một bản sao "
            "git đầy đủ (no git history: pages carry no last-changed dates; build from a full "
            "git clone)"
        )
    if shallow.strip() == "true":
        return (
            "bản sao git nông (shallow clone): ngày cập nhật và số SEQUENCE của lịch có thể sai; "
            "khi triển khai hãy lấy toàn bộ lịch sử (fetch-depth: 0) (shallow clone: last-changed "
            "dates and calendar SEQUENCE values may be wrong; deploy from full history)"
        )
    return None


def line_times(root: Path, relpath: str) -> dict[int, dt.datetime]:
    """Commit time of the last change of each committed line of ``relpath`` (1-based)."""
    out = _git(root, "blame", "--line-porcelain", "--", relpath)
    if not out:
        return {}
    # --line-porcelain repeats the commit headers for every line: "<sha> <orig> <final>"
    # opens a line's block, "committer-time <epoch>" follows within it.
    times: dict[int, dt.datetime] = {}
    current: tuple[str, int] | None = None
    for line in out.splitlines():
        if line.startswith("\t"):
            continue
        parts = line.split(" ")
        if len(parts[0]) == 40 and len(parts) >= 3 and parts[1].isdigit():
            current = (parts[0], int(parts[2]))
        elif current and parts[0] == "committer-time" and set(current[0]) != {"0"}:
            # 000…0 is "not committed yet": no time, so that builds never read the clock.
            times[current[1]] = dt.datetime.fromtimestamp(int(parts[1]), tz=VN_TZ)
    return times


def line_dates(root: Path, relpath: str) -> dict[int, dt.date]:
    """Last-commit date of each committed line of ``relpath``, in Vietnam time."""
    return {line: when.date() for line, when in line_times(root, relpath).items()}


def file_dates(root: Path, under: str = "docs") -> dict[str, dt.date]:
    """Last-commit date of every file below ``under`` (paths relative to ``root``)."""
    out = _git(root, "log", "--format=%x00%ct", "--name-only", "--", under)
    if not out:
        return {}
    dates: dict[str, dt.date] = {}
    when: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            when = _vn_date(line[1:])
        elif line and when and line not in dates:
            dates[line] = when  # log is newest first: the first date seen is the last change
    return dates


@dataclass(frozen=True)
class Repository:
    """Where staff edit the data (a GitHub-style web UI), if configured."""

    url: str  # https://github.com/org/repo
    branch: str = "main"

    def edit(self, relpath: str) -> str:
        return f"{self.url.rstrip('/')}/edit/{self.branch}/{relpath}"

    def view(self, relpath: str, line: int | None) -> str:
        anchor = f"#L{line}" if line else ""
        return f"{self.url.rstrip('/')}/blob/{self.branch}/{relpath}{anchor}"


def provenance(
    relpath: str,
    line: int | None,
    changed: dt.date | None,
    repository: Repository | None,
) -> Provenance:
    return Provenance(
        relpath,
        line,
        changed,
        repository.edit(relpath) if repository else None,
        repository.view(relpath, line) if repository else None,
    )
