"""The demo's rebuild step: the 2002-12 pool rebuilt from its own filing, as a tape."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from passthru.disclosure.parse import parse_filing
from passthru.rebuild.build import rebuild_tape
from passthru.tape import write_tape

FILING_2002_12 = "cmsi-2002-12-8k.txt"


def rebuilt_2002_12_tape(path: str | Path, *, seed: int = 0) -> Path:
    """Parse the bundled 2002-12 8-K, rebuild its loan tape and write it to ``path``."""
    text = (resources.files("passthru") / "data" / "filings" / FILING_2002_12).read_text(
        encoding="utf-8"
    )
    result = rebuild_tape(parse_filing(text, source=FILING_2002_12), seed=seed)
    path = Path(path)
    write_tape(result.tape, path)
    return path
