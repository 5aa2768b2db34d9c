"""Forms of the partner directory: the administrator's screens and the filter of the staff directory.

The forms only check input; every write goes through :mod:`buurtteam.referrals.services.partners`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtteam.core.forms import StyledForm
from buurtteam.organisation.forms import EMAIL_ERRORS, REQUIRED, phone_validator
from buurtteam.referrals.models import SPECIALIST_KINDS, PartnerContact, PartnerKind, PartnerOrganisation

SPECIALIST_AUTO = ""
SPECIALIST_YES = "yes"
SPECIALIST_NO = "no"
URL_ERRORS = {"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")}


class PartnerFilterForm(StyledForm):
    """Search and filter by kind (GET); an unknown kind is simply no filter."""

    q = forms.CharField(label=_("Zoeken op naam of aanbod"), max_length=100, required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *PartnerKind.choices], required=False
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"query": "", "kind": ""}
        return {"query": self.cleaned_data["q"].strip(), "kind": self.cleaned_data["soort"]}


class PartnerForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(label=_("Soort"), choices=PartnerKind.choices)
    specialist = forms.ChoiceField(
        label=_("Telt als specialistische zorg"),
        help_text=_(
            "Een verwijzing naar specialistische zorg telt als 'doorverwezen' in de 80/20-verhouding."
        ),
        choices=[
            (SPECIALIST_AUTO, _("Volgens de soort (jeugdhulp, GGZ, verslavingszorg, gehandicaptenzorg)")),
            (SPECIALIST_YES, _("Ja")),
            (SPECIALIST_NO, _("Nee")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    offer = forms.CharField(
        label=_("Wat zij bieden"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    usual_wait_weeks = forms.IntegerField(
        label=_("Gebruikelijke wachttijd (weken)"), min_value=0, max_value=104, required=False
    )
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False, validators=[phone_validator])
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False, error_messages=EMAIL_ERRORS)
    website = forms.URLField(
        label=_("Website"), max_length=300, required=False, assume_scheme="https", error_messages=URL_ERRORS
    )
    address = forms.CharField(label=_("Adres"), max_length=300, required=False)
    notes = forms.CharField(
        label=_("Werkafspraken"),
        help_text=_("Bijvoorbeeld hoe u verwijst, wat de partner nodig heeft en hoe zij terugkoppelen."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    active = forms.BooleanField(
        label=_("Actief: medewerkers kunnen naar deze partner verwijzen"), required=False, initial=True
    )

    def __init__(self, *args: Any, taken_names: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken_names = {n.casefold() for n in taken_names or set()}

    @staticmethod
    def initial_for(partner: PartnerOrganisation) -> dict[str, Any]:
        return {
            "name": partner.name,
            "kind": partner.kind,
            "specialist": SPECIALIST_YES if partner.is_specialist else SPECIALIST_NO,
            "offer": partner.offer,
            "usual_wait_weeks": partner.usual_wait_weeks,
            "phone": partner.phone,
            "email": partner.email,
            "website": partner.website,
            "address": partner.address,
            "notes": partner.notes,
            "active": partner.active,
        }

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if name.casefold() in self.taken_names:
            raise ValidationError(_("Er is al een netwerkpartner met deze naam."))
        return name

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        specialist = data.pop("specialist")
        if specialist == SPECIALIST_AUTO:
            data["is_specialist"] = data["kind"] in SPECIALIST_KINDS
        else:
            data["is_specialist"] = specialist == SPECIALIST_YES
        return data


class ContactForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages=REQUIRED)
    function = forms.CharField(label=_("Functie"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False, validators=[phone_validator])
    email = forms.EmailField(label=_("E-mail"), max_length=200, required=False, error_messages=EMAIL_ERRORS)

    @staticmethod
    def initial_for(contact: PartnerContact) -> dict[str, Any]:
        return {name: getattr(contact, name) for name in ("name", "function", "phone", "email")}

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
