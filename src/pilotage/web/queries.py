"""Query parameters shared by the pages and the API, read once with the message of what is
expected (a BadQuery, answered 400)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from pilotage.errors import BadQuery

__all__ = ["FIRST_DAY", "LAST_DAY", "as_of_day"]

# The days a contract can be looked at on: far beyond any contract, short of the calendar's end
# (the deadlines and cycles computed from the day must still be dates).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def as_of_day(value: str | dt.date | None, default: dt.date, name: str = "as_of") -> dt.date:
    """The day `value` names (YYYY-MM-DD), `default` when empty; BadQuery otherwise."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return default
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise BadQuery(
                _("%(name)s=%(value)s is not a date: write it as YYYY-MM-DD, e.g. 2014-06-30.")
                % {"name": name, "value": text}
            ) from None
    elif value is None:
        return default
    else:
        day = value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadQuery(
            _("%(name)s=%(value)s is out of range: a day from %(first)s to %(last)s.")
            % {"name": name, "value": day.isoformat(), "first": FIRST_DAY, "last": LAST_DAY}
        )
    return day
