"""`pilotage measure` and `pilotage late`: the indicator engine from the command line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from pilotage.contract import (
    SEED_IDS,
    Contract,
    IndicatorKind,
    TargetUnit,
    load_contract,
    resolve_contract_path,
)
from pilotage.engine import (
    IndicatorResult,
    LateCase,
    Level,
    MeasureError,
    ResultSet,
    Status,
    late_cases,
    list_result_sets,
    measure,
    measured_late_cases,
    offices_under,
    publish,
)
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore, FactStore
from pilotage.facts.settings import DATA_DIR_ENV, store_path
from pilotage.legaltime import Period, parse_date, periods_between

__all__ = ["late", "measure_command", "show_result_set"]

_STORE_HELP = (
    f"The fact store file (default: ${DATA_DIR_ENV}/facts.duckdb, else ./data/facts.duckdb)."
)
_CONTRACT_HELP = f"A contract file, or the id of a shipped seed ({', '.join(SEED_IDS)})."


def _contract(name: str) -> Contract:
    return load_contract(resolve_contract_path(name))


def _day(text: str | None) -> dt.date | None:
    return None if text is None else parse_date(text)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Status):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _value(row: IndicatorResult) -> str:
    if row.value is None:
        return "-"
    return (
        _percent(row.value)
        if row.target_unit in (None, TargetUnit.PERCENT) and row.kind != IndicatorKind.COUNT
        else f"{row.value:g}"
    )


def _target(row: IndicatorResult) -> str:
    if row.target is None:
        return "-"
    shown = row.target_in_period if row.pro_rata else row.target
    unit = "%" if row.target_unit == TargetUnit.PERCENT else ""
    text = f"{row.target_operator} {_number(shown)}{unit}"
    return f"{text} (pro rata)" if row.pro_rata else text


def _norm(row: IndicatorResult) -> str:
    if row.norm_index is None:
        return "-"
    return row.norm_printed or f"norm {row.norm_index + 1}"


def _table(lines: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    ]


def _forecast(r: IndicatorResult) -> str:
    if r.forecast_best is None or r.forecast_worst is None:
        return "-"
    if r.forecast_best == r.forecast_worst:
        return _percent(r.forecast_best)
    return f"{r.forecast_worst:.1f}-{r.forecast_best:.1f}%"


def _rows_text(rows: list[IndicatorResult], periods: bool) -> list[str]:
    """The rows as a table; with `periods`, a column says which period each row is."""
    head = ["objective", "norm", "unit", "value", "target", "status", "num/den"]
    head += ["median/p90", "backlog/overdue", "forecast", "notes"]
    lines = [["period", *head] if periods else head]
    for r in rows:
        den = "-" if r.denominator is None else str(_number(r.denominator))
        delays = "-" if r.median_delay is None else f"{r.median_delay}/{r.p90_delay}"
        overdue = "-" if r.overdue is None else str(r.overdue)
        open_ = "-" if r.backlog is None else f"{r.backlog}/{overdue}"
        notes = [f"[{c.footnote}]" if c.footnote else f"[{c.kind}]" for c in r.caveats]
        if r.invalid:
            notes.append(f"{r.invalid} invalid")
        if r.unclassified:
            notes.append(f"{r.unclassified} unclassified")
        line = [r.objective, _norm(r), r.unit, _value(r), _target(r), r.status.value]
        line += [f"{_number(r.numerator)}/{den}", delays, open_, _forecast(r), " ".join(notes)]
        lines.append([r.period, *line] if periods else line)
    return _table(lines)


def _notes(rows: list[IndicatorResult]) -> list[str]:
    """Each caveat once, with the objectives it is shown beside; full text when the norm is
    announced as not reachable, the start of it otherwise (--json has every text in full)."""
    found: dict[tuple[str | None, str, str], list[str]] = {}
    for r in rows:
        for c in r.caveats:
            objectives = found.setdefault((c.footnote, c.kind, c.text), [])
            if r.objective not in objectives:
                objectives.append(r.objective)
    lines = []
    for (footnote, kind, text), objectives in found.items():
        mark = f"[{footnote}]" if footnote else f"[{kind}]"
        shown = text if kind == "not_reachable" or len(text) <= 160 else text[:157] + "..."
        lines.append(f"{mark} {', '.join(objectives)} ({kind}): {shown}")
    return lines


def _header(rs: ResultSet, published: bool) -> str:
    batches = ", ".join(str(b) for b in rs.batches) or "none"
    where = f"result set {rs.id} (version {rs.version})" if published else "not published"
    if published and not rs.published:
        where += (
            f", a candidate: the pages keep the published set until `pilotage results diff "
            f"{rs.id}` is reviewed and `pilotage results publish {rs.id}` run"
        )
    return (
        f"{rs.contract_id} {rs.periods} by {rs.level}, as of {rs.as_of}: {where}; "
        f"import batches {batches}; contract sha256 {rs.contract_sha256[:12]}"
    )


@click.command("measure")
@click.option(
    "--contract", "contract_name", required=True, metavar="ID_OR_FILE", help=_CONTRACT_HELP
)
@click.option(
    "--period",
    "period_text",
    required=True,
    metavar="PERIOD",
    help="2019-Q3, 2019-07, 2019-S2, 2019 or 2019-01-01..2020-12-31.",
)
@click.option(
    "--to",
    "last_text",
    metavar="PERIOD",
    help="Measure every period from --period to this one (same kind), in one pass.",
)
@click.option(
    "--level",
    type=click.Choice([level.value for level in Level]),
    default=Level.OFFICE.value,
    show_default=True,
)
@click.option(
    "--as-of",
    "as_of_text",
    metavar="DAY",
    help="Look at the last period on this day (data after it is ignored).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result set as JSON.")
@click.option("--all", "show_all", is_flag=True, help="Also print rows with no case at all.")
@click.option("--no-publish", is_flag=True, help="Compute and print, store no result set.")
@click.option(
    "--publish",
    "publish_now",
    is_flag=True,
    help="Publish at once, even when the period has a published set (no review).",
)
@click.option(
    "--lang",
    type=click.Choice(["fr", "nl", "en"]),
    default="fr",
    show_default=True,
    help="Language of norm labels and caveats (the other one when missing).",
)
@click.option(
    "--store", "store_file", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Where the computation runs. spark: the store's tables are exported to Parquet "
    "(--parquet) and the same computation runs on a Spark session (--spark-master); the "
    "result set is published in the fact store as usual.",
)
@click.option(
    "--spark-master",
    default="local[2]",
    show_default=True,
    envvar="PILOTAGE_SPARK_MASTER",
    help="The Spark master with --engine spark: local[N], spark://host:7077, yarn.",
)
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --engine spark: the directory the store's tables are exported to, read by "
    "every Spark executor (shared storage on a cluster). Default: spark/ beside the store.",
)
def measure_command(
    contract_name: str,
    period_text: str,
    last_text: str | None,
    level: str,
    as_of_text: str | None,
    as_json: bool,
    show_all: bool,
    no_publish: bool,
    publish_now: bool,
    lang: str,
    store_file: Path | None,
    engine: str,
    spark_master: str,
    parquet_dir: Path | None,
) -> None:
    """Measure every indicator of a contract for a period, and publish the result set.

    Reads the cases and org units of the fact store, computes each indicator against its
    norm(s) in force (value, status, caveats; for timeliness also median and 90th percentile
    delay, backlog, overdue and forecast) per office, region or the whole institution, and
    stores the result as a new immutable version (see docs: the definitions are in
    `pilotage.engine`). The first set of a period is published at once; measuring a period
    that has a published set makes a candidate: review it with `pilotage results diff ID`,
    publish it with `pilotage results publish ID` (or give --publish). Rows without any case
    are hidden unless --all.

    \b
    Examples:
      pilotage measure --contract inasti-2019-2020 --period 2019-Q3
      pilotage measure --contract inasti-2019-2020 --period 2019-Q3 --level region --json
      pilotage measure --contract inasti-2019-2020 --period 2019-Q1 --to 2019-Q4 --level institution
      pilotage measure --contract inasti-2019-2020 --period 2019 --engine spark \\
          --spark-master spark://cluster:7077 --parquet /shared/pilotage
    """
    contract = _contract(contract_name)
    first = Period.parse(period_text)
    periods = [first] if last_text is None else periods_between(first, Period.parse(last_text))
    path = store_file or store_path()
    if not path.exists():
        raise StoreError(f"no fact store at {path} yet: import cases first (pilotage cases import)")
    with DuckDBFactStore(path, read_only=no_publish) as store:
        source: FactStore = store
        if engine == "spark":
            source = _on_spark(store, parquet_dir or path.parent / "spark", spark_master)
        result = measure(
            source.cases(),
            source.org_units(),
            contract,
            periods,
            level,
            as_of=_day(as_of_text),
            language=lang,
        )
        if no_publish:
            rs = ResultSet(
                0,
                result.contract_id,
                result.contract_sha256,
                result.periods,
                result.level.value,
                0,
                result.as_of,
                dt.datetime.now(dt.UTC),
                result.batches,
                len(result.rows),
                rows=result.rows,
            )
        else:
            late = measured_late_cases(store.cases(), store.org_units(), contract, result)
            rs = publish(store, result, now=publish_now, late=late)
    if as_json:
        header = {f.name: _plain(getattr(rs, f.name)) for f in dataclasses.fields(rs)}
        out = {
            "result_set": {k: v for k, v in header.items() if k != "rows"},
            "skipped": [list(s) for s in result.skipped],
            "rows": [_plain(r) for r in rs.rows],
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    show_result_set(rs, published=not no_publish, show_all=show_all, periods=len(result.span))
    for objective, indicator, why in result.skipped:
        click.echo(f"not measured: {objective} ({indicator}): {why}")


def _on_spark(store: DuckDBFactStore, directory: Path, master: str) -> FactStore:
    """The store's tables exported to `directory` as Parquet and read by a Spark session."""
    from pilotage.facts import SparkFactStore, local_spark_session

    store.export_parquet(directory)
    click.echo(f"Spark ({master}): the store's tables exported to {directory}", err=True)
    try:
        session = local_spark_session("pilotage-measure", master=master)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"--engine spark: no Spark session on {master!r} ({first}); Spark needs Java 17 "
            "on PATH, and a cluster's master reachable; nothing was measured or published"
        ) from None
    return SparkFactStore(session, directory)


def show_result_set(
    rs: ResultSet, *, published: bool, show_all: bool = False, periods: int = 1
) -> None:
    """Print a result set as `pilotage measure` does: its header, the rows with cases (every
    row with `show_all`), a period column when it spans several `periods`, the caveats."""
    click.echo(_header(rs, published))
    shown = [
        r
        for r in rs.rows
        if show_all
        or r.denominator
        or r.backlog
        or r.invalid
        or (r.kind == IndicatorKind.COUNT and r.numerator)
    ]
    if shown:
        for line in _rows_text(shown, periods=periods > 1):
            click.echo(line)
    hidden = len(rs.rows) - len(shown)
    if hidden:
        click.echo(f"({hidden} rows without any case hidden; --all shows them)")
    for line in _notes(shown):
        click.echo(line)


def _default_contract(store: DuckDBFactStore) -> str:
    """The contract of the latest result set, else of the latest import batch."""
    sets = list_result_sets(store)
    if sets:
        return sets[-1].contract_id
    rows = store.batches().order_by("id").to_pyarrow().to_pylist()
    named = [b["contract_id"] for b in rows if b["contract_id"]]
    if named:
        return str(named[-1])
    raise MeasureError(
        "no contract named and none recorded in the store: give --contract ID_OR_FILE"
    )


def _late_text(found: list[LateCase]) -> list[str]:
    head = ("case_id", "person_key", "office", "start", "end", "deadline", "days late", "norm")
    lines = [head]
    for c in found:
        lines.append(
            (
                c.case_id,
                c.person_key or "-",
                c.office,
                c.start.isoformat(),
                c.end.isoformat() if c.end else "open",
                c.deadline.isoformat(),
                str(c.days_late),
                "-" if c.norm_index is None else str(c.norm_index + 1),
            )
        )
    return _table(lines)


@click.command()
@click.option("--objective", required=True, help='An objective code, e.g. "VOB 2-01".')
@click.option(
    "--period",
    "period_text",
    required=True,
    metavar="PERIOD",
    help="2019-Q3, 2019-07, 2019-S2, 2019 or 2019-01-01..2020-12-31.",
)
@click.option(
    "--norm",
    type=int,
    metavar="N",
    help="Only the N-th norm of the indicator (ECL 5-01: 1 is 90 days, 2 is 180 days).",
)
@click.option(
    "--office",
    metavar="CODE",
    help="Only the cases of this office, or of the offices of this region.",
)
@click.option(
    "--contract",
    "contract_name",
    metavar="ID_OR_FILE",
    help=_CONTRACT_HELP + " Default: the contract of the store's latest result set.",
)
@click.option("--as-of", "as_of_text", metavar="DAY", help="Look at the period on this day.")
@click.option("--ended-only", is_flag=True, help="Leave out the open, overdue cases.")
@click.option("--json", "as_json", is_flag=True, help="Print the cases as JSON.")
@click.option(
    "--store", "store_file", type=click.Path(dir_okay=False, path_type=Path), help=_STORE_HELP
)
def late(
    objective: str,
    period_text: str,
    norm: int | None,
    office: str | None,
    contract_name: str | None,
    as_of_text: str | None,
    ended_only: bool,
    as_json: bool,
    store_file: Path | None,
) -> None:
    """List the late cases behind a timeliness figure (drill-down).

    The cases of OBJECTIVE that ended in the period after their deadline, then the cases open
    at the period's end whose deadline has passed; most late first. Cases are named by their
    case_id and person_key (a pseudonym), never by NISS.

    \b
    Examples:
      pilotage late --objective "VOB 2-01" --period 2019-Q3
      pilotage late --objective "ECL 5-01" --period 2019-Q3 --norm 2 --office BRU
    """
    if norm is not None and norm < 1:
        raise MeasureError(f"--norm {norm}: norms are numbered from 1 (the first norm)")
    path = store_file or store_path()
    with DuckDBFactStore(path, read_only=True) as store:
        contract = _contract(contract_name or _default_contract(store))
        offices = offices_under(store.org_units(), office) if office else None
        found = late_cases(
            store.cases(),
            contract,
            objective,
            Period.parse(period_text),
            norm=None if norm is None else norm - 1,
            offices=offices,
            as_of=_day(as_of_text),
            include_open=not ended_only,
        )
    if as_json:
        click.echo(json.dumps([_plain(c) for c in found], ensure_ascii=False, indent=2))
        return
    ended = sum(1 for c in found if c.end is not None)
    if found:
        for line in _late_text(found):
            click.echo(line)
    click.echo(
        f"{ended} ended late, {len(found) - ended} open and overdue "
        f"({objective}, {period_text}, contract {contract.id})"
    )
