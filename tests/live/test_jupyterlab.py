"""Each reader notebook, launched as Binder launches it, in the Binder environment's
JupyterLab: it opens unmodified, runs every cell without an error, shows no solution,
reads citations as author and year, links to chapters that exist, has widgets that
respond, and stays small when saved. Authored chapters open with solutions collapsed."""

from __future__ import annotations

import contextlib
import json
import re
import urllib.parse
import urllib.request

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bonelearn.instructor.live import BINDER_PYTHON, COLLAPSED_LABEL
from bonelearn.instructor.notebooks import solution_span_cells, tags
from tests.live.conftest import ROOT, Lab

READER = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))
# A saved notebook holds its figures (PNG) and the widgets' state, not the book's static
# copy of every widget. Measured after Run All and one widget change (2026-12-01):
# the largest reader notebook saved at about 0.3 MB; the budget leaves room to grow.
SAVED_BUDGET = 1_500_000
CITATION = re.compile(r"^\(?[A-Z][^()]*?(?: et al\.)?,? \(?(?:19|20)\d\d[a-z]?\)?$")

OPEN = """async (path) => {
  const app = window.jupyterapp;
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  await panel.context.ready;
  await panel.sessionContext.ready;
  window.blPanel = panel;
}"""
KERNEL_IDLE = """() => {
  const k = window.blPanel.sessionContext.session?.kernel;
  return k && k.status === 'idle' && window.blPanel.model.metadata.language_info !== undefined;
}"""
RUN_ALL = """async () => {
  const app = window.jupyterapp;
  await app.commands.execute('notebook:run-all-cells');
}"""
ALL_RAN = """() => {
  const panel = window.blPanel;
  const k = panel.sessionContext.session.kernel;
  const code = panel.content.widgets.filter(c => c.model.type === 'code');
  return k.status === 'idle' && code.every(c => c.model.executionCount !== null
    && !c.promptNode.textContent.includes('*'));
}"""
OUTPUTS = """() => window.blPanel.content.widgets.filter(c => c.model.type === 'code')
  .map(c => c.model.outputs.toJSON())"""
CLOSE = """async () => {
  const panel = window.blPanel;
  await panel.context.save();
  await panel.sessionContext.shutdown();
  panel.dispose();
}"""


def _solution_snippets(chapter_id: str) -> list[str]:
    """A distinctive run of plain words from each solution of the authored chapter (what
    must stay hidden): the longest run, free of Markdown marks, that no other cell of the
    chapter contains, so that it reads the same rendered and in the source."""
    nb = nbformat.read(ROOT / "chapters" / chapter_id / f"{chapter_id}.ipynb", as_version=4)
    span = solution_span_cells(nb)
    hidden = [c for i, c in enumerate(nb.cells) if i in span or "solution" in tags(c)]
    shown = "\n".join(c.source for c in nb.cells if c not in hidden)
    snippets = []
    for cell in hidden:
        lines = [line for line in cell.source.splitlines()
                 if not line.lstrip().startswith(("```", ":::", ":", "%"))
                 and line not in COLLAPSED_LABEL.values()]
        runs = [run.strip() for line in lines
                for run in re.split(r"[*_`\[\](){}<>|#$\\]|^\s*\d+\.\s|^\s*-\s", line)]
        runs = [run[:50] for run in runs if len(run) >= 25 and run[:50] not in shown]
        if runs:
            snippets.append(max(runs, key=len))
    return snippets


def _open(page, lab: Lab, path: str) -> None:
    page.evaluate(OPEN, path)
    page.wait_for_function(KERNEL_IDLE, polling=250)
    page.wait_for_timeout(500)  # let JupyterLab write the kernel's metadata, if it would


@pytest.mark.parametrize("chapter_id", READER)
def test_reader_notebook_runs_as_a_student_meets_it(lab: Lab, lab_page, chapter_id: str) -> None:
    page = lab_page
    path = f"notebooks/{chapter_id}.ipynb"
    file = lab.course / path
    committed = json.loads(file.read_text())["metadata"]
    assert committed["language_info"]["version"] == BINDER_PYTHON
    # This machine's Python 3.11 is not Binder's patch release: put its version in the
    # throwaway copy, so that the check below is the one a Binder user gets.
    assert lab.python_version.startswith("3.11."), lab.python_version
    nb = json.loads(file.read_text())
    nb["metadata"]["language_info"]["version"] = lab.python_version
    file.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")

    _open(page, lab, path)
    assert page.evaluate("window.blPanel.model.dirty") is False, (
        "JupyterLab marked the notebook modified on open: its metadata differ from what "
        f"JupyterLab writes ({page.evaluate('JSON.stringify(window.blPanel.model.metadata)')})")

    page.evaluate(RUN_ALL)
    page.wait_for_function(ALL_RAN, polling=500, timeout=300_000)
    outputs = [o for cell in page.evaluate(OUTPUTS) for o in cell]
    errors = [f"{o['ename']}: {o['evalue']}" for o in outputs if o["output_type"] == "error"]
    assert errors == [], errors
    stderr = [o["text"] for o in outputs if o.get("name") == "stderr"]
    assert not [t for t in stderr if "Error" in t or "Traceback" in t], stderr

    text = page.evaluate("window.blPanel.content.node.innerText")
    shown = [s for s in _solution_snippets(chapter_id) if s in text]
    assert shown == [], f"solution text visible: {shown}"
    for raw in ("{cite", "{doc}", "{term}", ":::{", "```{"):
        assert raw not in text, f"raw MyST {raw!r} shows in JupyterLab"

    links = page.evaluate("""() => Array.from(window.blPanel.content.node
        .querySelectorAll('.jp-MarkdownCell a[href]'))
        .map(a => ({text: a.textContent.trim(), href: a.getAttribute('href')}))""")
    source = (ROOT / "chapters" / chapter_id / f"{chapter_id}.ipynb").read_text()
    cites = [a for a in links if a["href"].startswith("https://")
             and CITATION.match(a["text"])]
    if "{cite" in source:
        assert cites, "no citation reads as author and year (a link to its DOI or record)"
    # JupyterLab resolves a relative link against the notebook's folder, to the file
    # server's URL; a click opens the file inside JupyterLab.
    files = f"{lab.url}/files/"
    local = sorted({urllib.parse.urlsplit(a["href"]).path.removeprefix("/files/")
                    for a in links if a["href"].startswith(files)})
    for target in local:
        with urllib.request.urlopen(f"{lab.url}/api/contents/{target}") as answer:
            assert answer.status == 200, target  # a missing file raises HTTPError 404
    if re.search(r"\{doc\}`[^`]*<\.\./", source):
        assert local, "the chapter links other chapters, but the notebook has no local links"
        _assert_link_opens_in_jupyterlab(page, files + local[0])

    _assert_a_widget_responds(page, chapter_id)

    page.evaluate(CLOSE)
    saved = file.stat().st_size
    assert saved <= SAVED_BUDGET, f"{path} saved at {saved} bytes"
    stored = json.loads(file.read_text())
    for cell in stored["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                assert "text/html" not in data, "a widget saved the book's static HTML"
    assert page.external == [], page.external


def _assert_link_opens_in_jupyterlab(page, href_prefix: str) -> None:
    link = page.locator(f'.jp-MarkdownCell a[href^="{href_prefix}"]').first
    link.scroll_into_view_if_needed()
    link.click()
    target = urllib.parse.urlsplit(href_prefix).path.removeprefix("/files/")
    page.wait_for_function(
        "(path) => window.jupyterapp.shell.currentWidget?.context?.path === path",
        arg=target, polling=200, timeout=30_000)
    page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
      await w.context.ready; await w.sessionContext?.shutdown(); w.dispose();
      window.jupyterapp.shell.activateById(window.blPanel.id); }""")


CONTROLS = """() => {
  const root = window.blPanel.content.node;
  const pick = root.querySelector('.jupyter-widgets select')
    || root.querySelector('.jupyter-widgets .noUi-handle')
    || root.querySelector('.jupyter-widgets input[type=checkbox]');
  if (!pick) return null;
  pick.setAttribute('data-bl-pick', '1');
  pick.scrollIntoView({block: 'center'});
  return pick.tagName.toLowerCase();
}"""
WIDGET_STATE = """() => {
  const pick = document.querySelector('[data-bl-pick]');
  const area = pick.closest('.jp-OutputArea');
  return area.innerHTML.replace(/data-bl-pick="1"/, '').length + ':' + area.innerText;
}"""


def _assert_a_widget_responds(page, chapter_id: str) -> None:
    kind = page.evaluate(CONTROLS)
    assert kind, f"{chapter_id}: no widget control found after Run All"
    before = page.evaluate(WIDGET_STATE)
    pick = page.locator("[data-bl-pick]")
    if kind == "select":
        values = pick.evaluate("s => Array.from(s.options).map(o => o.value)")
        current = pick.evaluate("s => s.value")
        pick.select_option(next(v for v in values if v != current))
    elif kind == "input":
        pick.click()
    else:
        pick.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => ({WIDGET_STATE})() !== {json.dumps(before)}",
                           polling=200, timeout=20_000)


@pytest.mark.parametrize("chapter_id", READER)
def test_authored_chapter_opens_with_solutions_collapsed(lab: Lab, lab_page,
                                                         chapter_id: str) -> None:
    page = lab_page
    path = f"chapters/{chapter_id}/{chapter_id}.ipynb"
    snippets = _solution_snippets(chapter_id)
    page.evaluate(OPEN, path)
    text = page.evaluate("window.blPanel.content.node.innerText")
    assert [s for s in snippets if s in text] == []
    if snippets:
        # A reader who chooses to see them expands every cell (View › Expand All Code and
        # Expand All Outputs) and opens the solution dropdowns: now they read in full.
        page.evaluate("""async () => {
          const app = window.jupyterapp;
          await app.commands.execute('notebook:show-all-cell-code');
          await app.commands.execute('notebook:show-all-cell-outputs');
          for (const cell of window.blPanel.content.widgets) cell.inputHidden = false;
        }""")
        # Markdown renders asynchronously once shown, and jupyterlab-myst may render a cell
        # again (closing its dropdown) when the notebook's references resolve. So open the
        # dropdowns and read the text in one step, as a reader would, until every solution
        # reads in full; then name what never appeared.
        missing = """(snippets) => {
          const node = window.blPanel.content.node;
          node.querySelectorAll('details').forEach(d => { d.open = true; });
          const text = node.innerText.replace(/[\u2018\u2019]/g, "'")
            .replace(/[\u201c\u201d]/g, '"');
          return snippets.filter(s => !text.includes(s));
        }"""
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(f"(s) => ({missing})(s).length === 0", arg=snippets,
                                   polling=250, timeout=90_000)
        assert page.evaluate(missing, snippets) == []
    page.evaluate("""async () => { const p = window.blPanel;
      await p.sessionContext.shutdown(); p.context.model.dirty = false; p.dispose(); }""")
