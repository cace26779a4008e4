"""The evaluation jobs from the command line and the API, and the reminder digests."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from pilotage.cli import main
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.reminding import send_digests


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_show_step_and_position_from_the_command_line(demo: m.Evaluation) -> None:
    code, out = _run("evaluation", "show", "inami-2013-2015", "2014")
    assert code == 0
    assert out.count("NOT AGREED") == 2
    key = demo.items.filter(commissioners_assessment="", institution_assessment__gt="").get().key
    code, out = _run(
        "evaluation", "position", "inami-2013-2015", "2014", key, "--assessment", "met",
        "--motivation", "ok", "--as", "demo-contract-manager",
    )  # fmt: skip
    assert code == 0  # the manager writes the institution's position, not the commissioners'
    assert m.Item.objects.get(evaluation=demo, key=key).commissioners_assessment == ""
    code, out = _run(
        "evaluation", "step", "inami-2013-2015", "2014", "report_sent", "--on", "2015-04-01",
        "--as", "demo-contract-manager",
    )  # fmt: skip
    assert code == 1
    assert "before meeting_held on 2015-04-20" in out
    code, out = _run(
        "evaluation", "step", "inami-2013-2015", "2014", "report_sent", "--on", "2015-05-07",
        "--as", "demo-government-commissioner",
    )  # fmt: skip
    assert code == 1
    assert "the institution's contract manager does" in out
    code, out = _run("evaluation", "document", "inami-2013-2015", "2014", "draft", "--version", "1")
    assert json.loads(out)["sent_on"] == "2015-03-31"
    code, out = _run("evaluation", "request", "list", "inami-2013-2015")
    assert "[deemed_approved]" in out


def test_the_api_answers_as_the_pages(demo: m.Evaluation) -> None:
    client = Client()
    client.force_login(User.objects.get(username="demo-viewer"))
    found = client.get("/api/contracts/inami-2013-2015/evaluations/2014").json()
    assert len([i for i in found["items"] if i["institution"] and i["commissioners"]]) == 5
    response = client.post(
        "/api/contracts/inami-2013-2015/evaluations/2014/positions",
        {"item": "action:11/2", "assessment": "met", "motivation": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_api_refusals_come_from_the_one_handler_with_their_status(
    demo: m.Evaluation,
) -> None:
    """The evaluation endpoints translate no error themselves: the API's PilotageError handler
    answers each with its class's status and message, and nothing is changed."""
    client = Client()
    client.force_login(User.objects.get(username="demo-contract-manager"))
    steps = "/api/contracts/inami-2013-2015/evaluations/2014/steps"
    before = list(m.Evaluation.objects.values())

    def post(url: str, body: dict[str, str]) -> tuple[int, str]:
        response = client.post(url, body, content_type="application/json")
        return response.status_code, response.json()["detail"]

    status, detail = post(steps, {"step": "lunch", "on": "2015-05-07"})
    assert (status, detail) == (
        400,
        "step 'lunch': draft_sent, meeting_held, report_sent, closed",
    )
    status, detail = post(steps, {"step": "report_sent", "on": "2015-04-01"})
    assert status == 409  # EvaluationOrderError
    assert "before meeting_held on 2015-04-20" in detail
    positions = "/api/contracts/inami-2013-2015/evaluations/2014/positions"
    status, detail = post(positions, {"item": "action:11/2", "assessment": "so-so",
                                      "motivation": "x"})  # fmt: skip
    assert (status, detail) == (400, "assessment 'so-so': met, partly_met, not_met")
    assert list(m.Evaluation.objects.values()) == before


def test_digests_are_sent_once_a_day(demo: m.Evaluation) -> None:
    User.objects.filter(username="demo-government-commissioner").update(email="gc@example.be")
    first = send_digests(30, dt.date(2015, 5, 4))
    [digest] = first.sent
    assert digest.user == "demo-government-commissioner"
    assert "2014/report_sent" in mail.outbox[0].body
    assert send_digests(30, dt.date(2015, 5, 4)).sent == []
    assert len(mail.outbox) == 1
    assert len(send_digests(30, dt.date(2015, 5, 5)).sent) == 1
