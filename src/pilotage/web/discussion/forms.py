"""Forms for writing and editing a comment: plain HTML forms that work without JavaScript."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pilotage.web.discussion.models import Kind, TargetType
from pilotage.web.discussion.threads import PERIOD, UNIT


class EditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.COMMENT)
    text = forms.CharField(
        label=_("Text"), max_length=5000, strip=True, widget=forms.Textarea(attrs={"rows": 3})
    )


class PostForm(EditForm):
    """A new comment: its thread and the page to go back to travel in hidden fields."""

    target_type = forms.ChoiceField(choices=TargetType.choices, widget=forms.HiddenInput)
    target = forms.CharField(max_length=100, widget=forms.HiddenInput)
    period = forms.RegexField(PERIOD, required=False, widget=forms.HiddenInput)
    unit = forms.RegexField(UNIT, required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)


class ListFilter(forms.Form):
    """The filters of the contract's comment list (GET)."""

    period = forms.RegexField(PERIOD, label=_("Period"), required=False)
    target_type = forms.ChoiceField(
        label=_("On"), choices=[("", _("all")), *TargetType.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("all")), *Kind.choices], required=False
    )
