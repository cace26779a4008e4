"""Synthetic case records: the INASTI demonstration data and bulk data for benchmarks.

Everything made here is SYNTHETIC and says so: case ids start with `DEMO-`, office names end
with " (démo)", Parquet files carry the metadata `pilotage.synthetic=true`, CSV files get a
`<file>.SYNTHETIC.txt` sidecar, and every NISS fails the Belgian checksum on purpose
(`niss_is_valid` is the real check), so no number can ever be a real person's.

    generate_demo(contract)           INASTI demonstration cases, 2016-2020, calibrated to the norms
    write_demo(dataset, directory)    cases, org units and calibration aims as files
    generate_cases(rows, out)         millions of generic benchmark cases, chunk by chunk
    benchmark_contract()              the contract those benchmark cases are measured against
"""

from __future__ import annotations

from pilotage.demo.bulk import (
    GenerationReport,
    benchmark_contract,
    benchmark_objectives,
    benchmark_org_units,
    generate_cases,
)
from pilotage.demo.calibration import NormAim, Outcome
from pilotage.demo.generator import (
    DEFAULT_SEED,
    DEMO_END,
    DEMO_START,
    DemoDataset,
    generate_demo,
    write_demo,
)
from pilotage.demo.niss import niss_check_digits, niss_is_valid
from pilotage.demo.offices import DEMO_ORG_UNITS, org_units_table
from pilotage.demo.records import CASE_COLUMNS, SYNTHETIC_KEY, case_schema
from pilotage.demo.translations import demo_translations

__all__ = [
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
    "demo_translations",
    "generate_cases",
    "generate_demo",
    "niss_check_digits",
    "niss_is_valid",
    "org_units_table",
    "write_demo",
]
