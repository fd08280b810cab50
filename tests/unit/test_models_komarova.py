"""Komarova et al. 2003 (Bone 33:206-215): steady state, the paper's two regimes, g11."""

from __future__ import annotations

import numpy as np
import pytest

from bonelearn.models import Komarova2003, KomarovaParams


def peaks(x: np.ndarray) -> np.ndarray:
    return np.array([i for i in range(1, len(x) - 1) if x[i] > x[i - 1] and x[i] >= x[i + 1]])


@pytest.mark.parametrize("preset", ["single_cycle", "cyclic"])
def test_steady_state_makes_rhs_vanish(preset):
    m = Komarova2003(getattr(KomarovaParams, preset)())
    ss = m.steady_state()
    d = m.rhs(ss)
    assert abs(d["C"]) < 1e-12 * m.params.beta1 * ss["C"] + 1e-14
    assert abs(d["B"]) < 1e-12 * m.params.beta2 * ss["B"] + 1e-12
    assert d["z"] == 0.0


def test_steady_state_values_of_the_single_cycle_set():
    ss = Komarova2003().steady_state()
    # closed form: C = 15 * sqrt(0.005), B = 15 / sqrt(0.005)
    assert ss["C"] == pytest.approx(15 * 0.005**0.5, rel=1e-12)
    assert ss["B"] == pytest.approx(15 / 0.005**0.5, rel=1e-12)


def test_distant_start_converges_to_the_analytic_steady_state():
    m = Komarova2003()
    r = m.simulate(20000.0, initial={"C": 30.0, "B": 20.0, "z": 100.0}, n_points=11)
    ss = m.steady_state()
    assert r["C"][-1] == pytest.approx(ss["C"], rel=1e-5)
    assert r["B"][-1] == pytest.approx(ss["B"], rel=1e-5)


def test_single_cycle_after_a_stimulus():
    m = Komarova2003(KomarovaParams.single_cycle())
    ss = m.steady_state()
    r = m.simulate(1500.0, initial=m.paper_initial(), n_points=1501)
    c, b, z = r["C"], r["B"], r["z"]
    # osteoclasts fall from the stimulus, osteoblasts rise after them, then both settle
    assert c[0] == pytest.approx(ss["C"] + 10)
    assert b.max() > 1.5 * ss["B"]
    assert np.argmax(b) > 0
    assert c[-1] == pytest.approx(ss["C"], rel=1e-4)
    assert b[-1] == pytest.approx(ss["B"], rel=1e-4)
    # bone is first resorbed, then refilled to near the starting mass
    assert z.min() < 95.0
    assert z[-1] == pytest.approx(100.0, abs=0.5)


def test_cyclic_set_gives_sustained_regular_cycles():
    m = Komarova2003(KomarovaParams.cyclic())
    r = m.simulate(3650.0, initial=m.paper_initial(), n_points=7301)
    c, z = r["C"], r["z"]
    pk = peaks(c)
    assert len(pk) >= 8  # many cycles in ten years
    heights = c[pk]
    assert heights.min() > 0.95 * heights.max()  # not damped, not growing
    periods = np.diff(r.t[pk])
    assert periods.std() < 0.05 * periods.mean()  # regular
    # bone mass is roughly kept over each cycle (within a few % over ten years)
    assert np.all(np.abs(z[pk] - 100.0) < 5.0)


@pytest.mark.parametrize(("g11", "regime"), [(0.5, "damped"), (0.9, "damped"),
                                             (1.1, "sustained"), (1.2, "unstable")])
def test_osteoclast_autocrine_g11_switches_behaviour(g11, regime):
    """The paper's title claim: the mode of remodelling hinges on g11."""
    m = Komarova2003(KomarovaParams(g11=g11, k1=0.0748, k2=0.0006395))
    ss = m.steady_state()
    r = m.simulate(3650.0, initial=m.paper_initial(), n_points=7301)
    c = r["C"]
    late = c[r.t > 2920.0]
    if regime == "damped":
        assert np.allclose(late, ss["C"], rtol=1e-2)
    elif regime == "sustained":
        assert late.max() > 5 * ss["C"] and late.min() < 0.1 * ss["C"]
    else:  # oscillations grow until osteoclasts all but vanish
        assert c.min() < 1e-50
    assert np.all(c > 0) and np.all(np.isfinite(c))
