"""Forms of the databank pages. They check the input; the services check the rules and say in Dutch why
something is not possible. Names, texts and notes refuse HTML tags (shown escaped anyway)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.forms.fields import date_field, no_html, text_field, textarea_field
from buurtteam.core.forms import StyledForm
from buurtteam.organisation.forms import REQUIRED
from buurtteam.volunteers import choices
from buurtteam.volunteers.models import (
    MAX_TRAVEL_KM,
    EndReason,
    HelpRequest,
    RequestKind,
    RequestStatus,
    VogStatus,
    Volunteer,
    VolunteerStatus,
)

CHOOSE = {**REQUIRED, "invalid_choice": _("Kies een waarde uit de lijst.")}
MULTI = {"invalid_choice": _("Kies alleen uit de lijst.")}


def _length(model: Any, name: str) -> int:
    value = model._meta.get_field(name).max_length
    assert value is not None
    return int(value)


def _checkboxes(label: Any, options: list[tuple[str, Any]], help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=options,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=MULTI,
        help_text=help_text,
    )


def _plain(*names: str) -> Any:
    def clean(self: forms.Form) -> dict[str, Any]:
        data: dict[str, Any] = forms.Form.clean(self) or {}
        for name in names:
            value = data.get(name)
            if isinstance(value, str) and value:
                try:
                    no_html(value)
                except forms.ValidationError as exc:
                    self.add_error(name, exc)
        return data

    return clean


def _required_date(label: Any) -> forms.DateField:
    field = date_field(label)
    field.required = True
    field.error_messages["required"] = _("Vul een datum in.")
    return field


class PlaceFields(StyledForm):
    """What volunteers and requests share: where, which interests, languages and parts of the week."""

    postcode = text_field(_("Postcode"), 7, help_text=_("Bijvoorbeeld 5211 AB."))
    interests = _checkboxes(_("Interesses"), list(choices.Interest.choices))
    languages = _checkboxes(_("Talen"), list(choices.Language.choices))
    availability = _checkboxes(
        _("Dagdelen"), choices.slot_choices(), _("Ochtend, middag of avond, van maandag tot en met zondag.")
    )


class VolunteerForm(PlaceFields):
    first_name = text_field(_("Voornaam"), _length(Volunteer, "first_name"), required=True)
    last_name = text_field(_("Achternaam"), _length(Volunteer, "last_name"), required=True)
    phone = text_field(_("Telefoonnummer"), _length(Volunteer, "phone"))
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=_length(Volunteer, "email"),
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    travel_radius_km = forms.IntegerField(
        label=_("Reisafstand (km)"),
        min_value=1,
        max_value=MAX_TRAVEL_KM,
        initial=3,
        error_messages={
            **REQUIRED,
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Minstens 1 km."),
            "max_value": _("Hoogstens %(limit_value)s km."),
        },
        help_text=_("Hoe ver wil hij of zij reizen om te helpen?"),
    )
    passions = textarea_field(
        _("Passies"), _length(Volunteer, "passions"), help_text=_("Waar wordt hij of zij enthousiast van?")
    )
    talents = textarea_field(
        _("Talenten"), _length(Volunteer, "talents"), help_text=_("Waar is hij of zij goed in?")
    )
    likes = textarea_field(_("Wat doet hij of zij graag voor een ander?"), _length(Volunteer, "likes"))
    resident_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    field_order = [
        "first_name",
        "last_name",
        "phone",
        "email",
        "postcode",
        "travel_radius_km",
        "passions",
        "talents",
        "likes",
        "interests",
        "languages",
        "availability",
    ]

    clean = _plain("first_name", "last_name", "phone", "postcode", "passions", "talents", "likes")

    @staticmethod
    def initial_for(volunteer: Volunteer) -> dict[str, Any]:
        return {
            "first_name": volunteer.first_name,
            "last_name": volunteer.last_name,
            "phone": volunteer.phone,
            "email": volunteer.email,
            "postcode": volunteer.postcode,
            "travel_radius_km": volunteer.travel_radius_km,
            "passions": volunteer.passions,
            "talents": volunteer.talents,
            "likes": volunteer.likes,
            "interests": choices.unpack(volunteer.interests),
            "languages": choices.unpack(volunteer.languages),
            "availability": choices.codes_from_mask(volunteer.availability),
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("resident_id", None)
        return data


class VogForm(StyledForm):
    vog_status = forms.ChoiceField(label=_("VOG-status"), choices=VogStatus.choices, error_messages=CHOOSE)
    vog_issued_on = date_field(_("Afgegeven op"))


class PauseForm(StyledForm):
    note = text_field(
        _("Toelichting"), _length(Volunteer, "pause_note"), help_text=_("Bijvoorbeeld: tot na de zomer.")
    )

    clean = _plain("note")


class VolunteerFilterForm(StyledForm):
    q = text_field(_("Naam of passie"), 100)
    buurt = forms.TypedChoiceField(label=_("Buurt"), required=False, coerce=int, empty_value=None)
    interesse = forms.ChoiceField(
        label=_("Interesse"), required=False, choices=[("", _("Alle interesses")), *choices.Interest.choices]
    )
    dagdeel = forms.ChoiceField(
        label=_("Beschikbaar op"), required=False, choices=[("", _("Alle dagdelen")), *choices.slot_choices()]
    )
    vog = forms.ChoiceField(label=_("VOG"), required=False, choices=[("", _("Alle")), *VogStatus.choices])
    taal = forms.ChoiceField(
        label=_("Taal"), required=False, choices=[("", _("Alle talen")), *choices.Language.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (VolunteerStatus.ACTIVE, _("Actief")),
            (VolunteerStatus.PAUSED, _("Gepauzeerd")),
            ("alle", _("Alle")),
        ],
    )

    def __init__(self, *args: Any, neighbourhoods: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["buurt"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alle buurten")), *((str(pk), name) for pk, name in neighbourhoods)]


class HelpRequestForm(PlaceFields):
    title = text_field(
        _("Titel"),
        _length(HelpRequest, "title"),
        required=True,
        help_text=_("Bijvoorbeeld: Maatje om mee te wandelen."),
    )
    description = textarea_field(
        _("Omschrijving voor de vrijwilliger"),
        _length(HelpRequest, "description"),
        required=True,
        help_text=_(
            "Wat is er nodig, hoe vaak en waar? Schrijf niets uit het dossier: de vrijwilliger leest dit."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Soort hulp"),
        choices=[("", _("Kies de soort hulp")), *RequestKind.choices],
        error_messages=CHOOSE,
    )
    wanted = textarea_field(
        _("Gezochte vaardigheden of interesses"),
        _length(HelpRequest, "wanted"),
        help_text=_("Bijvoorbeeld: geduld, handig met fietsen, spreekt Arabisch."),
    )
    needs_vog = forms.ChoiceField(
        label=_("VOG nodig"),
        choices=[("", _("Volgens de soort hulp")), ("yes", _("Ja")), ("no", _("Nee"))],
        required=False,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
        help_text=_("Bij een maatje, terugkerende hulp en administratie is een VOG standaard nodig."),
    )
    team_id = forms.TypedChoiceField(label=_("Team"), coerce=int, error_messages=CHOOSE)
    contact_id = forms.TypedChoiceField(label=_("Contactpersoon"), coerce=int, error_messages=CHOOSE)
    location_id = forms.TypedChoiceField(
        label=_("Buurthuis"), coerce=int, required=False, empty_value=None, error_messages=CHOOSE
    )

    field_order = [
        "title",
        "kind",
        "description",
        "wanted",
        "interests",
        "languages",
        "availability",
        "postcode",
        "needs_vog",
        "team_id",
        "contact_id",
        "location_id",
    ]

    clean = _plain("title", "description", "wanted", "postcode")

    def __init__(
        self,
        *args: Any,
        teams: list[tuple[int, str]],
        colleagues: list[tuple[int, str]],
        locations: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choices("team_id", [("", _("Kies een team")), *teams])
        self._choices("contact_id", [("", _("Kies een collega")), *colleagues])
        if locations:
            self._choices("location_id", [("", _("Geen buurthuis")), *locations])
        else:
            del self.fields["location_id"]

    def _choices(self, name: str, options: list[tuple[Any, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(k), v) for k, v in options]

    @staticmethod
    def initial_for(obj: HelpRequest) -> dict[str, Any]:
        return {
            "title": obj.title,
            "description": obj.description,
            "kind": obj.kind,
            "wanted": obj.wanted,
            "interests": choices.unpack(obj.interests),
            "languages": choices.unpack(obj.languages),
            "availability": choices.codes_from_mask(obj.availability),
            "postcode": obj.postcode,
            "needs_vog": "yes" if obj.needs_vog else "no",
            "team_id": obj.team_id,
            "contact_id": obj.contact_id,
            "location_id": obj.location_id,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["needs_vog"] = {"yes": True, "no": False}.get(data.get("needs_vog") or "")
        if "location_id" not in self.fields:
            data.pop("location_id", None)
        return data


class RequestFilterForm(StyledForm):
    q = text_field(_("Zoeken"), 100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *RequestStatus.choices]
    )
    soort = forms.ChoiceField(
        label=_("Soort hulp"), required=False, choices=[("", _("Alle")), *RequestKind.choices]
    )


class CloseForm(StyledForm):
    note = text_field(_("Toelichting"), _length(HelpRequest, "close_note"))

    clean = _plain("note")


class ProposeForm(StyledForm):
    volunteer_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput, error_messages=REQUIRED)
    note = text_field(_("Toelichting bij het voorstel"), 1000)

    clean = _plain("note")


class IntroduceForm(StyledForm):
    introduced_on = _required_date(_("Datum van de kennismaking"))


class StartForm(StyledForm):
    started_on = _required_date(_("Startdatum"))


class EndForm(StyledForm):
    ended_on = _required_date(_("Einddatum"))
    end_reason = forms.ChoiceField(
        label=_("Waarom stopt de match?"),
        choices=[("", _("Kies een reden")), *EndReason.choices],
        error_messages=CHOOSE,
    )
    evaluation = textarea_field(_("Hoe ging het?"), 3000, required=True)
    rating = forms.TypedChoiceField(
        label=_("Waardering"),
        choices=[("", _("Geen waardering")), *((str(i), str(i)) for i in range(1, 6))],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=CHOOSE,
        help_text=_("1 is slecht, 5 is heel goed."),
    )
    close_request = forms.BooleanField(label=_("De hulpvraag is hiermee afgerond (sluiten)"), required=False)

    clean = _plain("evaluation")


class DeclineForm(StyledForm):
    reason = text_field(_("Waarom gaat het voorstel niet door?"), 1000, required=True)

    clean = _plain("reason")
