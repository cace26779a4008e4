"""The evaluation cycle as stored: evaluations with their dated steps, items and document
versions; adaptation requests; the art. 48, 50 and 51 registers; reminders sent.

Nothing here is deleted: a sent document version is frozen (its content kept as sent), a
rejected or withdrawn request stays in the register, and every change is in the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pilotage.web.accounts.models import Institution

USER = settings.AUTH_USER_MODEL


class State(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("in preparation")
    DRAFT_SENT = "draft_sent", _("draft sent to the commissioners")
    MEETING_HELD = "meeting_held", _("consultation meeting held")
    REPORT_SENT = "report_sent", _("contradictory report sent")
    CLOSED = "closed", _("closed")


class StepName(models.TextChoices):
    DRAFT_SENT = "draft_sent", _("draft sent")
    MEETING_HELD = "meeting_held", _("meeting held")
    REPORT_SENT = "report_sent", _("report sent")
    CLOSED = "closed", _("closed")


class DocumentKind(models.TextChoices):
    DRAFT = "draft", _("draft evaluation")
    REPORT = "report", _("contradictory report")


class Assessment(models.TextChoices):
    MET = "met", _("met")
    PARTLY_MET = "partly_met", _("partly met")
    NOT_MET = "not_met", _("not met")
    NEUTRALISED = "neutralised", _("neutralised (not weighed)")


class _Scoped(models.Model):
    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="+")
    contract_id = models.CharField(_("contract id"), max_length=100, db_index=True)

    class Meta:
        abstract = True


class Evaluation(_Scoped):
    """The annual evaluation of `year` of one contract."""

    year = models.IntegerField(_("year evaluated"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IN_PREPARATION
    )
    calendar = models.CharField(_("holiday calendar"), max_length=64, default="be-legal")
    agreed_calendar = models.JSONField(
        _("agreed calendar"),
        null=True,
        blank=True,
        help_text=_("The calendar the parties agreed (art. 49), within the legal maxima."),
    )
    demo = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ("contract_id", "-year")
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "year"], name="one_evaluation_per_year"
            ),
        )
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.contract_id} evaluation {self.year}"


class Step(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=20, choices=StepName.choices)
    on = models.DateField(_("on"))
    by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ("evaluation", "on", "pk")
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "step"], name="one_date_per_step"),
        )

    def __str__(self) -> str:
        return f"{self.evaluation} {self.step} {self.on}"


class Item(models.Model):
    """One item of the draft: its locked content, the narrative, both parties' positions."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(_("item"), max_length=120)
    order = models.IntegerField()
    content = models.JSONField(_("content"), help_text=_("The item as assembled, figures locked."))
    narrative = models.TextField(_("narrative"), blank=True)
    narrative_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    institution_assessment = models.CharField(max_length=20, choices=Assessment.choices, blank=True)
    institution_motivation = models.TextField(blank=True)
    institution_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    institution_at = models.DateTimeField(null=True)
    commissioners_assessment = models.CharField(
        max_length=20, choices=Assessment.choices, blank=True
    )
    commissioners_motivation = models.TextField(blank=True)
    commissioners_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, related_name="+"
    )
    commissioners_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ("evaluation", "order")
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "key"], name="one_item_per_key"),
        )

    def __str__(self) -> str:
        return f"{self.evaluation} {self.key}"


class DocumentVersion(models.Model):
    """A numbered version of the draft or the report; frozen (content kept) once sent."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(_("document"), max_length=10, choices=DocumentKind.choices)
    number = models.IntegerField(_("version"))
    reason = models.TextField(_("reason for this version"), blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    sent_on = models.DateField(_("sent on"), null=True)
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    content = models.JSONField(_("content as sent"), null=True)

    class Meta:
        ordering = ("evaluation", "kind", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["evaluation", "kind", "number"], name="one_number_per_document"
            ),
        )

    def __str__(self) -> str:
        return f"{self.evaluation} {self.kind} v{self.number}"


class RequestKind(models.TextChoices):
    MISSIONS = "missions", _("missions")
    OBJECTIVES = "objectives", _("objectives")
    INDICATORS = "indicators", _("indicators")
    TARGETS = "targets", _("targets")
    NEW_MISSION_BY_LAW = "new_mission_by_law", _("new mission by law (art. 43: avenant)")


class RequestState(models.TextChoices):
    DRAFT = "draft", _("not sent")
    SENT = "sent", _("sent, awaiting the minister's decision")
    APPROVED = "approved", _("approved")
    DEEMED_APPROVED = "deemed_approved", _("deemed approved (no decision in time)")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    NEEDS_AVENANT = "needs_avenant", _("needs an avenant (art. 43)")


class AdaptationRequest(_Scoped):
    number = models.IntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=24, choices=RequestKind.choices)
    title = models.CharField(_("title"), max_length=300)
    amendment = models.TextField(
        _("amendment draft"), blank=True, help_text=_("The contract file of the amendment.")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.DRAFT
    )
    sent_on = models.DateField(_("sent on"), null=True)
    decision_due = models.DateField(_("decision due"), null=True)
    decided_on = models.DateField(_("decided on"), null=True)
    decision_note = models.TextField(_("decision"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True)
    consolidated = models.ForeignKey(
        "catalogue.ContractVersion", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("contract_id", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "number"], name="one_request_number"
            ),
        )

    def __str__(self) -> str:
        return f"{self.contract_id} adaptation request {self.number}"


class Source(models.TextChoices):
    LAW = "law", _("law")
    ROYAL_DECREE = "royal_decree", _("royal decree")
    MINISTERIAL_DECISION = "ministerial_decision", _("ministerial decision")
    OTHER = "other", _("other")


class Art50Entry(_Scoped):
    number = models.IntegerField(_("number"))
    decided_on = models.DateField(_("decided on"))
    source = models.CharField(_("source"), max_length=24, choices=Source.choices)
    description = models.TextField(_("description"))
    objectives = models.JSONField(_("affected objectives"), default=list)
    effect_cases = models.IntegerField(_("estimated cases"), null=True, blank=True)
    effect_fte = models.DecimalField(
        _("estimated FTE"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    effect_days = models.IntegerField(_("estimated days"), null=True, blank=True)
    communicated_on = models.DateField(_("impact communicated on"), null=True, blank=True)
    proposed_for_weighing = models.BooleanField(_("proposed for weighing"), default=True)
    neutralise_from = models.DateField(_("neutralised from"), null=True, blank=True)
    neutralise_to = models.DateField(_("neutralised to"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    demo = models.BooleanField(default=False)

    class Meta:
        ordering = ("contract_id", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "number"], name="one_art50_number"
            ),
        )

    def __str__(self) -> str:
        return f"{self.contract_id} art. 50 no. {self.number}"


class Party(models.TextChoices):
    INSTITUTION = "institution", _("the institution")
    STATE = "state", _("the State (government commissioners)")


class Art51Stage(models.TextChoices):
    NOTIFIED = "notified", _("notified")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    MEASURES_AGREED = "measures_agreed", _("remedial measures agreed")
    CONCILIATION = "conciliation", _("conciliation")
    CONTRADICTORY_REPORT = "contradictory_report", _("contradictory report")
    COUNCIL_OF_MINISTERS = "council_of_ministers", _("submitted to the Council of Ministers")
    CLOSED = "closed", _("closed")


class Art51Notice(_Scoped):
    number = models.IntegerField(_("number"))
    party = models.CharField(_("given by"), max_length=12, choices=Party.choices)
    given_on = models.DateField(_("given on"))
    given_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    subject = models.CharField(_("objective or action"), max_length=120)
    reason = models.TextField(_("why"))
    stage = models.CharField(
        _("stage"), max_length=24, choices=Art51Stage.choices, default=Art51Stage.NOTIFIED
    )
    stages = models.JSONField(default=dict)  # stage -> ISO day reached
    acknowledged_on = models.DateField(_("acknowledged on"), null=True)
    acknowledged_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    remedial_measures = models.TextField(_("remedial measures"), blank=True)
    management_committee_opinion_on = models.DateField(null=True, blank=True)
    college_opinion_on = models.DateField(null=True, blank=True)
    demo = models.BooleanField(default=False)

    class Meta:
        ordering = ("contract_id", "number")
        constraints = (
            models.UniqueConstraint(
                fields=["institution", "contract_id", "number"], name="one_art51_number"
            ),
        )

    def __str__(self) -> str:
        return f"{self.contract_id} art. 51 notice no. {self.number}"


class ConcertationMeeting(_Scoped):
    """An art. 48 periodic concertation meeting: date, participants, decisions."""

    held_on = models.DateField(_("held on"))
    subject = models.CharField(_("subject"), max_length=300)
    participants = models.TextField(_("participants"))
    decisions = models.TextField(_("decisions"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    demo = models.BooleanField(default=False)

    class Meta:
        ordering = ("contract_id", "held_on", "pk")

    def __str__(self) -> str:
        return f"{self.contract_id} art. 48 meeting {self.held_on}"


class ReminderSent(models.Model):
    """A reminder put in a person's digest on a day: never sent twice the same day."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    ident = models.CharField(max_length=300)
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "ident", "day"], name="one_reminder_a_day"),
        )

    def __str__(self) -> str:
        return f"{self.user} {self.ident} {self.day}"
