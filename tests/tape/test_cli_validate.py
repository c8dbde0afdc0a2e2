"""``passthru validate``: every issue printed, a summary, exit 1 only on errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from passthru.cli import app

DATA = Path(__file__).parents[1] / "data" / "tapes"
CLEAN = DATA / "clean.csv"


def run(*args):
    result = CliRunner().invoke(app, ["validate", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def test_clean_tape_with_only_warnings_exits_0():
    result = run(CLEAN)
    assert result.exit_code == 0
    assert "[cut_off_inferred]" in result.output and "warning" in result.output
    assert "read 4, accepted 4, rejected 0, 0 errors, 1 warnings" in result.output


def test_deal_gives_the_cut_off_and_adds_pool_formation_issues(tmp_path):
    lines = CLEAN.read_text().splitlines()
    # 2003-2 pools hold 228-360 (I) and 120-180 (II) months: 200 fits neither
    odd = lines[4].replace(",240,239,2002-12-05,2003-02-01,2023-01-01,",
                           ",200,199,2002-12-05,2003-02-01,2019-09-01,")  # fmt: skip
    path = tmp_path / "tape.csv"
    path.write_text("\n".join([*lines[:4], odd]) + "\n")
    result = run(path, "--deal", "cmsi-2003-2")
    assert result.exit_code == 1
    assert "row 4, column original_term: error [pool_no_match]" in result.output
    assert "cut_off_inferred" not in result.output
    assert "read 4, accepted 3, rejected 1, 1 errors, 0 warnings" in result.output


def test_json_format():
    result = run(DATA / "malformed" / "state_unknown.csv", "--cut-off", "2003-02-01",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert (report["read"], report["accepted"], report["rejected"]) == (2, 1, 1)
    assert report["issues"] == [
        {
            "file": str(DATA / "malformed" / "state_unknown.csv"),
            "rule": "state_code",
            "message": "not a two-letter USPS code (upper case)",
            "row": 2,
            "column": "state",
            "value": "XX",
            "severity": "error",
        }
    ]


def test_layout_option():
    result = run(DATA / "fannie-mae" / "legacy-25.txt", "--layout", "fannie-mae")
    assert result.exit_code == 0
    # zip, documentation, additional_collateral for all loans; property_type and
    # loan_purpose for one each; the servicing fee is the deal's default instead
    assert result.output.count("[unknown_from_layout]") == 5
    assert result.output.count("[servicing_fee_default]") == 1


def test_layout_with_a_deal_does_not_call_the_fee_or_the_unpledged_ltv_unknown():
    result = run(DATA / "fannie-mae" / "legacy-25.txt", "--layout", "fannie-mae",
                 "--deal", "cmsi-2003-2", "--cut-off", "2003-03-01")  # fmt: skip
    assert "[servicing_fee_default]" in result.output
    assert "servicing_fee_rate; it stays unknown" not in result.output
    assert "ltv_without_pledge" not in result.output


def test_bad_cut_off_is_a_usage_error():
    result = run(CLEAN, "--cut-off", "2003-02-30")
    assert result.exit_code == 2
    assert "--cut-off" in result.output
