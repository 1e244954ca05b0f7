"""The only module that knows MkDocs (or ProperDocs, its fork): the site plan in, files out.

``on_config`` asks :func:`congkhai.site.build_site` for the plan, the volume's pages
deferred (data errors and personal data in records stop the build before anything is
written), and points the build at a staging folder (0700); ``on_files`` maps the plan to
generated files; the page events render the planned pages that are in the navigation (and
the hand-written ones) through the theme; ``on_post_build`` makes and writes every other
planned page (the volume: documents, listings, facets) by filling a frame the theme
rendered once per folder (:mod:`congkhai.shell`), in forked workers that also check each
page with the gate's net and build the search index; then the sitemap of all pages, the
net's findings in plan order (any finding: the staging folder is removed, nothing
published), and the swap of the finished folder into place. ``CONGKHAI_SHELL=0`` sends
every page through the theme instead (the equivalence test compares both). The build's
state lives on the config object, new for every build, and is let go when it ends. Only
while serving (``on_startup`` says so) does this module keep, between builds, what each
published page was made from (:mod:`congkhai.rendercache`): ``on_config`` then makes and
checks every page before anything is written into the served folder, and the build
rewrites only the pages that changed.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import html
import logging
import multiprocessing
import os
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_timestamp

from . import dates, gate, ids, memo, rendercache, staging
from .citing import Resolver, link_html
from .privacy import Finding
from .problems import DataError
from .render import MemoryBytecodeCache, make_env, render
from .shell import TOKENS, URL_SEGMENT, Shell, ShellError, page_head, tab_title
from .site import (
    OPTIONAL_SECTIONS,
    AnyPage,
    DataFile,
    PlannedPage,
    SearchStats,
    SitePlan,
    WrittenPage,
    build_site,
    search_index,
    summary,
)

log = logging.getLogger("mkdocs.plugins.congkhai")
STATE = "_congkhai_build"
#: ``mkdocs serve`` (set by on_startup): builds follow one another in this process
_SERVING = False
#: the spliced pages last published into each site folder by this process
_RECORDS = rendercache.PageRecords()
_THEME_BYTECODE = MemoryBytecodeCache()
#: while serving: the content last rendered for each page the theme frames, and its inputs
_THEMED: dict[tuple[Path, str], tuple[rendercache.Rendered, str]] = {}


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING
    _SERVING = command == "serve"
    memo.keep_between_builds(_SERVING)


class _WarningCounter(logging.Handler):
    """Counts warnings so that a ``--strict`` failure never swaps in its output."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Build:
    plan: SitePlan
    env: jinja2.Environment
    final_dir: Path
    warnings: _WarningCounter = field(default_factory=_WarningCounter)

    #: planned pages the theme renders (in the navigation, or all with CONGKHAI_SHELL=0)
    themed: set[str] = field(default_factory=set)
    #: every page's source path in the order MkDocs would list them (the sitemap's order)
    page_order: list[str] = field(default_factory=list)
    env_theme: jinja2.Environment | None = None
    nav: Navigation | None = None
    files: Files | None = None
    #: the page templates' folder (overrides/congkhai)
    templates: Path = Path()
    #: while serving: what each spliced page was rendered from (congkhai.rendercache)
    rendered: dict[str, rendercache.Rendered] = field(default_factory=dict)
    #: while serving: each planned page's digest, by source path (:func:`_served_plan_checked`)
    digests: dict[str, bytes] = field(default_factory=dict)

    @functools.cached_property
    def templates_digest(self) -> bytes:
        return rendercache.folder_digest(self.templates)

    def __post_init__(self) -> None:
        self.pages: dict[str, AnyPage] = {p.src: p for p in self.plan.pages}
        self.written: dict[str, WrittenPage] = {w.src: w for w in self.plan.written}
        #: the pages the theme frames, materialised once (their context is read twice)
        self.materialized: dict[str, PlannedPage] = {}

    def spec(self, src: str) -> PlannedPage | None:
        """The planned page at ``src`` (a page the theme frames), or None."""
        if src not in self.materialized:
            planned = self.pages.get(src)
            if planned is None:
                return None
            self.materialized[src] = planned.materialize()
        return self.materialized[src]


def _themed(plan: SitePlan, nav: list[Any]) -> set[str]:
    """The planned pages the theme renders itself: those the frame links to (the navigation,
    which marks them active; the header's and footer's links, which point at "./" from the
    page itself) or lies above (a frame link into the page's folder is relative to it), and
    those not in a folder of their own (``x/index.md``)."""
    chrome = plan.chrome
    targets = {ids.written_page_url(src) for src in _nav_sources(nav)}
    targets |= {chrome.home, chrome.search, chrome.open_data, chrome.sitemap, chrome.feed_all}
    targets |= {path for _, path in chrome.feeds} | {chrome.logo, chrome.contacts_page or ""}
    targets.discard("")
    return {
        p.src
        for p in plan.pages
        if not p.src.endswith("/index.md") or any(t.startswith(p.url) for t in targets)
    }


def _nav_sources(nav: list[Any] | None) -> set[str]:
    """Source paths named in the ``nav`` of mkdocs.yml."""
    found: set[str] = set()
    for entry in nav or []:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            found |= _nav_sources(target)
        elif isinstance(target, str):
            found.add(target)
    return found


def _without(nav: list[Any], absent: set[str]) -> list[Any]:
    """The navigation without entries for optional sections this build does not publish
    (a project without ``data/tiep-can-thong-tin.yaml``): MkDocs would warn, and a
    ``--strict`` build fail, on a nav entry naming a page that does not exist."""
    kept: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            title, target = next(iter(entry.items()))
            if isinstance(target, list):
                children = _without(target, absent)
                if children:
                    kept.append({title: children})
                continue
            if target in absent:
                continue
        elif entry in absent:
            continue
        kept.append(entry)
    return kept


def _build(config: MkDocsConfig) -> _Build:
    state = getattr(config, STATE, None)
    if not isinstance(state, _Build):
        raise PluginError("congkhai: on_config did not run (hooks misconfigured?)")
    return state


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).parent
    try:
        plan = build_site(
            root,
            dates.as_of(),
            site_url=config.site_url or None,
            docs_dir=Path(config.docs_dir),
            markdown=(list(config.markdown_extensions), dict(config.mdx_configs)),
            # the volume's pages are made when written: no process holds them all
            defer=True,
        )
        plan, digests = _served_plan_checked(plan) if _SERVING else (plan, {})
    except (DataError, dates.DateFormatError) as exc:
        raise PluginError(str(exc)) from None
    config.site_name = plan.chrome.agency
    planned = {page.src for page in plan.pages}
    absent = {ids.page_src(url) for url in OPTIONAL_SECTIONS} - planned
    if config.nav and absent:
        config.nav = _without(config.nav, absent)
    config.extra["congkhai"] = plan.chrome
    final_dir = Path(config.site_dir)
    config.site_dir = str(staging.staging_dir(final_dir))
    templates = Path(config.theme.custom_dir or root / "overrides") / "congkhai"
    state = _Build(plan, make_env(templates), final_dir, templates=templates, digests=digests)
    if os.environ.get("CONGKHAI_SHELL", "1") == "0" or config.nav is None:
        state.themed = set(state.pages)  # without a nav every page may be in the auto nav
    else:
        state.themed = _themed(plan, config.nav)
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in [h for h in mkdocs_log.handlers if isinstance(h, _WarningCounter)]:
        mkdocs_log.removeHandler(handler)  # left by an earlier build that failed
    mkdocs_log.addHandler(state.warnings)
    setattr(config, STATE, state)
    return config


def _served_plan_checked(plan: SitePlan) -> tuple[SitePlan, dict[str, bytes]]:
    """While serving (the served folder is written in place, so nothing may be written
    before the gate has passed everything): each page made, for its digest (the render
    cache's key) and the gate's net, then let go (a page whose key changed is made again
    when it is written); the search index built and checked. Returns the plan
    with the index's files and the pages' digests by source path; raises ``DataError`` when
    the net finds anything."""
    net = plan.unchecked
    assert net is not None  # build_site(defer=True)
    digests: dict[str, bytes] = {}
    found: list[gate.PageFindings] = []
    for planned in plan.pages:
        page = planned.materialize()
        digests[planned.src] = digest = rendercache.page_digest(page)
        found.append(net.page(page, digest))
    files, stats, in_index = _search_index_checked(plan, net)
    net.finish(found, later=in_index)
    with_index = plan.files + tuple(files)
    plan = replace(plan, files=with_index, search_stats=stats, search_records=None, unchecked=None)
    return plan, digests


def _search_index_checked(
    plan: SitePlan, net: gate.PrivacyNet
) -> tuple[list[DataFile], SearchStats, list[tuple[str, list[Finding]]]]:
    """The search index a deferred plan left to build: its files, figures, and what the
    gate's net found in them (path, findings)."""
    assert plan.search_records is not None  # build_site(defer=True)
    files, stats = search_index(plan.search_records())
    return files, stats, [(f.path, found) for f in files if (found := net.file(f.path, f.content))]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _build(config)
    plan = state.plan
    generated = [
        *(
            File.generated(config, p.src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            for p in plan.pages
            if p.src in state.themed
        ),
        *(_data_file(config, d.path, d.content) for d in plan.files),
    ]
    # planned pages replace docs/ ones
    drop = plan.excluded | set(state.pages) | {f.src_uri for f in generated}
    kept = [f for f in files if f.src_uri not in drop]
    state.page_order = [
        *(f.src_uri for f in kept if f.is_documentation_page()),
        *(p.src for p in plan.pages),
    ]
    return Files([*kept, *generated])


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state = _build(config)
    state.nav, state.files = nav, files
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    _build(config).env_theme = env
    env.bytecode_cache = _THEME_BYTECODE  # the theme's templates compiled once per process
    return env


def _data_file(config: MkDocsConfig, path: str, content: bytes) -> File:
    """A data file copied as it is. MkDocs 1.6 renders every source named ``*.md`` as a
    page, so a Markdown download (``bao-cao-nam/2021/bao-cao-2021.md``) gets another source
    name and keeps its path as destination."""
    if not path.endswith(".md"):
        return File.generated(config, path, content=content)
    file = File.generated(config, path + ".tai-ve", content=content)
    file.dest_uri = path
    return file


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build(config)
    # The sitemap's <lastmod> and its gzip stamp: the as-of date, not the clock.
    page.update_date = state.plan.as_of.isoformat()
    spec = state.spec(page.file.src_uri)
    if spec is None:  # staff front matter never reaches the frame's own metadata
        for key in [k for k in page.meta if str(k).startswith("congkhai")]:
            del page.meta[key]
        return markdown
    page.meta.update(_page_meta(state, config, spec))
    return ""


def _page_meta(state: _Build, config: MkDocsConfig, spec: PlannedPage) -> dict[str, Any]:
    """What the theme's templates read of a generated page, the same for both ways of
    rendering it (titles are plain text: the theme overrides escape every title)."""
    return {
        "title": spec.title,
        "congkhai_tab_title": tab_title(spec.title, state.plan.chrome.agency),
        # Generated pages carry their own headings; the table of contents would narrow them.
        "hide": ["toc"],
        "congkhai_head": page_head(spec, state.plan.chrome, config.site_description),
    }


def _content(state: _Build, spec: PlannedPage, resolver: Resolver) -> str:
    """A generated page's content: its template, citations linked, feeds, provenance."""
    content = render(state.env, spec.template, spec.context)
    if "<h1" not in content:  # the theme's fallback heading (partials/content.html)
        heading = spec.title or state.plan.chrome.agency
        content = f"<h1>{html.escape(heading, quote=False)}</h1>\n{content}"
    # Document numbers in any text of any page link to the register (congkhai/citing.py).
    content = link_html(content, spec.url, resolver)
    if spec.feeds:  # the page's own feeds, visible (congkhai/_feeds.html)
        content += render(state.env, "_feeds.html", spec.feeds)
    if spec.provenance is None:
        return content
    return content + render(state.env, "provenance.html", spec.provenance)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build(config)
    spec = state.spec(page.file.src_uri)
    if spec is not None:
        return _themed_content(state, spec)
    # a hand-written page: staff Markdown, sanitised like every other
    content = gate.sanitize(html_text)
    if "title" not in page.meta and page.title:  # MkDocs gives an <h1> title as HTML
        page.meta["title"] = html.unescape(page.title)
    written = state.written[page.file.src_uri]
    content = link_html(content, written.url, state.plan.index.resolver)
    return content + render(state.env, "provenance.html", written.provenance)


def _themed_content(state: _Build, spec: PlannedPage) -> str:
    """The content of a generated page the theme frames; while serving, the content of the
    last build when the page's inputs are the same (:mod:`congkhai.rendercache`)."""
    resolver = state.plan.index.resolver
    if not _SERVING:
        return _content(state, spec, resolver)
    key = rendercache.page_key(state.digests[spec.src], state.templates_digest)
    slot = (state.final_dir.resolve(), spec.src)
    before = _THEMED.get(slot)
    if before is not None and before[0].still_valid(key, resolver):
        return before[1]
    recorder = rendercache.RecordingResolver(resolver)
    content = _content(state, spec, recorder)
    _THEMED[slot] = rendercache.Rendered(key, tuple(recorder.asked)), content
    return content


def on_post_build(config: MkDocsConfig) -> None:
    try:
        _post_build(config, _build(config))
    finally:
        # `mkdocs serve` keeps its first build's config for the whole session: without
        # this, that build's plan (about 2 GB at 100,000 documents) would stay beside
        # every later one
        delattr(config, STATE)


def _post_build(config: MkDocsConfig, state: _Build) -> None:
    logging.getLogger("mkdocs").removeHandler(state.warnings)
    if config.strict and state.warnings.count:
        _log_summary(state.plan)
        staging.discard(Path(config.site_dir))  # MkDocs aborts next: the old site stays
        return
    built, final = Path(config.site_dir), state.final_dir
    previous = _RECORDS.previous(final) if _SERVING and final.is_dir() else None
    if previous is None:  # a build: the whole site into the staging folder, then swapped
        try:
            rendered = _write_spliced(state, config, built, {})
            _write_sitemap(state, config)
            stats = rendered.search_stats or state.plan.search_stats
            _log_summary(replace(state.plan, search_stats=stats))
            if not _SERVING:  # serving checked every page in on_config
                assert state.plan.unchecked is not None  # build_site(defer=True)
                _finish_gate(state, state.plan.unchecked, rendered)
        except BaseException:  # refused or failed: nothing unchecked stays beside the site
            staging.discard(built)
            raise
        staging.swap(built, final, background=_SERVING)
        files = staging.files_of(final) if _SERVING else set()
    else:  # serving again: changed pages in place, the theme's files moved in, stale removed
        _log_summary(state.plan)
        _write_spliced(state, config, final, previous.pages)
        _write_sitemap(state, config)
        files = staging.merge_into(built, final) | set(state.rendered)
        staging.remove_stale(final, previous.files - files)
    config.site_dir = str(final)
    if _SERVING:
        _RECORDS.publish(final, rendercache.Published(state.rendered, frozenset(files)))


def _log_summary(plan: SitePlan) -> None:
    for line in summary(plan):
        log.info("congkhai: %s", line)


def _finish_gate(state: _Build, net: gate.PrivacyNet, rendered: _Rendered) -> None:
    """The gate's check of every page and data file (``build_site(defer=True)`` left it
    to the build): the workers gave back what they found in the pages and search index
    they wrote, the theme's pages are checked here. Anything found stops the build (the
    staged site is then thrown away, the old one stays)."""
    found = rendered.pages
    for i, planned in enumerate(state.plan.pages):
        if planned.src in state.themed and (page := state.spec(planned.src)) is not None:
            found[i] = net.page(page)
    try:
        pages = (found[i] for i in sorted(found))
        net.finish(pages, rendered.files_found, rendered.search_found)
    except DataError as exc:
        raise PluginError(str(exc)) from None


def on_build_error(error: Exception) -> None:
    """No config here: the next build's ``on_config`` removes the unfinished folder."""


def _prototype(state: _Build, config: MkDocsConfig, src: str) -> tuple[Shell, str]:
    """The frame for every page in the folder above ``src``'s: the theme renders a page made
    of tokens there (see :mod:`congkhai.shell`). Returns the frame and the prototype's
    destination (``van-ban/ckSHELLq7page/index.html``)."""
    if state.env_theme is None or state.nav is None or state.files is None:
        raise PluginError(
            "congkhai: hooks/congkhai.py không chuyển sự kiện on_nav, on_env cho congkhai "
            "(hooks/congkhai.py does not forward on_nav and on_env: copy it from congkhai)"
        )
    *parents, _, name = src.split("/")
    proto_src = "/".join([*parents, URL_SEGMENT, name])
    file = File.generated(config, proto_src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    page = Page(TOKENS["title"], file, config)
    page.markdown = ""
    page.toc = get_toc([])
    page.update_date = state.plan.as_of.isoformat()
    page.meta = {
        "title": TOKENS["title"],
        "congkhai_tab_title": TOKENS["tab_title"],
        "hide": ["toc"],
        "congkhai_head": TOKENS["head"],
    }
    page.content = TOKENS["content"]
    page.active = True
    try:
        context = get_context(state.nav, state.files.documentation_pages(), config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=state.nav)
        output = state.env_theme.get_template("main.html").render(context)
    finally:
        page.active = False
    try:
        shell = Shell.parse(output, page.url, proto_src)
    except ShellError as exc:
        raise PluginError(str(exc)) from None
    return shell, file.dest_uri


def _write_spliced(
    state: _Build, config: MkDocsConfig, out: Path, previous: dict[str, rendercache.Rendered]
) -> _Rendered:
    """Every planned page the theme did not render, written into ``out`` as its frame
    filled in. While serving, a page rendered from the same inputs as the one published
    last time is left as it is (``out`` is the published folder: ``previous`` says what its
    pages were made from; :mod:`congkhai.rendercache`); a cold build of many pages renders
    them in worker processes (:func:`_workers`), each page made, written and checked by the
    gate's net in turn (:func:`_render_all`).
    Plugins' ``on_page_context`` runs once per frame; ``on_post_page`` does not run for
    these pages (no plugin of this site uses it)."""
    resolver = state.plan.index.resolver
    shells: dict[tuple[str, ...], tuple[Shell, str, bytes]] = {}
    templates = state.templates_digest if _SERVING else b""
    site_wide = pickle.dumps((state.plan.chrome, config.site_description))
    jobs: list[_Job] = []
    for index, spec in enumerate(state.plan.pages):
        if spec.src in state.themed:
            continue
        src = spec.src
        # Links in the frame are relative: they depend on the folders above the page, so
        # pages share a frame when only their own folder differs (van-ban/<số hiệu>/).
        key = _shell_key(src)
        if key not in shells:
            shell, proto_dest = _prototype(state, config, src)
            salt = rendercache.digest(templates, site_wide, "\0".join(shell.parts).encode())
            shells[key] = shell, proto_dest, salt
        shell, proto_dest, salt = shells[key]
        dest = proto_dest.replace(URL_SEGMENT, src.split("/")[-2], 1)
        if not _SERVING:
            jobs.append(_Job(index, spec, shell, dest))
            continue
        page_key = rendercache.page_key(state.digests[src], salt)
        before = previous.get(dest)
        if before is not None and before.still_valid(page_key, resolver) and (out / dest).is_file():
            state.rendered[dest] = before
            continue
        recorder = rendercache.RecordingResolver(resolver)
        _write_page(state, config, _Job(index, spec, shell, dest), recorder, out)
        state.rendered[dest] = rendercache.Rendered(page_key, tuple(recorder.asked))
        jobs.append(_Job(index, spec, shell, dest))
    if _SERVING:
        log.info(
            "congkhai: dựng lại %d trang, giữ nguyên %d trang (pages re-rendered, kept)",
            len(jobs),
            len(state.rendered) - len(jobs),
        )
        return _Rendered()
    return _render_all(state, config, jobs, out)


@dataclass(frozen=True)
class _Job:
    index: int  # in the plan's pages
    planned: AnyPage
    shell: Shell
    dest: str


def _write_page(
    state: _Build, config: MkDocsConfig, job: _Job, resolver: Resolver, out: Path
) -> PlannedPage:
    """Writes the job's page; returns it as made (for the gate's net)."""
    spec = job.planned.materialize()
    values = {
        "title": spec.title,
        "tab_title": tab_title(spec.title, state.plan.chrome.agency),
        "head": page_head(spec, state.plan.chrome, config.site_description),
        "content": _content(state, spec, resolver),
        "url": spec.url,
        "src": spec.src,
    }
    path = out / job.dest
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(job.shell.fill(values).encode("utf-8", errors="xmlcharrefreplace"))
    return spec


def _workers(pages: int) -> int:
    """Processes to render ``pages`` with: ``CONGKHAI_WORKERS`` if set, else one per core
    available (at most 4) once there are enough pages to pay for starting them, and one
    where processes cannot be forked (the children inherit the plan; nothing is copied)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    wanted = os.environ.get("CONGKHAI_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return min(4, len(os.sched_getaffinity(0))) if pages >= 2000 else 1


@dataclass
class _Rendered:
    """What the processes of a cold build did besides writing: what the gate's net found
    in each page (by its place in the plan), and the search index they wrote (its figures,
    what the net found in each of its files)."""

    pages: dict[int, gate.PageFindings] = field(default_factory=dict)
    search_stats: SearchStats | None = None
    search_found: list[tuple[str, list[Finding]]] = field(default_factory=list)
    #: what the net found in the plan's data files (checked by this process, while a
    #: worker builds the search index)
    files_found: list[tuple[str, list[Finding]]] | None = None

    def update(self, other: _Rendered) -> None:
        """Adds what a worker did (it builds the search index or not; never the files)."""
        self.pages.update(other.pages)
        if other.search_stats is not None:
            self.search_stats = other.search_stats
            self.search_found = other.search_found


#: pages a process takes at a time from the shared queue of a cold build
_CHUNK = 32


def _render_all(state: _Build, config: MkDocsConfig, jobs: list[_Job], out: Path) -> _Rendered:
    """Renders ``jobs`` in this process and forked workers, which take pages in chunks
    from a shared counter (so the process that also builds the search index takes fewer).
    Each page is made (its context), written and checked by the gate's net (the plan left
    the check of its pages and files to the build: ``build_site(defer=True)``); one worker
    builds and writes the search index, this process checks the plan's data files."""
    net = state.plan.unchecked
    assert net is not None  # a cold build's plan is always made with defer=True
    workers = _workers(len(jobs))
    resolver = state.plan.index.resolver
    fork = multiprocessing.get_context("fork") if workers > 1 else None
    taken = (
        fork.Value("i", 0) if fork else SimpleNamespace(value=0, get_lock=contextlib.nullcontext)
    )

    def work(search: bool, check_files: bool) -> _Rendered:
        done = _Rendered()
        if check_files:
            done.files_found = net.files()
        if search:
            files, done.search_stats, done.search_found = _search_index_checked(state.plan, net)
            for data in files:
                path = out / data.path
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data.content)
        seen: set[str] = set()  # a value is reported once: its first place is enough
        while True:
            with taken.get_lock():
                first = taken.value
                taken.value = first + _CHUNK
            if first >= len(jobs):
                return done
            for job in jobs[first : first + _CHUNK]:
                page = _write_page(state, config, job, resolver, out)
                if on_page := [f for f in net.page(page) if f[0].value not in seen]:
                    seen.update(f[0].value for f in on_page)
                    done.pages[job.index] = on_page

    pipes = [fork.Pipe(duplex=False) for _ in range(1, workers)] if fork else []

    def child(n: int) -> None:
        for i, (reader, writer) in enumerate(pipes):  # only its own end stays open
            reader.close()
            if i != n:
                writer.close()
        pipes[n][1].send(work(search=n == 0, check_files=False))
        pipes[n][1].close()

    children = [fork.Process(target=child, args=(n,)) for n in range(len(pipes))] if fork else []
    finished = False
    try:
        for process in children:
            process.start()
        for _, writer in pipes:
            writer.close()  # only the children write: a child that dies reads as EOFError
        rendered = work(search=not children, check_files=True)
        for reader, _ in pipes:  # read before joining: a child waits until its pipe is read
            with contextlib.suppress(EOFError):  # it failed before sending: said below
                rendered.update(reader.recv())
        finished = True
    finally:
        for process in children:
            if process.pid is None:
                continue  # never started
            if not finished:  # this process failed: its message is on its way up
                process.terminate()
            process.join()
    if any(process.exitcode != 0 for process in children):
        raise PluginError(
            "congkhai: một tiến trình dựng trang gặp lỗi, xem thông báo ở trên "
            "(a page-rendering worker failed: see its message above)"
        )
    return rendered


def _shell_key(src: str) -> tuple[str, ...]:
    *parents, _, name = src.split("/")
    return (*parents, name)


def _write_sitemap(state: _Build, config: MkDocsConfig) -> None:
    """sitemap.xml (and .gz) of every page, in MkDocs' order and by the theme's template:
    the theme's own sitemap lists only the pages it rendered."""
    if state.env_theme is None or state.files is None:
        return  # _prototype said why
    themed = {f.src_uri: f for f in state.files.documentation_pages()}
    site_url = config.site_url or None
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    as_of = state.plan.as_of.isoformat()
    entries: list[Any] = []
    for src in state.page_order:
        if src in themed:
            entries.append(themed[src])
            continue
        # what the template reads of a page, as MkDocs' Page would have it (not 10,000 Pages)
        canonical = urljoin(site_url, state.pages[src].url) if site_url else None
        page = SimpleNamespace(
            is_link=False,
            canonical_url=canonical,
            abs_url=urlsplit(canonical).path if canonical else None,
            update_date=as_of,
        )
        entries.append(SimpleNamespace(page=page))
    context = get_context(state.nav or Navigation([], []), entries, config)
    output = state.env_theme.get_template("sitemap.xml").render(context)
    path = Path(config.site_dir) / "sitemap.xml"
    path.write_bytes(output.encode("utf-8"))
    stamp = get_build_timestamp(pages=[f.page for f in entries if f.page is not None])
    with (
        open(f"{path}.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=f"{path}.gz", mode="wb", mtime=stamp) as gz,
    ):
        gz.write(output.encode("utf-8"))
