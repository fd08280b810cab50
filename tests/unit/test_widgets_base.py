"""The dual front-end base: safe JSON, guarded scripts, validation helpers."""

from __future__ import annotations

import json
import math
import re

import pytest

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.widgets.base import (
    check_fraction,
    guarded_script,
    json_for_html,
    make_uid,
    shared_block,
    static_fragment,
)


def test_json_for_html_cannot_close_the_script_and_round_trips():
    data = {"description": "</script><script>alert(1)</script> & <!-- x -->", "n": [1, 2.5]}
    text = json_for_html(data)
    assert "</" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text) == data


def test_json_for_html_rejects_nan():
    with pytest.raises(ValueError):
        json_for_html({"x": math.nan})


def test_guarded_script_runs_an_asset_once_per_page():
    script = guarded_script("js/simulator.js")
    assert script.startswith("<script>") and script.endswith("</script>")
    assert 'b._assets["js/simulator.js"]' in script and "return;" in script


def test_unknown_asset_is_named():
    with pytest.raises(UnknownItemError, match=r"js/nope\.js"):
        guarded_script("js/nope.js")


def test_static_fragment_holds_css_data_and_mount_call():
    frag = static_fragment("demo", "bl-demo-1", {"a": "<b>"}, "<p>body</p>",
                           ["js/simulator.js"], "Demo widget")
    assert frag.startswith('<div class="bl-widget bl-demo" id="bl-demo-1" data-bl-widget="demo"')
    assert 'aria-label="Demo widget"' in frag and "<style>" in frag and "<p>body</p>" in frag
    assert '{"a":"\\u003cb\\u003e"}' in frag
    assert frag.endswith("W.mountAll(document);})(document.currentScript);</script>")


def test_uids_are_deterministic_in_prefix_and_unique():
    a, b = make_uid("x", [1, 2]), make_uid("x", [1, 2])
    assert a != b and a.rsplit("-", 1)[0] == b.rsplit("-", 1)[0]


@pytest.mark.parametrize("bad", [-0.01, 1.01, math.inf, math.nan, "0.5", None, True])
def test_check_fraction_rejects(bad):
    with pytest.raises(ParameterError, match="level"):
        check_fraction("level", bad)


def test_check_fraction_accepts_ints_and_floats():
    assert check_fraction("level", 1) == 1.0 and check_fraction("level", 0.25) == 0.25


def test_live_kernel_outputs_leave_out_the_static_front_end(monkeypatch):
    """Outside the book build a widget's output is the live view plus a short text hint,
    so an autosaved notebook does not store ~100 KB of static HTML per widget."""
    from bonelearn.frontend import BOOK_BUILD_ENV
    from bonelearn.widgets import pathway_explorer
    from bonelearn.widgets.base import LIVE_HINT, WIDGET_VIEW

    monkeypatch.delenv(BOOK_BUILD_ENV, raising=False)
    live = pathway_explorer(view="rankl_opg")._repr_mimebundle_()
    assert WIDGET_VIEW in live and "text/html" not in live
    assert live["text/plain"].endswith(LIVE_HINT)
    assert len(json.dumps(live)) < 5_000
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    built = pathway_explorer(view="rankl_opg")._repr_mimebundle_()
    assert 'data-bl-widget="pathway-explorer"' in built["text/html"]


def test_shared_data_is_keyed_by_its_content_and_safe_in_html():
    data = {"kb": {"label": "</script> & more"}}
    key, block = shared_block("explorer-kb", data)
    assert re.fullmatch(r"explorer-kb-[0-9a-f]{16}", key)
    assert shared_block("explorer-kb", dict(data))[0] == key
    assert shared_block("explorer-kb", {"kb": {"label": "other"}})[0] != key
    text = re.fullmatch(r'<script type="application/json" class="bl-shared" '
                        rf'data-bl-shared="{key}">(.*)</script>', block).group(1)
    assert "</" not in text and json.loads(text) == data


def test_a_fragment_names_its_shared_part_in_its_payload():
    html = static_fragment("k", "u1", {"view": "all"}, "<p></p>", (), "K",
                           shared=("explorer-kb", {"kb": [1]}))
    key, block = shared_block("explorer-kb", {"kb": [1]})
    assert block in html
    payload = re.search(r'class="bl-data">(.*?)</script>', html).group(1)
    assert json.loads(payload) == {"view": "all", "shared": key}


@pytest.mark.parametrize("name, data", [("Bad Name", {}), ("ok", {"view": 1})])
def test_bad_shared_names_and_repeated_keys_are_refused(name, data):
    with pytest.raises(ParameterError, match="shared data"):
        static_fragment("k", "u1", {"view": "all"}, "", (), "K", shared=(name, data))
