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
from collections.abc import Set as AbstractSet
from pathlib import Path

_numbers = itertools.count()


def staging_dir(final: Path) -> Path:
    """The folder a build writes into, emptied of any earlier unfinished build. Only its
    owner may read it (mode 0700): a build writes pages there before the gate has checked
    every one (``congkhai/mkdocs_adapter.py``), and a web server that serves the site's
    parent folder must not serve them; :func:`swap` gives it the published folder's mode."""
    staging = final.with_name(final.name + ".dang-dung")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700, parents=True)
    staging.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened: explicit
    return staging


def swap(built: Path, final: Path, *, background: bool = False) -> None:
    """Replace ``final`` by ``built``; the old site stays whole until the first rename.
    ``background`` (while serving) removes the old folder in a thread: the new site is in
    place already and the next preview need not wait for 10,000 files to be unlinked."""
    for left in final.parent.glob(final.name + ".cu*"):  # earlier runs' leftovers
        shutil.rmtree(left, ignore_errors=True)
    old = final.with_name(f"{final.name}.cu-{os.getpid()}-{next(_numbers)}")
    # readable as the published folder was (or as a new folder usually is), not 0700
    built.chmod(final.stat().st_mode & 0o7777 if final.exists() else 0o755)
    if final.exists():
        final.rename(old)
    built.rename(final)
    if background:
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
    else:
        shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)


def merge_into(built: Path, final: Path) -> set[str]:
    """Move every file of ``built`` into ``final``, replacing what is there (each file in one
    rename), then remove ``built``; returns the files' paths relative to ``final``. Used
    while serving, where rebuilding ``final`` whole would rewrite every unchanged page."""
    moved: set[str] = set()
    for folder, _subfolders, names in os.walk(built):
        rel = Path(folder).relative_to(built).as_posix()
        target = final if rel == "." else final / rel
        if names:
            target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), target / name)
            moved.add(name if rel == "." else f"{rel}/{name}")
    shutil.rmtree(built, ignore_errors=True)
    return moved


def remove_stale(final: Path, stale: AbstractSet[str]) -> None:
    """Delete files of ``final`` that the new build no longer has, and folders left empty."""
    for rel in sorted(stale):
        path = final / rel
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != final:
            try:
                parent.rmdir()
            except OSError:  # not empty
                break
            parent = parent.parent


def files_of(folder: Path) -> set[str]:
    return {
        Path(root, name).relative_to(folder).as_posix()
        for root, _subfolders, names in os.walk(folder)
        for name in names
    }
