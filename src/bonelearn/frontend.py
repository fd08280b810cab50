"""Which front end outputs are made for: the book being built, or a live kernel.

The Sphinx extension sets ``BONELEARN_BOOK_BUILD=1`` before the book's notebooks run, so
kernels started by the build inherit it. Widgets then add their static HTML front end
(about 100 KB or more each) to their outputs; in a live kernel they leave it out, so
notebooks that JupyterLab autosaves stay small and the live widget is what shows.
"""

from __future__ import annotations

import os

BOOK_BUILD_ENV = "BONELEARN_BOOK_BUILD"


def building_book() -> bool:
    """True while the Jupyter Book build executes the notebooks."""
    return os.environ.get(BOOK_BUILD_ENV, "") == "1"
