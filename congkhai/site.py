"""Sơ đồ cổng (the site plan): every page and data file of the site, computed without MkDocs.

:func:`build_site` is the whole of "data -> site": it loads and validates the data (raising
:class:`~congkhai.problems.DataError`), asks the publication gate what is public, and lists
every generated page (URL, title, template, typed context, provenance, Dublin Core, JSON-LD),
every hand-written page (its text, for search and the privacy guard) and every data file
(open data, feeds, calendars, search index) with its bytes. The gate then checks the whole
plan before a runner writes anything. A runner (``mkdocs_adapter``) only maps the plan to its
own file objects and renders each page's template inside the theme.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

import markdown as md
import yaml

from . import dates, exports, feeds, gate, ids, opendata, search, yearly
from .catalogue import CATALOGUE_COLUMNS, Catalogue, build_catalogue, catalogue_records
from .citing import Citations, prose_of
from .compliance import Report, compliance_report
from .datasets import DATASETS
from .datasets import access as access_ds
from .datasets import catalogue as catalogue_ds
from .datasets import documents as documents_ds
from .datasets import meetings as meetings_ds
from .datasets import notices as notices_ds
from .datasets import office as office_ds
from .datasets import organizations as organizations_ds
from .datasets import outcomes as outcomes_ds
from .datasets import people as people_ds
from .datasets import plans as plans_ds
from .datasets import procedures as procedures_ds
from .datasets import reception as reception_ds
from .datasets import relations as relations_ds
from .datasets import requests as requests_ds
from .datasets import site as site_ds
from .datasets.documents import Document
from .datasets.tables import read_staff_text
from .datasets.yamlfile import parse_yaml
from .memo import Memo, digest
from .pages import access as access_pages
from .pages import catalogue as catalogue_pages
from .pages import dialogues as dialogues_pages
from .pages import documents as documents_pages
from .pages import home, reception, site_pages
from .pages import notices as notices_pages
from .pages import office as office_pages
from .pages import outcomes as outcomes_pages
from .pages import plans as plans_pages
from .pages.common import ProvenanceView, provenance_view
from .pages.documents import RegisterIndex, document_context, listing_context, listing_title
from .problems import DataError, Problem, Problems, Severity
from .provenance import Repository, file_dates, history_problem, line_times, provenance
from .registry import Registry, load_registry
from .sanitize import safe_url
from .schedules import Session
from .structure import StructuredText, structure_text


@dataclass(frozen=True)
class ContactLine:
    """One contact fact of the footer (Thông tư 32/2017): its label, its text, and a
    ``mailto:`` link for an e-mail address."""

    label: str
    text: str
    href: str = ""


@dataclass(frozen=True)
class Chrome:
    """What the theme frame prints on every page (header, footer, head metadata), from
    ``data/site.yaml``: the banner (agency, parent body, optional emblem), the portal footer
    of Thông tư 32/2017 and Dublin Core defaults. The footer shows each contact that is
    given, once, and nothing for the others: ``incomplete`` then says that some are missing
    (one line, linking to ``contacts_page``, which lists them)."""

    agency: str
    parent: str
    #: site path of the emblem (``agency.logo`` in site.yaml, a file of docs/), or ""
    logo: str
    contacts: tuple[ContactLine, ...]
    #: the information focal point (đầu mối cung cấp thông tin) and its contacts, or ""
    focal_point: str
    focal_point_contacts: tuple[ContactLine, ...]
    responsible: str
    #: some contact fact the law expects is not given (site.EXPECTED)
    incomplete: bool
    #: the page listing the office's contacts, missing ones named (None: not published)
    contacts_page: str | None
    as_of: str
    dublin_core: tuple[tuple[str, str], ...]
    #: (label, site path) of the portal's main sections, offered by the "not found" page
    main_links: tuple[tuple[str, str], ...]
    #: site paths the frame links on every page (from ids.py; the theme's ``url`` filter
    #: makes them relative to the page)
    feeds: tuple[tuple[str, str], ...] = (
        ("Thông tin mới", ids.FEED_ALL),
        ("Văn bản mới", ids.FEED_DOCUMENTS),
        ("Thông báo", ids.FEED_NOTICES),
    )
    home: str = ids.HOME
    search: str = ids.SEARCH
    open_data: str = ids.OPEN_DATA
    sitemap: str = ids.SITEMAP_PAGE
    feed_all: str = ids.FEED_ALL


#: Each page template and the documented, frozen dataclass it is rendered from (the
#: docstring of each class says which template; templates only display its fields).
TEMPLATE_CONTEXTS: dict[str, type] = {
    "register.html": documents_pages.ListingContext,
    "document.html": documents_pages.DocumentContext,
    "reception.html": reception.ReceptionContext,
    "reception_month.html": reception.MonthContext,
    "reception_host.html": reception.HostContext,
    "reception_session.html": reception.SessionContext,
    "dialogues.html": dialogues_pages.DialoguesContext,
    "meeting.html": dialogues_pages.MeetingContext,
    "commitments.html": dialogues_pages.CommitmentsContext,
    "notices.html": notices_pages.NoticesContext,
    "notices_archive.html": notices_pages.ArchiveContext,
    "notice.html": notices_pages.NoticeContext,
    "plans.html": plans_pages.PlansContext,
    "plan.html": plans_pages.PlanContext,
    "plan_owner.html": plans_pages.OwnerContext,
    "home.html": home.HomeContext,
    "search.html": site_pages.SearchContext,
    "sitemap.html": home.SitemapContext,
    "open_data.html": site_pages.OpenDataContext,
    "quality.html": site_pages.QualityContext,
    "guide.html": site_pages.GuideContext,
    "guide_dataset.html": site_pages.GuideDatasetContext,
    "catalogue.html": catalogue_pages.CatalogueContext,
    "compliance.html": catalogue_pages.ComplianceContext,
    "access.html": access_pages.AccessContext,
    "access_forms.html": access_pages.AccessFormsContext,
    "organisation.html": office_pages.OrganisationContext,
    "procedures.html": office_pages.ProceduresContext,
    "reception_outcomes.html": outcomes_pages.OutcomesContext,
    "yearly_reports.html": outcomes_pages.YearlyReportsContext,
    "yearly_report.html": outcomes_pages.YearlyReportContext,
}


@dataclass(frozen=True)
class PlannedPage:
    """A page made from data. ``context`` is the frozen dataclass documented beside its
    template in ``congkhai/pages/`` (``DocumentContext`` for ``document.html``…)."""

    url: str
    title: str  # plain text; escaped by whoever prints it
    template: str
    context: Any  # an instance of TEMPLATE_CONTEXTS[template], checked when planned
    #: the provenance line appended under the content; None when the template shows its own
    provenance: ProvenanceView | None
    dublin_core: tuple[tuple[str, str], ...] | None = None
    json_ld: str | None = None
    #: the page's own Atom feeds: the frame links them in the head (``page.meta``
    #: ``congkhai_feeds``) and the runner prints them under the content ("Theo dõi (Atom)")
    feeds: tuple[feeds.FeedLink, ...] = ()

    @property
    def src(self) -> str:
        return ids.page_src(self.url)

    def materialize(self) -> PlannedPage:
        return self


@dataclass(frozen=True)
class DeferredPage:
    """A planned page whose context is computed only when it is rendered: the volume (a
    page per document, the register's listings). A cold build renders these in worker
    processes (``congkhai/mkdocs_adapter.py``), each computing, checking and writing one
    page at a time, so that no process holds every page's context; ``build_site(...,
    defer=False)`` (the default) materialises them all. ``make`` may read anything the
    plan holds once planning is done (citations of every page: "Được trích dẫn tại")."""

    url: str
    title: str
    template: str
    make: Callable[[], PlannedPage]
    feeds: tuple[feeds.FeedLink, ...] = ()

    @property
    def src(self) -> str:
        return ids.page_src(self.url)

    def materialize(self) -> PlannedPage:
        page = self.make()
        return replace(page, feeds=self.feeds) if self.feeds else page


AnyPage = PlannedPage | DeferredPage


@dataclass(frozen=True)
class WrittenPage:
    """A hand-written Markdown page of ``docs/``: rendered by the runner, indexed by us."""

    src: str  # path inside docs/
    url: str
    title: str
    text: str  # plain text of its rendered HTML
    provenance: ProvenanceView
    source: str  # the Markdown as written, front matter and link targets included


@dataclass(frozen=True)
class DataFile:
    path: str  # site-relative
    content: bytes


#: the search index's records, terms and files
SearchStats = tuple[int, int, int]


@dataclass(frozen=True)
class SitePlan:
    """Everything one build publishes. ``excluded``: files of ``docs/`` the runner must not
    copy (full texts, attachments of unpublished records, attachments no record names)."""

    root: Path
    docs_dir: Path
    as_of: dt.date
    site_url: str | None
    registry: Registry
    index: RegisterIndex
    chrome: Chrome
    #: every planned page; :class:`DeferredPage` ones only in a plan made with ``defer=True``
    pages: tuple[AnyPage, ...]
    written: tuple[WrittenPage, ...]
    files: tuple[DataFile, ...]
    excluded: frozenset[str]
    #: full texts of published documents (path in docs/ -> text), as read for their pages
    bodies: dict[str, str] = field(default_factory=dict)
    #: None while the search index is still to be built (``search_records``)
    search_stats: SearchStats | None = None
    #: the catalogue of public information and the compliance report of this build
    catalogue: Catalogue | None = None
    compliance: Report | None = None
    #: ``defer=True``: the gate's net, its first pass done, for the pages and files
    unchecked: gate.PrivacyNet | None = None
    #: ``defer=True``: what the search index is built from (:func:`search_index`), by the
    #: build while it writes the pages (made there: no process holds them for long); its
    #: files are then not in ``files``
    search_records: Callable[[], list[search.SearchRecord]] | None = None


# --- Markdown ------------------------------------------------------------------------------

#: MkDocs adds these before the project's own (``MarkdownExtensions(builtins=…)``)
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
MarkdownConfig = tuple[list[Any], dict[str, dict[str, Any]]]


class _ConfigLoader(yaml.SafeLoader):
    """Reads the project's own ``mkdocs.yml`` as MkDocs does for the parts we need."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    module, _, name = suffix.rpartition(".")
    return getattr(importlib.import_module(module), name)


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def markdown_config(root: Path) -> MarkdownConfig:
    """``markdown_extensions`` of ``root/mkdocs.yml`` as MkDocs passes them to Markdown."""
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    config = yaml.load(text, _ConfigLoader) or {}
    names: list[Any] = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions") or ():
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


#: staff texts as rendered and sanitised, by (configuration, text), kept for the next build
#: (``mkdocs serve`` plans again after each edit): rendering is a pure function of both
RENDERED: Memo[str] = Memo()
#: full texts' structure (``structure_text``, pure), by text, kept for the next build
STRUCTURED: Memo[StructuredText] = Memo()


class MarkdownRenderer:
    """One Markdown parser for the build's staff texts (full texts, notice bodies)."""

    def __init__(self, config: MarkdownConfig) -> None:
        self._md = md.Markdown(extensions=config[0], extension_configs=config[1])
        self._config = repr(config)

    def __call__(self, text: str) -> str:
        return RENDERED.get(digest(self._config, text), lambda: self._render(text))

    def _render(self, text: str) -> str:
        self._md.reset()
        return gate.sanitize(str(self._md.convert(text)))


# --- provenance ----------------------------------------------------------------------------


class Provenances:
    """Git dates of data lines and files, read once per build (no cache outlives it)."""

    def __init__(self, root: Path, repository: Repository | None) -> None:
        self.root = root
        self.repository = repository
        self._lines: dict[str, dict[int, dt.datetime]] = {}
        self._files: dict[str, dt.date] | None = None

    def changed_at(self, relpath: str, line: int | None) -> dt.datetime | None:
        if relpath not in self._lines:
            self._lines[relpath] = line_times(self.root, relpath)
        return self._lines[relpath].get(line) if line else None

    def of_file(self, relpath: str) -> ProvenanceView:
        """A whole file or folder: its latest committed change."""
        if self._files is None:
            self._files = file_dates(self.root, ".")
        prefix = relpath if relpath.endswith("/") else None
        changed = max(
            (
                d
                for p, d in self._files.items()
                if p == relpath or (prefix and p.startswith(prefix))
            ),
            default=None,
        )
        return provenance_view(provenance(relpath, None, changed, self.repository))

    def of_record(self, relpath: str, line: int | None) -> ProvenanceView:
        changed = self.changed_at(relpath, line)
        return provenance_view(
            provenance(relpath, line, changed.date() if changed else None, self.repository)
        )


# --- the plan ------------------------------------------------------------------------------


def _contacts(address: str, phone: str, fax: str, email: str) -> tuple[ContactLine, ...]:
    lines = (
        ContactLine("Địa chỉ", address),
        ContactLine("Điện thoại", phone),
        ContactLine("Fax", fax),
        ContactLine("Thư điện tử", email, f"mailto:{email}" if email else ""),
    )
    return tuple(line for line in lines if line.text)


def chrome_of(registry: Registry) -> Chrome:
    site = registry.site
    agency, focal = site.agency, site.focal_point
    return Chrome(
        agency=agency.name,
        parent=agency.parent,
        logo=agency.logo,
        contacts=_contacts(agency.address, agency.phone, agency.fax, agency.email),
        focal_point=focal.name,
        focal_point_contacts=_contacts(focal.address, focal.phone, focal.fax, focal.email),
        responsible=" ".join(p for p in (site.responsible.title, site.responsible.name) if p),
        incomplete=bool(site_ds.missing(site)),
        contacts_page=ids.ACCESS if registry.access is not None else None,
        as_of=registry.as_of.isoformat(),
        dublin_core=(
            ("DC.publisher", agency.name),
            ("DC.creator", agency.name),
            ("DC.language", "vi"),
            ("DC.date", registry.as_of.isoformat()),
        ),
        main_links=(
            ("Trang chủ", ids.HOME),
            ("Sổ văn bản", ids.REGISTER),
            ("Thông báo", ids.NOTICES),
            ("Lịch tiếp công dân", ids.RECEPTION),
            ("Kế hoạch", ids.PLANS),
            *((("Tiếp cận thông tin", ids.ACCESS),) if registry.access is not None else ()),
            ("Sơ đồ cổng", ids.SITEMAP_PAGE),
        ),
    )


@dataclass
class _Planner:
    """Collects the plan of one build; thrown away when :func:`build_site` returns."""

    registry: Registry
    index: RegisterIndex
    docs_dir: Path
    site_url: str | None
    provenances: Provenances
    render_markdown: MarkdownRenderer
    pages: list[AnyPage] = field(default_factory=list)
    files: list[DataFile] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)
    catalogue: Catalogue | None = None
    compliance: Report | None = None
    citations: Citations | None = None

    def cites(
        self, url: str, label: str, file: str, texts: Iterable[tuple[str | None, int | None, str]]
    ) -> None:
        """The page at ``url`` shows ``texts`` (column, line in ``file``, text): their
        document numbers are resolved, listed as citing on the documents' pages, and the
        unresolved ones reported with file and line (``congkhai/citing.py``)."""
        assert self.citations is not None
        self.citations.add(url, label, file, texts)

    def page(
        self,
        url: str,
        title: str,
        template: str,
        context: Any,
        source: str | tuple[str, int | None] | None,
        *,
        dublin_core: tuple[tuple[str, str], ...] | None = None,
        json_ld: str | None = None,
    ) -> None:
        """``source``: a data file or folder (its latest change), a record (file, line), or
        None when the template prints a record-level provenance itself."""
        self.pages.append(
            self.made(
                url, title, template, context, source, dublin_core=dublin_core, json_ld=json_ld
            )
        )

    def made(
        self,
        url: str,
        title: str,
        template: str,
        context: Any,
        source: str | tuple[str, int | None] | None,
        *,
        dublin_core: tuple[tuple[str, str], ...] | None = None,
        json_ld: str | None = None,
    ) -> PlannedPage:
        """The page :meth:`page` plans, returned rather than added (a deferred page's)."""
        if not isinstance(context, TEMPLATE_CONTEXTS[template]):
            raise TypeError(f"{template} needs {TEMPLATE_CONTEXTS[template].__name__}")
        if isinstance(source, tuple):
            view: ProvenanceView | None = self.provenances.of_record(*source)
        else:
            view = self.provenances.of_file(source) if source is not None else None
        return PlannedPage(url, title, template, context, view, dublin_core, json_ld)

    def deferred(
        self, url: str, title: str, template: str, make: Callable[[], PlannedPage]
    ) -> None:
        """A page whose ``make()`` (by :meth:`made`) runs when it is rendered:
        :class:`DeferredPage`."""
        self.pages.append(DeferredPage(url, title, template, make))

    def data_file(self, path: str, content: bytes) -> None:
        self.files.append(DataFile(path, content))

    def exports(
        self, name: str, records: list[dict[str, Any]], columns: tuple[str, ...], source: str
    ) -> None:
        self.data_file(ids.export_url(name, "csv"), exports.to_csv(records, columns))
        self.data_file(
            ids.export_url(name, "json"),
            exports.to_json(
                records, dataset=name, as_of=self.registry.as_of.isoformat(), source=source
            ),
        )

    def read_body(self, relpath: str) -> str:
        """A full text (path in docs/), read once for its page and for the search index, with
        the same reader as every staff text (a UTF-16 file is a message, not a traceback)."""
        if relpath not in self.bodies:
            problems = Problems()
            path = gate.resolve_inside(self.docs_dir, relpath)
            text = read_staff_text(path, f"docs/{relpath}", problems)
            if text is None:
                raise DataError(problems)
            self.bodies[relpath] = text
        return self.bodies[relpath]

    def file_size(self, relpath: str) -> int:
        return gate.resolve_inside(self.docs_dir, relpath).stat().st_size

    def ics(self, sessions: Iterable[Session], name: str) -> bytes:
        return feeds.calendar_bytes(
            self.registry,
            sessions,
            name=name,
            changed_at=lambda s: self.provenances.changed_at(s.file, s.line),
            site_url=self.site_url,
        )


def _documents(p: _Planner) -> None:
    """Sổ văn bản: the register and its facets, a page per published document, open data.
    Their contexts are made when rendered (:class:`DeferredPage`); what the rest of the plan
    needs of them (citations, the full texts' structure notes) is done here."""
    index = p.index
    # git dates of the register's lines and files, read here once, not in each worker
    p.provenances.changed_at(documents_ds.FILE, None)
    p.provenances.of_file(documents_ds.FILE)
    for facet, value, number in index.listings():
        title = listing_title(index, facet, value)[0]
        title += f" (trang {number})" if number > 1 else ""
        url = ids.register_url(facet, value, number)
        make = partial(_listing_page, p, url, title, facet, value, number)
        p.deferred(url, title, "register.html", make)
    for doc in index.documents:
        url = ids.document_url(doc.id)
        p.cites(url, doc.full_title, documents_ds.FILE, prose_of(doc))
        if doc.body:
            text, file = p.read_body(doc.body), f"docs/{doc.body}"
            p.cites(url, doc.full_title, file, [(None, 1, text)])
            notes = STRUCTURED.get(digest(text), partial(structure_text, text)).notes
            p.registry.problems.extend(
                [Problem(file, n.line, None, n.message, Severity.WARNING) for n in notes]
            )
        p.deferred(url, doc.full_title, "document.html", partial(_document_page, p, doc))
    p.exports(
        "van-ban",
        exports.document_records(index, p.site_url),
        exports.DOCUMENT_COLUMNS,
        documents_ds.FILE,
    )
    p.exports(
        "quan-he-van-ban",
        exports.relation_records(p.registry),
        exports.RELATION_COLUMNS,
        relations_ds.FILE,
    )


def _listing_page(
    p: _Planner, url: str, title: str, facet: str | None, value: str | None, number: int
) -> PlannedPage:
    context = listing_context(p.index, facet, value, number)
    return p.made(url, title, "register.html", context, documents_ds.FILE)


def _document_page(p: _Planner, doc: Document) -> PlannedPage:
    """A document's page, once every page has said what it cites ("Được trích dẫn tại")."""
    assert p.citations is not None
    url = ids.document_url(doc.id)
    body = None
    if doc.body:
        text = p.read_body(doc.body)
        body = STRUCTURED.get(digest(text), partial(structure_text, text))
    ctx = document_context(
        p.index,
        doc,
        render_markdown=p.render_markdown,
        body=body,
        file_size=p.file_size,
        provenance=p.provenances.of_record(documents_ds.FILE, doc.line),
        site_url=p.site_url,
    )
    dublin_core, json_ld = ctx.dublin_core, ctx.json_ld
    citing = tuple(
        documents_pages.CitingPage(c.label, ids.relative(url, c.url))
        for c in p.citations.cited_by(doc)
    )
    if citing:
        ctx = replace(ctx, cited_by=citing)
    return p.made(
        url, doc.full_title, "document.html", ctx, None, dublin_core=dublin_core, json_ld=json_ld
    )


def _schedules(p: _Planner) -> None:
    """Lịch tiếp công dân: front page, months, hosts, sessions, iCalendar feeds, open data."""
    registry, site_url = p.registry, p.site_url
    sessions = registry.schedule.sessions
    p.page(
        ids.RECEPTION,
        "Lịch tiếp công dân",
        "reception.html",
        reception.reception_context(registry, site_url),
        reception_ds.RULES_FILE,
    )
    for year, month in sorted({(s.date.year, s.date.month) for s in sessions}):
        p.page(
            ids.month_url(year, month),
            f"Lịch tiếp công dân tháng {month}/{year}",
            "reception_month.html",
            reception.month_context(registry, year, month),
            "data/reception/",
        )
    for host in sorted({s.host for s in sessions}):
        title = f"Lịch tiếp công dân: {registry.person_label(host)}"
        p.page(
            ids.host_url(host),
            title,
            "reception_host.html",
            reception.host_context(registry, host, site_url),
            "data/reception/",
        )
        p.data_file(ids.host_feed_url(host), p.ics(registry.schedule.of_host(host), title))
    for session in sessions:
        title = reception.session_title(registry, session)
        p.cites(
            ids.session_url(session.id),
            title,
            session.file,
            [("topic", session.line, session.topic), ("note", session.line, session.note)],
        )
        p.page(
            ids.session_url(session.id),
            title,
            "reception_session.html",
            reception.session_context(registry, session),
            (session.file, session.line),
        )
        p.data_file(ids.session_ics_url(session.id), p.ics([session], "Buổi tiếp công dân"))
    p.data_file(
        ids.RECEPTION_FEED,
        p.ics(sessions, f"Lịch tiếp công dân: {registry.site.agency.name}"),
    )
    p.exports(
        "lich-tiep-cong-dan",
        exports.session_records(registry, site_url),
        exports.SESSION_COLUMNS,
        "data/reception/",
    )


def _dialogues(p: _Planner) -> None:
    """Hội nghị đối thoại: overview, a page per meeting, the commitments tracker, open data."""
    registry = p.registry
    p.page(
        ids.DIALOGUES,
        "Hội nghị đối thoại",
        "dialogues.html",
        dialogues_pages.dialogues_context(registry),
        meetings_ds.MEETINGS_FILE,
    )
    p.page(
        ids.COMMITMENTS,
        "Theo dõi thực hiện cam kết",
        "commitments.html",
        dialogues_pages.commitments_context(registry),
        meetings_ds.ITEMS_FILE,
    )
    for meeting in registry.dialogues.meetings.values():
        url = ids.meeting_url(meeting.id)
        p.cites(url, meeting.title, meetings_ds.MEETINGS_FILE, prose_of(meeting))
        for item in registry.dialogues.items_of(meeting.id):
            p.cites(url, meeting.title, meetings_ds.ITEMS_FILE, prose_of(item))
        p.page(
            ids.meeting_url(meeting.id),
            meeting.title,
            "meeting.html",
            dialogues_pages.meeting_context(registry, meeting),
            (meetings_ds.MEETINGS_FILE, meeting.line),
        )
    p.exports(
        "hoi-nghi",
        exports.meeting_records(registry, p.site_url),
        exports.MEETING_COLUMNS,
        meetings_ds.MEETINGS_FILE,
    )
    p.exports(
        "cam-ket",
        exports.commitment_records(registry),
        exports.COMMITMENT_COLUMNS,
        meetings_ds.ITEMS_FILE,
    )
    p.exports(
        "so-lieu-hang-nam",
        exports.total_records(registry),
        exports.TOTAL_COLUMNS,
        meetings_ds.TOTALS_FILE,
    )


def _notices(p: _Planner) -> None:
    """Thông báo: the list (paginated), the archive, a page per published notice. A notice
    dated after the as-of date appears nowhere until that day's build."""
    registry = p.registry
    folder = notices_ds.FOLDER + "/"
    for number in range(1, notices_pages.notice_pages(registry) + 1):
        p.page(
            ids.notices_url(number),
            "Thông báo" + (f" (trang {number})" if number > 1 else ""),
            "notices.html",
            notices_pages.notices_context(registry, number),
            folder,
        )
    p.page(
        ids.NOTICE_ARCHIVE,
        "Thông báo đã hết hạn",
        "notices_archive.html",
        notices_pages.archive_context(registry),
        folder,
    )
    for notice in registry.published_notices():
        p.cites(
            ids.notice_url(notice.id),
            notice.title,
            notice.file,
            prose_of(notice, lines={"body": notice.body_line}),
        )
        p.page(
            ids.notice_url(notice.id),
            notice.title,
            "notice.html",
            notices_pages.notice_context(registry, notice, p.render_markdown),
            notice.file,
        )
    p.exports(
        "thong-bao",
        exports.notice_records(registry, p.site_url),
        exports.NOTICE_COLUMNS,
        folder,
    )


def _plans(p: _Planner) -> None:
    """Kế hoạch: the list, a page per plan, a page per owner unit, open data."""
    registry = p.registry
    folder = plans_ds.FOLDER + "/"
    p.page(ids.PLANS, "Kế hoạch", "plans.html", plans_pages.plans_context(registry), folder)
    for record in registry.plans.values():
        url = ids.plan_url(record.id)
        p.cites(url, record.plan.title, record.file, prose_of(record.plan))
        for task in record.tasks:
            p.cites(url, record.plan.title, record.file, prose_of(task))
        p.page(
            ids.plan_url(record.id),
            record.plan.title,
            "plan.html",
            plans_pages.plan_context(registry, record),
            record.file,
        )
    owners = {t.owner or r.plan.owner for r in registry.plans.values() for t in r.tasks} - {""}
    for org in sorted(owners & set(registry.organizations)):
        p.page(
            ids.owner_url(org),
            f"Nhiệm vụ của {registry.organizations[org].name}",
            "plan_owner.html",
            plans_pages.owner_context(registry, org),
            folder,
        )
    p.exports("ke-hoach", exports.task_records(registry), exports.TASK_COLUMNS, folder)


def _catalogue(p: _Planner) -> None:
    """Danh mục thông tin phải được công khai, from every page planned so far (it comes
    last of the datasets), with its CSV and JSON."""
    registry = p.registry
    assert registry.catalogue is not None
    planned = {page.url for page in p.pages} | {ids.CATALOGUE}
    p.catalogue = build_catalogue(registry, p.index, planned)
    p.page(
        ids.CATALOGUE,
        "Danh mục thông tin phải được công khai",
        "catalogue.html",
        catalogue_pages.catalogue_context(
            p.catalogue, dates.format_short(registry.as_of), p.site_url
        ),
        catalogue_ds.FILE,
    )
    p.exports(
        "danh-muc-thong-tin",
        catalogue_records(p.catalogue, registry.catalogue, p.site_url),
        CATALOGUE_COLUMNS,
        catalogue_ds.FILE,
    )


def _site_pages(p: _Planner) -> None:
    """Trang chủ, search, sơ đồ cổng, the staff pages, and the Atom feeds."""
    registry, index = p.registry, p.index
    p.page(
        ids.HOME,
        registry.site.agency.name,
        "home.html",
        home.home_context(registry, index),
        "data/",
    )
    p.page(
        ids.SEARCH,
        "Tìm kiếm",
        "search.html",
        site_pages.search_context(ids.SEARCH, index),
        "data/",
    )
    p.page(
        ids.SITEMAP_PAGE,
        "Sơ đồ cổng",
        "sitemap.html",
        home.sitemap_context(registry, index, ids.SITEMAP_PAGE),
        "data/",
    )
    if p.catalogue is not None:
        p.compliance = compliance_report(registry, p.catalogue)
        p.page(
            ids.COMPLIANCE,
            "Báo cáo tuân thủ",
            "compliance.html",
            catalogue_pages.compliance_context(p.compliance),
            "data/",
        )
        p.data_file(ids.COMPLIANCE_JSON, p.compliance.to_json())
    p.page(
        ids.STAFF_GUIDE,
        "Hướng dẫn nhập liệu",
        "guide.html",
        site_pages.guide_context(ids.STAFF_GUIDE),
        "congkhai/datasets/",
    )
    for dataset in site_pages.GUIDED_DATASETS:
        url = ids.guide_dataset_url(dataset.name)
        p.page(
            url,
            f"Hướng dẫn nhập liệu: {dataset.title}",
            "guide_dataset.html",
            site_pages.guide_dataset_context(url, dataset),
            "congkhai/datasets/",
        )
    _feeds(p)


def _feeds(p: _Planner) -> None:
    """Atom feeds: everything, documents, notices, plans, dialogues, the reception calendar's
    upcoming sessions, and the register's types, issuers and topics (the documents' entries
    are built once and regrouped by the register's own facet groups: cheap at 10,000); each
    page showing one of them gets its ``feeds`` (head link and visible link)."""
    registry, index = p.registry, p.index
    author = registry.site.agency.name
    doc_entries = exports.document_entries(index)
    notice_entries = exports.notice_entries(registry, p.render_markdown)
    by_url = {e.key: e for e in doc_entries}
    #: (feed path, its name on the pages, entries); the site-wide three are named as before
    published: list[tuple[str, str, list[feeds.AtomEntry]]] = [
        (ids.FEED_DOCUMENTS, "Văn bản mới", doc_entries),
        (ids.FEED_NOTICES, "Thông báo", notice_entries),
        (ids.FEED_ALL, "Thông tin mới", doc_entries + notice_entries),
        (ids.FEED_PLANS, "Kế hoạch", exports.plan_entries(registry)),
        (ids.FEED_DIALOGUES, "Hội nghị đối thoại và cam kết", exports.dialogue_entries(registry)),
        (ids.FEED_RECEPTION, "Lịch tiếp công dân sắp tới", exports.session_entries(registry)),
    ]
    #: page URL -> (feed path, also in the page head)
    links: dict[str, list[tuple[str, bool]]] = {
        ids.PLANS: [(ids.FEED_PLANS, True)],
        ids.DIALOGUES: [(ids.FEED_DIALOGUES, True)],
        ids.COMMITMENTS: [(ids.FEED_DIALOGUES, True)],
        ids.RECEPTION: [(ids.FEED_RECEPTION, True)],
        # the frame already links the register's feed in every head
        ids.REGISTER: [(ids.FEED_DOCUMENTS, False)],
    }
    for facet in ids.FEED_FACETS:
        for value, docs in index.groups[facet].items():
            path = ids.register_feed_url(facet, value)
            title = listing_title(index, facet, value)[0]
            published.append((path, title, [by_url[ids.document_url(d.id)] for d in docs]))
    for listed, key, number in index.listings():
        if listed in ids.FEED_FACETS and key is not None:
            page_url = ids.register_url(listed, key, number)
            links.setdefault(page_url, []).append((ids.register_feed_url(listed, key), True))
    topics: dict[str, tuple[str, list[feeds.AtomEntry]]] = {}
    for doc in index.documents:
        for topic in doc.topics:
            if slug := ids.topic_slug(topic):
                topics.setdefault(slug, (topic, []))[1].append(by_url[ids.document_url(doc.id)])
    for slug, (topic, entries) in sorted(topics.items()):
        path = ids.register_feed_url(ids.TOPIC_FACET, slug)
        published.append((path, f"Văn bản lĩnh vực {topic}", entries))
        # no listing page of their own: on the register's first page, not in its head
        links[ids.REGISTER].append((path, False))
    names = {path: name for path, name, _ in published}
    for path, name, entries in published:
        feed = feeds.atom_bytes(
            entries,
            title=name if author in name else f"{name} ({author})",
            feed_path=path,
            site_url=p.site_url,
            author=author,
            as_of=registry.as_of,
        )
        p.data_file(path, feed)
    for i, page in enumerate(p.pages):
        if page.url in links:
            own = tuple(
                feeds.FeedLink(names[path], path, ids.relative(page.url, path), head)
                for path, head in links[page.url]
            )
            p.pages[i] = replace(page, feeds=own)


def _cited_by(p: _Planner) -> None:
    """Once every page has said what it cites: the citations that could not be linked, in
    the data-quality report ("Được trích dẫn tại" is made with each document's page)."""
    assert p.citations is not None
    p.registry.problems.extend(p.citations.problems())


def _quality(p: _Planner) -> None:
    """Báo cáo chất lượng dữ liệu: planned last, when every problem of the build is known."""
    p.page(
        ids.QUALITY_REPORT,
        "Báo cáo chất lượng dữ liệu",
        "quality.html",
        site_pages.quality_context(
            gate.public_problems(p.registry), dates.format_short(p.registry.as_of)
        ),
        "data/",
    )


def _organizations(p: _Planner) -> None:
    """Cơ quan, tổ chức: open data (their page is the organisation chart, ``_organisation``)."""
    p.exports(
        "co-quan",
        exports.organization_records(p.registry),
        exports.ORGANIZATION_COLUMNS,
        organizations_ds.FILE,
    )


def _people(p: _Planner) -> None:
    """Người ký, người chủ trì: no pages of their own, open data."""
    p.exports("nguoi", exports.person_records(p.registry), exports.PERSON_COLUMNS, people_ds.FILE)


def _open_data(p: _Planner) -> None:
    """Dữ liệu mở: the Data Package of every CSV planned so far, and the page listing it
    (planned last, after every export, so that it can give each file's size)."""
    package = opendata.data_package(
        ((f.path, f.content) for f in p.files),
        DATASETS,
        site=p.registry.site,
        as_of=p.registry.as_of,
        changed={
            path: p.provenances.of_file(path).changed_iso
            for path in opendata.source_paths(DATASETS)
        },
        site_url=p.site_url,
    )
    p.data_file(ids.DATAPACKAGE, opendata.package_bytes(package))
    p.page(
        ids.OPEN_DATA,
        "Dữ liệu mở",
        "open_data.html",
        site_pages.open_data_context(
            ids.OPEN_DATA, package, {f.path: len(f.content) for f in p.files}
        ),
        "congkhai/datasets/",
    )


def _access(p: _Planner) -> None:
    """Tiếp cận thông tin: the section page and the printable request forms (none when
    ``data/tiep-can-thong-tin.yaml`` does not exist)."""
    access = p.registry.access
    if access is None:
        return
    p.cites(
        ids.ACCESS, "Tiếp cận thông tin", access_ds.FILE, prose_of(access.info, locate=access.line)
    )
    p.page(
        ids.ACCESS,
        "Tiếp cận thông tin",
        "access.html",
        access_pages.access_context(
            p.registry, access.info, catalogue_url=ids.CATALOGUE, compliance_url=ids.COMPLIANCE
        ),
        access_ds.FILE,
    )
    p.page(
        ids.ACCESS_FORMS,
        "Mẫu phiếu yêu cầu cung cấp thông tin",
        "access_forms.html",
        access_pages.access_forms_context(p.registry, access.info),
        access_ds.FILE,
    )


def _organisation(p: _Planner) -> None:
    """Cơ cấu tổ chức: functions and duties, the structure chart, leaders, units and the
    party organisation, from organizations.csv, people.csv and co-cau-to-chuc.yaml (its
    downloads are the organisations' and people's)."""
    office = p.registry.office
    if office is not None:
        p.cites(
            ids.ORGANISATION,
            "Cơ cấu tổ chức",
            office_ds.FILE,
            prose_of(office.info, locate=office.line),
        )
    p.page(
        ids.ORGANISATION,
        "Cơ cấu tổ chức",
        "organisation.html",
        office_pages.organisation_context(p.registry, p.index),
        "data/",
    )


def _procedures(p: _Planner) -> None:
    """Thủ tục hành chính: the procedures, the one-stop desk, and their CSV and JSON."""
    registry = p.registry
    p.cites(
        ids.PROCEDURES,
        "Thủ tục hành chính",
        procedures_ds.FILE,
        (text for row in registry.procedures for text in prose_of(row)),
    )
    p.page(
        ids.PROCEDURES,
        "Thủ tục hành chính",
        "procedures.html",
        office_pages.procedures_context(registry),
        procedures_ds.FILE,
    )
    p.exports(
        "thu-tuc-hanh-chinh",
        procedures_ds.procedure_records(
            registry.procedures, {k: o.name for k, o in registry.organizations.items()}
        ),
        procedures_ds.PROCEDURE_COLUMNS,
        procedures_ds.FILE,
    )


def _requests(p: _Planner) -> None:
    """Yêu cầu cung cấp thông tin: shown on the access page (``_access``), open data here."""
    p.exports(
        "yeu-cau-thong-tin",
        exports.request_records(p.registry),
        exports.REQUEST_COLUMNS,
        requests_ds.FILE,
    )


def _outcomes(p: _Planner) -> None:
    """Kết quả tiếp công dân: the statistics page (empty state when the file has no row)."""
    p.page(
        ids.RECEPTION_OUTCOMES,
        "Kết quả tiếp công dân",
        "reception_outcomes.html",
        outcomes_pages.outcomes_context(p.registry),
        outcomes_ds.FILE,
    )
    p.exports(
        "ket-qua-tiep-cong-dan",
        exports.outcome_records(p.registry),
        exports.OUTCOME_COLUMNS,
        outcomes_ds.FILE,
    )


def _yearly_reports(p: _Planner) -> None:
    """Dự thảo báo cáo năm: the list, a page and a Markdown download per year with data."""
    registry = p.registry
    p.page(
        ids.YEARLY_REPORTS,
        "Dự thảo báo cáo năm",
        "yearly_reports.html",
        outcomes_pages.yearly_reports_context(registry),
        "data/",
    )
    for year in yearly.report_years(registry):
        text = yearly.draft_markdown(registry, year)
        p.page(
            ids.yearly_report_url(year),
            f"Dự thảo báo cáo năm {year}",
            "yearly_report.html",
            outcomes_pages.yearly_report_context(year, text, p.render_markdown),
            "data/",
        )
        p.data_file(ids.yearly_report_file(year), text.encode("utf-8"))


#: the pages and files each dataset contributes (datasets without pages of their own, such as
#: organizations, appear inside the others); every dataset with a section or an export must
#: have one (tests/test_site_plan.py)
PLANNERS: dict[str, Callable[[_Planner], None]] = {
    "documents": _documents,
    "organizations": _organizations,
    "people": _people,
    "reception": _schedules,
    "dialogues": _dialogues,
    "plans": _plans,
    "notices": _notices,
    "access": _access,
    "office": _organisation,
    "procedures": _procedures,
    "requests": _requests,
    "outcomes": _outcomes,
    "yearly-report": _yearly_reports,
    "catalogue": _catalogue,
}


#: pages of sections whose data file a project may lack (the navigation drops them then)
OPTIONAL_SECTIONS = (ids.ACCESS, ids.ACCESS_FORMS)


#: MkDocs' own rule for YAML front matter in a page (``mkdocs.utils.meta``)
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _written_pages(
    p: _Planner, docs_files: Iterable[str], excluded: frozenset[str], generated: set[str]
) -> list[WrittenPage]:
    """Hand-written pages of ``docs/`` (not full texts, not at a generated page's URL).
    A page that cannot be read is a message naming it, never a traceback."""
    out = []
    problems = Problems()
    for src in sorted(docs_files):
        url = ids.written_page_url(src)
        if not src.endswith(".md") or src in excluded or url in generated:
            continue
        file = f"docs/{src}"
        raw = read_staff_text(p.docs_dir / src, file, problems)
        if raw is None:
            continue
        front = _FRONT_MATTER.match(raw)
        meta: Any = {}
        if front:
            parsed = parse_yaml(front.group(1), file, problems, first_line=2)
            if parsed is None:
                continue
            meta = parsed[0] if isinstance(parsed[0], dict) else {}
            if not _front_matter_ok(front.group(1), meta, file, problems):
                continue
        body = raw[front.end() :] if front else raw
        body_line = raw.count("\n", 0, front.end()) + 1 if front else 1
        heading = _H1.search(body)
        given = meta.get("title", "")
        if not isinstance(given, str):
            problems.add(Problem(file, 2, "title", "phải là chuỗi chữ (must be text)"))
            continue
        title = given or (heading.group(1) if heading else PurePosixPath(src).stem)
        p.cites(url, title, file, [(None, body_line, body)])
        out.append(
            WrittenPage(
                src,
                url,
                title,
                feeds.plain_text(p.render_markdown(body), limit=None),
                p.provenances.of_file(file),
                raw,
            )
        )
    if problems.errors:
        raise DataError(problems)
    return out


#: front-matter keys a hand-written page may set (the theme reads them); any other key
#: (``template``, the frame's own ``congkhai_*``) is refused rather than ignored
PAGE_KEYS = frozenset({"title", "description", "author", "hide"})


def _front_matter_ok(text: str, meta: dict[str, Any], file: str, problems: Problems) -> bool:
    """The runner reads front matter with YAML 1.1 (``2021-02-30`` would crash it): refuse
    what it cannot read and keys staff may not set, each with file and line."""
    ok = True
    for key in meta:
        if key not in PAGE_KEYS:
            problems.add(
                Problem(
                    file,
                    None,
                    str(key),
                    f"trang viết tay chỉ dùng các khóa: {', '.join(sorted(PAGE_KEYS))} "
                    f"(a hand-written page may only set {', '.join(sorted(PAGE_KEYS))})",
                )
            )
            ok = False
    try:
        yaml.safe_load(text)
    except Exception as exc:  # what MkDocs' own loader would fail on
        mark = getattr(exc, "problem_mark", None)
        problems.add(
            Problem(
                file,
                mark.line + 2 if mark is not None else 2,
                None,
                f"phần đầu (front matter) không đọc được: {exc} (front matter cannot be read)",
            )
        )
        ok = False
    return ok


def docs_files(docs_dir: Path) -> list[str]:
    """Every file MkDocs would see below ``docs_dir`` (POSIX paths relative to it): it
    follows directory symlinks and skips dotfiles and dot-folders (its ``exclude_docs``
    default), and so does this list."""
    found: list[str] = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = PurePosixPath(Path(folder).relative_to(docs_dir).as_posix())
        found.extend((rel / name).as_posix() for name in files if not name.startswith("."))
    return sorted(path.removeprefix("./") for path in found)


def search_index(records: Iterable[search.SearchRecord]) -> tuple[list[DataFile], SearchStats]:
    """The search index's files (under ``tim-kiem/chi-muc/``) and its figures."""
    built = search.build_index(list(records))
    files = [DataFile(ids.SEARCH_INDEX + rel, data) for rel, data in sorted(built.files.items())]
    return files, (built.records, built.terms, len(built.files))


def summary(plan: SitePlan) -> list[str]:
    """What the build log says of a plan: search index, data-quality report, counts."""
    lines = []
    if plan.search_stats is not None:
        records, terms, parts = plan.search_stats
        lines.append(f"chỉ mục tìm kiếm {records} mục, {terms} từ khóa, {parts} tệp")
    if quality := site_pages.quality_lines(plan.registry.problems):
        lines.append(
            f"báo cáo chất lượng dữ liệu (data-quality report), {len(quality)} mục:\n  "
            + "\n  ".join(quality)
        )
    lines.append(
        f"{len(plan.index.documents)} văn bản công khai / {len(plan.registry.documents)} "
        f"trong dữ liệu, tính đến {plan.as_of.isoformat()}"
    )
    return lines


def repository_url(registry: Registry, environ: dict[str, str] | None = None) -> str | None:
    """``CONGKHAI_REPO_URL`` when it is a safe https:// address, else ``site.yaml``'s
    ``edit_url`` (validated by its model); an unsafe variable is reported, never linked."""
    env = os.environ if environ is None else environ
    given = env.get("CONGKHAI_REPO_URL", "").strip()
    if given and safe_url(given) is None:
        registry.problems.add(
            Problem(
                "CONGKHAI_REPO_URL",
                None,
                None,
                f'"{given}" không phải địa chỉ https:// hợp lệ, bỏ qua '
                "(ignored: not an https:// URL)",
                Severity.WARNING,
            )
        )
        given = ""
    return given or registry.site.edit_url or None


def build_site(
    root: Path,
    as_of: dt.date,
    *,
    site_url: str | None = None,
    docs_dir: Path | None = None,
    markdown: MarkdownConfig | None = None,
    defer: bool = False,
) -> SitePlan:
    """The plan of the site built from ``root`` at ``as_of``; raises ``DataError`` when the
    data has errors or the gate refuses something. ``markdown`` defaults to the extensions
    of ``root/mkdocs.yml``; a runner passes its own parsed configuration.

    ``defer``: the volume's pages stay :class:`DeferredPage` and the search index unbuilt
    (``search_records``); the gate checks the records only (data errors and personal data
    in records still raise here): the caller makes each page when it renders it, checks
    every page, data file and index file with the net in ``plan.unchecked`` and calls its
    :meth:`~congkhai.gate.PrivacyNet.finish` before publishing anything (the adapter does,
    in its workers for a cold build, in ``on_config`` while serving)."""
    docs_dir = docs_dir or root / "docs"
    for memo in (RENDERED, STRUCTURED, search.SCORED):
        memo.new_build()
    registry = load_registry(root, as_of, docs_dir)
    all_docs = docs_files(docs_dir)
    excluded = gate.admit_files(registry, docs_dir, all_docs)
    if history := history_problem(root):
        registry.problems.add(Problem("git", None, None, history, Severity.WARNING))
    repo = repository_url(registry)
    planner = _Planner(
        registry=registry,
        index=RegisterIndex(registry),
        docs_dir=docs_dir,
        site_url=site_url or None,
        provenances=Provenances(root, Repository(repo) if repo else None),
        render_markdown=MarkdownRenderer(markdown or markdown_config(root)),
    )
    planner.citations = Citations(planner.index.resolver)
    for dataset in DATASETS:
        if dataset.name in PLANNERS:
            PLANNERS[dataset.name](planner)
    _site_pages(planner)
    _open_data(planner)
    generated = {page.url for page in planner.pages} | {ids.QUALITY_REPORT}
    written = _written_pages(planner, all_docs, excluded, generated)
    _cited_by(planner)
    _quality(planner)
    records = partial(
        search.records_from,
        planner.index,
        [(w.url, w.title, w.text) for w in written],
        planner.read_body,
    )
    search_stats = None
    if not defer:
        index_files, search_stats = search_index(records())
        planner.files += index_files
    plan = SitePlan(
        root=root,
        docs_dir=docs_dir,
        as_of=as_of,
        site_url=site_url or None,
        registry=registry,
        index=planner.index,
        chrome=chrome_of(registry),
        pages=tuple(planner.pages if defer else (page.materialize() for page in planner.pages)),
        written=tuple(written),
        files=tuple(planner.files),
        excluded=excluded,
        bodies=planner.bodies,
        search_stats=search_stats,
        search_records=records if defer else None,
        catalogue=planner.catalogue,
        compliance=planner.compliance,
    )
    return replace(plan, unchecked=gate.check(plan, whole=not defer))
