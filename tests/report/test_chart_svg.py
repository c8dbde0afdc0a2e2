"""The SVG line chart: nice ticks, scaling of points, legend, escaping, NaN gaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from passthru.report.svg import (
    BOTTOM,
    HEIGHT,
    LEFT,
    PALETTE,
    RIGHT,
    TOP,
    WIDTH,
    Series,
    compact_number,
    line_chart,
    nice_ticks,
)

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.mark.parametrize(
    ("low", "high", "count", "ticks"),
    [
        (0, 100, 6, [0, 20, 40, 60, 80, 100]),
        (0, 360, 8, [0, 100, 200, 300, 400]),  # raw step 51.4 -> 100
        (0, 1, 6, [0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 9.5e8, 6, [0, 2e8, 4e8, 6e8, 8e8, 1e9]),
        (3, 17, 6, [0, 5, 10, 15, 20]),  # raw step 2.8 -> 5 (2.5 is too small)
        (5, 5, 6, [5, 6, 7, 8, 9, 10]),  # a flat series still gets an axis
    ],
)
def test_nice_ticks_cover_the_range_in_round_steps(low, high, count, ticks):
    assert nice_ticks(low, high, count) == pytest.approx(ticks)


@pytest.mark.parametrize(
    ("value", "label"), [(0, "0"), (950, "950"), (1500, "1.5K"), (7.5e8, "750M"), (2e9, "2B")]
)
def test_compact_number(value, label):
    assert compact_number(value) == label


def _chart(series):
    svg = line_chart(series, chart_id="c", title="T & t", x_label="x", y_label="y")
    return svg, ET.fromstring(svg)


def test_points_are_scaled_onto_the_plot_area():
    x = np.array([0.0, 50.0, 100.0])
    _, root = _chart([Series("one", x, np.array([100.0, 50.0, 0.0]))])
    (line,) = root.findall(".//svg:polyline", NS)
    points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
    # x ticks 0..100, y ticks 0..100: (0, 100) is the top left corner, (100, 0) bottom right.
    assert points[0] == pytest.approx((LEFT, TOP))
    assert points[1] == pytest.approx(((LEFT + WIDTH - RIGHT) / 2, (TOP + HEIGHT - BOTTOM) / 2))
    assert points[2] == pytest.approx((WIDTH - RIGHT, HEIGHT - BOTTOM))


def test_no_two_series_look_alike_beyond_the_palette():
    # ten classes on the class chart, eight colours: the 9th and 10th repeat the first two
    # colours dashed, in the plot and in the legend alike
    x = np.arange(5.0)
    _, root = _chart([Series(f"s{i}", x, x + i) for i in range(len(PALETTE) + 2)])
    lines = root.findall(".//svg:polyline", NS)
    keys = [(p.get("stroke"), p.get("stroke-dasharray")) for p in lines]
    assert len(set(keys)) == len(keys)
    assert keys[len(PALETTE)] == (PALETTE[0], "8 4")
    assert keys[0] == (PALETTE[0], None)
    legend = root.findall(".//svg:g[@class='legend']/svg:line", NS)
    assert [(m.get("stroke"), m.get("stroke-dasharray")) for m in legend] == keys


def test_each_series_has_its_colour_and_a_legend_entry():
    x = np.arange(5.0)
    svg, root = _chart([Series("A & B", x, x), Series("<C>", x, 2 * x)])
    lines = root.findall(".//svg:polyline", NS)
    assert [p.get("stroke") for p in lines] == list(PALETTE[:2])
    legend = [t.text for t in root.findall(".//svg:g[@class='legend']/svg:text", NS)]
    assert legend == ["A & B", "<C>"]
    assert "A &amp; B" in svg and "&lt;C&gt;" in svg
    assert root.find(".//svg:text[@class='title']", NS).text == "T & t"


def test_nan_points_break_a_line_into_segments():
    x = np.arange(6.0)
    y = np.array([1.0, 2.0, np.nan, np.nan, 3.0, 4.0])
    _, root = _chart([Series("gappy", x, y)])
    lines = root.findall(".//svg:polyline", NS)
    assert [len(p.get("points").split()) for p in lines] == [2, 2]


def test_many_series_wrap_the_legend_and_grow_the_chart():
    x = np.arange(3.0)
    series = [Series(f"a long series name {i}", x, x + i) for i in range(8)]
    _, root = _chart(series)
    assert int(root.get("height")) > HEIGHT
    rows = {t.get("y") for t in root.findall(".//svg:g[@class='legend']/svg:text", NS)}
    assert len(rows) > 1


def test_a_chart_with_nothing_to_draw_is_refused():
    with pytest.raises(ValueError, match="no series"):
        line_chart([], chart_id="c", title="t", x_label="x", y_label="y")
    with pytest.raises(ValueError, match="empty or NaN"):
        _chart([Series("nan", np.array([np.nan]), np.array([np.nan]))])
