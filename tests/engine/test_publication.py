"""Publishing: a new measurement of a published period is a candidate, reviewed, then published;
a published set is never updated nor deleted by the store."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.contract import Contract
from pilotage.engine import (
    changes_between,
    discard_set,
    list_result_sets,
    load_result_set,
    measure,
    publish,
    publish_set,
)
from pilotage.errors import StoreError
from pilotage.facts import DuckDBFactStore

from .helpers import D, case, fill

AT = dt.datetime(2019, 10, 2, 8, 0, tzinfo=dt.UTC)


def _batch(store: DuckDBFactStore, batch: int, inserted: int, updated: int) -> None:
    store.connection.execute(
        "INSERT INTO import_batches VALUES (?, ?, 'x', NULL, ?, ?, 0, 0, ?, NULL, false)",
        [batch, f"cases-{batch}.csv", inserted, updated, AT],
    )


def _two_sets(store: DuckDBFactStore, inasti: Contract) -> tuple[int, int]:
    fill(
        store,
        [
            case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), batch_id=1),
            case("PEN 1-02", D(2019, 7, 1), batch_id=1),
        ],
    )
    _batch(store, 1, 2, 0)
    v1 = publish(
        store, measure(store.cases(), store.org_units(), inasti, "2019-Q3"), computed_at=AT
    )
    # A late correction (the open case ended) and a new case, in batch 2.
    store.connection.execute(
        "UPDATE cases SET end_date = DATE '2019-08-01', batch_id = 2 WHERE objective = 'PEN 1-02'"
    )
    fill(store, [case("VOB 2-01", D(2019, 7, 2), D(2019, 9, 1), batch_id=2)])
    _batch(store, 2, 1, 1)
    v2 = publish(store, measure(store.cases(), store.org_units(), inasti, "2019-Q3"))
    return v1.id, v2.id


def test_a_new_measurement_is_a_candidate_until_published(
    store: DuckDBFactStore, inasti: Contract
) -> None:
    old, new = _two_sets(store, inasti)
    assert [(s.id, s.published) for s in list_result_sets(store)] == [(old, True), (new, False)]
    review = changes_between(store, old, new)
    moved = {(c.key[0], c.key[3]): c for c in review.moved}
    pen = next(c for k, c in moved.items() if k[0] == "PEN 1-02" and c.old and c.old.denominator)
    assert pen.old is not None
    assert pen.new is not None
    assert (pen.old.numerator, pen.new.numerator) == (0, 1)
    assert pen.moved_by == pytest.approx(100.0)  # 0 % -> 100 %
    assert any(
        "import batch 2 (cases-2.csv): 1 new case(s), 1 corrected" in r for r in review.reasons
    )
    assert not any("contract changed" in r for r in review.reasons)
    published = publish_set(store, new, at=AT + dt.timedelta(days=2))
    assert published.published_at == AT + dt.timedelta(days=2)
    assert load_result_set(store, new).published


def test_a_changed_contract_is_a_reason(store: DuckDBFactStore, inasti: Contract) -> None:
    fill(store, [case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), batch_id=1)])
    first = publish(store, measure(store.cases(), store.org_units(), inasti, "2019-Q3"))
    changed = inasti.model_copy(update={"signed_at": "Namur"})
    second = publish(store, measure(store.cases(), store.org_units(), changed, "2019-Q3"))
    assert any(
        "the contract changed" in r for r in changes_between(store, first.id, second.id).reasons
    )


def test_the_store_refuses_to_change_a_published_set(
    store: DuckDBFactStore, inasti: Contract
) -> None:
    old, new = _two_sets(store, inasti)
    with pytest.raises(StoreError, match=f"cannot discard result set {old}: it was published"):
        discard_set(store, old)
    with pytest.raises(StoreError, match=f"cannot publish result set {old}: it was published"):
        publish_set(store, old)
    assert load_result_set(store, old).row_count > 0
    discard_set(store, new)  # a candidate can be dropped
    assert [s.id for s in list_result_sets(store)] == [old]
    with pytest.raises(StoreError, match="no result set 99"):
        publish_set(store, 99)


def test_publish_now_skips_the_review(store: DuckDBFactStore, inasti: Contract) -> None:
    fill(store, [case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), batch_id=1)])
    result = measure(store.cases(), store.org_units(), inasti, "2019-Q3")
    publish(store, result)
    assert publish(store, result, now=True).published
    assert not publish(store, result).published


def test_only_versions_of_one_set_compare(store: DuckDBFactStore, inasti: Contract) -> None:
    fill(store, [case("VOB 2-01", D(2019, 5, 1), D(2019, 7, 10), batch_id=1)])
    a = publish(store, measure(store.cases(), store.org_units(), inasti, "2019-Q3"))
    b = publish(store, measure(store.cases(), store.org_units(), inasti, "2019-Q3", "region"))
    with pytest.raises(StoreError, match="measure different things"):
        changes_between(store, a.id, b.id)
