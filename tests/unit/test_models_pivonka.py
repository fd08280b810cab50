"""Pivonka et al. 2008 (Bone 43:249-263): steady state, inputs, bone volume, validation.

Reference values: the steady state (OBp, OBa, OCa) = (6.196390627918603e-4,
5.583931899482344e-4, 8.069635262731931e-4) pM is the one bone-models 0.1.0 starts its root
search from (``Pivonka_Model.initial_guess_root`` in
``bone_models/models/pivonka_model.py``; bone-models does not say where it comes from). The
paper's full text was not read, so the printed table could not be compared; a search of
stored records on 2026-12-01 (PubMed, publisher pages, the Physiome Model Repository's
CellML encoding) found the equations but no parameter table. The default values are compared
with a second encoding, the Physiome CellML, in ``test_models_pivonka_cellml.py``, whose
start state is this steady state to within 0.04 % (see also the module docstring of
``bonelearn.models.pivonka``).
"""

from __future__ import annotations

import numpy as np
import pytest

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.models import Dose, Pivonka2008, PivonkaParams, Schedule

REFERENCE = {"OBp": 6.196390627918603e-4, "OBa": 5.583931899482344e-4,
             "OCa": 8.069635262731931e-4}


def test_steady_state_matches_the_reference_values():
    ss = Pivonka2008().steady_state()
    for k, v in REFERENCE.items():
        assert ss[k] == pytest.approx(v, rel=1e-9), k


@pytest.mark.parametrize("inputs", [None, {"RANKL": 500.0}, {"OPG": 1e3}, {"PTH": 200.0},
                                    {"TGFb": 1e-3}])
def test_steady_state_makes_rhs_vanish(inputs):
    m = Pivonka2008()
    ss = m.steady_state(inputs)
    d = m.rhs(ss, inputs)
    for k in ("OBp", "OBa", "OCa"):
        assert abs(d[k]) < 1e-9 * ss[k], k


def test_bone_volume_is_constant_at_steady_state():
    r = Pivonka2008().simulate(3650.0, n_points=11)
    assert np.allclose(r["BV"], 100.0, atol=1e-8)


def test_distant_start_converges_to_the_steady_state():
    m = Pivonka2008()
    ss = m.steady_state()
    r = m.simulate(2000.0, n_points=3,
                   initial={"OBp": 3 * ss["OBp"], "OBa": 0.2 * ss["OBa"], "OCa": 5 * ss["OCa"]})
    for k in REFERENCE:
        assert r[k][-1] == pytest.approx(ss[k], rel=1e-5), k


def test_rankl_raises_osteoclasts_and_removes_bone_opg_protects():
    m = Pivonka2008()
    ss = m.steady_state()
    rankl = m.simulate(400.0, Schedule([Dose("RANKL", 0.0, None, 1e3)]), n_points=401)
    assert rankl["OCa"][-1] > 1.5 * ss["OCa"] and rankl["BV"][-1] < 99.9
    opg = m.simulate(400.0, Schedule([Dose("OPG", 0.0, None, 2e5)]), n_points=401)
    assert opg["OCa"][-1] < 0.1 * ss["OCa"] and opg["BV"][-1] > 100.01


def test_pth_injection_of_the_lemaire_load_case_returns_after_it_stops():
    # bone-models Pivonka_Load_Case_1: PTH 1000 pM/day for 100 days
    m = Pivonka2008()
    ss = m.steady_state()
    r = m.simulate(1000.0, Schedule([Dose("PTH", 0.0, 100.0, 1e3)]), n_points=1001)
    assert abs(r["OCa"][99] / ss["OCa"] - 1) > 0.05
    assert r["OCa"][-1] == pytest.approx(ss["OCa"], rel=1e-3)


def test_bad_parameters_and_inputs_are_named():
    with pytest.raises(ParameterError, match="K_D8"):
        PivonkaParams(K_D8=-1.0)
    with pytest.raises(ParameterError, match="beta_RANKL"):
        PivonkaParams(beta_RANKL=float("nan"))
    with pytest.raises(UnknownItemError, match="IL6"):
        Pivonka2008().steady_state({"IL6": 1.0})
    with pytest.raises(ParameterError, match="OPG"):
        Pivonka2008().steady_state({"OPG": -1.0})
    with pytest.raises(ParameterError):
        Pivonka2008(volume_reference=(0.0, 1.0))


def test_every_parameter_names_its_source():
    for name, meta in PivonkaParams.describe().items():
        assert "bone-models" in meta["doc"] or "paper" in meta["doc"], name
