"""Incremental builds while serving (congkhai/rendercache.py) equal cold builds, byte for byte.

A driver process builds a synthetic project the way ``mkdocs serve`` does (one process, the
adapter told it is serving, one build after each edit); after every edit of a random
sequence (fixed seed) a cold ``mkdocs build`` of the same files in a fresh process must give
the same site, file for file. Pages whose inputs did not change are not rewritten: they keep
their inode (the adapter links them from the published folder).
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build, build_env, site_files, synthetic_project

AS_OF = "2026-11-24"

DRIVER = r"""
import json, logging, os, shutil, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from congkhai import mkdocs_adapter

project, site, steps, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
logs = []
class Keep(logging.Handler):
    def emit(self, record):
        logs.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Keep(logging.INFO))
logging.getLogger("mkdocs").setLevel(logging.INFO)
mkdocs_adapter.on_startup(command="serve", dirty=False)
os.chdir(project)
report = []
for n, step in enumerate([None, *json.loads(steps.read_text())]):
    if step is not None:
        for rel, text in step.items():
            (project / rel).write_text(text, encoding="utf-8", newline="")
    del logs[:]
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
    inodes = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    shutil.copytree(site, out / f"step-{n}")
    report.append({"inodes": inodes, "logs": [m for m in logs if "dựng lại" in m]})
(out / "report.json").write_text(json.dumps(report))
"""


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _csv(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _edits(project: Path, rng: random.Random) -> list[dict[str, str]]:
    """A full text starts citing a document X and a number not in the register; X's title
    changes (the citing page's link must follow); a document with the missing number is
    added (the citing page gains a link); an unreferenced document is removed; X's date
    changes; the office is renamed (every frame changes); X's title is changed back."""
    header, rows = _rows(project / "data" / "documents.csv")
    cited = {
        value
        for row in _rows(project / "data" / "relations.csv")[1]
        for value in (row["source"], row["target"])
    }
    public = [r for r in rows if r["access"] == "cong-khai"]
    citing = rng.choice([r for r in public if r["body"]])
    x = rng.choice([r for r in public if r is not citing])
    model = rng.choice([r for r in public if r is not citing and r is not x])
    missing = "777/" + model["number"].split("/", 1)[1]
    steps: list[dict[str, str]] = []

    body = project / "docs" / citing["body"]
    text = body.read_text(encoding="utf-8")
    steps.append(
        {
            f"docs/{citing['body']}": text
            + f"\nCăn cứ văn bản số {x['number']} và văn bản số {missing}.\n"
        }
    )

    original_title = x["title"]
    x["title"] = original_title + " (đã sửa tiêu đề)"
    steps.append({"data/documents.csv": _csv(header, rows)})

    added = {**model, "id": "bo-sung-777", "number": missing, "body": ""}
    added["title"] = "Văn bản bổ sung để thử dựng lại từng phần"
    rows.append(added)
    steps.append({"data/documents.csv": _csv(header, rows)})

    gone = rng.choice([r for r in public if r["id"] not in cited and r not in (x, citing, model)])
    rows.remove(gone)
    steps.append({"data/documents.csv": _csv(header, rows)})

    day, month, year = x["issued"].split("/")
    x["issued"] = f"{day}/{month}/{int(year) - 1}"
    steps.append({"data/documents.csv": _csv(header, rows)})

    site_yaml = (project / "data" / "site.yaml").read_text(encoding="utf-8")
    steps.append({"data/site.yaml": site_yaml.replace("Sơn La", "Sơn La (thử)", 1)})

    x["title"] = original_title
    steps.append({"data/documents.csv": _csv(header, rows)})
    return steps


def _drive(script: str, project: Path, *args: Path) -> str:
    """Runs a driver ``script`` (the serving process's builds, one after another) on
    ``project`` with ``args``; returns what it printed."""
    driver = project.parent / "driver.py"
    driver.write_text(script, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(driver), str(project), *map(str, args)],
        capture_output=True,
        text=True,
        env=build_env(AS_OF),
        cwd=project,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]], list]:
    tmp = tmp_path_factory.mktemp("incremental")
    project = synthetic_project(240, tmp / "project")
    pristine = tmp / "pristine"
    shutil.copytree(project, pristine)
    steps = _edits(project, random.Random(15))
    (tmp / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    _drive(DRIVER, project, tmp / "served", tmp / "steps.json", tmp / "snapshots")
    report = json.loads((tmp / "snapshots" / "report.json").read_text())
    return tmp, steps, report


def test_every_incremental_build_equals_a_cold_build(edited: tuple) -> None:
    tmp, steps, _report = edited
    cold_project = tmp / "cold"
    shutil.copytree(tmp / "pristine", cold_project)
    for n, step in enumerate([None, *steps]):
        for rel, text in (step or {}).items():
            (cold_project / rel).write_text(text, encoding="utf-8", newline="")
        cold = build(cold_project, tmp / f"cold-{n}", as_of=AS_OF)
        assert cold.returncode == 0, cold.output
        a, b = site_files(tmp / "snapshots" / f"step-{n}"), site_files(cold.site)
        assert sorted(a) == sorted(b), (n, set(a) ^ set(b))
        differing = [p for p in a if a[p] != b[p]]
        assert not differing, f"step {n}: {len(differing)} files differ, e.g. {differing[:5]}"


def test_an_edit_rerenders_few_pages_and_leaves_the_others_untouched(edited: tuple) -> None:
    tmp, _steps, report = edited
    counts = []
    for step in report:
        (line,) = step["logs"]
        rendered, kept = (int(w) for w in line.split() if w.isdigit())
        counts.append((rendered, kept))
    total = sum(counts[0])
    assert counts[0] == (total, 0)  # the first build renders everything
    title_edit = counts[2][0]
    assert 0 < title_edit < total / 10, counts
    assert counts[6][1] == 0, counts  # the office renamed: every frame changed
    # a page whose bytes did not change across the title edit kept its file (same inode)
    before, after = report[1]["inodes"], report[2]["inodes"]
    same = [
        p
        for p in before
        if p.startswith("van-ban/")
        and p.count("/") == 2
        and p in after
        and (tmp / "snapshots/step-1" / p).read_bytes()
        == (tmp / "snapshots/step-2" / p).read_bytes()
    ]
    assert len(same) > total / 2
    assert all(before[p] == after[p] for p in same)


REFUSING_DRIVER = r"""
import json, logging, os, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from congkhai import mkdocs_adapter

project, site, body = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
errors = []
class Keep(logging.Handler):
    def emit(self, record):
        errors.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Keep(logging.ERROR))
mkdocs_adapter.on_startup(command="serve", dirty=False)
os.chdir(project)
build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
before = {p.relative_to(site).as_posix(): p.read_bytes().hex() for p in site.rglob("*") if p.is_file()}
body.write_text(body.read_text(encoding="utf-8") + "\n\nGọi &#48;987&#32;654&#32;321\n", encoding="utf-8")
try:  # MkDocs logs a plugin's error and raises Abort (a SystemExit)
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
    message = None
except SystemExit:
    message = "\n".join(errors)
after = {p.relative_to(site).as_posix(): p.read_bytes().hex() for p in site.rglob("*") if p.is_file()}
print(json.dumps({"message": message, "unchanged": before == after, "files": len(after)}))
"""


def test_serving_refuses_a_number_only_a_page_shows_before_writing_anything(
    tmp_path: Path,
) -> None:
    """While serving, the served folder is written in place: the gate's net over every page
    (made once in ``on_config`` for its digest) must refuse before anything is written. A
    mobile number written with character references in a full text is plain in the
    Markdown and a number on the rendered page."""
    project = synthetic_project(120, tmp_path / "project")
    _, rows = _rows(project / "data" / "documents.csv")
    doc = next(r for r in rows if r["body"] and r["access"] == "cong-khai" and not r["expires"])
    stdout = _drive(REFUSING_DRIVER, project, tmp_path / "served", project / "docs" / doc["body"])
    outcome = json.loads(stdout.strip().splitlines()[-1])
    assert outcome["message"] is not None, "the rebuild was not refused"
    assert "098• ••• 321" in outcome["message"]
    assert f"(trang /van-ban/{doc['id']}/, " in outcome["message"]
    assert outcome["unchanged"] and outcome["files"] > 120
