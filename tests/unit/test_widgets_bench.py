"""The widget bench measures what it says and the widgets meet their budgets."""

from __future__ import annotations

from bonelearn.widgets.bench import TARGETS, bench, live_callback_ms, measure, page_kb


def test_live_callbacks_are_fast():
    times = live_callback_ms(repeats=5)
    assert set(times) == {"pathway-explorer", "remodelling-simulator", "bone-measures"}
    assert all(0 < t < TARGETS["live_ms"] for t in times.values()), times


def test_each_widget_adds_less_than_500_kb():
    sizes = page_kb()
    assert all(10 < kb < TARGETS["page_kb"] for kb in sizes.values()), sizes


def test_measure_without_browser_reports_targets_and_verdict():
    result = measure(browser=False)
    assert "browser_ms" not in result and result["targets"] == TARGETS
    assert result["ok"] is True


def test_bench_rows_for_the_course_bench():
    rows = bench(browser=False)
    assert set(rows) == {"Live (Python) callback: pathway-explorer",
                         "Live (Python) callback: remodelling-simulator",
                         "HTML added to a page: pathway-explorer",
                         "HTML added to a page: remodelling-simulator",
                         "Live (Python) callback: bone-measures",
                         "HTML added to a page: bone-measures"}
    value, target = rows["HTML added to a page: pathway-explorer"]
    assert value.endswith(" KB") and target == "< 500 KB"
