"""The privacy scan finds a NISS planted in each kind of file pilotage writes, so that its
clean result after a demonstration run (tests/cli/test_start.py) means something."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
from openpyxl import Workbook  # type: ignore[import-untyped]

from tests.privacy_scan import niss_hits

NISS = "85073003328"


def test_a_planted_niss_is_found_in_every_kind_of_store(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "facts.duckdb")) as con:
        con.execute("CREATE TABLE cases (case_id VARCHAR, note VARCHAR)")
        con.execute("INSERT INTO cases VALUES ('C-1', 'dossier ' || ?)", [NISS])
    web = sqlite3.connect(tmp_path / "web.sqlite3")
    web.execute("CREATE TABLE audit (after TEXT)")
    web.execute("INSERT INTO audit VALUES (?)", ['{"niss": "85.07.30-033.28"}'])
    web.commit()
    web.close()
    (tmp_path / "server.log").write_text(f"GET /cases?niss={NISS}\n")
    book = Workbook()
    book.active.append(["C-1", int(NISS)])
    book.save(tmp_path / "export.xlsx")
    (tmp_path / "input.csv").write_text(f"case_id,niss\nC-1,{NISS}\n")
    (tmp_path / "clean.log").write_text(f"count 1{NISS}9 and 0{NISS[:-1]}\n")  # other numbers

    hits = niss_hits(tmp_path, [NISS], inputs=[tmp_path / "input.csv"])
    assert sorted(h.split(":")[0] for h in hits) == [
        "export.xlsx/xl/worksheets/sheet1.xml",
        "facts.duckdb",
        "server.log",
        "web.sqlite3",
    ]
