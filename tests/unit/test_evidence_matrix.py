"""The class-by-outcome evidence matrix: levels, studies, diseases and directions per cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from bonelearn.errors import DataFileError, UnknownItemError
from bonelearn.evidence import (
    DESIGNS,
    LEVELS,
    MATRIX_OUTCOMES,
    Outcome,
    Study,
    class_outcome_matrix,
    filter_studies,
    load_studies,
)
from bonelearn.evidence.matrix import NO_STUDY, design_rank, level_label
from bonelearn.pathways.model import DRUG_IDS

STUDIES = load_studies()


def study(sid: str, design: str, classes: tuple[str, ...], outcomes: dict[str, str],
          disease: str = "RA", year: int = 2000) -> Study:
    """A small constructed study: ``outcomes`` maps outcome id to direction."""
    return Study(id=sid, name=sid.upper(), first_author="Doe", year=year, cite="x",
                 design=design, disease=disease, population="people", duration="1 year",
                 classes=classes, agents=("agent",),
                 outcomes=tuple(Outcome(o, "endpoint", "result", d) for o, d in outcomes.items()),
                 evidence_note="note")


def test_every_design_has_exactly_one_level_in_the_stated_order() -> None:
    designs = [d for _, _, ds in LEVELS for d in ds]
    assert sorted(designs) == sorted(DESIGNS)
    assert [design_rank(d) for d in ("randomised_controlled", "meta_analysis",
                                     "randomised_extension", "post_hoc_randomised",
                                     "observational_cohort", "case_control", "animal",
                                     "in_vitro")] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_strongest_design_wins_whatever_the_order_of_the_studies() -> None:
    data = [study("mouse", "animal", ("denosumab",), {"fractures": "experimental"},
                  disease="mouse", year=1999),
            study("cohort", "observational_cohort", ("denosumab",), {"fractures": "association"}),
            study("ext", "randomised_extension", ("denosumab",), {"fractures": "favours_drug"},
                  disease="postmenopausal osteoporosis", year=2010)]
    for order in (data, data[::-1]):
        cell = class_outcome_matrix(order, ["denosumab"], ["fractures"]).cell(
            "denosumab", "fractures")
        assert cell.level == "randomised_secondary"
        assert cell.strongest_design == "randomised_extension"
        assert [s.id for s in cell.studies] == ["ext", "cohort", "mouse"]
        assert cell.diseases == ("RA", "mouse", "postmenopausal osteoporosis")
        assert cell.strongest_diseases == ("postmenopausal osteoporosis",)
        assert cell.directions == ("favours_drug", "association", "experimental")
        assert cell.strongest_directions == ("favours_drug",)
        assert cell.level_label == "Secondary analysis of randomised data"


def test_a_study_counts_only_for_its_own_classes_and_outcomes() -> None:
    data = [study("a", "randomised_controlled", ("tnf_inhibitor", "il6r_inhibitor"),
                  {"radiographic_progression": "favours_drug", "systemic_bmd": "harm"}),
            study("b", "meta_analysis", ("il6r_inhibitor",), {"systemic_bmd": "no_difference"})]
    m = class_outcome_matrix(data, ["tnf_inhibitor", "il6r_inhibitor", "rituximab"],
                             ["radiographic_progression", "systemic_bmd", "fractures"])
    assert m.cell("tnf_inhibitor", "systemic_bmd").directions == ("harm",)
    assert [s.id for s in m.cell("il6r_inhibitor", "systemic_bmd").studies] == ["a", "b"]
    assert m.cell("il6r_inhibitor", "systemic_bmd").strongest_design == "randomised_controlled"
    assert m.cell("il6r_inhibitor", "systemic_bmd").directions == ("no_difference", "harm")
    empty = m.cell("rituximab", "radiographic_progression")
    assert (empty.level, empty.n_studies, empty.level_label) == (None, 0, NO_STUDY)
    assert empty.studies == () and empty.diseases == () and empty.directions == ()
    assert [c.outcome for c in m.row("tnf_inhibitor")] == list(m.outcomes)


def test_defaults_cover_every_class_and_the_five_synthesis_outcomes() -> None:
    m = class_outcome_matrix()
    assert m.classes == DRUG_IDS
    assert m.outcomes == MATRIX_OUTCOMES == ("radiographic_progression", "systemic_bmd",
                                             "turnover_markers", "fractures", "axial_new_bone")
    assert len(m.cells) == len(DRUG_IDS) * len(MATRIX_OUTCOMES)


@pytest.mark.parametrize("outcome", MATRIX_OUTCOMES)
@pytest.mark.parametrize("drug_class", DRUG_IDS)
def test_each_cell_agrees_with_the_filter_on_the_real_data(drug_class: str, outcome: str) -> None:
    cell = class_outcome_matrix(STUDIES).cell(drug_class, outcome)
    expected = filter_studies(STUDIES, drug_class, outcome)
    assert {s.id for s in cell.studies} == {s.id for s in expected}
    if expected:
        best = min(design_rank(s.design) for s in expected)
        assert cell.level == LEVELS[best][0]
        assert cell.diseases == tuple(sorted({s.disease for s in expected}))
    else:
        assert cell.level is None


def test_real_data_keeps_the_known_landmarks() -> None:
    """Facts the chapter's text relies on; they fail loudly if the data change under it."""
    m = class_outcome_matrix(STUDIES)
    freedom = m.cell("denosumab", "fractures")
    assert freedom.level == "randomised"
    assert "postmenopausal osteoporosis" in freedom.strongest_diseases
    assert "RA" not in freedom.strongest_diseases
    gc = m.cell("glucocorticoid", "fractures")
    assert gc.level == "randomised" and "harm" in gc.directions
    il17 = m.cell("il17_inhibitor", "axial_new_bone")
    assert il17.level == "randomised" and "favours_drug" not in il17.directions
    for biologic in ("tnf_inhibitor", "il6r_inhibitor", "il17_inhibitor", "il12_23_inhibitor",
                     "il23_inhibitor", "jak_inhibitor", "abatacept", "rituximab"):
        assert m.cell(biologic, "fractures").level != "randomised", biologic
    mouse = m.cell("il23_inhibitor", "axial_new_bone")
    assert mouse.level == "experimental" and "RA" not in mouse.diseases


def test_unknown_ids_raise_errors_that_name_them() -> None:
    with pytest.raises(UnknownItemError, match="drug-class id"):
        class_outcome_matrix(STUDIES, classes=["aspirin"])
    with pytest.raises(UnknownItemError, match="outcome"):
        class_outcome_matrix(STUDIES, outcomes=["height"])
    m = class_outcome_matrix(STUDIES, ["denosumab"], ["fractures"])
    with pytest.raises(UnknownItemError, match="drug-class id"):
        m.cell("rituximab", "fractures")
    with pytest.raises(UnknownItemError, match="outcome"):
        m.cell("denosumab", "systemic_bmd")
    with pytest.raises(UnknownItemError, match="design"):
        design_rank("anecdote")
    with pytest.raises(UnknownItemError, match="evidence level"):
        level_label("strong")


def test_matrix_follows_new_data(tmp_path: Path) -> None:
    """A new randomised study fills an empty cell of the real matrix with no code change."""
    empty = next(c for c in class_outcome_matrix(STUDIES).cells if c.level is None)
    extra = study("new", "randomised_controlled", (empty.drug_class,),
                  {empty.outcome: "favours_drug"})
    after = class_outcome_matrix([*STUDIES, extra]).cell(empty.drug_class, empty.outcome)
    assert after.level == "randomised" and after.n_studies == 1


def test_drug_chapters_follow_the_topic_map(tmp_path: Path) -> None:
    from bonelearn.course import Course, drug_chapters

    course = Course.find(Path(__file__))
    mapping = course.drug_chapters()
    assert set(mapping) == set(DRUG_IDS)
    assert mapping["tnf_inhibitor"] == "tnf-inhibitors"
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "topic-map.yaml").write_text(
        "topics:\n  - {id: a, drug: denosumab, chapter: bone-targeted-agents}\n"
        "  - {id: b, title: no drug here, chapter: remodelling}\n", encoding="utf-8")
    assert drug_chapters(tmp_path) == {"denosumab": "bone-targeted-agents"}
    (tmp_path / "seeds" / "topic-map.yaml").write_text(
        "topics:\n  - {id: a, drug: denosumab, chapter: x}\n"
        "  - {id: b, drug: denosumab, chapter: y}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="topic 'b'"):
        drug_chapters(tmp_path)


def test_a_comparator_class_reads_the_result_from_its_own_side() -> None:
    """In a head-to-head trial the first class is the drug tested: when it wins, the
    comparator class's cell must read 'favours the comparator', not 'favours the drug'."""
    duel = study("duel", "randomised_controlled", ("romosozumab", "bisphosphonate"),
                 {"fractures": "favours_drug"})
    m = class_outcome_matrix([duel], ["romosozumab", "bisphosphonate"], ["fractures"])
    assert m.cell("romosozumab", "fractures").directions == ("favours_drug",)
    assert m.cell("bisphosphonate", "fractures").directions == ("favours_comparator",)
    assert duel.direction_for("no_difference", "bisphosphonate") == "no_difference"


def test_real_head_to_head_trials_do_not_credit_the_comparator() -> None:
    arch = next(s for s in STUDIES if s.id == "arch")
    cell = class_outcome_matrix(STUDIES, ["bisphosphonate"], ["fractures"]).cell(
        "bisphosphonate", "fractures")
    assert arch in cell.studies
    assert {arch.direction_for(o.direction, "bisphosphonate") for o in arch.outcomes
            if o.outcome == "fractures"} == {"favours_comparator"}
