"""The catalogue in the admin: contract managers of an institution add and edit its contracts.

A contract version is never changed in place: "editing" a contract in the admin means saving a
corrected contract file (uploaded, or the YAML shown in the form edited), which passes every
check of `pilotage contract check` and becomes a new version, audited; older versions stay, so
figures published against them can always be shown again. Nobody deletes a version.

Who: a superuser everywhere; a staff user with a grant whose role may edit the catalogue
(administrator, contract manager: `access.can_edit_catalogue`) for that institution; roles that
read the audit trail see the versions of their institutions read-only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pilotage.contract import ExportFormat, dump_contract
from pilotage.errors import PilotageError
from pilotage.web.accounts.access import can_edit_catalogue, can_read_audit
from pilotage.web.accounts.models import Grant, Institution
from pilotage.web.catalogue.loading import check_contract_text, store_contract
from pilotage.web.catalogue.models import ContractVersion

_MAX_UPLOAD = 20 * 1024 * 1024


def _grants(request: HttpRequest) -> list[Grant]:
    user = request.user
    if not user.is_authenticated or not getattr(user, "is_staff", False):
        return []
    return list(Grant.objects.filter(user_id=user.pk).select_related("institution"))


def _editable(request: HttpRequest) -> set[str]:
    """Codes of the institutions whose catalogue this user may edit."""
    if getattr(request.user, "is_superuser", False):
        return set(Institution.objects.values_list("code", flat=True))
    return {g.institution.code for g in _grants(request) if can_edit_catalogue(g)}


def _readable(request: HttpRequest) -> set[str]:
    if getattr(request.user, "is_superuser", False):
        return set(Institution.objects.values_list("code", flat=True))
    return {g.institution.code for g in _grants(request) if can_read_audit(g)}


class ContractFileForm(forms.ModelForm[ContractVersion]):
    """The institution and the contract file: an upload, or the YAML text in the form."""

    upload = forms.FileField(
        label=_("contract file (YAML or JSON)"),
        required=False,
        help_text=_("Upload a contract file, or edit the text below; one of the two."),
    )
    text = forms.CharField(
        label=_("contract file text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 110, "spellcheck": "false"}),
    )

    class Meta:
        model = ContractVersion
        fields = ("institution",)

    def __init__(self, *args: Any, editable: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("institution")  # absent when the admin shows it read-only
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = Institution.objects.filter(code__in=editable or set())
            if self.instance.pk is not None:
                field.disabled = True
        if self.instance.pk is not None and "text" in self.fields:
            self.fields["text"].initial = dump_contract(self.instance.contract(), ExportFormat.YAML)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        upload, text = data.get("upload"), data.get("text")
        if upload is not None:
            if upload.size > _MAX_UPLOAD:
                raise ValidationError(_("The file is larger than 20 MB."))
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValidationError(
                    _("%(name)s is not UTF-8 text (byte %(at)s); save it as UTF-8."),
                    params={"name": upload.name, "at": exc.start + 1},
                ) from None
            source = f"upload {upload.name}"
        else:
            source = "admin form"
        if not text or not text.strip():
            raise ValidationError(_("Upload a contract file or give its text."))
        try:
            data["contract"] = check_contract_text(text, source)
        except PilotageError as exc:
            raise ValidationError(str(exc)) from None
        data["source"] = source
        return data


@admin.register(ContractVersion)
class ContractVersionAdmin(admin.ModelAdmin[ContractVersion]):
    form = ContractFileForm
    list_display = ("contract_id", "institution", "period_start", "period_end", "loaded_at")
    list_filter = (("institution", admin.RelatedOnlyFieldListFilter),)
    readonly_fields = ("contract_id", "title", "sha256", "source", "loaded_at")

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        shown = ("contract_id", "title", "sha256", "source", "loaded_at")
        if obj is None:
            return ("institution", "upload", "text")
        if self.has_change_permission(request, obj):
            return ("institution", *shown, "upload", "text")
        return ("institution", *shown)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        base = super().get_form(request, obj, change=change, **kwargs)
        editable = _editable(request)

        class Form(base):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, editable=editable, **kw)

        return Form

    def get_queryset(self, request: HttpRequest) -> QuerySet[ContractVersion]:
        found: QuerySet[ContractVersion] = (
            super().get_queryset(request).select_related("institution")
        )
        if getattr(request.user, "is_superuser", False):
            return found
        return found.filter(institution__code__in=_readable(request) | _editable(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(_readable(request) | _editable(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        codes = _readable(request) | _editable(request)
        return bool(codes) if obj is None else obj.institution.code in codes

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(_editable(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        codes = _editable(request)
        return bool(codes) if obj is None else obj.institution.code in codes

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # versions are history: figures were published against them

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Store the checked file as a new version; `obj` becomes that version."""
        institution = obj.institution.code
        result = store_contract(
            form.cleaned_data["contract"],
            institution,
            source=form.cleaned_data["source"],
            who=request.user,
        )
        for field in ContractVersion._meta.concrete_fields:
            setattr(obj, field.attname, getattr(result.version, field.attname))
        obj._state.adding = False
        obj._state.db = result.version._state.db
