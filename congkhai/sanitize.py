"""Làm sạch HTML và địa chỉ (sanitising staff HTML and configured URLs).

Staff write Markdown (notices, full texts, hand-written pages); Python-Markdown passes raw
HTML through, so its output is cleaned after rendering by nh3, the Python binding of the Rust
``ammonia`` sanitiser (``bleach`` is deprecated). The allow-list covers what Python-Markdown
produces with the extensions in ``mkdocs.yml`` (toc, tables, attr_list, admonition,
md_in_html, def_list): headings with ids, permalinks, tables, lists, definition lists, links,
images, code, quotes, admonitions, ``abbr``. Nothing else survives: no ``script``, ``style``,
``iframe``, ``form`` or ``object`` element, no ``style`` or ``on*`` attribute, no URL scheme
other than ``http``, ``https``, ``mailto``, ``tel`` (relative URLs are kept).

Consequence for staff: a table column aligned with ``:---:`` loses its alignment, because
Python-Markdown writes it as a ``style`` attribute (``tables: use_align_attribute: true`` in
``mkdocs.yml`` would write ``align``, which is allowed).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

import nh3

#: Elements Python-Markdown and its enabled extensions produce, plus harmless inline markup
#: staff paste from word processors. Everything else is removed, its text kept (the
#: contents of ``script``/``style`` are dropped by nh3 with the element).
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)

#: ``class`` everywhere (admonitions, ``a.headerlink``, attr_list classes); ``id`` only on
#: headings, where the toc extension puts the anchors, and on paragraphs only in the shape of
#: ``congkhai.structure``'s clause and point anchors (ids elsewhere could shadow the ids the
#: site's own scripts look up); ``aria-label`` on links names the structure's copy links.
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "title", "lang", "dir"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "aria-label"},
    "p": {"id"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"datetime"},
    "ins": {"datetime"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

#: ids a paragraph may keep: ``dieu-5-khoan-2``, ``muc-iii-2`` (see ``congkhai.structure``)
_PARAGRAPH_ID = re.compile(r"(?:dieu|muc|phu-luc|phan|chuong)(?:-[a-z0-9]+)+")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "p" and attribute == "id":
        return value if _PARAGRAPH_ID.fullmatch(value) else None
    return value


def sanitize_html(html: str) -> str:
    """The same HTML with every element, attribute and URL outside the allow-list removed.

    Contract: markup Python-Markdown produces from ordinary staff Markdown comes out
    equivalent (same elements, attributes and text; only the serialisation may differ,
    ``<br />`` -> ``<br>``, ``&para;`` -> ``¶``). No ``rel`` is added to links: nothing may
    set ``target``, so ``noopener`` would protect nothing and would only change the shipped
    pages. Comments are dropped.
    """
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_keep_attribute,
        link_rel=None,
        strip_comments=True,
    )


def _is_invisible_or_space(char: str) -> bool:
    # Cc: controls (tab, newline, NUL, DEL); Cf: zero-width and bidi overrides; Z*: spaces.
    # Browsers strip or reinterpret these, which is how "java\tscript:" slips past a check.
    return unicodedata.category(char)[0] in "CZ"


#: Characters that have no business in an edit link and would matter if a template ever
#: printed the URL without escaping.
_FORBIDDEN_IN_URL = frozenset("\"'<>\\`{}|^")


def safe_url(url: str) -> str | None:
    """``url`` itself if it is an absolute ``https://`` URL with a host and nothing a browser
    would strip or reinterpret (whitespace, control or invisible characters, quotes, angle
    brackets, backslashes); otherwise ``None``. For edit and repository links, which must
    never run script (``javascript:``), embed data (``data:``) or travel in clear (``http:``).
    """
    if not url or any(_is_invisible_or_space(c) or c in _FORBIDDEN_IN_URL for c in url):
        return None
    if not url.startswith("https://"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket in the host
        return None
    if parts.scheme != "https" or not parts.hostname:
        return None
    return url
