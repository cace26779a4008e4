"""`pilotage actions`: list, complete, event, upcoming, missions, deliver; and demo progress."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from pilotage.web.audit.models import AuditEntry
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.progress.demo import DEMO_PREFIX, seed_demo_progress
from pilotage.web.progress.models import Completion, EventOccurrence, MissionDelivery
from tests.web.test_progress import inami

__all__ = ["inami"]  # the fixture, shared with the page tests

C = "inami-2013-2015"


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PILOTAGE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PILOTAGE_WEB_DEBUG", "1")


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["actions", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    "command", [[], ["list"], ["complete"], ["event"], ["upcoming"], ["missions"], ["deliver"]]
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(main, ["actions", *command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "inami-2013-2015" in result.output


@pytest.mark.django_db
def test_round_trip(inami: ContractVersion) -> None:
    listed = run("list", C, "--as-of", "2013-07-01")
    assert "66 actions" in listed
    assert "11/1" in listed
    assert "31/04/2013 does not exist" in listed  # the diagnosis of art. 21 action 2
    out = run("complete", C, "11/1", "--on", "2013-06-28", "--evidence", "Note CGG")
    assert "11/1 [2013-06-30]: done on 2013-06-28 (recorded)" in out
    out = run("complete", C, "11/1", "--on", "2013-07-03", "--evidence", "Note CGG, corrected")
    assert "(corrected)" in out
    entry = AuditEntry.objects.filter(action="action.correct").get()
    assert entry.who is None
    assert entry.before["completed_on"] == "2013-06-28"
    assert entry.after["completed_on"] == "2013-07-03"
    doc = json.loads(run("list", C, "--as-of", "2013-08-01", "--status", "done_late", "--json"))
    assert [a["key"] for a in doc["actions"]] == ["11/1"]
    assert doc["counts"]["done_late"] == 1

    assert "table ronde" in run("event", C, "12/1", "--on", "2013-03-15")
    assert EventOccurrence.objects.get().occurred_on.isoformat() == "2013-03-15"
    doc = json.loads(run("list", C, "--as-of", "2013-06-01", "--json"))
    a = next(x for x in doc["actions"] if x["key"] == "12/1")
    assert a["next_due"] == "2013-06-17"  # 15 June 2013 is a Saturday
    assert a["status"] == "due_soon"

    up = run("upcoming", C, "--as-of", "2013-06-01", "--within", "30")
    assert "2013-06-17  action  12/1" in up
    assert "mission 36.1" in up
    out = run("deliver", C, "36.1", "--on", "2013-07-10", "--evidence", "Rapport S1")
    assert "[2013-S1]" in out
    assert MissionDelivery.objects.count() == 1
    assert "2013-S1" in run("missions", C, "--as-of", "2013-08-01")
    shown = run("show", C, "11/1", "--language", "nl")
    assert "art. 11 action 1: [fr] Création d’un Comité" in shown  # no Dutch text: marked


@pytest.mark.django_db
@pytest.mark.usefixtures("inami")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["complete", C, "99/1", "--on", "2013-01-01", "--evidence", "x"], "ARTICLE/ACTION"),
        (["complete", C, "11/1", "--on", "2013-01-01", "--evidence", "  "], "evidence"),
        (["complete", C, "11/1", "--on", "2099-01-01", "--evidence", "x"], "future"),
        (["complete", C, "11/2", "--milestone", "2016-12-31", "--on", "2013-01-01",
          "--evidence", "x"], "2013-12-31, 2014-12-31, 2015-12-31"),
        (["complete", C, "11/1", "--on", "2013-01-01", "--evidence", "x", "--link", "nope"],
         "web address"),
        (["event", C, "date", "--on", "2013-01-01"], "names several events"),
        (["list", "no-such-contract"], "pilotage web load-seeds"),
    ],
)  # fmt: skip
def test_errors_teach(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["actions", *args])
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert message in result.output
    assert Completion.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("inami")
def test_demo_progress_is_labelled_and_idempotent() -> None:
    first = seed_demo_progress(C)
    assert first.completions > 20
    assert first.events > 3
    assert first.deliveries > 5
    assert all(c.evidence.startswith(DEMO_PREFIX) for c in Completion.objects.all())
    assert all(e.note.startswith(DEMO_PREFIX) for e in EventOccurrence.objects.all())
    entries = AuditEntry.objects.count()
    second = seed_demo_progress(C)
    assert (second.completions, second.events, second.deliveries) == (0, 0, 0)
    assert AuditEntry.objects.count() == entries
    statuses = json.loads(run("list", C, "--as-of", "2016-01-01", "--json"))["counts"]
    assert statuses["done_on_time"] > 0
    assert statuses["done_late"] > 0
    assert statuses["overdue"] > 0


@pytest.mark.database  # the subprocess runs on DATABASE_URL: the PostgreSQL pass keeps it
def test_commands_set_django_up_themselves(tmp_path: Path) -> None:
    # In-process tests run with Django configured by pytest; a real run starts from nothing.
    env = {**os.environ, "PILOTAGE_DATA_DIR": str(tmp_path), "PILOTAGE_WEB_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = "from pilotage.cli import main; main()"
    for args in (["web", "migrate"], ["actions", "list", C]):
        done = subprocess.run(
            [sys.executable, "-c", script, *args], env=env, capture_output=True, text=True
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: no contract 'inami-2013-2015' in the web database")
