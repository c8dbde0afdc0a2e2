"""``passthru cashflows`` and ``passthru matrix`` through Typer's runner."""

from __future__ import annotations

import io
from datetime import date

import polars as pl
import pytest
from typer.testing import CliRunner

from passthru.cli import app
from passthru.tape import write_tape
from passthru.tape.schema import SCHEMA

REQUIRED_COLUMNS = (
    "period,pool,performing_balance,new_defaults,foreclosure_balance,expected_amortization,"
    "actual_amortization,defaulted_amortization,prepayments,liquidated_balance,recoveries,losses,"
    "expected_interest,lost_interest,actual_interest,servicing_fee,advanced_principal,"
    "advanced_interest"
)


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@pytest.fixture(scope="module")
def tape_csv(tmp_path_factory, canonical_loan):
    """Three valid loans cut off 2003-02-01: pool I (360 months) and pool II (180)."""
    cut_off = date(2003, 2, 1)
    loans = [
        ("L1", 500_000.0, 6.0, 360, 358),
        ("L2", 400_000.0, 5.5, 360, 360),
        ("L3", 300_000.0, 6.5, 180, 170),
    ]
    rows = [
        canonical_loan(
            loan_id=loan_id,
            original_balance=balance + 1_000.0,
            current_balance=balance,
            note_rate=rate,
            servicing_fee_rate=0.25,
            original_term=term,
            remaining_term=remaining,
            origination_date=_months_before(cut_off, term - remaining),
            first_payment_date=None,
            maturity_date=_months_before(cut_off, -remaining),
            ltv=70.0,
        )
        for loan_id, balance, rate, term, remaining in loans
    ]
    path = tmp_path_factory.mktemp("tape") / "tape.csv"
    write_tape(pl.DataFrame(rows, schema=SCHEMA), path)
    return path


runner = CliRunner()


def _csv(result) -> pl.DataFrame:
    assert result.exit_code == 0, result.output
    return pl.read_csv(io.StringIO(result.stdout))


def test_cashflows_csv_has_the_dollar_columns(tape_csv):
    out = _csv(
        runner.invoke(
            app,
            [
                "cashflows",
                str(tape_csv),
                "--psa",
                "150",
                "--sda",
                "100",
                "--severity",
                "20",
                "--lag",
                "12",
            ],
        )
    )
    required = REQUIRED_COLUMNS.split(",")
    assert out.columns[: len(required)] == required
    assert set(out["pool"]) == {"all"} and out.height == 360
    assert out["advanced_interest"].sum() > 0
    # the tape's own 0.25% fee: servicing fee of month 1 on 1,200,000
    assert out["servicing_fee"][0] == pytest.approx(1_200_000 * 0.25 / 1200)


def test_no_advancing_zeroes_the_advances(tape_csv):
    out = _csv(
        runner.invoke(
            app,
            [
                "cashflows",
                str(tape_csv),
                "--cdr",
                "3",
                "--severity",
                "40",
                "--lag",
                "6",
                "--no-advancing",
            ],
        )
    )
    assert out["new_defaults"].sum() > 0
    assert out["advanced_principal"].abs().max() == 0
    assert out["advanced_interest"].abs().max() == 0


def test_smm_is_percent_a_month(tape_csv):
    out = _csv(runner.invoke(app, ["cashflows", str(tape_csv), "--smm", "1"]))
    first = out.row(0, named=True)
    scheduled = 1_200_000 - first["actual_amortization"]
    assert first["prepayments"] == pytest.approx(0.01 * scheduled)


def test_deal_pools_and_parquet_output(tape_csv, tmp_path):
    target = tmp_path / "flows.parquet"
    result = runner.invoke(
        app,
        [
            "cashflows",
            str(tape_csv),
            "--deal",
            "cmsi-2003-2",
            "--cpr",
            "6",
            "--format",
            "parquet",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    frame = pl.read_parquet(target)
    assert set(frame["pool"]) == {"I", "II", "total"}
    assert "tr_interest" in frame.columns and "po_prepayments" in frame.columns


def test_two_prepayment_measures_are_one_clear_error(tape_csv):
    result = runner.invoke(app, ["cashflows", str(tape_csv), "--cpr", "6", "--psa", "100"])
    assert result.exit_code == 1
    assert "prepayment" in result.output and "Traceback" not in result.output


def test_binary_format_needs_an_output_path(tape_csv):
    result = runner.invoke(app, ["cashflows", str(tape_csv), "--format", "xlsx"])
    assert result.exit_code == 1 and "-o" in result.output


def test_matrix_prints_defaults_and_losses(tape_csv):
    result = runner.invoke(
        app,
        [
            "matrix",
            str(tape_csv),
            "--psa",
            "50,100,150,200",
            "--sda",
            "50,100,200",
            "--severity",
            "20",
            "--lag",
            "12",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Cumulative defaults" in result.output and "Cumulative losses" in result.output
    for header in ("50% SDA", "100% SDA", "200% SDA"):
        assert header in result.output
    assert result.output.count("│    50 │") + result.output.count("│   50 │") >= 2


def test_matrix_refuses_a_bad_list(tape_csv):
    result = runner.invoke(app, ["matrix", str(tape_csv), "--psa", "100,fast"])
    assert result.exit_code == 1 and "--psa" in result.output


@pytest.mark.parametrize(("option", "field"), [("--psa", "psa"), ("--sda", "sda")])
def test_matrix_refuses_an_empty_list(tape_csv, option, field):
    result = runner.invoke(app, ["matrix", str(tape_csv), option, ","])
    assert result.exit_code == 1, result.output
    assert f"{field}: no {field.upper()} speeds" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _matrix_cells(output: str) -> list[str]:
    """Every figure in the printed tables' body rows, in order."""
    rows = [line for line in output.splitlines() if line.startswith("│")]
    return [cell.strip() for line in rows for cell in line.strip("│").split("│")]


def test_matrix_offers_the_surviving_balance_order(tape_csv):
    base = ["matrix", str(tape_csv), "--psa", "300", "--sda", "2000", "--severity", "20"]
    standard = runner.invoke(app, base)
    surviving = runner.invoke(app, [*base, "--order", "surviving_balance"])
    assert standard.exit_code == 0 and surviving.exit_code == 0, surviving.output
    # §1.4: prepayments from the balance left after new defaults, so less prepaid and
    # more left to default: higher cumulative defaults and losses than the standard order
    (psa, defaults_std, _, losses_std) = _matrix_cells(standard.output)
    (_, defaults_srv, _, losses_srv) = _matrix_cells(surviving.output)
    assert psa == "300"
    assert float(defaults_srv) > float(defaults_std) and float(losses_srv) > float(losses_std)
    bad = runner.invoke(app, [*base, "--order", "defaults_last"])
    assert bad.exit_code == 1 and "order" in bad.output
