"""Candidates in the web copy: the pages keep the published set and name the candidate; the
mirrored sets, figures and publications refuse every change once stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from pilotage.contract import load_contract, seed_path
from pilotage.engine import discard_set, measure, publish, publish_set
from pilotage.errors import PublishedSetError
from pilotage.facts import DuckDBFactStore
from pilotage.facts.settings import DATA_DIR_ENV
from pilotage.legaltime import Period, periods_between
from pilotage.web.accounts.models import Role
from pilotage.web.dashboards.models import Figure, Publication, PublishedSet
from pilotage.web.dashboards.sync import mirror_differences, sync_results
from tests.web.conftest import make_user
from tests.web.test_dashboards import CONTRACT, Store, _url, inasti, measure_copy, store, viewer

pytestmark = pytest.mark.django_db
QUARTERS = (Period.parse("2019-Q3"), Period.parse("2019-Q4"))
__all__ = ["inasti", "store", "viewer"]


def _candidate(store: Store, tmp_path: Path) -> tuple[Path, int]:
    copy, newer = measure_copy(store, tmp_path, periods_between(*QUARTERS))
    assert not newer.published
    return copy, newer.id


@pytest.mark.usefixtures("inasti")
def test_pages_keep_the_published_set_until_the_candidate_is_published(
    store: Store, viewer: Client, tmp_path: Path
) -> None:
    copy, candidate = _candidate(store, tmp_path)
    report = sync_results(copy)
    assert len(report.copied) == 1
    page = viewer.get(_url("2019-Q4")).content.decode()
    shown = store.sets["institution"].id
    assert f"result set {shown}, version 1" in page
    assert f"result set {candidate}, version 2, measured" in page
    assert "waiting for review" in page
    with DuckDBFactStore(copy) as facts:
        publish_set(facts, candidate)
    report = sync_results(copy)
    assert report.copied == []
    assert len(report.published) == 1
    page = viewer.get(_url("2019-Q4")).content.decode()
    assert f"result set {candidate}, version 2 (2019-Q3..2019-Q4)" in page
    assert "waiting for review" not in page


@pytest.mark.usefixtures("inasti")
def test_the_web_copy_refuses_to_change_a_published_set(store: Store, tmp_path: Path) -> None:
    sync_results(store.path)
    mirrored = PublishedSet.objects.get(level="institution")
    with pytest.raises(PublishedSetError, match="cannot save again"):
        mirrored.save()
    with pytest.raises(PublishedSetError, match="cannot delete"):
        mirrored.delete()
    with pytest.raises(PublishedSetError, match="cannot update"):
        PublishedSet.objects.filter(pk=mirrored.pk).update(version=9)
    with pytest.raises(PublishedSetError, match="cannot delete published"):
        PublishedSet.objects.filter(pk=mirrored.pk).delete()
    figure = Figure.objects.filter(published_set=mirrored).first()
    assert figure is not None
    figure.numerator = figure.numerator + 1
    with pytest.raises(PublishedSetError, match="cannot save again"):
        figure.save()
    with pytest.raises(PublishedSetError, match="cannot delete"):
        figure.delete()
    with pytest.raises(PublishedSetError, match="cannot update"):
        Figure.objects.filter(published_set=mirrored).update(numerator=0)
    with pytest.raises(PublishedSetError, match="cannot delete published"):
        Figure.objects.filter(published_set=mirrored).delete()
    with pytest.raises(PublishedSetError, match="cannot delete"):
        Publication.objects.filter(published_set=mirrored).delete()
    assert Figure.objects.filter(published_set=mirrored).count() == mirrored.row_count


@pytest.mark.usefixtures("inasti")
def test_a_mirrored_candidate_can_be_deleted(store: Store, tmp_path: Path) -> None:
    copy, candidate = _candidate(store, tmp_path)
    sync_results(copy)
    mirrored = PublishedSet.objects.get(store_id=candidate)
    assert not mirrored.is_published()
    mirrored.delete()
    assert not PublishedSet.objects.filter(store_id=candidate).exists()


@pytest.mark.usefixtures("inasti")
def test_the_review_page_shows_what_moved_and_a_manager_publishes(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy, candidate = _candidate(store, tmp_path)
    with DuckDBFactStore(copy) as facts:  # a late correction: an open case ends
        facts.connection.execute(
            "UPDATE cases SET end_date = DATE '2019-12-01' WHERE case_id = "
            "(SELECT min(case_id) FROM cases WHERE end_date IS NULL AND start_date < "
            "DATE '2019-10-01')"
        )
        again = measure(
            facts.cases(),
            facts.org_units(),
            load_contract(seed_path("inasti-2019-2020")),
            periods_between(*QUARTERS),
            "institution",
        )
        discard_set(facts, candidate)
        candidate = publish(facts, again).id
    sync_results(copy)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    review = reverse("dashboards:review", kwargs={"contract_id": CONTRACT, "store_id": candidate})
    page = viewer.get(_url("2019-Q4")).content.decode()
    assert review in page
    shown = viewer.get(review)
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "Same import batches" in text  # the correction was made in place, no new batch
    assert " 0 figures moved" not in text
    assert text.count("</td></tr>") >= 1  # at least one figure moved, with its change
    assert "Publish this result set" not in text  # a viewer reads, does not publish
    assert viewer.post(review).status_code == 403
    make_user("manager", Role.CONTRACT_MANAGER, "INASTI")
    manager = Client(HTTP_ACCEPT_LANGUAGE="en")
    manager.login(request=HttpRequest(), username="manager", password="pw-for-tests")
    assert "Publish this result set" in manager.get(review).content.decode()
    assert manager.post(review).status_code == 302
    assert PublishedSet.objects.get(store_id=candidate).is_published()
    assert viewer.get(review).status_code == 404  # no longer a candidate


@pytest.mark.usefixtures("inasti")
def test_the_web_copy_is_identical_to_the_store(store: Store, tmp_path: Path) -> None:
    copy, _ = _candidate(store, tmp_path)
    sync_results(copy)
    assert PublishedSet.objects.count() == 4  # three published sets and the candidate
    assert mirror_differences(copy) == []
    # A change made behind the models' back (raw SQL) is found.
    figure = Figure.objects.filter(published_set__level="office").order_by("pk").first()
    assert figure is not None
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Figure._meta.db_table} SET numerator = numerator + 1 WHERE id = %s",
            [figure.pk],
        )
    (found,) = mirror_differences(copy)
    assert f"row {figure.row}: numerator differ" in found


@pytest.mark.usefixtures("inasti")
def test_a_discarded_candidate_leaves_the_web_copy(
    store: Store, viewer: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy, candidate = _candidate(store, tmp_path)
    sync_results(copy)
    mirrored = PublishedSet.objects.get(store_id=candidate, publication__isnull=True)
    rows = Figure.objects.filter(published_set=mirrored).count()
    assert rows > 0
    review = reverse("dashboards:review", kwargs={"contract_id": CONTRACT, "store_id": candidate})
    assert review in viewer.get(_url("2019-Q4")).content.decode()
    with DuckDBFactStore(copy) as facts:
        discard_set(facts, candidate)
    published_before = set(PublishedSet.objects.filter(publication__isnull=False))
    report = sync_results(copy)
    assert report.removed == [str(mirrored)]
    assert report.copied == []
    assert any("removed" in line and "no longer holds" in line for line in report.summary())
    assert not PublishedSet.objects.filter(pk=mirrored.pk).exists()
    assert not Figure.objects.filter(published_set_id=mirrored.pk).exists()
    assert set(PublishedSet.objects.filter(publication__isnull=False)) == published_before
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    page = viewer.get(_url("2019-Q4")).content.decode()
    assert review not in page
    assert "waiting for review" not in page
    assert viewer.get(review).status_code == 404
    assert mirror_differences(copy) == []
    assert sync_results(copy).removed == []  # nothing more to remove
