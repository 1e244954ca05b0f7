"""Shared test helpers: a copy of the project with chosen data, built by the real CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from congkhai.devserver import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
SEED_AS_OF = "2021-11-30"

HEADERS = {
    "documents.csv": "id,number,type,issuer,issued,title,signer,signer_title,signing_form,"
    "effective,expires,status,topics,access,published,files,body\n",
    "relations.csv": "source,relation,target,date,note\n",
}


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def html(self, url: str) -> BeautifulSoup:
        path = self.site / url / "index.html" if url.endswith("/") or not url else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def text_files(self) -> dict[str, str]:
        """Every text file of the built site (HTML, XML, JSON, CSV, JS), by relative path."""
        out = {}
        for path in self.site.rglob("*"):
            if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".js", ".txt"}:
                out[str(path.relative_to(self.site))] = path.read_text(encoding="utf-8-sig")
        return out


#: Shipped datasets that cite the shipped documents; dropped when a test brings its own.
DEPENDENT_DATA = (
    "data/relations.csv",
    "data/reception",
    "data/meetings.csv",
    "data/dialogue_items.csv",
    "data/dialogue_totals.csv",
    "data/plans",
    "data/thong-bao",
    "data/danh-muc.yaml",
)
#: Shipped data kept when a test brings its own documents, with its links to them blanked:
#: the access-to-information section is a page of every site (the navigation names it).
UNLINKED_DATA = "data/tiep-can-thong-tin.yaml"


def make_project(tmp_path: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """Copy the project (config, hooks, theme, docs, shipped data) and overwrite ``files``
    (paths relative to the project, e.g. ``data/documents.csv``). A test that replaces
    ``data/documents.csv`` starts without the shipped schedules, which cite its documents."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs", "data"):
        shutil.copytree(ROOT / folder, project / folder)
    if files and "data/documents.csv" in files:
        for rel in DEPENDENT_DATA:
            target = project / rel
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        access = project / UNLINKED_DATA
        access.write_text(
            re.sub(
                r"^(\s*(?:rules_)?document:).*$",
                r'\1 ""',
                access.read_text(encoding="utf-8"),
                flags=re.MULTILINE,
            ),
            encoding="utf-8",
        )
    for rel, content in (files or {}).items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return project


def build_env(as_of: str = SEED_AS_OF, **env: str) -> dict[str, str]:
    """The environment of a test build: this one without variables that would change the
    site, plus the as-of date."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SOURCE_DATE_EPOCH", "CONGKHAI_REPO_URL", "CONGKHAI_SITE_URL"}
    }
    return environ | {"CONGKHAI_AS_OF": as_of, "NO_MKDOCS_2_WARNING": "1", **env}


def build(
    project: Path, site: Path, as_of: str = SEED_AS_OF, *, runner: str = "mkdocs", **env: str
) -> Build:
    """Run ``mkdocs build --strict`` exactly as CI and staff do (``runner="properdocs"``:
    the same build by ProperDocs, the documented runner)."""
    environ = build_env(as_of, **env)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            runner,
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        env=environ,
        cwd=project,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def synthetic_project(documents: int, project: Path) -> Path:
    """``scripts/generate_synthetic.py``: a complete project of ``documents`` documents."""
    script = ROOT / "scripts" / "generate_synthetic.py"
    subprocess.run(
        [sys.executable, str(script), str(documents), str(project)], check=True, capture_output=True
    )
    return project


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by path relative to it."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def base(seed_build: Build) -> Iterator[str]:
    """The shipped site, served on localhost for the browser tests of a module."""
    url, server = serve(seed_build.site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def keeping_between_builds() -> Iterator[None]:
    """Plans in this process keep results for the next one, as under ``mkdocs serve``."""
    from congkhai import memo

    memo.keep_between_builds(True)
    yield
    memo.keep_between_builds(False)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped site, built once for the whole session at the seed's as-of date."""
    tmp = tmp_path_factory.mktemp("seed")
    result = build(ROOT, tmp / "site")
    assert result.returncode == 0, result.output
    return result


# --- browser harness: Debian's Chromium driven by Playwright, the site served on localhost ---


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: apt-get install chromium (scripts/test.sh does)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# --- planting documents in a copy of the shipped data --------------------------------------

SHIPPED_DOCUMENTS = (ROOT / "data" / "documents.csv").read_text(encoding="utf-8")
DOCUMENT_COLUMNS = HEADERS["documents.csv"].strip().split(",")


def document_row(**cells: str) -> str:
    """One row of ``documents.csv`` (columns in the file's order, unnamed ones empty); a
    public plan (``ke-hoach`` of ``vpub``) unless the cells say otherwise."""
    values = {"type": "ke-hoach", "issuer": "vpub", "access": "cong-khai", **cells}
    assert set(values) <= set(DOCUMENT_COLUMNS), set(values) - set(DOCUMENT_COLUMNS)
    return ",".join(values.get(c, "") for c in DOCUMENT_COLUMNS) + "\n"


def with_documents(*rows: str) -> str:
    """The shipped ``documents.csv`` with ``rows`` appended."""
    return SHIPPED_DOCUMENTS.rstrip("\n") + "\n" + "".join(rows)


def everything(result: Build) -> str:
    """Every byte the build published, as text (binary files decoded leniently)."""
    return "\n".join(
        p.read_bytes().decode("utf-8", errors="replace")
        for p in result.site.rglob("*")
        if p.is_file()
    )
