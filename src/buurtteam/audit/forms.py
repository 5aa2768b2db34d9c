from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtteam.audit.models import Action
from buurtteam.core.forms import StyledForm


class TrailFilterForm(StyledForm):
    person = forms.CharField(label=_("Medewerker (gebruikersnaam)"), max_length=150, required=False)
    subject_type = forms.ChoiceField(
        label=_("Soort betrokkene"),
        required=False,
        choices=[("", _("Alle")), ("staff", _("Medewerker")), ("resident", _("Inwoner"))],
    )
    subject_id = forms.IntegerField(
        label=_("Nummer betrokkene"), required=False, min_value=1, max_value=2**62
    )
    action = forms.ChoiceField(
        label=_("Handeling"), required=False, choices=[("", _("Alle")), *Action.choices]
    )
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data
