"""`pilotage measure` makes a candidate of a period already published; `pilotage results`
reviews, publishes and discards it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pilotage.cli import main
from pilotage.facts import DuckDBFactStore

from .test_cli import invoke, store_file

__all__ = ["store_file"]


def test_review_then_publish(store_file: Path) -> None:
    base = ["--store", str(store_file)]
    measure = ["measure", "--contract", "inasti-2019-2020", "--period", "2019-Q3", *base]
    assert "candidate" not in invoke(*measure).splitlines()[0]
    with DuckDBFactStore(store_file) as store:
        store.connection.execute("UPDATE cases SET end_date = DATE '2019-07-30' WHERE case_id='E'")
    again = invoke(*measure).splitlines()[0]
    assert "result set 2 (version 2), a candidate" in again
    listed = invoke("results", "list", *base)
    assert "1\tinasti-2019-2020 2019-Q3 office version 1" in listed
    assert "2\tinasti-2019-2020 2019-Q3 office version 2" in listed
    assert "candidate" in listed
    diff = invoke("results", "diff", "2", *base)
    assert "result set 2 (version 2) against 1 (version 1)" in diff
    assert "VOB 2-01" in diff
    assert "figure(s) moved" in diff
    assert " 0 figure(s)" not in diff
    assert "published result set 2" in invoke("results", "publish", "2", *base)
    refused = CliRunner().invoke(main, ["results", "publish", "2", *base])
    assert refused.exit_code != 0
    assert "it was published" in refused.output
    refused = CliRunner().invoke(main, ["results", "discard", "1", *base])
    assert refused.exit_code != 0
    assert "a published set never changes" in refused.output
    third = invoke(*measure, "--publish").splitlines()[0]
    assert "result set 3 (version 3)" in third
    assert "candidate" not in third
    invoke(*measure)
    assert "discarded candidate result set 4" in invoke("results", "discard", "4", *base)
