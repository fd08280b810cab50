"""Cross-check against bone-models 0.1.0 (MIT; test-only dependency, pinned in build.txt).

bone-models implements Pivonka et al. 2008 and Martínez-Reina and Pivonka 2019
independently of this course. Where both implement the same equations, the steady states
agree to round-off and the trajectories within 1 %. Known differences, by design (see the
module docstrings of ``bonelearn.models.pivonka`` and ``bonelearn.models.denosumab``):

* bone-models' solvers run at ``rtol = 1e-8`` (RK45) and look the denosumab
  concentration up at the nearest stored time; trajectories are therefore compared with
  bone-models' right-hand side integrated at tight tolerance, and its own solver output
  is compared only where it is smooth (the Pivonka PTH load case);
* bone-models' bone volume of the Pivonka model is a trapezoidal post-processing with other
  rate constants, so ``BV`` is not compared;
* the Martínez-Reina model of bone-models includes the mechanical feedback, which the
  course's model holds at its habitual-loading value: the comparison patches bone-models'
  strain effect to that constant value;
* bone-models repeats a single-interval concentration curve at every dose and sets it to
  zero after the last dose; the course's pharmacokinetics is continuous, so the two agree
  during the first dosing interval only (compared there).
"""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from bonelearn.models import DenosumabPivonka, Dose, Pivonka2008, Regimen, Schedule
from bonelearn.models.denosumab import mineral_law, mineral_queue

bm_pivonka = pytest.importorskip("bone_models.models.pivonka_model")
bm_piv_cases = pytest.importorskip("bone_models.load_cases.pivonka_load_cases")
bm_mr = pytest.importorskip("bone_models.models.martinez_reina_model")
bm_mr_cases = pytest.importorskip("bone_models.load_cases.martinez_reina_load_cases")

REL = 0.01


def quiet(fn, *args):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args)


def pivonka_reference():
    return bm_pivonka.Pivonka_Model(bm_piv_cases.Pivonka_Load_Case_1())


def mr_reference(start_dmab: float = 0.0):
    case = bm_mr_cases.Martinez_Reina_Load_Case()
    case.start_postmenopausal_osteoporosis = case.end_postmenopausal_osteoporosis = 1e9
    case.start_denosumab_treatment = start_dmab
    ref = bm_mr.Martinez_Reina_Model(case)
    ref.steady_state.OBp, ref.steady_state.OBa, ref.steady_state.OCa = 1e-3, 5e-4, 1e-4

    def habitual(oba, oca, vpf, vb, t):  # mechanics held at the habitual-loading value
        ref.parameters.mechanics.update_OBp_proliferation_rate = t <= 0
        return ref.parameters.mechanics.strain_effect_on_OBp_steady_state

    ref.calculate_strain_effect_on_OBp = habitual
    quiet(ref.solve_for_denosumab_concentration)
    ref.apply_mechanical_effects(1e-3, 5e-4, 1e-4, 85.0, 15.0, 0.0)  # set the rate at ss
    return ref


def test_pivonka_steady_state_agrees():
    ref = quiet(pivonka_reference().calculate_steady_state)
    ss = Pivonka2008().steady_state()
    for k, v in zip(("OBp", "OBa", "OCa"), ref, strict=True):
        assert ss[k] == pytest.approx(v, rel=1e-9), k


@pytest.mark.parametrize("state", [(6e-4, 5e-4, 9e-4), (1e-3, 2e-4, 3e-4), (2e-4, 1e-3, 5e-5)])
@pytest.mark.parametrize("t", [50.0, 200.0])
def test_pivonka_right_hand_sides_agree(state, t):
    ref = pivonka_reference()
    m = Pivonka2008()
    inputs = {"PTH": 1e3} if t <= 100 else {}
    ours = m.rhs(dict(zip(("OBp", "OBa", "OCa"), state, strict=True)) | {"BV": 100.0}, inputs)
    theirs = ref.bone_cell_population_model(list(state), t)
    for k, v in zip(("OBp", "OBa", "OCa"), theirs, strict=True):
        assert ours[k] == pytest.approx(v, rel=1e-9, abs=1e-15), k


def test_pivonka_pth_load_case_trajectory_agrees():
    ref = pivonka_reference()
    sol = quiet(ref.solve_bone_cell_population_model, [0.0, 300.0])
    ours = Pivonka2008().simulate(300.0, Schedule([Dose("PTH", 0.0, 100.0, 1e3)]), n_points=301)
    for i, k in enumerate(("OBp", "OBa", "OCa")):
        mine = np.interp(sol.t, ours.t, ours[k])
        assert np.max(np.abs(mine / sol.y[i] - 1)) < REL, k
    assert np.max(np.abs(sol.y[2] / sol.y[2][0] - 1)) > 0.1  # the load case does move OCa


def test_martinez_reina_steady_state_agrees():
    case = bm_mr_cases.Martinez_Reina_Load_Case()
    ref = quiet(bm_mr.Martinez_Reina_Model(case).calculate_steady_state)
    ss = DenosumabPivonka().steady_state()
    for k, v in zip(("OBp", "OBa", "OCa"), ref[:3], strict=True):
        assert ss[k] == pytest.approx(v, rel=1e-9), k


def test_denosumab_concentration_of_the_first_interval_agrees():
    ref = mr_reference()
    r = DenosumabPivonka().simulate(182.0, Regimen(n_doses=1), n_points=183)
    theirs = np.interp(r.t, ref.time_for_denosumab, ref.denosumab_concentration_over_time)
    big = theirs > 1.0
    assert np.max(np.abs(r["C"][big] / theirs[big] - 1)) < REL


def test_denosumab_cell_trajectories_agree_during_the_first_interval():
    m = DenosumabPivonka()
    ref = mr_reference()
    times = np.linspace(0.0, 180.0, 181)
    ours = m.simulate(180.0, Regimen(n_doses=1), n_points=181)
    # our concentration fed into bone-models' right-hand side, integrated tightly
    ref.calculate_denosumab_concentration = lambda t: float(
        np.interp(t, ours.t, ours["C"])) * 1e6 / m.params.molar_mass
    x0 = [1e-3, 5e-4, 1e-4, 85.0, 15.0]
    sol = solve_ivp(lambda t, x: ref.bone_cell_population_model(x, t), (0.0, 180.0), x0,
                    t_eval=times, rtol=1e-9, atol=1e-12, max_step=0.5)
    assert sol.success
    for i, k in enumerate(("OBp", "OBa", "OCa", None, "vb")):
        if k is None:
            continue
        assert np.max(np.abs(ours[k] / sol.y[i] - 1)) < REL, k
    assert ours["OCa"].min() < 0.3 * 1e-4  # the dose does suppress osteoclasts


def test_mineral_content_at_steady_state_agrees():
    m = DenosumabPivonka()
    ref = mr_reference()
    quiet(ref.initialise_ageing_queue, 5e-4, 1e-4, 0.15)
    theirs = ref.calculate_average_mineral_content(5e-4, 1e-4, 15.0, 0.0)
    days = np.full(10, 1.0)
    content, bmd = mineral_queue(m.params, 5e-4 * days, 1e-4 * days, 15.0 * days,
                                 mineral_law(m.params))
    assert content[0] == pytest.approx(theirs, rel=1e-9)
    assert np.allclose(bmd, 100.0)


def test_mineral_queue_under_treatment_agrees_within_one_percent():
    m = DenosumabPivonka()
    r = m.simulate(730.0, Regimen(n_doses=2), n_points=731)
    ref = mr_reference()
    quiet(ref.initialise_ageing_queue, r["OBa"][0], r["OCa"][0], r["vb"][0] / 100)
    theirs = []
    for d in range(1, 731):
        ref.update_ageing_queue(r["OBa"][d], r["OCa"][d], r["vb"][d] / 100)
        theirs.append(ref.calculate_average_mineral_content(0, 0, r["vb"][d], 0.0))
    assert np.max(np.abs(r["mineral"][1:] / np.array(theirs) - 1)) < REL
