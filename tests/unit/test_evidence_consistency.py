"""The knowledge base's evidence ratings agree with the studies in the evidence base.

``drugs.yaml`` rates each drug class on four outcomes. "established" means randomised or
consistent data in people, so the evidence base must hold at least one randomised trial
or meta-analysis in people for that class and outcome.
"""

from __future__ import annotations

import pytest

from bonelearn.evidence import RANDOMISED, load_studies
from bonelearn.pathways import load_knowledge_base

KB = load_knowledge_base()
STUDIES = load_studies()
#: drugs.yaml outcome -> evidence-base outcome
OUTCOME_OF = {"erosions": "radiographic_progression", "systemic_bmd": "systemic_bmd",
              "fractures": "fractures", "axspa_new_bone": "axial_new_bone"}
ANIMAL = {"mouse arthritis", "rat arthritis", "mouse", "cells"}
ESTABLISHED = [(d.id, o) for d in KB.drugs for o, e in d.evidence.items()
               if e.status == "established"]


@pytest.mark.parametrize(("drug", "outcome"), ESTABLISHED)
def test_established_rests_on_a_randomised_study_in_people(drug: str, outcome: str) -> None:
    behind = [s.id for s in STUDIES
              if drug in s.classes and OUTCOME_OF[outcome] in s.outcome_ids
              and s.design in RANDOMISED and s.disease not in ANIMAL]
    assert behind, (f"drugs.yaml rates {drug}/{outcome} 'established' but the evidence base "
                    "holds no randomised trial or meta-analysis in people for it")


def test_every_drug_class_has_studies() -> None:
    for d in KB.drugs:
        assert any(d.id in s.classes for s in STUDIES), d.id


def test_the_base_has_at_least_forty_studies_and_every_outcome() -> None:
    from bonelearn.evidence import OUTCOMES

    assert len(STUDIES) >= 40
    assert {o for s in STUDIES for o in s.outcome_ids} == set(OUTCOMES)
