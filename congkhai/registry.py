"""Sổ dữ liệu (the registry): every dataset loaded, validated and cross-linked, once a build.

:func:`load_registry` is the whole of "load -> validate -> models": it raises
:class:`~congkhai.problems.DataError` listing every error, or returns frozen models plus the
warnings and missing facts for the data-quality report. Views that depend on the as-of date
(what is published, what is in force) are computed here, not in templates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import vocab
from .datasets import catalogue as catalogue_ds
from .datasets import documents as documents_ds
from .datasets import organizations as organizations_ds
from .datasets import people as people_ds
from .datasets import relations as relations_ds
from .datasets.access import AccessData, load_access
from .datasets.catalogue import CatalogueConfig, load_catalogue
from .datasets.documents import (
    Document,
    check_documents,
    check_relations,
    check_text_or_file,
    issued_before,
)
from .datasets.fields import by_id, load_table
from .datasets.notices import Notice, load_notices
from .datasets.office import OfficeData, load_office
from .datasets.organizations import Organization, check_organization_tree
from .datasets.outcomes import FILE as OUTCOMES_FILE
from .datasets.outcomes import OutcomeRow, load_outcomes
from .datasets.people import Person
from .datasets.procedures import FILE as PROCEDURES_FILE
from .datasets.procedures import Procedure
from .datasets.refs import Located, located_rows
from .datasets.relations import Relation
from .datasets.requests import FILE as REQUESTS_FILE
from .datasets.requests import RequestStats, load_requests
from .datasets.site import Site, load_site
from .dates import WorkingCalendar, format_short, weekday_name
from .dialogues import Dialogues, load_dialogues
from .ids import document_id
from .plans import PlanRecord, load_plans
from .problems import DataError, Problem, Problems, Severity
from .schedules import Schedule, Session, load_schedule
from .validate import check_references


@dataclass(frozen=True)
class Link:
    """One side of a relation as seen from a document's page."""

    kind: vocab.RelationKind
    other: Document
    relation: Relation
    inverse: bool  # True on the target's page

    @property
    def label(self) -> str:
        return self.kind.inverse_label if self.inverse else self.kind.label


@dataclass(frozen=True)
class Force:
    """Tình trạng hiệu lực at the as-of date, with why."""

    status: vocab.Status
    since: dt.date | None = None  # when the current status began, where known
    ended_by: Document | None = None  # the document that replaced or repealed it
    overridden: bool = False  # set by the ``status`` column rather than derived

    @property
    def label(self) -> str:
        return vocab.STATUS_LABELS[self.status]

    @property
    def in_force(self) -> bool:
        return self.status in (vocab.Status.CON_HIEU_LUC, vocab.Status.HET_HIEU_LUC_MOT_PHAN)

    @property
    def applies(self) -> bool:
        """False for a type without legal force ("Không áp dụng"): pages show no dates of
        force they do not have and no status beside a plan."""
        return self.status is not vocab.Status.KHONG_AP_DUNG


@dataclass(frozen=True)
class Registry:
    root: Path
    as_of: dt.date
    site: Site
    organizations: dict[str, Organization]
    people: dict[str, Person]
    documents: dict[str, Document]  # every document, published or not, by id
    relations: tuple[Relation, ...]
    problems: Problems  # warnings and missing facts (errors raised already)
    schedule: Schedule
    dialogues: Dialogues
    notices: tuple[Notice, ...] = ()
    plans: dict[str, PlanRecord] = field(default_factory=dict)
    links: dict[str, tuple[Link, ...]] = field(default_factory=dict)
    #: data/danh-muc.yaml: how the catalogue of public information groups what is published
    catalogue: CatalogueConfig | None = None
    access: AccessData | None = None  # data/tiep-can-thong-tin.yaml, when the file exists
    #: data/co-cau-to-chuc.yaml (the office's functions and duties; empty when not given)
    office: OfficeData | None = None
    #: data/thu-tuc-hanh-chinh.csv, in file order
    procedures: tuple[Procedure, ...] = ()
    #: data/yeu-cau-thong-tin.csv and data/ket-qua-tiep-cong-dan.csv, in time order
    requests: tuple[RequestStats, ...] = ()
    outcomes: tuple[OutcomeRow, ...] = ()

    def is_published(self, doc: Document) -> bool:
        """Công khai and due (``Document.public_at``): ``noi-bo`` and future-dated records
        appear nowhere."""
        known = self._published.get(doc.id)
        if known is doc:
            return True
        if known is None and self.documents.get(doc.id) is doc:
            return False
        return doc.public_at(self.as_of)  # not this registry's own record

    @cached_property
    def _published(self) -> dict[str, Document]:
        """This registry's published documents by id, decided once (pages ask for every
        relation of every document)."""
        return {d.id: d for d in self.documents.values() if d.public_at(self.as_of)}

    def published_documents(self) -> list[Document]:
        """Published documents, newest first (ties by id, for a stable order)."""
        docs = list(self._published.values())
        # the order of (issued, id), on plain tuples: VnDate compares by this key too
        # (a month-only date before the month's 1st), without a Python call per comparison
        return sorted(
            docs,
            key=lambda d: (d.issued.year, d.issued.month, d.issued.day or 0, d.id),
            reverse=True,
        )

    def published_document(self, doc_id: str) -> Document | None:
        """The document if it exists and is published (for links from other records)."""
        doc = self.documents.get(doc_id)
        return doc if doc is not None and self.is_published(doc) else None

    def published_notices(self) -> list[Notice]:
        """Notices due at the as-of date, newest first (a future date keeps one unpublished)."""
        return [n for n in self.notices if n.is_published(self.as_of)]

    def published_links(self, doc: Document) -> list[Link]:
        return [link for link in self.links.get(doc.id, ()) if self.is_published(link.other)]

    def person_label(self, person_id: str) -> str:
        """``Sòi Đức Nghĩa, Phó Chánh Văn phòng`` (the title alone when no name is known);
        the id itself when nobody by it is known."""
        person = self.people.get(person_id)
        return person.display if person else person_id

    def session_title(self, session: Session) -> str:
        """The one title of a reception session: its page, search result and calendar event."""
        return (
            f"Tiếp công dân {weekday_name(session.date).lower()}, {format_short(session.date)}: "
            + self.person_label(session.host)
        )

    def force(self, doc: Document) -> Force:
        """Legal force from what the public can see: a document not yet published (or
        internal) does not end another's force on the site."""
        return legal_force(doc, self.published_links(doc), self.as_of)


def legal_force(doc: Document, links: tuple[Link, ...] | list[Link], as_of: dt.date) -> Force:
    """Derive a document's legal force at ``as_of``.

    ``links`` come from a validated registry (no cycle, no document ending a newer one:
    :func:`~congkhai.datasets.documents.check_relations`). The ``status`` column wins when filled.
    A type without legal force (``DocumentType.has_legal_effect`` false: báo cáo, thông báo,
    kế hoạch…) is "Không áp dụng", still naming what replaced it, if anything, so its page can
    say so. Otherwise, in order: replaced or repealed by a document already in force (the
    relation's date, else that document's effective or issue date); past its expiry date; not
    yet effective; in force. A document without an effective date stays "Chưa xác định": we
    do not assume it took effect when signed.
    """
    if doc.status:
        status = vocab.Status(doc.status)
        since = doc.expires if status is vocab.Status.HET_HIEU_LUC else doc.effective
        return Force(status, since, overridden=True)
    endings = []
    for link in links:
        # An older document cannot end a newer one: validation stops the build on such a
        # relation; here it is never taken as the reason for "Hết hiệu lực toàn bộ".
        if link.inverse and link.kind.ends_force and not issued_before(link.other, doc):
            other = link.other
            when = link.relation.date or other.effective or other.issued_date
            if when <= as_of:
                endings.append((when, other.id, other))
    status = (
        vocab.Status.HET_HIEU_LUC if doc.doc_type.has_legal_effect else vocab.Status.KHONG_AP_DUNG
    )
    if endings:
        when, _, other = min(endings, key=lambda e: (e[0], e[1]))
        return Force(status, when, other)
    if not doc.doc_type.has_legal_effect:
        return Force(vocab.Status.KHONG_AP_DUNG)
    if doc.expires and doc.expires <= as_of:
        return Force(vocab.Status.HET_HIEU_LUC, doc.expires)
    if doc.effective is None:
        return Force(vocab.Status.KHONG_XAC_DINH)
    if doc.effective > as_of:
        return Force(vocab.Status.CHUA_CO_HIEU_LUC, doc.effective)
    return Force(vocab.Status.CON_HIEU_LUC, doc.effective)


#: Luật Tiếp cận thông tin, Điều 18(4): publish within this many working days of creation.
PUBLICATION_WORKING_DAYS = 5


def check_publication_deadline(
    documents: Iterable[Document], calendar: WorkingCalendar, problems: Problems
) -> None:
    """A public document posted more than 5 working days after it was issued (only where
    both dates are known to the day) is listed in the data-quality report."""
    for doc in documents:
        if not doc.is_public or doc.published is None or doc.issued.day is None:
            continue
        deadline = calendar.add_working_days(doc.issued_date, PUBLICATION_WORKING_DAYS)
        if doc.published > deadline:
            problems.add(
                Problem(
                    documents_ds.FILE,
                    doc.line,
                    "published",
                    f'văn bản "{doc.number_text or doc.id}" ban hành {doc.issued.short}, đăng tải '
                    f"{format_short(doc.published)}: quá {PUBLICATION_WORKING_DAYS} ngày làm việc "
                    f"(hạn {format_short(deadline)}, Luật Tiếp cận thông tin Điều 18) "
                    "(published later than 5 working days after issue)",
                    Severity.LEGAL,
                    rule="dang-tai-cham",
                )
            )


def _with_ids(documents: list[Document], problems: Problems) -> list[Document]:
    """Give each document without an explicit id the one derived from number and year."""
    result = []
    for doc in documents:
        if doc.id:
            result.append(doc)
        elif doc.number is None or doc.number.is_draft:
            problems.add(
                Problem(
                    documents_ds.FILE,
                    doc.line,
                    "id",
                    "văn bản chưa có số phải ghi mã (id) (a document without a number needs an id)",
                )
            )
        else:
            result.append(
                doc.model_copy(update={"id": document_id(doc.number.raw, doc.issued.year)})
            )
    return result


def _links(
    relations: list[Relation], documents: dict[str, Document]
) -> dict[str, tuple[Link, ...]]:
    """Both directions of every relation, derived once."""
    found: dict[str, list[Link]] = defaultdict(list)
    for rel in relations:
        source, target = documents.get(rel.source), documents.get(rel.target)
        if source is None or target is None:
            continue
        kind = vocab.RELATION_KIND_BY_SLUG[rel.relation]
        found[source.id].append(Link(kind, target, rel, inverse=False))
        found[target.id].append(Link(kind, source, rel, inverse=True))
    return {k: tuple(v) for k, v in found.items()}


def load_registry(root: Path, as_of: dt.date, docs_dir: Path | None = None) -> Registry:
    """Load and validate every dataset under ``root/data``; raise :class:`DataError` on errors."""
    data = root / "data"
    docs_dir = docs_dir or root / "docs"
    problems = Problems()
    site = load_site(data / "site.yaml", problems, docs_dir)
    access = load_access(data / "tiep-can-thong-tin.yaml", problems)
    org_rows, org_columns = load_table(
        Organization,
        data / "organizations.csv",
        organizations_ds.FILE,
        problems,
        rows_required=True,
    )
    organizations = by_id(org_rows, lambda o: o.id, organizations_ds.FILE, problems)
    people_rows, people_columns = load_table(Person, data / "people.csv", people_ds.FILE, problems)
    people = by_id(people_rows, lambda p: p.id, people_ds.FILE, problems)
    doc_rows, doc_columns = load_table(
        Document, data / "documents.csv", documents_ds.FILE, problems, rows_required=True
    )
    documents_list = _with_ids(doc_rows, problems)
    documents = by_id(documents_list, lambda d: d.id, documents_ds.FILE, problems)
    relations, relation_columns = load_table(
        Relation, data / "relations.csv", relations_ds.FILE, problems, optional_file=True
    )
    located_orgs = located_rows(org_rows, organizations_ds.FILE, org_columns)
    located_relations = located_rows(relations, relations_ds.FILE, relation_columns)
    check_organization_tree(located_orgs, problems)
    check_documents(list(documents.values()), organizations, docs_dir, problems)
    check_relations(located_relations, documents, problems)
    schedule = load_schedule(root, as_of, people, documents, problems)
    check_publication_deadline(documents.values(), schedule.calendar, problems)
    check_text_or_file(documents.values(), as_of, problems)
    catalogue, catalogue_node = load_catalogue(root, problems)
    dialogues = load_dialogues(root, as_of, people, organizations, documents, problems)
    notices = load_notices(root, problems)
    office = load_office(data / "co-cau-to-chuc.yaml", problems)
    procedure_rows, procedure_columns = load_table(
        Procedure, data / "thu-tuc-hanh-chinh.csv", PROCEDURES_FILE, problems, optional_file=True
    )
    procedures = by_id(procedure_rows, lambda p: p.id, PROCEDURES_FILE, problems)
    requests, request_columns = load_requests(root, problems)
    outcomes, outcome_columns = load_outcomes(root, problems)
    plans = load_plans(
        root,
        {"organizations": organizations, "documents": documents, "meetings": dialogues.meetings},
        problems,
    )
    check_references(
        [
            *located_orgs,
            *located_rows(people_rows, people_ds.FILE, people_columns),
            *located_rows(documents_list, documents_ds.FILE, doc_columns),
            *located_relations,
            # Front matter has no node tree here: the key is named, the line is not known.
            *(Located(n, n.file, None) for n in notices),
            *([Located(site.agency, "data/site.yaml", None, path=("agency",))] if site else []),
            *(
                Located(row, catalogue_ds.FILE, None, node=catalogue_node, path=("map", i))
                for i, row in enumerate(catalogue.map if catalogue else ())
            ),
            *(access.located() if access else []),
            *office.located(),
            *located_rows(procedure_rows, PROCEDURES_FILE, procedure_columns),
            *located_rows(list(requests), REQUESTS_FILE, request_columns),
            *located_rows(list(outcomes), OUTCOMES_FILE, outcome_columns),
        ],
        {"organizations": organizations, "people": people, "documents": documents},
        problems,
    )
    if problems.errors or site is None:
        raise DataError(problems)
    return Registry(
        root=root,
        as_of=as_of,
        site=site,
        organizations=organizations,
        people=people,
        documents=documents,
        relations=tuple(relations),
        problems=Problems([p for p in problems.items]),
        schedule=schedule.published(as_of),
        dialogues=dialogues,
        notices=tuple(sorted(notices, key=lambda n: (n.date, n.id), reverse=True)),
        plans=plans,
        links=_links(relations, documents),
        catalogue=catalogue,
        access=access,
        office=office,
        procedures=tuple(procedures.values()),
        requests=requests,
        outcomes=outcomes,
    )
