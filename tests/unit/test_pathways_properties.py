"""Property tests: any drug subset and inflammation level gives a sound prediction."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from bonelearn.pathways import DRUG_IDS, EPS, load_knowledge_base, propagate

KB = load_knowledge_base()
DRUG_SETS = st.lists(st.sampled_from(DRUG_IDS), max_size=6)
LEVELS = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def assert_path(chain: tuple[str, ...], node: str, drugs: tuple[str, ...]) -> None:
    """A connected path from the stimulus or a selected drug that ends at ``node``."""
    links = [KB.link(c) for c in chain]
    assert links[0].source == KB.source or links[0].source in drugs
    for i, link in enumerate(links):
        if i:
            assert link.source == links[i - 1].target
            assert ":" not in link.id  # a drug action can only open a chain
        if ":" in link.id:
            assert link.source in drugs
    assert links[-1].target == node


@settings(max_examples=150, deadline=None)
@given(DRUG_SETS, LEVELS)
def test_prediction_is_sound(drugs: list[str], level: float) -> None:
    pred = propagate(KB, drugs, level)
    selected = pred.drugs
    targeted = {t.node for d in selected for t in KB.drug(d).targets}
    for nid, state in pred.nodes.items():
        assert math.isfinite(state.score)
        node = KB.node(nid)
        if node.basal is not None:
            assert state.score >= -node.basal
        expected = "up" if state.score > EPS else "down" if state.score < -EPS else "unchanged"
        assert state.direction == expected
        assert state.blocked == (nid in targeted)
        if state.direction == "unchanged" or nid == KB.source:
            assert state.chain == ()
        else:
            assert_path(state.chain, nid, selected)
    for oid, out in pred.outcomes.items():
        assert math.isfinite(out.delta)
        if out.effect == "no_change":
            assert out.effect_chain == () and abs(out.delta) <= EPS
        else:
            assert (out.delta < 0) == (out.effect == "reduces")
            assert_path(out.effect_chain, oid, selected)
    as_json = json.loads(json.dumps(pred.to_dict(), allow_nan=False))
    assert set(as_json["nodes"]) == {n.id for n in KB.nodes}
    assert set(as_json["outcomes"]) == set(KB.outcomes)


@settings(max_examples=60, deadline=None)
@given(DRUG_SETS, LEVELS, st.randoms())
def test_order_of_drugs_is_irrelevant(drugs: list[str], level: float, rnd) -> None:
    shuffled = list(drugs)
    rnd.shuffle(shuffled)
    assert propagate(KB, drugs, level).to_dict() == propagate(KB, shuffled, level).to_dict()


@settings(max_examples=60, deadline=None)
@given(DRUG_SETS, LEVELS)
def test_no_drug_means_no_effect(drugs: list[str], level: float) -> None:
    base = propagate(KB, [], level)
    assert all(o.effect == "no_change" for o in base.outcomes.values())
    treated = propagate(KB, drugs, level)
    for oid, out in treated.outcomes.items():
        assert abs(out.score - (base.outcomes[oid].score + out.delta)) < 1e-12
