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

import csv
import dataclasses
import functools
import io
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import memo, privacy
from .datasets import documents as documents_ds
from .datasets.relations import FILE as RELATIONS_FILE
from .memo import digest
from .problems import DataError, Problem, Problems, Severity
from .sanitize import sanitize_html

if TYPE_CHECKING:
    from .registry import Registry
    from .site import PlannedPage, SitePlan

#: attachments live here; a file in it that no published record names is not published
ATTACHMENTS = "tep/"
#: full texts are rendered inside their document's page
FULL_TEXTS = "toan-van/"


class OutsideRepository(ValueError):
    """A path that leaves the repository (``..``, absolute, or a symlink pointing out)."""


@functools.lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    """The repository's real path (``folder`` absolute), resolved once, not once per file
    it holds."""
    return os.path.realpath(folder)


def resolve_inside(base: Path, relpath: str, root: Path | None = None) -> Path:
    """``base/relpath`` resolved, refusing anything that ends up outside ``root`` (default:
    the parent of ``base``, the repository): ``..``, absolute paths and symlinks out."""
    return Path(_resolve_inside(base, relpath, root))


def _resolve_inside(base: Path, relpath: str, root: Path | None) -> str:
    """:func:`resolve_inside` as a string. Strings, not ``pathlib`` objects: this runs for
    every file of ``docs/`` and every path a record names (tens of thousands a build), and
    ``Path.resolve`` costs twice ``os.path.realpath``, which it calls."""
    # what PurePosixPath(relpath) calls absolute, or holding a ".." part
    if relpath.startswith("/") or ".." in relpath.split("/"):
        raise OutsideRepository(relpath)
    top = _real_folder(os.path.abspath(root or base.parent))
    real = os.path.realpath(os.path.join(base, relpath))
    # inside: the folder itself or below it ("/repo-other" is not inside "/repo")
    if real != top and not real.startswith(top.rstrip("/") + "/"):
        raise OutsideRepository(relpath)
    return real


def check_paths(registry: Registry, docs_dir: Path, problems: Problems) -> None:
    """Every file a document names resolves inside the repository (no symlink out)."""
    for doc in registry.documents.values():
        for column, paths in (("files", doc.files), ("body", (doc.body,) if doc.body else ())):
            for path in paths:
                try:
                    _resolve_inside(docs_dir, path, registry.root)
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


#: files MkDocs would copy as they are: markup a browser runs, never sanitised; only the
#: theme's own assets (``docs/assets/``, reviewed code) may be such files
RAW_MARKUP = frozenset({".html", ".htm", ".xhtml", ".svg", ".js", ".mjs", ".xml", ".xsl"})
ASSETS = "assets/"


def check_docs_file(docs_dir: Path, path: str, root: Path, problems: Problems) -> None:
    """A file of ``docs/`` may be published only if it is what it seems: inside the
    repository (no symlink out, the folders included) and not raw markup."""
    file = f"docs/{path}"
    try:
        _resolve_inside(docs_dir, path, root)
    except OutsideRepository:
        problems.add(
            Problem(
                file,
                None,
                None,
                "tệp (hoặc thư mục chứa nó) là liên kết trỏ ra ngoài kho dữ liệu; xóa liên kết "
                "(a symlink leading outside the repository: remove it)",
            )
        )
        return
    if PurePosixPath(path).suffix.lower() in RAW_MARKUP and not path.startswith(ASSETS):
        problems.add(
            Problem(
                file,
                None,
                None,
                "tệp HTML, SVG hoặc JavaScript không được đăng nguyên dạng (mã trong đó sẽ chạy "
                "trên trình duyệt người xem); hãy viết trang bằng Markdown hoặc đính kèm dạng PDF "
                "(raw markup or script files are not published as they are)",
            )
        )


def admit_files(registry: Registry, docs_dir: Path, files: Iterable[str]) -> frozenset[str]:
    """Check every path records name (raise ``DataError``), then return the files of
    ``docs/`` that must not be copied to the site in this build. Adds a warning to the
    data-quality report for each attachment no record names."""
    problems = Problems()
    check_paths(registry, docs_dir, problems)
    for path in files:
        check_docs_file(docs_dir, path, registry.root, problems)
    if problems.errors:
        raise DataError(problems)
    every = registry.documents.values()
    named_public = {
        _norm(p) for d in registry.published_documents() for p in (*d.files, d.body) if p
    }
    named_any = {_norm(p) for d in every for p in (*d.files, d.body) if p}
    full_texts = {_norm(d.body) for d in every if d.body}
    excluded = set()
    for path in files:
        named_elsewhere_only = path in named_any and path not in named_public
        full_text = path.startswith(FULL_TEXTS) or path in full_texts
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


def _norm(relpath: str) -> str:
    """``./tep//a.pdf`` and ``tep/a.pdf`` name the same file."""
    return PurePosixPath(relpath).as_posix()


def public_problems(registry: Registry) -> Problems:
    """The data-quality report as the public may read it: problems on the row of a document
    that is not public (or a relation touching one) name it, so they stay in the build log
    for staff and out of the published report."""
    hidden = {d.id for d in registry.documents.values() if not registry.is_published(d)}
    rows = {(documents_ds.FILE, d.line) for d in registry.documents.values() if d.id in hidden}
    rows |= {
        (RELATIONS_FILE, r.line)
        for r in registry.relations
        if r.source in hidden or r.target in hidden
    }
    return Problems([p for p in registry.problems.items if (p.file, p.line) not in rows])


def sanitize(html_text: str) -> str:
    """Staff Markdown after rendering: only safe tags, attributes and URL schemes."""
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


#: values that hold no string (most fields that are not text)
_ATOMS = frozenset({bool, int, float})
#: a class's dataclass fields as (name, ends in ``_html``); None: not a dataclass
_FIELDS: dict[type, tuple[tuple[str, bool], ...] | None] = {}


def _texts(value: Any, plain: list[str], markup: list[str]) -> None:
    """The strings :func:`_strings` yields, without their paths, sorted by how the page
    check reads them: ``markup`` those whose path ends in ``_html``, ``plain`` the others."""
    cls = type(value)
    if cls in _FIELDS:
        fields = _FIELDS[cls]
    else:
        is_instance = dataclasses.is_dataclass(value) and not isinstance(value, type)
        fields = _FIELDS[cls] = (
            tuple((f.name, f.name.endswith("_html")) for f in dataclasses.fields(value))
            if is_instance
            else None
        )
    if fields is not None:
        for name, html in fields:
            item = getattr(value, name)
            if isinstance(item, str):
                (markup if html else plain).append(item)
            elif item is not None and type(item) not in _ATOMS:
                _texts(item, plain, markup)
    elif isinstance(value, tuple | list):
        for item in value:  # an item's path ends in "]": never markup
            if isinstance(item, str):
                plain.append(item)
            elif item is not None:
                _texts(item, plain, markup)
    elif isinstance(value, dict):
        for k, item in value.items():
            if isinstance(item, str):
                (markup if f"{k}".endswith("_html") else plain).append(item)
            elif item is not None:
                _texts(item, plain, markup)


def allow_list(registry: Registry) -> privacy.AllowList:
    """The office's own contact values and ``privacy_allow`` of ``data/site.yaml``."""
    site = registry.site
    return privacy.AllowList.of(
        [*privacy.office_values(site), *(a.value for a in site.privacy_allow)]
    )


def _line_in(root: Path, file: str, value: str) -> int | None:
    """Line of ``file`` where ``value`` is written (for texts loaded without line numbers)."""
    try:
        text = (root / file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    at = text.find(value)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


#: attachments read as text by the privacy guard (PDF and office files are not read)
TEXT_ATTACHMENTS = frozenset({".txt", ".csv", ".md", ".json", ".tsv", ".ics"})


def _public_records(registry: Registry) -> Iterator[tuple[Any, str, int | None]]:
    """Every record the site publishes, with its data file and line."""
    site = registry.site
    for section in (site.agency, site.focal_point, site.responsible, site.one_stop):
        yield section, "data/site.yaml", None
    for doc in registry.published_documents():
        yield doc, documents_ds.FILE, doc.line
    for org in registry.organizations.values():
        yield org, "data/organizations.csv", org.line
    for person in registry.people.values():
        yield person, "data/people.csv", person.line
    for session in registry.schedule.sessions:
        yield session, session.file, session.line
    for meeting in registry.dialogues.meetings.values():
        yield meeting, "data/meetings.csv", meeting.line
    for item in registry.dialogues.items:
        yield item, "data/dialogue_items.csv", item.line
    for notice in registry.published_notices():
        yield notice, notice.file, None
    if registry.office is not None:
        yield registry.office.info, "data/co-cau-to-chuc.yaml", None
    for procedure in registry.procedures:
        yield procedure, "data/thu-tuc-hanh-chinh.csv", procedure.line
    for record in registry.plans.values():
        yield record.plan, record.file, None
        for task in record.tasks:
            yield task, record.file, None


def _fields(record: Any) -> Iterator[tuple[str, str]]:
    """(field name, text) of a record's text fields, lists of text included."""
    names = (
        [f.name for f in dataclasses.fields(record)]
        if dataclasses.is_dataclass(record)
        else list(type(record).model_fields)
    )
    for name in names:
        value = getattr(record, name)
        if isinstance(value, str):
            yield name, value
        elif isinstance(value, tuple | list):
            yield from ((name, v) for v in value if isinstance(v, str))


def _find_in_file(name: str, text: str, allow: privacy.AllowList) -> list[privacy.Finding]:
    """A published file's findings; a CSV is read cell by cell (a comma between two numbers
    is a separator there, not the thousands separator the privacy rules take it for)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".csv", ".tsv"):
        rows = csv.reader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        return privacy.find_personal_data("\n".join(c for row in rows for c in row), allow)
    return privacy.find_in_output(name, text, allow)


Finder = Callable[[str, privacy.AllowList], list[privacy.Finding]]


class _Clean:
    """Texts (or digests of long ones) a finder found nothing in, under one allow-list: this
    build's, and the last build's (``mkdocs serve`` checks the whole plan after each edit,
    and nearly every text is the same as before). A finding depends only on the finder, the
    allow-list and the text, so a text found clean stays clean; a text with findings is
    never kept, and is scanned (and reported) again."""

    def __init__(self) -> None:
        self._allow: frozenset[str] | None = None
        self._sets: dict[str, tuple[set[Any], set[Any]]] = {}  # kind -> (now, before)

    def begin(self, allow: privacy.AllowList) -> None:
        same = allow.keys == self._allow and memo.keeping()
        self._allow = allow.keys
        self._sets = {k: (set(), now if same else set()) for k, (now, _) in self._sets.items()}

    def _pair(self, kind: str) -> tuple[set[Any], set[Any]]:
        return self._sets.setdefault(kind, (set(), set()))

    def known(self, kind: str, key: Any) -> bool:
        now, before = self._pair(kind)
        if key in now:
            return True
        if key in before:
            now.add(key)
            return True
        return False

    def add(self, kind: str, key: Any) -> None:
        self._pair(kind)[0].add(key)

    def all_clean(self, finder: Finder, texts: list[str], allow: privacy.AllowList) -> bool:
        """No finding by ``finder`` in any of ``texts``."""
        now, before = self._pair(finder.__name__)
        todo = set(texts) - now
        if not todo:
            return True
        carried = todo & before
        now |= carried
        for text in todo - carried:
            if finder(text, allow):
                return False
            now.add(text)
        return True


_CLEAN = _Clean()
#: texts longer than this are known by their digest (a full text is kept by the plan only)
_LONG = 2000


def _scan(text: str, allow: privacy.AllowList, *, file: str = "") -> list[privacy.Finding]:
    """:func:`privacy.find_personal_data` of ``text`` (``file``: :func:`_find_in_file` of
    the published file of that name), or nothing when the text is known clean."""
    kind = "file" if file else "plain"
    key: Any = digest(file, text) if file or len(text) > _LONG else text
    if _CLEAN.known(kind, key):
        return []
    found = _find_in_file(file, text, allow) if file else privacy.find_personal_data(text, allow)
    if not found:
        _CLEAN.add(kind, key)
    return found


#: what the page check found on one page: (finding, file it is reported under, where)
PageFindings = list[tuple[privacy.Finding, str, str]]


class PrivacyNet:
    """Personal data in anything the plan publishes is an error naming its source.

    :meth:`records` first: every public record's text fields, full texts and hand-written
    pages, so that a finding names the data file, line and column; then, as a net,
    :meth:`page` of every page context and :meth:`files` of every data file of the plan
    (exports, feeds, calendars, search index), reporting what the first pass could not
    attribute. A value is reported once, where it is first found in that order. The page
    check is a pure function of the page: a cold build runs it in the worker that renders
    the page and gives the findings back (:meth:`report_page`), in the plan's page order.
    """

    def __init__(self, plan: SitePlan, problems: Problems) -> None:
        self.plan, self.problems = plan, problems
        self.allow = allow_list(plan.registry)
        self._seen: set[str] = set()
        _CLEAN.begin(self.allow)

    def _report(
        self,
        found: list[privacy.Finding],
        file: str,
        line: int | None,
        column: str | None,
        where: str = "",
    ) -> None:
        for finding in found:
            if finding.value in self._seen:
                continue
            self._seen.add(finding.value)
            at = line if line is not None else _line_in(self.plan.root, file, finding.value)
            self.problems.add(Problem(file, at, column, finding.message() + where))

    def records(self) -> None:
        plan, allow = self.plan, self.allow
        for record, file, line in _public_records(plan.registry):
            for name, text in _fields(record):
                found = _scan(text, allow)
                whole = name == "body"  # a full text: its line is looked up
                self._report(found, file, None if whole else line, None if whole else name)
        for body, text in plan.bodies.items():
            self._report(_scan(text, allow), f"docs/{body}", None, None)
        for written in plan.written:  # as written: front matter and link targets too
            self._report(_scan(written.source, allow), f"docs/{written.src}", None, None)
        for doc in plan.registry.published_documents():  # attachments that are text
            for path in doc.files:
                if PurePosixPath(path).suffix.lower() in TEXT_ATTACHMENTS:
                    raw = resolve_inside(plan.docs_dir, path, plan.root).read_bytes()
                    text = raw.decode("utf-8-sig", errors="replace")
                    self._report(_scan(text, allow, file=path), f"docs/{path}", None, None)

    def page(self, page: PlannedPage, digest: bytes | None = None) -> PageFindings:
        """What the net finds in one page's context (nothing reported yet). ``digest``: the
        page's (``rendercache.page_digest``); while serving, a page found clean by the
        last build under the same allow-list is not walked again.

        The same strings recur on thousands of pages (names, labels, links): each is
        scanned once, and a page whose strings are all clean is passed. Only a page where
        one of its strings has a finding is walked field by field, to name where it is."""
        if digest is not None and _CLEAN.known("page", digest):
            return []
        found = self._page(page)
        if not found and digest is not None:
            _CLEAN.add("page", digest)
        return found

    def _page(self, page: PlannedPage) -> PageFindings:
        allow = self.allow
        plain: list[str] = []
        markup: list[str] = []
        _texts(page.context, plain, markup)
        plain_finder, markup_finder = privacy.find_personal_data, privacy.find_in_markup
        if _CLEAN.all_clean(plain_finder, plain, allow) and _CLEAN.all_clean(
            markup_finder, markup, allow
        ):
            return []
        strings = list(_strings(page.context, ""))
        # One pass over the page's text (tags included: a mailto: target is text too)
        if not privacy.find_in_markup("\n".join(text for _, text in strings), allow):
            return []
        source = page.provenance.file if page.provenance else documents_ds.FILE
        out: PageFindings = []
        for path, text in strings:
            finder = markup_finder if path.endswith("_html") else plain_finder
            out += [(f, source, f" (trang /{page.url}, {path})") for f in finder(text, allow)]
        return out

    def report_page(self, found: PageFindings) -> None:
        for finding, source, where in found:
            self._report([finding], source, None, None, where)

    def file(self, path: str, content: bytes) -> list[privacy.Finding]:
        """What the net finds in one published data file (nothing reported yet)."""
        text = content.decode("utf-8-sig", errors="replace")
        return _scan(text, self.allow, file=path)

    def report_files(self, found: Iterable[tuple[str, list[privacy.Finding]]]) -> None:
        for path, findings in found:
            self._report(findings, path, None, None)

    def files(self) -> list[tuple[str, list[privacy.Finding]]]:
        """What the net finds in each of the plan's data files: (path, findings)."""
        return [(data.path, self.file(data.path, data.content)) for data in self.plan.files]

    def report(
        self,
        pages: Iterable[PageFindings],
        files: Iterable[tuple[str, list[privacy.Finding]]] | None = None,
        later: Iterable[tuple[str, list[privacy.Finding]]] = (),
    ) -> None:
        """Reports the findings of every page, in the plan's order, then those of the data
        files (:meth:`files`, computed now unless given), then ``later``: (path, findings)
        of files written after planning (the search index of a deferred plan)."""
        for found in pages:
            self.report_page(found)
        self.report_files(self.files() if files is None else files)
        self.report_files(later)

    def finish(
        self,
        pages: Iterable[PageFindings],
        files: Iterable[tuple[str, list[privacy.Finding]]] | None = None,
        later: Iterable[tuple[str, list[privacy.Finding]]] = (),
    ) -> None:
        """:meth:`report`, then raises ``DataError`` when anything was found."""
        self.report(pages, files, later)
        if self.problems.errors:
            raise DataError(self.problems)


def check_privacy(plan: SitePlan, problems: Problems) -> None:
    """:class:`PrivacyNet` over the whole plan (every page materialised)."""
    net = PrivacyNet(plan, problems)
    net.records()
    net.report(net.page(page.materialize()) for page in plan.pages)


def check(plan: SitePlan, *, whole: bool = True) -> PrivacyNet | None:
    """Refuse the plan (raise ``DataError``) when it would publish what it must not.
    ``whole=False``: only :meth:`PrivacyNet.records`; the net is returned, for the caller
    to check each page and the data files with it (:meth:`PrivacyNet.finish`) before it
    publishes anything."""
    problems = Problems()
    if whole:
        check_privacy(plan, problems)
        net = None
    else:
        net = PrivacyNet(plan, problems)
        net.records()
    if problems.errors:
        raise DataError(problems)
    return net
