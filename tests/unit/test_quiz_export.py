"""LMS exports: every format is parsed back and compared with the bank.

Moodle XML is read with an XML parser, GIFT with a small reader that follows Moodle's own
GIFT importer (question/format/gift/format.php), the QTI zip is unzipped and its XML
parsed, and JSON is loaded back through ``parse_bank``. A hostile bank (markup, GIFT
control characters, backslashes, quotes, non-ASCII, emoji, newlines) must survive all.
"""

from __future__ import annotations

import html
import io
import json
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.quiz import (
    EXPORT_FORMATS,
    ChoiceQuestion,
    ExportWarning,
    Feedback,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Question,
    QuestionBank,
    export_banks,
    parse_bank,
)
from bonelearn.quiz.bank import unsafe_characters
from bonelearn.quiz.export import render_export
from bonelearn.quiz.export.gift import gift_escape

# Exports that drop something warn (ExportWarning); tests that check a warning use
# pytest.warns, which sees it despite this filter.
pytestmark = pytest.mark.filterwarnings("ignore::bonelearn.quiz.ExportWarning")

HOSTILE = (
    '<script>alert(1)</script> </script> <!-- --> &amp; &lt; ~ = # { } : \\ \\n C:\\new '
    "\"double\" 'single' `tick` $x$ *star* _u_ [l](u) -> 1. -- ... % β-catenin Soós 🦴"
)


def common(qid: str, stem: str) -> dict[str, Any]:
    return {"id": qid, "objective": "bmu", "difficulty": "easy", "cite": ("k2020x",),
            "stem": stem}


def make_bank(text: str, chapter: str = "remodelling", answer: float = 120.0) -> QuestionBank:
    """One question of each type (two multiple-choice kinds); ``text`` seeds every string."""
    return QuestionBank(
        chapter=chapter,
        questions=(
            ChoiceQuestion(
                **common(f"{chapter}-single", f"{text} stem single\nsecond line"),
                options=(
                    Option(f"{text} right", True, f"{text} why right"),
                    Option(f"{text} wrong", False, f"{text} why wrong"),
                    Option("plain", False, "plain feedback"),
                ),
            ),
            ChoiceQuestion(
                **common(f"{chapter}-multiple", f"{text} stem multiple"),
                options=(
                    Option(f"{text} a", True, f"{text} fa"),
                    Option(f"{text} b", True, f"{text} fb"),
                    Option(f"{text} c", False, f"{text} fc"),
                ),
                multiple=True,
            ),
            NumericQuestion(
                **common(f"{chapter}-numeric", f"{text} stem numeric"),
                answer=answer, tolerance=2.5, units="days",
                feedback=Feedback(f"{text} num right", f"{text} num wrong"),
            ),
            OrderingQuestion(
                **common(f"{chapter}-ordering", f"{text} stem ordering"),
                items=(f"{text} first", f"{text} second", f"{text} third"),
                feedback=Feedback(f"{text} order right", f"{text} order wrong"),
            ),
        ),
    )


PLAIN = make_bank("Osteoclasts")
NASTY = make_bank(HOSTILE, chapter="hostile")


# ---------------------------------------------------------------- normal form
def expected(q: Question) -> dict[str, Any]:
    """What every export must carry for a question."""
    out: dict[str, Any] = {"id": q.id, "type": q.type, "stem": q.stem}
    if isinstance(q, ChoiceQuestion):
        out["options"] = [(o.text, o.correct, o.feedback) for o in q.options]
    elif isinstance(q, NumericQuestion):
        out.update(answer=q.answer, tolerance=q.tolerance)
        out["feedback"] = (q.feedback.correct, q.feedback.incorrect)
    elif isinstance(q, OrderingQuestion):
        out["items"] = list(q.items)
        out["feedback"] = (q.feedback.correct, q.feedback.incorrect)
    return out


def html_to_plain(fragment: str) -> str:
    """Undo ``plain_to_html``; fails if any real tag other than <br> survived."""
    body = fragment.replace("<br>", "\n").replace("<br />", "\n")
    assert "<" not in body and ">" not in body, f"unescaped markup in {fragment!r}"
    return html.unescape(body)


# ---------------------------------------------------------------- Moodle XML
def parse_moodle(text: str) -> tuple[list[str], list[dict[str, Any]]]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    categories, questions = [], []
    for node in root.findall("question"):
        kind = node.get("type")
        if kind == "category":
            categories.append(node.findtext("category/text"))
            continue

        def rich(path: str, where: ET.Element = node) -> str:
            element = where.find(path)
            assert element is not None and element.get("format") == "html", path
            return html_to_plain(element.findtext("text") or "")

        q: dict[str, Any] = {"id": node.findtext("name/text"), "stem": rich("questiontext")}
        assert node.findtext("idnumber") == q["id"]
        if kind == "multichoice":
            q["type"] = "single" if node.findtext("single") == "true" else "multiple"
            answers = node.findall("answer")
            q["options"] = [
                (html_to_plain(a.findtext("text")), float(a.get("fraction")) > 0,
                 rich("feedback", a))
                for a in answers
            ]
            fractions = [float(a.get("fraction")) for a in answers]
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
        elif kind == "numerical":
            q["type"] = "numeric"
            right, other = node.findall("answer")
            assert float(right.get("fraction")) == 100 and other.findtext("text") == "*"
            q.update(answer=float(right.findtext("text")),
                     tolerance=float(right.findtext("tolerance")))
            q["feedback"] = (rich("feedback", right), rich("feedback", other))
            q["units"] = node.findtext("units/unit/unit_name")
        elif kind == "ordering":
            q["type"] = "ordering"
            answers = node.findall("answer")
            fractions = [float(a.get("fraction")) for a in answers]
            assert fractions == sorted(fractions)
            q["items"] = [html_to_plain(a.findtext("text")) for a in answers]
            q["feedback"] = (rich("correctfeedback"), rich("incorrectfeedback"))
            assert node.findtext("selecttype") == "ALL"
        else:
            raise AssertionError(f"unexpected Moodle type {kind}")
        questions.append(q)
    return categories, questions


# ---------------------------------------------------------------- GIFT (Moodle's reader)
_CONTROL = ":#={}~"
_HOLD = {c: f"\x00{ord(c)}\x00" for c in _CONTROL} | {"n": "\x00nl\x00"}


def _gift_pre(text: str) -> str:
    text = text.replace("\\\\", "\x01")
    for char, hold in _HOLD.items():
        text = text.replace("\\" + char, hold)
    return text.replace("\x01", "\\")


def _gift_post(text: str) -> str:
    for char, hold in _HOLD.items():
        text = text.replace(hold, "\n" if char == "n" else char)
    return text


def _gift_text(raw: str) -> str:
    raw = raw.strip()
    assert raw.startswith("[html]"), raw
    return html_to_plain(_gift_post(raw[len("[html]"):]).strip())


def _gift_comment(answer: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return _gift_text(text), _gift_text(feedback)


def gift_idnumber_and_tags(comments: str) -> tuple[str | None, list[str]]:
    r"""Moodle's ``extract_idnumber_and_tags_from_comment`` (question/format.php) in Python:
    ``[id:…]`` and ``[tag:…]`` tokens, ``\]`` standing for ``]``, no control characters."""
    match = re.search(r"\[id:((?:\\]|[^\]\x00-\x1f\x7f])+)]", comments)
    idnumber = match.group(1).strip().replace("\\]", "]") if match else None
    tags = [t.strip().replace("\\]", "]")
            for t in re.findall(r"\[tag:((?:\\]|[^\]<>`\x00-\x1f\x7f])+)]", comments)]
    return idnumber, tags


def parse_gift(text: str) -> tuple[list[str], list[dict[str, Any]]]:
    categories, questions = [], []
    blocks = re.split(r"\n[ \t]*\n", text)
    for block in blocks:
        comments = "".join(line.strip() + "\n" for line in block.split("\n")
                           if line.strip().startswith("//"))
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        body = "\n".join(lines).strip()
        if not body:
            continue
        body = _gift_pre(body)
        if body.startswith("$CATEGORY:"):
            categories.append(body[len("$CATEGORY:"):].strip())
            continue
        assert body.startswith("::")
        name, _, body = body[2:].partition("::")
        start, finish = body.index("{"), body.index("}")
        assert body.endswith("}") and finish == len(body) - 1
        answers = body[start + 1:finish].strip()
        q: dict[str, Any] = {"id": _gift_post(name), "stem": _gift_text(body[:start])}
        idnumber, tags = gift_idnumber_and_tags(comments)
        assert idnumber == q["id"], comments
        q["tags"] = tags
        general = ""
        if "####" in answers:
            cut = answers.rindex("####")
            answers, general = answers[:cut], answers[cut + 4:]
        if answers.startswith("#"):
            q["type"] = "numeric"
            answers = answers[1:]
            right, wrong = answers[: answers.index("~")], answers[answers.index("~"):]
            parts = [p.strip() for p in right.split("=") if p.strip()]
            assert len(parts) == 1
            weight = re.match(r"^%(-?\d+(?:\.\d+)?)%", parts[0])
            assert weight and float(weight.group(1)) == 100
            value, _, feedback = parts[0][weight.end():].partition("#")
            answer, _, tolerance = value.partition(":")
            q.update(answer=float(answer), tolerance=float(tolerance))
            q["feedback"] = (_gift_text(feedback), _gift_text(wrong.partition("#")[2]))
        elif "~" in answers:
            single = "=" in answers
            q["type"] = "single" if single else "multiple"
            options = []
            for part in answers.replace("=", "~=").split("~"):
                part = part.strip()
                if not part:
                    continue
                if part.startswith("="):
                    weight, part = 100.0, part[1:]
                else:
                    match = re.match(r"^%(-?\d+(?:\.\d+)?)%", part)
                    weight = float(match.group(1)) if match else 0.0
                    part = part[match.end():] if match else part
                option_text, feedback = _gift_comment(part)
                options.append((option_text, weight > 0, feedback))
            q["options"] = options
        elif "=" in answers and "->" in answers:
            q["type"] = "ordering"
            pairs = [p.strip() for p in answers.split("=") if p.strip()]
            items = {}
            for pair in pairs:
                left, _, right = pair.partition("->")
                items[_gift_post(right).strip()] = _gift_text(left)
            q["items"] = [items[f"Position {n}"] for n in range(1, len(items) + 1)]
            q["listed"] = list(items.values())
            assert general.startswith("[html]")
            paragraphs = re.fullmatch(r"<p>(.*)</p><p>(.*)</p>", _gift_post(general[6:]), re.S)
            assert paragraphs, general
            q["feedback"] = tuple(html_to_plain(p) for p in paragraphs.groups())
        else:
            raise AssertionError(f"unexpected GIFT answers {answers!r}")
        questions.append(q)
    return categories, questions


# ---------------------------------------------------------------- QTI (text2qti zip)
NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}


def _qti_html(fragment: str | None) -> str:
    fragment = (fragment or "").strip()
    assert fragment.startswith("<p>") and fragment.endswith("</p>"), fragment
    return html_to_plain(fragment[3:-4])


def parse_qti(data: bytes) -> tuple[str, list[dict[str, Any]]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert "imsmanifest.xml" in names
    ET.fromstring(archive.read("imsmanifest.xml"))
    (meta,) = [n for n in names if n.endswith("/assessment_meta.xml")]
    description = ET.fromstring(archive.read(meta)).findtext(
        "{http://canvas.instructure.com/xsd/cccv1p0}description"
    )
    (main,) = [n for n in names if n.endswith(".xml") and n not in ("imsmanifest.xml", meta)]
    root = ET.fromstring(archive.read(main))
    questions = []
    for item in root.iterfind(".//q:item", NS):
        fields = {
            f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in item.iterfind(".//q:qtimetadatafield", NS)
        }
        feedback = {
            fb.get("ident"): _qti_html(fb.findtext(".//q:mattext", namespaces=NS))
            for fb in item.iterfind("q:itemfeedback", NS)
        }
        q: dict[str, Any] = {
            "id": item.get("title"),
            "stem": _qti_html(item.findtext("q:presentation/q:material/q:mattext", namespaces=NS)),
        }
        kind = fields["question_type"]
        if kind in ("multiple_choice_question", "multiple_answers_question"):
            q["type"] = "single" if kind == "multiple_choice_question" else "multiple"
            scoring = [
                c for c in item.iterfind(".//q:respcondition", NS)
                if c.findtext("q:setvar", namespaces=NS) == "100"
            ]
            (score,) = scoring
            right = {v.text for v in score.iterfind("q:conditionvar/q:varequal", NS)}
            right |= {v.text for v in score.iterfind("q:conditionvar/q:and/q:varequal", NS)}
            q["options"] = [
                (_qti_html(label.findtext(".//q:mattext", namespaces=NS)),
                 label.get("ident") in right, feedback[label.get("ident") + "_fb"])
                for label in item.iterfind(".//q:response_label", NS)
            ]
        elif kind == "numerical_question":
            q["type"] = "numeric"
            low = float(item.findtext(".//q:vargte", namespaces=NS))
            high = float(item.findtext(".//q:varlte", namespaces=NS))
            exact = float(item.findtext(".//q:or/q:varequal", namespaces=NS))
            q.update(answer=exact, tolerance=(high - low) / 2)
            assert exact - low == pytest.approx(high - exact)
            q["feedback"] = (feedback["correct_fb"], feedback["general_incorrect_fb"])
        else:
            raise AssertionError(f"unexpected QTI type {kind}")
        questions.append(q)
    return description or "", questions


# ---------------------------------------------------------------- the round trips
@pytest.mark.parametrize("bank", [PLAIN, NASTY], ids=["plain", "hostile"])
def test_moodle_round_trip(bank):
    categories, questions = parse_moodle(render_export([bank], "moodle"))
    assert categories == [f"$course$/top/bonelearn/{bank.chapter}"]
    units = [q.pop("units") for q in questions if q["type"] == "numeric"]
    assert units == ["days"]
    assert questions == [expected(q) for q in bank.questions]


@pytest.mark.parametrize("bank", [PLAIN, NASTY], ids=["plain", "hostile"])
def test_gift_round_trip(bank):
    with pytest.warns(ExportWarning, match=f"GIFT has no units; .*: {bank.chapter}-numeric"):
        text = render_export([bank], "gift")
    assert "// units: days\n" in text
    categories, questions = parse_gift(text)
    assert categories == [f"$course$/top/bonelearn/{bank.chapter}"]
    for q, source in zip(questions, bank.questions, strict=True):
        assert q.pop("tags") == [f"objective:{source.objective}",
                                 f"difficulty:{source.difficulty}", "bonelearn"]
        q.pop("listed", None)
    assert questions == [expected(q) for q in bank.questions]


@pytest.mark.parametrize("bank", [PLAIN, NASTY], ids=["plain", "hostile"])
def test_qti_round_trip_skips_ordering_with_a_warning(bank):
    with pytest.warns(ExportWarning, match=f"{bank.chapter}-ordering: text2qti 0.8.0 has no"):
        data = render_export([bank], "qti")
    description, questions = parse_qti(data)
    assert f"{bank.chapter}-ordering" in html.unescape(re.sub("<[^>]+>", "", description))
    assert questions == [expected(q) for q in bank.questions if q.type != "ordering"]


@pytest.mark.parametrize("bank", [PLAIN, NASTY], ids=["plain", "hostile"])
def test_json_round_trip(bank):
    doc = json.loads(render_export([bank], "json"))
    assert doc["format"] == "bonelearn-question-banks" and doc["version"] == 1
    (data,) = doc["banks"]
    assert parse_bank(data, "x").questions == bank.questions


def test_several_banks_in_one_file():
    other = make_bank("Other", chapter="other")
    categories, questions = parse_moodle(render_export([PLAIN, other], "moodle"))
    assert categories == ["$course$/top/bonelearn/remodelling", "$course$/top/bonelearn/other"]
    assert [q["id"] for q in questions] == PLAIN.ids + other.ids
    categories, questions = parse_gift(render_export([PLAIN, other], "gift"))
    assert len(categories) == 2 and len(questions) == 8


def test_hostile_text_never_appears_raw_in_markup_formats():
    for fmt in ("moodle", "gift"):
        text = render_export([NASTY], fmt)
        assert "<script>" not in text and "</script>" not in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        data = render_export([NASTY], "qti")
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith(".xml"):
            assert b"<script>" not in archive.read(name)


# ---------------------------------------------------------------- details
def test_gift_escape_is_exact():
    assert gift_escape("a\\b~c=d#e{f}g:h") == "a\\\\b\\~c\\=d\\#e\\{f\\}g\\:h"


def test_moodle_multiple_answer_fractions():
    root = ET.fromstring(render_export([PLAIN], "moodle"))
    (multi,) = [
        q for q in root.findall("question") if q.findtext("name/text") == "remodelling-multiple"
    ]
    assert [a.get("fraction") for a in multi.findall("answer")] == ["50", "50", "-100"]


def test_qti_skips_numeric_ranges_ending_at_zero():
    bank = make_bank("Zero", answer=2.5)  # tolerance 2.5: the range starts at 0
    with pytest.warns(ExportWarning, match="remodelling-numeric: text2qti refuses"):
        _, questions = parse_qti(render_export([bank], "qti"))
    assert [q["type"] for q in questions] == ["single", "multiple"]
    across = make_bank("Across", answer=0.0)  # -2.5 .. 2.5 is fine for text2qti
    _, questions = parse_qti(render_export([across], "qti"))
    assert questions[2] == expected(across.questions[2])


def test_qti_with_nothing_exportable_is_an_error():
    only_ordering = QuestionBank("x", (PLAIN.questions[3],))
    with pytest.warns(ExportWarning), pytest.raises(ParameterError, match="no question"):
        render_export([only_ordering], "qti")


def test_unknown_format_lists_the_known_ones(tmp_path):
    with pytest.raises(UnknownItemError) as info:
        export_banks([PLAIN], "docx", tmp_path / "x.docx")
    for fmt in ("anki", "gift", "json", "moodle", "qti"):
        assert fmt in str(info.value)
    assert set(EXPORT_FORMATS) == {"moodle", "gift", "qti", "json", "anki"}


def test_duplicate_ids_across_banks_are_refused(tmp_path):
    with pytest.raises(ParameterError, match="remodelling-single"):
        export_banks([PLAIN, PLAIN], "json", tmp_path / "x.json")


def test_nothing_to_export(tmp_path):
    with pytest.raises(ParameterError, match="nothing to export"):
        export_banks([], "json", tmp_path / "x.json")


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_export_banks_writes_files(tmp_path, fmt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        path = export_banks([PLAIN], fmt, tmp_path / "deep" / f"quiz-{fmt}")
        assert path == tmp_path / "deep" / f"quiz-{fmt}" and path.stat().st_size > 100
        folder = export_banks([PLAIN], fmt, tmp_path)
    assert folder.parent == tmp_path
    assert folder.name == f"bonelearn-remodelling{EXPORT_FORMATS[fmt][1]}"


# ---------------------------------------------------------------- any text survives
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("~=#{}:\\<>&\"'%$*_`[]()!-.\n\t ")),
        st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")).filter(
            lambda c: not unsafe_characters(c)  # non-characters: refused before export
        ),
    ),
    min_size=1,
    max_size=40,
).map(lambda t: " ".join(t.split(" "))).filter(lambda t: t.strip() == t and t)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_any_text_survives_every_format(text):
    bank = make_bank(text, chapter="any")
    moodle = parse_moodle(render_export([bank], "moodle"))[1]
    assert [q.pop("units", "days") for q in moodle] == ["days"] * 4
    assert moodle == [expected(q) for q in bank]
    gift = parse_gift(render_export([bank], "gift"))[1]
    for q in gift:
        del q["tags"]
        q.pop("listed", None)
    assert gift == [expected(q) for q in bank]
    (data,) = json.loads(render_export([bank], "json"))["banks"]
    assert parse_bank(data).questions == bank.questions
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExportWarning)
        _, questions = parse_qti(render_export([bank], "qti"))
    assert questions == [expected(q) for q in bank if q.type != "ordering"]


# ---------------------------------------------------------------- text XML cannot carry
UNSAFE = [
    ("\ufffe", "non-character(s) U+FFFE"),
    ("\uffff", "non-character(s) U+FFFF"),
    ("\ufdd0", "non-character(s) U+FDD0"),
    ("\U0010ffff", "non-character(s) U+10FFFF"),
    ("\ud800", "lone surrogate(s) U+D800"),
    ("\x0b", "control character(s) U+000B"),
]


def _with_stem(bank: QuestionBank, stem: str) -> QuestionBank:
    first = bank.questions[0]
    changed = ChoiceQuestion(**{**common(first.id, stem), "objective": first.objective},
                             options=first.options)
    return QuestionBank(bank.chapter, (changed, *bank.questions[1:]), source=bank.source)


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
@pytest.mark.parametrize(("char", "named"), UNSAFE, ids=[u[1].split()[-1] for u in UNSAFE])
def test_text_xml_cannot_carry_is_refused_before_anything_is_written(tmp_path, fmt, char, named):
    bank = _with_stem(PLAIN, f"bad {char} stem")
    target = tmp_path / "quiz.out"
    with pytest.raises(ParameterError) as info:
        export_banks([bank], fmt, target)
    message = str(info.value)
    assert "question 'remodelling-single'" in message and f"stem contains the {named}" in message
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- atomic writes
@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, fmt):
    target = tmp_path / "quiz.out"
    target.write_text("the previous export")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bonelearn.datafiles.os.fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export_banks([PLAIN], fmt, target)
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["quiz.out"]


def test_a_failure_while_encoding_leaves_no_file(tmp_path):
    from bonelearn.datafiles import write_atomic

    target = tmp_path / "new.xml"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "half written \ud800")
    assert list(tmp_path.iterdir()) == []
    write_atomic(target, "whole")
    assert target.read_text() == "whole" and oct(target.stat().st_mode)[-3:] != "600"


def test_a_failed_rename_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "quiz.json"
    target.write_text("old")

    def refuse(*_args: object) -> None:
        raise PermissionError("rename refused")

    monkeypatch.setattr("bonelearn.datafiles.os.replace", refuse)
    with pytest.raises(PermissionError):
        export_banks([PLAIN], "json", target)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["quiz.json"]


# ---------------------------------------------------------------- GIFT details
def test_gift_writes_the_id_and_tags_comment_that_moodle_reads():
    text = render_export([PLAIN], "gift")
    assert ("// [id:remodelling-single] [tag:objective:bmu] [tag:difficulty:easy] "
            "[tag:bonelearn]\n::remodelling-single::") in text
    blocks = [b for b in text.split("\n\n") if "::remodelling-" in b]
    assert [gift_idnumber_and_tags(b) for b in blocks] == [
        (q.id, ["objective:bmu", "difficulty:easy", "bonelearn"]) for q in PLAIN.questions
    ]


def _ordering(qid: str, n: int) -> OrderingQuestion:
    return OrderingQuestion(**common(qid, "Order them"), items=tuple(f"step {i}" for i in range(n)),
                            feedback=Feedback("yes", "no"))


def test_gift_lists_ordering_items_in_a_fixed_shuffled_order():
    from bonelearn.quiz.export.common import shuffled_order

    for n in range(2, 9):
        for k in range(20):
            q = _ordering(f"order-{n}-{k}", n)
            order = shuffled_order(q)
            assert sorted(order) == list(range(n)) and order != list(range(n))
            assert shuffled_order(q) == order  # derived from the id alone
            (parsed,) = parse_gift(render_export([QuestionBank("x", (q,))], "gift"))[1]
            assert parsed["items"] == list(q.items)  # the answer is still right
            assert parsed["listed"] == [q.items[i] for i in order]
    assert shuffled_order(_ordering("one", 1)) == [0]
    # Different ids give different orders (not one fixed permutation for everything).
    orders = {tuple(shuffled_order(_ordering(f"q{k}", 5))) for k in range(30)}
    assert len(orders) > 5


# ---------------------------------------------------------------- units
def test_moodle_units_are_written_without_spaces():
    bank = QuestionBank("x", (NumericQuestion(
        **common("x-rate", "Rate of loss, in % per year?"), answer=2.0, tolerance=0.5,
        units="% per  year", feedback=Feedback("ok", "no")),))
    (q,) = parse_moodle(render_export([bank], "moodle"))[1]
    assert q["units"] == "%peryear"
    with pytest.warns(ExportWarning, match="x-rate"):
        assert "// units: % per  year\n" in render_export([bank], "gift")


# ---------------------------------------------------------------- QTI rounding
@pytest.mark.parametrize(
    ("answer", "tolerance", "skipped"),
    [(1.00004, 0.00001, True), (3.14159, 0.001, True), (0.12345, 0.00005, True),
     (1.1, 0.1, False), (1.5, 0.25, False), (120.0, 2.5, False), (212.0, 2.0, False)],
)
def test_qti_skips_numeric_questions_that_text2qti_would_round(answer, tolerance, skipped):
    bank = make_bank("Round", answer=answer)
    numeric = NumericQuestion(**common("remodelling-numeric", "stem"), answer=answer,
                              tolerance=tolerance, feedback=Feedback("yes", "no"))
    bank = QuestionBank("remodelling", (bank.questions[0], numeric))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, questions = parse_qti(render_export([bank], "qti"))
    rounded = [w for w in caught if "round" in str(w.message)]
    if skipped:
        assert [q["type"] for q in questions] == ["single"]
        assert "remodelling-numeric: text2qti would round" in str(rounded[0].message)
    else:
        assert not rounded
        assert questions[1]["answer"] == answer
        assert questions[1]["tolerance"] == pytest.approx(tolerance)
