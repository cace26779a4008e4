"""Candidates in the web copy: the pages keep the published set and name the candidate; the
mirrored sets, figures and publications refuse every change once stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from pilotage.engine import publish_set
from pilotage.facts import DuckDBFactStore
from pilotage.legaltime import Period, periods_between
from pilotage.web.dashboards.models import (
    Figure,
    Publication,
    PublishedSet,
    PublishedSetImmutable,
)
from pilotage.web.dashboards.sync import sync_results
from tests.web.test_dashboards import Store, _url, inasti, measure_copy, store, viewer

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
    with pytest.raises(PublishedSetImmutable, match="cannot save again"):
        mirrored.save()
    with pytest.raises(PublishedSetImmutable, match="cannot delete"):
        mirrored.delete()
    with pytest.raises(PublishedSetImmutable, match="cannot update"):
        PublishedSet.objects.filter(pk=mirrored.pk).update(version=9)
    with pytest.raises(PublishedSetImmutable, match="cannot delete published"):
        PublishedSet.objects.filter(pk=mirrored.pk).delete()
    figure = Figure.objects.filter(published_set=mirrored).first()
    assert figure is not None
    figure.numerator = figure.numerator + 1
    with pytest.raises(PublishedSetImmutable, match="cannot save again"):
        figure.save()
    with pytest.raises(PublishedSetImmutable, match="cannot delete"):
        figure.delete()
    with pytest.raises(PublishedSetImmutable, match="cannot update"):
        Figure.objects.filter(published_set=mirrored).update(numerator=0)
    with pytest.raises(PublishedSetImmutable, match="cannot delete published"):
        Figure.objects.filter(published_set=mirrored).delete()
    with pytest.raises(PublishedSetImmutable, match="cannot delete"):
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
