"""The demonstration evaluation: INAMI 2014, every text marked "DEMONSTRATION:".

What it sets up, through the same service functions as the pages: an art. 42 adaptation
request sent in February 2014 and deemed approved by silence, consolidated into the contract;
two art. 50 entries (one neutralising art. 22 for the first half of 2014); one art. 51 notice,
acknowledged and still open; one art. 48 meeting; the evaluation of 2014 with its narrative,
the draft sent on 31 March 2015, the meeting held on 20 April 2015, and a contradictory report
in writing: two items disagreed (both positions), three agreed, one where the commissioners
have still to write theirs, and the report to send (the contract manager's part).

Idempotent: nothing is done twice; a second run finds every piece in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import yaml
from django.contrib.auth.models import User

from pilotage.contract import to_plain
from pilotage.evaluation import Art51Stage, Assessment, MeasureSource, Party, Step
from pilotage.web.evaluation import models as m
from pilotage.web.evaluation.changes import create_request, send_request, settle_requests
from pilotage.web.evaluation.registers import (
    Art50Input,
    advance_notice,
    give_notice,
    record_art50,
    record_meeting,
)
from pilotage.web.evaluation.services import (
    Actor,
    edit_narrative,
    open_evaluation,
    record_step,
    write_position,
)
from pilotage.web.progress.recording import contract_of, version_of

__all__ = ["DEMO", "DemoEvaluation", "seed_demo_evaluation"]

DEMO = "DEMONSTRATION:"
CONTRACT = "inami-2013-2015"
YEAR = 2014
MANAGER, COMMISSIONER = "demo-contract-manager", "demo-government-commissioner"
ADAPTED = ("22", "3")  # art. 22 action 3, "Date limite : 31.3.2014", moved to 30 September


@dataclass(frozen=True)
class DemoEvaluation:
    created: bool

    def __str__(self) -> str:
        state = "recorded" if self.created else "already there, kept"
        return (
            f"{CONTRACT}: DEMONSTRATION evaluation of {YEAR} {state} (draft sent, meeting held, "
            "report in writing), 1 adaptation request, 2 art. 50 entries, 1 art. 51 notice\n"
            f"    {COMMISSIONER}'s part: write the commissioners' position on the item that "
            "still waits for it\n"
            f"    {MANAGER}'s part: then record the step 'report sent' and close the evaluation"
        )


def _amendment() -> str:
    contract = contract_of(version_of(CONTRACT))
    article = next(a for a in contract.articles if a.number == ADAPTED[0])
    action = next(x for x in article.actions if x.number == ADAPTED[1])
    data = {
        "format": "pilotage-contract/1",
        "id": f"{CONTRACT}-adaptation-demo-1",
        "kind": "amendment",
        "amends": CONTRACT,
        "title": {"fr": f"{DEMO} adaptation art. 42 du délai de l'art. 22 action 3"},
        "institution": to_plain(contract.institution),
        "period": {"start": "2014-03-01", "end": "2015-12-31"},
        "languages": ["fr"],
        "references": [{"id": CONTRACT, "title": to_plain(contract.title), "available": True}],
        "articles": [
            {
                "number": article.number,
                "title": to_plain(article.title),
                "actions": [
                    {
                        "number": action.number,
                        "text": to_plain(action.text),
                        "deadline": {
                            "printed": "Date limite : 30.9.2014.",
                            "form": "date",
                            "dates": ["2014-09-30"],
                        },
                    }
                ],
            }
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _actor(username: str) -> Actor:
    return Actor.of(User.objects.get(username=username), version_of(CONTRACT))


def seed_demo_evaluation() -> DemoEvaluation:
    """Record the demonstration evaluation; the demonstration accounts must exist."""
    version = version_of(CONTRACT)
    scope = {"contract_id": CONTRACT, "institution": version.institution}
    if m.Evaluation.objects.filter(**scope, year=YEAR).exists():
        settle_requests(CONTRACT)
        return DemoEvaluation(created=False)
    manager, commissioner = _actor(MANAGER), _actor(COMMISSIONER)
    if not m.AdaptationRequest.objects.filter(**scope).exists():
        req = create_request(
            CONTRACT,
            m.RequestKind.TARGETS,
            f"{DEMO} art. 22 action 3: the deadline of 31 March 2014 moved to 30 September 2014",
            _amendment(),
            manager,
        )
        send_request(req, dt.date(2014, 2, 14), manager)
    settle_requests(CONTRACT)  # no decision within 30 working days: deemed approved
    record_art50(
        CONTRACT,
        Art50Input(
            dt.date(2013, 11, 8),
            MeasureSource.ROYAL_DECREE,
            f"{DEMO} invented royal decree widening the data exchanges of art. 22",
            ("22/1", "22/3"),
            communicated_on=dt.date(2013, 12, 2),
            effect_cases=12000,
            effect_fte=Decimal("3.5"),
            effect_days=60,
            neutralise_from=dt.date(2014, 1, 1),
            neutralise_to=dt.date(2014, 6, 30),
        ),
        manager,
        demo=True,
    )
    record_art50(
        CONTRACT,
        Art50Input(
            dt.date(2014, 9, 15),
            MeasureSource.MINISTERIAL_DECISION,
            f"{DEMO} invented ministerial decision adding a survey to art. 11",
            ("11/3",),
            communicated_on=dt.date(2015, 4, 10),  # after the draft was due: not in time
            effect_days=20,
        ),
        manager,
        demo=True,
    )
    notice = give_notice(
        CONTRACT,
        "25/1",
        f"{DEMO} the supplier of the control application delivers six months late",
        dt.date(2014, 5, 12),
        manager,
        demo=True,
    )
    advance_notice(notice, Art51Stage.ACKNOWLEDGED, dt.date(2014, 5, 20), commissioner)
    record_meeting(
        CONTRACT,
        dt.date(2014, 10, 7),
        f"{DEMO} art. 48 concertation on the 2015 budget measures",
        "Commissaires du Gouvernement; Administrateur général; Cellule modernisation",
        f"{DEMO} the institution sends its impact estimate before 31 October",
        commissioner,
        demo=True,
    )
    evaluation, _ = open_evaluation(CONTRACT, YEAR, manager, demo=True)
    keys = list(
        evaluation.items.filter(key__startswith="action:")
        .order_by("order")[:6]
        .values_list("key", flat=True)
    )
    for key in keys:
        edit_narrative(
            evaluation, key, f"{DEMO} the cell's narrative of {key} for {YEAR}.", manager
        )
    record_step(evaluation, Step.DRAFT_SENT, dt.date(2015, 3, 31), manager)
    record_step(evaluation, Step.MEETING_HELD, dt.date(2015, 4, 20), manager)
    evaluation.refresh_from_db()
    for n, key in enumerate(keys):
        write_position(
            evaluation,
            key,
            Party.INSTITUTION,
            Assessment.MET,
            f"{DEMO} the institution's motivation for {key}.",
            manager,
        )
        if n == len(keys) - 1:
            break  # the commissioners' position on the last item is theirs to write
        theirs = Assessment.PARTLY_MET if n < 2 else Assessment.MET
        write_position(
            evaluation,
            key,
            Party.STATE,
            theirs,
            f"{DEMO} the commissioners' motivation for {key}.",
            commissioner,
        )
    return DemoEvaluation(created=True)
