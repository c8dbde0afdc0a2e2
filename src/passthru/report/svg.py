"""Line charts as inline SVG: axes, "nice" ticks, grid, legend, several series.

No scripts, no fonts to fetch, no external references, so a report stays one
self-contained file. Coordinates are rounded to 0.01 px for compact markup.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

WIDTH, HEIGHT = 760, 360
LEFT, RIGHT, TOP, BOTTOM = 78, 18, 48, 62
PALETTE = (
    "#1f4e79",
    "#c55a11",
    "#2e7d32",
    "#7b1fa2",
    "#b71c1c",
    "#00838f",
    "#6d4c41",
    "#546e7a",
)
DASHES = ("", "8 4", "2 3")
"""Series beyond the palette's colours repeat them dashed, then dotted, so that no two
lines of a chart look alike (the class chart has ten classes)."""
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
LEGEND_ROW = 16


@dataclass(frozen=True)
class Series:
    """One line: its legend name and points (NaN points break the line)."""

    name: str
    x: np.ndarray
    y: np.ndarray


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of 10."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"cannot place ticks on [{low}, {high}]")
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(s * power for s in NICE_STEPS if s * power >= raw * (1 - 1e-12))
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    n = round((last - first) / step)
    return [round(first + i * step, 12) + 0.0 for i in range(n + 1)]


def compact_number(value: float) -> str:
    """Tick labels: 1,500 -> 1.5K, 750,000,000 -> 750M; up to 3 significant figures."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def percent_label(value: float) -> str:
    """Tick labels of a percent axis (values already in percent): ``25%``."""
    return f"{value:g}%"


def _scale(
    lo: float, hi: float, out_lo: float, out_hi: float
) -> Callable[[np.ndarray], np.ndarray]:
    span = hi - lo or 1.0
    return lambda v: out_lo + (np.asarray(v, dtype=np.float64) - lo) * (out_hi - out_lo) / span


def _segments(x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    ok = np.isfinite(x) & np.isfinite(y)
    breaks = np.flatnonzero(np.diff(ok.astype(np.int8)) != 0) + 1
    return [seg for seg in np.split(np.arange(len(x)), breaks) if len(seg) and ok[seg[0]]]


def _path(px: np.ndarray, py: np.ndarray) -> str:
    return " ".join(f"{a:.2f},{b:.2f}" for a, b in zip(px, py, strict=True))


def _extent(series: Sequence[Series], axis: str) -> tuple[float, float]:
    values = np.concatenate([getattr(s, axis) for s in series])
    values = values[np.isfinite(values)]
    if not values.size:
        raise ValueError("every series is empty or NaN; nothing to chart")
    return float(values.min()), float(values.max())


def _axes(xt, yt, fx, fy, x_label, y_label, y_format) -> list[str]:
    x0, x1 = LEFT, WIDTH - RIGHT
    y0, y1 = HEIGHT - BOTTOM, TOP
    parts = ['<g class="grid" stroke="#e4e6eb" stroke-width="1">']
    parts += [f'<line x1="{x0}" x2="{x1}" y1="{fy(t):.2f}" y2="{fy(t):.2f}"/>' for t in yt]
    parts.append("</g>")
    parts.append(
        f'<g class="axes" stroke="#5f6368" stroke-width="1"><line x1="{x0}" x2="{x1}" '
        f'y1="{y0}" y2="{y0}"/><line x1="{x0}" x2="{x0}" y1="{y0}" y2="{y1}"/></g>'
    )
    parts.append('<g class="ticks" fill="#3c4043" font-size="11">')
    for t in xt:
        parts.append(
            f'<text x="{fx(t):.2f}" y="{y0 + 16}" text-anchor="middle">{compact_number(t)}</text>'
        )
    for t in yt:
        parts.append(
            f'<text x="{x0 - 8}" y="{fy(t) + 4:.2f}" text-anchor="end">{escape(y_format(t))}</text>'
        )
    parts.append("</g>")
    parts.append(
        f'<text class="x-label" x="{(x0 + x1) / 2:.2f}" y="{HEIGHT - 22}" text-anchor="middle" '
        f'font-size="12" fill="#3c4043">{escape(x_label)}</text>'
    )
    parts.append(
        f'<text class="y-label" transform="translate(16 {(y0 + y1) / 2:.2f}) rotate(-90)" '
        f'text-anchor="middle" font-size="12" fill="#3c4043">{escape(y_label)}</text>'
    )
    return parts


def series_style(i: int) -> tuple[str, str]:
    """Series i's colour and its dash attribute (empty for a solid line)."""
    dash = DASHES[(i // len(PALETTE)) % len(DASHES)]
    return PALETTE[i % len(PALETTE)], f' stroke-dasharray="{dash}"' if dash else ""


def _legend(series: Sequence[Series]) -> tuple[list[str], int]:
    """Legend entries left to right, wrapping onto more rows; returns the rows added."""
    parts = ['<g class="legend" font-size="11" fill="#3c4043">']
    x, y, rows = LEFT, HEIGHT - 6, 0
    for i, s in enumerate(series):
        width = 23 + 7 * len(s.name) + 22
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, y, rows = LEFT, y + LEGEND_ROW, rows + 1
        colour, dash = series_style(i)
        parts.append(
            f'<line x1="{x}" x2="{x + 18}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="3"{dash}/><text x="{x + 23}" y="{y}">{escape(s.name)}</text>'
        )
        x += width
    parts.append("</g>")
    return parts, rows


def line_chart(
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    y_format: Callable[[float], str] = compact_number,
    y_from_zero: bool = True,
) -> str:
    """An SVG line chart of ``series`` (one colour each, legend below the plot)."""
    if not series:
        raise ValueError(f"chart {chart_id!r} has no series")
    x_lo, x_hi = _extent(series, "x")
    y_lo, y_hi = _extent(series, "y")
    xt = nice_ticks(x_lo, x_hi, 8)
    yt = nice_ticks(min(y_lo, 0.0) if y_from_zero else y_lo, y_hi, 6)
    fx = _scale(xt[0], xt[-1], LEFT, WIDTH - RIGHT)
    fy = _scale(yt[0], yt[-1], HEIGHT - BOTTOM, TOP)
    legend, extra_rows = _legend(series)
    height = HEIGHT + LEGEND_ROW * extra_rows
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{escape(title)}" font-family="Helvetica, Arial, sans-serif">',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text class="title" x="{LEFT}" y="26" font-size="15" font-weight="bold" '
        f'fill="#1d1d1f">{escape(title)}</text>',
        *_axes(xt, yt, fx, fy, x_label, y_label, y_format),
    ]
    for i, s in enumerate(series):
        colour, dash = series_style(i)
        x, y = np.asarray(s.x, dtype=np.float64), np.asarray(s.y, dtype=np.float64)
        for seg in _segments(x, y):
            parts.append(
                f'<polyline class="series" data-series="{escape(s.name)}" fill="none" '
                f'stroke="{colour}" stroke-width="2" stroke-linejoin="round"{dash} '
                f'points="{_path(fx(x[seg]), fy(y[seg]))}"/>'
            )
    parts += legend
    parts.append("</svg>")
    return "\n".join(parts)
