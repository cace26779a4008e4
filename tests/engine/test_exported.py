"""The public API of pilotage.engine is what we mean it to be, and it says what it computes."""

from __future__ import annotations

import pilotage.engine as engine


def test_exported_names() -> None:
    assert sorted(engine.__all__) == sorted(
        [
            "KINDS",
            "LATE_SCHEMA",
            "RESULT_SCHEMA",
            "Anchor",
            "CaveatNote",
            "Figure",
            "IndicatorResult",
            "KindSpec",
            "LateCase",
            "LateState",
            "Level",
            "MeasureError",
            "Measurement",
            "ResultSet",
            "SetChanges",
            "FigureChange",
            "changes_between",
            "discard_set",
            "publish_set",
            "Span",
            "Status",
            "contract_version",
            "late_cases",
            "kept_late_cases",
            "measured_late_cases",
            "list_result_sets",
            "load_result_set",
            "measure",
            "measurable",
            "offices_under",
            "publish",
        ]
    )
    for name in engine.__all__:
        assert getattr(engine, name) is not None, name


def test_every_export_of_ours_is_documented() -> None:
    for name in engine.__all__:
        value = getattr(engine, name)
        ours = getattr(value, "__module__", "").startswith("pilotage.engine")
        if ours and (callable(value) or isinstance(value, type)):
            assert value.__doc__, name


def test_the_module_docstring_states_each_definition() -> None:
    doc = engine.__doc__ or ""
    for words in (
        "timeliness (VOB 2-01",
        "share (PEN 1-02",
        "amount_ratio (P2P 1-01)",
        "count (ECL 1-01)",
        "plan_share (EAE 1-01)",
        "no norm",
        "31 mai",
        "nearest rank",
        "invalid",
        "forecast",
    ):
        assert words in doc, words
