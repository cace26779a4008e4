"""The public API of pilotage.legaltime is what we mean it to be."""

from __future__ import annotations

import pilotage.legaltime as lt


def test_exported_names() -> None:
    assert sorted(lt.__all__) == sorted(
        [
            "DEFAULT_CALENDAR", "MONTHS_IN", "Calendar", "Convention", "DayKind", "Deadline",
            "DeadlineAnswer", "DeadlineForm", "Delay", "DelayUnit", "Holiday", "Language",
            "LocalText", "NonWorkingEnd", "Occurrence", "Offset", "ParsedDeadline", "Period",
            "PeriodKind", "Recurrence", "Rule", "Schedule", "Strict",
            "calendar_names", "calendar_table", "deadline", "deadlines", "elapsed",
            "fixed_day_in", "get_calendar", "legal_holidays", "load_calendars", "months_from",
            "nth_year", "on_time", "parse_date", "parse_deadline", "parse_rule", "period_of",
            "periods_between", "rule_from_delay", "to_contract_deadline", "vectorised",
            "with_deadlines",
        ]
    )  # fmt: skip
    for name in lt.__all__:
        assert getattr(lt, name) is not None, name


def test_every_export_of_ours_is_documented() -> None:
    for name in lt.__all__:
        value = getattr(lt, name)
        ours = getattr(value, "__module__", "").startswith("pilotage.legaltime")
        if ours and (callable(value) or isinstance(value, type)):
            assert value.__doc__, name


def test_the_module_docstring_states_each_convention_with_an_example() -> None:
    doc = lt.__doc__ or ""
    for words in ("Convention `judicial`", "Convention `elapsed`", "31 July 2019", "22 July 2019"):
        assert words in doc


def test_the_contract_states_time_in_legaltime_terms() -> None:
    import pilotage.contract as contract

    for name in (
        "Convention", "Deadline", "DeadlineForm", "Delay", "DelayUnit", "LocalText", "Offset",
        "PeriodKind", "Recurrence",
    ):  # fmt: skip
        assert getattr(contract, name) is getattr(lt, name), name
