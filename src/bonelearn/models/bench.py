"""Timing of 10-year simulations of every model (median wall-clock milliseconds).

``python -m bonelearn.models.bench`` prints the numbers as JSON. The target is under
20 ms per 10-year run on a laptop; tests never assert on timings.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

from bonelearn.models.base import Dose, Schedule
from bonelearn.models.denosumab import DenosumabPivonka, Regimen
from bonelearn.models.komarova import Komarova2003, KomarovaParams
from bonelearn.models.lemaire import Lemaire2004
from bonelearn.models.pivonka import Pivonka2008
from bonelearn.models.scenarios import simulate_scenario

TEN_YEARS = 3650.0  # days


def _median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm-up (imports, caches)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def bench(repeats: int = 7) -> dict[str, float]:
    """Median milliseconds per 10-year simulation (501 output points), by model and case."""
    single, cyclic = Komarova2003(KomarovaParams.single_cycle()), Komarova2003(
        KomarovaParams.cyclic())
    lemaire = Lemaire2004()
    dosed = Schedule([Dose("RANKL", 100.0, None, 1000.0), Dose("OPG", 1000.0, 2000.0, 1e4)])
    pivonka, dmab = Pivonka2008(), DenosumabPivonka()
    pth = Schedule([Dose("PTH", 0.0, 100.0, 1e3)])
    q6m, stop = Regimen(interval=182.625, n_doses=20), Regimen(interval=182.625, n_doses=6)
    return {
        "Komarova 2003, single cycle": _median_ms(
            lambda: single.simulate(TEN_YEARS, initial=single.paper_initial()), repeats),
        "Komarova 2003, regular cycles": _median_ms(
            lambda: cyclic.simulate(TEN_YEARS, initial=cyclic.paper_initial()), repeats),
        "Lemaire 2004, RANKL then OPG doses": _median_ms(
            lambda: lemaire.simulate(TEN_YEARS, dosed), repeats),
        "Pivonka 2008, PTH 100 days": _median_ms(
            lambda: pivonka.simulate(TEN_YEARS, pth), repeats),
        "Denosumab PK-PD, every 6 months for 10 years": _median_ms(
            lambda: dmab.simulate(TEN_YEARS, q6m), repeats),
        "Denosumab PK-PD, 3 years then stopped": _median_ms(
            lambda: dmab.simulate(TEN_YEARS, stop), repeats),
        "Scenario, treated and untreated (Lemaire 2004)": _median_ms(
            lambda: simulate_scenario(0.7, "denosumab", 365.0, 730.0, TEN_YEARS, 501), repeats),
    }


if __name__ == "__main__":
    print(json.dumps(bench(), indent=2))
