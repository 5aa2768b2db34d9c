"""Forms of the resident pages: search, editing a resident, the household and its network, and
break-the-glass with the coordinator's review.

They only check input; every write goes through ``residents.services``, which validates again and audits.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.forms.fields import TOO_LONG, no_html, relabel, text_field, textarea_field
from buurtteam.cases.forms.registration import ResidentForm
from buurtteam.core.forms import StyledForm
from buurtteam.organisation.forms import EMAIL_ERRORS, REQUIRED, phone_validator
from buurtteam.residents.models import NetworkMember, Relation, Resident
from buurtteam.residents.validators import mask_bsn


# --- Search -------------------------------------------------------------------------------------------
class ResidentSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Zoek een inwoner"),
        max_length=100,
        required=False,
        help_text=_("Naam, BSN of geboortedatum (dd-mm-jjjj)."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
        error_messages={"max_length": TOO_LONG},
    )


# --- Editing a resident -------------------------------------------------------------------------------
class ResidentEditForm(ResidentForm):
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    preferred_language = text_field(_("Voorkeurstaal"), 40, required=True, initial="Nederlands")
    interpreter_needed = forms.BooleanField(label=_("Tolk nodig"), required=False)

    block_fields = (
        *ResidentForm.block_fields,
        "email",
        "preferred_language",
        "interpreter_needed",
    )

    def __init__(self, *args: Any, resident: Resident, bsn_enabled: bool, **kwargs: Any) -> None:
        super().__init__(*args, bsn_enabled=bsn_enabled, **kwargs)
        del self.fields["new_anyway"]
        if "bsn" in self.fields:
            # The full number is not put in the page: leave empty to keep the current one.
            relabel(
                self,
                "bsn",
                label=_("Nieuw BSN"),
                help_text=(
                    _("Nu: %(bsn)s. Laat leeg om het niet te wijzigen.") % {"bsn": mask_bsn(resident.bsn)}
                    if resident.bsn
                    else None
                ),
            )

    @staticmethod
    def initial_for(resident: Resident) -> dict[str, Any]:
        return {
            "first_name": resident.first_name,
            "last_name": resident.last_name,
            "birth_date": resident.birth_date,
            "postcode": resident.postcode_display,
            "house_number": resident.house_number,
            "street": resident.street,
            "city": resident.city,
            "phone": resident.phone,
            "gender": resident.gender,
            "email": resident.email,
            "preferred_language": resident.preferred_language,
            "interpreter_needed": resident.interpreter_needed,
        }

    def clean_preferred_language(self) -> str:
        value = str(self.cleaned_data["preferred_language"]).strip()
        no_html(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``residents.services.resident_update`` (an empty BSN keeps the old one)."""
        changes = super().service_kwargs()
        if not changes.get("bsn"):
            changes.pop("bsn", None)
        return changes


# --- The household and its network --------------------------------------------------------------------
MEMBER_RELATIONS = [(value, label) for value, label in Relation.choices if value != Relation.SELF]


class HouseholdMemberForm(ResidentForm):
    """A new person in the household: their relation and the resident block."""

    relation = forms.ChoiceField(
        label=_("Relatie tot het huishouden"),
        choices=[("", _("— Kies een relatie —")), *MEMBER_RELATIONS],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een relatie uit de lijst.")},
    )

    block_fields = ("relation", *ResidentForm.block_fields)

    def __init__(self, *args: Any, bsn_enabled: bool, **kwargs: Any) -> None:
        super().__init__(*args, bsn_enabled=bsn_enabled, **kwargs)
        del self.fields["new_anyway"]

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        kwargs.pop("relation")
        return kwargs


class ExistingMemberForm(StyledForm):
    """An existing resident (found with the search) joins the household."""

    existing = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    relation = forms.ChoiceField(
        label=_("Relatie"),
        choices=[("", _("— Kies een relatie —")), *MEMBER_RELATIONS],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een relatie uit de lijst.")},
    )


class NetworkMemberForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=NetworkMember.Kind.choices,
        initial=NetworkMember.Kind.INFORMAL,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies informeel of formeel.")},
        help_text=_("Informeel: familie, buren, vrienden. Formeel: huisarts, school, organisaties."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("— Kies een rol —")), *NetworkMember.Role.choices],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een rol uit de lijst.")},
    )
    name = text_field(_("Naam"), 200, required=True)
    organisation_name = text_field(_("Organisatie"), 200)
    phone = text_field(_("Telefoonnummer"), 30, validators=[phone_validator])
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    note = textarea_field(_("Toelichting"), 2000)

    @staticmethod
    def initial_for(member: NetworkMember) -> dict[str, Any]:
        return {
            "kind": member.kind,
            "role": member.role,
            "name": member.name,
            "organisation_name": member.organisation_name,
            "phone": member.phone,
            "email": member.email,
            "note": member.note,
        }

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


# --- Break-the-glass ----------------------------------------------------------------------------------
BREAK_GLASS_MIN_REASON = 10


class BreakGlassForm(StyledForm):
    reason = textarea_field(
        _("Waarom heeft u deze gegevens nu nodig?"),
        2000,
        required=True,
        help_text=_(
            "Bijvoorbeeld: crisis buiten kantooruren, het eigen team is niet bereikbaar. "
            "Uw reden wordt vastgelegd en door uw coördinator beoordeeld."
        ),
    )

    def clean_reason(self) -> str:
        value = str(self.cleaned_data["reason"]).strip()
        if len(value) < BREAK_GLASS_MIN_REASON:
            raise ValidationError(
                _("Beschrijf waarom u deze gegevens nu nodig heeft (minstens %(n)d tekens).")
                % {"n": BREAK_GLASS_MIN_REASON},
                code="too_short",
            )
        return value


class BreakGlassReviewForm(StyledForm):
    note = textarea_field(
        _("Beoordeling"),
        2000,
        help_text=_("Bijvoorbeeld: terecht gebruikt, of wat er anders moet."),
    )


__all__ = [
    "BREAK_GLASS_MIN_REASON",
    "MEMBER_RELATIONS",
    "BreakGlassForm",
    "BreakGlassReviewForm",
    "ExistingMemberForm",
    "HouseholdMemberForm",
    "NetworkMemberForm",
    "ResidentEditForm",
    "ResidentSearchForm",
]
