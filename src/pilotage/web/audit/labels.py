"""The audit trail in the reader's language: each action and each field of a state named in
words ("jalon", "réalisé le"), not as the code writes them (`action.complete`, `completed_on`).

A field of a model is named by the model's own verbose name (translated where the model
declares it); the keys of a state that are not model fields, and the actions, by the
catalogues below. A key or action this file does not know is shown as stored.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

__all__ = ["ACTIONS", "action_label", "field_label"]

ACTIONS: dict[str, Promise] = {
    "action.complete": _("milestone recorded"),
    "mission.deliver": _("delivery recorded"),
    "event.record": _("event recorded"),
    "contract.load": _("contract version loaded"),
    "translation.load": _("translation loaded"),
    "budget.operation": _("budget operation recorded"),
    "budget.processing": _("budget operation processed"),
    "budget.opinion": _("budget opinion recorded"),
    "budget.statutory": _("statutory personnel part recorded"),
    "budget.execution": _("budget execution imported"),
    "grant.create": _("role granted"),
    "institution.create": _("institution created"),
    "user.create": _("user created"),
    "user.change": _("user changed"),
    "user.password": _("password set"),
    "evaluation.open": _("evaluation opened"),
    "evaluation.step": _("evaluation step dated"),
    "evaluation.narrative": _("narrative edited"),
    "evaluation.position": _("position written"),
    "adaptation.create": _("adaptation request recorded"),
    "adaptation.send": _("adaptation request sent"),
    "adaptation.deemed_approved": _("adaptation request deemed approved"),
    "art48.record": _("concertation meeting recorded"),
    "art50.record": _("external factor recorded"),
    "art51.give": _("notice given"),
    "art51.acknowledged": _("notice acknowledged"),
    "action.correct": _("milestone corrected"),
    "mission.correct": _("delivery corrected"),
    "event.correct": _("event corrected"),
    "comment.create": _("comment written"),
    "comment.edit": _("comment edited"),
    "comment.withdraw": _("comment withdrawn"),
    "grant.change": _("role changed"),
    "grant.revoke": _("role revoked"),
    "group.create": _("group created"),
    "group.change": _("group changed"),
    "group.delete": _("group deleted"),
    "group.permissions": _("group permissions changed"),
    "institution.change": _("institution changed"),
    "user.delete": _("user deleted"),
    "user.groups": _("user groups changed"),
    "user.permissions": _("user permissions changed"),
    "login.lockout": _("login locked after failed attempts"),
    "login.unlock": _("login unlocked"),
    "evaluation.calendar": _("evaluation calendar agreed"),
    "evaluation.reassemble": _("draft evaluation reassembled"),
    "evaluation.revise": _("evaluation document revised"),
    "evaluation.send": _("evaluation document sent"),
    "adaptation.decide": _("adaptation request decided"),
    "adaptation.withdraw": _("adaptation request withdrawn"),
}

# Keys of an audited state that are not fields of its model (or whose model names them in
# English only), in words.
_KEYS: dict[str, Promise] = {
    "active": _("active"),
    "staff": _("staff"),
    "superuser": _("superuser"),
    "permissions": _("permissions"),
    "password_set": _("password set"),
    "recorded_by": _("recorded by"),
    "user": _("user"),
    "open": _("open"),
    "consolidated": _("consolidated"),
    "stages": _("stages"),
    "college_opinion_on": _("opinion of the College on"),
    "management_committee_opinion_on": _("opinion of the management committee on"),
    "assessment": _("assessment"),
    "item": _("item"),
    "items": _("items"),
    "motivation": _("motivation"),
    "narrative": _("narrative"),
    "note": _("note"),
    "on": _("on"),
    "party": _("party"),
    "step": _("step"),
}


def action_label(action: str) -> str:
    """The action in words; an action not in ACTIONS as stored."""
    label = ACTIONS.get(action)
    return str(label) if label is not None else action


def field_label(object_type: str, key: str) -> str:
    """A key of an audited state in words: the catalogue's word, else the model's field name."""
    if not key:
        return ""
    if key in _KEYS:
        return str(_KEYS[key])
    try:
        field = apps.get_model(object_type)._meta.get_field(key)
    except (LookupError, ValueError, FieldDoesNotExist):
        return key.replace("_", " ")
    # A verbose name not declared for translation may still be in a catalogue (Django's own).
    return gettext(str(getattr(field, "verbose_name", key)))
