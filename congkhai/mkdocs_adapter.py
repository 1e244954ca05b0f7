"""The only module that knows MkDocs (or ProperDocs, its fork): the site plan in, files out.

``on_config`` asks :func:`congkhai.site.build_site` for the plan (data errors and the gate's
refusals stop the build before anything is written) and points the build at a staging
folder; ``on_files`` maps the plan to generated files; the page events render each planned
page; ``on_post_build`` swaps the finished folder into place. The build's state lives on the
config object, new for every build: nothing outlives it.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import dates, gate, ids, staging
from .citing import link_html
from .problems import DataError
from .render import make_env, render
from .site import OPTIONAL_SECTIONS, PlannedPage, SitePlan, WrittenPage, build_site, summary

log = logging.getLogger("mkdocs.plugins.congkhai")
STATE = "_congkhai_build"


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

    def __post_init__(self) -> None:
        self.pages: dict[str, PlannedPage] = {p.src: p for p in self.plan.pages}
        self.written: dict[str, WrittenPage] = {w.src: w for w in self.plan.written}


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
        )
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
    state = _Build(plan, make_env(templates), final_dir)
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in [h for h in mkdocs_log.handlers if isinstance(h, _WarningCounter)]:
        mkdocs_log.removeHandler(handler)  # left by an earlier build that failed
    mkdocs_log.addHandler(state.warnings)
    setattr(config, STATE, state)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    plan = _build(config).plan
    generated = [
        *(
            File.generated(config, p.src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            for p in plan.pages
        ),
        *(_data_file(config, d.path, d.content) for d in plan.files),
    ]
    drop = plan.excluded | {f.src_uri for f in generated}  # planned pages replace docs/ ones
    return Files([*(f for f in files if f.src_uri not in drop), *generated])


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
    spec = state.pages.get(page.file.src_uri)
    if spec is None:  # staff front matter never reaches the frame's own metadata
        for key in [k for k in page.meta if str(k).startswith("congkhai")]:
            del page.meta[key]
        return markdown
    page.meta["title"] = spec.title  # plain text: the theme overrides escape every title
    # Generated pages carry their own headings; the table of contents would narrow them.
    page.meta["hide"] = ["toc"]
    if spec.dublin_core:
        page.meta["congkhai_dc"] = spec.dublin_core
    if spec.json_ld:
        page.meta["congkhai_jsonld"] = spec.json_ld
    if spec.feeds:
        page.meta["congkhai_feeds"] = spec.feeds
    return ""


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build(config)
    spec = state.pages.get(page.file.src_uri)
    if spec is not None:
        content = render(state.env, spec.template, spec.context)
        provenance, url = spec.provenance, spec.url
    else:  # a hand-written page: staff Markdown, sanitised like every other
        content = gate.sanitize(html_text)
        if "title" not in page.meta and page.title:  # MkDocs gives an <h1> title as HTML
            page.meta["title"] = html.unescape(page.title)
        written = state.written[page.file.src_uri]
        provenance, url = written.provenance, written.url
    # Document numbers in any text of any page link to the register (congkhai/citing.py).
    content = link_html(content, url, state.plan.index.resolver)
    if spec is not None and spec.feeds:  # the page's own feeds, visible (congkhai/_feeds.html)
        content += render(state.env, "_feeds.html", spec.feeds)
    if provenance is None:
        return content
    return content + render(state.env, "provenance.html", provenance)


def on_post_build(config: MkDocsConfig) -> None:
    state = _build(config)
    logging.getLogger("mkdocs").removeHandler(state.warnings)
    for line in summary(state.plan):
        log.info("congkhai: %s", line)
    if config.strict and state.warnings.count:
        staging.discard(Path(config.site_dir))  # MkDocs aborts next: the old site stays
        return
    staging.swap(Path(config.site_dir), state.final_dir)
    config.site_dir = str(state.final_dir)


def on_build_error(error: Exception) -> None:
    """No config here: the next build's ``on_config`` removes the unfinished folder."""
