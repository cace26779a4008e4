"""The public names of pilotage.facts, and the org-unit file."""

from __future__ import annotations

from pathlib import Path

import pytest

import pilotage.facts
from pilotage.errors import OrgUnitsError
from pilotage.facts import OrgLevel, OrgUnit, check_org_units, read_org_units


def test_exported_names() -> None:
    assert set(pilotage.facts.__all__) == {
        "BATCHES_SCHEMA", "CASES_SCHEMA", "COLUMNS", "ORG_UNITS_SCHEMA", "REJECTS_COLUMNS",
        "REQUIRED", "SUSPENSIONS_SCHEMA", "TABLES", "BatchResult", "Column", "CsvSource",
        "DuckDBFactStore", "FactStore", "ImportReport", "OrgLevel", "OrgUnit", "ParquetSource",
        "Rejection", "Source", "SourceReport", "SparkFactStore", "SqlSource", "XlsxSource",
        "check_org_units", "data_dir", "import_cases", "local_spark_session",
        "org_units_table", "person_key", "read_org_units", "rows_source", "secret_key",
        "source_for", "store_path", "write_rejects",
        "LATE_DDL", "PUBLICATIONS_DDL", "SCHEMA_VERSION", "schema_version",
    }  # fmt: skip
    for name in pilotage.facts.__all__:
        assert getattr(pilotage.facts, name) is not None


def test_settings_come_from_the_environment() -> None:
    env = {"PILOTAGE_DATA_DIR": "/srv/pilotage", "PILOTAGE_SECRET_KEY": "k" * 20}
    assert pilotage.facts.store_path(env) == Path("/srv/pilotage/facts.duckdb")
    assert pilotage.facts.secret_key(env) == "k" * 20
    assert pilotage.facts.data_dir({}) == Path("data")
    assert pilotage.facts.secret_key({"PILOTAGE_SECRET_KEY": ""}) is None


def test_an_org_unit_file_is_read_with_semicolons_too(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "\ufeffcode;name;parent;level\nI;Institut;;institution\nR;Région;I;region\n"
        "B;Bureau;R;Office\n",
        encoding="utf-8",
    )
    assert read_org_units(path) == [
        OrgUnit("I", "Institut", None, OrgLevel.INSTITUTION),
        OrgUnit("R", "Région", "I", OrgLevel.REGION),
        OrgUnit("B", "Bureau", "R", OrgLevel.OFFICE),
    ]


def test_every_problem_of_an_org_unit_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,parent,level\nI,Institut,,institution\nR,Région,I,region\n"
        "B,Bureau,I,office\nC,Bureau,X,office\nR,Encore,I,region\nD,Bureau,R,desk\n",
        encoding="utf-8",
    )
    with pytest.raises(OrgUnitsError) as caught:
        read_org_units(path)
    assert caught.value.problems == [
        f"{path}: row 7: level 'desk': expected office, region or institution",
        f"{path}: code 'R' appears twice",
        f"{path}: B: parent I is an institution; expected a region (office -> region -> "
        "institution)",
        f"{path}: C: parent X is not in the file; expected the code of a region",
    ]
    assert str(caught.value).startswith(f"4 problem(s) in {path}:\n")


def test_an_institution_has_no_parent() -> None:
    with pytest.raises(OrgUnitsError, match="I: an institution has no parent"):
        check_org_units([OrgUnit("I", "Institut", "X", OrgLevel.INSTITUTION)])
