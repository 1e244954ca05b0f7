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
from collections.abc import Callable
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

from . import dates, exports, ids
from .datasets import documents as documents_ds
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
from .provenance import Repository, file_dates, line_dates, provenance
from .registry import Registry, load_registry
from .render import make_env, render

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


@dataclass(eq=False)  # hashed by identity: its methods are cached per build
class BuildState:
    root: Path
    registry: Registry
    index: RegisterIndex
    env: jinja2.Environment
    repository: Repository | None
    site_url: str | None
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    markdown: md.Markdown | None = None

    @cache  # noqa: B019 - one state per build; the cache dies with it
    def line_dates(self, relpath: str) -> dict[int, dt.date]:
        return line_dates(self.root, relpath)

    @cache  # noqa: B019
    def file_dates(self) -> dict[str, dt.date]:
        return file_dates(self.root, ".")

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
        changed = self.line_dates(relpath).get(line)
        return provenance_view(provenance(relpath, line, changed, self.repository))


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
        return str(state.markdown.convert(text))

    def read_body(path: str) -> str:
        return ids.nfc((docs_dir / path).read_text(encoding="utf-8-sig"))

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

    records = exports.document_records(index, state.site_url)
    _add_data_file(
        files,
        config,
        ids.export_url("van-ban", "csv"),
        exports.to_csv(records, exports.DOCUMENT_COLUMNS),
    )
    _add_data_file(
        files,
        config,
        ids.export_url("van-ban", "json"),
        exports.to_json(
            records, dataset="van-ban", as_of=registry.as_of.isoformat(), source=documents_ds.FILE
        ),
    )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _state(config)
    spec = state.pages.get(page.file.src_uri)
    if spec is None:
        return markdown
    # Material prints page.meta.title unescaped in <title> and the header: escape it here.
    page.meta["title"] = html.escape(spec.title, quote=False)
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
        if spec.source is None:
            return content
        return content + render(state.env, "provenance.html", state.file_provenance(spec.source))
    # A hand-written page: its provenance is its own Markdown file.
    relpath = str(PurePosixPath("docs") / page.file.src_uri)
    return html_text + render(state.env, "provenance.html", state.file_provenance(relpath))


def on_post_build(config: MkDocsConfig) -> None:
    state = _state(config)
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
