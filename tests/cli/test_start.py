"""The README's main job, end to end: seeds checked, demo data loaded, measured, shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pilotage.cli import main


@pytest.mark.slow
def test_start_loads_measures_and_shows_then_changes_nothing_on_a_second_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PILOTAGE_SECRET_KEY", raising=False)
    monkeypatch.setenv("PILOTAGE_DATA_DIR", str(tmp_path / "data"))
    first = CliRunner().invoke(main, ["start"])
    assert first.exit_code == 0, first.output
    out = first.stdout
    assert "check inasti-2019-2020: ok, 0 warning(s)" in out
    assert "check inami-2013-2015: ok, 1 warning(s)" in out
    assert "DEMONSTRATION DATA" in out
    assert "334344 inserted, 0 updated, 0 unchanged, 0 rejected" in out
    assert "measured 2019-Q1..2020-Q4 by office: result set 1 (version 1)" in out
    assert "Dashboard 2020-Q4, whole institution" in out
    assert "2020-Q4 by institution, as of 2020-12-31: result set 4 (version 1)" in out
    assert "VOB 2-01     120 | 90%" in out
    assert (tmp_path / "data" / "demo" / "cases.parquet").exists()
    assert (tmp_path / "data" / "demo-secret.key").stat().st_mode & 0o077 == 0
    second = CliRunner().invoke(main, ["start"])
    assert second.exit_code == 0, second.output
    assert "0 inserted, 0 updated, 334344 unchanged, 0 rejected" in second.stdout
    assert "by office: result set 5 (version 2)" in second.stdout
    assert "2020-Q4 by institution, as of 2020-12-31: result set 8 (version 2)" in second.stdout
