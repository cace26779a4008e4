"""`pilotage deadline | elapsed | periods | holidays`, run in process."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main


@pytest.fixture
def run() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_deadline(run: CliRunner) -> None:
    assert invoke(run, "deadline", "2019-07-05", "15 jours") == (0, "2019-07-22\n", "")
    assert invoke(run, "deadline", "2019-07-05", "15", "jours")[1] == "2019-07-22\n"
    assert invoke(run, "deadline", "05/07/2019", "15 jours", "--convention", "elapsed")[1] == (
        "2019-07-20\n"
    )
    assert invoke(run, "deadline", "30 juin 2019", "1 mois")[1] == "2019-07-31\n"
    assert invoke(run, "deadline", "2019-07-05", "15 werkdagen")[1] == "2019-07-23\n"
    assert invoke(run, "deadline", "2019-05-02", "fin du trimestre", "--roll")[1] == "2019-07-01\n"


def test_deadline_json_gives_the_rule_as_understood_and_why(run: CliRunner) -> None:
    code, out, _ = invoke(run, "deadline", "2019-07-05", "15 jours", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["deadline"] == "2019-07-22"
    assert data["rule"]["unit"] == "calendar_days"
    assert data["rule"]["value"] == 15
    assert data["rule"]["convention"] == "judicial"
    assert data["rule"]["printed"] == "15 jours"
    assert "Judicial Code art. 52-54" in data["explanation"]
    assert "Fête nationale" in data["explanation"]


def test_deadline_errors(run: CliRunner) -> None:
    code, _, err = invoke(run, "deadline", "2019-07-05", "bientôt")
    assert code == 1
    assert err.startswith("error: cannot read the rule 'bientôt'")
    code, _, err = invoke(run, "deadline", "31/04/2013", "15 jours")
    assert code == 1
    assert "April 2013 has 30 days" in err
    code, _, err = invoke(run, "deadline", "2019-07-05", "15 jours", "--calendar", "nope")
    assert code == 1
    assert "known calendars: be-federal" in err


def test_elapsed(run: CliRunner) -> None:
    assert invoke(run, "elapsed", "2019-07-05", "2019-07-22") == (0, "17\n", "")
    assert invoke(run, "elapsed", "2019-07-05", "2019-07-22", "--days", "mon-sat")[1] == "14\n"
    assert invoke(run, "elapsed", "2019-07-05", "2019-07-22", "--days", "mon-fri")[1] == "11\n"


def test_elapsed_end_before_start_is_an_error(run: CliRunner) -> None:
    code, out, err = invoke(run, "elapsed", "2019-07-22", "2019-07-05")
    assert (code, out) == (1, "")
    assert err.startswith("error: end 2019-07-05 is before start 2019-07-22")


def test_periods(run: CliRunner) -> None:
    code, out, _ = invoke(run, "periods", "2019-Q1", "2020-Q4")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == 8
    assert lines[0].split() == ["2019-Q1", "2019-01-01", "2019-03-31", "90", "days"]
    assert lines[-1].split()[:3] == ["2020-Q4", "2020-10-01", "2020-12-31"]
    code, out, _ = invoke(run, "periods", "2019-01-01..2020-12-31", "--per", "semester")
    assert [line.split()[0] for line in out.splitlines()] == [
        "2019-S1", "2019-S2", "2020-S1", "2020-S2",
    ]  # fmt: skip
    code, _, err = invoke(run, "periods", "2019-Q5")
    assert code == 1
    assert "numbered 1 to 4" in err


def test_holidays_in_french_and_dutch(run: CliRunner) -> None:
    code, out, _ = invoke(run, "holidays", "2019")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == 10
    assert lines[5].startswith("2019-07-21  Sunday")
    assert "Fête nationale" in lines[5]
    assert "Nationale feestdag" in lines[5]
    assert len(invoke(run, "holidays", "2019", "--calendar", "be-federal")[1].splitlines()) == 11
    assert "2008-05-02" in invoke(run, "holidays", "2008")[1]


def test_holidays_of_an_institution_file(run: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "calendars.yaml"
    path.write_text(
        "calendars:\n  inami:\n    base: be-federal\n    yearly:\n"
        "      - {month: 12, day: 26, fr: Lendemain de Noël, nl: Tweede kerstdag}\n",
        encoding="utf-8",
    )
    code, out, _ = invoke(
        run, "holidays", "2019", "--calendar", "inami", "--calendar-file", str(path)
    )
    assert code == 0
    assert "2019-12-26" in out
    assert "2019-11-15" in out


@pytest.mark.parametrize("command", ["deadline", "elapsed", "periods", "holidays"])
def test_help_teaches_with_examples(run: CliRunner, command: str) -> None:
    code, out, _ = invoke(run, command, "--help")
    assert code == 0
    assert "Examples" in out
    assert f"pilotage {command} " in out


@pytest.mark.parametrize("command", ["deadline", "elapsed"])
def test_help_examples_give_the_answers_they_show(run: CliRunner, command: str) -> None:
    help_text = invoke(run, command, "--help")[1]
    pattern = rf"^ +pilotage {command} (.+?) {{2,}}(\d{{4}}-\d\d-\d\d|\d+)$"
    examples = re.findall(pattern, help_text, re.M)
    assert len(examples) >= 3
    for args, answer in examples:
        code, out, err = invoke(run, command, *shlex.split(args))
        assert (code, out.strip()) == (0, answer), (args, err)


def test_commands_are_listed_in_the_root_help(run: CliRunner) -> None:
    out = invoke(run, "--help")[1]
    for command in ("deadline", "elapsed", "periods", "holidays"):
        assert command in out
