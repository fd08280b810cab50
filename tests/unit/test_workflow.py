"""The GitHub Actions workflow builds the book with the same make targets as CI and
publishes ``_build/html`` to GitHub Pages."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


def load() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def commands(job: dict) -> list[str]:
    """Every shell line the job runs, in order."""
    lines = []
    for step in job.get("steps", []):
        for line in str(step.get("run", "")).splitlines():
            if line.strip():
                lines.append(line.strip())
    return lines


def uses(job: dict, action: str) -> list[dict]:
    return [s for s in job.get("steps", []) if str(s.get("uses", "")).startswith(action + "@")]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


def test_runs_the_commands_ci_runs() -> None:
    build = load()["jobs"]["build"]
    run = commands(build)
    # .ci/run is what CI runs on a fresh machine; the workflow runs the same command.
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip().startswith("make ")]
    assert ci == ["make test"]
    for command in ("make test", "make book", "make pdf"):
        assert command in run, f"the workflow does not run {command!r}"
    assert run.index("make test") < run.index("make book") < run.index("make pdf")
    called = {line.split()[1] for line in run if line.startswith("make ")}
    assert called <= make_targets(), f"targets missing from the Makefile: {called - make_targets()}"
    # Nothing bypasses the pinned environment: no pip, no jupyter-book, no playwright install.
    for line in run:
        assert not re.search(r"\b(pip|jupyter-book|playwright)\b", line), line


def test_uploads_the_built_html_and_deploys_it() -> None:
    workflow = load()
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    [upload] = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_build/html"
    steps = build["steps"]
    assert steps.index(upload) > max(i for i, s in enumerate(steps) if "make book" in
                                     str(s.get("run", "")))
    assert deploy["needs"] == "build"
    assert uses(deploy, "actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "refs/heads/main" in deploy["if"]


def test_builds_on_pushes_and_pull_requests_on_python_311() -> None:
    workflow = load()
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads a bare `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    assert "3.11" in workflow["jobs"]["build"]["container"]
