"""``python -m bench [NAME ...]``: run every ``bench/bench_*.py`` module, or those named.

A name is the module's stem without ``bench_`` (``python -m bench termsheet``).
Each module exposes ``main() -> None`` that prints its own rows.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def benchmark_names() -> list[str]:
    """Every benchmark in this folder, sorted by name."""
    folder = Path(__file__).resolve().parent
    return sorted(path.stem.removeprefix("bench_") for path in folder.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    known = benchmark_names()
    unknown = [name for name in argv if name not in known]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(known)}", file=sys.stderr)
        return 2
    for name in argv or known:
        importlib.import_module(f"bench.bench_{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
