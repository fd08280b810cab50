"""Execute the notebooks a build needs in parallel, before Sphinx reads them one by one.

In cache mode myst-nb executes each notebook when Sphinx reads it, one after the other.
Here, just before reading, every notebook about to be read that has no matching cache
record is executed by jupyter-cache's parallel executor (one process per core) and
cached; myst-nb then finds the results in the cache. jupyter-cache matches a notebook on
its code cells only, so editing a chapter's prose executes nothing, and editing its code
executes that chapter alone (``bonelearn.sphinxext.stale_chapters`` also drops the
record of a chapter whose data changed). A notebook that fails here is left to myst-nb,
which runs it again and reports the error the usual way.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import nbformat
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging

LOGGER = sphinx_logging.getLogger(__name__)
EXECUTOR = "local-parallel"  # in the notebook's folder, like myst-nb's default


def cache_path(app: Sphinx) -> Path:
    """Where myst-nb keeps its jupyter-cache (Jupyter Book: ``_build/.jupyter_cache``)."""
    configured = app.config.nb_execution_cache_path
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def unexecuted(cache: object, notebooks: list[Path]) -> list[int]:
    """Project ids of ``notebooks`` (added to the cache's project) that have no cached run."""
    pending = []
    for path in notebooks:
        record = cache.add_nb_to_project(str(path))  # type: ignore[attr-defined]
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))  # type: ignore[attr-defined]
        except KeyError:
            pending.append(record.pk)
    return pending


def execute_in_parallel(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Execute and cache, in parallel, the notebooks among ``docnames`` not yet cached."""
    if app.config.nb_execution_mode != "cache":
        return
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    notebooks = [Path(env.doc2path(name)) for name in docnames]
    notebooks = [p for p in notebooks if p.suffix == ".ipynb" and p.is_file()]
    cache = get_cache(str(cache_path(app)))
    pending = unexecuted(cache, notebooks)
    if len(pending) < 2:
        return  # nothing to share out: myst-nb executes a single notebook itself
    LOGGER.info(f"executing {len(pending)} notebooks in parallel")
    start = time.perf_counter()
    quiet = logging.getLogger("jupyter_cache.bonelearn")
    quiet.setLevel(logging.WARNING)
    result = load_executor(EXECUTOR, cache, logger=quiet).run_and_cache(
        filter_pks=pending, timeout=app.config.nb_execution_timeout,
        allow_errors=app.config.nb_execution_allow_errors)
    LOGGER.info(f"executed {len(result.succeeded)} notebooks in "
                f"{time.perf_counter() - start:.1f} s")
    for uri in result.excepted + result.errored:
        LOGGER.info(f"parallel execution failed, myst-nb will run it again: {uri}")
