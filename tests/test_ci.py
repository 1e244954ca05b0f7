"""Git and CI: the pre-commit configuration and the GitHub workflows.

``scripts/test.sh`` also runs actionlint and ``zizmor --offline`` on the workflows; these tests
keep the promises those tools do not check: every action pinned to a commit hash with its
release in a comment, no checkout keeping credentials, write permissions only where deploying,
and a pull request gets the built site and the reports it needs for review.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pre_commit.clientlib import load_config

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*-?\s*uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _workflow(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); only the jobs matter here.
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_pre_commit_config_is_valid() -> None:
    """The same check as ``pre-commit validate-config``, offline, through its Python API."""
    config = load_config(str(ROOT / ".pre-commit-config.yaml"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    check = hooks["congkhai-kiem-tra"]
    assert check["entry"].endswith("congkhai kiem-tra")
    assert re.search(check["files"], "data/documents.csv")
    assert re.search(check["files"], "docs/gioi-thieu.md")
    assert not re.search(check["files"], "congkhai/site.py")
    assert check["pass_filenames"] is False
    assert {"ruff-format", "ruff-check"} <= hooks.keys()


def test_pre_commit_runs_the_pinned_ruff() -> None:
    """The hook runs the ruff of requirements-dev.txt, not a second, drifting pin."""
    pinned = re.search(r"^ruff==", (ROOT / "requirements-dev.txt").read_text(), re.M)
    assert pinned
    config = load_config(str(ROOT / ".pre-commit-config.yaml"))
    for repo in config["repos"]:
        assert repo["repo"] == "local"
        for hook in repo["hooks"]:
            assert hook["entry"].startswith(".venv/bin/")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_hash_with_its_version(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    unpinned = [line.strip() for line in lines if not PINNED.match(line)]
    assert not unpinned, unpinned


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_checkout_keeps_credentials(path: Path) -> None:
    checkouts = [
        s for s in _steps(_workflow(path)) if s.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts
    assert all(s.get("with", {}).get("persist-credentials") is False for s in checkouts)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_write_permissions_only_where_deploying(path: Path) -> None:
    workflow = _workflow(path)
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        if writes:
            assert name == "deploy", name
            assert writes == {"pages", "id-token"}
            assert "pull_request" in job["if"] and "refs/heads/main" in job["if"]


def test_pull_request_gets_the_site_and_the_reports() -> None:
    workflow = _workflow(ROOT / ".github" / "workflows" / "site.yml")
    steps = workflow["jobs"]["build"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "github.event_name == 'pull_request'"
    assert upload["with"]["path"] == "site"
    summary = next(s for s in steps if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert "congkhai kiem-tra" in summary["run"] and "congkhai bao-cao" in summary["run"]
    # after a failed build too: the report is what says why
    assert "cancelled()" in summary["if"]
