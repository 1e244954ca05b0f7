"""Trang Tiếp cận thông tin (``access.html``) and its printable request forms
(``access_forms.html``), from ``data/tiep-can-thong-tin.yaml`` and the focal point of
``data/site.yaml``."""

from __future__ import annotations

from dataclasses import dataclass

from ..datasets.access import AccessInfo, Clauses, Sourced, missing_facts
from ..ids import ACCESS, ACCESS_FORMS, document_url, relative, slugify
from ..registry import Registry
from ..vocab import SOURCE_KIND_LABELS, SourceKind
from .outcomes import RequestsView, requests_view


@dataclass(frozen=True)
class SourceView:
    """Căn cứ of a fact; ``unverified`` when only a secondary source was read."""

    text: str
    unverified: bool
    kind_label: str


@dataclass(frozen=True)
class FactView:
    text: str
    source: SourceView


@dataclass(frozen=True)
class ClausesView:
    text: str
    items: tuple[str, ...]
    source: SourceView


@dataclass(frozen=True)
class DeadlineView:
    case: str
    days: str  # "3", or "" when the rule gives no number of days
    extension: str
    text: str
    source: SourceView


@dataclass(frozen=True)
class ChannelView:
    id: str
    name: str
    how: str
    source: SourceView
    deadlines: tuple[DeadlineView, ...]  # only those transcribed; the rest are in ``missing``


@dataclass(frozen=True)
class ContactLine:
    label: str
    value: str
    href: str | None = None  # mailto: for the e-mail address


@dataclass(frozen=True)
class Link:
    label: str
    href: str | None  # None: shown as text (the document is not published)


@dataclass(frozen=True)
class ConditionalView:
    title: str
    condition: str
    source: str


@dataclass(frozen=True)
class AccessContext:
    """Context of ``congkhai/access.html``. ``missing`` lists every fact the page cannot
    give yet (focal-point contacts first); the template prints it once, in the focal-point
    block. ``catalogue_url`` and ``compliance_url`` are links shown only when set."""

    agency: str
    law_version: FactView
    focal_point: tuple[ContactLine, ...]  # the contacts that are known
    missing: tuple[str, ...]
    legal_basis: tuple[Link, ...]
    who_may_ask: tuple[FactView, ...]
    request_contents: ClausesView
    channels: tuple[ChannelView, ...]
    costs: ClausesView
    complaints: ClausesView
    forms: tuple[Link, ...]  # to each form on the forms page
    forms_href: str
    internal_rules: Link | None  # None unless that document is published
    conditional: tuple[ConditionalView, ...]
    conditional_source: str
    has_unverified: bool
    unverified_label: str
    catalogue_url: str | None = None
    compliance_url: str | None = None
    #: statistics of the requests received (data/yeu-cau-thong-tin.csv)
    requests: RequestsView | None = None


@dataclass(frozen=True)
class FormFieldView:
    label: str
    lines: int


@dataclass(frozen=True)
class FormView:
    anchor: str
    code: str
    name: str
    fields: tuple[FormFieldView, ...]
    source: SourceView


@dataclass(frozen=True)
class AccessFormsContext:
    """Context of ``congkhai/access_forms.html``: each form as a printable blank addressed
    to the agency."""

    agency: str
    forms: tuple[FormView, ...]
    access_href: str


def _source(fact: Sourced) -> SourceView:
    return SourceView(
        fact.source,
        fact.source_kind is SourceKind.THU_CAP,
        SOURCE_KIND_LABELS[fact.source_kind],
    )


def _clauses(c: Clauses) -> ClausesView:
    return ClausesView(c.text, tuple(c.items), _source(c))


def form_anchor(code: str) -> str:
    """``Mẫu số 01a`` -> ``mau-so-01a``: the form's anchor on the forms page."""
    return slugify(code)


def _document(registry: Registry, doc_id: str, here: str) -> Link | None:
    """A link to a register document, or None when it is unpublished (not even named)."""
    doc = registry.published_document(doc_id) if doc_id else None
    if doc is None:
        return None
    return Link(f"{doc.label} ngày {doc.issued.short}", relative(here, document_url(doc.id)))


#: the focal point's contacts in the order the law lists them (Art. 17(1)(m))
CONTACT_LABELS = (
    ("name", "Đầu mối", "tên đầu mối cung cấp thông tin"),
    ("unit", "Đơn vị", "đơn vị đầu mối"),
    ("address", "Địa chỉ", "địa chỉ"),
    ("phone", "Điện thoại", "điện thoại"),
    ("fax", "Fax", "số fax"),
    ("email", "Thư điện tử", "thư điện tử"),
)


def access_context(
    registry: Registry,
    info: AccessInfo,
    *,
    catalogue_url: str | None = None,
    compliance_url: str | None = None,
) -> AccessContext:
    """The section page. ``catalogue_url``/``compliance_url``: site paths (from ``ids``) of
    pages that exist in this build, or None."""
    here = ACCESS
    focal = registry.site.focal_point
    contacts, missing = [], []
    for key, label, missing_label in CONTACT_LABELS:
        value = getattr(focal, key)
        if value:
            href = f"mailto:{value}" if key == "email" else None
            contacts.append(ContactLine(label, value, href))
        else:
            missing.append(missing_label)
    missing.extend(missing_facts(info))
    rules = _document(registry, info.rules_document, here)
    sourced = [
        info.law_version,
        *info.who_may_ask,
        info.request_contents,
        *info.channels,
        *(d for c in info.channels for d in c.deadlines if d.text),
        info.costs,
        info.complaints,
        *info.forms,
    ]
    return AccessContext(
        agency=registry.site.agency.name,
        law_version=FactView(info.law_version.text, _source(info.law_version)),
        focal_point=tuple(contacts),
        missing=tuple(missing),
        legal_basis=tuple(
            Link(
                f"{b.title} số {b.number}",
                doc.href if (doc := _document(registry, b.document, here)) else None,
            )
            for b in info.legal_basis
        ),
        who_may_ask=tuple(FactView(f.text, _source(f)) for f in info.who_may_ask),
        request_contents=_clauses(info.request_contents),
        channels=tuple(
            ChannelView(
                c.id,
                c.name,
                c.how,
                _source(c),
                tuple(
                    DeadlineView(
                        d.case,
                        "" if d.days is None else str(d.days),
                        d.extension,
                        d.text,
                        _source(d),
                    )
                    for d in c.deadlines
                    if d.text
                ),
            )
            for c in info.channels
        ),
        costs=_clauses(info.costs),
        complaints=_clauses(info.complaints),
        forms=tuple(
            Link(f"{f.code}: {f.name}", relative(here, ACCESS_FORMS) + "#" + form_anchor(f.code))
            for f in info.forms
        ),
        forms_href=relative(here, ACCESS_FORMS),
        internal_rules=rules,
        conditional=tuple(
            ConditionalView(c.title, c.condition, c.source)
            for c in info.conditional_information.items
        ),
        conditional_source=info.conditional_information.source,
        has_unverified=any(s.source_kind is SourceKind.THU_CAP for s in sourced),
        unverified_label=SOURCE_KIND_LABELS[SourceKind.THU_CAP],
        catalogue_url=relative(here, catalogue_url) if catalogue_url else None,
        compliance_url=relative(here, compliance_url) if compliance_url else None,
        requests=requests_view(registry, here),
    )


def access_forms_context(registry: Registry, info: AccessInfo) -> AccessFormsContext:
    return AccessFormsContext(
        agency=registry.site.agency.name,
        forms=tuple(
            FormView(
                form_anchor(f.code),
                f.code,
                f.name,
                tuple(FormFieldView(x.label, x.lines) for x in f.fields),
                _source(f),
            )
            for f in info.forms
        ),
        access_href=relative(ACCESS_FORMS, ACCESS),
    )
