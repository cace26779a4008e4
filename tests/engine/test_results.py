"""Result sets: published once, versioned, never overwritten, with their provenance."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pilotage.contract import Contract
from pilotage.engine import (
    contract_version,
    list_result_sets,
    load_result_set,
    measure,
    publish,
)
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore

from .helpers import D, case, fill

AT = dt.datetime(2019, 10, 2, 8, 0, tzinfo=dt.UTC)


def test_recomputing_creates_a_new_version(store: DuckDBFactStore, inasti: Contract) -> None:
    fill(
        store,
        [
            case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), batch_id=1),
            case("VOB 2-01", D(2019, 4, 1), D(2019, 7, 31), batch_id=3),
            case("PEN 1-02", D(2019, 7, 1), batch_id=2),
            case("VOB 2-01", D(2019, 10, 1), batch_id=4),  # starts after the period: not read
        ],
    )
    first = measure(store.cases(), store.org_units(), inasti, "2019-Q3")
    v1 = publish(store, first, computed_at=AT)
    assert (v1.id, v1.version, v1.batches) == (1, 1, (1, 2, 3))
    assert (v1.contract_id, v1.contract_sha256) == ("inasti-2019-2020", contract_version(inasti))
    assert (v1.periods, v1.level, v1.as_of, v1.row_count) == (
        "2019-Q3",
        "office",
        D(2019, 9, 30),
        len(first.rows),
    )
    # New data arrives (an open case ends); the period is measured again.
    store.connection.execute(
        "UPDATE cases SET end_date = DATE '2019-08-01', batch_id = 5 WHERE objective = 'PEN 1-02'"
    )
    second = measure(store.cases(), store.org_units(), inasti, "2019-Q3")
    v2 = publish(store, second, computed_at=AT + dt.timedelta(days=1))
    assert (v2.id, v2.version, v2.batches) == (2, 2, (1, 3, 5))
    assert (v1.published_at, v2.published_at) == (AT, None)  # the second is a candidate
    # Version 1 is unchanged, row for row.
    again = load_result_set(store, v1.id)
    assert again.rows == first.rows
    assert dataclasses.replace(again, rows=()) == dataclasses.replace(v1, rows=())
    assert load_result_set(store, v2.id).rows == second.rows
    assert again.rows != second.rows  # PEN 1-02 went from 0/1 to 1/1
    # Another level is another result set, with its own versions.
    v3 = publish(store, measure(store.cases(), store.org_units(), inasti, "2019-Q3", "region"))
    assert (v3.id, v3.version, v3.level, v3.published) == (3, 1, "region", True)
    assert [(s.id, s.version) for s in list_result_sets(store)] == [(1, 1), (2, 2), (3, 1)]
    assert list_result_sets(store, "other-contract") == []


def test_unknown_result_set(store: DuckDBFactStore) -> None:
    with pytest.raises(StoreError, match="no result set 7"):
        load_result_set(store, 7)


def test_contract_version_follows_the_content(inasti: Contract) -> None:
    assert len(contract_version(inasti)) == 64
    changed = inasti.model_copy(update={"signed_at": "Namur"})
    assert contract_version(changed) != contract_version(inasti)
