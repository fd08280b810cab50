"""pytest plugin for the nbval runs (`-p tests.nbval_kernels`): kernels that start reliably
when several start at once.

`make test` runs nbval under pytest-xdist, so kernels start in several processes at the same
time. Over TCP, jupyter_client picks each kernel's five ports by binding port 0 and releasing
it; another process can take such a port before the kernel binds it (jupyter_client issue 487),
and the kernel then never answers. CI saw this once: "Kernel didn't respond in 60 seconds" for
the last notebook of a run whose other 391 cells passed. Two changes, each small:

- kernels listen on Unix sockets (ZeroMQ's ``ipc`` transport) at a fresh path in the temporary
  directory, so kernels started in parallel cannot ask for the same address;
- a kernel that still fails to start is shut down and started once more, with a warning in the
  test report. A notebook's own errors are untouched: only kernel start-up is retried.

nbval has no setting for either, so the plugin replaces two names in nbval's modules.
"""

from __future__ import annotations

import tempfile
import uuid
import warnings
from pathlib import Path
from typing import Any

import nbval.kernel
import nbval.plugin
from jupyter_client.manager import KernelManager

START_ATTEMPTS = 2
#: Characters of a socket path before its "-<port>" (5 digits) ends it, under Linux's 107.
MAX_PREFIX = 90


def socket_prefix() -> str:
    """A short, unused path prefix for one kernel's sockets. Unix socket paths must stay
    under about 100 characters, so the runtime directory under $HOME is not used, and
    /tmp replaces a temporary directory whose path is too long."""
    name = f"bonelearn-kernel-{uuid.uuid4().hex[:12]}"
    folder = tempfile.gettempdir()
    return str(Path(folder if len(folder) + len(name) < MAX_PREFIX else "/tmp") / name)


class IpcKernelManager(KernelManager):
    """A kernel manager whose kernel listens on Unix sockets rather than TCP ports."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("transport", "ipc")
        kwargs.setdefault("ip", socket_prefix())
        super().__init__(**kwargs)


class RetryingKernel(nbval.kernel.RunningKernel):
    """nbval's running kernel, started once more if the first start fails."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                super().__init__(*args, **kwargs)
                return
            except Exception as error:
                if hasattr(self, "km"):  # started, then failed: never leave it running
                    self.stop()
                if not isinstance(error, RuntimeError):  # not a failed start: not retried
                    raise
                if attempt == START_ATTEMPTS:
                    raise RuntimeError(
                        f"the kernel failed to start {START_ATTEMPTS} times; last: {error}"
                    ) from error
                warnings.warn(
                    f"kernel start-up failed ({error}); starting a new kernel",
                    RuntimeWarning,
                    stacklevel=2,
                )


def pytest_configure() -> None:
    """Route nbval's kernel start through the two classes above."""
    nbval.kernel.KernelManager = IpcKernelManager
    nbval.plugin.RunningKernel = RetryingKernel
