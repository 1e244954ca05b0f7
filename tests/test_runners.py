"""ProperDocs (the documented runner) and MkDocs build the same site, byte for byte.

The only allowed difference is the generator meta tag, which names the runner. CI runs this
test, so switching runners (or a runner's upgrade) cannot change the published site unseen."""

from __future__ import annotations

import gzip
import re

import pytest
from conftest import ROOT, Build, build, site_files

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def generator(html: bytes) -> str:
    found = GENERATOR.search(html)
    return found.group().decode() if found else ""


def comparable(rel: str, data: bytes) -> bytes:
    """What must be equal between the two builds: HTML without its generator tag, gzip files
    by content (the gzip header carries a timestamp), everything else as is."""
    if rel.endswith(".gz"):
        return gzip.decompress(data)
    if rel.endswith(".html"):
        return GENERATOR.sub(b"", data)
    return data


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped site built by ``properdocs build --strict`` with the seed build's env."""
    result = build(ROOT, tmp_path_factory.mktemp("properdocs") / "site", runner="properdocs")
    assert result.returncode == 0, result.output
    return result


def test_properdocs_really_built_it(properdocs_build: Build, seed_build: Build) -> None:
    home = "index.html"
    assert "ProperDocs" in generator((properdocs_build.site / home).read_bytes())
    assert "ProperDocs" not in generator((seed_build.site / home).read_bytes())


def test_properdocs_and_mkdocs_build_identical_sites(
    properdocs_build: Build, seed_build: Build
) -> None:
    by_mkdocs, by_properdocs = site_files(seed_build.site), site_files(properdocs_build.site)
    assert sorted(by_mkdocs) == sorted(by_properdocs), (
        "hai công cụ dựng ra tập tệp khác nhau (the runners wrote different files): "
        f"only MkDocs {sorted(set(by_mkdocs) - set(by_properdocs))}, "
        f"only ProperDocs {sorted(set(by_properdocs) - set(by_mkdocs))}"
    )
    differing = [
        rel
        for rel in by_mkdocs
        if comparable(rel, by_mkdocs[rel]) != comparable(rel, by_properdocs[rel])
    ]
    assert differing == [], (
        "tệp khác nhau ngoài thẻ generator (files differ beyond the generator meta tag): "
        + ", ".join(differing)
    )
    # Each HTML page carries exactly one generator tag: nothing else was excused above.
    pages = [rel for rel in by_mkdocs if rel.endswith(".html")]
    assert pages
    assert [rel for rel in pages if len(GENERATOR.findall(by_properdocs[rel])) != 1] == []
