"""The public names of pilotage.demo are the ones we mean."""

from __future__ import annotations

import pilotage.demo


def test_exported_names() -> None:
    assert set(pilotage.demo.__all__) == {
        "CASE_COLUMNS",
        "DEFAULT_SEED",
        "DEMO_END",
        "DEMO_ORG_UNITS",
        "DEMO_START",
        "SYNTHETIC_KEY",
        "DemoDataset",
        "GenerationReport",
        "NormAim",
        "Outcome",
        "benchmark_contract",
        "benchmark_objectives",
        "benchmark_org_units",
        "case_schema",
        "generate_cases",
        "demo_translations",
        "generate_demo",
        "niss_check_digits",
        "niss_is_valid",
        "org_units_table",
        "write_demo",
    }
    for name in pilotage.demo.__all__:
        assert getattr(pilotage.demo, name) is not None
