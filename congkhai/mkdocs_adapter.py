"""The only module that knows MkDocs: events in, package calls out.

Flow per build: ``on_config`` loads and validates every dataset (errors stop the build
before anything is written); ``on_files`` adds the generated pages and open-data files as
virtual files and withdraws anything unpublished; ``on_page_markdown`` / ``on_page_content``
give each generated page its metadata and its HTML, rendered straight from Jinja (volume
pages never go through Markdown); ``on_post_build`` prints the data-quality report.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import markdown as md
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import dates, exports, feeds, ids, search
from .datasets import documents as documents_ds
from .datasets import meetings as meetings_ds
from .datasets import notices as notices_ds
from .datasets import plans as plans_ds
from .datasets import reception as reception_ds
from .pages import dialogues as dialogues_pages
from .pages import home, reception, site_pages
from .pages import notices as notices_pages
from .pages import plans as plans_pages
from .pages.common import ProvenanceView, provenance_view
from .pages.documents import (
    DocumentContext,
    RegisterIndex,
    document_context,
    listing_context,
    listing_title,
)
from .pages.site_pages import guide_context, quality_context, quality_lines
from .problems import DataError
from .provenance import Repository, file_dates, line_times, provenance
from .registry import Registry, load_registry
from .render import make_env, render
from .sanitize import sanitize_html
from .schedules import Session

log = logging.getLogger("mkdocs.plugins.congkhai")
STATE = "_congkhai_state"
NOT_GIVEN = "chưa cập nhật"


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from data: its title, where it came from, how to render it."""

    title: str
    template: str
    context: Callable[[], Any]
    dublin_core: Callable[[], tuple[tuple[str, str], ...]] | None = None
    json_ld: Callable[[], str] | None = None
    #: data file named in the provenance line the adapter appends; None when the
    #: template shows a record-level provenance itself (document pages)
    source: str | None = None
    #: (file, line) of the record behind the page, for a record-level provenance line
    provenance: tuple[str, int | None] | None = None


@dataclass(eq=False)  # hashed by identity: its methods are cached per build
class BuildState:
    root: Path
    docs_dir: Path
    registry: Registry
    index: RegisterIndex
    env: jinja2.Environment
    repository: Repository | None
    site_url: str | None
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    markdown: md.Markdown | None = None
    #: (url, title, text) of hand-written pages, collected as they render, for the index
    page_texts: list[tuple[str, str, str]] = field(default_factory=list)

    @cache  # noqa: B019 - one state per build; the cache dies with it
    def line_times(self, relpath: str) -> dict[int, dt.datetime]:
        return line_times(self.root, relpath)

    def changed_at(self, relpath: str, line: int | None) -> dt.datetime | None:
        return self.line_times(relpath).get(line) if line else None

    @cache  # noqa: B019
    def file_dates(self) -> dict[str, dt.date]:
        return file_dates(self.root, ".")

    @cache  # noqa: B019
    def read_body(self, relpath: str) -> str:
        """A full text (path in docs/), read once for its page and for the search index."""
        return ids.nfc((self.docs_dir / relpath).read_text(encoding="utf-8-sig"))

    def file_provenance(self, relpath: str) -> ProvenanceView:
        """Provenance of a whole file or folder: its latest committed change."""
        dates = self.file_dates()
        prefix = relpath if relpath.endswith("/") else None
        changed = max(
            (d for p, d in dates.items() if p == relpath or (prefix and p.startswith(prefix))),
            default=None,
        )
        return provenance_view(provenance(relpath, None, changed, self.repository))

    def record_provenance(self, relpath: str, line: int) -> ProvenanceView:
        changed = self.changed_at(relpath, line)
        return provenance_view(
            provenance(relpath, line, changed.date() if changed else None, self.repository)
        )


def _state(config: MkDocsConfig) -> BuildState:
    state = getattr(config, STATE, None)
    if not isinstance(state, BuildState):
        raise PluginError("congkhai: on_config did not run (hooks misconfigured?)")
    return state


def _source_date_epoch(as_of: dt.date) -> str:
    midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dates.VN_TZ)
    return str(int(midnight.timestamp()))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        as_of = dates.as_of()
        registry = load_registry(root, as_of, Path(config.docs_dir))
    except (DataError, dates.DateFormatError) as exc:
        raise PluginError(str(exc)) from None
    # MkDocs stamps the sitemap with the build time; the as-of date keeps it reproducible.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(as_of))
    site = registry.site
    repo_url = os.environ.get("CONGKHAI_REPO_URL", "").strip() or site.edit_url
    config.site_name = site.agency.name
    config.extra["congkhai"] = {
        "agency": site.agency.name,
        "parent": site.agency.parent,
        "address": site.agency.address or NOT_GIVEN,
        "phone": site.agency.phone or NOT_GIVEN,
        "fax": site.agency.fax or NOT_GIVEN,
        "email": site.agency.email,
        "focal_point": site.focal_point.name or NOT_GIVEN,
        "focal_point_phone": site.focal_point.phone or NOT_GIVEN,
        "focal_point_email": site.focal_point.email,
        "responsible": " ".join(p for p in (site.responsible.title, site.responsible.name) if p)
        or NOT_GIVEN,
        "as_of": as_of.isoformat(),
        "dublin_core": (
            ("DC.publisher", site.agency.name),
            ("DC.creator", site.agency.name),
            ("DC.language", "vi"),
            ("DC.date", as_of.isoformat()),
        ),
    }
    template_dir = Path(config.theme.custom_dir or root / "overrides") / "congkhai"
    setattr(
        config,
        STATE,
        BuildState(
            root=root,
            docs_dir=Path(config.docs_dir),
            registry=registry,
            index=RegisterIndex(registry),
            env=make_env(template_dir),
            repository=Repository(repo_url) if repo_url else None,
            site_url=config.site_url or None,
        ),
    )
    return config


def _add_page(
    files: Files, config: MkDocsConfig, state: BuildState, url: str, page: GeneratedPage
) -> None:
    src = ids.page_src(url)
    existing = files.get_file_from_path(src)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    state.pages[src] = page


def _add_data_file(files: Files, config: MkDocsConfig, path: str, content: bytes) -> None:
    existing = files.get_file_from_path(path)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, path, content=content))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _state(config)
    registry, index = state.registry, state.index
    docs_dir = Path(config.docs_dir)

    # Full texts are shown inside their document's page; unpublished attachments nowhere.
    published_files = {p for d in index.documents for p in d.files}
    withdrawn = {p for d in registry.documents.values() for p in d.files} - published_files
    for f in list(files):
        if f.src_uri.startswith("toan-van/") or f.src_uri in withdrawn:
            files.remove(f)

    for facet, value, number in index.listings():
        _add_page(
            files,
            config,
            state,
            ids.register_url(facet, value, number),
            GeneratedPage(
                listing_title(index, facet, value)[0]
                + (f" (trang {number})" if number > 1 else ""),
                "register.html",
                partial(listing_context, index, facet, value, number),
                source=documents_ds.FILE,
            ),
        )

    def markdown_to_html(text: str) -> str:
        if state.markdown is None:
            state.markdown = md.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            )
        state.markdown.reset()
        return sanitize_html(str(state.markdown.convert(text)))

    read_body = state.read_body

    def file_size(path: str) -> int:
        return (docs_dir / path).stat().st_size

    def document_page(doc: documents_ds.Document) -> GeneratedPage:
        @cache
        def context() -> DocumentContext:
            return document_context(
                index,
                doc,
                render_markdown=markdown_to_html,
                read_body=read_body,
                file_size=file_size,
                provenance=state.record_provenance(documents_ds.FILE, doc.line),
                site_url=state.site_url,
            )

        return GeneratedPage(
            f"{doc.doc_type.label} {doc.number_text}".strip() + f": {doc.title}",
            "document.html",
            context,
            dublin_core=lambda: context().dublin_core,
            json_ld=lambda: context().json_ld,
        )

    for doc in index.documents:
        _add_page(files, config, state, ids.document_url(doc.id), document_page(doc))
    add_schedules(files, config, state)
    add_dialogues(files, config, state)
    add_notices(files, config, state, markdown_to_html)
    add_plans(files, config, state)
    add_home_and_feeds(files, config, state)
    _add_page(
        files,
        config,
        state,
        ids.QUALITY_REPORT,
        GeneratedPage(
            "Báo cáo chất lượng dữ liệu",
            "quality.html",
            lambda: quality_context(registry.problems, dates.format_short(registry.as_of)),
            source="data/",
        ),
    )
    _add_page(
        files,
        config,
        state,
        ids.STAFF_GUIDE,
        GeneratedPage(
            "Hướng dẫn nhập liệu",
            "guide.html",
            lambda: guide_context(ids.STAFF_GUIDE),
            source="congkhai/datasets/",
        ),
    )

    _add_exports(
        files,
        config,
        state,
        "van-ban",
        exports.document_records(index, state.site_url),
        exports.DOCUMENT_COLUMNS,
        documents_ds.FILE,
    )
    return files


def add_schedules(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """Lịch tiếp công dân: front page, months, hosts, sessions, iCalendar feeds, open data."""
    registry = state.registry
    sessions = registry.schedule.sessions
    _add_page(
        files,
        config,
        state,
        ids.RECEPTION,
        GeneratedPage(
            "Lịch tiếp công dân",
            "reception.html",
            partial(reception.reception_context, registry, state.site_url),
            source=reception_ds.RULES_FILE,
        ),
    )
    for year, month in sorted({(s.date.year, s.date.month) for s in sessions}):
        _add_page(
            files,
            config,
            state,
            ids.month_url(year, month),
            GeneratedPage(
                f"Lịch tiếp công dân tháng {month}/{year}",
                "reception_month.html",
                partial(reception.month_context, registry, year, month),
                source="data/reception/",
            ),
        )
    for host in sorted({s.host for s in sessions}):
        person = registry.people.get(host)
        _add_page(
            files,
            config,
            state,
            ids.host_url(host),
            GeneratedPage(
                f"Lịch tiếp công dân: {person.display if person else host}",
                "reception_host.html",
                partial(reception.host_context, registry, host, state.site_url),
                source="data/reception/",
            ),
        )
        _add_data_file(
            files,
            config,
            ids.host_feed_url(host),
            _ics(
                state,
                registry.schedule.of_host(host),
                f"Lịch tiếp công dân: {person.display if person else host}",
            ),
        )
    for session in sessions:
        _add_page(
            files,
            config,
            state,
            ids.session_url(session.id),
            GeneratedPage(
                reception.session_title(registry, session),
                "reception_session.html",
                partial(reception.session_context, registry, session),
                source=None,
                provenance=(session.file, session.line),
            ),
        )
        _add_data_file(
            files,
            config,
            ids.session_ics_url(session.id),
            _ics(state, [session], "Buổi tiếp công dân"),
        )
    _add_data_file(
        files,
        config,
        ids.RECEPTION_FEED,
        _ics(state, sessions, f"Lịch tiếp công dân: {registry.site.agency.name}"),
    )
    records = exports.session_records(registry, state.site_url)
    _add_exports(
        files,
        config,
        state,
        "lich-tiep-cong-dan",
        records,
        exports.SESSION_COLUMNS,
        "data/reception/",
    )


def _ics(state: BuildState, sessions: Iterable[Session], name: str) -> bytes:
    return feeds.calendar_bytes(
        state.registry,
        sessions,
        name=name,
        changed_at=lambda s: state.changed_at(s.file, s.line),
        site_url=state.site_url,
    )


def add_dialogues(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """Hội nghị đối thoại: overview, a page per meeting, the commitments tracker, open data."""
    registry = state.registry
    _add_page(
        files,
        config,
        state,
        ids.DIALOGUES,
        GeneratedPage(
            "Hội nghị đối thoại",
            "dialogues.html",
            partial(dialogues_pages.dialogues_context, registry),
            source=meetings_ds.MEETINGS_FILE,
        ),
    )
    _add_page(
        files,
        config,
        state,
        ids.COMMITMENTS,
        GeneratedPage(
            "Theo dõi thực hiện cam kết",
            "commitments.html",
            partial(dialogues_pages.commitments_context, registry),
            source=meetings_ds.ITEMS_FILE,
        ),
    )
    for meeting in registry.dialogues.meetings.values():
        _add_page(
            files,
            config,
            state,
            ids.meeting_url(meeting.id),
            GeneratedPage(
                meeting.title,
                "meeting.html",
                partial(dialogues_pages.meeting_context, registry, meeting),
                source=None,
                provenance=(meetings_ds.MEETINGS_FILE, meeting.line),
            ),
        )
    _add_exports(
        files,
        config,
        state,
        "hoi-nghi",
        exports.meeting_records(registry, state.site_url),
        exports.MEETING_COLUMNS,
        meetings_ds.MEETINGS_FILE,
    )
    _add_exports(
        files,
        config,
        state,
        "cam-ket",
        exports.commitment_records(registry),
        exports.COMMITMENT_COLUMNS,
        meetings_ds.ITEMS_FILE,
    )


def _add_exports(
    files: Files,
    config: MkDocsConfig,
    state: BuildState,
    name: str,
    records: list[dict[str, Any]],
    columns: tuple[str, ...],
    source: str,
) -> None:
    _add_data_file(files, config, ids.export_url(name, "csv"), exports.to_csv(records, columns))
    _add_data_file(
        files,
        config,
        ids.export_url(name, "json"),
        exports.to_json(
            records, dataset=name, as_of=state.registry.as_of.isoformat(), source=source
        ),
    )


def add_notices(
    files: Files, config: MkDocsConfig, state: BuildState, markdown_to_html: Callable[[str], str]
) -> None:
    """Thông báo: the list (paginated), the archive, a page per published notice. A notice
    dated after the as-of date appears nowhere until that day's build."""
    registry = state.registry
    for page in range(1, notices_pages.notice_pages(registry) + 1):
        _add_page(
            files,
            config,
            state,
            ids.notices_url(page),
            GeneratedPage(
                "Thông báo" + (f" (trang {page})" if page > 1 else ""),
                "notices.html",
                partial(notices_pages.notices_context, registry, page),
                source=notices_ds.FOLDER + "/",
            ),
        )
    _add_page(
        files,
        config,
        state,
        ids.NOTICE_ARCHIVE,
        GeneratedPage(
            "Thông báo đã hết hạn",
            "notices_archive.html",
            partial(notices_pages.archive_context, registry),
            source=notices_ds.FOLDER + "/",
        ),
    )
    for notice in registry.published_notices():
        _add_page(
            files,
            config,
            state,
            ids.notice_url(notice.id),
            GeneratedPage(
                notice.title,
                "notice.html",
                partial(notices_pages.notice_context, registry, notice, markdown_to_html),
                source=notice.file,
            ),
        )
    _add_exports(
        files,
        config,
        state,
        "thong-bao",
        exports.notice_records(registry, state.site_url),
        exports.NOTICE_COLUMNS,
        notices_ds.FOLDER + "/",
    )


def add_plans(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """Kế hoạch: the list, a page per plan, a page per owner unit, open data."""
    registry = state.registry
    _add_page(
        files,
        config,
        state,
        ids.PLANS,
        GeneratedPage(
            "Kế hoạch",
            "plans.html",
            partial(plans_pages.plans_context, registry),
            source=plans_ds.FOLDER + "/",
        ),
    )
    for record in registry.plans.values():
        _add_page(
            files,
            config,
            state,
            ids.plan_url(record.id),
            GeneratedPage(
                record.plan.title,
                "plan.html",
                partial(plans_pages.plan_context, registry, record),
                source=record.file,
            ),
        )
    owners = {t.owner or r.plan.owner for r in registry.plans.values() for t in r.tasks} - {""}
    for org in sorted(owners & set(registry.organizations)):
        _add_page(
            files,
            config,
            state,
            ids.owner_url(org),
            GeneratedPage(
                f"Nhiệm vụ của {registry.organizations[org].name}",
                "plan_owner.html",
                partial(plans_pages.owner_context, registry, org),
                source=plans_ds.FOLDER + "/",
            ),
        )
    _add_exports(
        files,
        config,
        state,
        "ke-hoach",
        exports.task_records(registry),
        exports.TASK_COLUMNS,
        plans_ds.FOLDER + "/",
    )


def add_home_and_feeds(files: Files, config: MkDocsConfig, state: BuildState) -> None:
    """Trang chủ, Sơ đồ cổng and the Atom feeds (documents, notices, everything)."""
    registry, index = state.registry, state.index
    _add_page(
        files,
        config,
        state,
        ids.HOME,
        GeneratedPage(
            registry.site.agency.name,
            "home.html",
            partial(home.home_context, registry, index),
            source="data/",
        ),
    )
    _add_page(
        files,
        config,
        state,
        ids.SEARCH,
        GeneratedPage(
            "Tìm kiếm",
            "search.html",
            partial(site_pages.search_context, ids.SEARCH),
            source="data/",
        ),
    )
    _add_page(
        files,
        config,
        state,
        ids.SITEMAP_PAGE,
        GeneratedPage(
            "Sơ đồ cổng",
            "sitemap.html",
            partial(home.sitemap_context, registry, index, ids.SITEMAP_PAGE),
            source="data/",
        ),
    )
    doc_entries = exports.document_entries(index)
    notice_entries = exports.notice_entries(registry)
    author = registry.site.agency.name
    site_url, as_of = state.site_url, registry.as_of
    for path, title, entries in (
        (ids.FEED_DOCUMENTS, f"Văn bản mới: {author}", doc_entries),
        (ids.FEED_NOTICES, f"Thông báo: {author}", notice_entries),
        (ids.FEED_ALL, f"Thông tin mới: {author}", doc_entries + notice_entries),
    ):
        feed = feeds.atom_bytes(
            entries, title=title, feed_path=path, site_url=site_url, author=author, as_of=as_of
        )
        _add_data_file(files, config, path, feed)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state(config)
    spec = state.pages.get(page.file.src_uri)
    if spec is None:
        return markdown
    # Plain text: the theme overrides escape every title where they print it.
    page.meta["title"] = spec.title
    # Generated pages carry their own headings; the table of contents column would only
    # narrow the register's table and facets.
    page.meta["hide"] = ["toc"]
    if spec.dublin_core:
        page.meta["congkhai_dc"] = spec.dublin_core()
    if spec.json_ld:
        page.meta["congkhai_jsonld"] = spec.json_ld()
    return ""


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state(config)
    spec = state.pages.get(page.file.src_uri)
    if spec is not None:
        content = render(state.env, spec.template, spec.context())
        if spec.provenance is not None:
            file, line = spec.provenance
            return content + render(
                state.env, "provenance.html", state.record_provenance(file, line or 0)
            )
        if spec.source is None:
            return content
        return content + render(state.env, "provenance.html", state.file_provenance(spec.source))
    # A hand-written page: sanitised like all staff Markdown; its title handed to the theme
    # as plain text (MkDocs extracts an <h1> title as HTML text, entities escaped); it
    # joins the search index; its provenance is its own file.
    html_text = sanitize_html(html_text)
    if "title" not in page.meta and page.title:
        page.meta["title"] = html.unescape(page.title)
    text = re.sub(r"<[^>]+>", " ", html_text).replace("¶", " ")
    state.page_texts.append(
        (page.url, str(page.title or ""), html.unescape(" ".join(text.split())))
    )
    relpath = str(PurePosixPath("docs") / page.file.src_uri)
    return html_text + render(state.env, "provenance.html", state.file_provenance(relpath))


def on_post_build(config: MkDocsConfig) -> None:
    state = _state(config)
    records = search.records_from(state.index, sorted(state.page_texts), state.read_body)
    index = search.build_index(records)
    search.write_index(index, Path(config.site_dir) / ids.SEARCH_INDEX)
    log.info(
        "congkhai: chỉ mục tìm kiếm %d mục, %d từ khóa, %d tệp",
        index.records,
        index.terms,
        len(index.files),
    )
    lines = quality_lines(state.registry.problems)
    if lines:
        log.info(
            "congkhai: báo cáo chất lượng dữ liệu (data-quality report), %d mục:\n  %s",
            len(lines),
            "\n  ".join(lines),
        )
    log.info(
        "congkhai: %d văn bản công khai / %d trong dữ liệu, tính đến %s",
        len(state.index.documents),
        len(state.registry.documents),
        state.registry.as_of.isoformat(),
    )
