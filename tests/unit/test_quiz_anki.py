"""The Anki export: the .apkg is opened as what it is (a zip holding an SQLite collection)
and read with the standard library, never through genanki."""

from __future__ import annotations

import html
import io
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from bonelearn.course import Course
from bonelearn.quiz import ChoiceQuestion, Option, QuestionBank, export_banks, load_bank
from bonelearn.quiz.export import render_export
from bonelearn.quiz.export.anki import FIELDS, MODEL_ID, deck_id
from bonelearn.quiz.export.common import shuffled_order
from tests.unit.test_course_tree import course_root  # noqa: F401
from tests.unit.test_quiz_export import HOSTILE, NASTY, PLAIN, TEXT, make_bank

REPO = Path(__file__).resolve().parents[2]


def read_apkg(data: bytes) -> dict[str, Any]:
    """Notes (guid, tags, fields by name, deck name), decks and note types of a package."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert set(archive.namelist()) == {"collection.anki2", "media"}
    assert json.loads(archive.read("media")) == {}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "collection.anki2"
        db.write_bytes(archive.read("collection.anki2"))
        conn = sqlite3.connect(db)
        try:
            decks_json, models_json = conn.execute("select decks, models from col").fetchone()
            decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
            models = json.loads(models_json)
            rows = conn.execute(
                "select n.id, n.guid, n.mid, n.tags, n.flds, c.did from notes n "
                "join cards c on c.nid = n.id order by n.id"
            ).fetchall()
            (cards,) = conn.execute("select count(*) from cards").fetchone()
        finally:
            conn.close()
    notes = []
    for _, guid, mid, tags, flds, did in rows:
        values = flds.split("\x1f")
        assert len(values) == len(FIELDS)
        notes.append({"guid": guid, "model": mid, "tags": tags.split(),
                      "fields": dict(zip(FIELDS, values, strict=True)), "deck": decks[did],
                      "deck_id": did})
    return {"notes": notes, "decks": decks, "models": models, "cards": cards}


def by_id(package: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {html.unescape(n["fields"]["Id"]): n for n in package["notes"]}


def text_of(fragment: str) -> str:
    """The text a card shows for a field: tags dropped, <br> as newline, entities decoded."""
    return html.unescape(re.sub(r"<(?!br>)[^>]+>", " ", fragment).replace("<br>", "\n"))


OTHER = make_bank("Other", chapter="other")


def test_one_note_per_question_in_one_subdeck_per_chapter():
    package = read_apkg(render_export([PLAIN, OTHER], "anki"))
    assert len(package["notes"]) == package["cards"] == 8
    assert {n["deck"] for n in package["notes"]} == {"bonelearn::remodelling", "bonelearn::other"}
    for note in package["notes"]:
        chapter = note["deck"].split("::")[1]
        assert note["deck_id"] == deck_id(chapter)
        assert note["model"] == MODEL_ID
    notes = by_id(package)
    assert list(notes) == PLAIN.ids + OTHER.ids
    assert package["models"][str(MODEL_ID)]["name"] == "bonelearn question"


def test_tags_carry_chapter_objective_and_difficulty():
    notes = by_id(read_apkg(render_export([PLAIN, OTHER], "anki")))
    for bank in (PLAIN, OTHER):
        for q in bank.questions:
            assert notes[q.id]["tags"] == [
                "bonelearn", f"chapter::{bank.chapter}",
                f"objective::{bank.chapter}::{q.objective}", f"difficulty::{q.difficulty}",
            ]


def test_two_exports_give_the_same_guids_and_deck_ids():
    first = read_apkg(render_export([PLAIN, OTHER], "anki"))
    second = read_apkg(render_export([PLAIN, OTHER], "anki"))
    assert [n["guid"] for n in first["notes"]] == [n["guid"] for n in second["notes"]]
    assert first["decks"] == second["decks"]
    guids = [n["guid"] for n in first["notes"]]
    assert len(set(guids)) == len(guids)
    # A deck's id depends on its chapter only, not on the other chapters exported with it.
    alone = read_apkg(render_export([OTHER], "anki"))
    assert {n["deck_id"] for n in alone["notes"]} == {deck_id("other")}
    assert by_id(alone)["other-single"]["guid"] == by_id(first)["other-single"]["guid"]


def test_a_changed_question_keeps_its_guid():
    before = by_id(read_apkg(render_export([PLAIN], "anki")))["remodelling-single"]
    q = PLAIN.questions[0]
    assert isinstance(q, ChoiceQuestion)
    changed = replace(q, stem="A reworded stem", difficulty="hard",
                      options=(*q.options, Option("A new option", False, "Why not")))
    bank = QuestionBank(PLAIN.chapter, (changed, *PLAIN.questions[1:]))
    after = by_id(read_apkg(render_export([bank], "anki")))["remodelling-single"]
    assert after["guid"] == before["guid"]
    assert after["fields"]["Question"] != before["fields"]["Question"]
    assert "difficulty::hard" in after["tags"]
    renamed = QuestionBank(PLAIN.chapter, (replace(q, id="remodelling-other-id"),))
    assert by_id(read_apkg(render_export([renamed], "anki")))["remodelling-other-id"][
        "guid"] != before["guid"]


def test_front_and_back_of_each_question_type():
    notes = by_id(read_apkg(render_export([PLAIN], "anki")))
    single = notes["remodelling-single"]["fields"]
    assert "Choose one answer." in single["Question"]
    assert re.findall(r"<li>(.*?)</li>", single["Question"]) == [
        "Osteoclasts right", "Osteoclasts wrong", "plain"]
    assert "<ol" in single["Question"]  # numbered 1, 2, 3
    assert "Correct answer: 1" in single["Answer"]
    for feedback in ("Osteoclasts why right", "Osteoclasts why wrong", "plain feedback"):
        assert feedback in single["Explanation"]
    assert single["Sources"] == "<ul><li>k2020x</li></ul>"  # no bibliography: the key

    multiple = notes["remodelling-multiple"]["fields"]
    assert "Choose every correct answer." in multiple["Question"]
    assert "Correct answers: 1, 2" in multiple["Answer"]

    numeric = notes["remodelling-numeric"]["fields"]
    assert "Answer with a number (in days)." in numeric["Question"]
    assert "Answer: 120 ± 2.5 days (accepted: 117.5 to 122.5)" in numeric["Answer"]
    assert "Osteoclasts num right" in numeric["Explanation"]
    assert "If you got it wrong: Osteoclasts num wrong" in numeric["Explanation"]

    ordering = notes["remodelling-ordering"]["fields"]
    q = PLAIN.questions[3]
    shown = re.findall(r"<li>(.*?)</li>", ordering["Question"])
    assert shown == [q.items[i] for i in shuffled_order(q)] != list(q.items)
    letters = re.search(r"Correct order: ([A-Z, ]+)<", ordering["Answer"]).group(1).split(", ")
    assert [shown[ord(letter) - ord("A")] for letter in letters] == list(q.items)
    assert re.findall(r"<li>(.*?)</li>", ordering["Answer"]) == list(q.items)


def test_hostile_text_is_shown_literally():
    data = render_export([NASTY], "anki")
    notes = by_id(read_apkg(data))
    for note in notes.values():
        for name, value in note["fields"].items():
            assert "<script>" not in value and "[" not in value, name
    stem = notes["hostile-single"]["fields"]["Question"]
    assert text_of(stem).startswith(f" {HOSTILE} stem single\nsecond line ")
    explanation = text_of(notes["hostile-multiple"]["fields"]["Explanation"])
    assert f"{HOSTILE} fa" in explanation


def test_sources_are_short_references_from_the_course_bibliography(
    course_root: Path,  # noqa: F811
) -> None:
    bank = load_bank(course_root / "chapters" / "alpha" / "questions.yaml")
    notes = by_id(read_apkg(render_export([bank], "anki")))
    sources = notes["alpha-cells"]["fields"]["Sources"]
    assert sources.startswith("<ul><li>Smith") and "smith2020bone" not in sources


def test_the_whole_course_exports(tmp_path: Path) -> None:
    course = Course.find(REPO)
    banks = [c.bank() for c in course.select(["all"])]
    path = export_banks(banks, "anki", tmp_path)
    assert path.name.endswith(".apkg")
    package = read_apkg(path.read_bytes())
    assert len(package["notes"]) == sum(len(b) for b in banks)
    for bank in banks:
        for q in bank.questions:
            note = by_id(package)[q.id]
            assert note["deck"] == f"bonelearn::{bank.chapter}"
            assert f"chapter::{bank.chapter}" in note["tags"]
            sources = re.findall(r"<li>(.*?)</li>", note["fields"]["Sources"])
            assert len(sources) == len(q.cite)
            assert not set(q.cite) & set(sources), q.id  # every key resolved in the bib


def test_the_apkg_is_written_where_asked(tmp_path: Path) -> None:
    path = export_banks([PLAIN], "anki", tmp_path / "deck.apkg")
    assert zipfile.is_zipfile(path)
    assert [p.name for p in tmp_path.iterdir()] == ["deck.apkg"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_survives_the_anki_export(text: str) -> None:
    bank = make_bank(text, chapter="any")
    notes = by_id(read_apkg(render_export([bank], "anki")))
    assert list(notes) == bank.ids
    single = notes["any-single"]["fields"]
    assert f"{text} stem single\nsecond line" in text_of(single["Question"])
    options = [text_of(o) for o in re.findall(r"<li>(.*?)</li>", single["Question"], re.S)]
    assert options == [f"{text} right", f"{text} wrong", "plain"]
    ordering = notes["any-ordering"]["fields"]
    items = [text_of(o) for o in re.findall(r"<li>(.*?)</li>", ordering["Answer"], re.S)]
    assert items == list(bank.questions[3].items)
