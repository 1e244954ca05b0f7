"""Định danh và đường dẫn (stable ids and URLs): the one place that builds slugs and links.

URLs are site-relative paths ending in ``/`` (``van-ban/22-kh-vpub-2021/``); pages turn them
into links relative to themselves with :func:`relative`, so the site works under any base
path (GitHub Pages serves it below the repository name).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache
from pathlib import PurePosixPath

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Bỏ dấu: lower-case ASCII skeleton of Vietnamese text, đ/Đ mapped to d.

    đ is a letter of its own, not d plus a mark, so NFD does not decompose it; it must be
    mapped explicitly or slugs lose it ("địa điểm" would become "ia-iem").
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slugify(text: str, separator: str = "-") -> str:
    """``"Văn phòng UBND tỉnh"`` -> ``"van-phong-ubnd-tinh"``."""
    return _NON_SLUG.sub(separator, fold(text)).strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """Slugify for Python-Markdown's ``toc`` extension (configured in mkdocs.yml)."""
    return slugify(value, separator)


_YEAR_SEGMENT = re.compile(r"/(\d{4})/")


def document_id(number: str, year: int) -> str:
    """Derive a document's id from its number and year: ``22/KH-VPUB``, 2021 ->
    ``22-kh-vpub-2021``. A legal document's number already carries its year
    (``30/2020/NĐ-CP`` -> ``30-2020-nd-cp``)."""
    base = slugify(number)
    if _YEAR_SEGMENT.search(number):
        return base
    return f"{base}-{year}"


# --- site paths -----------------------------------------------------------------------

REGISTER = "van-ban/"
OPEN_DATA = "du-lieu-mo/"
QUALITY_REPORT = "bao-cao-du-lieu/"
STAFF_GUIDE = "huong-dan-nhap-lieu/"
#: Luật Tiếp cận thông tin: the section the law names, its catalogue (Art. 19(1)(g)), the
#: request form, and the public compliance report
ACCESS = "tiep-can-thong-tin/"
ACCESS_FORMS = "tiep-can-thong-tin/mau-phieu/"
CATALOGUE = "tiep-can-thong-tin/danh-muc/"
COMPLIANCE = "bao-cao-tuan-thu/"
COMPLIANCE_JSON = "bao-cao-tuan-thu/bao-cao-tuan-thu.json"
DATAPACKAGE = "du-lieu-mo/datapackage.json"
#: Luật Tiếp cận thông tin Art. 17(1)(k) (functions, structure) and 17(1)(a) (procedures)
ORGANISATION = "co-cau-to-chuc/"
PROCEDURES = "thu-tuc-hanh-chinh/"


def guide_dataset_url(dataset: str) -> str:
    """One dataset's files and columns in the staff guide, by its name as staff type it in
    ``congkhai moi`` (``documents`` -> ``huong-dan-nhap-lieu/documents/``)."""
    return f"{STAFF_GUIDE}{slugify(dataset)}/"


def document_url(doc_id: str) -> str:
    return f"{REGISTER}{doc_id}/"


def register_url(facet: str | None = None, value: str | None = None, page: int = 1) -> str:
    """The register or one of its facet pages (``van-ban/loai/ke-hoach/trang-2/``)."""
    base = REGISTER if facet is None else f"{REGISTER}{facet}/{value}/"
    return base if page == 1 else f"{base}trang-{page}/"


RECEPTION = "lich-tiep-cong-dan/"
DIALOGUES = "doi-thoai/"
COMMITMENTS = "doi-thoai/cam-ket/"
RECEPTION_FEED = "lich-tiep-cong-dan/lich-tiep-cong-dan.ics"


def session_url(session_id: str) -> str:
    return f"{RECEPTION}buoi/{session_id}/"


def session_ics_url(session_id: str) -> str:
    return f"{RECEPTION}buoi/{session_id}.ics"


def host_url(person_id: str) -> str:
    return f"{RECEPTION}nguoi-tiep/{person_id}/"


def host_feed_url(person_id: str) -> str:
    return f"{RECEPTION}nguoi-tiep/{person_id}.ics"


def month_url(year: int, month: int) -> str:
    return f"{RECEPTION}thang/{year:04d}-{month:02d}/"


def meeting_url(meeting_id: str) -> str:
    return f"{DIALOGUES}{meeting_id}/"


#: Kết quả tiếp công dân (aggregate statistics) and the yearly report drafts
RECEPTION_OUTCOMES = "lich-tiep-cong-dan/ket-qua/"
YEARLY_REPORTS = "bao-cao-nam/"


def yearly_report_url(year: int) -> str:
    return f"{YEARLY_REPORTS}{year:04d}/"


def yearly_report_file(year: int) -> str:
    """The draft as a Markdown download, beside its page."""
    return f"{YEARLY_REPORTS}{year:04d}/bao-cao-{year:04d}.md"


HOME = ""
NOTICES = "thong-bao/"
NOTICE_ARCHIVE = "thong-bao/luu-tru/"
PLANS = "ke-hoach/"
SITEMAP_PAGE = "so-do-cong/"
SEARCH = "tim-kiem/"
SEARCH_INDEX = "tim-kiem/chi-muc/"
SEARCH_SCRIPT = "assets/congkhai-search.js"
FEED_ALL = "atom.xml"
FEED_DOCUMENTS = "van-ban/atom.xml"
FEED_NOTICES = "thong-bao/atom.xml"
#: Atom feeds of the sections (iCalendar stays the calendar's own format; the Atom feed is for
#: readers without a calendar application)
FEED_PLANS = "ke-hoach/atom.xml"
FEED_DIALOGUES = "doi-thoai/atom.xml"
FEED_RECEPTION = "lich-tiep-cong-dan/atom.xml"
#: the register's facets that have a feed of their own, and the topics' URL segment (topics
#: have no listing page; their feeds are listed on the register's first page)
FEED_FACETS = ("loai", "co-quan")
TOPIC_FACET = "linh-vuc"


def register_feed_url(facet: str | None = None, value: str | None = None) -> str:
    """Atom feed of the register or of one facet value, beside its first listing page
    (``van-ban/loai/ke-hoach/atom.xml``); a topic's is ``van-ban/linh-vuc/<slug>/atom.xml``."""
    return register_url(facet, value) + "atom.xml"


def topic_slug(topic: str) -> str:
    return slugify(topic)


def notice_url(notice_id: str) -> str:
    return f"{NOTICES}{notice_id}/"


def notices_url(page: int = 1) -> str:
    return NOTICES if page == 1 else f"{NOTICES}trang-{page}/"


def plan_url(plan_id: str) -> str:
    return f"{PLANS}{plan_id}/"


def owner_url(org_id: str) -> str:
    return f"{PLANS}don-vi/{org_id}/"


def export_url(dataset: str, extension: str) -> str:
    return f"{OPEN_DATA}{dataset}.{extension}"


def page_src(url: str) -> str:
    """The virtual Markdown source path MkDocs needs for a generated page at ``url``."""
    return f"{url}index.md" if url.endswith("/") or url == "" else url


def written_page_url(src: str) -> str:
    """URL of a hand-written page ``docs/<src>`` (``gioi-thieu.md`` -> ``gioi-thieu/``)."""
    path = PurePosixPath(src)
    if path.name == "index.md":
        parent = path.parent.as_posix()
        return "" if parent == "." else f"{parent}/"
    return f"{path.with_suffix('').as_posix()}/"


def absolute(site_url: str | None, path: str) -> str:
    """The public address of a site path (``https://host/base/`` + ``van-ban/x/``); the
    site-relative path itself when the site's address is not configured."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def _plain_path(url: str) -> bool:
    """A site path made of plain segments: no leading ``/``, no empty, ``.`` or ``..``
    segment (``van-ban/x/``, ``du-lieu-mo/a.csv``, the root ``""``). Conservative: a
    segment merely starting with a dot also fails, and takes the general way."""
    return not url.startswith(("/", ".")) and "//" not in url and "/." not in url


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-relative).

    Plain paths (every URL ``ids`` makes) are related by string arithmetic, a hundred
    thousand times a build; anything else goes through ``posixpath.relpath``, with the
    same result (``tests/test_dates_numbers_ids.py`` compares the two)."""
    ancestors = _ancestors(from_url)
    if ancestors is not None and _plain_path(to_url):
        if to_url == "" or to_url.endswith("/"):
            # a folder: climb to the nearest folder of ``from_url`` that holds it (the
            # root "" holds everything), then go down; both end in "/", so the prefix
            # test compares whole segments
            for up, folder in enumerate(ancestors):
                if to_url.startswith(folder):
                    rest = to_url[len(folder) :]
                    return "../" * up + rest if up or rest else "./"
        return _relative_segments(ancestors[0], to_url)
    return _relpath(from_url, to_url)


@lru_cache(maxsize=4096)
def _ancestors(url: str) -> tuple[str, ...] | None:
    """The folder of a plain path and each folder above it up to the root, each ending
    in "/" (the root: ""); None for a path that is not plain."""
    if not _plain_path(url):
        return None
    here = url.split("/")[:-1]
    return tuple("".join(f"{s}/" for s in here[:k]) for k in range(len(here), -1, -1))


def _relative_segments(folder: str, to_url: str) -> str:
    """:func:`relative` from the plain ``folder`` (ending in "/", or the root "") to a
    plain path, segment by segment (a file: ``du-lieu-mo/a.csv``, ``van-ban/x/#dieu-5``)."""
    here = folder.split("/")[:-1]
    there = to_url.split("/")
    if there[-1] == "":
        there.pop()
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    if not parts:
        return "./"
    target = "/".join(parts)
    return target + "/" if to_url == "" or to_url.endswith("/") else target


def _relpath(from_url: str, to_url: str) -> str:
    """:func:`relative` for any path, by ``posixpath.relpath``."""
    from_dir = from_url if from_url.endswith("/") else posixpath.dirname(from_url) + "/"
    target = posixpath.relpath("/" + to_url, "/" + from_dir)
    if (to_url == "" or to_url.endswith("/")) and not target.endswith("/"):
        target += "/"
    return "./" if target == "./" or target == "." else target
