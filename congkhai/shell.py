"""Một khung, nhiều trang (one frame, many pages): the theme's frame rendered once, filled
per page.

The frame around a generated page (header, navigation, footer, scripts; mkdocs-material's
``base.html``) is the same for every page that is not in the navigation and lies at the
same folder depth: only its title, address, head lines and content differ. The adapter
(:mod:`congkhai.mkdocs_adapter`) has the theme render one *prototype* page per depth whose
title, address, head lines and content are the unique :data:`TOKENS`; :meth:`Shell.parse`
cuts that output at the tokens and :meth:`Shell.fill` puts each page's own values in their
place. At 10,000 documents this replaces 10,000 renders of the theme's frame by a handful.

The values are escaped here exactly as the theme's templates escape them (``| e``, i.e.
:func:`markupsafe.escape`); ``tests/test_shell.py`` builds the same sites both ways (every
page through the theme, ``CONGKHAI_SHELL=0``, and spliced) and compares every byte.

MkDocs-free: the adapter does the theme's part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from .site import Chrome, PlannedPage

#: slot name -> token. Letters and digits only, so that no escaping or URL joining in the
#: theme changes them, and unlike anything a page could contain.
TOKENS = {
    "title": "ckSHELLq7title",
    "tab_title": "ckSHELLq7tab",
    "head": "ckSHELLq7head",
    "content": "ckSHELLq7content",
}
#: the prototype's own folder ("van-ban/ckSHELLq7page/"); its address is a slot too
URL_SEGMENT = "ckSHELLq7page"
SLOTS = ("title", "tab_title", "head", "content", "url", "src")
_ESCAPED = {"title", "tab_title"}


class ShellError(RuntimeError):
    """The theme's output for the prototype page cannot be cut at the tokens."""


@dataclass(frozen=True)
class Shell:
    """The frame of one depth: ``parts`` alternate literal text and slot names."""

    parts: tuple[str, ...]

    @classmethod
    def parse(cls, html: str, url: str, src: str) -> Shell:
        """Cut the prototype's output; ``url`` and ``src`` are the prototype's own address and
        source path (they appear in the canonical link and, with an edit link, its target)."""
        tokens = {**{token: slot for slot, token in TOKENS.items()}, url: "url", src: "src"}
        pattern = re.compile("|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)))
        parts: list[str] = []
        last = 0
        for match in pattern.finditer(html):
            parts += [html[last : match.start()], tokens[match.group()]]
            last = match.end()
        parts.append(html[last:])
        if parts[1::2].count("content") != 1:
            raise ShellError("congkhai: the theme's frame must print page.content exactly once")
        leftover = re.search(r"ckSHELLq7\w*", "".join(parts[0::2]))
        if leftover:  # a token the theme changed on its way (sliced, upper-cased, encoded…)
            raise ShellError(f"congkhai: the theme's frame altered a token: {leftover.group()!r}")
        return cls(tuple(parts))

    def fill(self, values: dict[str, str]) -> str:
        """The page: ``values`` holds every slot of :data:`SLOTS` as plain text (titles) or
        HTML (head lines, content); titles are escaped here, like the theme's ``| e``."""
        filled = [*self.parts]
        for i in range(1, len(filled), 2):
            slot = filled[i]
            value = values[slot]
            filled[i] = str(escape(value)) if slot in _ESCAPED else value
        return "".join(filled)


def tab_title(title: str, site_name: str) -> str:
    """The browser tab's title: "page - office", the office named once (main.html's rule)."""
    if not title:
        return site_name
    return title if site_name in title else f"{title} - {site_name}"


def page_head(page: PlannedPage, chrome: Chrome, site_description: str | None) -> str:
    """A generated page's own head lines (``page.meta.congkhai_head``, printed raw by
    ``overrides/main.html``): the feeds it advertises, its Dublin Core (the site's when the
    page has none of its own) and its JSON-LD."""
    lines = [
        f'<link rel="alternate feed" type="application/atom+xml" title="{escape(f.title)}"'
        f' href="{f.href}">'
        for f in page.feeds
        if f.head
    ]
    if page.dublin_core:
        meta = page.dublin_core
    else:
        meta = (
            ("DC.title", page.title or chrome.agency),
            ("DC.description", str(site_description)),
            *chrome.dublin_core,
            ("DC.identifier", page.url),
        )
    lines += [f'<meta name="{escape(name)}" content="{escape(value)}">' for name, value in meta]
    if page.json_ld:
        lines.append(f'<script type="application/ld+json">{page.json_ld}</script>')
    return "".join("\n  " + line for line in lines)
