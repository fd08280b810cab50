"""The pinned environments, Binder configuration and launch settings."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REQ = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)$")


def _requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


@pytest.mark.parametrize("name", ["runtime.txt", "build.txt"])
def test_every_dependency_is_pinned_exactly(name: str) -> None:
    for line in _requirement_lines(REQ / name):
        if line.startswith("-r "):
            continue
        assert PIN.match(line), f"requirements/{name}: {line!r} is not pinned with =="


def test_build_environment_extends_runtime_without_repinning() -> None:
    build = _requirement_lines(REQ / "build.txt")
    assert "-r runtime.txt" in build
    runtime = {PIN.match(x).group(1).lower() for x in _requirement_lines(REQ / "runtime.txt")}
    repinned = [x for x in build if PIN.match(x) and PIN.match(x).group(1).lower() in runtime]
    assert repinned == [], "pin each package in one file only"


def test_jupyter_book_is_version_one() -> None:
    assert "jupyter-book==1.0.4.post1" in _requirement_lines(REQ / "build.txt")


def test_binder_installs_runtime_pins_and_package_on_python_311() -> None:
    binder = ROOT / ".binder"
    assert (binder / "runtime.txt").read_text().strip() == "python-3.11"
    lines = _requirement_lines(binder / "requirements.txt")
    assert lines[:2] == ["-r ../requirements/runtime.txt", "."]
    # The rest pins the Jupyter front end, so that Binder's base image cannot change it.
    assert all(PIN.match(line) for line in lines[2:]), lines[2:]
    pinned = {PIN.match(line).group(1).lower().replace("_", "-") for line in lines[2:]}
    assert {"jupyterlab", "jupyter-server", "notebook", "ipykernel"} <= pinned


def test_binder_and_build_environments_agree_on_shared_pins() -> None:
    def pins(path: Path) -> dict[str, str]:
        found = (PIN.match(line) for line in _requirement_lines(path))
        return {m.group(1).lower().replace("_", "-"): m.group(2) for m in found if m}

    binder, build = pins(ROOT / ".binder" / "requirements.txt"), pins(REQ / "build.txt")
    differ = {name: (v, build[name]) for name, v in binder.items()
              if name in build and build[name] != v}
    assert differ == {}, "the book is built with another version than Binder runs"


def test_notebook_metadata_names_binders_python() -> None:
    """The language_info version committed in every notebook is the Python of repo2docker's
    python-3.11 environment, read from the lock file of the pinned repo2docker release."""
    from bonelearn.instructor.live import BINDER_PYTHON

    spec = importlib.util.find_spec("repo2docker")  # located, not imported
    assert spec and spec.origin, "repo2docker is not installed"
    buildpacks = Path(spec.origin).parent / "buildpacks" / "conda"
    lock = (buildpacks / "environment.py-3.11-linux-64.lock").read_text()
    found = re.search(r"/python-(3\.11\.\d+)-[^/]*cpython", lock)
    assert found, "no Python in repo2docker's lock file"
    assert found.group(1) == BINDER_PYTHON


@pytest.mark.slow
def test_repo2docker_dockerfile_uses_binder_requirements_and_python_311() -> None:
    exe = Path(sys.executable).parent / "jupyter-repo2docker"
    if not exe.exists():
        exe = Path(shutil.which("jupyter-repo2docker") or "jupyter-repo2docker")
    run = subprocess.run(
        [str(exe), "--no-build", "--debug", str(ROOT)],
        capture_output=True, text=True, timeout=120, check=True,
    )
    out = run.stdout + run.stderr
    assert "python=3.11" in out, "Binder would not use Python 3.11"
    pip = r"RUN \$\{KERNEL_PYTHON_PREFIX\}/bin/pip install "
    install = re.search(pip + r'.*-r "?\.binder/requirements\.txt', out)
    assert install, "Binder would not install .binder/requirements.txt"
    # The whole repository is copied before that install, so `-r ../requirements/...`
    # and `.` (the bonelearn package) resolve.
    assert out.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < install.start()


def test_launch_buttons_derive_from_one_repository_url() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    url = config["repository"]["url"]
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url)
    buttons = config["launch_buttons"]
    for key in ("binderhub_url", "colab_url", "jupyterhub_url"):
        assert buttons[key].startswith("https://"), key
    # No other file hard-codes a different repository URL.
    for path in [*ROOT.glob("chapters/*/*.ipynb"), ROOT / "README.md"]:
        for found in re.findall(r"github\.com/[\w.-]+/[\w.-]+", path.read_text()):
            assert url.endswith(found.removeprefix("github.com")), f"{path}: {found}"


def test_widget_mime_priority_favours_static_html_in_book() -> None:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
    assert ["html", "text/html", 0] in config["nb_mime_priority_overrides"]
