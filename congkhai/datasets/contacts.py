"""Ô liên hệ và liên kết (contact and link cells) shared by the organisation, people and
procedure datasets: an e-mail address, an https:// link, an optional display order.

Kept apart from ``fields.py`` so that these cell types stay with the datasets that publish
contacts. A phone number stays free text (``0212 3852 123``, ``(0212) 3.852.123 - máy lẻ
12``): the privacy guard (``congkhai/privacy.py``) still reads every cell, and a mobile
number or an e-mail address is published only when ``data/site.yaml`` ``privacy_allow``
lists it with its reason.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import PlainValidator
from pydantic_core import PydanticCustomError

from ..sanitize import safe_url

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _fail(kind: str, message: str) -> PydanticCustomError:
    # Braces would be read as pydantic template fields.
    return PydanticCustomError(kind, message.replace("{", "(").replace("}", ")"))


def _email(value: Any) -> str:
    text = str(value).strip()
    if text and not _EMAIL.fullmatch(text):
        raise _fail(
            "email",
            f'"{text}" không phải địa chỉ thư điện tử hợp lệ, ví dụ vanphong@sonla.gov.vn '
            "(not a valid e-mail address)",
        )
    return text


def _https(value: Any) -> str:
    text = str(value).strip()
    # Printed as a link on a public page: a javascript: or data: URL would run in every
    # visitor's browser, an http: one could be rewritten in transit.
    if text and safe_url(text) is None:
        raise _fail(
            "unsafe_url",
            f'"{text}" không phải địa chỉ https:// hợp lệ; liên kết phải bắt đầu bằng https://, '
            "không có khoảng trắng hay ký tự điều khiển (must be an https:// URL)",
        )
    return text


def _order(value: Any) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = str(value).strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise _fail(
            "order", f'"{value}" phải là số nguyên không âm hoặc để trống (must be a whole number)'
        )
    return int(text)


#: ``vanphong@sonla.gov.vn`` or empty
Email = Annotated[str, PlainValidator(_email)]
#: an absolute ``https://`` address (``congkhai.sanitize.safe_url``) or empty
HttpsUrl = Annotated[str, PlainValidator(_https)]
#: a display order (1, 2, 3…) or empty: rows without one follow, in file order
Order = Annotated[int | None, PlainValidator(_order)]
