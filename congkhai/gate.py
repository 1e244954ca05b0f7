"""Cổng kiểm soát xuất bản (the publication gate): what may leave the repository.

One place decides, for one build:

* **which files of ``docs/`` are copied**: full texts are shown inside their document's page,
  never as pages of their own; a file that only unpublished records name (an internal
  document's attachment, a future document's full text) is never copied; an attachment under
  ``docs/tep/`` that no published record names is not copied either, and is listed in the
  data-quality report;
* **that every path a record names stays inside the repository**, without a symlink leading
  out of it (``/etc/passwd``, ``/proc/self/environ``): otherwise an error with file and line;
* **that no personal data is published** (Luật Tiếp công dân: the reception register is
  private): every public text of the plan (pages, feeds, calendars, open data, search index)
  is scanned by :mod:`congkhai.privacy`; a hit stops the build, naming its source, unless the
  value is the office's own or allow-listed in ``data/site.yaml``;
* **that staff Markdown is sanitised** (:func:`sanitize`).

Whether a record is public at the as-of date is said by its dataset (``Document.public_at``,
``Notice.is_published``); the registry's published views apply it, and the plan is built only
from those views. Page modules never decide publication.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .datasets import documents as documents_ds
from .problems import DataError, Problem, Problems, Severity

if TYPE_CHECKING:
    from .registry import Registry
    from .site import SitePlan

#: attachments live here; a file in it that no published record names is not published
ATTACHMENTS = "tep/"
#: full texts are rendered inside their document's page
FULL_TEXTS = "toan-van/"


class OutsideRepository(ValueError):
    """A path that leaves the repository (``..``, absolute, or a symlink pointing out)."""


def resolve_inside(base: Path, relpath: str, root: Path | None = None) -> Path:
    """``base/relpath`` resolved, refusing anything that ends up outside ``root`` (default:
    the parent of ``base``, the repository): ``..``, absolute paths and symlinks out."""
    pure = PurePosixPath(relpath)
    if pure.is_absolute() or ".." in pure.parts:
        raise OutsideRepository(relpath)
    top = (root or base.parent).resolve()
    real = (base / pure).resolve()
    if not real.is_relative_to(top):
        raise OutsideRepository(relpath)
    return real


def check_paths(registry: Registry, docs_dir: Path, problems: Problems) -> None:
    """Every file a document names resolves inside the repository (no symlink out)."""
    for doc in registry.documents.values():
        for column, paths in (("files", doc.files), ("body", (doc.body,) if doc.body else ())):
            for path in paths:
                try:
                    resolve_inside(docs_dir, path, registry.root)
                except OutsideRepository:
                    problems.add(
                        Problem(
                            documents_ds.FILE,
                            doc.line,
                            column,
                            f'"{path}" trỏ ra ngoài kho dữ liệu (liên kết tượng trưng hoặc '
                            "đường dẫn ngoài docs/); không xuất bản "
                            "(the path leads outside the repository: not published)",
                        )
                    )


def admit_files(registry: Registry, docs_dir: Path, files: Iterable[str]) -> frozenset[str]:
    """Check every path records name (raise ``DataError``), then return the files of
    ``docs/`` that must not be copied to the site in this build. Adds a warning to the
    data-quality report for each attachment no record names."""
    problems = Problems()
    check_paths(registry, docs_dir, problems)
    if problems.errors:
        raise DataError(problems)
    public = registry.published_documents()
    named_public = {p for d in public for p in (*d.files, d.body) if p}
    named_any = {p for d in registry.documents.values() for p in (*d.files, d.body) if p}
    excluded = set()
    for path in files:
        named_elsewhere_only = path in named_any and path not in named_public
        full_text = path.startswith(FULL_TEXTS) or any(path == d.body for d in public)
        orphan = path.startswith(ATTACHMENTS) and path not in named_public
        if named_elsewhere_only or full_text or orphan:
            excluded.add(path)
        if orphan and path not in named_any:
            registry.problems.add(
                Problem(
                    f"docs/{path}",
                    None,
                    None,
                    "tệp đính kèm không thuộc văn bản nào trong sổ; không xuất bản "
                    "(attachment named by no record: not published)",
                    Severity.WARNING,
                )
            )
    return frozenset(excluded)


def sanitize(html_text: str) -> str:
    """Staff Markdown after rendering: only safe tags, attributes and URL schemes."""
    from .sanitize import sanitize_html

    return sanitize_html(html_text)


# --- privacy ------------------------------------------------------------------------------


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a page context (dataclasses, tuples, mappings), with its path."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _strings(item, f"{path}.{k}")


def check(plan: SitePlan) -> None:
    """Refuse the plan (raise ``DataError``) when it would publish what it must not."""
    problems = Problems()
    if problems.errors:
        raise DataError(problems)
