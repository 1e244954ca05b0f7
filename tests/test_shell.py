"""One frame, many pages (congkhai/shell.py): the volume pages are the theme's frame rendered
once per folder and filled in; the site must be the one the theme renders page by page.

Each site is built twice by the real CLI: as shipped (spliced) and with ``CONGKHAI_SHELL=0``
(every page through mkdocs-material's templates), and every byte of both is compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    ROOT,
    Build,
    build,
    document_row,
    make_project,
    site_files,
    synthetic_project,
    with_documents,
)

from congkhai.shell import Shell, ShellError, tab_title

NASTY_TITLE = "Kế hoạch \"mẫu\" & <b>không phải thẻ</b> của 'Sở' < 5 > 3"


def both_ways(project: Path, tmp_path: Path, workers: str = "1", **kw: str) -> tuple[Build, Build]:
    spliced = build(project, tmp_path / "spliced", CONGKHAI_WORKERS=workers, **kw)
    themed = build(project, tmp_path / "themed", CONGKHAI_SHELL="0", **kw)
    assert spliced.returncode == 0, spliced.output
    assert themed.returncode == 0, themed.output
    return spliced, themed


def assert_same_site(spliced: Build, themed: Build) -> None:
    a, b = site_files(spliced.site), site_files(themed.site)
    assert sorted(a) == sorted(b), set(a) ^ set(b)
    differing = [path for path in a if a[path] != b[path]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:5]}"


def test_shipped_site_spliced_is_byte_identical_to_the_theme_rendering(tmp_path: Path) -> None:
    spliced, themed = both_ways(ROOT, tmp_path)
    assert_same_site(spliced, themed)
    # the volume pages really went the other way: a document page exists and is whole
    page = (spliced.site / "van-ban").glob("*/index.html")
    assert any("</html>" in p.read_text(encoding="utf-8") for p in page)


def test_titles_with_markup_characters_are_escaped_alike_both_ways(tmp_path: Path) -> None:
    csv_title = '"' + NASTY_TITLE.replace('"', '""') + '"'
    project = make_project(
        tmp_path,
        {
            "data/documents.csv": with_documents(
                document_row(
                    id="kh-ky-tu",
                    number="99/KH-VPUB",
                    issued="2021-10-01",
                    title=csv_title,
                    published="2021-10-02",
                )
            )
        },
    )
    spliced, themed = both_ways(project, tmp_path)
    assert_same_site(spliced, themed)
    page = next(
        p.read_text(encoding="utf-8")
        for p in (spliced.site / "van-ban").glob("*/index.html")
        if "99/KH-VPUB" in p.read_text(encoding="utf-8")
    )
    assert "<b>không phải thẻ</b>" not in page  # never markup
    assert "&lt;b&gt;không phải thẻ&lt;/b&gt;" in page.split("</title>")[0]


def test_synthetic_register_with_facets_and_pages_is_byte_identical(tmp_path: Path) -> None:
    project = synthetic_project(400, tmp_path / "synthetic")
    # with the site's address: canonical links and the sitemap carry each page's own URL;
    # the spliced pages rendered by three processes (a cold build of a large register)
    spliced, themed = both_ways(
        project,
        tmp_path,
        workers="3",
        as_of="2026-11-24",
        CONGKHAI_SITE_URL="https://congkhai.example.vn/",
    )
    assert_same_site(spliced, themed)
    pages = [p for p in site_files(spliced.site) if p.endswith("index.html")]
    assert any("/trang-" in p for p in pages), "no paginated listing exercised"
    sitemap = (spliced.site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") == len(pages)
    assert "<loc>https://congkhai.example.vn/van-ban/" in sitemap


def test_a_frame_without_the_content_token_is_refused() -> None:
    with pytest.raises(ShellError, match="exactly once"):
        Shell.parse("<html><title>ckSHELLq7title</title></html>", "a/ckSHELLq7page/", "x")
    with pytest.raises(ShellError, match="altered a token"):
        Shell.parse("<p>ckSHELLq7content</p><p>CKSHELLQ7TITLE ckSHELLq7ti</p>", "u/", "s")


def test_fill_escapes_titles_and_keeps_html_slots_as_they_are() -> None:
    shell = Shell.parse(
        "<title>ckSHELLq7tab</title><a href='/a/ckSHELLq7page/'>ckSHELLq7title</a>"
        "<main>ckSHELLq7content</main>",
        "a/ckSHELLq7page/",
        "a/ckSHELLq7page/index.md",
    )
    out = shell.fill(
        {
            "title": "A & <B>",
            "tab_title": tab_title("A & <B>", "Văn phòng"),
            "head": "",
            "content": "<p>x</p>",
            "url": "a/so-1/",
            "src": "a/so-1/index.md",
        }
    )
    assert out == (
        "<title>A &amp; &lt;B&gt; - Văn phòng</title><a href='/a/so-1/'>A &amp; &lt;B&gt;</a>"
        "<main><p>x</p></main>"
    )


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Sổ văn bản", "Văn phòng", "Sổ văn bản - Văn phòng"),
        ("Nhiệm vụ của Văn phòng", "Văn phòng", "Nhiệm vụ của Văn phòng"),
        ("", "Văn phòng", "Văn phòng"),
    ],
)
def test_tab_title_names_the_office_once(title: str, site: str, expected: str) -> None:
    assert tab_title(title, site) == expected


def test_personal_data_only_a_page_shows_stops_a_build_whose_workers_make_the_pages(
    tmp_path: Path,
) -> None:
    """A cold build makes the volume's pages in its workers (``build_site(defer=True)``), so
    the gate's net over page contexts runs there: a mobile number written with character
    references in a full text (plain in the Markdown, a number once rendered) stops the
    build with the message the whole-plan check gives, and the published site stays."""
    import csv
    import datetime as dt

    from congkhai.problems import DataError
    from congkhai.site import build_site

    project = synthetic_project(400, tmp_path / "synthetic")
    first = build(project, tmp_path / "site", "2026-11-24", CONGKHAI_WORKERS="3")
    assert first.returncode == 0, first.output
    before = site_files(first.site)
    with (project / "data" / "documents.csv").open(encoding="utf-8", newline="") as f:
        doc = next(
            row
            for row in csv.DictReader(f)
            if row["body"] and f"van-ban/{row['id']}/index.html" in before
        )
    text = project / "docs" / doc["body"]
    text.write_text(
        text.read_text(encoding="utf-8") + "\n\nGọi &#48;987&#32;654&#32;321\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as whole:  # the check of the whole plan, as kiem-tra runs it
        build_site(project, dt.date(2026, 11, 24))
    expected = [p.message for p in whole.value.problems.items]
    assert len(expected) == 1 and "098• ••• 321" in expected[0], expected
    assert f"(trang /van-ban/{doc['id']}/, " in expected[0]

    refused = build(project, tmp_path / "site", "2026-11-24", CONGKHAI_WORKERS="3")
    assert refused.returncode != 0
    assert expected[0] in refused.output, refused.output
    assert "Traceback" not in refused.output
    assert site_files(tmp_path / "site") == before  # nothing of the refused build published
    assert not (tmp_path / "site.dang-dung").exists()  # nor left beside it
