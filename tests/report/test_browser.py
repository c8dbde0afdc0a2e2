"""The report in headless Chromium: every chart draws every line, the page logs nothing.

Each chart's SVG is cut from ``report.html`` into a one-chart page and screenshotted;
the image must hold ink in each series' colour. The whole report is loaded too, with
Chromium's console sent to stderr: any console line (script error, blocked or missing
resource) fails. Skipped only when Chromium is absent outside CI; in CI it must run.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pytest

from passthru.report import write_report
from passthru.report.svg import PALETTE

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
CHART = re.compile(r'<svg [^>]*id="(chart-[a-z-]+)".*?</svg>', re.DOTALL)
SERIES = re.compile(r'<polyline class="series" data-series="[^"]*" fill="none" stroke="(#\w+)"')

# A minimal PNG reader (8-bit greyscale, RGB or RGBA, not interlaced) for screenshots.
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunks(data: bytes):
    at = len(SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        yield kind, data[at + 8 : at + 8 + length]
        at += 12 + length


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytes, prior: bytearray, bpp: int) -> bytearray:
    """Undo one scanline's filter (PNG spec 9.2: None, Sub, Up, Average, Paeth)."""
    out = bytearray(line)
    if kind == 0:
        return out
    if kind == 2:
        return bytearray((x + u) & 0xFF for x, u in zip(out, prior, strict=True))
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (out[i] + left) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + ((left + prior[i]) >> 1)) & 0xFF
        else:
            up_left = prior[i - bpp] if i >= bpp else 0
            out[i] = (out[i] + _paeth(left, prior[i], up_left)) & 0xFF
    return out


def read_png(data: bytes) -> np.ndarray:
    """Pixels as an array (height, width, channels) of uint8."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    chunks = list(_chunks(data))
    header = dict(chunks)[b"IHDR"]
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    bpp = CHANNELS[colour]
    raw = zlib.decompress(b"".join(d for k, d in chunks if k == b"IDAT"))
    stride = 1 + width * bpp
    prior = bytearray(width * bpp)
    pixels = bytearray()
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        prior = _unfilter(line[0], line[1:], prior, bpp)
        pixels += prior
    return np.frombuffer(bytes(pixels), np.uint8).reshape(height, width, bpp)


if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI; `make test` installs it", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (make test installs it)", allow_module_level=True)


def screenshot(page: Path, png: Path, size: tuple[int, int], profile: Path) -> str:
    """Load ``page`` in headless Chromium, save a screenshot, return its console lines."""
    done = subprocess.run(
        [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={size[0]},{size[1]}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert png.exists(), f"no screenshot of {page.name}: {done.stderr[-2000:]}"
    return "\n".join(line for line in done.stderr.splitlines() if ":CONSOLE" in line)


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int64)


def ink_in(pixels: np.ndarray, colour: str) -> int:
    """Pixels within a small distance of ``colour`` (line centres; edges are blended)."""
    distance = np.abs(pixels[..., :3].astype(np.int64) - _rgb(colour)).sum(axis=-1)
    return int((distance <= 24).sum())


@pytest.fixture
def report(inputs, tmp_path) -> Path:
    html, _ = write_report(inputs, tmp_path / "out")
    return html


def test_every_chart_renders_every_series(report, tmp_path):
    charts = CHART.finditer(report.read_text(encoding="utf-8"))
    found = []
    for match in charts:
        chart_id, svg = match.group(1), match.group(0)
        page = tmp_path / f"{chart_id}.html"
        page.write_text(
            f'<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
            f'<body style="margin:0;background:#fff">{svg}</body></html>',
            encoding="utf-8",
        )
        png = tmp_path / f"{chart_id}.png"
        console = screenshot(page, png, (800, 420), tmp_path / "profile")
        assert console == "", f"{chart_id}: {console}"
        pixels = read_png(png.read_bytes())
        non_white = int((pixels[..., :3].min(axis=-1) < 250).sum())
        assert non_white > 0.02 * pixels.shape[0] * pixels.shape[1], f"{chart_id} is blank"
        for colour in SERIES.findall(svg):
            assert ink_in(pixels, colour) > 50, f"{chart_id}: no line in {colour}"
        found.append(chart_id)
    assert found == [
        "chart-pool-balance",
        "chart-class-balances",
        "chart-cumulative-losses",
        "chart-senior-prepayment",
    ]


def test_the_report_page_loads_without_console_messages(report, tmp_path):
    png = tmp_path / "report.png"
    console = screenshot(report, png, (1280, 2400), tmp_path / "profile")
    assert console == ""
    pixels = read_png(png.read_bytes())
    assert ink_in(pixels, "#1f4e79") > 1000  # the title band drew


def test_the_console_check_catches_a_script_error(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>notDefined();</script></body></html>", encoding="utf-8")
    console = screenshot(page, tmp_path / "broken.png", (200, 200), tmp_path / "profile")
    assert "Uncaught ReferenceError" in console


def test_a_blank_chart_would_be_caught(tmp_path):
    page = tmp_path / "blank.html"
    page.write_text('<html><body style="margin:0;background:#fff"></body></html>')
    png = tmp_path / "blank.png"
    screenshot(page, png, (200, 200), tmp_path / "profile")
    pixels = read_png(png.read_bytes())
    assert int((pixels[..., :3].min(axis=-1) < 250).sum()) == 0
    assert ink_in(pixels, PALETTE[0]) == 0
