"""Finding what a user names in a contract: an action by its key, a mission, an event."""

from __future__ import annotations

from pilotage.contract import Action, Article, ContinuousMission, Contract, DeadlineForm
from pilotage.errors import FollowupError
from pilotage.followup._model import ActionFollowup, MissionFollowup, action_key, event_key


def events_of(contract: Contract) -> dict[str, list[tuple[Article, Action]]]:
    """Every event a relative deadline waits for, with the actions that wait for it."""
    found: dict[str, list[tuple[Article, Action]]] = {}
    for article, action in contract.actions():
        d = action.deadline
        if d is not None and d.form is DeadlineForm.RELATIVE and d.event is not None:
            found.setdefault(event_key(d.event, contract), []).append((article, action))
    return found


def find_action(contract: Contract, key: str) -> tuple[Article, Action]:
    """The action named `ARTICLE/ACTION` ("21/1.a"); FollowupError names the choices."""
    for article, action in contract.actions():
        if action_key(article, action) == key.strip():
            return article, action
    raise FollowupError(
        f"contract {contract.id} has no action {key!r}; name one as ARTICLE/ACTION, e.g. "
        f"'{_first_action(contract)}' (see 'pilotage actions list {contract.id}')"
    )


def _first_action(contract: Contract) -> str:
    for article, action in contract.actions():
        return action_key(article, action)
    return "11/1"


def find_mission(contract: Contract, code: str) -> ContinuousMission:
    for mission in contract.continuous_missions:
        if str(mission.code) == code.strip():
            return mission
    codes = ", ".join(str(m.code) for m in contract.continuous_missions) or "none"
    raise FollowupError(f"contract {contract.id} has no continuous mission {code!r}: {codes}")


def find_event(contract: Contract, query: str) -> str:
    """The event named by `query`: its exact text, an action key whose event it is, or a
    piece of its text that names one event only."""
    events = events_of(contract)
    wanted = query.strip()
    if wanted in events:
        return wanted
    for name, actions in events.items():
        if any(action_key(a, x) == wanted for a, x in actions):
            return name
    matches = [name for name in events if wanted.casefold() in name.casefold()]
    if len(matches) == 1:
        return matches[0]
    shown = {name: events[name] for name in matches} if len(matches) > 1 else events
    listing = "\n".join(
        f"  {', '.join(action_key(a, x) for a, x in acts)}: {name}" for name, acts in shown.items()
    )
    why = "names several events" if matches else "names no event"
    raise FollowupError(
        f"{query!r} {why} of contract {contract.id}; give the event's text, a piece of it, or "
        f"an action that waits for it:\n{listing}"
    )


def milestone_keys(followup: ActionFollowup | MissionFollowup) -> list[str]:
    return [m.key for m in followup.milestones]
