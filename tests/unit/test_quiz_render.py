"""The quiz HTML fragment: structure, accessibility hooks, escaping and determinism."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bonelearn.assets import read_asset
from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.quiz import OrderingQuestion, Quiz, load_bank
from bonelearn.quiz.render import display_order, script_json
from tests.unit.test_quiz_export import HOSTILE, NASTY, PLAIN

VOID = {"input", "br", "img", "meta", "link", "hr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def all(self):
        yield self
        for child in self.children:
            yield from child.all()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n for n in self.all()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in (n.attrs.get("class") or "").split())
        ]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def full_text(self) -> str:
        return self.text + "".join(c.full_text() for c in self.children)


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.children.append(Node("#text", {}, self.current, text=data))


def parse(fragment: str) -> Node:
    builder = TreeBuilder()
    builder.feed(fragment)
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


@pytest.fixture(scope="module")
def plain_html() -> str:
    return Quiz(PLAIN, title="Check <your> understanding")._repr_html_()


def test_one_fragment_with_container_data_css_and_one_script(plain_html):
    tree = parse(plain_html)
    top = [n.tag for n in tree.children if n.tag != "#text"]
    assert top == ["style", "div", "script"]
    (container,) = tree.find_all("div", "bl-quiz")
    assert container.attrs["data-quiz-id"] == "remodelling"
    scripts = tree.find_all("script")
    executable = [s for s in scripts if "type" not in s.attrs]
    assert len(executable) == 1 and len(scripts) == 2
    assert executable[0].full_text() == read_asset("js/quiz.js")
    assert "if (!window.bonelearnQuiz)" in executable[0].full_text()
    (data,) = container.find_all("script", "bl-quiz-data")
    assert data.attrs["type"] == "application/json"
    assert json.loads(data.full_text()) == Quiz(PLAIN, title="Check <your> understanding").data()
    assert tree.find_all("style")[0].full_text() == read_asset("css/quiz.css")


def test_stable_class_names_and_live_regions(plain_html):
    tree = parse(plain_html)
    questions = tree.find_all("li", "bl-question")
    assert [q.attrs["data-question-id"] for q in questions] == PLAIN.ids
    for q in questions:
        (feedback,) = q.find_all(cls="bl-feedback")
        assert feedback.attrs["aria-live"] == "polite"
        (check,) = q.find_all("button", "bl-check")
        assert check.attrs["type"] == "button"
        assert check.full_text().startswith("Check answer")
    (score,) = tree.find_all(cls="bl-score")
    assert score.attrs["aria-live"] == "polite"
    # The score counts first attempts and says so (the script fills in data-template).
    assert score.full_text() == f"Score: 0 of {len(PLAIN)} correct at the first attempt"
    assert score.attrs["data-template"] == "Score: {right} of {total} correct at the first attempt"
    (note,) = tree.find_all(cls="bl-score-note")
    assert "first answer" in note.full_text() and "try again" in note.full_text()
    for q in questions:
        (retry,) = q.find_all(cls="bl-retry")
        assert "hidden" in retry.attrs  # shown by the script after a wrong answer
        labels = [b.full_text() for b in retry.find_all("button")]
        assert labels[0].startswith("Try again") and labels[1].startswith("Show answer")
        assert all(b.attrs["type"] == "button" for b in retry.find_all("button"))
        (feedback,) = q.find_all(cls="bl-feedback")
        assert retry not in list(feedback.all()), "buttons outside the live region"
    title = tree.find_all("h3", "bl-quiz-title")[0].full_text()
    assert title == "Check <your> understanding"
    assert "Check &lt;your&gt; understanding" in plain_html


def test_ids_are_unique_and_every_reference_resolves(plain_html):
    tree = parse(plain_html)
    ids = [n.attrs["id"] for n in tree.all() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    for node in tree.all():
        for attr in ("for", "aria-describedby", "aria-labelledby"):
            for ref in (node.attrs.get(attr) or "").split():
                assert ref in ids, f"{attr}={ref} points nowhere"


def test_choice_questions_are_native_groups_with_legends(plain_html):
    tree = parse(plain_html)
    for qid, kind in (("remodelling-single", "radio"), ("remodelling-multiple", "checkbox")):
        (q,) = [n for n in tree.find_all("li", "bl-question") if n.attrs["data-question-id"] == qid]
        (fieldset,) = q.find_all("fieldset")
        legend = fieldset.children[0]
        assert legend.tag == "legend" and "stem" in legend.full_text()
        inputs = fieldset.find_all("input")
        assert {i.attrs["type"] for i in inputs} == {kind}
        assert len({i.attrs["name"] for i in inputs}) == 1
        labels = {n.attrs["for"]: n.full_text() for n in fieldset.find_all("label")}
        assert [labels[i.attrs["id"]] for i in inputs] == [
            o.text for o in PLAIN.get(qid).options
        ]


def test_numeric_input_is_labelled_text_with_decimal_keyboard(plain_html):
    tree = parse(plain_html)
    (q,) = [n for n in tree.find_all("li", "bl-question") if n.attrs["data-type"] == "numeric"]
    (field_,) = q.find_all("input")
    assert field_.attrs["type"] == "text" and field_.attrs["inputmode"] == "decimal"
    (label,) = [n for n in q.find_all("label") if n.attrs["for"] == field_.attrs["id"]]
    assert label.full_text() == "Your answer (in days)"
    assert q.find_all(cls="bl-units")[0].full_text() == "days"


def test_ordering_has_move_buttons_for_every_item(plain_html):
    tree = parse(plain_html)
    (q,) = [n for n in tree.find_all("li", "bl-question") if n.attrs["data-type"] == "ordering"]
    items = q.find_all("li", "bl-order-item")
    question = PLAIN.get("remodelling-ordering")
    assert isinstance(question, OrderingQuestion)
    shown = [int(i.attrs["data-item"]) for i in items]
    assert shown == display_order(question) and shown != sorted(shown)
    for position, item in enumerate(items):
        buttons = item.find_all("button")
        assert [b.full_text().strip() for b in buttons] == ["▲ Move up", "▼ Move down"]
        text = item.find_all(cls="bl-order-text")[0].full_text()
        assert buttons[0].attrs["aria-label"] == f"Move up: {text}"
        assert ("aria-disabled" in buttons[0].attrs) == (position == 0)
        assert ("aria-disabled" in buttons[1].attrs) == (position == len(items) - 1)


def test_display_order_is_deterministic_and_never_correct():
    for n in range(3, 9):
        q = OrderingQuestion(id=f"q-{n}", objective="o", difficulty="easy", cite=("k",),
                             stem="s", items=tuple(f"item {i}" for i in range(n)))
        order = display_order(q)
        assert sorted(order) == list(range(n)) and order != list(range(n))
        assert order == display_order(q)


def test_rendering_is_deterministic():
    assert Quiz(PLAIN).to_html() == Quiz(PLAIN).to_html()


def test_hostile_text_is_escaped_everywhere():
    fragment = Quiz(NASTY, title=HOSTILE)._repr_html_()
    assert "<script>alert" not in fragment
    assert "<!--" not in fragment
    assert fragment.count("</script>") == 2  # the two real closing tags
    assert fragment.count("<script") == 2
    tree = parse(fragment)
    texts = {n.full_text() for n in tree.find_all("label")}
    assert f"{HOSTILE} right" in texts  # the parser sees the original text
    (data,) = tree.find_all("script", "bl-quiz-data")
    raw = data.full_text()
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == Quiz(NASTY, title=HOSTILE).data()
    for q in NASTY.questions:
        assert html.escape(q.stem, quote=True) in fragment


def test_script_json_escapes_breakout_sequences():
    text = script_json({"a": "</script><!--&\u2028"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}'
    assert json.loads(text) == {"a": "</script><!--&\u2028"}


def test_quiz_accepts_paths_lists_and_selections(tmp_path):
    path = Path(__file__).resolve().parents[2] / "chapters/remodelling/questions.yaml"
    if path.exists():
        bank = load_bank(path)
        assert Quiz(path).data() == Quiz(bank).data()
    quiz = Quiz(PLAIN, select=["remodelling-numeric", "remodelling-single"])
    assert [q["id"] for q in quiz.data()["questions"]] == [
        "remodelling-numeric", "remodelling-single"
    ]
    listed = Quiz(list(PLAIN.questions))
    assert re.fullmatch(r"quiz-[0-9a-f]{8}", listed.quiz_id)
    assert "<h2 " in Quiz(PLAIN, heading_level=2).to_html()


@pytest.mark.parametrize(
    ("kwargs", "error", "needle"),
    [
        ({"select": ["nope"]}, UnknownItemError, "nope"),
        ({"select": []}, ParameterError, "at least one question"),
        ({"quiz_id": "Bad Id"}, ParameterError, "kebab-case"),
        ({"heading_level": 7}, ParameterError, "heading_level"),
    ],
)
def test_quiz_argument_errors(kwargs, error, needle):
    with pytest.raises(error, match=needle):
        Quiz(PLAIN, **kwargs)


def test_quiz_refuses_non_questions():
    with pytest.raises(ParameterError, match="Question objects"):
        Quiz(["not a question"])


def test_no_title_means_no_heading():
    """A chapter's quiz sits under the chapter's own heading: it must not repeat it."""
    fragment = Quiz(PLAIN, title=None).to_html()
    tree = parse(fragment)
    assert not [n for n in tree.all() if re.fullmatch(r"h[1-6]", n.tag)]
    assert Quiz(PLAIN, title=None).data()["title"] is None
    with pytest.raises(ParameterError, match="title"):
        Quiz(PLAIN, title=3)


def test_ordering_items_carry_their_position_numbers():
    order = next(q for q in PLAIN.questions if isinstance(q, OrderingQuestion))
    tree = parse(Quiz([order]).to_html())
    items = tree.find_all("li", "bl-order-item")
    positions = [i.find_all(cls="bl-order-pos")[0].full_text() for i in items]
    assert positions == [f"{n}." for n in range(1, len(order.items) + 1)]
