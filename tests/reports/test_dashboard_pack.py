"""The quarterly dashboard pack from a real fact store: figures, versions, languages, layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from pilotage.cli import main
from pilotage.contract import Contract, load_contract, seed_path
from pilotage.engine import IndicatorResult
from pilotage.errors import ReportError
from pilotage.reports import DashboardData, Scope, dashboard_pack, from_store
from tests.reports.conftest import Store
from tests.reports.readback import ink, pdf_pages_png, read_docx, read_pdf

PERIOD = "2019-Q3"


@pytest.fixture(scope="module")
def contract() -> Contract:
    return load_contract(seed_path("inasti-2019-2020"))


@pytest.fixture(scope="module")
def data(report_store: Store, contract: Contract) -> DashboardData:
    return from_store(report_store.path, contract, PERIOD)


# How French (Belgium) and Dutch (Belgium) write 1234.5 and 58.2 %, per CLDR.
_WRITTEN = {"fr": ("\u202f", ",", "\xa0%"), "nl": (".", ",", "%")}


def _number(n: int, language: str) -> str:
    return f"{n:,}".replace(",", _WRITTEN[language][0])


def _expected(f: IndicatorResult, language: str) -> tuple[str, str]:
    """Value and numerator/denominator, written here without the pack's code."""
    _, comma, percent = _WRITTEN[language]
    value = "—" if f.value is None else f"{f.value:.1f}".replace(".", comma) + percent
    if f.kind == "count" and f.value is not None:
        value = _number(int(f.value), language)
    den = "—" if f.denominator is None else _number(int(f.denominator), language)
    return value, f"{_number(int(f.numerator), language)}/{den}"


def test_the_pack_prints_the_figures_of_the_set_the_pages_choose(
    data: DashboardData, report_store: Store
) -> None:
    institution = report_store.sets["institution"]
    assert data.published is not None
    assert (data.published.id, data.published.version) == (institution.id, institution.version)
    assert data.published.demo
    assert data.figures == tuple(f for f in institution.rows if f.period == PERIOD)
    assert data.trend_periods == ("2019-Q1", "2019-Q2", "2019-Q3", "2019-Q4")

    pack = dashboard_pack(
        data, "docx", "fr", scope=Scope(service="VOB"), issued=dt.date(2020, 1, 15)
    )
    assert pack.filename == "inasti-2019-2020_2019-Q3_VOB_dashboard_fr.docx"
    word = read_docx(pack.content)
    table = next(t for t in word.tables if t[0][0] == "Objectif" and t[0][2] == "Valeur")
    vob = [f for f in data.figures if f.objective.startswith("VOB ")]
    assert len(table) - 1 == len(vob) > 0
    for row, f in zip(table[1:], vob, strict=True):
        assert row[0].startswith(f.objective)
        assert (row[2], row[5]) == _expected(f, "fr")
        assert row[7] == f"{_number(f.backlog or 0, 'fr')}/{f.overdue}"
    cover = word.tables[0]
    cited = dict(cover)
    assert cited["Ensemble de résultats publié"].startswith(
        f"ensemble de résultats {institution.id}, version {institution.version} (2019-Q1..2019-Q4)"
    )
    assert cited["Édité le"] == "2020-01-15"
    assert "DONNÉES DE DÉMONSTRATION" in "\n".join(word.paragraphs)
    # The source under each table of figures, the caveats as footnotes.
    assert any(p.startswith("Source : ensemble de résultats 3, version 1") for p in word.paragraphs)
    assert any(n.startswith("Note 2 du contrat") for n in word.footnotes.values())
    # A chart per objective and norm: pictures in the file.
    assert word.xml.count("<pic:pic") == len({(f.objective, f.norm_index) for f in vob})


def test_the_dutch_pdf_of_a_service_reads_back_and_lays_out(
    data: DashboardData, tmp_path: Path
) -> None:
    pack = dashboard_pack(data, "pdf", "nl", scope=Scope(service="VOB"))
    pages = read_pdf(pack.content)
    text = "\n".join(pages)
    assert "Driemaandelijkse boordtabel 2019-Q3" in pages[0]
    assert "Inhoudstafel" in pages[1]
    assert "Teller" in text
    assert "Geciteerde versies" in text
    for f in data.figures:
        if f.objective.startswith("VOB "):
            value, counts = _expected(f, "nl")
            assert value in text, f.objective
            assert counts in text, f.objective
    for png in pdf_pages_png(pack.content, tmp_path):
        image = Image.open(png)
        assert ink(image, (0.08, 0.06, 0.92, 0.9)) > 200, f"{png.name} is blank"
        assert ink(image, (0.93, 0.0, 1.0, 1.0)) == 0, f"{png.name} overflows to the right"


def test_the_whole_contract_has_a_section_per_service_and_the_common_commitments(
    data: DashboardData,
) -> None:
    word = read_docx(dashboard_pack(data, "docx", "en").content)
    headings = set(word.paragraphs)
    for service in data.index.services:
        assert any(h.startswith(f"{service.code} — ") for h in headings), service.code
    assert "Common commitments" in headings
    assert "Versions cited" in headings


def test_an_objective_pack_and_the_refusals(
    data: DashboardData, report_store: Store, contract: Contract
) -> None:
    word = read_docx(dashboard_pack(data, "docx", "fr", scope=Scope(objective="VOB 2-01")).content)
    table = next(t for t in word.tables if t[0][0] == "Objectif" and t[0][2] == "Valeur")
    assert [row[0][:8] for row in table[1:]] == ["VOB 2-01"]
    with pytest.raises(ReportError, match=r"no objective 'VOB 9-99' .*VOB 1-01"):
        dashboard_pack(data, "pdf", "fr", scope=Scope(objective="VOB 9-99"))
    with pytest.raises(ReportError, match=r"no service 'XYZ' .*VOB"):
        dashboard_pack(data, "pdf", "fr", scope=Scope(service="XYZ"))
    with pytest.raises(ReportError, match=r"unknown report format 'odt': choose one of docx, pdf"):
        dashboard_pack(data, "odt", "fr")
    with pytest.raises(ReportError, match=r"unknown report language 'de'"):
        dashboard_pack(data, "pdf", "de")
    with pytest.raises(ReportError, match=r"'2018-Q3' \(published periods: 2019-Q1, .*2019-Q4\)"):
        from_store(report_store.path, contract, "2018-Q3")
    with pytest.raises(ReportError, match=r"no fact store at .*missing.duckdb"):
        from_store(report_store.dir / "missing.duckdb", contract, PERIOD)


def test_the_command_line_writes_the_pack(
    report_store: Store, tmp_path: Path, today: dt.date
) -> None:
    out = tmp_path / "vob.docx"
    args = ["report", "dashboard", "--contract", "inasti-2019-2020", "--period", PERIOD]
    args += ["--format", "docx", "--lang", "nl", "--service", "VOB"]
    result = CliRunner().invoke(main, [*args, "--store", str(report_store.path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    set_id = report_store.sets["institution"].id
    assert f"from result set {set_id} version 1" in result.output
    word = read_docx(out.read_bytes())
    assert word.paragraphs[0] == "Driemaandelijkse boordtabel 2019-Q3 — VOB"
    assert dict(word.tables[0])["Uitgegeven op"] == today.isoformat()  # today in Brussels

    result = CliRunner().invoke(
        main, [*args[:4], "--period", "2015-Q1", "--store", str(report_store.path)]
    )
    assert result.exit_code == 1
    assert "published periods: 2019-Q1" in result.output
    help_text = CliRunner().invoke(main, ["report", "dashboard", "--help"]).output
    assert "Examples:" in help_text
    assert "--objective" in help_text
