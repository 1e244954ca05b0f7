"""Đo hiệu năng (benchmark): build time, peak memory and page weight at scale.

    python scripts/benchmark.py                 # N = 1,000 and 10,000, updates README.md
    python scripts/benchmark.py 1000 --no-readme
    python scripts/benchmark.py --index 1000 10000  # indexing time and memory alone

For each N it builds, in the same run and on the same machine:

- congkhai with N synthetic documents (``scripts/generate_synthetic.py``);
- plain mkdocs-material with N ordinary Markdown pages of similar size, all in the
  navigation, with ``navigation.prune`` (the baseline the design is measured against).

Each build runs in its own child process so that peak memory (ru_maxrss) is its own.
Targets (issue 2): congkhai at 10,000 documents in at most half the baseline's time, and
under 1 GiB peak memory.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from generate_synthetic import SUBJECTS, generate  # noqa: E402

BENCH = ROOT / "bench"
#: Trang chủ on a slow phone link: HTML + CSS + JS (+ fonts: none, the theme's are off), gzipped.
HOME_BUDGET_KIB = 80
AS_OF = "2026-11-24"
PLAIN_CONFIG = """site_name: Baseline
theme:
  name: material
  language: vi
  font: false
  features:
    - navigation.prune
plugins:
  - search
markdown_extensions:
  - tables
  - toc:
      permalink: true
"""


def measure_child(project: Path, site: Path) -> None:
    """Runs in the child: one in-process build, then prints seconds and peak memory."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    print(json.dumps({"seconds": seconds, "peak_mib": peak}))


def measure_index_child(project: Path) -> None:
    """Runs in the child: the search index alone (records from the models, postings, files)."""
    import datetime as dt

    from congkhai.pages.documents import RegisterIndex
    from congkhai.registry import load_registry
    from congkhai.search import build_index, records_from

    registry = load_registry(project, dt.date.fromisoformat(AS_OF))
    start = time.perf_counter()
    index = build_index(records_from(RegisterIndex(registry)))
    seconds = time.perf_counter() - start
    size = sum(len(b) for b in index.files.values()) / 1024 / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mib": peak,
                "records": index.records,
                "terms": index.terms,
                "files": len(index.files),
                "mib": size,
            }
        )
    )


def run_build(project: Path, site: Path) -> dict[str, float]:
    env = {**os.environ, "CONGKHAI_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(project), str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def plain_project(n: int, project: Path) -> None:
    if project.exists():
        shutil.rmtree(project)
    docs = project / "docs" / "p"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Baseline\n", encoding="utf-8")
    for i in range(n):
        subject = SUBJECTS[i % len(SUBJECTS)]
        (docs / f"{i:05d}.md").write_text(
            f"# Kế hoạch {i}/KH-VPUB\n\nKế hoạch triển khai {subject}.\n\n"
            "## Thuộc tính văn bản\n\n| Thuộc tính | Giá trị |\n|---|---|\n"
            f"| Số ký hiệu | {i}/KH-VPUB |\n| Loại văn bản | Kế hoạch |\n"
            "| Cơ quan ban hành | Văn phòng Ủy ban nhân dân tỉnh |\n| Ngày ban hành | 05/3/2021 |\n"
            "| Tình trạng hiệu lực | Còn hiệu lực |\n| Người ký | KT. Chánh Văn phòng |\n\n"
            "## Văn bản liên quan\n\n"
            + "".join(f"- [Văn bản {j}]({j:05d}.md)\n" for j in range(max(0, i - 3), i)),
            encoding="utf-8",
        )


def page_weight(site: Path, page: Path) -> dict[str, int]:
    """Bytes of one page and what it loads from the site (CSS, JS), raw and gzipped."""
    html = page.read_bytes()
    assets = re.findall(rb'(?:href|src)="([^"]+\.(?:css|js))"', html)
    raw, gz = len(html), len(gzip.compress(html, 9))
    for ref in assets:
        path = (page.parent / ref.decode()).resolve()
        if path.is_file() and site in path.parents:
            data = path.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, 9))
    return {"html": len(html), "html_gz": len(gzip.compress(html, 9)), "total": raw, "total_gz": gz}


def search_bench(site: Path, number: str) -> dict[str, dict[str, float]]:
    """Each query on a fresh page (cold cache) in headless Chromium: milliseconds from the
    last keystroke (Playwright's fill fires the input event) to results on screen, and the
    gzipped bytes downloaded from opening the search page to the first results (page, CSS,
    scripts and index files; the index part is also given). "In page" is measured by the
    search script itself, from the input event to the results in the DOM (60 ms debounce
    included); the driver figure adds Playwright's round trips."""
    from playwright.sync_api import sync_playwright

    from congkhai.devserver import CHROMIUM, CHROMIUM_ARGS, serve

    base, server = serve(site)
    results: dict[str, dict[str, float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for query in ("tiep cong dan", "quy che dan chu", "doi thoai", number):
            page = browser.new_page()
            fetched: list[str] = []
            page.on("request", lambda r, fetched=fetched: fetched.append(r.url))
            page.goto(base + "tim-kiem/")
            page.wait_for_selector("select[data-facet=kind] option:nth-child(2)", state="attached")
            start = time.perf_counter()
            page.fill("#ck-q", query)
            page.wait_for_selector(
                f'#ck-results[data-query="{query}"]', state="attached", timeout=60000
            )
            ms = (time.perf_counter() - start) * 1000
            in_page = float(page.get_attribute("#ck-results", "data-ms") or "nan")
            count = page.eval_on_selector_all("#ck-results li", "e => e.length")
            files = [site / u[len(base) :] for u in fetched if u.startswith(base)]
            sizes = {f: len(gzip.compress(f.read_bytes(), 6)) for f in files if f.is_file()}
            gz = sum(sizes.values())
            index_gz = sum(v for f, v in sizes.items() if "chi-muc" in f.parts)
            results[query] = {
                "ms": in_page,
                "driver_ms": ms,
                "kib_gz": gz / 1024,
                "index_kib_gz": index_gz / 1024,
                "files": len(files),
                "shown": count,
            }
            page.close()
        browser.close()
    server.shutdown()
    server.server_close()
    return results


def _a_number(project: Path) -> str:
    import csv

    with (project / "data" / "documents.csv").open(encoding="utf-8") as f:
        return next(
            r["number"]
            for r in csv.DictReader(f)
            if "/KH-" in r["number"] and r["access"] == "cong-khai"
        )


def bench(n: int) -> dict[str, object]:
    ours, plain = BENCH / f"congkhai-{n}", BENCH / f"plain-{n}"
    generate(n, ours)
    plain_project(n, plain)
    ck = run_build(ours, ours / "site")
    # Timing-sensitive browser measurements first; the long baseline build last.
    searches = search_bench(ours / "site", _a_number(ours))
    base = run_build(plain, plain / "site")
    doc_page = next((ours / "site" / "van-ban").glob("*-kh-*/index.html"))
    index_dir = ours / "site" / "tim-kiem" / "chi-muc"
    return {
        "n": n,
        "congkhai": ck,
        "plain": base,
        "pages": sum(1 for _ in (ours / "site").rglob("index.html")),
        "weight": page_weight(ours / "site", doc_page),
        "home": page_weight(ours / "site", ours / "site" / "index.html"),
        "search": searches,
        "index_kib": sum(p.stat().st_size for p in index_dir.rglob("*.json")) / 1024,
    }


def table(results: list[dict[str, object]]) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} (`python scripts/benchmark.py`).",
        "",
        "| documents | pages built | congkhai build | per document | peak memory | plain mkdocs-material, same N | ratio | document page (HTML / with CSS+JS, gzipped) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ck, base, w = r["congkhai"], r["plain"], r["weight"]
        assert isinstance(ck, dict) and isinstance(base, dict) and isinstance(w, dict)
        lines.append(
            f"| {r['n']:,} | {r['pages']:,} | {ck['seconds']:.1f} s | {1000 * ck['seconds'] / int(str(r['n'])):.1f} ms "
            f"| {ck['peak_mib']:.0f} MiB | {base['seconds']:.1f} s ({base['peak_mib']:.0f} MiB) "
            f"| {ck['seconds'] / base['seconds']:.2f} | {w['html'] / 1024:.1f} KiB ({w['html_gz'] / 1024:.1f} gz) / "
            f"{w['total_gz'] / 1024:.0f} KiB gz |"
        )
    lines += [
        "",
        "Search in headless Chromium, each query on a fresh page (cold cache):",
        "",
        "| documents | query | last keystroke to results shown (in page; with the test driver) | downloaded: search page + first query, gzipped (of which index) | index on disk |",
        "|---:|---|---:|---:|---:|",
    ]
    for r in results:
        searches = r["search"]
        assert isinstance(searches, dict)
        for query, m in searches.items():
            lines.append(
                f"| {r['n']:,} | `{query}` | {m['ms']:.0f} ms ({m['driver_ms']:.0f} ms) | {m['kib_gz']:.0f} KiB in {int(m['files'])} requests ({m.get('index_kib_gz', float('nan')):.0f} KiB) | {float(str(r['index_kib'])) / 1024:.1f} MiB |"
            )
    homes = [r["home"] for r in results]
    lines.append("")
    for r, home in zip(results, homes, strict=True):
        assert isinstance(home, dict)
        verdict = "within" if home["total_gz"] / 1024 <= HOME_BUDGET_KIB else "OVER"
        lines.append(
            f"Home page at {r['n']:,} documents: {home['html_gz'] / 1024:.1f} KiB HTML + CSS + JS = "
            f"{home['total_gz'] / 1024:.1f} KiB gzipped, {verdict} the {HOME_BUDGET_KIB} KiB budget."
        )
    return "\n".join(lines)


def update_readme(text: str, block: str = "benchmark") -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {block}:start -->", f"<!-- {block}:end -->"
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def index_lines(sizes: list[int]) -> str:
    """Indexing time and memory, in a child process per N, on the generated projects."""
    lines = [
        "| documents | records indexed | terms | files | index size | indexing time | peak memory of the indexing process |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        project = BENCH / f"congkhai-{n}"
        if not project.exists():
            generate(n, project)
        out = subprocess.run(
            [sys.executable, __file__, "--measure-index", str(project)],
            capture_output=True,
            text=True,
            check=True,
            cwd=project,
        )
        m = json.loads(out.stdout.strip().splitlines()[-1])
        lines.append(
            f"| {n:,} | {m['records']:,} | {m['terms']:,} | {m['files']:,} | {m['mib']:.1f} MiB | {m['seconds']:.1f} s | {m['peak_mib']:.0f} MiB |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        measure_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--measure-index":
        measure_index_child(Path(sys.argv[2]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--index":
        text = index_lines([int(a) for a in sys.argv[2:]] or [1000, 10000])
        print(text)
        update_readme(text, "index")
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--no-readme", action="store_true", help="print only")
    args = parser.parse_args()
    results = []
    for n in args.sizes:
        results.append(bench(n))
        print(json.dumps(results[-1]), flush=True)
    text = table(results)
    print(text)
    if not args.no_readme:
        update_readme(text)


if __name__ == "__main__":
    main()
