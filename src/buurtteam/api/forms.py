from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtteam.api.models import ApiToken
from buurtteam.core.forms import StyledForm

VALIDITY_CHOICES = [
    (30, _("30 dagen")),
    (90, _("90 dagen")),
    (365, _("1 jaar")),
]


class TokenCreateForm(StyledForm):
    name = forms.CharField(
        label=_("Naam"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("Waarvoor gebruikt u deze sleutel? Bijvoorbeeld de naam van het script of de koppeling."),
    )
    valid_days = forms.TypedChoiceField(label=_("Geldig"), choices=VALIDITY_CHOICES, coerce=int, initial=90)
