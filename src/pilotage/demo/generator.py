"""The INASTI demonstration data: synthetic case flows for every objective measured from cases.

`generate_demo(contract)` draws, for every objective whose indicator is a timeliness, share,
amount-ratio, count or plan-share indicator, five years of cases (2016-2020 by default: the
contract measures from 2019, the earlier years give trends), in a dozen regional offices, with
a seasonal intake, open cases at the end and a few suspensions. Shares are calibrated against
each norm so that about half the norms are met and half missed in the contract's first year,
some narrowly and some widely, deterministically for a given seed.

Everything is SYNTHETIC and labelled so: case ids start with `DEMO-`, office names end with
" (démo)", Parquet files carry `pilotage.synthetic=true`, CSV files get a `.SYNTHETIC.txt`
sidecar, and every NISS deliberately fails the Belgian checksum (see `pilotage.demo.niss`).

How each kind is represented in the case records (docs/case-records.md):

- timeliness: `start_date` is the start event, `end_date` the end event (empty while open);
  `category` where a norm has per-category delays (P2P 1-02) or a population filter (ECL 5-01);
  `attr.<name>` where a population filters on an attribute (ECL 2-04: `attr.sample` = `30%`);
- share (no delay): one case per unit of the denominator; the numerator cases have an `end_date`;
- amount_ratio: `amount_due` and `amount_collected` per case, `end_date` when collected;
- count: one case per event, counted in the year of its `end_date`;
- plan_share: `planned` true for the plan's cases; a case is done when it has an `end_date` in the
  year it started.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped]

from pilotage.contract import Contract, IndicatorKind
from pilotage.demo.calibration import NormAim, calibration_norms, norm_span, plan_aims
from pilotage.demo.flows import Flow
from pilotage.demo.kinds import (
    Objective,
    Span,
    amount_flow,
    count_flow,
    plan_flow,
    share_flow,
    timeliness_flow,
)
from pilotage.demo.niss import synthetic_niss
from pilotage.demo.offices import office_weights, offices, org_units_table
from pilotage.demo.profiles import profile_for
from pilotage.demo.records import (
    ATTRIBUTE_PREFIX,
    case_schema,
    date_array,
    decimal_array,
    digits_array,
    write_table,
)
from pilotage.demo.season import day_number, intake_weights

__all__ = ["DEFAULT_SEED", "DEMO_END", "DEMO_START", "DemoDataset", "generate_demo", "write_demo"]

DEFAULT_SEED = 2019
DEMO_START = dt.date(2016, 1, 1)
DEMO_END = dt.date(2020, 12, 31)
_PERSONS = 150_000  # people the demonstration cases are about (at scale 1)

_FLOWS: dict[IndicatorKind, Callable[[np.random.Generator, Objective, Span], Flow]] = {
    IndicatorKind.TIMELINESS: timeliness_flow,
    IndicatorKind.SHARE: share_flow,
    IndicatorKind.AMOUNT_RATIO: amount_flow,
    IndicatorKind.COUNT: count_flow,
    IndicatorKind.PLAN_SHARE: plan_flow,
}


@dataclass(frozen=True)
class DemoDataset:
    """The demonstration cases, their org units, and what each norm was calibrated to."""

    cases: pa.Table
    org_units: pa.Table
    aims: tuple[NormAim, ...]
    seed: int
    contract_id: str

    def aims_table(self) -> pa.Table:
        """One row per norm: objective, norm, target, aimed value and planned outcome."""
        return pa.table(
            {
                "objective": [a.objective for a in self.aims],
                "kind": [a.kind.value for a in self.aims],
                "norm": [a.label for a in self.aims],
                "target": [a.target for a in self.aims],
                "aimed": [round(a.aimed, 2) for a in self.aims],
                "outcome": [a.outcome.value for a in self.aims],
                "met": [a.outcome.met for a in self.aims],
            }
        )


def _rng(seed: int, *key: str | int) -> np.random.Generator:
    """An independent stream per purpose, stable when other objectives are added or removed."""
    words = [k if isinstance(k, int) else zlib.crc32(k.encode()) for k in key]
    return np.random.default_rng([seed, *words])


def generate_demo(
    contract: Contract,
    *,
    start: dt.date = DEMO_START,
    end: dt.date = DEMO_END,
    seed: int = DEFAULT_SEED,
    scale: float = 1.0,
) -> DemoDataset:
    """Synthetic cases for every objective of `contract` measured from cases, start to end.

    `scale` multiplies the yearly volumes (tests use a small one; at least 30 cases a year are
    kept per objective so that the calibrated shares stay meaningful).
    """
    if end < start:
        raise ValueError(f"the end {end} is before the start {start}")
    calibration = min(max(contract.starts, start), end)
    span = Span(
        day_number(start),
        day_number(end),
        calibration.year,
        intake_weights(day_number(start), day_number(end)),
        scale,
    )
    aims = plan_aims(contract, _rng(seed, "aims"), calibration)
    global_bias = _rng(seed, "offices").normal(0.0, 0.1, len(offices()))
    persons = synthetic_niss(_rng(seed, "persons"), max(1_000, round(_PERSONS * scale)))
    parts: list[tuple[str, Flow, np.ndarray]] = []
    for service, _, objective in contract.objectives():
        try:
            kind, _ = calibration_norms(contract, objective.code, calibration)
        except KeyError:
            continue
        rng = _rng(seed, objective.code)
        mine = sorted(
            (a for a in aims if a.objective == objective.code), key=lambda a: norm_span(a.norm)
        )
        indicator = next(i for i in objective.indicators if i.kind is kind)
        profile = profile_for(objective.code, rng)
        obj = Objective(
            objective.code,
            indicator,
            tuple(mine),
            profile,
            growth=rng.uniform(-0.03, 0.06),
            slope=rng.uniform(-1.5, 1.5),
            office_p=office_weights(service.code),
            office_bias=global_bias + rng.normal(0.0, 0.08, len(global_bias)),
        )
        flow = _FLOWS[kind](rng, obj, span)
        niss = (
            persons[rng.integers(0, len(persons), len(flow))]
            if profile.person
            else np.zeros(len(flow), dtype=np.int64)
        )
        parts.append((objective.code, flow, niss))
    if not parts:
        kinds = ", ".join(k.value for k in _FLOWS)
        raise ValueError(
            f"the contract {contract.id} has no objective measured from cases ({kinds}): "
            "there is nothing to generate"
        )
    cases = _assemble(parts, {"pilotage.seed": str(seed), "pilotage.contract": contract.id})
    return DemoDataset(cases, org_units_table(), tuple(aims), seed, contract.id)


def _assemble(parts: list[tuple[str, Flow, np.ndarray]], metadata: dict[str, str]) -> pa.Table:
    """One table of all objectives, each sorted by start day, in the contract's order."""
    attribute_names = sorted({name for _, f, _ in parts for name in f.attributes})
    columns: dict[str, list[pa.Array]] = {}

    def add(name: str, array: pa.Array) -> None:
        columns.setdefault(name, []).append(array)

    office_codes = [u.code for u in offices()]
    for code, flow, niss in parts:
        n = len(flow)
        order = np.argsort(flow.start, kind="stable")
        add("case_id", digits_array(np.arange(1, n + 1), 7, f"DEMO-{code.replace(' ', '')}-"))
        add("objective", pa.array([code] * n, pa.string()))
        add(
            "office",
            pa.array(np.array(office_codes, dtype=object)[flow.office[order]], pa.string()),
        )
        add("start_date", date_array(flow.start[order]))
        add("end_date", date_array(flow.end[order]))
        add("category", _text(flow.category, order, n))
        for name, cents in (
            ("amount_due", flow.amount_due),
            ("amount_collected", flow.amount_collected),
        ):
            if cents is None:
                add(name, pa.nulls(n, pa.decimal128(15, 2)))
            else:
                add(name, decimal_array(cents[order]))
        if flow.planned is None:
            add("planned", pa.nulls(n, pa.bool_()))
        else:
            add("planned", pa.array(flow.planned[order] == 1, pa.bool_()))
        add("suspensions", _text(flow.suspensions, order, n))
        add("niss", digits_array(niss[order], 11, mask=niss[order] == 0))
        for name in attribute_names:
            add(ATTRIBUTE_PREFIX + name, _text(flow.attributes.get(name), order, n))
    schema = case_schema(attribute_names, metadata)
    arrays = []
    for field in schema:
        chunked = pa.chunked_array(columns[field.name], _plain(field.type)).combine_chunks()
        if pa.types.is_dictionary(field.type):
            chunked = chunked.dictionary_encode()
        arrays.append(chunked)
    return pa.Table.from_arrays(arrays, schema=schema)


def _plain(type_: pa.DataType) -> pa.DataType:
    return type_.value_type if pa.types.is_dictionary(type_) else type_


def _text(values: np.ndarray | None, order: np.ndarray, n: int) -> pa.Array:
    if values is None:
        return pa.nulls(n, pa.string())
    return pa.array(values[order], pa.string())


_DESCRIPTION = (
    "INASTI demonstration case records for the contract {contract} (seed {seed}): synthetic case\n"
    "flows in the schema of docs/case-records.md, calibrated so that some norms are met and\n"
    "some missed. Not INASTI data."
)


def write_demo(dataset: DemoDataset, directory: Path | str, *, csv: bool = False) -> list[Path]:
    """Write cases (Parquet, or CSV), org units and calibration aims into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    text = _DESCRIPTION.format(contract=dataset.contract_id, seed=dataset.seed)
    cases = directory / ("cases.csv" if csv else "cases.parquet")
    written = write_table(dataset.cases, cases, text)
    written += write_table(
        dataset.org_units,
        directory / "org-units.csv",
        "The org units of the demonstration cases: code, name, parent, level.",
    )
    written += write_table(
        dataset.aims_table(),
        directory / "calibration.csv",
        "What each norm of the demonstration was calibrated to (aimed value "
        "and outcome) in the contract's first year.",
    )
    return written
