"""tools/bench.py's nbval rows: the wall time and the processor time of everything it ran
(the work itself is replaced by a small process here; nothing about speed is asserted)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bonelearn_bench", ROOT / "tools" / "bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_nbval_rows_report_wall_time_and_the_processor_time_of_grandchildren(
        bench, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    ran: list[list[str]] = []
    # A child that starts a grandchild which spins for 0.3 s of processor time, as pytest
    # starts workers and they start kernels.
    spin = ("import time\nt = time.process_time()\n"
            "while time.process_time() - t < 0.3:\n    pass\n")
    grandchild = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {spin!r}])"

    envs: list[dict] = []

    def timed(cmd: list[str], env: dict, **_: object) -> float:
        ran.append(cmd)
        envs.append(env)
        subprocess.run([sys.executable, "-c", grandchild], check=True)
        return 12.5

    monkeypatch.setattr(bench, "_timed", timed)
    (what, wall, target), (cpu_what, cpu, _) = bench.bench_nbval(Path("/x/figures"), "a note")
    assert "--nbval" in ran[0] and "notebooks" in ran[0]
    assert ran[0][ran[0].index("tests.nbval_kernels") - 1] == "-p", "the same kernels as make"
    assert envs[0]["BONELEARN_FIGURE_CACHE"] == "/x/figures"
    assert what.startswith("nbval over every notebook (") and "a note" in what
    assert (wall, target) == ("12.5 s", "≤ 60 s")
    assert "processor time" in cpu_what
    assert 0.3 <= float(cpu.removesuffix(" s")) < 5
