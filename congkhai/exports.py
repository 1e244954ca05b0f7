"""Dữ liệu mở (open data): CSV and JSON made from the same models as the pages.

The CSV is UTF-8 with a BOM and CRLF line endings so that Excel on Windows opens it with
Vietnamese intact; the JSON carries the same records plus the as-of date.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from .ids import document_url
from .pages.documents import RegisterIndex

DOCUMENT_COLUMNS = (
    "id",
    "number",
    "type",
    "type_label",
    "issuer",
    "issuer_name",
    "issued",
    "title",
    "signer",
    "signer_name",
    "signer_title",
    "signing_form",
    "effective",
    "expires",
    "status",
    "status_label",
    "status_derived",
    "topics",
    "published",
    "files",
    "url",
)


def document_records(index: RegisterIndex, site_url: str | None) -> list[dict[str, Any]]:
    """One flat record per published document, newest first (the register's order)."""
    registry = index.registry
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    records = []
    for doc in index.documents:
        force = index.forces[doc.id]
        person = registry.people.get(doc.signer) if doc.signer else None
        records.append(
            {
                "id": doc.id,
                "number": doc.number_text,
                "type": doc.type,
                "type_label": doc.doc_type.label,
                "issuer": doc.issuer,
                "issuer_name": registry.organizations[doc.issuer].name,
                "issued": doc.issued.iso,
                "title": doc.title,
                "signer": doc.signer,
                "signer_name": person.name if person else "",
                "signer_title": doc.signer_title,
                "signing_form": str(doc.signing_form) if doc.signing_form else "",
                "effective": doc.effective.isoformat() if doc.effective else "",
                "expires": doc.expires.isoformat() if doc.expires else "",
                "status": force.status.value,
                "status_label": force.label,
                "status_derived": not force.overridden,
                "topics": "; ".join(doc.topics),
                "published": doc.published.isoformat() if doc.published else "",
                "files": "; ".join(doc.files),
                "url": base + document_url(doc.id),
            }
        )
    return records


def to_csv(records: list[dict[str, Any]], columns: tuple[str, ...]) -> bytes:
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def to_json(records: list[dict[str, Any]], *, dataset: str, as_of: str, source: str) -> bytes:
    payload = {
        "dataset": dataset,
        "as_of": as_of,
        "source": source,
        "license": "Thông tin công khai theo Luật Tiếp cận thông tin",
        "count": len(records),
        "records": records,
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
