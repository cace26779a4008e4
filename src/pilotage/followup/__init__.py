"""Follow-up of action-commitments and continuous missions: due dates and statuses.

Plain Python over the contract model and legal time: no database, no web. The web application
and the command line feed it what was recorded (completions, event occurrences, mission
deliveries) and show what it computes.

Milestones (which date counts)
    Every action-commitment is followed through its milestones: one due date each, and each is
    done on its own completion date. By deadline form:

    - `date` ("Date limite : 30 juin 2013"): one milestone, due that day.
    - `dates` ("31/12/2013 ; 31/12/2014 ; 31/12/2015"): one milestone per date; each is a
      deliverable of its own (art. 11 action 2 is three yearly milestones).
    - `period` ("1er trimestre de 2013"): one milestone per period, due on the period's last
      day (art. 21 action 1.a: 2013-Q1, due 31 March 2013).
    - `recurring` ("chaque année dans le courant du 4e trimestre de l'année X-1"): one milestone
      per occurrence of the schedule (`pilotage.legaltime.Schedule`) due within the contract
      period, keyed by its cycle (art. 21 action 1.b: due 31 December 2013, 2014, 2015).
    - `relative` ("X + 6 mois"): one milestone, due = the event's date + the offset under the
      judicial convention of legal time (Judicial Code art. 52-54: months "de quantième à veille
      de quantième", a last day on a weekend or holiday moves to the next working day). Until
      the event is recorded the milestone waits. When the deadline also carries a recurrence
      (art. 27 action 3: "+ 6 mois ; et ensuite annuellement avant le 30 septembre"), the
      schedule's occurrences due after the first milestone and within the contract period
      follow it.
    - `invalid` ("31/04/2013", art. 21 action 2): the date that does not exist is one
      `unreadable` milestone, shown with its printed text and diagnosis, never guessed; the
      valid dates the contract file kept are milestones as usual.
    - `unstructured` (art. 12 action 6): one `unreadable` milestone.
    - `continuous`, or no deadline at all: no milestone; the action is `no_deadline`.

Statuses of a milestone at an as-of day
    What was recorded with a date after the as-of day is not known yet on that day: a
    completion or an event dated later is ignored, so looking back shows the past as it was.

    - `done_on_time`: completed on or before its due date. A completion recorded while the
      event of a relative deadline is still unknown is on time: its delay had not started.
    - `done_late`: completed after its due date.
    - `overdue`: not completed and the due date is before the as-of day.
    - `due_soon`: not completed and due within `soon_days` (default 30) days from the as-of
      day, the as-of day and the due day included.
    - `not_due`: not completed and due later than that.
    - `waiting_event`: a relative deadline whose event has not been recorded (on or before the
      as-of day).
    - `unreadable`: the printed deadline has no date that can be used (invalid or
      unstructured); the printed text and the diagnosis are shown instead.
    - `no_deadline`: the action has no deadline (or a continuous one): followed, never late.

Status of an action-commitment (first rule that applies)
    `unreadable` when its deadline is invalid or unstructured; `no_deadline` when it has no
    milestone; else `overdue`, `due_soon`, `waiting_event`, `not_due` when any milestone has
    that status (in that order); else (all milestones done) `done_late` when any was late,
    otherwise `done_on_time`.

Continuous missions (INAMI art. 36)
    A mission with a recurring deadline ("Semestriel", "Pour la fin du premier trimestre de
    chaque année civile") has one milestone per occurrence of its schedule due within the
    contract period, keyed by the occurrence's cycle ("2013-S1", "2014"); a delivery recorded
    for that cycle completes it. Cycles of several years are counted from the contract's start,
    so "Tous les 5 ans" from 2013 is first due at the end of 2017: no occurrence falls within
    2013-2015. A mission status follows the action rule.

Keys
    An action is named `ARTICLE/ACTION` ("21/1.a", "29.1/2.b"); a milestone of an action by its
    due date (`2013-12-31`), its period (`2013-Q1`), its cycle (`2014`), `event` for the first
    due date of a relative deadline or `unreadable`; an event by its text in the contract's
    first language ("date de publication de l’arrêté royal").
"""

from __future__ import annotations

from pilotage.errors import FollowupError
from pilotage.followup._lookup import (
    events_of,
    find_action,
    find_event,
    find_mission,
    milestone_keys,
)
from pilotage.followup._milestones import (
    count_statuses,
    follow_action,
    follow_actions,
    follow_mission,
    follow_missions,
    upcoming,
)
from pilotage.followup._model import (
    DEFAULT_SOON_DAYS,
    ActionFollowup,
    Completion,
    MilestoneState,
    MissionFollowup,
    Progress,
    Status,
    UpcomingDeadline,
    action_key,
    event_key,
    today,
)

__all__ = [
    "DEFAULT_SOON_DAYS",
    "ActionFollowup",
    "Completion",
    "FollowupError",
    "MilestoneState",
    "MissionFollowup",
    "Progress",
    "Status",
    "UpcomingDeadline",
    "action_key",
    "count_statuses",
    "event_key",
    "events_of",
    "find_action",
    "find_event",
    "find_mission",
    "follow_action",
    "follow_actions",
    "follow_mission",
    "follow_missions",
    "milestone_keys",
    "today",
    "upcoming",
]
