"""Each role's refusals from the command line: the same rights as the pages, a message naming
who, as what, may not do what and who does, exit code 1, nothing changed."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pilotage.cli import main
from pilotage.web.audit.models import AuditEntry
from pilotage.web.evaluation import models as m

CONTRACT, YEAR = "inami-2013-2015", "2014"
MANAGER, COMMISSIONER = "demo-contract-manager", "demo-government-commissioner"
OTHERS = ("demo-viewer", "demo-service-owner")


def _jobs(key: str) -> dict[str, tuple[list[str], str]]:
    """Each job, as its arguments, and the party that alone may do it."""
    position = ["position", CONTRACT, YEAR, key, "--assessment", "met", "--motivation", "x"]
    return {
        "open": (["open", CONTRACT, "2015"], "the institution's contract manager does"),
        "step": (
            ["step", CONTRACT, YEAR, "report_sent", "--on", "2015-05-07"],
            "the institution's contract manager does",
        ),
        "narrative": (
            ["narrative", CONTRACT, YEAR, key, "--text", "x"],
            "the institution's contract manager does",
        ),
        "calendar": (
            ["calendar", CONTRACT, YEAR, "--draft-due", "2015-03-31", "--agreed-on", "2015-01-20"],
            "the institution's contract manager does",
        ),
        "request send": (
            ["request", "send", CONTRACT, "1", "--on", "2014-02-14"],
            "the institution's contract manager does",
        ),
        "position": (position, "may not"),
    }


def _run(args: list[str], username: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["evaluation", *args, "--as", username])
    return result.exit_code, result.output


@pytest.mark.parametrize("username", [COMMISSIONER, *OTHERS])
def test_the_manager_s_jobs_are_refused_to_every_other_role(
    demo: m.Evaluation, username: str
) -> None:
    item = demo.items.first()
    assert item is not None
    key = str(item.key)
    audit = AuditEntry.objects.count()
    for job, (args, who_does) in _jobs(key).items():
        if job == "position" and username == COMMISSIONER:
            continue  # the commissioner writes their own position
        code, out = _run(args, username)
        assert code == 1, (job, out)
        assert username in out, (job, out)
        assert who_does in out, (job, out)
    assert AuditEntry.objects.count() == audit
    demo.refresh_from_db()
    assert demo.state == "meeting_held"
    assert not m.Evaluation.objects.filter(contract_id=CONTRACT, year=2015).exists()


def test_an_unknown_user_is_refused_before_anything(demo: m.Evaluation) -> None:
    code, out = _run(["open", CONTRACT, "2015"], "nobody")
    assert code != 0
    assert "no active user 'nobody'" in out
