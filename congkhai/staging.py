"""Xuất bản nguyên vẹn (atomic publication): build beside the published folder, then swap.

MkDocs empties ``site_dir`` before writing; an interrupted or refused build would leave the
public folder empty or half written. The runner writes into :func:`staging_dir` instead, and
:func:`swap` puts the finished folder in place with two renames on the same file system.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
from pathlib import Path

_numbers = itertools.count()


def staging_dir(final: Path) -> Path:
    """The folder a build writes into, emptied of any earlier unfinished build."""
    staging = final.with_name(final.name + ".dang-dung")
    shutil.rmtree(staging, ignore_errors=True)
    return staging


def swap(built: Path, final: Path, *, background: bool = False) -> None:
    """Replace ``final`` by ``built``; the old site stays whole until the first rename.
    ``background`` (while serving) removes the old folder in a thread: the new site is in
    place already and the next preview need not wait for 10,000 files to be unlinked."""
    for left in final.parent.glob(final.name + ".cu*"):  # earlier runs' leftovers
        shutil.rmtree(left, ignore_errors=True)
    old = final.with_name(f"{final.name}.cu-{os.getpid()}-{next(_numbers)}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    if background:
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
    else:
        shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)
