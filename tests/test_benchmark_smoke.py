"""The benchmark script still runs end to end, and its baselines show what congkhai shows.

A smoke test at 20 documents and one run each (seconds); the real measurement is
``python scripts/benchmark.py``, never run by CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from benchmark import LEAF, Doc, material_paths  # noqa: E402


def _doc(i: int, kind: str, year: str) -> Doc:
    return Doc(
        id=f"{i:03d}-{kind}-{year}",
        number=f"{i:02d}/KH-VPUB",
        type=kind,
        issuer="Văn phòng Ủy ban nhân dân tỉnh",
        issued=f"05/3/{year}",
        year=year,
        title=f"Kế hoạch {i}",
        properties=[],
        status="Chưa xác định",
        full_text="",
    )


def test_material_baseline_nests_documents_by_type_and_year_at_most_20_per_leaf() -> None:
    docs = [_doc(i, "ke-hoach", "2021") for i in range(45)] + [_doc(99, "quyet-dinh", "2022")]
    folders = Counter(path.rsplit("/", 1)[0] for path in material_paths(docs).values())
    assert folders == {
        "van-ban/ke-hoach/2021/01": LEAF,
        "van-ban/ke-hoach/2021/02": LEAF,
        "van-ban/ke-hoach/2021/03": 5,
        "van-ban/quyet-dinh/2022/01": 1,
    }


def test_benchmark_builds_congkhai_material_and_hugo_at_20_documents(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "benchmark.py"),
            "20",
            "--repeat",
            "1",
            "--no-browser",
            "--no-readme",
            "--workdir",
            str(tmp_path),
            "--json",
            str(results),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    (result,) = json.loads(results.read_text(encoding="utf-8"))
    assert set(result["builds"]) == {"congkhai", "material", "hugo"}
    for build in result["builds"].values():
        assert build["seconds"] > 0 and build["peak_mib"] > 0 and build["runs"] == 1
    assert "time congkhai / Material" in run.stdout and "time congkhai / Hugo" in run.stdout

    # Material: every public document is a page of the nested tree, with its relations.
    material = tmp_path / "material-20" / "site" / "van-ban"
    pages = list(material.glob("*/*/*/*/index.html"))
    assert len(pages) == result["public"]
    related = [
        (page, a["href"])
        for page in pages
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(
            "article li a[href]"
        )
    ]
    assert related, "no relation links on the Material pages"
    assert all((page.parent / href / "index.html").resolve().is_file() for page, href in related)
    # Hugo: a document with a full text shows it, its properties and its facets' links.
    hugo = tmp_path / "hugo-20" / "site"
    with_text = [
        BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
        for p in (hugo / "van-ban").glob("*/index.html")
    ]
    page = next(s for s in with_text if s.find("h2", string="Toàn văn"))
    assert page.find("th", string="Số ký hiệu")
    assert page.find("a", href=lambda h: bool(h) and h.startswith("/nam/"))
    for facet in ("loai", "co-quan", "nam", "tinh-trang"):
        assert (hugo / facet / "index.html").is_file()
    assert json.loads((hugo / "index.json").read_text(encoding="utf-8"))
