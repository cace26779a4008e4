"""The late-case page lists the cases a published figure counted, as of its measurement: cases
imported or corrected since do not change it, and the page names the measurement. A set
measured before late cases were kept with it is listed from today's data, and says so."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook  # type: ignore[import-untyped]

from pilotage.contract import load_contract, seed_path
from pilotage.engine import (
    IndicatorResult,
    LateState,
    Status,
    late_cases,
    measure,
    offices_under,
    publish,
)
from pilotage.facts import DuckDBFactStore
from pilotage.facts.settings import DATA_DIR_ENV
from pilotage.web.dashboards.sync import sync_results
from tests.web.test_dashboards import (
    CONTRACT,
    Store,
    html_tables,
    inasti,
    objective_url,
    store,
    viewer,
)

pytestmark = pytest.mark.django_db
__all__ = ["inasti", "store", "viewer"]
PERIOD = "2019-Q4"


def _row(store: Store, level: str) -> IndicatorResult:
    """The VOB 2-01 figure of `level` in 2019-Q4 with the most cases ended late."""
    rows = [
        r
        for r in store.sets[level].rows
        if r.objective == "VOB 2-01" and r.period == PERIOD and r.denominator
    ]
    return max(rows, key=lambda r: (r.denominator or 0) - r.numerator)


def _copy(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A synced copy of the module's store, which the pages read."""
    copy = tmp_path / "facts.duckdb"
    shutil.copy(store.path, copy)
    sync_results(copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    return copy


def _reimport(copy: Path, offices: set[str] | None) -> None:
    """After the measurement, as a later import would: four more VOB 2-01 cases in each office
    (all of them when None), started in June 2019 and ended in December, 120 days being long
    past; and every case still open then ends on 31 December, late too."""
    where = "" if offices is None else " AND office IN (SELECT unnest(?))"
    params = [] if offices is None else [sorted(offices)]
    with DuckDBFactStore(copy) as facts:
        con = facts.connection
        con.execute(
            "INSERT INTO cases SELECT c.* REPLACE (case_id || '-late-' || n AS case_id, "
            "DATE '2019-06-03' AS start_date, DATE '2019-12-16' AS end_date) FROM cases c, "
            "range(4) AS r(n) WHERE objective = 'VOB 2-01' AND case_id IN (SELECT min(case_id) "
            f"FROM cases WHERE objective = 'VOB 2-01'{where} GROUP BY office)",
            params,
        )
        con.execute(
            "UPDATE cases SET end_date = DATE '2019-12-31' WHERE objective = 'VOB 2-01' "
            f"AND end_date IS NULL AND start_date < DATE '2019-08-01'{where}",
            params,
        )


def _page(viewer: Client, row: IndicatorResult) -> tuple[str, list[list[str]]]:
    url = objective_url(PERIOD, "VOB 2-01") + f"late/?unit={row.unit}&norm=0"
    response = viewer.get(url)
    assert response.status_code == 200
    return response.content.decode(), html_tables(response.content).tables[0][2:]


@pytest.mark.parametrize("level", ["office", "region", "institution"])
def test_the_list_is_the_measurement_s_after_a_re_import(
    store: Store,
    viewer: Client,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    level: str,
) -> None:
    row = _row(store, level)
    copy = _copy(store, tmp_path, monkeypatch)
    contract = load_contract(seed_path(CONTRACT))
    with DuckDBFactStore(copy, read_only=True) as facts:
        offices = None if level == "institution" else offices_under(facts.org_units(), row.unit)
    _reimport(copy, offices)
    with DuckDBFactStore(copy, read_only=True) as facts:
        today = late_cases(facts.cases(), contract, "VOB 2-01", PERIOD, norm=0, offices=offices)
    ended_today = sum(1 for c in today if c.state is LateState.ENDED_LATE)
    expected = int((row.denominator or 0) - row.numerator)
    assert ended_today > expected  # today's data would list more than the figure counted

    text, cases = _page(viewer, row)
    ended = [r for r in cases if r[-1] == "ended late"]
    opened = [r for r in cases if r[-1] == "open, overdue"]
    assert (len(ended), len(opened)) == (expected, row.overdue)
    assert "The counts differ" not in text
    assert "The cases this figure counted when it was measured" in text
    assert f"result set {store.sets[level].id}, version 1" in text
    assert f"as of {row.as_of.isoformat()}" in text
    assert "from today&#x27;s data" not in text
    assert "from today's data" not in text
    if level == "office":
        assert all(r[2] == row.unit for r in cases)


def test_the_export_holds_the_same_cases(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = _row(store, "office")
    copy = _copy(store, tmp_path, monkeypatch)
    _reimport(copy, None)
    text, cases = _page(viewer, row)
    export = objective_url(PERIOD, "VOB 2-01") + f"late/export.xlsx?unit={row.unit}&norm=0"
    assert export.replace("&", "&amp;") in text
    response = viewer.get(export)
    assert response.status_code == 200
    assert "_late.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    listed = next(r for r in values if r[0] == "Late cases listed")
    assert "counted when it was measured" in str(listed[1])
    head = values.index(
        ["Case", "Pseudonym", "Office", "Start", "End", "Deadline", "Days late", "State"]
    )
    exported = [[str(c) for c in r] for r in values[head + 1 : head + 1 + len(cases)]]
    assert [r[0] for r in exported] == [r[0] for r in cases]
    assert [int(r[6]) for r in exported] == [int(r[6]) for r in cases]  # a number, not text
    assert all(isinstance(r[6], int) for r in values[head + 1 : head + 1 + len(cases)])


def test_a_set_without_its_list_is_listed_from_today_and_says_so(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = _row(store, "office")
    copy = _copy(store, tmp_path, monkeypatch)
    with DuckDBFactStore(copy) as facts:  # as a set measured before the lists were kept
        facts.connection.execute("DELETE FROM late_cases")
        facts.connection.execute("DELETE FROM late_lists")
    text, cases = _page(viewer, row)
    assert "was measured before pilotage kept the late cases" in text
    assert sum(1 for r in cases if r[-1] == "ended late") == (row.denominator or 0) - row.numerator
    assert "The counts differ" not in text  # nothing imported since: today's list still matches
    _reimport(copy, {row.unit})
    text, _cases = _page(viewer, row)
    assert "was measured before pilotage kept the late cases" in text
    assert "The counts differ" in text


def test_the_objective_page_shows_a_year_judged_beside_its_neutralised_part(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """VOB 1-01 is not reachable from July 2019: the year keeps a status, judged on January to
    June, and the page says so beside it."""
    copy = _copy(store, tmp_path, monkeypatch)
    contract = load_contract(seed_path(CONTRACT))
    with DuckDBFactStore(copy) as facts:
        year = measure(facts.cases(), facts.org_units(), contract, "2019", "institution")
        publish(facts, year)
    sync_results(copy)
    row = next(r for r in year.rows if r.objective == "VOB 1-01" and r.norm_index == 0)
    assert row.status is not Status.CAVEAT_APPLIES
    assert row.basis_numerator is not None
    response = viewer.get(objective_url("2019", "VOB 1-01"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "judged on the days not neutralised" in text
    assert "2019-07-01 to 2019-12-31 neutralised" in text
    quarter = viewer.get(objective_url("2019-Q4", "VOB 1-01")).content.decode()
    assert "judged on the days not neutralised" not in quarter  # Q4 is neutralised whole
    api = viewer.get(f"/api/contracts/{CONTRACT}/results?period=2019&objective=VOB%201-01")
    assert api.status_code == 200
    (figure,) = [f for f in api.json()["figures"] if f["norm_index"] == 0]
    assert (figure["neutralised_from"], figure["neutralised_to"]) == ("2019-07-01", "2019-12-31")
    assert figure["basis_numerator"] == float(row.basis_numerator)
    assert figure["status"] == row.status.value


def test_the_list_is_filtered_by_office_sorted_and_exported_as_shown(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import csv

    row = _row(store, "institution")
    _copy(store, tmp_path, monkeypatch)
    _text, everything = _page(viewer, row)
    offices = sorted({r[2] for r in everything})
    assert len(offices) > 1
    office = max(offices, key=lambda o: sum(1 for r in everything if r[2] == o))
    base = objective_url(PERIOD, "VOB 2-01") + f"late/?unit={row.unit}&norm=0"
    page = viewer.get(f"{base}&office={office}&sort=start")
    assert page.status_code == 200
    shown = html_tables(page.content).tables[0][2:]
    assert [r[2] for r in shown] == [office] * sum(1 for r in everything if r[2] == office)
    assert [r[3] for r in shown] == sorted(r[3] for r in shown)  # by start
    text = page.content.decode()
    assert f"{len(shown)} of the {len(everything)} cases listed are shown." in text
    assert "The counts differ" not in text  # the figure reconciles with the whole list
    by_days = html_tables(viewer.get(base).content).tables[0][2:]
    assert [int(r[6]) for r in by_days] == sorted((int(r[6]) for r in by_days), reverse=True)
    assert viewer.get(f"{base}&sort=colour").status_code == 400

    export = viewer.get(
        objective_url(PERIOD, "VOB 2-01")
        + f"late/export.csv?unit={row.unit}&norm=0&office={office}&sort=start",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert export["Content-Disposition"].endswith('_late.csv"')
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Dossier", "Pseudonyme", "Bureau"]  # in the reader's language
    assert [r[0] for r in lines[1:]] == [r[0] for r in shown]
    assert all(r[2] == office for r in lines[1:])
    assert "niss" not in export.content.decode("utf-8-sig").lower()


def test_a_figure_with_nothing_late_links_to_no_empty_list(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy(store, tmp_path, monkeypatch)
    nothing = [
        r
        for r in store.sets["office"].rows
        if r.objective == "VOB 2-01"
        and r.period == PERIOD
        and r.denominator is not None
        and r.denominator == r.numerator
        and not r.overdue
    ]
    late = [
        r
        for r in store.sets["office"].rows
        if r.objective == "VOB 2-01" and r.period == PERIOD and r.overdue
    ]
    assert late  # the page links those
    page = viewer.get(objective_url(PERIOD, "VOB 2-01")).content.decode()
    assert f"late/?unit={late[0].unit}&amp;norm=0" in page
    for r in nothing:
        assert f"late/?unit={r.unit}&amp;norm=0" not in page, r.unit
