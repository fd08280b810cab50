"""Fixtures for the live tests: the Binder environment's JupyterLab, driven by Chromium.

``make live`` recreates the Binder environment as far as this machine allows: a fresh
Python 3.11 virtual environment (``.venv-live``) with ``.binder/requirements.txt``
installed the way repo2docker installs it (from the repository root), so the course
package, the runtime pins and the pinned JupyterLab are exactly Binder's. It cannot
reproduce Binder's conda base image; everything the notebooks and JupyterLab use comes
from the pins. The server runs on a throwaway copy of the course, so saving changes
nothing in the repository. Every test here is marked ``live`` (and ``browser``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIVE_VENV = ROOT / ".venv-live"
COPY_IGNORE = shutil.ignore_patterns("_build", ".venv*", "node_modules", ".git", "*.pyc")
# Settings a Binder user would not change: no news or update checks (this machine has no
# internet), and every cell in the DOM so that the page's text can be read whole.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.live)
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab server on a copy of the course."""

    url: str
    course: Path
    python_version: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, server: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer at {url} within {seconds} s:\n"
                f"{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """Start the Binder environment's JupyterLab on a throwaway copy of the course."""
    jupyter = LIVE_VENV / "bin" / "jupyter"
    if not jupyter.exists():
        pytest.fail(f"the Binder environment is missing at {LIVE_VENV}: run `make live`, "
                    "which creates it from .binder/requirements.txt")
    tmp = tmp_path_factory.mktemp("lab")
    course = tmp / "course"
    shutil.copytree(ROOT, course, ignore=COPY_IGNORE)
    settings = tmp / "settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    home = tmp / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces")}
    env.pop("BONELEARN_BOOK_BUILD", None)
    version = subprocess.run(
        [str(LIVE_VENV / "bin" / "python"), "-c",
         "import platform; print(platform.python_version())"],
        capture_output=True, text=True, check=True).stdout.strip()
    port = _free_port()
    log = tmp / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(jupyter), "lab", "--no-browser", "--allow-root",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
             "--IdentityProvider.token=", "--ServerApp.password=",
             f"--ServerApp.root_dir={course}", "--LabApp.expose_app_in_browser=True",
             "--LabApp.extension_manager=readonly"],
            env=env, stdout=out, stderr=subprocess.STDOUT, cwd=course)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/api/status", server, log)
        yield Lab(url=url, course=course, python_version=version)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="session")
def lab_page(lab: Lab, browser):
    """One JupyterLab page for the session; its non-local requests recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.external = []
    page.on("request", lambda req: req.url.startswith(lab.url)
            or req.url.startswith(("data:", "blob:", "about:"))
            or page.external.append(req.url))
    page.set_default_timeout(120_000)
    page.goto(f"{lab.url}/lab?reset")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.started !== undefined")
    page.evaluate("window.jupyterapp.started")
    yield page
    context.close()
