"""Denosumab PK-PD on the Pivonka structure (after Martínez-Reina and Pivonka 2019, Bone).

Reference values and where they come from:

* steady state (OBp, OBa, OCa) = (1e-3, 5e-4, 1e-4) pM with formation = resorption: what
  bone-models 0.1.0 ``Martinez_Reina_Model.calculate_steady_state()`` returns for the
  paper's parameter set (cross-checked live in ``test_models_crosscheck.py``);
* lumbar-spine BMD +9.4 % to +11.8 % after 48 months of denosumab every 6 months, and
  -6.6 % in the 12 months after stopping (Miller et al. 2008, Bone 43:222-229, abstract,
  ``miller2008effect``): used only for direction and order of magnitude, since the model
  is a trabecular remodelling site without mechanics, not a spine.
"""

from __future__ import annotations

import numpy as np
import pytest

from bonelearn.errors import ParameterError
from bonelearn.models import DenosumabParams, DenosumabPivonka, Regimen

Q6M = 182.5


@pytest.fixture(scope="module")
def model() -> DenosumabPivonka:
    return DenosumabPivonka()


def test_steady_state_of_the_martinez_reina_set(model):
    ss = model.steady_state()
    assert ss["OBp"] == pytest.approx(1e-3, rel=1e-9)
    assert ss["OBa"] == pytest.approx(5e-4, rel=1e-9)
    assert ss["OCa"] == pytest.approx(1e-4, rel=1e-9)
    p = model.params
    assert p.k_form * ss["OBa"] == pytest.approx(p.k_res_bv * ss["OCa"], rel=1e-9)
    assert set(ss) == set(model.state_names) and ss["vb"] == p.vb0 and ss["C"] == 0.0
    d = model.rhs(ss)
    assert all(abs(d[k]) < 1e-12 for k in model.state_names), d


def test_without_drug_nothing_moves(model):
    r = model.simulate(3650.0, None, n_points=11)
    for k in ("OBp", "OBa", "OCa"):
        assert np.allclose(r[k], r[k][0], rtol=1e-7), k
    assert np.allclose(r["BMD"], 100.0, atol=1e-9)
    assert np.allclose(r["vb"], 15.0, atol=1e-7)
    assert np.all(r["C"] == 0.0)


def test_single_dose_pharmacokinetics(model):
    r = model.simulate(365.0, Regimen(n_doses=1), n_points=366)
    assert r["A"][0] == pytest.approx(model.depot_per_dose(60.0))
    peak = int(np.argmax(r["C"]))
    assert 8 <= r["t"][peak] <= 25
    assert r["C"][300] < 1e-3 * r["C"][peak]  # cleared well within a year


def test_treatment_suppresses_osteoclasts_and_raises_bmd(model):
    ss = model.steady_state()
    r = model.simulate(1461.0, Regimen(interval=Q6M, n_doses=8), n_points=1462)
    assert r["OCa"][14] < 0.3 * ss["OCa"]
    assert r["RANKL"][14] < 0.2 * r["RANKL"][0]
    gain = r["BMD"][1460] - 100.0
    # Miller 2008: +9.4 to +11.8 % at 48 months; direction and order of magnitude only
    assert 0.5 * 9.4 < gain < 1.5 * 11.8
    yearly = r["BMD"][[0, 365, 730, 1095, 1460]]
    assert np.all(np.diff(yearly) > 0)


def test_stopping_returns_osteoclasts_to_baseline_without_rebound(model):
    """The model's answer to the rebound question: no overshoot above baseline turnover."""
    ss = model.steady_state()
    reg = Regimen(interval=Q6M, n_doses=6)
    r = model.simulate(3650.0, reg, n_points=3651)
    after = r["t"] >= reg.last
    assert r["OCa"][after].max() < 1.01 * ss["OCa"]
    end = int(reg.last + Q6M)  # when the next dose would have been due
    # BMD falls in the year after the effect ends, but the bone volume gained is kept
    assert r["BMD"][end + 365] < r["BMD"][end] - 3.0
    assert r["BMD"][-1] > 100.5
    assert r["vb"][-1] > r["vb"][0]


def test_longer_interval_gives_less_gain(model):
    q6 = model.simulate(1095.0, Regimen(interval=Q6M, n_doses=6), n_points=1096)
    q12 = model.simulate(1095.0, Regimen(interval=365.0, n_doses=3), n_points=1096)
    assert q12["BMD"][-1] < q6["BMD"][-1]
    ss = model.steady_state()
    assert q12["OCa"][360] == pytest.approx(ss["OCa"], rel=0.02)  # worn off before the dose


def test_output_grid_and_daily_queue_agree(model):
    reg = Regimen(first=30.0, interval=Q6M, n_doses=2)
    coarse = model.simulate(730.0, reg, n_points=11)
    fine = model.simulate(730.0, reg, n_points=731)
    idx = np.searchsorted(fine["t"], coarse["t"])
    for k in ("OCa", "vb", "C", "BMD"):
        assert np.allclose(coarse[k], fine[k][idx], rtol=1e-6, atol=1e-9), k


def test_pmo_without_mechanics_is_refused_when_bone_vanishes(model):
    with pytest.raises(ParameterError, match="bone volume fraction falls below 1 %"):
        model.simulate(3650.0, None, n_points=11, pmo_onset=0.0)
    short = model.simulate(100.0, None, n_points=11, pmo_onset=0.0)
    assert short["BMD"][-1] < 100.0 and short["OCa"][-1] > short["OCa"][0]


@pytest.mark.parametrize("kwargs", [{"interval": 0.0}, {"n_doses": -1}, {"n_doses": 2.5},
                                    {"first": -3.0}, {"dose_mg": float("nan")},
                                    {"n_doses": True}])
def test_bad_regimen_is_named(kwargs):
    with pytest.raises(ParameterError, match="Regimen"):
        Regimen(**kwargs)


def test_bad_simulation_arguments_are_named(model):
    with pytest.raises(ParameterError, match="t_end"):
        model.simulate(0.0)
    with pytest.raises(ParameterError, match="regimen"):
        model.simulate(10.0, regimen={"n_doses": 1})
    with pytest.raises(ParameterError, match="unknown state"):
        model.simulate(10.0, initial={"X": 1.0})
    with pytest.raises(ParameterError, match="v_prim"):
        DenosumabParams(v_prim=0.5, v_max=0.4)


def test_every_parameter_names_its_source():
    for name, meta in DenosumabParams.describe().items():
        assert "bone-models" in meta["doc"], name


@pytest.mark.parametrize("onset", [None, 0.0])
def test_fast_right_hand_side_equals_the_readable_one(model, onset):
    rng = np.random.default_rng(7)
    f = model._log_rhs(onset)
    for _ in range(20):
        state = rng.uniform([2e-4, 1e-4, 2e-5, 5.0, 0.0, 0.0], [3e-3, 2e-3, 5e-4, 30.0, 1e4, 2e4])
        t = float(rng.uniform(0, 2000))
        slow = model._derivs(t, *state[:3], state[4], state[5], onset)
        fast = f(t, np.concatenate((np.log(state[:3]), state[3:])))
        expected = [slow[0] / state[0], slow[1] / state[1], slow[2] / state[2], *slow[3:]]
        assert np.allclose(fast, expected, rtol=1e-12, atol=1e-15)
