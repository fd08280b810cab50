"""The static front ends of the widgets in Chromium: they must agree with Python.

Each widget's ``text/html`` is loaded with ``page.set_content`` (no server, no kernel).
The ``check_*`` helpers take a page and the CSS selector of one widget's root element, so
the same checks run on a built book page: see ``test_gallery_page_in_built_book``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bonelearn.models.scenarios import simulate_scenario
from bonelearn.pathways import load_knowledge_base
from bonelearn.widgets import pathway_explorer, remodelling_simulator
from bonelearn.widgets.bench import browser_update_ms
from bonelearn.widgets.diagram import MARKS, node_aria
from bonelearn.widgets.explorer import PathwayExplorer
from tests.browser.conftest import BOOK, JUPYTERLAB_LIKE

pytestmark = pytest.mark.browser

KB = load_knowledge_base()
DRUGS = [d.id for d in KB.drugs]
# JS integrates with fixed-step RK4 (0.25 day); Python with an adaptive solver. Curves in
# % of the healthy level agree to within this many percentage points (worst measured: 0.05,
# denosumab, whose large OPG input makes the system stiff).
SIM_TOLERANCE = 0.2


SET_RANGE = ("(el, v) => { el.value = String(v); "
             "el.dispatchEvent(new Event('input', {bubbles: true})); }")


def document(*fragments: str) -> str:
    body = "".join(f"<section>{f}</section>" for f in fragments)
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widgets</title>'
            f"</head><body><main>{body}</main></body></html>")


def widget_page(page: Any, widget: Any) -> Iterator[Any]:
    """Fixture body: ``page`` showing ``widget`` alone, mounted, with ``page.root`` its
    selector; afterwards, no script error was logged. Use as ``yield from``."""
    page.set_content(document(widget.html()))
    page.wait_for_selector(f"#{widget.uid}[data-bl-mounted]", state="attached")
    page.root = f"#{widget.uid}"
    yield page
    assert page.log.page_errors == [] and page.log.console_errors == []


def phone_page(browser: Any, widget: Any, scheme: str) -> tuple[Any, Any, str]:
    """A 390 px touch screen in ``scheme`` (light or dark) showing ``widget`` mounted:
    the context (close it afterwards), the page and the widget's selector."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  color_scheme=scheme)
    page = context.new_page()
    page.set_content(document(widget.html()))
    if scheme == "dark":
        page.evaluate("document.documentElement.dataset.theme = 'dark'")
    root = f"#{widget.uid}"
    page.wait_for_selector(f"{root}[data-bl-mounted]", state="attached")
    return context, page, root


def axe_violations(page: Any, root: str) -> list[str]:
    """axe-core's violations inside ``root`` (``id: targets`` each); axe is added to the
    page the first time."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        "async sel => (await axe.run(sel, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))", root)


# -- helpers shared with book-page checks ---------------------------------------------------
def set_explorer(page: Any, root: str, drugs: list[str], inflammation: float) -> None:
    """Tick exactly ``drugs`` (by clicking, as a user would) and set the slider."""
    for box in page.locator(f"{root} input[type=checkbox][name=drug]").all():
        if box.is_checked() != (box.get_attribute("value") in drugs):
            box.click()
    page.eval_on_selector(
        f"{root} input[type=range][name=inflammation]",
        SET_RANGE,
        inflammation)


def explorer_dom(page: Any, root: str) -> dict[str, Any]:
    """What the page shows: node classes, marks and labels, table rows and summary."""
    return page.eval_on_selector(root, """root => ({
      nodes: Object.fromEntries([...root.querySelectorAll('g[data-node]')].map(g => [
        g.dataset.node, {cls: g.getAttribute('class').split(' '),
                         mark: g.querySelector('.bl-mark').textContent,
                         aria: g.getAttribute('aria-label')}])),
      rows: [...root.querySelectorAll('.bl-table tbody tr')].map(
        tr => [...tr.children].map(c => c.textContent)),
      summary: root.querySelector('.bl-summary').textContent,
      silenced: [...root.querySelectorAll('g[data-edge].bl-silenced')].map(g => g.dataset.edge)
    })""")


def check_explorer_matches_python(page: Any, root: str, view: str, drugs: list[str],
                                  inflammation: float) -> None:
    """Set the controls in the page and compare everything shown with Python's result."""
    set_explorer(page, root, drugs, inflammation)
    shown = explorer_dom(page, root)
    expected = PathwayExplorer(view, drugs, inflammation)
    for nid, dom in shown["nodes"].items():
        state = expected.states[nid]
        assert f"bl-{state['direction']}" in dom["cls"], (drugs, nid)
        assert ("bl-blocked" in dom["cls"]) == state["blocked"], (drugs, nid)
        assert dom["mark"] == MARKS[state["direction"]], (drugs, nid)
        assert dom["aria"] == node_aria(expected.labels[nid], state), (drugs, nid)
    assert [tuple(r) for r in shown["rows"]] == expected.table_rows(), drugs
    assert shown["summary"] == expected.summary(), drugs
    blocked = {n for n, s in expected.states.items() if s["blocked"]}
    assert sorted(shown["silenced"]) == sorted(e["id"] for e in expected.view_edges
                                               if e["source"] in blocked)


def set_simulator(page: Any, root: str, inflammation: float, drug: str | None, start: int,
                  duration: int) -> None:
    page.select_option(f"{root} select[name=drug]", drug or "none")
    for name, value in (("inflammation", inflammation), ("start", start),
                        ("duration", duration)):
        page.eval_on_selector(
            f"{root} input[type=range][name={name}]",
            SET_RANGE,
            value)


def check_simulator_matches_python(page: Any, root: str, inflammation: float, drug: str | None,
                                   start: int, duration: int, t_end: float = 1095) -> None:
    """Set the controls and compare the redrawn curves and summary with Python's model."""
    set_simulator(page, root, inflammation, drug, start, duration)
    state = page.eval_on_selector(root, "root => root._blState")
    result = simulate_scenario(inflammation, drug, start, duration, t_end, len(state["t"]))
    for key in ("C", "B", "V"):
        for course in ("treated", "untreated"):
            py = 100 * getattr(result, course)[key] / result.baseline[key]
            js = state["series"][key][course]
            worst = max(abs(a - b) for a, b in zip(py, js, strict=True))
            assert worst < SIM_TOLERANCE, (key, course, drug, worst)
    expected = remodelling_simulator(inflammation, drug, start, duration, t_end)
    shown = page.locator(f"{root} .bl-summary").text_content()
    assert shown == expected.summary()
    # the drawn polylines are those Python draws for the same state (to 1 px)
    for key in ("C", "V"):
        js_points = page.get_attribute(f"{root} svg[data-panel={key}] polyline.bl-treated",
                                       "points")
        page_py = expected.plots_html()
        marker = f'data-panel="{key}"'
        block = page_py[page_py.index(marker):]
        py_points = block.split('class="bl-curve bl-treated" points="')[1].split('"')[0]
        pairs = zip(js_points.split(), py_points.split(), strict=True)
        for a, b in pairs:
            (xa, ya), (xb, yb) = (map(float, a.split(",")), map(float, b.split(",")))
            assert abs(xa - xb) < 0.2 and abs(ya - yb) < 1.0, (key, a, b)


# -- tests on pages made from the widgets' own HTML ----------------------------------------
@pytest.fixture
def explorer_page(page):
    widget = pathway_explorer(view="all", drugs=[], inflammation=0.7)
    yield from widget_page(page, widget)


@pytest.mark.parametrize("drug", DRUGS)
def test_each_drug_changes_diagram_and_table_as_python_predicts(explorer_page, drug):
    before = explorer_dom(explorer_page, explorer_page.root)
    check_explorer_matches_python(explorer_page, explorer_page.root, "all", [drug], 0.7)
    after = explorer_dom(explorer_page, explorer_page.root)
    assert after["rows"] != before["rows"]  # the drug visibly changed something


def test_drug_combinations_and_slider(explorer_page):
    root = explorer_page.root
    check_explorer_matches_python(explorer_page, root, "all", ["tnf_inhibitor", "denosumab"], 0.7)
    check_explorer_matches_python(explorer_page, root, "all", ["jak_inhibitor"], 0.35)
    check_explorer_matches_python(explorer_page, root, "all", [], 0.0)
    assert explorer_page.locator(f"{root} output").text_content() == "0.00"


@pytest.mark.parametrize("view", ["rankl_opg", "wnt", "il23_il17", "jak_stat"])
def test_named_views_on_one_page(page, view):
    widgets = [pathway_explorer(view=view), pathway_explorer(view="rankl_opg")]
    page.set_content(document(*(w.html() for w in widgets)))
    for w in widgets:
        page.wait_for_selector(f"#{w.uid}[data-bl-mounted]", state="attached")
    check_explorer_matches_python(page, f"#{widgets[0].uid}", view, ["il17_inhibitor"], 0.8)
    # the second copy on the page is independent and mounted once
    untouched = explorer_dom(page, f"#{widgets[1].uid}")
    assert untouched["summary"].startswith("Drugs: none")
    assert page.evaluate("Object.keys(window.bonelearn._assets).sort()") == [
        "js/mount.js", "js/pathway-explorer.js", "js/propagate.js"]
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_keyboard_selects_a_node_and_shows_its_description(explorer_page):
    root = explorer_page.root
    explorer_page.focus(f"{root} g[data-node=rankl]")
    explorer_page.keyboard.press("Enter")
    details = explorer_page.locator(f"{root} .bl-details")
    assert "RANKL" in details.text_content()
    assert KB.node("rankl").description.split()[0] in details.text_content()
    assert explorer_page.get_attribute(f"{root} g[data-node=rankl]", "aria-selected") == "true"
    stroke = explorer_page.eval_on_selector(f"{root} g[data-node=rankl] .bl-box",
                                            "r => getComputedStyle(r).stroke")
    assert stroke == "rgb(26, 26, 26)"  # the text colour, not the state colour
    explorer_page.keyboard.press("ArrowRight")  # the arrow keys move inside the diagram
    explorer_page.keyboard.press("Space")
    focused = explorer_page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and focused.split(":")[0].split(" ")[0] in details.text_content()


def test_mouse_selects_an_edge(explorer_page):
    root = explorer_page.root
    edge = next(e for e in KB.edges if e.source == "rankl" and e.target == "rank")
    x, y = explorer_page.eval_on_selector(
        f"{root} g[data-edge='{edge.id}']", """g => {
          const [px, py] = g.dataset.pick.split(',').map(Number);
          const p = g.ownerSVGElement.createSVGPoint(); p.x = px; p.y = py;
          const s = p.matrixTransform(g.ownerSVGElement.getScreenCTM());
          return [s.x, s.y]; }""")
    explorer_page.mouse.click(x, y)
    assert "RANKL activates RANK" in explorer_page.locator(f"{root} .bl-details").text_content()


def test_controls_are_keyboard_operable_and_focus_is_visible(explorer_page):
    root = explorer_page.root
    slider = f"{root} input[type=range]"
    explorer_page.focus(slider)
    explorer_page.keyboard.press("ArrowRight")
    assert explorer_page.locator(f"{root} output").text_content() == "0.75"
    outline = explorer_page.eval_on_selector(slider, "el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"
    box = f"{root} input[value=tnf_inhibitor]"
    explorer_page.focus(box)
    explorer_page.keyboard.press("Space")
    assert explorer_page.is_checked(box)
    assert "TNF inhibitors" in explorer_page.locator(f"{root} .bl-summary").text_content()


@pytest.fixture
def simulator_page(page):
    widget = remodelling_simulator(inflammation=0.6, drug=None)
    yield from widget_page(page, widget)


def test_initial_curves_match_python(simulator_page):
    check_simulator_matches_python(simulator_page, simulator_page.root, 0.6, None, 180, 365)


@pytest.mark.parametrize(("inflammation", "drug", "start", "duration"), [
    (0.6, "denosumab", 180, 365), (0.9, "romosozumab", 90, 200), (0.3, "tnf_inhibitor", 0, 1095),
    (1.0, "glucocorticoid", 400, 300), (0.0, "bisphosphonate", 1000, 50),
])
def test_moving_the_controls_matches_python(simulator_page, inflammation, drug, start, duration):
    before = simulator_page.get_attribute(f"{simulator_page.root} polyline.bl-treated", "points")
    check_simulator_matches_python(simulator_page, simulator_page.root, inflammation, drug,
                                   start, duration)
    after = simulator_page.get_attribute(f"{simulator_page.root} polyline.bl-treated", "points")
    assert before != after


def test_simulator_keyboard_and_live_region(simulator_page):
    root = simulator_page.root
    assert simulator_page.get_attribute(f"{root} .bl-summary", "aria-live") == "polite"
    simulator_page.focus(f"{root} input[name=inflammation]")
    simulator_page.keyboard.press("ArrowRight")
    assert "Inflammation 0.65" in simulator_page.locator(f"{root} .bl-summary").text_content()
    assert "Teaching device:" in simulator_page.locator(root).text_content()


def test_static_updates_fit_in_one_frame(page):
    widgets = [pathway_explorer(), remodelling_simulator(drug="tnf_inhibitor")]
    page.set_content(document(*(w.html() for w in widgets)))
    for w in widgets:
        assert browser_update_ms(page, f"#{w.uid}", repeats=15) < 16.0, w.kind


# -- the same checks on the built book ------------------------------------------------------
GALLERY = BOOK / "chapters" / "gallery" / "gallery.html"


@pytest.mark.skipif(not GALLERY.is_file(), reason="the book is not built (make book)")
def test_gallery_page_in_built_book(page, book_url):
    page.goto(f"{book_url}/chapters/gallery/gallery.html")
    page.wait_for_selector(".bl-widget[data-bl-mounted]", state="attached")
    explorers = page.locator(".bl-pathway-explorer[data-bl-mounted]").all()
    assert explorers, "no mounted pathway explorer in the gallery"
    for el in explorers:
        root = f"#{el.get_attribute('id')}"
        view = explorer_view(page, root)
        check_explorer_matches_python(page, root, view, ["tnf_inhibitor"], 0.7)
    sim = page.locator(".bl-remodelling-simulator[data-bl-mounted]").first
    check_simulator_matches_python(page, f"#{sim.get_attribute('id')}", 0.6, "denosumab",
                                   180, 365)
    assert page.log.page_errors == []


def explorer_view(page: Any, root: str) -> str:
    """The named view an explorer on a page shows (from its JSON payload)."""
    return page.eval_on_selector(root, "r => JSON.parse(r.querySelector('script.bl-data')"
                                       ".textContent).view")


AXE = BOOK.parents[1] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm ci)")
def test_widgets_have_no_axe_violations(page):
    widgets = [pathway_explorer(view="all", drugs=["denosumab"]), pathway_explorer(view="all"),
               remodelling_simulator(drug="denosumab")]
    page.set_content(document(*(w.html() for w in widgets)))
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    page.focus(f"#{widgets[0].uid} g[data-node=rankl]")
    page.keyboard.press("Enter")  # the details panel is filled, too
    for w in widgets:
        violations = page.evaluate(
            "async sel => (await axe.run(sel, {resultTypes: ['violations']})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
            f"#{w.uid}")
        assert violations == [], (w.kind, violations)




@pytest.mark.parametrize("attach_first", [True, False], ids=["attached", "detached"])
def test_mounts_when_inserted_like_jupyterlab(page, attach_first):
    page.set_content(document())
    for _ in range(2):  # the cells are run twice: new widget objects, new outputs
        page.evaluate(JUPYTERLAB_LIKE, [pathway_explorer(view="rankl_opg").html(), attach_first])
        page.evaluate(JUPYTERLAB_LIKE, [remodelling_simulator().html(), attach_first])
    assert page.locator(".bl-widget[data-bl-mounted]").count() == 4
    second = page.locator(".bl-pathway-explorer").nth(1)
    second.locator("input[value=denosumab]").check()
    assert "blocked by Denosumab" in second.locator(".bl-table").text_content()
    first = page.locator(".bl-pathway-explorer").nth(0)
    assert first.locator(".bl-summary").text_content().startswith("Drugs: none")
    sim = page.locator(".bl-remodelling-simulator").nth(1)
    sim.locator("select[name=drug]").select_option("romosozumab")
    assert "Romosozumab" in sim.locator(".bl-summary").text_content()
    assert page.log.page_errors == [] and page.log.console_errors == []
