"""Lemaire et al. 2004 (J Theor Biol 229:293-309) with the course's added bone volume."""

from __future__ import annotations

import numpy as np
import pytest

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.models import Dose, Lemaire2004, LemaireParams, Schedule


def test_steady_state_matches_the_published_values():
    ss = Lemaire2004().steady_state()
    # the paper's (and BioModels') steady state, pM
    assert ss["R"] == pytest.approx(7.734e-4, rel=1e-3)
    assert ss["B"] == pytest.approx(7.282e-4, rel=1e-3)
    assert ss["C"] == pytest.approx(9.127e-4, rel=1e-3)


@pytest.mark.parametrize("inputs", [None, {"RANKL": 2000.0}, {"OPG": 5e4},
                                    {"PTH": 500.0, "RANKL": 100.0}])
def test_steady_state_makes_rhs_vanish(inputs):
    m = Lemaire2004()
    ss = m.steady_state(inputs)
    d = m.rhs(ss, inputs)
    for k in "RBC":
        assert abs(d[k]) < 1e-10 * ss[k], k
    if inputs is None:
        assert abs(d["V"]) < 1e-10  # formation balances resorption at baseline


@pytest.mark.parametrize("inputs", [{}, {"RANKL": 2000.0}, {"OPG": 5e4}])
def test_distant_start_converges_to_the_steady_state(inputs):
    m = Lemaire2004()
    ss = m.steady_state(inputs)
    sched = Schedule([Dose(k, 0.0, None, v) for k, v in inputs.items()])
    start = {"R": 10 * ss["R"], "B": 0.1 * ss["B"], "C": 20 * ss["C"]}
    r = m.simulate(3000.0, sched, n_points=3, initial=start)
    for k in "RBC":
        assert r[k][-1] == pytest.approx(ss[k], rel=1e-5), k


def test_unknown_steady_state_input_raises():
    with pytest.raises(UnknownItemError):
        Lemaire2004().steady_state({"IL6": 1.0})
    with pytest.raises(ParameterError):
        Lemaire2004().steady_state({"OPG": -1.0})


def test_continuous_rankl_raises_osteoclasts_and_removes_bone():
    m = Lemaire2004()
    ss = m.steady_state()
    r = m.simulate(730.0, Schedule([Dose("RANKL", 20.0, None, 1000.0)]), n_points=731)
    assert np.allclose(r["C"][:21], ss["C"], rtol=1e-7)
    assert r["C"][-1] > 1.2 * ss["C"]
    assert r["V"][-1] < 99.0
    assert np.all(np.diff(r["V"][21:]) < 0)  # net loss throughout


def test_opg_brings_osteoclasts_back_towards_baseline():
    m = Lemaire2004()
    ss = m.steady_state()
    rankl = Dose("RANKL", 20.0, None, 1000.0)
    without = m.simulate(400.0, Schedule([rankl]), n_points=401)
    with_opg = m.simulate(400.0, Schedule([rankl, Dose("OPG", 80.0, None, 1e4)]), n_points=401)
    excess_without = without["C"][-1] - ss["C"]
    excess_with = with_opg["C"][-1] - ss["C"]
    assert abs(excess_with) < 0.3 * excess_without
    assert with_opg["V"][-1] > without["V"][-1]


def test_pth_pulse_raises_both_cell_types_and_then_returns():
    m = Lemaire2004()
    ss = m.steady_state()
    r = m.simulate(1000.0, Schedule([Dose("PTH", 20.0, 80.0, 1000.0)]), n_points=1001)
    assert r["B"][79] > 1.5 * ss["B"] and r["C"][79] > 1.5 * ss["C"]
    assert r["C"][-1] == pytest.approx(ss["C"], rel=1e-3)


def test_bone_volume_constant_at_steady_state():
    r = Lemaire2004().simulate(3650.0, n_points=11)
    assert np.allclose(r["V"], 100.0, atol=1e-6)


def test_volume_reference_is_used():
    m = Lemaire2004()
    ss = m.steady_state()
    other = Lemaire2004(volume_reference=(ss["B"], 2 * ss["C"]))
    assert other.k_res == pytest.approx(m.k_res / 2)
    with pytest.raises(ParameterError):
        Lemaire2004(volume_reference=(0.0, 1.0))


@pytest.mark.parametrize("dose", [Dose("RANKL", 0.0, 30.0, 1e7), Dose("OPG", 0.0, 30.0, 1e9),
                                  Dose("PTH", 0.0, 5.0, 1e8)])
def test_extreme_stiff_phases_keep_cells_positive(dose):
    m = Lemaire2004(LemaireParams(D_A=50.0, k_B=20.0))
    r = m.simulate(200.0, Schedule([dose]), n_points=2001)
    for k in "RBC":
        assert np.all(r[k] > 0) and np.all(np.isfinite(r[k])), k
