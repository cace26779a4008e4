"""Server time of the dashboard pages on a contract of benchmark size.

    .venv/bin/python benchmarks/web_pages.py [--rows 200000] [--requests 200]
        [--database-url postgresql://user:password@host/name] [--data /tmp/pilotage-web-bench]

Builds a contract of 60 timeliness objectives over 8 quarters (2019-Q1..2020-Q4) in 12 offices
(`pilotage.demo.bulk`: synthetic cases, 5 regions), imports the cases into a fact store in a
temporary data dir, measures and publishes the result sets per office, region and institution,
and mirrors them into the web database (`sync_results`). The web database is SQLite in the data
dir, or, with --database-url, a fresh database `<name>_web_benchmark` created on that server
(the role needs CREATEDB) and dropped at the end.

Then, as a logged-in contract manager, Django's test Client requests the contract dashboard, a
service dashboard and an objective page --requests times each (after a few warm-up requests),
and prints the median and 95th percentile server time of each page, and its SQL query count.
Target: p95 under 150 ms. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pyarrow import csv  # type: ignore[import-untyped]

CONTRACT_OBJECTIVES = 60
OFFICES = 12
YEARS = 2  # 2019 and 2020: 8 quarters
PERIOD = "2020-Q4"
SECRET = "web-benchmark-key-0123456789abcdef"
TARGET_P95_MS = 150.0


def build_store(data: Path, rows: int) -> Path:
    """Cases generated, imported, measured and published; returns the contract file."""
    from pilotage.contract import ExportFormat, dump_contract
    from pilotage.demo import benchmark_contract, benchmark_org_units, generate_cases
    from pilotage.engine import measure, publish
    from pilotage.facts import DuckDBFactStore, import_cases, read_org_units
    from pilotage.facts.settings import STORE_FILE
    from pilotage.legaltime import Period, periods_between

    contract = benchmark_contract(CONTRACT_OBJECTIVES, years=YEARS)
    contract_file = data / "bench-contract.yaml"
    contract_file.write_text(dump_contract(contract, ExportFormat.YAML), encoding="utf-8")
    units = data / "org-units.csv"
    csv.write_csv(benchmark_org_units(OFFICES), units)
    cases = data / "cases.parquet"
    t0 = time.perf_counter()
    generate_cases(rows, cases, objectives=CONTRACT_OBJECTIVES, offices=OFFICES, years=YEARS)
    with DuckDBFactStore(data / STORE_FILE) as store:
        import_cases(store, [cases], contract, secret=SECRET, org_units=read_org_units(units))
        quarters = periods_between(Period.parse("2019-Q1"), Period.parse(PERIOD))
        figures = 0
        for level in ("office", "region", "institution"):
            published = publish(
                store, measure(store.cases(), store.org_units(), contract, quarters, level)
            )
            figures += published.row_count
    print(
        f"fact store: {rows:,} cases, {len(quarters)} quarters x {CONTRACT_OBJECTIVES} objectives "
        f"x {OFFICES} offices (+ regions, institution): {figures:,} figures published "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    return contract_file


def web_database(database_url: str | None) -> Any:
    """Set Django up on SQLite in the data dir, or on a new database of `database_url`."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "pilotage.web.settings"
    os.environ["PILOTAGE_WEB_DEBUG"] = "0"  # as in production: no query log, no debug pages
    os.environ.setdefault("PILOTAGE_WEB_SECRET_KEY", "web-benchmark-only-" + "k" * 40)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        # Django's test-database machinery: a new database, migrated, dropped at the end.
        connection.settings_dict["TEST"]["NAME"] = (
            connection.settings_dict["NAME"] + "_web_benchmark"
        )
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", interactive=False, verbosity=0)
    return connection


def time_pages(contract_file: Path, store_file: Path, requests: int) -> list[tuple[str, float]]:
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from pilotage.web.accounts.models import Grant, Institution, Role
    from pilotage.web.catalogue.loading import load_contract_file
    from pilotage.web.dashboards.models import Figure
    from pilotage.web.dashboards.sync import sync_results

    version = load_contract_file(str(contract_file), "BENCH").version
    t0 = time.perf_counter()
    sync_results(store_file)
    print(
        f"web database {connection.vendor} {connection.settings_dict['NAME']}: "
        f"{Figure.objects.count():,} figures mirrored in {time.perf_counter() - t0:.1f} s"
    )
    user = User.objects.create_user("bench-manager")
    Grant.objects.create(
        user=user,
        institution=Institution.objects.get(code="BENCH"),
        role=Role.CONTRACT_MANAGER.value,
    )
    client = Client()
    client.force_login(user)
    kwargs = {"contract_id": version.contract_id, "period": PERIOD}
    pages = {
        "contract dashboard": reverse("dashboards:contract", kwargs=kwargs),
        "service dashboard": reverse("dashboards:service", kwargs={**kwargs, "service": "BEN"}),
        "objective page": reverse(
            "dashboards:objective", kwargs={**kwargs, "objective": "BEN 01-01"}
        ),
    }
    queries: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    results = []
    print(f"{'page':20} {'median':>9} {'p95':>9} {'max':>9} {'queries':>8} {'KiB':>6}  url")
    for name, url in pages.items():
        for _ in range(5):  # warm-up: templates, translations, connections
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        queries.clear()
        with connection.execute_wrapper(count):
            response = client.get(url)
        times = []
        for _ in range(requests):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(
            f"{name:20} {statistics.median(times):7.1f}ms {p95:7.1f}ms {times[-1]:7.1f}ms "
            f"{len(queries):8} {len(response.content) / 1024:6.0f}  {url}"
        )
        results.append((name, p95))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="synthetic cases to generate")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--database-url", help="PostgreSQL server of the web database")
    parser.add_argument("--data", type=Path, help="keep the data dir here (default: temporary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pilotage-web-bench-") as tmp:
        data = args.data or Path(tmp)
        data.mkdir(parents=True, exist_ok=True)
        os.environ["PILOTAGE_DATA_DIR"] = str(data)
        (data / "static").mkdir(exist_ok=True)  # WhiteNoise's root (nothing is served from it)
        contract_file = build_store(data, args.rows)
        connection = web_database(args.database_url)
        try:
            results = time_pages(contract_file, data / "facts.duckdb", args.requests)
        finally:
            if connection.vendor == "postgresql":
                connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    slow = [name for name, p95 in results if p95 >= TARGET_P95_MS]
    print(
        f"target p95 < {TARGET_P95_MS:.0f} ms: "
        + (f"MISSED by {', '.join(slow)}" if slow else "met")
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
