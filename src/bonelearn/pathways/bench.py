"""Timing of :func:`bonelearn.pathways.propagate` for every drug (target: under 5 ms each).

Run with ``python -m bonelearn.pathways.bench``; tests never assert on timings.
"""

from __future__ import annotations

import statistics
import time

from bonelearn.pathways.loader import load_knowledge_base
from bonelearn.pathways.model import DRUG_IDS
from bonelearn.pathways.propagation import propagate


def bench(repeats: int = 50, inflammation: float = 0.7) -> dict[str, float]:
    """Median wall time in milliseconds of one propagation per drug (and with none)."""
    kb = load_knowledge_base()
    timings: dict[str, float] = {}
    for label, drugs in [("none", ()), *((d, (d,)) for d in DRUG_IDS)]:
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            propagate(kb, drugs, inflammation)
            samples.append((time.perf_counter() - start) * 1000.0)
        timings[label] = statistics.median(samples)
    return timings


if __name__ == "__main__":  # pragma: no cover
    for name, ms in bench().items():
        print(f"{name:20s} {ms:7.3f} ms")
