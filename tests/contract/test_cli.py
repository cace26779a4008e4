"""The `pilotage contract` commands, end to end through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pilotage.cli import main
from pilotage.contract import load_contract

DATA = Path(__file__).parent / "data"
SAMPLE = str(DATA / "valid" / "sample.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_passes_a_valid_file_and_fails_a_broken_one() -> None:
    code, out, _ = run("contract", "check", SAMPLE)
    assert code == 0
    assert out.endswith("sample.yaml: ok, 1 warning(s)\n")
    code, out, err = run("contract", "check", SAMPLE, str(DATA / "broken" / "bad_values.yaml"))
    assert code == 1
    assert "bad_values.yaml: 3 error(s), 0 warning(s)" in out
    assert "norms[1].target.value: Input should be a valid decimal; got 'ninety'" in err


def test_show_prints_the_outline_in_the_chosen_language() -> None:
    code, out, _ = run("contract", "show", SAMPLE, "--lang", "nl")
    assert code == 0
    assert "Addendum 2019-2020  [sample-2019-2020]" in out
    assert "norm 2019-01-01..2020-12-31 within 120 calendar days (elapsed): >= 90%" in out
    assert "[fr] Assujettissement" in out  # no Dutch text: shown in the original, marked


def test_export_round_trips_through_a_file(tmp_path: Path) -> None:
    out = tmp_path / "sample.json"
    code, _, err = run("contract", "export", SAMPLE, "--format", "json", "-o", str(out))
    assert code == 0
    assert f"wrote {out}" in err
    assert json.loads(out.read_text())["id"] == "sample-2019-2020"
    assert load_contract(out) == load_contract(SAMPLE)


def test_consolidate_and_diff() -> None:
    base = str(DATA / "consolidation" / "base.yaml")
    amendment = str(DATA / "consolidation" / "amendment.yaml")
    code, out, _ = run("contract", "consolidate", base, amendment, "--at", "2020-03-31")
    assert code == 0
    assert "id: x-2016-2018@2020-03-31" in out
    code, out, _ = run("contract", "diff", base, amendment)
    assert code == 1
    assert "+ objective REK 1-01" in out
    code, out, _ = run("contract", "diff", base, base)
    assert (code, out) == (0, "no differences\n")


def test_errors_are_messages_with_status_1_not_tracebacks() -> None:
    code, _, err = run("contract", "show", str(DATA / "nope.yaml"))
    assert code == 1
    assert err == f"error: {DATA / 'nope.yaml'}: no such file\n"
    code, _, err = run("contract", "consolidate", SAMPLE, "--at", "2030-01-01")
    assert code == 1
    assert "outside the period" in err


def test_every_command_teaches_with_examples() -> None:
    for command in ("check", "show", "export", "consolidate", "diff"):
        code, out, _ = run("contract", command, "--help")
        assert code == 0
        assert "Example" in out, command
