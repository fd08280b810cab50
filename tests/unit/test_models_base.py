"""Shared model machinery: parameter validation, schedules, results."""

from __future__ import annotations

import math

import numpy as np
import pytest

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.models import (
    Dose,
    Komarova2003,
    KomarovaParams,
    Lemaire2004,
    LemaireParams,
    Schedule,
)


@pytest.mark.parametrize("cls", [KomarovaParams, LemaireParams])
def test_every_parameter_has_units_and_doc(cls):
    for name, info in cls.describe().items():
        assert info["units"], name
        assert len(info["doc"]) > 5, name


@pytest.mark.parametrize(("cls", "field", "value"), [
    (KomarovaParams, "beta1", -0.2),
    (KomarovaParams, "alpha1", 0.0),
    (KomarovaParams, "k1", math.nan),
    (KomarovaParams, "g11", math.inf),
    (KomarovaParams, "g21", 7.0),
    (LemaireParams, "f0", 1.5),
    (LemaireParams, "D_A", -1.0),
    (LemaireParams, "K_LP", math.nan),
    (LemaireParams, "turnover", 0.0),
])
def test_bad_parameter_raises_naming_it(cls, field, value):
    with pytest.raises(ParameterError) as err:
        cls(**{field: value})
    assert field in str(err.value)


def test_non_numeric_parameter_raises():
    with pytest.raises(ParameterError, match="g12"):
        KomarovaParams(g12="1")  # type: ignore[arg-type]


def test_degenerate_komarova_exponents_raise():
    # g12 g21 - (1-g11)(1-g22) = 0: no isolated steady state
    with pytest.raises(ParameterError, match="must not be zero"):
        KomarovaParams(g11=1.0, g12=0.0)


def test_params_are_frozen():
    p = LemaireParams()
    with pytest.raises(AttributeError):
        p.D_A = 1.0  # type: ignore[misc]


def test_wrong_params_type_raises():
    with pytest.raises(ParameterError, match="LemaireParams"):
        Lemaire2004(KomarovaParams())  # type: ignore[arg-type]


@pytest.mark.parametrize("kwargs", [
    {"start": -1.0}, {"start": math.nan}, {"start": 10.0, "stop": 5.0},
    {"start": 10.0, "stop": 10.0}, {"rate": -3.0}, {"rate": math.inf},
])
def test_bad_dose_raises(kwargs):
    args = {"input": "RANKL", "start": 0.0, "rate": 1.0} | kwargs
    with pytest.raises(ParameterError):
        Dose(**args)


def test_unknown_input_raises_unknown_item():
    with pytest.raises(UnknownItemError, match="TNF"):
        Lemaire2004().simulate(10.0, Schedule([Dose("TNF", 1.0, rate=1.0)]))
    # Komarova 2003 has no exogenous inputs at all
    with pytest.raises(UnknownItemError):
        Komarova2003().simulate(10.0, Schedule([Dose("RANKL", 1.0, rate=1.0)]))


def test_schedule_breakpoints_and_sums():
    s = Schedule([Dose("RANKL", 5.0, 20.0, 2.0), Dose("RANKL", 10.0, None, 3.0),
                  Dose("OPG", 0.0, 50.0, 1.0)])
    assert s.breakpoints(30.0) == [5.0, 10.0, 20.0]
    assert s.inputs_at(12.0, ["RANKL", "OPG", "PTH"]) == {"RANKL": 5.0, "OPG": 1.0, "PTH": 0.0}
    assert s.inputs_at(20.0, ["RANKL", "OPG"]) == {"RANKL": 3.0, "OPG": 1.0}
    with pytest.raises(ParameterError):
        Schedule(["not a dose"])  # type: ignore[list-item]


@pytest.mark.parametrize(("t_end", "n_points"), [(0.0, 10), (-5.0, 10), (math.inf, 10),
                                                 (10.0, 1), (10.0, 2.5)])
def test_bad_simulation_arguments_raise(t_end, n_points):
    with pytest.raises(ParameterError):
        Lemaire2004().simulate(t_end, n_points=n_points)


def test_bad_initial_state_raises():
    m = Komarova2003()
    with pytest.raises(ParameterError):
        m.simulate(10.0, initial={"C": -1.0})
    with pytest.raises(ParameterError):
        m.simulate(10.0, initial={"C": 0.0})
    with pytest.raises(UnknownItemError):
        m.simulate(10.0, initial={"X": 1.0})


def test_result_access_and_time_grid():
    r = Lemaire2004().simulate(100.0, n_points=11)
    assert np.allclose(r.t, np.linspace(0, 100, 11))
    assert r["C"] is r.states["C"] and r["t"] is r.t
    assert set(r.units) == {"R", "B", "C", "V"}
    assert set(r.final()) == {"R", "B", "C", "V"}
    with pytest.raises(UnknownItemError):
        r["X"]


def test_dose_switching_exactly_at_an_output_time():
    """A dose switching on at a sampled time: the sample is the pre-dose state."""
    m = Lemaire2004()
    r = m.simulate(40.0, Schedule([Dose("RANKL", 20.0, rate=5000.0)]), n_points=41)
    ss = m.steady_state()
    assert r["C"][20] == pytest.approx(ss["C"], rel=1e-6)
    assert r["C"][21] > 1.01 * ss["C"]


@pytest.mark.parametrize("method", ["LSODA", "Radau", "BDF"])
def test_solve_ivp_methods_agree_with_default(method, monkeypatch):
    m = Lemaire2004()
    sched = Schedule([Dose("RANKL", 10.0, 200.0, 2000.0), Dose("OPG", 100.0, None, 1e4)])
    ref = m.simulate(400.0, sched, n_points=41)
    monkeypatch.setattr(Lemaire2004, "method", method)
    other = m.simulate(400.0, sched, n_points=41)
    for k in ref.states:
        assert np.allclose(other[k], ref[k], rtol=1e-5, atol=0), k


def test_dose_ending_a_hair_before_a_sample_time_integrates() -> None:
    """Regression: a breakpoint 6e-14 days before a sample made LSODA refuse the step."""
    from bonelearn.models import Dose, Lemaire2004, LemaireParams, Schedule

    model = Lemaire2004(LemaireParams(K_OP=0.0))
    end = 499.99999999999994
    schedule = Schedule([Dose("RANKL", 0.0, end, 0.0), Dose("PTH", 0.0, end, 0.0)])
    result = model.simulate(1000.0, schedule, n_points=51)
    steady = model.steady_state()
    assert abs(result["C"][-1] / steady["C"] - 1) < 1e-6
