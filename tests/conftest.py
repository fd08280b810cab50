"""Settings shared by every test."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Locally, Hypothesis explores new examples on every run (and remembers failures in
# .hypothesis/). In CI the examples are derived from each test, so a run is repeatable.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    """In CI a skipped test is a failure: every prerequisite (node, axe-core, the built
    book, Chromium) is installed by `make test`, so a skip would hide a broken step."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which installs every prerequisite: {report.longrepr}"
