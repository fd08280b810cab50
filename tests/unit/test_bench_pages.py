"""make bench's page-weight rows (tools/bench.py): neither measure hides behind the other."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench_tool", TOOL)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

WEIGHTS = {"a.html": (1_230_000, 356_000), "b.html": (1_270_000, 335_000),
           "index.html": (340_000, 88_000)}
FCP = {"a.html": 1.9, "b.html": 2.1, "index.html": 1.7}


def test_each_measure_reports_its_own_heaviest_page() -> None:
    assert bench.heaviest_pages(WEIGHTS) == ("b.html", "a.html")
    rows = bench.page_rows(WEIGHTS, FCP, "index.html")
    assert rows[0] == ("Heaviest page with all it loads, uncompressed (b.html)", "1.27 MB",
                       "≤ 1.0 MB")
    assert rows[1] == ("Heaviest page with all it loads, gzip-compressed (a.html)", "356 kB",
                       "≤ 300 kB")
    paints = [r for r in rows if r[0].startswith("Heaviest page: first contentful paint")]
    assert [(r[0].rsplit("(", 1)[1], r[1]) for r in paints] == [("b.html)", "2.10 s"),
                                                                 ("a.html)", "1.90 s")]
    assert rows[-1] == ("Landing page: first contentful paint, slow 4G and 4x slower CPU "
                        "(index.html)", "1.70 s", "≤ 2.5 s")


def test_one_page_heaviest_by_both_measures_is_timed_once() -> None:
    weights = {**WEIGHTS, "a.html": (1_300_000, 356_000)}
    rows = bench.page_rows(weights, FCP, "index.html")
    paints = [r for r in rows if "first contentful paint" in r[0]]
    assert len(paints) == 2 and "(a.html)" in paints[0][0]
