"""The widget bench measures what it says and the widgets meet their budgets."""

from __future__ import annotations

from bonelearn.widgets.bench import TARGETS, bench, live_callback_ms, measure, page_kb

KINDS = {"pathway-explorer", "remodelling-simulator", "study-browser", "bone-measures",
         "denosumab-dosing"}


def test_live_callbacks_are_measured_for_every_widget():
    # Speed is reported by `make bench`, not asserted here: only that it was measured.
    times = live_callback_ms(repeats=3)
    assert set(times) == KINDS
    assert all(t > 0 for t in times.values()), times


def test_each_widget_adds_less_than_500_kb():
    sizes = page_kb()
    assert all(10 < kb < TARGETS["page_kb"] for kb in sizes.values()), sizes


def test_measure_without_browser_reports_targets_and_verdict():
    result = measure(browser=False)
    assert "browser_ms" not in result and result["targets"] == TARGETS
    assert isinstance(result["ok"], bool)


def test_bench_rows_for_the_course_bench():
    rows = bench(browser=False)
    assert set(rows) == ({f"Live (Python) callback: {k}" for k in KINDS}
                         | {f"HTML added to a page: {k}" for k in KINDS})
    value, target = rows["HTML added to a page: pathway-explorer"]
    assert value.endswith(" KB") and target == "< 500 KB"
