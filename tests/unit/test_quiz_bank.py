"""Loading and checking question banks: every error names the file and the question."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from bonelearn.errors import DataFileError, UnknownItemError
from bonelearn.quiz import (
    SCHEMA_PATH,
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    duplicate_ids,
    load_bank,
    parse_bank,
    validate_bank,
)

REPO = Path(__file__).resolve().parents[2]

GOOD = textwrap.dedent(
    """\
    chapter: remodelling
    questions:
      - id: remodelling-bmu
        type: single
        objective: bmu
        difficulty: easy
        cite: [soos2022effects]
        stem: "Which cells resorb bone?"
        options:
          - {text: "Osteoclasts", correct: true, feedback: "They resorb."}
          - {text: "Osteoblasts", correct: false, feedback: "They form bone."}
      - id: remodelling-cytokines
        type: multiple
        objective: bmu
        difficulty: medium
        cite: [soos2022effects]
        stem: "Which are cytokines?"
        options:
          - {text: "TNF", correct: true, feedback: "A cytokine."}
          - {text: "IL-6", correct: true, feedback: "Also a cytokine."}
          - {text: "Collagen", correct: false, feedback: "A matrix protein."}
      - id: remodelling-cycle-length
        type: numeric
        objective: cycle
        difficulty: medium
        cite: [soos2022effects]
        stem: "How many days does a remodelling cycle take?"
        answer: 120
        tolerance: 30
        units: days
        feedback: {correct: "About four months.", incorrect: "Think months, not weeks."}
      - id: remodelling-sequence
        type: ordering
        objective: cycle
        difficulty: hard
        cite: [soos2022effects]
        stem: "Put the phases in order."
        items: ["activation", "resorption", "reversal", "formation"]
        feedback: {correct: "Resorption comes first.", incorrect: "Resorption precedes formation."}
    """
)


def write(tmp_path: Path, text: str, name: str = "questions.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def mutate(edit) -> str:
    """GOOD with ``edit(data)`` applied, as YAML."""
    data = yaml.safe_load(GOOD)
    edit(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def error_for(tmp_path: Path, text: str) -> DataFileError:
    path = write(tmp_path, text)
    with pytest.raises(DataFileError) as info:
        load_bank(path)
    assert str(path) in str(info.value), "the error must name the file"
    return info.value


def test_good_bank_loads_into_typed_questions(tmp_path):
    bank = load_bank(write(tmp_path, GOOD))
    assert bank.chapter == "remodelling"
    assert bank.ids == [
        "remodelling-bmu", "remodelling-cytokines", "remodelling-cycle-length",
        "remodelling-sequence",
    ]
    single, multiple, numeric, ordering = bank.questions
    assert isinstance(single, ChoiceQuestion) and single.type == "single"
    assert single.correct_indices == (0,)
    assert isinstance(multiple, ChoiceQuestion) and multiple.type == "multiple"
    assert multiple.correct_indices == (0, 1)
    assert isinstance(numeric, NumericQuestion)
    assert (numeric.answer, numeric.tolerance, numeric.units) == (120.0, 30.0, "days")
    assert numeric.feedback.incorrect == "Think months, not weeks."
    assert isinstance(ordering, OrderingQuestion)
    assert ordering.items[0] == "activation" and ordering.type == "ordering"
    assert bank.get("remodelling-sequence") is ordering
    with pytest.raises(UnknownItemError, match="remodelling-bmu"):
        bank.get("nope")


@pytest.mark.parametrize(
    ("edit", "item", "needle"),
    [
        (lambda d: d["questions"][0]["options"][1].update(correct=True),
         "question 'remodelling-bmu'", "needs exactly one option with 'correct: true' (found 2)"),
        (lambda d: [o.update(correct=False) for o in d["questions"][0]["options"]],
         "question 'remodelling-bmu'", "needs exactly one option with 'correct: true' (found 0)"),
        (lambda d: [o.update(correct=False) for o in d["questions"][1]["options"]],
         "question 'remodelling-cytokines'", "at least one option with 'correct: true'"),
        (lambda d: d["questions"][0].update(type="essay"), "question 'remodelling-bmu'", "essay"),
        (lambda d: d["questions"][0].update(difficulty="trivial"), "question 'remodelling-bmu'",
         "trivial"),
        (lambda d: d["questions"][0].update(cite=[]), "question 'remodelling-bmu'", "cite"),
        (lambda d: d["questions"][0].update(id="Bad_Id"), "question 'Bad_Id'", "not kebab-case"),
        (lambda d: d["questions"][2].update(tolerance=-1), "question 'remodelling-cycle-length'",
         "tolerance"),
        (lambda d: d["questions"][2].pop("answer"), "question 'remodelling-cycle-length'",
         "answer"),
        (lambda d: d["questions"][2].update(answer="120"), "question 'remodelling-cycle-length'",
         "answer"),
        (lambda d: d["questions"][3].update(items=["a", "b"]), "question 'remodelling-sequence'",
         "items"),
        (lambda d: d["questions"][3].update(options=[]), "question 'remodelling-sequence'",
         "options"),
        (lambda d: d["questions"][0]["options"][0].pop("feedback"), "question 'remodelling-bmu'",
         "feedback"),
        (lambda d: d["questions"][0].update(stem="   "), "question 'remodelling-bmu'",
         "stem: must not be blank"),
        (lambda d: d["questions"][0]["options"][1].update(text=True), "question 'remodelling-bmu'",
         "options #2.text: True is not of type 'string'"),
        (lambda d: d["questions"][0].update(options=d["questions"][0]["options"] * 5),
         "question 'remodelling-bmu'", "options"),
        (lambda d: d["questions"][1].pop("id"), "question #2", "id"),
    ],
)
def test_schema_errors_name_file_question_and_field(tmp_path, edit, item, needle):
    err = error_for(tmp_path, mutate(edit))
    assert err.item == item
    assert needle in err.problem


def test_extra_keys_are_rejected(tmp_path):
    err = error_for(tmp_path, mutate(lambda d: d["questions"][2].update(options=[])))
    assert err.item == "question 'remodelling-cycle-length'"
    assert "options" in err.problem


def test_first_error_in_document_order(tmp_path):
    def edit(d):
        for q in d["questions"]:
            q["difficulty"] = "trivial"
    assert error_for(tmp_path, mutate(edit)).item == "question 'remodelling-bmu'"


def test_duplicate_ids_in_one_bank(tmp_path):
    def edit(d):
        d["questions"][3]["id"] = "remodelling-bmu"
    err = error_for(tmp_path, mutate(edit))
    assert err.item == "question #4"
    assert "'remodelling-bmu' is already used by question #1" in err.problem


def test_duplicate_options_and_items(tmp_path):
    def options(d):
        d["questions"][1]["options"][2]["text"] = "  tnf "
    err = error_for(tmp_path, mutate(options))
    assert err.item == "question 'remodelling-cytokines'"
    assert "option 3 repeats option 1" in err.problem

    def items(d):
        d["questions"][3]["items"][3] = "Activation"
    err = error_for(tmp_path, mutate(items))
    assert err.item == "question 'remodelling-sequence'"
    assert "item 4 repeats item 1" in err.problem


def test_control_characters_are_refused(tmp_path):
    err = error_for(tmp_path, mutate(
        lambda d: d["questions"][3]["items"].__setitem__(1, "bad\x07bell\x00")
    ))
    assert err.item == "question 'remodelling-sequence'"
    assert "item 2 contains the control character(s) U+0000, U+0007" in err.problem
    ok = load_bank(write(tmp_path, mutate(
        lambda d: d["questions"][0].update(stem="tab\there\nnewline")
    )))
    assert ok.questions[0].stem == "tab\there\nnewline"


@pytest.mark.parametrize(
    ("escape", "field", "named"),
    [
        ("\\uFFFE", "stem", "the non-character(s) U+FFFE"),
        ("\\uFFFF", "feedback.correct", "the non-character(s) U+FFFF"),
        ("\\uFDD3", "item 2", "the non-character(s) U+FDD3"),
        ("\\U0001FFFF", "stem", "the non-character(s) U+1FFFF"),
        ("\\ud800", "item 2", "the lone surrogate(s) U+D800"),
        ("\\udfff", "feedback.incorrect", "the lone surrogate(s) U+DFFF"),
        ("\\x0c", "stem", "the control character(s) U+000C"),
        ("\\r", "stem", "the control character(s) U+000D"),
    ],
)
def test_characters_xml_cannot_carry_are_refused_naming_question_and_field(
    tmp_path, escape, field, named
):
    """YAML's double-quoted escapes let such characters into a bank that looks clean."""
    target = {"stem": 'stem: "Put the phases',
              "item 2": '"resorption',
              "feedback.correct": 'correct: "Resorption comes',
              "feedback.incorrect": 'incorrect: "Resorption precedes'}[field]
    assert GOOD.count(target) == 1
    err = error_for(tmp_path, GOOD.replace(target, target + escape))
    assert err.item == "question 'remodelling-sequence'"
    assert f"{field} contains {named}, which XML exports cannot carry" in err.problem


def test_characters_xml_can_carry_are_kept(tmp_path):
    text = "tab\there\nnewline, private use \ue000, emoji 🦴, Soós, U+FFFD \ufffd"
    ok = load_bank(write(tmp_path, mutate(lambda d: d["questions"][0].update(stem=text))))
    assert ok.questions[0].stem == text


def test_non_finite_numbers(tmp_path):
    err = error_for(tmp_path, mutate(lambda d: d["questions"][2].update(answer=float("inf"))))
    assert err.item == "question 'remodelling-cycle-length'"
    assert "finite" in err.problem


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("chapter: x\nquestions: [\n", "not valid YAML"),
        ("- just\n- a list\n", "object"),
        ("chapter: x\nchapter: y\nquestions: []\n", "duplicate key 'chapter'"),
        (GOOD.replace("    difficulty: easy\n",
                      "    difficulty: easy\n    difficulty: hard\n", 1),
         "duplicate key 'difficulty'"),
    ],
)
def test_file_level_errors(tmp_path, text, needle):
    err = error_for(tmp_path, text)
    assert needle in err.problem


def test_missing_file_names_it(tmp_path):
    with pytest.raises(DataFileError, match=r"nothere\.yaml: file not found"):
        load_bank(tmp_path / "nothere.yaml")


def test_text_is_stripped_and_kept_verbatim(tmp_path):
    bank = load_bank(write(tmp_path, mutate(
        lambda d: d["questions"][0].update(stem="  <b>β-catenin</b> & Soós  \n")
    )))
    assert bank.questions[0].stem == "<b>β-catenin</b> & Soós"


def test_validate_bank_reports_unknown_objectives_and_keys(tmp_path):
    path = write(tmp_path, GOOD)
    bank = load_bank(path)
    assert validate_bank(bank, {"bmu", "cycle"}, {"soos2022effects"}) == []
    problems = validate_bank(bank, {"bmu"}, {"other2020key"})
    assert len(problems) == 2 + 4
    assert all(str(path) in p for p in problems)
    assert any("question 'remodelling-cycle-length': unknown objective 'cycle'" in p
               for p in problems)
    assert any("question 'remodelling-bmu': citation key 'soos2022effects'" in p
               for p in problems)


def test_duplicate_ids_across_banks(tmp_path):
    a = load_bank(write(tmp_path, GOOD, "a.yaml"))
    b = load_bank(write(tmp_path, GOOD.replace("chapter: remodelling", "chapter: other"),
                        "b.yaml"))
    clashes = duplicate_ids([a, b])
    assert set(clashes) == set(a.ids)
    assert clashes["remodelling-bmu"] == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
    assert duplicate_ids([a]) == {}


def test_schema_file_is_a_valid_schema_and_accepts_good_data():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(GOOD), schema)
    assert SCHEMA_PATH == REPO / "src/bonelearn/quiz/question-bank.schema.json"


def test_parse_bank_accepts_plain_dicts():
    bank = parse_bank(yaml.safe_load(GOOD), "inline")
    assert len(bank) == 4 and bank.source == "inline"


@pytest.mark.parametrize("path", sorted(REPO.glob("chapters/*/questions.yaml")))
def test_course_banks_load(path):
    bank = load_bank(path)
    assert bank.chapter == path.parent.name
