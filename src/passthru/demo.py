"""The demo: both bundled CMSI filings rebuilt into loan tapes and run end to end.

:func:`run_demo` writes, in order, into ``out``:

- ``cmsi-2002-12-tape.csv``: the 2002-12 pools rebuilt from their 8-K
  (:mod:`passthru.rebuild`), so that the term sheet reproduces the filing;
- ``termsheet.{txt,md,html,json,csv,xlsx}``: that collateral term sheet;
- ``cashflows.csv``: its collateral cash flows under the Standard Formulas'
  sample default assumptions (Cash Flow B: 150% PSA, 100% SDA, 20% severity,
  12-month liquidation lag, advanced);
- ``cmsi-2003-2/``: the 2003-2 pools rebuilt from their 8-K (``tape.csv``),
  their detailed description with the certificate section (``termsheet.txt``),
  the certificates paid every distribution day at 275% PSA under the same
  default assumptions (``run/classes.csv``, ``deal.csv``, ``collateral.csv``),
  and the deal report (``report/report.html``, ``report.xlsx``).

Each step is a small function; a step that fails stops the demo with its error.
Each rebuilt tape is written and then read back and validated on purpose: the
demo runs the user's own path, a tape file through validation and pool formation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from passthru.collateral import Assumptions, loan_arrays, project
from passthru.deal import Deal, load_deal
from passthru.disclosure import write_termsheet, write_termsheets
from passthru.disclosure.parse import parse_filing
from passthru.errors import FilingError
from passthru.files import make_folder
from passthru.pipeline import PooledTape, pooled_tape, termsheet_of
from passthru.rebuild import rebuild_tape
from passthru.report import write_report
from passthru.report.deal_inputs import deal_report_inputs
from passthru.strats.model import TermSheet
from passthru.tape import write_tape
from passthru.waterfall import RunOptions, run

CASH_FLOW_B = {"psa": 150.0, "sda": 100.0, "severity": 20.0, "lag": 12}
RUN_SPEED = {**CASH_FLOW_B, "psa": 275.0}

Step = Callable[[str], None]


@dataclass(frozen=True)
class DemoRun:
    """The term sheets the demo computed and every file it wrote, in order."""

    termsheets: tuple[TermSheet, ...]
    files: tuple[Path, ...]


def rebuilt_tape(series: str, path: Path, *, seed: int = 0) -> Path:
    """Parse the bundled 8-K of ``series`` (e.g. "2002-12"), rebuild its tape, write it."""
    name = f"cmsi-{series}-8k.txt"
    text = (resources.files("passthru") / "data" / "filings" / name).read_text(encoding="utf-8")
    result = rebuild_tape(parse_filing(text, source=name), seed=seed)
    if result.unmet:
        raise FilingError(f"{name}: the rebuilt tape misses {', '.join(result.unmet)}")
    write_tape(result.tape, path)
    return path


def _collateral_step(out: Path, step: Step) -> tuple[TermSheet, list[Path]]:
    deal = load_deal("cmsi-2002-12")
    step("rebuilding the 2002-12 pools from their 8-K")
    tape_path = rebuilt_tape("2002-12", out / "cmsi-2002-12-tape.csv")
    tape = pooled_tape(tape_path, deal)
    step("writing the 2002-12 collateral term sheet")
    termsheet = termsheet_of(tape, deal)
    files = [tape_path, *write_termsheets(termsheet, out)]
    step("projecting the 2002-12 collateral cash flows (SF Cash Flow B assumptions)")
    cashflows = project(loan_arrays(tape.loans), Assumptions.from_options(**CASH_FLOW_B))
    cashflows.frame.write_csv(out / "cashflows.csv")
    return termsheet, [*files, out / "cashflows.csv"]


def _deal_step(out: Path, step: Step) -> tuple[TermSheet, list[Path]]:
    deal = load_deal("cmsi-2003-2")
    folder = make_folder(out / deal.name)
    step("rebuilding the 2003-2 pools from their 8-K")
    tape_path = rebuilt_tape("2003-2", folder / "tape.csv")
    tape = pooled_tape(tape_path, deal)
    termsheet = termsheet_of(tape, deal)
    files = [tape_path, write_termsheet(termsheet, folder / "termsheet.txt")]
    step("paying the 2003-2 certificates every distribution day at 275% PSA")
    results = run(deal, tape.loans, Assumptions.from_options(**RUN_SPEED), RunOptions())
    files += results.write(folder / "run")
    step("writing the 2003-2 deal report")
    files += _report(deal, tape, termsheet, folder / "report")
    return termsheet, files


def _report(deal: Deal, tape: PooledTape, termsheet: TermSheet, folder: Path) -> list[Path]:
    inputs = deal_report_inputs(deal, tape.loans, termsheet)
    return list(write_report(inputs, folder))


def run_demo(out: Path, *, step: Step = lambda message: None) -> DemoRun:
    """Run every step of the demo into ``out``; ``step`` is told what each step does."""
    make_folder(out)
    first, first_files = _collateral_step(out, step)
    second, second_files = _deal_step(out, step)
    return DemoRun(termsheets=(first, second), files=(*first_files, *second_files))
