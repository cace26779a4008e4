"""Forms to record progress: the choices (milestones, events, cycles) come from the contract."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pilotage.followup import today

MAX_EVIDENCE_BYTES = 20 * 2**20


class _DateInput(forms.DateInput):
    """A browser date picker: its value is always ISO (2013-06-30), whatever the locale, or the
    browser shows it empty."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _not_future(value: Any) -> Any:
    if value is not None and value > today():
        raise forms.ValidationError(_("This date is in the future: record it once it happened."))
    return value


class _EvidenceForm(forms.Form):
    # What was recorded when the page was drawn (see views._state): a form posted after another
    # change of the same action or mission is refused as stale rather than silently applied.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What shows it was done: a reference, a decision, a document."),
    )
    evidence_link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload and upload.size > MAX_EVIDENCE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB: link to it instead.")
                % {"mb": MAX_EVIDENCE_BYTES // 2**20}
            )
        return upload

    def clean_evidence(self) -> str:
        value = str(self.cleaned_data["evidence"]).strip()
        if not value:
            raise forms.ValidationError(_("Say what shows it was done."))
        return value


def _choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class CompletionForm(_EvidenceForm):
    milestone = forms.ChoiceField(label=_("Milestone"))
    completed_on = forms.DateField(label=_("Completed on"), widget=_DateInput)

    field_order = (
        "milestone",
        "completed_on",
        "evidence",
        "evidence_link",
        "evidence_file",
        "seen",
    )

    def __init__(self, *args: Any, milestones: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["milestone"], milestones)

    def clean_completed_on(self) -> Any:
        return _not_future(self.cleaned_data["completed_on"])


class DeliveryForm(_EvidenceForm):
    cycle = forms.ChoiceField(label=_("Cycle"))
    delivered_on = forms.DateField(label=_("Delivered on"), widget=_DateInput)

    field_order = ("cycle", "delivered_on", "evidence", "evidence_link", "evidence_file", "seen")

    def __init__(self, *args: Any, cycles: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["cycle"], cycles)

    def clean_delivered_on(self) -> Any:
        return _not_future(self.cleaned_data["delivered_on"])


class EventForm(forms.Form):
    event = forms.ChoiceField(label=_("Event"))
    occurred_on = forms.DateField(label=_("Occurred on"), widget=_DateInput)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, events: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self.fields["event"], events)

    def clean_occurred_on(self) -> Any:
        return _not_future(self.cleaned_data["occurred_on"])
