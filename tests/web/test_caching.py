"""What the pages keep between requests: read once, never stale."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pilotage.web.dashboards import late
from pilotage.web.dashboards.models import Figure, Publication, PublishedSet
from tests.web.test_dashboards import Store, inasti, store, synced, viewer

__all__ = ["inasti", "store", "synced", "viewer"]  # fixtures of the dashboard tests

pytestmark = pytest.mark.django_db
DASHBOARD = "/contracts/inasti-2019-2020/dashboard/2019-Q4/"
LATE = (
    "/contracts/inasti-2019-2020/dashboard/2019-Q4/objectives/VOB%202-01/late/?unit=INASTI&norm=0"
)


def _main(page: bytes) -> bytes:
    """The page's content, without the top bar (which carries the request's CSRF token)."""
    return page.split(b"<main", 1)[1]


def test_a_dashboard_read_again_is_not_built_again(synced: Store, viewer: Client) -> None:
    first = viewer.get(DASHBOARD)
    with CaptureQueriesContext(connection) as again:
        second = viewer.get(DASHBOARD)
    assert first.status_code == second.status_code == 200
    assert _main(first.content) == _main(second.content)
    figure_queries = [q["sql"] for q in again.captured_queries if "dashboards_figure" in q["sql"]]
    assert figure_queries == []  # the content came from the cache


def test_a_new_publication_is_shown_at_once(synced: Store, viewer: Client) -> None:
    before = viewer.get(DASHBOARD).content.decode()
    newest = PublishedSet.objects.filter(level="institution").order_by("-computed_at").first()
    assert newest is not None
    rows = list(Figure.objects.filter(published_set=newest).values())
    newest.pk, newest.version = None, newest.version + 1
    newest.computed_at = newest.computed_at.replace(year=newest.computed_at.year + 1)
    newest.save()
    Figure.objects.bulk_create(
        Figure(**{**r, "id": None, "published_set_id": newest.pk}) for r in rows
    )
    Publication.objects.create(published_set=newest, published_at=newest.computed_at)
    after = viewer.get(DASHBOARD).content.decode()
    assert f"version {newest.version}" in after
    assert f"version {newest.version}" not in before


def test_the_late_cases_read_the_store_once_until_it_changes(
    synced: Store, viewer: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = viewer.get(LATE)
    assert first.status_code == 200
    opened: list[Any] = []
    real = late.DuckDBFactStore

    def counting(*args: Any, **kwargs: Any) -> Any:
        opened.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(late, "DuckDBFactStore", counting)
    assert _main(viewer.get(LATE).content) == _main(first.content)
    assert opened == []  # from the cache
    stat = synced.path.stat()
    os.utime(synced.path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert viewer.get(LATE).status_code == 200
    assert len(opened) == 1  # the store changed: read again


def test_a_norm_that_is_not_a_number_is_a_400_that_says_so(synced: Store, viewer: Client) -> None:
    response = viewer.get(LATE.replace("norm=0", "norm=first"))
    assert response.status_code == 400
    assert "norm=first is not a number: the norm&#x27;s index, 0 for the first." in (
        response.content.decode()
    )
