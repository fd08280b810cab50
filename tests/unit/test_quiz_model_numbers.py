"""Quiz questions that quote the scenario model quote what the model computes.

A number typed into a question drifts when the model or its calibration changes; these
tests recompute each one and fail when the stem or the answer no longer matches.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from bonelearn.models.scenarios import simulate_scenario

ROOT = Path(__file__).resolve().parents[2]


def question(chapter: str, qid: str) -> dict:
    bank = yaml.safe_load((ROOT / "chapters" / chapter / "questions.yaml").read_text("utf-8"))
    return next(q for q in bank["questions"] if q["id"] == qid)


def test_ibl_model_threshold_quotes_the_model() -> None:
    q = question("inflammatory-bone-loss", "ibl-model-threshold")
    volume = simulate_scenario(0.6, t_end=1095, n_points=1096).relative("untreated")["V"][-1]
    assert f"{volume:.1f} % of baseline after three years" in q["stem"]
    rate = (100.0 - round(volume, 1)) / 3
    assert f"about {rate:.1f} % a year" in q["options"][0]["text"]


def test_ther_model_denosumab_quotes_the_model() -> None:
    q = question("therapies", "ther-model-denosumab")
    run = simulate_scenario(0.7, drug="denosumab", t_end=1095, n_points=1096)
    i = int(np.argmin(np.abs(run.t - 545.0)))
    treated, untreated = run.relative("treated")["V"][i], run.relative("untreated")["V"][i]
    assert f"about {untreated:.1f} % of baseline with no drug" in q["stem"]
    assert f"about {treated:.1f} % with denosumab" in q["stem"]
    assert f"the {round(treated, 1) - round(untreated, 1):.1f}-point difference" in " ".join(
        o["text"] for o in q["options"])
    assert run.relative("treated")["V"][-1] > run.relative("untreated")["V"][-1] + 1.0


def test_il23_scenario_claims_hold_in_the_model() -> None:
    """Quiz il23-scenario: p40, p19 and IL-17 blockers end close; denosumab does not."""
    q = question("il23-inhibitors", "il23-scenario")
    assert "almost the same bone volume at three years" in q["stem"]
    final = {d: simulate_scenario(0.7, drug=d, t_end=1095, n_points=2).relative("treated")["V"][-1]
             for d in ("il12_23_inhibitor", "il23_inhibitor", "il17_inhibitor", "denosumab")}
    close = [final[d] for d in ("il12_23_inhibitor", "il23_inhibitor", "il17_inhibitor")]
    assert max(close) - min(close) < 0.5, final
    assert final["denosumab"] - max(close) > 2.0, final


def test_mb_marker_lsc_quotes_the_calculator() -> None:
    """Quiz mb-marker-lsc quotes the symmetric and log-normal limits the course computes."""
    from bonelearn.models.measures import least_significant_change, lognormal_limits

    q = question("measuring-bone", "mb-marker-lsc")
    fall, _rise = lognormal_limits(15)
    assert f"= {least_significant_change(15):.2f} %" in q["stem"]
    assert f"a fall counts from {abs(fall):.2f} %" in q["stem"]


def test_abr_model_mapping_claims_hold_in_the_model() -> None:
    """Quiz abr-model-mapping: the abatacept mapping (with its osteoclast brake) ends with
    more bone than the rituximab mapping, i.e. the model favours abatacept by construction."""
    q = question("abatacept-rituximab", "abr-model-mapping")
    assert "favour abatacept over rituximab by construction" in q["options"][0]["feedback"]
    final = {d: simulate_scenario(0.7, drug=d, t_end=1095, n_points=2).relative("treated")["V"][-1]
             for d in ("abatacept", "rituximab")}
    assert final["abatacept"] > final["rituximab"]
