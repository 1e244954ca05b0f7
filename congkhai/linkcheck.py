"""Kiểm tra liên kết nội bộ của cổng đã dựng (internal link checker for a built site).

``mkdocs build --strict`` checks the links of Markdown pages only; the pages congkhai renders
from Jinja templates, and the theme's own links, are never checked by MkDocs. This module
reads the built HTML back, so it sees exactly what a visitor's browser sees. It needs only
the standard library: the test suite, CI and the benchmark can all call :func:`check_site`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Schemes that leave the site (or inline their content): not checked, the checker works
#: offline. ``webcal:`` is how reception pages offer their calendar feed for subscription.
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data", "webcal"})

#: Attributes that name a resource the browser follows or loads.
LINK_ATTRIBUTES = ("href", "src")


@dataclass(frozen=True)
class BrokenLink:
    """Một liên kết hỏng (a broken link): where it is, what it says, why it fails.

    ``page`` is the HTML file relative to the site folder (POSIX separators); ``line`` and
    ``column`` are 1-based positions of the tag that carries the attribute.
    """

    page: str
    line: int
    column: int
    attribute: str
    url: str
    reason: str

    def __str__(self) -> str:
        return (
            f'{self.page}:{self.line}:{self.column}: {self.attribute}="{self.url}": {self.reason}'
        )


@dataclass(frozen=True)
class _Link:
    line: int
    column: int
    attribute: str
    url: str


class _PageParser(HTMLParser):
    """Collects the anchors (``id``, ``name``) and the links (``href``, ``src``) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[_Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in LINK_ATTRIBUTES:
                self.links.append(_Link(line, offset + 1, name, value))

    handle_startendtag = handle_starttag


@dataclass(frozen=True)
class _Page:
    anchors: frozenset[str]
    links: tuple[_Link, ...]


def _parse(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return _Page(frozenset(parser.anchors), tuple(parser.links))


def check_site(site_dir: Path, *, site_url: str | None = None) -> list[BrokenLink]:
    """Every broken internal link of the site built in ``site_dir``, in page order.

    Contract: each ``href`` and ``src`` of every ``.html`` file is resolved against the
    built tree: relative URLs from the page's folder, root-relative ones (``/van-ban/``) from
    the site root, or from the path of ``site_url`` when the site is published under a
    sub-path; absolute URLs that start with ``site_url`` count as internal too. Directory
    URLs resolve to their ``index.html``; query strings are ignored; paths are
    percent-decoded (UTF-8). A ``#fragment`` must name an ``id`` (or an ``<a name>``) of the
    target HTML page; an empty fragment (``#``) is the top of the page. Other schemes
    of :data:`EXTERNAL_SCHEMES` and protocol-relative URLs are not checked; ``javascript:``
    and any other scheme (``file:``...) are reported. Returns an empty list when every link
    resolves.
    """
    site_dir = site_dir.resolve()
    # "https://host/repo" and "https://host/repo/" both publish the site under "/repo/".
    prefix = site_url.rstrip("/") + "/" if site_url else None
    base_path = urlsplit(prefix).path if prefix else "/"
    pages: dict[str, _Page] = {
        path.relative_to(site_dir).as_posix(): _parse(path)
        for path in sorted(site_dir.rglob("*.html"))
    }
    broken: list[BrokenLink] = []
    for page_path, page in pages.items():
        for link in page.links:
            reason = _check(link.url, page_path, site_dir, pages, prefix, base_path)
            if reason:
                broken.append(
                    BrokenLink(page_path, link.line, link.column, link.attribute, link.url, reason)
                )
    return broken


def _check(
    url: str,
    page_path: str,
    site_dir: Path,
    pages: dict[str, _Page],
    prefix: str | None,
    base_path: str,
) -> str | None:
    """Why ``url`` on ``page_path`` does not resolve, or None when it does."""
    url = url.strip()  # browsers ignore surrounding whitespace in URLs
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "javascript":
        return "liên kết javascript: (a javascript: link; use a button or a real address)"
    if prefix is not None and url.startswith(prefix):
        parts = urlsplit(url[len(prefix) :])
        target = base_path + unquote(parts.path, encoding="utf-8", errors="replace")
    elif scheme in EXTERNAL_SCHEMES or (not scheme and parts.netloc):
        return None  # leaves the site, or protocol-relative "//host/..."
    elif scheme:
        # file:, ftp:... point at nothing a visitor can reach (file: leaks a local path).
        return f'giao thức "{scheme}:" không dùng được trên cổng (a scheme visitors cannot follow)'
    else:
        # A malformed escape decodes to U+FFFD: no such file, reported below.
        target = unquote(parts.path, encoding="utf-8", errors="replace")
    if not target:
        resolved = page_path  # "#fragment" or "?q=...": this very page
    elif target.startswith("/"):
        if not target.startswith(base_path):
            return f'nằm ngoài đường dẫn gốc "{base_path}" của cổng (outside the site\'s base path)'
        resolved = target[len(base_path) :]
    else:
        resolved = posixpath.join(posixpath.dirname(page_path), target)
    # normpath keeps a leading "..": a link above the site folder stays detectable.
    resolved = posixpath.normpath(resolved)
    if resolved == ".." or resolved.startswith("../"):
        return "trỏ ra ngoài thư mục cổng (points above the site folder)"
    directory = target.endswith("/")
    file = _target_file(site_dir, resolved, directory=directory)
    if file is None:
        missing = (
            posixpath.normpath(posixpath.join(resolved, "index.html")) if directory else resolved
        )
        return f'không có tệp "{missing}" trong cổng đã dựng (no such file in the built site)'
    fragment = unquote(parts.fragment, encoding="utf-8", errors="replace")
    if fragment and file.endswith(".html"):
        anchors = pages[file].anchors if file in pages else frozenset()
        if fragment not in anchors:
            return (
                f'không có phần tử id="{fragment}" trong "{file}" '
                "(no element with this id or name in the target page)"
            )
    return None


def _target_file(site_dir: Path, resolved: str, *, directory: bool) -> str | None:
    """The built file a resolved path serves (site-relative), or None if there is none.

    A directory URL, with or without its trailing slash, serves its ``index.html``, as
    static hosts (GitHub Pages, nginx, ``mkdocs serve``) do."""
    path = site_dir / resolved if resolved != "." else site_dir
    if path.is_file() and not directory:
        return resolved
    if path.is_dir() and (path / "index.html").is_file():
        return posixpath.normpath(posixpath.join(resolved, "index.html"))
    return None
