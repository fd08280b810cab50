"""Mathematics as MathML, converted at build time: no maths renderer in any page.

The book's formulae are TeX (``$…$``, ``$$…$$``). MathJax in the browser costs 2.1 MB on
every page that has maths (and Jupyter Book loaded it on pages without). Here the TeX is
converted once, when the book is built, by MathJax's own TeX parser running in Node.js
(the ``mathjax`` npm package that ``package.json`` pins; ``tex2mathml.js``), and the page
carries MathML, which browsers render natively (Chromium and Edge since 109, Firefox,
Safari) and screen readers read as mathematics. A formula costs a few hundred bytes of
MathML instead of a 2.1 MB script (or 2-12 KB of SVG per formula from MathJax's SVG
output); see the design notes in the contributor guide for the measurements.

``html_math_renderer = "mathml"`` (set in ``_config.yml``) selects it. The formulae of a
page are converted in one Node.js call when the page is written.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

RENDERER = "mathml"
SCRIPT = Path(__file__).with_name("tex2mathml.js")
#: Where the MathML of a math node is kept between conversion and writing.
ATTRIBUTE = "bl_mathml"


def mathjax_package(srcdir: Path) -> Path:
    """The ``mathjax`` npm package of the project (``npm ci`` installs it)."""
    path = srcdir / "node_modules" / "mathjax"
    if not (path / "es5" / "node-main.js").is_file():
        raise ExtensionError(
            f"maths needs MathJax from npm at {path}: run `npm ci` (make book does it)")
    return path


def tex_to_mathml(formulas: list[tuple[str, bool]], mathjax: Path) -> list[str]:
    """Convert ``(tex, display)`` pairs to MathML strings in one Node.js process."""
    if not formulas:
        return []
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("maths needs Node.js (`node`) on the PATH to convert TeX to MathML")
    payload = json.dumps([{"tex": tex, "display": display} for tex, display in formulas])
    done = subprocess.run([node, str(SCRIPT), str(mathjax)], input=payload, text=True,
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise ExtensionError(done.stderr.strip() or "tex2mathml.js failed")
    return json.loads(done.stdout)


def _formulas(node: nodes.Element) -> list[str]:
    """The TeX of a math node; a display block may hold several, split by blank lines."""
    text = node.astext()
    if isinstance(node, nodes.math_block) and not node.get("nowrap"):
        return [part.strip() for part in text.split("\n\n") if part.strip()]
    return [text]


def convert_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Attach MathML to every math node of a page about to be written."""
    if getattr(app.builder, "math_renderer_name", None) != RENDERER:
        return
    found = [n for n in doctree.findall(lambda n: isinstance(n, nodes.math | nodes.math_block))]
    if not found:
        return
    work = [(tex, isinstance(n, nodes.math_block)) for n in found for tex in _formulas(n)]
    try:
        mathml = iter(tex_to_mathml(work, mathjax_package(Path(app.srcdir))))
    except ExtensionError as err:
        raise ExtensionError(f"{docname}: {err}") from None
    for node in found:
        node[ATTRIBUTE] = [next(mathml) for _ in _formulas(node)]


#: The theme lays out ``div.math`` as a flex row (for equation numbers); a display
#: formula takes the free width so that it is centred, as MathJax's output was.
BLOCK_STYLE = "flex-grow:1"


def _accessible(mathml: str, tex: str, style: str = "") -> str:
    """MathML with the TeX as its ``alttext`` (read where MathML is not supported)."""
    escaped = tex.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    attributes = f'alttext="{escaped}"' + (f' style="{style}"' if style else "")
    return mathml.replace("<math ", f"<math {attributes} ", 1)


def visit_math(self: HTML5Translator, node: nodes.math) -> None:
    [mathml] = node[ATTRIBUTE]
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(_accessible(mathml, node.astext()) + "</span>")
    raise nodes.SkipNode


def visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    for mathml, tex in zip(node[ATTRIBUTE], _formulas(node), strict=True):
        self.body.append(_accessible(mathml, tex, BLOCK_STYLE))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    app.connect("doctree-resolved", convert_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
