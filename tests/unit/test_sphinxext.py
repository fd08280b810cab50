"""The Sphinx extension drops myst-nb's ipywidgets scripts and nothing else."""

from __future__ import annotations

from types import SimpleNamespace

from bonelearn.sphinxext import drop_ipywidgets_scripts


def test_drops_only_ipywidgets_entries() -> None:
    keep = ("_static/other.js", {})
    env = SimpleNamespace(nb_metadata={
        "chapters/a": {"js_files": {
            "ipywidgets_state": (None, {"body": "{}"}),
            "ipywidgets_0": ("https://cdn.example/require.js", {}),
            "ipywidgets_1": ("https://cdn.example/embed-amd.js", {}),
            "other": keep,
        }},
        "chapters/b": {},
    })
    drop_ipywidgets_scripts(None, env)
    assert env.nb_metadata["chapters/a"]["js_files"] == {"other": keep}
    assert env.nb_metadata["chapters/b"] == {}


def test_tolerates_environment_without_notebooks() -> None:
    drop_ipywidgets_scripts(None, SimpleNamespace())
