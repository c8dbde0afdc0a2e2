"""Term sheet of a 1,000,000-loan tape: passthru against the same work in DuckDB SQL.

Generates the synthetic Parquet tape once (cached under ``bench/.cache/``), then
runs each side in its own subprocess so that each reports its own peak memory:

* passthru: ``load_tape`` (read + validate), ``form_pools``, ``build_termsheet``;
* DuckDB: ``termsheet.sql``, the same checks, pool assignment and group-bys.

Each side keeps the best of three runs. Goals: passthru within 1.5x of DuckDB's
time, and under 4 GB peak memory. Each side imports its own libraries inside its
runner, so that a subprocess's peak memory is its side's alone.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from string import Template

from rich.console import Console
from rich.table import Table

from passthru.deal import Deal, load_deal

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
SQL = HERE / "termsheet.sql"
DEAL = "cmsi-2002-12"
LOANS = int(os.environ.get("PASSTHRU_BENCH_LOANS", "1000000"))
SEED = 2002
REPEATS = 3
RATIO_GOAL = 1.5
MEMORY_GOAL_MB = 4096.0


def tape_path(deal: Deal, loans: int = LOANS, seed: int = SEED) -> Path:
    """The cached synthetic Parquet tape, generated on first use."""
    from passthru.tape.synthetic import synthetic_tape

    path = CACHE / f"synthetic-{deal.name}-{loans}-seed{seed}.parquet"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        synthetic_tape(loans, deal=deal, seed=seed).write_parquet(partial)
        partial.replace(path)
    return path


def peak_memory_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_passthru(path: Path, deal: Deal) -> dict:
    """Best of REPEATS: read + validate, pool formation, figures and tables."""
    from passthru.pool import form_pools
    from passthru.strats import build_termsheet
    from passthru.tape import load_tape

    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        load = load_tape(path, cut_off=deal.cut_off_date)
        loaded = time.perf_counter()
        formed = form_pools(load.loans, deal, source=load.source)
        pooled = time.perf_counter()
        sheet = build_termsheet(
            formed.loans,
            deal,
            loans_read=load.read_count,
            loans_rejected=load.rejected_count + formed.rejected.height,
        )
        done = time.perf_counter()
        runs.append(
            {
                "seconds": done - start,
                "phases": {
                    "read + validate": loaded - start,
                    "pool formation": pooled - loaded,
                    "figures + tables": done - pooled,
                },
            }
        )
    totals = {
        p.pool: [p[key].exact for key in ("loan_count", "aggregate_balance", "wa_note_rate")]
        for p in sheet.pools
    }
    return min(runs, key=lambda r: r["seconds"]) | {"totals": totals}


def sql_statements(path: Path, deal: Deal) -> list[str]:
    """termsheet.sql with the tape and the deal's terms filled in, one statement each."""
    pools = ", ".join(f"('{p.name}', {p.target_rate})" for p in deal.pools)
    by_term = " ".join(
        f"WHEN original_term BETWEEN {p.original_term[0]} AND {p.original_term[1]} THEN '{p.name}'"
        for p in deal.pools
    )
    text = SQL.read_text(encoding="utf-8").splitlines()
    code = "\n".join(line for line in text if not line.lstrip().startswith("--"))
    script = Template(code).substitute(
        tape=path.as_posix(),
        cut_off=deal.cut_off_date.isoformat(),
        servicing_fee_rate=deal.servicing_fee_rate,
        pools=pools,
        pool_by_term=f"CASE {by_term} END",
    )
    return [s.strip() for s in script.split(";") if s.strip()]


def run_duckdb(path: Path, deal: Deal) -> dict:
    """Best of REPEATS of the whole script on a fresh connection, every result fetched."""
    import duckdb

    statements = sql_statements(path, deal)
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        with duckdb.connect() as con:
            results = [con.execute(s).fetchall() for s in statements]
        runs.append(time.perf_counter() - start)
    figures = results[next(i for i, s in enumerate(statements) if "wa_note_rate" in s)]
    totals = {row[0]: [row[1], row[2], row[3]] for row in figures}
    return {"seconds": min(runs), "phases": {}, "totals": totals}


def child(side: str, path: str) -> None:
    """Entry point of a measuring subprocess: print one JSON line with its results."""
    deal = load_deal(DEAL)
    runner = {"passthru": run_passthru, "duckdb": run_duckdb}[side]
    result = runner(Path(path), deal)
    print(json.dumps(result | {"peak_mb": peak_memory_mb()}))


def measure(side: str, path: Path) -> dict:
    completed = subprocess.run(
        [sys.executable, "-m", "bench.bench_termsheet", side, str(path)],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise SystemExit(f"{side} benchmark failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def report(console: Console, ours: dict, duck: dict, loans: int) -> None:
    ratio = ours["seconds"] / duck["seconds"]
    table = Table(title=f"Term sheet of {loans:,} loans ({DEAL}), best of {REPEATS}")
    for heading in ("side", "seconds", "peak memory MB", "goal"):
        table.add_column(heading, justify="left" if heading == "side" else "right")
    table.add_row("passthru", f"{ours['seconds']:.3f}", f"{ours['peak_mb']:,.0f}", "")
    for phase, seconds in ours["phases"].items():
        table.add_row(f"  {phase}", f"{seconds:.3f}", "", "")
    table.add_row("DuckDB SQL", f"{duck['seconds']:.3f}", f"{duck['peak_mb']:,.0f}", "")
    table.add_row("ratio passthru / DuckDB", f"{ratio:.2f}x", "", f"<= {RATIO_GOAL}x")
    table.add_row("passthru peak memory", "", f"{ours['peak_mb']:,.0f}", f"< {MEMORY_GOAL_MB:,.0f}")
    console.print(table)
    met_time = ratio <= RATIO_GOAL
    met_memory = ours["peak_mb"] < MEMORY_GOAL_MB
    console.print(
        f"time goal {'met' if met_time else 'MISSED'}; "
        f"memory goal {'met' if met_memory else 'MISSED'}; "
        f"both sides agree on loans, balances and rates per pool: {agree(ours, duck)}"
    )


def agree(ours: dict, duck: dict) -> str:
    """Whether both sides agree per pool: loans, balance to the cent, WA note rate."""
    same = ours["totals"].keys() == duck["totals"].keys() and all(
        ours["totals"][p][0] == duck["totals"][p][0]
        and abs(ours["totals"][p][1] - duck["totals"][p][1]) < 0.01
        and abs(ours["totals"][p][2] - duck["totals"][p][2]) < 1e-9
        for p in ours["totals"]
    )
    return "yes" if same else f"NO: passthru {ours['totals']}, DuckDB {duck['totals']}"


def main() -> None:
    console = Console()
    deal = load_deal(DEAL)
    started = time.perf_counter()
    path = tape_path(deal)
    console.print(
        f"tape {path.relative_to(HERE.parent)}: {LOANS:,} loans"
        f" (ready in {time.perf_counter() - started:.1f} s)"
    )
    ours = measure("passthru", path)
    duck = measure("duckdb", path)
    report(console, ours, duck, LOANS)


if __name__ == "__main__":
    child(*sys.argv[1:])
