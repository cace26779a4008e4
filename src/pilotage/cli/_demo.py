"""`pilotage cases generate`: synthetic case records (demonstration data, benchmark data)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pilotage.cli._cases import cases
from pilotage.contract import dump_contract, load_contract, resolve_contract_path
from pilotage.demo import (
    DEFAULT_SEED,
    benchmark_contract,
    benchmark_org_units,
    generate_cases,
    generate_demo,
    write_demo,
)
from pilotage.demo.records import write_table

__all__ = ["generate"]


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("synthetic cases", total=total)
        yield lambda done: bar.update(task, completed=done)


@cases.command()
@click.option("--rows", type=click.IntRange(min=0), help="Number of benchmark cases to write.")
@click.option(
    "--demo",
    is_flag=True,
    help="Write the INASTI demonstration data (cases, org units, calibration) into --out DIR.",
)
@click.option(
    "--out",
    "-o",
    required=True,
    type=click.Path(path_type=Path),
    help="Benchmark: a .parquet (or .csv) file. --demo: a directory.",
)
@click.option(
    "--seed",
    type=int,
    default=DEFAULT_SEED,
    show_default=True,
    help="Same seed, same data, byte for byte.",
)
@click.option(
    "--objectives",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Benchmark: number of generic objectives (BEN 01-01, ...).",
)
@click.option(
    "--offices",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Benchmark: number of offices (O01, ...).",
)
@click.option(
    "--years",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Benchmark: years of cases, up to 2020-12-31.",
)
@click.option(
    "--write-contract",
    "contract_out",
    type=click.Path(path_type=Path),
    help="Benchmark: also write the matching contract (YAML) to this file.",
)
@click.option(
    "--write-org-units",
    "org_units_out",
    type=click.Path(path_type=Path),
    help="Benchmark: also write the matching org-unit file (CSV) to this file.",
)
@click.option(
    "--contract",
    "source",
    metavar="ID_OR_FILE",
    default="inasti-2019-2020",
    show_default=True,
    help="--demo: the contract whose objectives get cases (a file or a seed id).",
)
@click.option("--csv", "as_csv", is_flag=True, help="--demo: write cases.csv, not cases.parquet.")
@click.option(
    "--scale",
    type=click.FloatRange(min=0.001),
    default=1.0,
    show_default=True,
    help="--demo: multiply the yearly volumes (about 335,000 cases at 1).",
)
def generate(
    rows: int | None,
    demo: bool,
    out: Path,
    seed: int,
    objectives: int,
    offices: int,
    years: int,
    contract_out: Path | None,
    org_units_out: Path | None,
    source: str,
    as_csv: bool,
    scale: float,
) -> None:
    """Write SYNTHETIC case records: benchmark volumes, or the INASTI demonstration data.

    Everything written is labelled synthetic: case ids start with DEMO-, office names end with
    " (démo)", Parquet files carry the metadata pilotage.synthetic=true, CSV files get a
    <file>.SYNTHETIC.txt note, and every NISS fails the real checksum on purpose.

    With --rows, generic cases (50 objectives, 20 offices, 10 years by default) are written
    chunk by chunk in row groups of a million rows, in bounded memory; a path ending with .csv
    gives CSV (for small sizes).

    With --demo, DIR receives cases.parquet (2016-2020, every INASTI objective measured from
    cases, about half the 2019 norms met), org-units.csv and calibration.csv (what each norm
    was calibrated to).

    \b
    Examples:
      pilotage cases generate --rows 10000000 --out cases-10m.parquet
      pilotage cases generate --rows 1000 --out small.csv --seed 7
      pilotage cases generate --rows 1000000 --out b.parquet \\
          --write-contract b.yaml --write-org-units units.csv
      pilotage cases generate --demo --out demo/
    """
    if demo == (rows is not None):
        raise click.UsageError("give either --rows N (benchmark data) or --demo (INASTI data)")
    if demo:
        contract = load_contract(resolve_contract_path(source))
        try:
            dataset = generate_demo(contract, seed=seed, scale=scale)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        written = write_demo(dataset, out, csv=as_csv)
        met = sum(a.outcome.met for a in dataset.aims)
        objectives_n = len({a.objective for a in dataset.aims})
        click.echo(
            f"wrote {dataset.cases.num_rows:,} synthetic cases of {objectives_n} objectives "
            f"({met} of {len(dataset.aims)} norms calibrated as met in the first year)"
        )
        for path in written:
            click.echo(f"  {path}")
        return
    assert rows is not None
    try:
        with _progress(rows) as progress:
            report = generate_cases(
                rows,
                out,
                objectives=objectives,
                offices=offices,
                years=years,
                seed=seed,
                progress=progress,
            )
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    click.echo(
        f"wrote {report.rows:,} synthetic cases to {out} ({_size(report.bytes)}) in "
        f"{report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s)"
    )
    if contract_out is not None:
        contract_out.write_text(dump_contract(benchmark_contract(objectives, years=years)), "utf-8")
        click.echo(f"  contract: {contract_out}")
    if org_units_out is not None:
        write_table(
            benchmark_org_units(offices),
            org_units_out,
            "The org units of the benchmark cases: code, name, parent, level.",
        )
        click.echo(f"  org units: {org_units_out}")
