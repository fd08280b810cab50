"""tests/nbval_kernels.py: nbval kernels on Unix sockets; one more start if a start fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import nbval.kernel
import nbval.plugin
import pytest

from tests import nbval_kernels


def test_a_kernel_started_through_nbval_answers_over_unix_sockets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nbval.kernel, "KernelManager", nbval_kernels.IpcKernelManager)
    kernel = nbval_kernels.RetryingKernel(nbval.kernel.CURRENT_ENV_KERNEL_NAME)
    try:
        info = kernel.km.get_connection_info()
        assert info["transport"] == "ipc"
        prefix = str(info["ip"])
        assert len(prefix) < 90
        sockets = [f"{prefix}-{info[name]}" for name in ("shell_port", "iopub_port")]
        assert all(Path(path).exists() for path in sockets)
        reply = kernel.kc.execute_interactive("x = 6 * 7", timeout=30)
        assert reply["content"]["status"] == "ok"
    finally:
        kernel.stop()
    assert not any(Path(path).exists() for path in sockets)


ROOT = Path(__file__).resolve().parents[2]


def test_the_plugin_routes_nbval_through_both_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nbval.kernel, "KernelManager", nbval.kernel.KernelManager)
    monkeypatch.setattr(nbval.plugin, "RunningKernel", nbval.plugin.RunningKernel)
    nbval_kernels.pytest_configure()
    assert nbval.kernel.KernelManager is nbval_kernels.IpcKernelManager
    assert nbval.plugin.RunningKernel is nbval_kernels.RetryingKernel


def test_nbval_with_the_plugin_runs_a_notebook_on_unix_sockets(tmp_path: Path) -> None:
    """The whole path, as `make test` takes it: pytest loads the plugin, nbval starts the
    kernel, and the kernel itself reports the transport it listens on."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ipykernel.kernelapp import IPKernelApp\n"
        "assert IPKernelApp.instance().transport == 'ipc', IPKernelApp.instance().transport")])
    nbformat.write(notebook, tmp_path / "probe.ipynb")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
               "--nbval-current-env", str(tmp_path / "probe.ipynb")]
    plugged = subprocess.run([*command, "-p", "tests.nbval_kernels"], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert plugged.returncode == 0, plugged.stdout[-2000:]
    plain = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert plain.returncode != 0 and "tcp" in plain.stdout, "without it, TCP: the probe works"


def test_a_long_temporary_folder_gives_way_to_tmp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nbval_kernels.tempfile, "gettempdir", lambda: "/a" * 60)
    assert nbval_kernels.socket_prefix().startswith("/tmp/bonelearn-kernel-")
    monkeypatch.setattr(nbval_kernels.tempfile, "gettempdir", lambda: "/short")
    assert nbval_kernels.socket_prefix().startswith("/short/bonelearn-kernel-")


def test_two_managers_get_different_socket_paths() -> None:
    first, second = nbval_kernels.IpcKernelManager(), nbval_kernels.IpcKernelManager()
    assert first.transport == second.transport == "ipc"
    assert first.ip != second.ip
    assert os.path.dirname(first.ip) == os.path.dirname(second.ip)


class _Started:
    """Stands in for a kernel manager and client pair; records being stopped."""

    def __init__(self, log: list[str]) -> None:
        self.log = log

    def stop_channels(self) -> None:
        self.log.append("stop channels")

    def shutdown_kernel(self, now: bool = False) -> None:
        self.log.append("shutdown")


def _fake_starts(monkeypatch: pytest.MonkeyPatch, outcomes: list[str]) -> list[str]:
    """Replace nbval's kernel start: each call takes the next outcome, "fail" raising as
    jupyter_client does when a kernel does not answer and "ok" returning a fake pair."""
    log: list[str] = []

    def start(**_: Any) -> tuple[_Started, _Started]:
        log.append("start")
        if outcomes.pop(0) == "fail":
            raise RuntimeError("Kernel didn't respond in 60 seconds")
        return _Started(log), _Started(log)

    monkeypatch.setattr(nbval.kernel, "start_new_kernel", start)
    monkeypatch.setattr(nbval.kernel.RunningKernel, "_ensure_iopub_up", lambda self: None)
    return log


def test_a_failed_start_is_followed_by_one_more_with_a_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _fake_starts(monkeypatch, ["fail", "ok"])
    with pytest.warns(RuntimeWarning, match="kernel start-up failed .*respond in 60 seconds"):
        kernel = nbval_kernels.RetryingKernel("python3")
    assert log == ["start", "start"]
    assert isinstance(kernel.km, _Started)


def test_two_failed_starts_raise_with_the_count_and_the_last_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _fake_starts(monkeypatch, ["fail", "fail"])
    with pytest.warns(RuntimeWarning), pytest.raises(
            RuntimeError, match="failed to start 2 times; last: Kernel didn't respond"):
        nbval_kernels.RetryingKernel("python3")
    assert log == ["start", "start"]


def test_a_kernel_whose_iopub_never_comes_up_is_shut_down_before_the_next_start(
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _fake_starts(monkeypatch, ["ok", "ok"])
    calls = iter([RuntimeError("Wasn't able to establish IOPub after 30 seconds."), None])

    def iopub(self: object) -> None:
        error = next(calls)
        if error:
            raise error

    monkeypatch.setattr(nbval.kernel.RunningKernel, "_ensure_iopub_up", iopub)
    with pytest.warns(RuntimeWarning, match="IOPub"):
        nbval_kernels.RetryingKernel("python3")
    assert log == ["start", "stop channels", "shutdown", "start"]


def test_an_error_other_than_a_failed_start_is_not_retried_and_the_kernel_is_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    log = _fake_starts(monkeypatch, ["ok"])
    monkeypatch.setattr(nbval.kernel.RunningKernel, "_ensure_iopub_up",
                        lambda self: (_ for _ in ()).throw(KeyError("not a start-up error")))
    with pytest.raises(KeyError):
        nbval_kernels.RetryingKernel("python3")
    assert log == ["start", "stop channels", "shutdown"]
