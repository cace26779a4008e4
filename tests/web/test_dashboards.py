"""Dashboards: mirrored result sets, the three pages, late cases and the XLSX exports.

One small real fact store is built per module (demonstration cases of the INASTI contract at a
small scale, two quarters measured per office, region and institution), then synced into the
test database by each test that needs it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import resolve, reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from pilotage.contract import load_contract, seed_path
from pilotage.demo import generate_demo, write_demo
from pilotage.engine import IndicatorResult, ResultSet, measure, measured_late_cases, publish
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore, import_cases, read_org_units
from pilotage.facts.settings import DATA_DIR_ENV
from pilotage.legaltime import Period, periods_between
from pilotage.web.accounts.models import Institution, Role
from pilotage.web.catalogue.loading import load_contract_file
from pilotage.web.catalogue.models import ContractVersion
from pilotage.web.dashboards.data import FigureRow
from pilotage.web.dashboards.models import Figure, PublishedSet
from pilotage.web.dashboards.sync import sync_results
from pilotage.web.dashboards.tables import number_text
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

CONTRACT = "inasti-2019-2020"
BASE = f"/contracts/{CONTRACT}/dashboard"
PERIODS = ("2019-Q3", "2019-Q4")


@dataclasses.dataclass(frozen=True)
class Store:
    dir: Path
    path: Path
    sets: dict[str, ResultSet]  # by level


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A fact store with demonstration cases and result sets of 2019-Q3..2019-Q4."""
    root = tmp_path_factory.mktemp("dashboards")
    contract = load_contract(seed_path(CONTRACT))
    data = generate_demo(contract, start=dt.date(2018, 1, 1), end=dt.date(2019, 12, 31), scale=0.05)
    write_demo(data, root / "demo")
    sets = {}
    with DuckDBFactStore(root / "facts.duckdb") as facts:
        import_cases(
            facts,
            [root / "demo" / "cases.parquet"],
            contract,
            secret="dashboards-test-key-" + "0" * 16,
            org_units=read_org_units(root / "demo" / "org-units.csv"),
            demonstration=True,
        )
        quarters = periods_between(Period.parse(PERIODS[0]), Period.parse(PERIODS[-1]))
        for level in ("office", "region", "institution"):
            m = measure(facts.cases(), facts.org_units(), contract, quarters, level)
            late = measured_late_cases(facts.cases(), facts.org_units(), contract, m)
            sets[level] = publish(facts, m, late=late)
    return Store(root, root / "facts.duckdb", sets)


@pytest.fixture
def inasti(db: None) -> None:
    """The INASTI contract in the catalogue (the only one these tests need).

    Checked and loaded once (about a second); later tests copy the row it made.
    """
    if not _LOADED:
        version = load_contract_file(CONTRACT, "INASTI").version
        _LOADED.update(
            {f.attname: getattr(version, f.attname) for f in ContractVersion._meta.concrete_fields}
        )
        return
    institution, _ = Institution.objects.get_or_create(code="INASTI")
    fields = {k: v for k, v in _LOADED.items() if k not in ("id", "institution_id")}
    ContractVersion.objects.create(institution=institution, **fields)


_LOADED: dict[str, Any] = {}


@pytest.fixture
def synced(store: Store, inasti: None, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv(DATA_DIR_ENV, str(store.dir))
    sync_results(store.path)
    return store


@pytest.fixture
def viewer(inasti: None) -> Client:
    make_user("viewer", Role.VIEWER, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # the texts below are the English ones
    client.login(request=HttpRequest(), username="viewer", password="pw-for-tests")
    return client


def _url(*parts: str) -> str:
    return "/".join([BASE, *parts]) + "/"


def objective_url(period: str, code: str) -> str:
    return reverse(
        "dashboards:objective",
        kwargs={"contract_id": CONTRACT, "period": period, "objective": code},
    )


PAGES = (
    _url("2019-Q4"),
    _url("2019-Q4", "services", "VOB"),
    _url("2019-Q4", "objectives", "VOB%202-01"),
)


# --- parsing what a reader sees -----------------------------------------------------------------


class _Tables(HTMLParser):
    """The `table.figures` of a page: caption, then header and body rows of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.notes: list[tuple[str, str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_table = False
        self._in_notes = False
        self._note: list[str] | None = None
        self._marker = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "figures" in classes:
            self._in_table = True
            self.tables.append([])
        elif self._in_table and tag == "caption":
            self._cell = []
        elif self._in_table and tag == "tr":
            self._row = []
        elif self._in_table and tag in ("td", "th"):
            self._cell = []
        elif tag == "dl" and "notes" in classes:
            self._in_notes = True
        elif self._in_notes and tag in ("dt", "dd"):
            self._note = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._in_table:
            self._in_table = False
        elif self._in_table and tag == "caption" and self._cell is not None:
            self.tables[-1].append(["".join(self._cell).strip()])
            self._cell = None
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            assert self._row is not None
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif self._in_table and tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "dl":
            self._in_notes = False
        elif self._in_notes and tag == "dt" and self._note is not None:
            self._marker = "".join(self._note).strip()
            self._note = None
        elif self._in_notes and tag == "dd" and self._note is not None:
            self.notes.append((self._marker, " ".join("".join(self._note).split())))
            self._note = None

    def handle_data(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)
        if self._note is not None:
            self._note.append(text)


def html_tables(content: bytes) -> _Tables:
    parser = _Tables()
    parser.feed(content.decode())
    return parser


def _trimmed(row: list[str]) -> list[str]:
    out = list(row)
    while out and out[-1] == "":
        out.pop()
    return out


def _shown(cell: Any) -> str:
    """A cell as Excel shows it: a number in its number format, a text as itself."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return " ".join(str(v).split())
    if cell.number_format == "0.0%":
        return f"{v * 100:.1f}%"
    # "#,##0", "#,##0.0", "#,##0.00": grouped in thousands, as many decimals as zeros after "."
    found = re.fullmatch(r"#,##0(?:\.(0+))?", cell.number_format)
    assert found, cell.number_format
    return f"{v:,.{len(found.group(1) or '')}f}"


def xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [_trimmed([_shown(cell) for cell in row]) for row in sheet.iter_rows()]


def _row_of(tables: list[list[list[str]]], caption: str, first: str) -> list[str]:
    for table in tables:
        if table[0] == [caption]:
            for row in table[2:]:
                if row[0].startswith(first):
                    return row
    raise AssertionError(f"no row {first!r} in table {caption!r}")


# --- sync ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("inasti")
@pytest.mark.db_differs  # figures copied in one transaction
def test_sync_copies_every_set_once(store: Store) -> None:
    first = sync_results(store.path)
    assert len(first.copied) == 3
    assert first.figures == sum(s.row_count for s in store.sets.values())
    assert "3 copied" in str(first)
    again = sync_results(store.path)
    assert again.copied == []
    assert again.already == 3
    assert "0 copied" in str(again)
    assert "3 already mirrored" in str(again)
    assert PublishedSet.objects.count() == 3
    assert Figure.objects.count() == first.figures
    mirrored = PublishedSet.objects.get(level="institution")
    assert mirrored.store_id == store.sets["institution"].id
    assert mirrored.demo  # its batches were imported as demonstration data
    assert mirrored.period_labels() == list(PERIODS)


@pytest.mark.usefixtures("inasti")
def test_the_demonstration_label_is_the_batches_flag_not_their_path(
    store: Store, tmp_path: Path
) -> None:
    """The same cases, read from the same `demo` directory, imported without the flag: the
    mirrored sets say real data."""
    copy = tmp_path / "facts.duckdb"
    shutil.copy(store.path, copy)
    with DuckDBFactStore(copy) as facts:
        facts.connection.execute("UPDATE import_batches SET demonstration = false")
        assert all("/demo/" in s for (s,) in facts.connection.execute(
            "SELECT source FROM import_batches").fetchall())  # fmt: skip
    sync_results(copy)
    assert PublishedSet.objects.count() == 3
    assert not PublishedSet.objects.filter(demo=True).exists()


def test_sync_skips_a_contract_not_in_the_catalogue(store: Store) -> None:
    report = sync_results(store.path)
    assert report.copied == []
    assert report.skipped == {CONTRACT: 3}
    assert "not in the catalogue" in str(report)
    assert not PublishedSet.objects.exists()


def test_sync_without_a_store_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no fact store at"):
        sync_results(tmp_path / "facts.duckdb")


@pytest.mark.db_differs  # decimals and dates round-trip through the database's own types
def test_mirrored_figures_equal_the_engine_rows(synced: Store) -> None:
    names = [f.name for f in dataclasses.fields(IndicatorResult)]
    for level, published in synced.sets.items():
        mirrored = PublishedSet.objects.get(level=level)
        figures = FigureRow.of(Figure.objects.filter(published_set=mirrored).order_by("row"))
        assert len(figures) == len(published.rows)
        for figure, row in zip(figures, published.rows, strict=True):
            assert [getattr(figure, n) for n in names] == [getattr(row, n) for n in names]


def measure_copy(
    store: Store, tmp_path: Path, periods: Period | list[Period]
) -> tuple[Path, ResultSet]:
    """A synced copy of the module's store, then `periods` measured again by institution."""
    copy = tmp_path / "facts.duckdb"
    shutil.copy(store.path, copy)
    sync_results(copy)
    contract = load_contract(seed_path(CONTRACT))
    with DuckDBFactStore(copy) as facts:
        again = measure(facts.cases(), facts.org_units(), contract, periods, "institution")
        late = measured_late_cases(facts.cases(), facts.org_units(), contract, again)
        return copy, publish(facts, again, late=late)


def test_a_newer_version_replaces_the_figures_shown(
    store: Store, inasti: None, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy, newer = measure_copy(store, tmp_path, Period.parse("2019-Q4"))
    report = sync_results(copy)
    assert len(report.copied) == 1
    page = viewer.get(_url("2019-Q4")).content.decode()
    assert f"result set {newer.id}, version 1 (2019-Q4)" in page
    older = viewer.get(_url("2019-Q3")).content.decode()  # the newer set does not hold it
    assert f"result set {store.sets['institution'].id}, version 1" in older


@pytest.mark.usefixtures("inasti")
@pytest.mark.db_differs  # sets told apart by their stored keys
def test_a_reset_store_is_not_mistaken_for_the_old_one(store: Store, tmp_path: Path) -> None:
    sync_results(store.path)
    contract = load_contract(seed_path(CONTRACT))
    with DuckDBFactStore(store.path, read_only=True) as facts:
        again = measure(facts.cases(), facts.org_units(), contract, "2019-Q4", "institution")
    fresh = tmp_path / "facts.duckdb"
    with DuckDBFactStore(fresh) as facts:  # a new store: ids and versions start again
        first = publish(facts, again)
    assert (first.id, first.version) == (1, 1)
    report = sync_results(fresh)
    assert len(report.copied) == 1
    assert PublishedSet.objects.filter(store_id=1, version=1).count() == 2


# --- the pages ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("synced")
def test_contract_dashboard_shows_the_engine_figures(store: Store, viewer: Client) -> None:
    response = viewer.get(_url("2019-Q4"))
    assert response.status_code == 200
    tables = html_tables(response.content).tables
    rows = [r for r in store.sets["institution"].rows if r.period == "2019-Q4"]
    for row in rows:
        if row.objective == "ECL 5-01" or row.objective not in _service_codes():
            continue  # two norms: checked on the objective page; common commitments below
        service = _service_codes()[row.objective]
        caption = next(t[0][0] for t in tables if t[0][0].startswith(f"{service} — "))
        cells = _row_of(tables, caption, row.objective + " ")
        value = "—" if row.value is None else f"{row.value:.1f}%"
        if row.kind == "count" and row.value is not None:
            value = str(int(row.value))
        assert cells[2] == value, row.objective
        assert cells[6] == number_text(row.numerator, "en")
        assert cells[7] == number_text(row.denominator, "en")
    summary = next(t for t in tables if t[0] == ["Figures per status"])
    counted = {r[0]: int(r[1]) for r in summary[2:]}
    assert sum(counted.values()) == len(rows)
    assert counted["✘ not met"] == sum(1 for r in rows if r.status == "not_met")


@pytest.mark.usefixtures("synced")
def test_each_figure_shows_its_change_since_the_previous_quarter_and_its_direction(
    store: Store, viewer: Client
) -> None:
    tables = html_tables(viewer.get(_url("2019-Q4")).content).tables
    rows = {
        (r.objective, r.period): r
        for r in store.sets["institution"].rows
        if r.norm_index in (0, None)
    }
    checked = 0
    for (objective, period), now in rows.items():
        before = rows.get((objective, "2019-Q3"))
        if period != "2019-Q4" or objective not in _service_codes() or objective == "ECL 5-01":
            continue
        caption = next(
            t[0][0] for t in tables if t[0][0].startswith(f"{_service_codes()[objective]} — ")
        )
        cell = _row_of(tables, caption, objective + " ")[5]
        if before is None or before.value is None or now.value is None:
            assert cell == "—", objective
            continue
        delta = now.value - before.value  # points for a share (a percentage)
        assert "since 2019-Q3" in cell, (objective, cell)
        if round(delta, 1) == 0:
            assert cell.startswith("="), (objective, cell)
        elif now.target_operator == ">=":
            assert cell.startswith("▲" if delta > 0 else "▼"), (objective, cell, delta)
            assert cell.endswith("better" if delta > 0 else "worse"), (objective, cell)
        checked += 1
    assert checked > 10
    dutch = viewer.get(_url("2019-Q4"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "sinds 2019-Q3" in dutch
    assert "Sinds de vorige periode" in dutch


@functools.cache
def _service_codes() -> dict[str, str]:
    contract = load_contract(seed_path(CONTRACT))
    return {o.code: s.code for s, _, o in contract.objectives()}


@pytest.mark.usefixtures("synced")
def test_status_is_readable_without_colour(viewer: Client) -> None:
    for url in PAGES:
        tables = html_tables(viewer.get(url).content).tables
        statuses = [
            cell
            for table in tables
            for row in table[2:]
            for cell in row
            if cell.split(" ")[0] in {"✔", "✘", "!", "?", "~", "–"}
        ]
        assert statuses, url
        for cell in statuses:
            assert len(cell.split(" ", 1)[1]) > 2  # a word after the symbol


@pytest.mark.usefixtures("synced")
def test_objective_page(viewer: Client, store: Store) -> None:
    response = viewer.get(objective_url("2019-Q4", "ECL 5-01"))
    assert response.status_code == 200
    page = response.content.decode()
    parsed = html_tables(response.content)
    figure = next(t for t in parsed.tables if t[0] == ["Figure"])
    assert len(figure[1]) == 1 + 2  # a column per norm
    assert figure[1][1].startswith("90 | 50%")
    assert figure[1][2].startswith("180 | 80%")
    assert [r[0] for r in figure[2:5]] == ["Value", "Target", "Status"]
    assert any(m == "[13]" for m, _ in parsed.notes)  # caveats beside the figure
    trend = next(t for t in parsed.tables if t[0] == ["Trend"])
    assert [r[0] for r in trend[2:]] == ["2019-Q3", "2019-Q4", "2019-Q3", "2019-Q4"]
    offices = next(t for t in parsed.tables if t[0] == ["Per office"])
    office_rows = [r for r in store.sets["office"].rows if r.objective == "ECL 5-01"]
    assert len(offices) - 2 == sum(1 for r in office_rows if r.period == "2019-Q4")
    regions = next(t for t in parsed.tables if t[0] == ["Per region"])
    assert len(regions) - 2 == 2 * 5
    assert page.count("<svg") == 2  # a trend chart per norm, drawn on the server
    # the charts need no script; the only one is htmx's, served by the application
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/django_htmx/htmx-2.min.js" defer>'], scripts
    assert "Backlog and overdue" in page
    assert "Forecast" in page
    assert "result set" in page
    assert "version 1" in page
    assert "DEMONSTRATION DATA" in page


@pytest.mark.usefixtures("synced")
def test_no_external_resource(viewer: Client) -> None:
    for url in PAGES:
        page = viewer.get(url).content.decode()
        for marker in ("https://", "http://cdn", "//cdn", "kozea.github.io", "pygal.org"):
            assert marker not in page, (url, marker)
        assert "/static/dashboards/dashboards.css" in page
    css = viewer.get("/static/dashboards/dashboards.css")
    assert css.status_code == 200
    assert b".status" in b"".join(css.streaming_content)
    css.close()


@pytest.mark.usefixtures("synced")
def test_service_dashboard_has_a_regional_breakdown(viewer: Client, store: Store) -> None:
    response = viewer.get(_url("2019-Q3", "services", "VOB"))
    assert response.status_code == 200
    tables = html_tables(response.content).tables
    captions = [t[0][0] for t in tables]
    assert captions[0].startswith("VOB — ")
    regional = next(t for t in tables if t[0] == ["Per region"])
    assert regional[1][:2] == ["Objective", "Norm"]
    assert len(regional[1]) == 2 + 5  # a column per region
    assert [r[0].split(" ")[1] for r in regional[2:]] == ["1-01", "2-01", "3-01", "4-01"]
    row = next(
        r
        for r in store.sets["region"].rows
        if r.objective == "VOB 2-01" and r.period == "2019-Q3" and r.unit == "R-BRB"
    )
    column = next(i for i, h in enumerate(regional[1]) if h.startswith("R-BRB "))
    cell = next(r for r in regional[2:] if r[0].startswith("VOB 2-01"))[column]
    assert cell.startswith(f"{row.value:.1f}% ")
    assert cell.endswith({"met": "✔ met", "not_met": "✘ not met"}.get(row.status.value, ""))


@pytest.mark.usefixtures("synced")
def test_contract_texts_in_the_reader_language(viewer: Client) -> None:
    dutch = viewer.get(_url("2019-Q3"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    french = viewer.get(_url("2019-Q3"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "[fr] " in dutch  # objective names exist only in French: marked
    assert "Rekening houdend" in dutch
    assert "[nl] Rekening houdend" not in dutch
    assert "[nl] Rekening houdend" in french


@pytest.mark.usefixtures("synced")
def test_period_selector_and_latest(viewer: Client) -> None:
    latest = viewer.get(f"{BASE}/")
    assert latest.status_code == 302
    assert latest["Location"] == _url("2019-Q4")
    page = viewer.get(_url("2019-Q3")).content.decode()
    assert f'href="{_url("2019-Q4")}"' in page
    assert f'href="{_url("2019-Q3")}" aria-current="page"' in page
    objective = viewer.get(objective_url("2019-Q3", "VOB 2-01")).content.decode()
    assert f'href="{objective_url("2019-Q4", "VOB 2-01")}"' in objective


@pytest.mark.parametrize(
    ("role", "told"),
    [
        (Role.ADMINISTRATOR, "pilotage web sync-results"),  # the one who runs the commands
        (Role.CONTRACT_MANAGER, "which the administrator of pilotage does"),
        (Role.VIEWER, "once the institution publishes its first measurement"),
        (Role.GOVERNMENT_COMMISSIONER, "once the institution publishes its first measurement"),
    ],
)
def test_latest_without_published_sets_speaks_to_the_role(
    inasti: None, role: Role, told: str
) -> None:
    make_user(f"u-{role.value}", role, "INASTI")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.login(request=HttpRequest(), username=f"u-{role.value}", password="pw-for-tests")
    page = client.get(f"{BASE}/").content.decode()
    assert told in page
    if role is not Role.ADMINISTRATOR:  # never told to run a command
        assert "pilotage measure" not in page
        assert "sync-results" not in page


@pytest.mark.usefixtures("synced")
def test_unknown_is_404(viewer: Client) -> None:
    for url in (
        _url("2018-Q1"),
        _url("2019-Q3", "services", "NOPE"),
        _url("2019-Q3", "objectives", "NOPE%201-01"),
        _url("2018-Q1", "objectives", "VOB%202-01"),
        _url("2018-Q1") + "export.xlsx",
        "/contracts/no-such-contract/dashboard/2019-Q3/",
    ):
        assert viewer.get(url).status_code == 404, url


def test_objective_urls_hold_spaces() -> None:
    url = objective_url("2019-Q3", "VOB 2-01")
    assert url == _url("2019-Q3", "objectives", "VOB%202-01")
    assert resolve(unquote(url)).kwargs["objective"] == "VOB 2-01"


# --- access ---------------------------------------------------------------------------------------

ALL = (
    *PAGES,
    *(p + "export.xlsx" for p in PAGES),
    _url("2019-Q4", "objectives", "VOB%202-01") + "late/?unit=INASTI&norm=0",
)


@pytest.mark.usefixtures("synced")
def test_granted_roles_read_every_page() -> None:
    for role in (Role.SERVICE_OWNER, Role.VIEWER, Role.GOVERNMENT_COMMISSIONER):
        make_user(role.value, role, "INASTI")
        client = Client()
        client.login(request=HttpRequest(), username=role.value, password="pw-for-tests")
        for url in ALL:
            assert client.get(url).status_code == 200, (role, url)


@pytest.mark.usefixtures("synced")
def test_ungranted_user_gets_403_everywhere() -> None:
    make_user("other", Role.CONTRACT_MANAGER, "INAMI")
    client = Client()
    client.login(request=HttpRequest(), username="other", password="pw-for-tests")
    for url in (f"{BASE}/", *ALL):
        assert client.get(url).status_code == 403, url
    anonymous = Client().get(PAGES[0])
    assert anonymous.status_code == 302


# --- export ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("synced")
def test_export_holds_what_the_page_shows(viewer: Client) -> None:
    for url in PAGES:
        _export_matches(viewer, url)


@pytest.mark.usefixtures("synced")
def test_export_cells_are_numbers_a_spreadsheet_computes_with(viewer: Client) -> None:
    """Shares are fractions of one formatted as %, counts integers: never text."""
    content = viewer.get(f"{BASE}/2019-Q4/export.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    shares = [c for c in cells if c.number_format == "0.0%"]
    counts = [c for c in cells if c.number_format == "#,##0" and not isinstance(c.value, str)]
    assert len(shares) > 20
    assert len(counts) > 50
    assert all(isinstance(c.value, int | float) and 0 <= c.value <= 1 for c in shares)
    assert all(type(c.value) is int for c in counts)
    # no cell holds a number written as text
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if re.fullmatch(r"-?\d+([.,]\d+)?%?", t)]


def _export_matches(viewer: Client, url: str) -> None:
    page = html_tables(viewer.get(url).content)
    response = viewer.get(url + "export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="inasti-2019-2020_')
    rows = xlsx_rows(response.content)
    at = 0
    for shown in page.tables:
        table = [_trimmed(row) for row in shown]
        n = len(table)
        while at < len(rows) and rows[at : at + n] != table:
            at += 1
        assert at < len(rows), f"table {table[0]} not in the export"
        at += n
    texts = {tuple(r) for r in rows}
    for marker, text in page.notes:
        assert (marker, text) in texts
    assert any("DEMONSTRATION DATA" in " ".join(r[1:2]) for r in rows[:8])
    assert any(r[1:2] == ["2019-Q4"] for r in rows[:8])
    assert any("result set" in " ".join(r) and "version 1" in " ".join(r) for r in rows)


# --- late cases -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("synced")
def test_late_cases_reconcile_with_the_figure(viewer: Client, store: Store) -> None:
    rows = [
        r
        for r in store.sets["office"].rows
        if r.objective == "VOB 2-01" and r.period == "2019-Q4" and r.denominator
    ]
    row = max(rows, key=lambda r: r.denominator - r.numerator)  # type: ignore[operator]
    assert row.denominator is not None
    assert row.denominator > row.numerator
    office_page = viewer.get(objective_url("2019-Q4", "VOB 2-01")).content.decode()
    late = objective_url("2019-Q4", "VOB 2-01") + f"late/?unit={row.unit}&amp;norm=0"
    assert late in office_page  # linked from the office breakdown
    response = viewer.get(objective_url("2019-Q4", "VOB 2-01") + f"late/?unit={row.unit}&norm=0")
    assert response.status_code == 200
    table = html_tables(response.content).tables[0]
    ended = [r for r in table[2:] if r[-1] == "ended late"]
    assert len(ended) == int(row.denominator - row.numerator)
    assert all(r[2] == row.unit for r in table[2:])
    assert len(table) - 2 - len(ended) == row.overdue
    assert "The counts differ" not in response.content.decode()


@pytest.mark.usefixtures("synced")
def test_late_cases_without_the_store_is_a_message(
    viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    response = viewer.get(objective_url("2019-Q4", "VOB 2-01") + "late/?unit=INASTI&norm=0")
    assert response.status_code == 503
    assert "no fact store at" in response.content.decode()


@pytest.mark.usefixtures("synced")
def test_late_cases_of_an_unknown_figure_is_404(viewer: Client) -> None:
    base = objective_url("2019-Q4", "VOB 2-01") + "late/"
    assert viewer.get(base + "?unit=NOPE&norm=0").status_code == 404
    assert viewer.get(base + "?unit=INASTI&norm=x").status_code == 400  # says what is expected


# --- performance ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("synced")
@pytest.mark.db_differs  # the query count, savepoints included
def test_pages_make_a_bounded_number_of_queries(
    viewer: Client, django_assert_max_num_queries: Any
) -> None:
    # session, user, contract version, grant, the contract's result sets, the figures (one or
    # two queries), plus what the header and the comment thread (objective page) ask: whatever
    # the number of objectives, periods and offices; and the evaluation notes (art. 50
    # neutralisations, open art. 51 notices: two queries).
    # The contract's translations: one query for the index, one for the cache key.
    for url, most in zip(PAGES, (13, 13, 17), strict=True):
        viewer.get(url)  # the contract is parsed once per process and version
        with django_assert_max_num_queries(most):
            assert viewer.get(url).status_code == 200


# --- the reader's language, to the last number ------------------------------------------------

# English words pilotage itself writes beside a figure; none may be left on a French or Dutch page.
ENGLISH = ("within", "calendar days", "working days", "elapsed", "per year", "pro rata of")


@pytest.mark.usefixtures("synced")
@pytest.mark.parametrize(
    ("language", "norm", "share"),
    [
        ("fr", "dans les 120 jours calendrier (jours écoulés) : ≥ 90\xa0%", r"\d+,\d\s%"),
        ("nl", "binnen 120 kalenderdagen (verstreken dagen): ≥ 90%", r"\d+,\d%"),
        ("en", "within 120 calendar days (days elapsed): ≥ 90%", r"\d+\.\d%"),
    ],
)
def test_figures_and_norms_are_written_in_the_page_s_language(
    viewer: Client, language: str, norm: str, share: str
) -> None:
    viewer.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    html = viewer.get(_url("2019-Q4", "objectives", "VOB%202-01")).content
    assert norm.encode() in html  # the no-break space before "%" in French included
    # html_tables reads cells with their spaces collapsed, the no-break ones too
    cells = [c for t in html_tables(html).tables for row in t for c in row]
    assert any(re.fullmatch(share, c) for c in cells), language
    if language != "en":
        text = " ".join(cells)
        assert [w for w in ENGLISH if w in text] == [], language


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_backlog_and_the_late_cases_are_named_apart(language: str) -> None:
    """Open cases at the period's end and cases ended late are different things."""
    from django.utils import translation

    from pilotage.reports._words import say

    with translation.override(language):
        backlog = {translation.gettext("Backlog"), say("Backlog / overdue", language)}
        late = translation.gettext("Late cases")
    late_word = {"fr": "retard", "nl": "laattijdig"}[language]
    assert late_word in late.lower()
    assert all(late_word not in b.lower() and "achterstand" not in b.lower() for b in backlog)
