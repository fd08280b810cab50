"""Settings shared by every test."""

from __future__ import annotations

import os

from hypothesis import settings

# Locally, Hypothesis explores new examples on every run (and remembers failures in
# .hypothesis/). In CI the examples are derived from each test, so a run is repeatable.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
