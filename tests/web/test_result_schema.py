"""A result row is declared once (`IndicatorResult`): the store's columns, the API's figure and
the page rows derive from it; the web copy's model is proved to hold the same fields."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest
from django.db import models
from django.test import Client

from pilotage.engine import RESULT_SCHEMA, IndicatorResult
from pilotage.facts import DuckDBFactStore
from pilotage.web.api.schemas import FigureOut
from pilotage.web.dashboards.data import FigureRow
from pilotage.web.dashboards.models import Figure

DECLARED = [f.name for f in dataclasses.fields(IndicatorResult)]


def _django_kind(field: models.Field) -> pa.DataType:  # type: ignore[type-arg]
    if isinstance(field, models.DecimalField):
        return pa.decimal128(field.max_digits, field.decimal_places)
    if isinstance(field, models.JSONField):
        return pa.string()  # the caveats, as JSON in both copies
    kinds: dict[type, pa.DataType] = {
        models.DateField: pa.date32(),
        models.CharField: pa.string(),
        models.TextField: pa.string(),
        models.BigIntegerField: pa.int64(),
        models.IntegerField: pa.int32(),
        models.FloatField: pa.float64(),
        models.BooleanField: pa.bool_(),
    }
    return kinds[type(field)]


def test_the_store_columns_are_the_declaration() -> None:
    assert RESULT_SCHEMA.names == DECLARED
    with DuckDBFactStore.in_memory() as store:
        from pilotage.engine.results import result_tables

        result_tables(store)
        columns = store.connection.execute("DESCRIBE results").fetchall()
    assert [c[0] for c in columns] == ["result_set_id", "row", *DECLARED]
    assert RESULT_SCHEMA.field("numerator").type == pa.decimal128(38, 2)
    assert not RESULT_SCHEMA.field("objective").nullable
    assert RESULT_SCHEMA.field("neutralised_from").nullable


def test_the_web_model_holds_the_declared_fields() -> None:
    fields = {
        f.name: f
        for f in Figure._meta.concrete_fields
        if f.name not in ("id", "published_set", "row")
    }
    assert list(fields) == DECLARED  # same fields, same order
    for declared in RESULT_SCHEMA:
        field = fields[declared.name]
        assert _django_kind(field) == declared.type, declared.name
        if declared.name not in ("pro_rata", "invalid", "unclassified", "caveats"):
            assert field.null == declared.nullable, declared.name  # defaulted ones are not null
    assert [f.name for f in dataclasses.fields(FigureRow)] == [*DECLARED, "published_set_id", "row"]


def test_the_api_figure_is_the_declaration() -> None:
    assert list(FigureOut.model_fields) == DECLARED
    for f in dataclasses.fields(IndicatorResult):
        field = FigureOut.model_fields[f.name]
        assert field.description == f.metadata["doc"]
        assert field.description


@pytest.mark.django_db
def test_the_openapi_schema_documents_every_declared_field() -> None:
    schema = Client().get("/api/openapi.json").json()
    figure = schema["components"]["schemas"]["FigureOut"]
    assert list(figure["properties"]) == DECLARED
    assert figure["required"] == DECLARED  # always given; a nullable one may be null
    nullable = {"type": "null"}
    assert nullable in figure["properties"]["neutralised_from"]["anyOf"]
    assert "anyOf" not in figure["properties"]["objective"]
