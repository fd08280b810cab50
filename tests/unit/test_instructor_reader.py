"""Reader notebooks: MyST → plain Markdown, the committed notebooks/ and the launch buttons."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from bonelearn.course import repository
from bonelearn.course.root import chapter_ids
from bonelearn.errors import DataFileError
from bonelearn.instructor.links import chapter_links, reader_path
from bonelearn.instructor.live import RUN_NOTE_TAG
from bonelearn.instructor.myst import blank_code
from bonelearn.instructor.notebooks import read_notebook, solution_span_cells, tags
from bonelearn.instructor.reader import (
    Reference,
    convert_markdown,
    reader_notebook,
    reader_notebook_problems,
    render_reader_notebooks,
)

ROOT = Path(__file__).resolve().parents[2]
REFS = {
    "smith2020bone": Reference("Smith et al.", "2020", "https://doi.org/10.1/abc"),
    "jones2019": Reference("Jones and Lee", "2019", "https://pubmed.ncbi.nlm.nih.gov/123/"),
    "ema2026label": Reference("European Medicines Agency", "2026", "https://www.ema.europa.eu/x"),
}
CHAPTERS = ["remodelling", "wnt"]


def md(text: str, chapter: str = "remodelling") -> str:
    return convert_markdown(text, REFS, CHAPTERS, chapter, where="test.ipynb, cell 3")


# ----- roles ---------------------------------------------------------------------------
def test_parenthetical_citation_lists_linked_author_year() -> None:
    assert md("Bone {cite:p}`smith2020bone,jones2019`.") == (
        "Bone ([Smith et al. 2020](https://doi.org/10.1/abc); "
        "[Jones and Lee 2019](https://pubmed.ncbi.nlm.nih.gov/123/)).")


def test_textual_citation_is_author_then_year() -> None:
    assert md("{cite:t}`smith2020bone` showed") == (
        "[Smith et al. (2020)](https://doi.org/10.1/abc) showed")
    assert md("{cite:t}`ema2026label`") == (
        "[European Medicines Agency (2026)](https://www.ema.europa.eu/x)")


def test_bare_cite_and_keys_with_spaces() -> None:
    assert md("{cite}`smith2020bone, jones2019`").startswith("([Smith et al. 2020]")


def test_unknown_citation_key_names_key_and_notebook() -> None:
    with pytest.raises(DataFileError, match=r"test\.ipynb, cell 3.*'nobody1999'"):
        md("{cite:p}`smith2020bone,nobody1999`")


def test_real_bibliography_links_doi_pubmed_and_official_url() -> None:
    from bonelearn.instructor.reader import load_references

    refs = load_references(ROOT / "references.bib")
    urls = [r.url or "" for r in refs.values()]
    assert all(urls), "every entry links somewhere"
    assert any(u.startswith("https://doi.org/") for u in urls)
    assert all(r.year and r.who for r in refs.values())


def test_doc_to_a_chapter_links_the_sibling_reader_notebook() -> None:
    assert md("the {doc}`Wnt chapter <../wnt/wnt>`") == "the [Wnt chapter](wnt.ipynb)"
    assert md("{doc}`wnt <../wnt/wnt.ipynb>`") == "[wnt](wnt.ipynb)"
    assert md("{doc}`/chapters/wnt/wnt`") == "[/chapters/wnt/wnt](wnt.ipynb)"


def test_doc_to_a_page_that_is_not_a_chapter_is_plain_text() -> None:
    assert md("see the {doc}`glossary <../../pages/glossary>`") == "see the glossary"
    assert md("{doc}`x <../unknown/unknown>`") == "x"


@pytest.mark.parametrize(("source", "expected"), [
    ("{term}`RANKL` binds", "RANKL binds"),
    ("{term}`osteoclasts <osteoclast>` resorb", "osteoclasts resorb"),
    ("see {ref}`the set-up <contributing>`", "see the set-up"),
    ("{numref}`Figure %s <fig-cycle>`", "Figure"),
    ("{ref}`contributing`", "contributing"),
])
def test_text_roles_become_their_text(source: str, expected: str) -> None:
    assert md(source) == expected


def test_unknown_role_is_an_error() -> None:
    with pytest.raises(DataFileError, match=r"role \{sub\}"):
        md("H{sub}`2`O")


def test_roles_in_code_spans_and_fenced_code_stay_untouched() -> None:
    text = (
        "Cite with ``{cite:p}`key` `` and `{term}`X``.\n\n"
        "```python\nprint('{cite:p}`nobody1999`')\n(label)=\n:::{note}\n:::\n```\n\n"
        "~~~\n{term}`RANKL`\n~~~"
    )
    out = md(text)
    assert "``{cite:p}`key` ``" in out and "`{term}`X``" in out
    assert "```python\nprint('{cite:p}`nobody1999`')\n(label)=\n:::{note}\n:::\n```" in out
    assert "~~~\n{term}`RANKL`\n~~~" in out


# ----- directives ----------------------------------------------------------------------
def test_exercise_becomes_a_bold_line_and_its_body() -> None:
    text = ":::{exercise} Raising OPG\n:label: ex-opg\n\nDouble {term}`OPG`.\n:::"
    assert md(text) == "**Exercise: Raising OPG**\n\nDouble OPG."


def test_exercise_without_title_and_start_end_form() -> None:
    assert md(":::{exercise}\nDo it.\n:::") == "**Exercise**\n\nDo it."
    start = "```{exercise-start} Model run\n:label: ex-run\n```\nRun the model."
    assert md(start) == "**Exercise: Model run**\n\nRun the model."
    assert md("```{exercise-end}\n```") == ""


@pytest.mark.parametrize(("name", "title"), [
    ("note", "Note"), ("important", "Important"), ("warning", "Warning"), ("tip", "Tip"),
])
def test_named_admonitions_become_blockquotes(name: str, title: str) -> None:
    text = f":::{{{name}}}\nFirst line {{cite:p}}`jones2019`.\n\nSecond.\n:::"
    assert md(text) == (
        f"> **{title}**\n>\n> First line ([Jones and Lee 2019]"
        "(https://pubmed.ncbi.nlm.nih.gov/123/)).\n>\n> Second.")


def test_admonition_with_title_and_dropdown_class() -> None:
    text = (":::{admonition} Reading the {term}`RANKL` mechanisms\n:class: dropdown\n\n"
            "Body text.\n:::")
    assert md(text) == "> **Reading the RANKL mechanisms**\n>\n> Body text."
    backticks = "```{admonition} Why\n:class: note\nBecause.\n```"
    assert md(backticks) == "> **Why**\n>\n> Because."


def test_nested_directives_and_code_inside_an_admonition() -> None:
    text = ("::::{important}\n:::{exercise} Inner\nTry.\n:::\n\n```python\nx = 1\n```\n::::")
    out = md(text)
    assert "> **Important**" in out and "> **Exercise: Inner**" in out
    assert "> ```python\n> x = 1\n> ```" in out


def test_targets_comments_and_block_breaks_are_removed() -> None:
    assert md("(remodelling)=\n# Bone\n% a comment\n+++\nText") == "# Bone\nText"


def test_unknown_directive_is_an_error() -> None:
    with pytest.raises(DataFileError, match=r"directive \{figure\}"):
        md(":::{figure} x.png\n:::")


# ----- whole notebooks -----------------------------------------------------------------
def _nb(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def test_reader_notebook_is_the_student_version_in_plain_markdown() -> None:
    code = nbformat.v4.new_code_cell("x = 1  # {cite:p}`nobody` stays in code",
                                     metadata={"tags": ["keep-output"]})
    code.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    code.execution_count = 3
    nb = _nb(
        nbformat.v4.new_markdown_cell("(x)=\n# Title {cite:p}`smith2020bone`"),
        code,
        nbformat.v4.new_markdown_cell(":::{solution} ex\nSECRET\n:::",
                                      metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("Notes", metadata={"tags": ["instructor"]}),
        nbformat.v4.new_markdown_cell("```{exercise-end}\n```"),
    )
    out = reader_notebook(nb, "remodelling", REFS, CHAPTERS)
    sources = [c.source for c in out.cells]
    assert sources[0].startswith("*Reader version of `chapters/remodelling/remodelling.ipynb`")
    assert sources[1] == "# Title ([Smith et al. 2020](https://doi.org/10.1/abc))"
    assert sources[2] == "x = 1  # {cite:p}`nobody` stays in code"
    assert len(sources) == 3, "solution, instructor note and the emptied cell are gone"
    assert out.cells[2].outputs == [] and out.cells[2].execution_count is None
    assert nb.cells[0].source.startswith("(x)="), "the authored notebook is not changed"


def test_reader_notebook_names_the_cell_of_an_unknown_key() -> None:
    cell = nbformat.v4.new_markdown_cell("{cite:t}`missing2000`")
    with pytest.raises(DataFileError, match=rf"cell {cell.id}.*'missing2000'"):
        reader_notebook(_nb(cell), "wnt", REFS, CHAPTERS)


# ----- the committed reader notebooks --------------------------------------------------
IDS = chapter_ids(ROOT)
MYST = {
    "role": re.compile(r"\{[\w:-]+\}`"),
    "directive": re.compile(r"^\s*(`{3,}|:{3,})\s*\{", re.M),
    "colon fence": re.compile(r"^\s*:{3,}", re.M),
    "target": re.compile(r"^\s*\([^()\s]+\)=\s*$", re.M),
    "directive option": re.compile(r"^\s*:(class|label|name|open):", re.M),
    "substitution": re.compile(r"\{\{"),
    "block break": re.compile(r"^\+\+\+", re.M),
}


def test_every_chapter_has_an_up_to_date_reader_notebook_and_no_extra() -> None:
    assert sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")) == sorted(IDS)
    assert reader_notebook_problems(ROOT) == []


def test_check_reports_a_stale_missing_and_extra_reader_notebook(tmp_path: Path) -> None:
    import shutil

    for name in ("_toc.yml", "_config.yml", "references.bib"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    (tmp_path / "notebooks" / "wnt.ipynb").unlink()
    stale = tmp_path / "notebooks" / "remodelling.ipynb"
    stale.write_text(stale.read_text().replace("osteoclast", "osteoklast"))
    (tmp_path / "notebooks" / "old.ipynb").write_text("{}")
    problems = dict(reader_notebook_problems(tmp_path))
    assert problems.keys() == {"notebooks/wnt.ipynb", "notebooks/remodelling.ipynb",
                               "notebooks/old.ipynb"}
    assert all("tools/build_reader_notebooks.py" in p for p in problems.values())
    from bonelearn.checks import run_checks

    report = run_checks(tmp_path)
    assert {p.file for p in report.problems} >= set(problems)


@pytest.fixture(scope="module")
def reader() -> dict[str, nbformat.NotebookNode]:
    return {cid: read_notebook(ROOT / reader_path(cid)) for cid in IDS}


@pytest.mark.parametrize("chapter_id", IDS)
def test_reader_notebook_has_no_myst_left(reader, chapter_id: str) -> None:
    for cell in reader[chapter_id].cells:
        if cell.cell_type != "markdown":
            continue
        text = blank_code(cell.source)
        found = {name for name, pattern in MYST.items() if pattern.search(text)}
        assert not found, f"{chapter_id}, cell {cell.get('id')}: {found}\n{cell.source[:300]}"


def _hidden_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Long lines found only in the solution and instructor cells of an authored notebook."""
    span = solution_span_cells(nb)
    hidden: list[str] = []
    shown: set[str] = set()
    for i, cell in enumerate(nb.cells):
        lines = [ln.strip() for ln in cell.source.splitlines() if len(ln.strip()) > 40]
        if i in span or tags(cell) & {"solution", "instructor"}:
            hidden += lines
        else:
            shown.update(lines)
    return [line for line in hidden if line not in shown]


@pytest.mark.parametrize("chapter_id", IDS)
def test_reader_notebook_has_no_solution_or_instructor_text(reader, chapter_id: str) -> None:
    nb = reader[chapter_id]
    authored = read_notebook(ROOT / "chapters" / chapter_id / f"{chapter_id}.ipynb")
    text = "\n".join(c.source for c in nb.cells)
    assert not any(tags(c) & {"solution", "instructor"} for c in nb.cells)
    assert "Instructor notes" not in text
    assert not re.search(r"\{solution|solution-(start|end)", text)
    reader_lines = {ln.strip() for ln in text.splitlines()}
    leaked = [line for line in _hidden_lines(authored) if line in reader_lines]
    assert leaked == []
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("chapter_id", IDS)
def test_reader_notebook_keeps_run_note_setup_cell_and_code(reader, chapter_id: str) -> None:
    nb = reader[chapter_id]
    authored = read_notebook(ROOT / "chapters" / chapter_id / f"{chapter_id}.ipynb")
    assert any(RUN_NOTE_TAG in tags(c) for c in nb.cells)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert f'Chapter.load("{chapter_id}")' in code[0].source
    assert 'if "google.colab" in sys.modules' in code[0].source
    assert code[0].metadata.get("jupyter", {}).get("source_hidden") is True
    kept = {c.source for c in code}
    span = solution_span_cells(authored)
    student_code = [c.source for i, c in enumerate(authored.cells)
                    if c.cell_type == "code" and i not in span
                    and not tags(c) & {"solution", "instructor"}]
    assert student_code and all(s in kept for s in student_code)


@pytest.mark.parametrize("chapter_id", IDS)
def test_chapter_links_point_to_existing_reader_notebooks(reader, chapter_id: str) -> None:
    text = "\n".join(blank_code(c.source) for c in reader[chapter_id].cells
                     if c.cell_type == "markdown")
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t) and not t.startswith("#")]
    for target in local:
        assert re.fullmatch(r"[\w-]+\.ipynb", target), f"{chapter_id}: link {target}"
        assert (ROOT / "notebooks" / target).is_file(), f"{chapter_id}: {target} missing"


def test_chapters_link_each_other_in_the_reader_notebooks() -> None:
    linked = sum(len(re.findall(r"\]\([\w-]+\.ipynb\)", text))
                 for text in render_reader_notebooks(ROOT).values())
    assert linked >= 60  # the chapters hold ~68 {doc} links to chapters


# ----- launch links --------------------------------------------------------------------
def test_assign_links_open_the_reader_notebook() -> None:
    repo = repository(ROOT)
    links = chapter_links(repo, "wnt", "https://hub.example.edu")
    assert links.path == "notebooks/wnt.ipynb"
    assert links.binder.endswith("?urlpath=lab/tree/notebooks/wnt.ipynb")
    assert links.colab.endswith("/blob/main/notebooks/wnt.ipynb")
    assert "notebooks%2Fwnt.ipynb" in (links.jupyterhub or "")


def _context() -> dict:
    return {"header_buttons": [
        {"label": "download-buttons", "buttons": [{"text": ".ipynb", "url": "x"}]},
        {"label": "launch-buttons", "buttons": [
            {"text": "Binder", "url": "theme-binder"},
            {"text": "JupyterHub", "url": "theme-hub"},
            {"text": "Colab", "url": "theme-colab"},
        ]},
    ]}


def _app() -> SimpleNamespace:
    env = SimpleNamespace(doc2path=lambda name, base=False: f"{name}.md")
    return SimpleNamespace(srcdir=str(ROOT), env=env)


def _urls(context: dict, label: str = "launch-buttons") -> dict[str, str]:
    group = next(g for g in context["header_buttons"] if g["label"] == label)
    return {b["text"]: b["url"] for b in group["buttons"]}


def test_book_launch_buttons_of_a_chapter_open_its_reader_notebook() -> None:
    from bonelearn.sphinxext import use_reader_notebook_links

    context = _context()
    use_reader_notebook_links(_app(), "chapters/wnt/wnt", "page.html", context, None)
    expected = chapter_links(repository(ROOT), "wnt")
    assert _urls(context) == {"Binder": expected.binder, "Colab": expected.colab,
                              "JupyterHub": expected.jupyterhub}
    assert all("notebooks/wnt.ipynb" in u or "notebooks%2Fwnt.ipynb" in u
               for u in _urls(context).values())
    assert _urls(context, "download-buttons") == {".ipynb": "x"}


def test_book_launch_buttons_of_another_page_keep_binder_and_colab() -> None:
    from bonelearn.sphinxext import use_reader_notebook_links

    context = _context()
    use_reader_notebook_links(_app(), "pages/instructor-guide", "page.html", context, None)
    urls = _urls(context)
    assert urls["Binder"] == "theme-binder" and urls["Colab"] == "theme-colab"
    assert "pages%2Finstructor-guide.md" in urls["JupyterHub"]


def test_book_excludes_the_reader_notebooks() -> None:
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert "notebooks" in config["exclude_patterns"]


def test_reader_notebooks_are_valid_nbformat() -> None:
    for cid in IDS:
        nbformat.validate(nbformat.reads((ROOT / reader_path(cid)).read_text(), 4))
        assert json.loads((ROOT / reader_path(cid)).read_text())["cells"][0]["id"] in (
            "bl-reader-header", None)
