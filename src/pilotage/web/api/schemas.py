"""What the JSON API answers and accepts: each shape documented in the OpenAPI schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

import pyarrow as pa  # type: ignore[import-untyped]
from ninja import Field, Schema
from pydantic import create_model

from pilotage.engine import IndicatorResult
from pilotage.web.discussion.threads import PERIOD, UNIT

TargetTypeName = Literal["figure", "action", "mission"]
KindName = Literal["comment", "justification"]


class Error(Schema):
    detail: str = Field(description="Why the request was refused.")


class ContractSummary(Schema):
    id: str = Field(description='The contract id, e.g. "inasti-2019-2020".')
    institution: str = Field(description='Code of the institution, e.g. "INASTI".')
    title: str = Field(description="The title, in French.")
    period_start: dt.date
    period_end: dt.date | None
    sha256: str = Field(description="SHA-256 of the canonical contract file of this version.")
    loaded_at: dt.datetime = Field(description="When this version was loaded in the catalogue.")
    role: str = Field(
        description="The reader's role in the institution: administrator, contract_manager, "
        "service_owner, government_commissioner or viewer."
    )


class Counts(Schema):
    services: int
    key_tasks: int
    objectives: int
    norms: int
    articles: int
    actions: int = Field(description="Action-commitments of the articles.")
    missions: int = Field(description="Continuous missions.")


class ContractDetail(ContractSummary):
    kind: Literal["contract", "amendment"]
    amends: str | None = Field(description="Id of the contract an amendment amends.")
    languages: list[str]
    counts: Counts
    result_periods: list[str] = Field(
        description="Periods for which published results exist, in chronological order."
    )


class ResultSet(Schema):
    id: int = Field(description="Id of the result set in the fact store.")
    version: int
    level: str
    periods: str
    computed_at: dt.datetime
    as_of: dt.date = Field(description="The day the facts were measured as of.")
    demo: bool = Field(description="True when computed from demonstration data.")


class Caveat(Schema):
    footnote: str | None = None
    kind: str | None = None
    text: str | None = None


def _api_type(f: dataclasses.Field[Any]) -> Any:
    """The API's type of a result field, from its declaration (`IndicatorResult`)."""
    if f.name == "caveats":
        return list[Caveat]
    kind = f.metadata["arrow"]
    names = {pa.string(): str, pa.date32(): dt.date, pa.bool_(): bool, pa.float64(): float}
    base: Any = int if pa.types.is_integer(kind) else names.get(kind, float)  # decimals: float
    return base | None if "None" in str(f.type) else base


# A figure as the API gives it: every field of the engine's result row, as declared there.
_FIGURE_FIELDS: dict[str, Any] = {
    f.name: (_api_type(f), Field(description=f.metadata["doc"]))
    for f in dataclasses.fields(IndicatorResult)
}
_FigureFields: Any = create_model("FigureOut", __base__=Schema, **_FIGURE_FIELDS)


class FigureOut(_FigureFields):
    """One result row of a published set (numbers as JSON numbers; a share in percent)."""


class Results(Schema):
    contract_id: str
    period: str | None = Field(description="The period shown; null when nothing is published.")
    level: str
    result_set: ResultSet | None = Field(description="The set the figures come from.")
    figures: list[FigureOut]


class MilestoneOut(Schema):
    key: str = Field(description='Due date, period or cycle: "2013-12-31", "2013-Q1", "2014".')
    status: str
    due: dt.date | None
    completed_on: dt.date | None
    note: str


class ActionOut(Schema):
    key: str = Field(description='ARTICLE/ACTION, e.g. "21/1.a".')
    article: str
    number: str
    text: str = Field(description="The commitment, in French.")
    deadline: str | None = Field(description="The deadline as printed.")
    status: str = Field(description="done_on_time, done_late, overdue, due_soon, not_due...")
    next_due: dt.date | None
    milestones: list[MilestoneOut]


class MissionOut(Schema):
    code: str
    title: str
    deadline: str | None
    status: str
    milestones: list[MilestoneOut]


class Actions(Schema):
    contract_id: str
    as_of: dt.date = Field(description="The day the statuses are judged on.")
    actions: list[ActionOut]


class Missions(Schema):
    contract_id: str
    as_of: dt.date = Field(description="The day the statuses are judged on.")
    missions: list[MissionOut]


class CommentIn(Schema):
    target_type: TargetTypeName = Field(description="What the comment is on.")
    target: str = Field(
        max_length=100,
        description='Objective code ("VOB 2-01"), action key ("11/2") or mission code ("36.1").',
    )
    period: str = Field(
        "", pattern=PERIOD.pattern, description='"2020-Q4"; empty for an action as a whole.'
    )
    unit: str = Field("", pattern=UNIT.pattern, description="Org unit code; empty: institution.")
    kind: KindName = "comment"
    text: str = Field(min_length=1, max_length=5000)


class CommentEdit(Schema):
    kind: KindName | None = Field(None, description="Unchanged when absent.")
    text: str | None = Field(
        None, min_length=1, max_length=5000, description="Unchanged when absent."
    )


class CommentOut(Schema):
    id: int
    contract_id: str
    target_type: TargetTypeName
    target: str
    period: str
    unit: str
    kind: KindName
    text: str | None = Field(description="Null once withdrawn (the audit trail keeps it).")
    author: str = Field(description="The author's username.")
    author_name: str = Field(description="The author's full name, or username.")
    author_role: str = Field(
        description='The author\'s role in the institution ("contract_manager", ...).'
    )
    created_at: dt.datetime
    updated_at: dt.datetime
    withdrawn: bool
