"""Case records and the fact store: import, check, pseudonymise, store, read as Ibis tables.

The schema is documented once, in docs/case-records.md. `import_cases` reads sources (CSV,
Parquet, XLSX, an SQL query), checks every row, replaces the NISS by a keyed hash and writes
one batch per source atomically into a `DuckDBFactStore`. The indicator engine reads any
`FactStore` (DuckDB, or `SparkFactStore` over the Parquet export) through the same Ibis tables.
"""

from __future__ import annotations

from pilotage.facts.importing import (
    REJECTS_COLUMNS,
    ImportReport,
    Rejection,
    SourceReport,
    import_cases,
    write_rejects,
)
from pilotage.facts.orgunits import (
    OrgLevel,
    OrgUnit,
    check_org_units,
    org_units_table,
    read_org_units,
)
from pilotage.facts.pseudonym import person_key
from pilotage.facts.schema import (
    BATCHES_SCHEMA,
    CASES_SCHEMA,
    COLUMNS,
    ORG_UNITS_SCHEMA,
    REQUIRED,
    SUSPENSIONS_SCHEMA,
    Column,
)
from pilotage.facts.settings import data_dir, secret_key, store_path
from pilotage.facts.sources import (
    CsvSource,
    ParquetSource,
    Source,
    SqlSource,
    XlsxSource,
    rows_source,
    source_for,
)
from pilotage.facts.spark import SparkFactStore, local_spark_session
from pilotage.facts.store import TABLES, BatchResult, DuckDBFactStore, FactStore
from pilotage.facts.versions import LATE_DDL, PUBLICATIONS_DDL, SCHEMA_VERSION, schema_version

__all__ = [
    "BATCHES_SCHEMA",
    "CASES_SCHEMA",
    "COLUMNS",
    "LATE_DDL",
    "ORG_UNITS_SCHEMA",
    "PUBLICATIONS_DDL",
    "REJECTS_COLUMNS",
    "REQUIRED",
    "SCHEMA_VERSION",
    "SUSPENSIONS_SCHEMA",
    "TABLES",
    "BatchResult",
    "Column",
    "CsvSource",
    "DuckDBFactStore",
    "FactStore",
    "ImportReport",
    "OrgLevel",
    "OrgUnit",
    "ParquetSource",
    "Rejection",
    "Source",
    "SourceReport",
    "SparkFactStore",
    "SqlSource",
    "XlsxSource",
    "check_org_units",
    "data_dir",
    "import_cases",
    "local_spark_session",
    "org_units_table",
    "person_key",
    "read_org_units",
    "rows_source",
    "schema_version",
    "secret_key",
    "source_for",
    "store_path",
    "write_rejects",
]
