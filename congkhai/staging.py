"""Xuất bản nguyên vẹn (atomic publication): build beside the published folder, then swap.

MkDocs empties ``site_dir`` before writing; an interrupted or refused build would leave the
public folder empty or half written. The runner writes into :func:`staging_dir` instead, and
:func:`swap` puts the finished folder in place with two renames on the same file system.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_dir(final: Path) -> Path:
    """The folder a build writes into, emptied of any earlier unfinished build."""
    staging = final.with_name(final.name + ".dang-dung")
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def swap(built: Path, final: Path) -> None:
    """Replace ``final`` by ``built``; the old site stays whole until the first rename."""
    old = final.with_name(final.name + ".cu")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    built.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)
