"""The pathway explorer on the built book, as readers meet it (issue 13, part A).

Every test runs on the gallery page (all five views and the simulator) at a laptop
(1366×768) and a phone (390×844) size, and the ones where colour matters in light and
dark mode: the diagram fits its column with 11 px text, the outcomes show without
sideways scrolling, every control visibly changes something or says why not, each
diagram is one Tab stop with arrow keys inside and a visible focus ring on every node and
arrow, every node and arrow can be clicked and tapped, nothing overflows the page, every
control has a unique accessible name, and axe finds no violation.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bonelearn.pathways import load_knowledge_base
from tests.browser.conftest import BOOK

pytestmark = pytest.mark.browser

GALLERY = "chapters/gallery/gallery.html"
SCREENS = {"laptop": (1366, 768), "phone": (390, 844)}
AXE = BOOK.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
KB = load_knowledge_base()
DRUGS = [d.id for d in KB.drugs]
SET_RANGE = ("(el, v) => { el.value = String(v); "
             "el.dispatchEvent(new Event('input', {bubbles: true})); }")

needs_book = pytest.mark.skipif(not (BOOK / GALLERY).is_file(),
                                reason="the book is not built (make book)")


def open_page(browser: Any, book_url: str, screen: str, mode: str = "light",
              touch: bool = False) -> Any:
    """The gallery page in a fresh context of the given size and colour mode."""
    width, height = SCREENS[screen]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  has_touch=touch, is_mobile=touch and screen == "phone",
                                  color_scheme=mode)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.errors = errors
    page.goto(f"{book_url}/{GALLERY}")
    page.wait_for_selector(".bl-pathway-explorer[data-bl-mounted]", state="attached")
    if mode == "dark":  # pydata-sphinx-theme's switch sets these two attributes
        page.evaluate("document.documentElement.dataset.theme = 'dark';"
                      "document.documentElement.dataset.mode = 'dark'")
    assert page.evaluate("document.documentElement.dataset.theme || 'light'") == mode
    return page


@pytest.fixture(params=[(s, m) for s in SCREENS for m in ("light", "dark")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def screen_page(request, browser, book_url):
    page = open_page(browser, book_url, *request.param)
    page.screen = request.param
    yield page
    assert page.errors == []
    page.context.close()


@pytest.fixture(params=list(SCREENS))
def size_page(request, browser, book_url):
    page = open_page(browser, book_url, request.param, touch=request.param == "phone")
    page.screen = (request.param, "light")
    yield page
    assert page.errors == []
    page.context.close()


def explorers(page: Any) -> list[str]:
    return [f"#{el.get_attribute('id')}"
            for el in page.locator(".bl-pathway-explorer[data-bl-mounted]").all()]


def view_of(page: Any, root: str) -> str:
    return page.eval_on_selector(
        root, "r => JSON.parse(r.querySelector('script.bl-data').textContent).view")


# -- 1. fit ------------------------------------------------------------------------------------
FIT_JS = """root => {
  const wrap = root.querySelector('.bl-diagram-wrap'), svg = wrap.querySelector('svg');
  const w = wrap.getBoundingClientRect(), scale = svg.getScreenCTM().a;
  const inside = (a, b, slack) => a.left >= b.left - slack && a.right <= b.right + slack &&
                                  a.top >= b.top - slack && a.bottom <= b.bottom + slack;
  const smallest = Math.min(...[...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
  const labelsOut = [...svg.querySelectorAll('g[data-node]')].filter(g =>
      !inside(g.querySelector('.bl-label').getBoundingClientRect(),
              g.querySelector('.bl-box').getBoundingClientRect(), 0.5))
      .map(g => g.dataset.node);
  const band = t => svg.querySelector(`rect[data-band="${t.dataset.band}"]`);
  const bandsOut = [...svg.querySelectorAll('text[data-band]')].filter(t =>
      !inside(t.getBoundingClientRect(), band(t).getBoundingClientRect(), 0.5))
      .map(t => t.dataset.band);
  const outcomes = [...svg.querySelectorAll('g.bl-outcome')].map(g => {
      const r = g.getBoundingClientRect(); return [r.left >= w.left - 0.5, r.right <= w.right + 0.5,
                                                   r.right <= innerWidth]; });
  const chips = [...root.querySelectorAll('.bl-chip')].map(c => c.getBoundingClientRect().right);
  return {svgWidth: svg.getBoundingClientRect().width, wrapWidth: wrap.clientWidth,
          scrolls: wrap.scrollWidth > wrap.clientWidth + 1, smallest, labelsOut, bandsOut,
          outcomes, chips, cue: !root.querySelector('.bl-scroll-cue').hidden,
          textLength: svg.querySelectorAll('[textLength]').length};
}"""


@needs_book
def test_each_diagram_fits_its_column_with_readable_text(screen_page):
    for root in explorers(screen_page):
        fit = screen_page.eval_on_selector(root, FIT_JS)
        where = (screen_page.screen, view_of(screen_page, root))
        assert not fit["scrolls"] and fit["svgWidth"] <= fit["wrapWidth"] + 0.5, (where, fit)
        assert fit["smallest"] >= 11 - 1e-6, (where, fit["smallest"])
        assert fit["textLength"] == 0, where
        assert fit["labelsOut"] == [] and fit["bandsOut"] == [], (where, fit)
        # the outcomes show without sideways scrolling: in the diagram and in the line above
        assert all(all(o) for o in fit["outcomes"]), (where, fit["outcomes"])
        assert len(fit["chips"]) == 3
        assert all(right <= SCREENS[screen_page.screen[0]][0] for right in fit["chips"])
        assert not fit["cue"], where


@needs_book
def test_synovium_label_stays_in_its_band(screen_page):
    root = explorers(screen_page)[0]
    assert view_of(screen_page, root) == "all"
    fit = screen_page.eval_on_selector(root, FIT_JS)
    assert "synovium_immune" not in fit["bandsOut"]


@needs_book
def test_zoom_scrolls_inside_a_labelled_focusable_region_with_a_cue(screen_page):
    root = explorers(screen_page)[0]
    wrap = f"{root} .bl-diagram-wrap"
    before = screen_page.eval_on_selector(f"{wrap} svg", "s => s.getBoundingClientRect().width")
    screen_page.click(f"{root} button[data-zoom=in]")
    screen_page.click(f"{root} button[data-zoom=in]")
    after = screen_page.eval_on_selector(f"{wrap} svg", "s => s.getBoundingClientRect().width")
    assert after == pytest.approx(before * 1.5, rel=0.01)
    state = screen_page.eval_on_selector(wrap, """w => ({
      scrolls: w.scrollWidth > w.clientWidth, role: w.getAttribute('role'),
      tab: w.getAttribute('tabindex'), name: w.getAttribute('aria-label'),
      cue: !w.parentNode.querySelector('.bl-scroll-cue').hidden,
      cueShown: w.parentNode.querySelector('.bl-scroll-cue').getBoundingClientRect().height > 0,
      page: document.documentElement.scrollWidth <= innerWidth})""")
    assert state == {"scrolls": True, "role": "region", "tab": "0",
                     "name": "Pathway diagram, scrolls sideways", "cue": True, "cueShown": True,
                     "page": True}
    assert screen_page.locator(f"{root} .bl-zoom-level").text_content() == "150 %"
    screen_page.click(f"{root} button[data-zoom=fit]")
    fit = screen_page.eval_on_selector(root, FIT_JS)
    assert not fit["scrolls"] and not fit["cue"] and fit["smallest"] >= 11 - 1e-6
    assert screen_page.get_attribute(wrap, "tabindex") is None


# -- 2. visible change -------------------------------------------------------------------------
DIAGRAM_JS = """root => JSON.stringify({
  nodes: [...root.querySelectorAll('g[data-node]')].map(g => [g.getAttribute('class'),
          g.querySelector('.bl-mark').textContent, g.querySelector('.bl-tag').textContent,
          g.querySelector('.bl-shade').style.fillOpacity]),
  edges: [...root.querySelectorAll('g[data-edge]')].map(g => [g.getAttribute('class'),
          g.querySelector('.bl-line').style.strokeWidth])})"""


@needs_book
def test_every_drug_box_visibly_changes_the_diagram_or_says_why_not(size_page):
    page = size_page
    for root in explorers(page):
        view = view_of(page, root)
        for box in page.locator(f"{root} input[name=drug]:checked").all():
            box.uncheck()
        baseline = page.eval_on_selector(root, DIAGRAM_JS)
        silent = []
        for drug in DRUGS:
            page.check(f"{root} input[name=drug][value={drug}]")
            shown = page.eval_on_selector(root, DIAGRAM_JS)
            note = page.locator(f"{root} .bl-outside").text_content()
            if shown == baseline:
                silent.append(drug)
                assert "change nothing drawn here" in note, (view, drug, note)
            else:
                assert "change nothing drawn here" not in note, (view, drug)
            targets = {t.node for t in KB.drug(drug).targets}
            if not targets & set(KB.view(view).nodes):
                label = KB.drug(drug).label
                assert note.startswith(f"Acting outside this view: {label} (on "), (view, drug)
            page.uncheck(f"{root} input[name=drug][value={drug}]")
        # most drug boxes change what is drawn in every view (before issue 13: 4 of 12)
        assert len(silent) <= 4, (view, silent)


@needs_book
def test_inflammation_slider_changes_line_weights_and_shading(size_page):
    for root in explorers(size_page):
        slider = f"{root} input[name=inflammation]"
        size_page.eval_on_selector(slider, SET_RANGE, 0.05)
        low = size_page.eval_on_selector(root, DIAGRAM_JS)
        size_page.eval_on_selector(slider, SET_RANGE, 1.0)
        high = size_page.eval_on_selector(root, DIAGRAM_JS)
        assert low != high, view_of(size_page, root)


@needs_book
def test_summary_names_both_comparisons_beside_a_mark(size_page):
    root = explorers(size_page)[1]  # RANKL/OPG with denosumab
    assert view_of(size_page, root) == "rankl_opg"
    size_page.uncheck(f"{root} input[name=drug][value=denosumab]")
    size_page.check(f"{root} input[name=drug][value=tnf_inhibitor]")
    text = size_page.locator(f"{root} .bl-summary").text_content()
    assert "erosive drive above health (▲, against health); lower than with no drug" in text
    tags = size_page.eval_on_selector(
        root, "r => r.querySelector('g[data-node=local_erosion] .bl-tag').textContent")
    assert tags == "less"


# -- 3. keyboard ---------------------------------------------------------------------------------
FOCUS_JS = """root => {
  const el = document.activeElement, item = el.closest && el.closest('g[data-node], g[data-edge]');
  if (!item || !root.contains(item)) return null;
  const ring = getComputedStyle(item.querySelector('.bl-ring'));
  const line = item.querySelector('.bl-line');
  return {id: item.dataset.node || item.dataset.edge, node: !!item.dataset.node,
          ring: ring.stroke, ringWidth: parseFloat(ring.strokeWidth),
          ringOpacity: parseFloat(ring.strokeOpacity),
          lineOpacity: line ? parseFloat(getComputedStyle(line).opacity) : 1,
          silenced: item.classList.contains('bl-silenced'),
          tabStops: root.querySelectorAll('svg [tabindex="0"]').length};
}"""


def _visible_ring(focus: dict[str, Any]) -> bool:
    return (focus["ring"] not in ("none", "rgba(0, 0, 0, 0)") and focus["ringWidth"] >= 3
            and focus["ringOpacity"] >= 0.5 and focus["lineOpacity"] == 1)


@needs_book
def test_each_diagram_is_one_tab_stop_with_arrow_keys_and_a_ring_on_every_item(screen_page):
    page = screen_page
    root = explorers(page)[0]  # the whole network with TNF inhibitors: some arrows faded
    assert view_of(page, root) == "all"
    stops = "r => r.querySelectorAll('svg [tabindex=\"0\"]').length"
    assert page.eval_on_selector(root, stops) == 1
    page.focus(f"{root} .bl-skip")
    page.keyboard.press("Tab")
    first = page.eval_on_selector(root, FOCUS_JS)
    assert first and first["node"] and _visible_ring(first)
    seen, faded = {first["id"]}, 0
    n_items = page.eval_on_selector(root, "r => r.querySelectorAll('[role=option]').length")
    for _ in range(n_items - 1):
        page.keyboard.press("ArrowRight")
        focus = page.eval_on_selector(root, FOCUS_JS)
        assert focus and _visible_ring(focus) and focus["tabStops"] == 1, focus
        seen.add(focus["id"])
        faded += focus["silenced"]
    assert len(seen) == n_items == 28 + 51 and faded > 0
    page.keyboard.press("Home")
    assert page.eval_on_selector(root, FOCUS_JS)["id"] == first["id"]
    page.keyboard.press("ArrowDown")  # next node, skipping the first node's arrows
    assert page.eval_on_selector(root, FOCUS_JS)["node"]
    page.keyboard.press("Enter")
    assert page.locator(f"{root} [aria-selected=true]").count() == 1
    page.keyboard.press("Tab")  # one Tab leaves the diagram
    assert page.eval_on_selector(root, FOCUS_JS) is None
    assert page.evaluate("document.activeElement.tagName") != "g"


@needs_book
def test_skip_link_jumps_past_the_diagram(size_page):
    root = explorers(size_page)[0]
    size_page.focus(f"{root} .bl-skip")
    assert size_page.eval_on_selector(f"{root} .bl-skip",
                                      "a => a.getBoundingClientRect().width > 0")
    size_page.keyboard.press("Enter")
    assert size_page.evaluate("document.activeElement.classList.contains('bl-legend')")


@needs_book
def test_tab_stops_inside_widgets_are_few(size_page):
    """Before issue 13, 320 of the gallery page's 413 Tab stops were inside widgets."""
    stops = size_page.evaluate("""() => [...document.querySelectorAll('.bl-widget svg [tabindex]')]
      .filter(e => e.tabIndex >= 0).length""")
    assert stops == len(explorers(size_page))


# -- 4. pointer ----------------------------------------------------------------------------------
POINTS_JS = """root => {
  const svg = root.querySelector('svg.bl-diagram'), m = svg.getScreenCTM();
  const at = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y;
                         const s = p.matrixTransform(m); return [s.x, s.y]; };
  const nodes = [...svg.querySelectorAll('g[data-node]')].map(g => {
    const r = g.querySelector('.bl-box').getBoundingClientRect();
    return ['node', g.dataset.node, r.left + r.width / 2, r.top + r.height / 2]; });
  const edges = [...svg.querySelectorAll('g[data-edge]')].map(g =>
    ['edge', g.dataset.edge, ...at(...g.dataset.pick.split(',').map(Number))]);
  return nodes.concat(edges);
}"""


@needs_book
def test_every_node_and_arrow_is_selectable_by_pointer(size_page):
    page = size_page
    tap = page.screen[0] == "phone"
    for root in explorers(page):
        page.locator(f"{root} svg.bl-diagram").scroll_into_view_if_needed()
        for kind, item, _, _ in page.eval_on_selector(root, POINTS_JS):
            sel = f"{root} g[data-{kind}='{item}']"
            # bring the item into the viewport, then read its point again
            page.eval_on_selector(sel, "g => g.scrollIntoView({block: 'center'})")
            x, y = next((x, y) for k, i, x, y in page.eval_on_selector(root, POINTS_JS)
                        if k == kind and i == item)
            if kind == "node":  # the node itself is the element at its centre
                hit = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y);"
                                    " const g = e && e.closest('g[data-node]');"
                                    " return g ? g.dataset.node : null; }", [x, y])
                assert hit == item, (page.screen, item, hit)
            if tap:
                page.touchscreen.tap(x, y)
            else:
                page.mouse.click(x, y)
            assert page.get_attribute(sel, "aria-selected") == "true", (page.screen, item)
            title = page.locator(f"{root} .bl-details .bl-details-title").text_content()
            if kind == "edge":
                source, target = (KB.node(n).label for n in (KB.edge(item).source,
                                                             KB.edge(item).target))
                assert title.startswith(source) and title.endswith(target), (item, title)


@needs_book
def test_the_three_covered_arrows_can_be_clicked(size_page):
    page = size_page
    root = explorers(page)[0]
    for source, target in (("inflammation", "tnf"), ("tnf", "il6"), ("tnf", "osteoclasts")):
        edge = next(e for e in KB.edges if e.source == source and e.target == target)
        sel = f"{root} g[data-edge='{edge.id}']"
        page.eval_on_selector(sel, "g => g.scrollIntoView({block: 'center'})")
        x, y = next((x, y) for k, i, x, y in page.eval_on_selector(root, POINTS_JS)
                    if i == edge.id)
        page.mouse.click(x, y)
        assert page.get_attribute(sel, "aria-selected") == "true", edge.id


@needs_book
def test_details_link_each_doi(size_page):
    root = explorers(size_page)[0]
    size_page.focus(f"{root} g[data-node=rankl]")
    size_page.keyboard.press("Enter")
    links = size_page.eval_on_selector_all(f"{root} .bl-details a[href]",
                                           "as => as.map(a => a.getAttribute('href'))")
    assert links and all(h.startswith(("https://doi.org/10.", "https://pubmed.")) for h in links)


# -- 5, 6. overflow, names, axe ------------------------------------------------------------------
OVERFLOW_JS = """() => {
  const out = [];
  for (const root of document.querySelectorAll('.bl-widget')) {
    const r = root.getBoundingClientRect();
    if (r.right > innerWidth + 0.5 || root.scrollWidth > root.clientWidth + 1) out.push(root.id);
  }
  return {page: document.documentElement.scrollWidth - innerWidth, widgets: out};
}"""


@needs_book
def test_nothing_overflows_the_page(screen_page):
    assert screen_page.evaluate(OVERFLOW_JS) == {"page": 0, "widgets": []}
    for root in explorers(screen_page):  # details with long DOI links, too
        node = screen_page.eval_on_selector(
            root, "r => (r.querySelector('g[data-node=rankl]') || "
                  "r.querySelector('g[data-node]')).dataset.node")
        screen_page.focus(f"{root} g[data-node={node}]")
        screen_page.keyboard.press("Enter")
    screen_page.click(f"{explorers(screen_page)[0]} button[data-zoom=in]")  # scrolls inside
    assert screen_page.evaluate(OVERFLOW_JS) == {"page": 0, "widgets": []}


@needs_book
def test_every_widget_control_has_a_unique_accessible_name(size_page):
    cdp = size_page.context.new_cdp_session(size_page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    # Chrome sets the hidden name part off with a space: "Inflammation (…) , Pathway …"
    names = [" ".join(n.get("name", {}).get("value", "").split()).replace(" ,", ",") for n in tree
             if not n.get("ignored") and n.get("role", {}).get("value") in
             ("slider", "combobox", "checkbox", "button", "listbox")]
    labels = [d.label for d in KB.drugs] + ["Inflammation", "Drug", "Days", "Zoom", "Fit",
                                            "Nodes and arrows"]
    ours = [n for n in names if n.startswith(tuple(labels))]
    assert len(ours) > 50
    assert [n for n, k in Counter(ours).items() if k > 1] == []
    assert sum(n.startswith("Inflammation (0 none, 1 severe), Pathway explorer") for n in ours)


@needs_book
@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm ci)")
def test_explorers_and_simulator_have_no_axe_violations(screen_page):
    page = screen_page
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    root = explorers(page)[0]
    page.focus(f"{root} g[data-node=rankl]")
    page.keyboard.press("Enter")  # the details panel is filled, too
    roots = explorers(page) + [f"#{el.get_attribute('id')}" for el in
                               page.locator(".bl-remodelling-simulator").all()]
    for sel in roots:
        violations = page.evaluate(
            "async sel => (await axe.run(sel, {resultTypes: ['violations']})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))", sel)
        assert violations == [], (page.screen, sel, violations)
