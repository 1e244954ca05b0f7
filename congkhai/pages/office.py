"""Trang giới thiệu cơ quan: the organisation (``/co-cau-to-chuc/``) and the administrative
procedures (``/thu-tuc-hanh-chinh/``) pages, from ``organizations.csv``, ``people.csv``,
``co-cau-to-chuc.yaml``, ``thu-tuc-hanh-chinh.csv`` and ``site.yaml``.

The structure chart is an SVG drawn here at build time (:func:`org_chart`). No graph library:
Graphviz needs a system binary and a layout engine for what is an indented tree, and nothing
may run in the reader's browser; the layout below is a few arithmetic lines. The nested list
of the page is the real content; the chart is its picture (``role="img"``, title and desc).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import TypeVar

from ..datasets.organizations import BESIDE_KINDS, ORGANIZATION_KIND_LABELS, Organization
from ..datasets.people import Person
from ..datasets.procedures import ONLINE_LABELS, Procedure
from ..ids import ORGANISATION, PROCEDURES, register_url, relative
from ..registry import Registry
from .common import NOT_GIVEN, Download, downloads
from .documents import RegisterIndex
from .reception import DocLink, _doc

# --- organisation --------------------------------------------------------------------------


@dataclass(frozen=True)
class LeaderView:
    """Một lãnh đạo: only what ``people.csv`` gives (empty text: not given)."""

    title: str
    name: str
    duties: str
    phone: str
    email: str
    mailto: str  # "mailto:…" when an e-mail is given


@dataclass(frozen=True)
class UnitView:
    """Một cơ quan, đơn vị of the structure, with its units below it (``children``)."""

    id: str
    name: str
    kind: str  # the label of its ``kind`` ("" when not given)
    functions: str
    address: str
    phone: str
    email: str
    mailto: str
    leaders: tuple[LeaderView, ...]
    #: its documents in the register (``van-ban/co-quan/<id>/``), when it has published any
    documents_href: str | None
    documents_count: int
    children: tuple[UnitView, ...]
    beside: bool  # a party or mass organisation of the office, drawn beside it


@dataclass(frozen=True)
class OrganisationContext:
    """Context of ``congkhai/organisation.html``.

    ``office`` is the agency of ``site.yaml`` with its units (None when ``agency.
    organization`` names no organisation); ``beside`` the party and mass organisations of
    the office (``kind`` ``to-chuc-dang``, ``doan-the``). ``chart_svg`` draws both (trusted
    markup made here, every text escaped). ``functions_given`` False: the page says once
    that the text of the functions and duties has not been provided. ``missing``: the facts
    the data does not give, said once together (``chưa cập nhật``)."""

    agency: str
    parent: str
    functions_given: bool
    functions: str
    duties: tuple[str, ...]
    source: str
    source_doc: DocLink | None
    office: UnitView | None
    beside: tuple[UnitView, ...]
    chart_svg: str
    missing: tuple[str, ...]
    not_given: str
    downloads: tuple[Download, ...]


_Row = TypeVar("_Row", Organization, Person)


def _ordered(rows: Iterable[_Row]) -> list[_Row]:
    """By ``order`` (rows without one after, in file order)."""
    return sorted(rows, key=lambda r: (r.order is None, r.order or 0, r.line))


def _leader(person: Person) -> LeaderView:
    return LeaderView(
        person.title,
        person.name,
        person.duties,
        person.phone,
        person.email,
        f"mailto:{person.email}" if person.email else "",
    )


def _unit(
    registry: Registry, index: RegisterIndex, org: Organization, here: str, beside: bool
) -> UnitView:
    people = _ordered(p for p in registry.people.values() if p.organization == org.id)
    children = _ordered(o for o in registry.organizations.values() if o.parent == org.id)
    count = len(index.groups["co-quan"].get(org.id, ()))
    return UnitView(
        org.id,
        org.name,
        ORGANIZATION_KIND_LABELS.get(org.kind, ""),
        org.functions,
        org.address,
        org.phone,
        org.email,
        f"mailto:{org.email}" if org.email else "",
        tuple(_leader(p) for p in people),
        relative(here, register_url("co-quan", org.id)) if count else None,
        count,
        tuple(_unit(registry, index, c, here, beside) for c in children),
        beside,
    )


def _walk(unit: UnitView) -> Iterable[UnitView]:
    yield unit
    for child in unit.children:
        yield from _walk(child)


def _missing(units: list[UnitView]) -> tuple[str, ...]:
    """What the page cannot say, as short phrases shown once together."""
    missing: list[str] = []  # the functions say themselves that they are missing
    everyone = [(u, p) for root in units for u in _walk(root) for p in u.leaders]
    unnamed = [p.title for _, p in everyone if not p.name]
    if unnamed:
        missing.append("họ và tên của " + ", ".join(unnamed))
    for label, attr in (
        ("nhiệm vụ được phân công", "duties"),
        ("điện thoại công vụ", "phone"),
        ("thư điện tử công vụ", "email"),
    ):
        without = [p for _, p in everyone if not getattr(p, attr)]
        if without:
            whose = "lãnh đạo" if len(without) == len(everyone) else "một số lãnh đạo"
            missing.append(f"{label} của {whose}")
    bodies = [u for root in units for u in _walk(root)]
    for label, attr in (("địa chỉ", "address"), ("điện thoại", "phone")):
        if any(not getattr(u, attr) for u in bodies):
            missing.append(f"{label} của các cơ quan, đơn vị")
    return tuple(missing)


def organisation_context(registry: Registry, index: RegisterIndex) -> OrganisationContext:
    here = ORGANISATION
    office_id = registry.site.agency.organization
    office_org = registry.organizations.get(office_id) if office_id else None
    office = _unit(registry, index, office_org, here, False) if office_org else None
    inside = {u.id for u in _walk(office)} if office else set()
    beside = tuple(
        _unit(registry, index, o, here, True)
        for o in _ordered(registry.organizations.values())
        if o.kind in BESIDE_KINDS and o.id not in inside
    )
    info = registry.office.info if registry.office else None
    given = bool(info and info.given)
    roots = ([office] if office else []) + list(beside)
    return OrganisationContext(
        agency=registry.site.agency.name,
        parent=registry.site.agency.parent,
        functions_given=given,
        functions=info.functions if info else "",
        duties=tuple(info.duties) if info else (),
        source=info.source if info else "",
        source_doc=_doc(registry, info.document, here) if info else None,
        office=office,
        beside=beside,
        chart_svg=org_chart(roots, registry.site.agency.name),
        missing=_missing(roots),
        not_given=NOT_GIVEN,
        downloads=downloads(here, "co-quan", "Cơ quan, tổ chức")
        + downloads(here, "nguoi", "Lãnh đạo, người ký"),
    )


# --- the chart -----------------------------------------------------------------------------

#: viewBox width: at a 360 px phone (about 330 px of content) text of 14 units is drawn at
#: 13 px or more, never below the 12 px the accessibility tests ask for
CHART_WIDTH = 360
FONT = 14
LINE = 18  # line height
CHAR = 7.5  # an average advance of a Vietnamese letter at 14 px, a little generous (wraps)
PAD = 6
INDENT = 18  # per level of the indented tree
GAP = 10  # between boxes
COLUMN_GAP = 12


def wrap(text: str, width: float) -> list[str]:
    """``text`` in lines of at most ``width`` units (by the estimate :data:`CHAR`); a word
    longer than a line stays whole rather than being cut."""
    limit = max(1, int(width // CHAR))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class _Box:
    unit: UnitView
    x: float
    y: float
    width: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * LINE + 2 * PAD


def _layout(root: UnitView, x: float, width: float) -> tuple[list[_Box], list[tuple[_Box, _Box]]]:
    """An indented tree in one column: each unit below its parent, shifted right by
    :data:`INDENT`, joined by an elbow line from the parent's left edge."""
    boxes: list[_Box] = []
    edges: list[tuple[_Box, _Box]] = []
    y = 0.0

    def place(unit: UnitView, depth: int) -> _Box:
        nonlocal y
        left = x + depth * INDENT
        box = _Box(
            unit,
            left,
            y,
            width - depth * INDENT,
            tuple(wrap(unit.name, width - depth * INDENT - 2 * PAD)),
        )
        boxes.append(box)
        y += box.height + GAP
        for child in unit.children:
            edges.append((box, place(child, depth + 1)))
        return box

    place(root, 0)
    return boxes, edges


def _describe(unit: UnitView) -> str:
    inside = "; ".join(_describe(c) for c in unit.children)
    return f"{unit.name} (gồm: {inside})" if inside else unit.name


def org_chart(roots: list[UnitView], agency: str) -> str:
    """The structure as inline SVG: the office and, beside it, its party and mass
    organisations, two columns to a row, each an indented tree of its units. Nodes are
    ``<g class="ck-org-node" data-id>``, edges ``<path class="ck-org-edge" data-from
    data-to>``; every text is escaped. An empty list gives an empty string."""
    if not roots:
        return ""
    columns = 1 if len(roots) == 1 else 2
    width = (CHART_WIDTH - COLUMN_GAP * (columns - 1)) / columns
    parts: list[str] = []
    top = 0.0
    for start in range(0, len(roots), columns):
        row_height = 0.0
        for i, root in enumerate(roots[start : start + columns]):
            boxes, edges = _layout(root, i * (width + COLUMN_GAP), width)
            for parent, child in edges:
                px, cy = parent.x + INDENT / 2, top + child.y + child.height / 2
                parts.append(
                    f'<path class="ck-org-edge" data-from="{escape(parent.unit.id)}" '
                    f'data-to="{escape(child.unit.id)}" d="M{px:g} {top + parent.y + parent.height:g}'
                    f'V{cy:g}H{child.x:g}" fill="none" stroke="#3949ab" stroke-width="1.5"/>'
                )
            for box in boxes:
                party = box.unit.beside
                parts.append(
                    f'<g class="ck-org-node" data-id="{escape(box.unit.id)}">'
                    f'<rect x="{box.x:g}" y="{top + box.y:g}" width="{box.width:g}" '
                    f'height="{box.height:g}" rx="4" fill="{"#fdecea" if party else "#e8eaf6"}" '
                    f'stroke="{"#b71c1c" if party else "#3949ab"}" stroke-width="1.5"/>'
                    f'<text x="{box.x + PAD:g}" y="{top + box.y + PAD:g}" font-size="{FONT}" '
                    'fill="#1f1f1f">'
                    + "".join(
                        f'<tspan x="{box.x + PAD:g}" dy="{LINE if n else LINE - 4:g}">'
                        f"{escape(line)}</tspan>"
                        for n, line in enumerate(box.lines)
                    )
                    + "</text></g>"
                )
            row_height = max(row_height, max(b.y + b.height for b in boxes))
        top += row_height + GAP
    height = top - GAP
    desc = "Sơ đồ tổ chức: " + ". Bên cạnh: ".join(_describe(r) for r in roots) + "."
    chart_id = "so-do-to-chuc"
    return (
        f'<svg class="ck-chart ck-org-chart" role="img" aria-labelledby="{chart_id}-t '
        f'{chart_id}-d" viewBox="0 0 {CHART_WIDTH} {height:g}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">Sơ đồ tổ chức {escape(agency)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )


# --- administrative procedures -------------------------------------------------------------


@dataclass(frozen=True)
class ProcedureView:
    """Một thủ tục; empty text: not given (links only when an https:// address is)."""

    id: str
    name: str
    code: str
    field: str
    online: str  # label
    organization: str
    national_url: str
    provincial_url: str
    place: str
    hours: str
    deadline: str
    fee: str
    source: str


@dataclass(frozen=True)
class OneStopView:
    address: str
    hours: str
    phone: str
    email: str
    mailto: str
    missing: tuple[str, ...]  # what site.yaml does not give, said once


@dataclass(frozen=True)
class ProceduresContext:
    """Context of ``congkhai/procedures.html``: the procedures grouped by field (in the
    order the file first names each field; "" last: field not given), the one-stop desk,
    and the downloads. No procedure: the page says so once."""

    groups: tuple[tuple[str, tuple[ProcedureView, ...]], ...]
    count: int
    one_stop: OneStopView
    national_portal: str
    not_given: str
    downloads: tuple[Download, ...]


#: the national public-service portal's home page (Cổng Dịch vụ công quốc gia)
NATIONAL_PORTAL = "https://dichvucong.gov.vn/"


def _procedure(registry: Registry, p: Procedure) -> ProcedureView:
    org = registry.organizations.get(p.organization) if p.organization else None
    return ProcedureView(
        p.id,
        p.name,
        p.code,
        p.field,
        ONLINE_LABELS.get(p.online, ""),
        org.name if org else "",
        p.national_url,
        p.provincial_url,
        p.place,
        p.hours,
        p.deadline,
        p.fee,
        p.source,
    )


def procedures_context(registry: Registry) -> ProceduresContext:
    here = PROCEDURES
    views = [_procedure(registry, p) for p in registry.procedures]
    fields = list(dict.fromkeys(v.field for v in views if v.field))
    if any(not v.field for v in views):
        fields.append("")
    groups = tuple((f, tuple(v for v in views if v.field == f)) for f in fields)
    desk = registry.site.one_stop
    missing = tuple(
        label
        for label, value in (
            ("địa chỉ", desk.address),
            ("thời gian tiếp nhận hồ sơ", desk.hours),
            ("điện thoại", desk.phone),
            ("thư điện tử", desk.email),
        )
        if not value
    )
    return ProceduresContext(
        groups,
        len(views),
        OneStopView(
            desk.address,
            desk.hours,
            desk.phone,
            desk.email,
            f"mailto:{desk.email}" if desk.email else "",
            missing,
        ),
        NATIONAL_PORTAL,
        NOT_GIVEN,
        downloads(here, "thu-tuc-hanh-chinh"),
    )
