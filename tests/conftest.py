"""Settings shared by every test."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# Locally, Hypothesis explores new examples on every run (and remembers failures in
# .hypothesis/). In CI the examples are derived from each test, so a run is repeatable.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Figures the tests draw are cached in a folder of this run's own, never the user's
# (bonelearn.figures.cache), so no test finds an entry an earlier run left.
_figure_cache = tempfile.mkdtemp(prefix="bonelearn-test-figures-")
os.environ["BONELEARN_FIGURE_CACHE"] = _figure_cache
atexit.register(shutil.rmtree, _figure_cache, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    """In CI a skipped test is a failure: every prerequisite (node, axe-core, the built
    book, Chromium) is installed by `make test`, so a skip would hide a broken step."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which installs every prerequisite: {report.longrepr}"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session, shared by the browser and the live tests
    (Playwright's sync API allows one running instance per thread)."""
    from bonelearn.widgets.bench import CHROMIUM, CHROMIUM_ARGS  # shared with make bench

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run tools/ensure-chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
