"""Property tests: across parameter ranges the models never crash, never produce NaN and
never produce negative cell populations."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bonelearn.models import (
    Dose,
    Komarova2003,
    KomarovaParams,
    Lemaire2004,
    LemaireParams,
    Schedule,
)
from bonelearn.models.scenarios import drug_ids, simulate_scenario

QUICK = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


def factor(lo: float = 0.2, hi: float = 5.0) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)


def assert_sane(result, cells) -> None:
    for k, v in result.states.items():
        assert np.all(np.isfinite(v)), k
    # Cells are integrated as logarithms, so they cannot go negative; in unstable
    # (Paget-like) runs a trough can still underflow float64 to exactly 0.
    for k in cells:
        assert np.all(result[k] >= 0), k


@QUICK
@given(g11=st.floats(0.0, 1.12), a1=factor(), b1=factor(), b2=factor(), kick=factor(0.01, 20))
def test_komarova_sane(g11, a1, b1, b2, kick):
    base = KomarovaParams()
    p = KomarovaParams(g11=g11, alpha1=base.alpha1 * a1, beta1=base.beta1 * b1,
                       beta2=base.beta2 * b2)
    m = Komarova2003(p)
    ss = m.steady_state()
    assert ss["C"] > 0 and ss["B"] > 0
    r = m.simulate(1000.0, initial={"C": ss["C"] * kick, "B": ss["B"]}, n_points=51)
    assert_sane(r, "CB")


@QUICK
@given(d_r=factor(), d_c=factor(), d_a=factor(), k_op=factor(0.0, 5.0), k_lp=factor(),
       rankl=st.floats(0, 1e5), opg=st.floats(0, 1e6), pth=st.floats(0, 1e4),
       t_on=st.floats(0, 300), length=st.floats(1, 500))
def test_lemaire_sane(d_r, d_c, d_a, k_op, k_lp, rankl, opg, pth, t_on, length):
    b = LemaireParams()
    p = LemaireParams(D_R=b.D_R * d_r, D_C=b.D_C * d_c, D_A=b.D_A * d_a, K_OP=b.K_OP * k_op,
                      K_LP=b.K_LP * k_lp)
    m = Lemaire2004(p)
    sched = Schedule([Dose("RANKL", t_on, t_on + length, rankl), Dose("OPG", t_on / 2, None, opg),
                      Dose("PTH", 0.0, length, pth)])
    r = m.simulate(1000.0, sched, n_points=51)
    assert_sane(r, "RBC")


@QUICK
@given(x=st.floats(0, 1), drug=st.sampled_from([None, *drug_ids()]), start=st.floats(0, 900),
       duration=st.floats(0, 900), t_end=st.floats(10, 1500))
def test_scenarios_sane(x, drug, start, duration, t_end):
    r = simulate_scenario(x, drug, start, duration, t_end, n_points=31)
    for course in (r.treated, r.untreated):
        for k, v in course.items():
            assert np.all(np.isfinite(v)), k
        for k in "RBC":
            assert np.all(course[k] >= 0), k
    # the untreated course never depends on the drug
    plain = simulate_scenario(x, None, start, duration, t_end, n_points=31)
    assert np.allclose(r.untreated["V"], plain.untreated["V"])
