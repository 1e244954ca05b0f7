"""Biểu đồ (charts) drawn at build time as inline SVG: no script and no library in the browser.

The SVG scales with its ``viewBox`` to the width of the page, so a font size in viewBox units
is rendered at ``font_size * rendered_width / width`` pixels. A chart meant to be read on a
phone is laid out for :data:`PHONE_WIDTH` pixels with :func:`font_for` (labels above their
bars, so long Vietnamese labels keep their size instead of being squeezed beside the bar).
Every chart has a ``<title>`` and a ``<desc>`` listing its values; the table beside it is its
text alternative.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

#: the narrowest screen the accessibility tests use, in CSS pixels
PHONE_WIDTH = 360
#: the smallest font size readable there (CSS pixels)
MIN_FONT_PX = 12
#: The width a chart is shown at on a 360 px phone: the page's content box, i.e. the
#: screen less Material 9's ``.md-content__inner`` margins (2 × .8rem = 32 px), rounded
#: down. Phone charts size their font for this width so text renders at 12 px or more.
PHONE_CONTENT_PX = 320


def font_for(width: int, min_px: int = MIN_FONT_PX, at_px: int = PHONE_WIDTH) -> int:
    """Font size in viewBox units that renders at ``min_px`` or more when a chart whose
    viewBox is ``width`` wide is shown ``at_px`` pixels wide."""
    return math.ceil(min_px * width / at_px)


def bar_chart(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, int]],
    *,
    width: int = 640,
    label_width: int = 260,
    font_size: int = 13,
    labels_above: bool = False,
    css_class: str = "ck-chart",
) -> str:
    """A horizontal bar chart of ``(label, count)`` items. The defaults are the dialogue
    statistics' layout (label left of its bar); ``labels_above`` puts each label on its own
    line above a full-width bar, for charts read at :data:`PHONE_WIDTH`."""
    top = max((count for _, count in items), default=0) or 1
    desc = "; ".join(f"{label}: {count}" for label, count in items)
    if labels_above:
        bar_h, gap = font_size + 8, 6
        row_h = font_size + 4 + bar_h + gap
        left, room = 0, width - 4 * font_size
    else:
        bar_h, gap = 22, 8
        row_h = bar_h + gap
        left, room = label_width, width - label_width - 60
    height = len(items) * row_h + gap
    parts = [
        f'<svg class="{css_class}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for i, (label, count) in enumerate(items):
        w = max(round(room * count / top), 1)
        if labels_above:
            y = gap + i * row_h
            bar_y = y + font_size + 4
            parts.append(
                f'<text x="0" y="{y + font_size}" font-size="{font_size}" fill="#1f1f1f">{escape(label)}</text>'
                f'<rect x="0" y="{bar_y}" width="{w}" height="{bar_h}" fill="#3949ab"/>'
                f'<text x="{w + 6}" y="{bar_y + bar_h - 5}" font-size="{font_size}" fill="#1f1f1f">{count}</text>'
            )
            continue
        y = gap + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_h - 6}" text-anchor="end" font-size="{font_size}" fill="#1f1f1f">{escape(label)}</text>'
            f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#3949ab"/>'
            f'<text x="{left + w + 6}" y="{y + bar_h - 6}" font-size="{font_size}" fill="#1f1f1f">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def phone_bar_chart(
    chart_id: str, title: str, items: Sequence[tuple[str, int]], *, css_class: str = ""
) -> str:
    """:func:`bar_chart` laid out for a phone: viewBox :data:`PHONE_WIDTH` wide, labels
    above the bars, font from :func:`font_for` for :data:`PHONE_CONTENT_PX` (12 px on a
    360 px screen, larger on wider ones up to the ``ck-chart--phone`` maximum width)."""
    return bar_chart(
        chart_id,
        title,
        items,
        width=PHONE_WIDTH,
        font_size=font_for(PHONE_WIDTH, at_px=PHONE_CONTENT_PX),
        labels_above=True,
        css_class=" ".join(("ck-chart ck-chart--phone", css_class)).strip(),
    )
