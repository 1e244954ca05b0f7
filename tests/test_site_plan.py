"""The site plan without MkDocs, and build state that dies with its build."""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SEED_AS_OF, build, make_project, synthetic_project

SEED_DATE = dt.date.fromisoformat(SEED_AS_OF)


def test_plan_of_the_shipped_site_is_built_with_mkdocs_unimportable() -> None:
    script = textwrap.dedent(
        f"""
        import datetime as dt, json, sys
        from pathlib import Path
        for name in ("mkdocs", "material"):
            sys.modules[name] = None  # any import of them now raises ImportError
        from congkhai.site import build_site
        plan = build_site(Path({str(ROOT)!r}), dt.date(2021, 11, 30))
        assert not any(m.startswith(("mkdocs", "material")) for m in sys.modules
                       if sys.modules[m] is not None)
        print(json.dumps({{
            "pages": {{p.url: [p.title, p.template, type(p.context).__name__] for p in plan.pages}},
            "files": sorted(f.path for f in plan.files),
            "written": [w.url for w in plan.written],
        }}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["pages"]["van-ban/22-kh-vpub-2021/"] == [
        "Kế hoạch 22/KH-VPUB: Về đối thoại của Chánh Văn phòng Ủy ban nhân dân tỉnh với công "
        "chức, viên chức, người lao động và nhân dân",
        "document.html",
        "DocumentContext",
    ]
    assert plan["pages"][""][1:] == ["home.html", "HomeContext"]
    assert plan["pages"]["lich-tiep-cong-dan/"][1:] == ["reception.html", "ReceptionContext"]
    for path in (
        "du-lieu-mo/van-ban.csv",
        "du-lieu-mo/van-ban.json",
        "atom.xml",
        "lich-tiep-cong-dan/lich-tiep-cong-dan.ics",
        "tim-kiem/chi-muc/meta.json",
    ):
        assert path in plan["files"]
    assert plan["written"] == ["gioi-thieu/"]
    assert plan["pages"]["du-lieu-mo/"][1:] == ["open_data.html", "OpenDataContext"]


def test_every_planned_page_and_file_is_in_the_built_site(seed_build) -> None:  # type: ignore[no-untyped-def]
    from congkhai.site import build_site

    plan = build_site(ROOT, SEED_DATE)
    for page in plan.pages:
        assert (seed_build.site / page.url / "index.html").is_file(), page.url
    for data in plan.files:
        assert (seed_build.site / data.path).read_bytes() == data.content, data.path


def test_no_build_state_outlives_its_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``mkdocs serve`` every rebuild loads a new config in the same process, and
    serve keeps its first build's config to the end: every build's plan (registry, full
    texts, Jinja environment) must be collectable once the build is over, config or not."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from congkhai import mkdocs_adapter

    env_before = dict(os.environ)
    os.environ["CONGKHAI_AS_OF"] = SEED_AS_OF
    handlers_before = list(logging.getLogger("mkdocs").handlers)
    refs = []
    post_build = mkdocs_adapter._post_build

    def watched(config: Any, state: Any) -> None:  # the plan each build published
        refs.append((weakref.ref(state.plan), weakref.ref(state.plan.registry)))
        post_build(config, state)

    monkeypatch.setattr(mkdocs_adapter, "_post_build", watched)
    try:
        configs = []  # kept, as mkdocs serve keeps its first
        for n in range(2):
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / f"site{n}"))
            mkdocs_build(config)
            configs.append(config)
            assert not hasattr(config, mkdocs_adapter.STATE)
        gc.collect()
        assert len(refs) == 2
        assert all(ref() is None for pair in refs for ref in pair), "a build's plan survived"
        assert (tmp_path / "site1" / "index.html").is_file()
    finally:
        os.environ.pop("CONGKHAI_AS_OF")
    # nothing written to the process environment, no logging handler left behind
    # (mkdocs-material itself sets NO_MKDOCS_2_WARNING when its plugins load: not ours)
    ignored = {"NO_MKDOCS_2_WARNING"}
    assert {k: v for k, v in os.environ.items() if k not in ignored} == {
        k: v for k, v in env_before.items() if k not in ignored
    }
    assert logging.getLogger("mkdocs").handlers == handlers_before


def test_refused_build_leaves_the_published_site_whole(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    site = tmp_path / "site"
    first = build(project, site)
    assert first.returncode == 0, first.output
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    documents = project / "data" / "documents.csv"
    documents.write_text(
        documents.read_text(encoding="utf-8") + "x,1/KH-VPUB,ke-hoach,vpub,31/02/2021,T\n",
        encoding="utf-8",
    )
    second = build(project, site)
    assert second.returncode != 0
    assert "31/02/2021" in second.output
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not (tmp_path / "site.dang-dung").exists() or not any(
        (tmp_path / "site.dang-dung").iterdir()
    )


def test_strict_warning_keeps_the_old_site(tmp_path: Path) -> None:
    """``--strict`` aborts after the last event: the staged output must not be swapped in."""
    project = make_project(tmp_path)
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    marker = (site / "index.html").read_bytes()
    (project / "docs" / "gioi-thieu.md").write_text(
        "# Giới thiệu\n\n[liên kết hỏng](khong-co-trang-nay.md)\n", encoding="utf-8"
    )
    result = build(project, site)
    assert result.returncode != 0 and "khong-co-trang-nay.md" in result.output
    assert (site / "index.html").read_bytes() == marker
    assert "liên kết hỏng" not in (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")


def test_one_label_per_document_and_session(seed_build) -> None:  # type: ignore[no-untyped-def]
    """The draft report is "Báo cáo (dự thảo)" in its <title>, H1, feed, links and search;
    a session has one title on its page, in its calendar event and in the search index."""
    import feedparser

    page = seed_build.html("van-ban/bao-cao-doi-thoai-2021/")
    heading = page.select_one("article h1").get_text(" ", strip=True)
    assert heading.startswith("Báo cáo (dự thảo)")
    assert page.title.get_text().startswith("Báo cáo (dự thảo): Kết quả thực hiện")
    feed = feedparser.parse((seed_build.site / "van-ban" / "atom.xml").read_bytes())
    titles = [e.title for e in feed.entries if e.link.endswith("bao-cao-doi-thoai-2021/")]
    assert titles == ["Báo cáo (dự thảo): Kết quả thực hiện công tác đối thoại năm 2021"]
    index = "\n".join(
        text for path, text in seed_build.text_files().items() if path.startswith("tim-kiem/")
    )
    assert "Báo cáo (dự thảo)" in index and "Báo cáo /BC-VPUB" not in index

    session = "lich-tiep-cong-dan/buoi/bi-thu-duvp-2021-04-15"
    import icalendar

    title = seed_build.html(session + "/").title.get_text().rsplit(" - ", 1)[0]
    assert title == "Tiếp công dân thứ năm, 15/4/2021: Bí thư Đảng ủy Văn phòng UBND tỉnh"
    calendar = icalendar.Calendar.from_ical((seed_build.site / f"{session}.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "[Minh họa] " + title
    assert title in index


def test_the_one_list_of_datasets_drives_guide_open_data_search_and_plan(seed_build) -> None:  # type: ignore[no-untyped-def]
    """Each dataset declares itself once (``DATASET``); the staff guide, the open-data page,
    the search index and the site plan all follow ``DATASETS``."""
    from congkhai.datasets import DATASETS
    from congkhai.ids import STAFF_GUIDE, guide_dataset_url
    from congkhai.search import KIND_LABELS
    from congkhai.site import PLANNERS, build_site

    plan = build_site(ROOT, SEED_DATE)
    paths = {f.path for f in plan.files}
    urls = {p.url for p in plan.pages}
    # the guide's overview and its page per dataset
    pages = {
        d.name: seed_build.html(guide_dataset_url(d.name)).select_one("article").get_text(" ")
        for d in DATASETS
        if d.sources
    }
    guide = " ".join(
        [seed_build.html(STAFF_GUIDE).select_one("article").get_text(" "), *pages.values()]
    )
    open_data = seed_build.html("du-lieu-mo/")
    linked = {a["href"] for a in open_data.select("article a[href]")}
    for dataset in DATASETS:
        for source in dataset.sources:
            assert source.file in guide, source.file
        if dataset.section or dataset.exports:
            assert dataset.name in PLANNERS, dataset.name
        if dataset.section:
            assert dataset.section.url in urls
        if dataset.search_kind:
            assert KIND_LABELS[dataset.search_kind[0]] == dataset.search_kind[1]
        for source in dataset.exports:
            for ext in ("csv", "json"):
                assert f"du-lieu-mo/{source.export}.{ext}" in paths
                assert f"{source.export}.{ext}" in linked
    # the notices' and plans' keys are in the guide too (they were missing before)
    assert "Ngày hết hạn" in guide and "Hạn hoàn thành" in guide
    assert "internal" not in guide and "Tệp" not in pages["notices"]


def test_interrupted_build_leaves_the_published_site_whole(tmp_path: Path) -> None:
    """Kill a build half way (as a CI timeout or Ctrl-C would): ``site/`` keeps the last
    complete site, because the build writes into a staging folder and swaps at the end."""
    import signal
    import time

    project = synthetic_project(600, tmp_path / "big")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    assert site.stat().st_mode & 0o777 == 0o755  # the published folder is readable
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    staging = tmp_path / "site.dang-dung"
    env = {**os.environ, "CONGKHAI_AS_OF": SEED_AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        env=env,
        cwd=project,
    )
    deadline = time.monotonic() + 60
    while not any(staging.rglob("*.html")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert any(staging.rglob("*.html")), "the build never started writing"
    # pages not yet checked by the gate's net: only the builder may read them
    assert staging.stat().st_mode & 0o777 == 0o700
    after = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_every_page_template_has_its_documented_context() -> None:
    """datasette's rule: each template is rendered from one documented context class."""
    import dataclasses

    from congkhai.site import TEMPLATE_CONTEXTS

    templates = {
        p.name
        for p in (ROOT / "overrides" / "congkhai").glob("*.html")
        if not p.name.startswith("_") and p.name != "provenance.html"
    }
    assert set(TEMPLATE_CONTEXTS) == templates
    for template, context in TEMPLATE_CONTEXTS.items():
        assert dataclasses.is_dataclass(context), template
        assert context.__dataclass_params__.frozen, template  # type: ignore[attr-defined]
        assert context.__doc__ and template in context.__doc__, (template, context.__doc__)


@pytest.mark.usefixtures("keeping_between_builds")
def test_second_plan_in_one_process_equals_the_first() -> None:
    """``mkdocs serve`` plans again in the same process, reusing rendered texts, structures
    and privacy scans of the last build (``congkhai.memo``): the plan is the same."""
    from congkhai import site

    as_of = dt.date.fromisoformat(SEED_AS_OF)
    first = site.build_site(ROOT, as_of)
    second = site.build_site(ROOT, as_of)
    assert second.pages == first.pages
    assert second.files == first.files
    assert second.written == first.written
    assert second.registry.problems.items == first.registry.problems.items


@pytest.mark.usefixtures("keeping_between_builds")
def test_memo_keeps_what_the_last_build_used_and_nothing_older() -> None:
    from congkhai.memo import Memo, digest

    memo: Memo[str] = Memo()
    calls: list[str] = []

    def render(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo.new_build()
    assert memo.get(digest("a"), lambda: render("a")) == "A"
    assert memo.get(digest("b"), lambda: render("b")) == "B"
    memo.new_build()  # the next build asks for "a" only
    assert memo.get(digest("a"), lambda: render("a")) == "A"
    memo.new_build()  # "b" was not used by the last build: computed again
    assert memo.get(digest("b"), lambda: render("b")) == "B"
    assert memo.get(digest("a"), lambda: render("a")) == "A"
    assert calls == ["a", "b", "b"]
    assert digest("ab", "c") != digest("a", "bc")


def test_a_listing_row_is_the_same_whichever_listing_built_it_first(tmp_path: Path) -> None:
    """A document's row is computed once per build and reused by its five listings (the
    register and each facet); each listing still gets its own href to the document, and
    the same row as a listing planned alone with a fresh index."""
    from congkhai.pages.documents import RegisterIndex, listing_context
    from congkhai.registry import load_registry

    project = synthetic_project(120, tmp_path / "du-an")
    registry = load_registry(project, SEED_DATE)
    shared = RegisterIndex(registry)
    listings = shared.listings()
    assert {facet for facet, _, _ in listings} == {None, "loai", "co-quan", "nam", "tinh-trang"}
    hrefs = set()
    for listing in listings:
        rows = listing_context(shared, *listing).rows
        assert rows == listing_context(RegisterIndex(registry), *listing).rows, listing
        hrefs |= {row.href for row in rows}
    # "x/" from the register, "../x/" from its second page, "../../x/" from a facet's
    assert {h.count("../") for h in hrefs} >= {0, 1, 2}
