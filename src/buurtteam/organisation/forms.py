"""Forms of the functional administrator's screens for the organisation's structure.

The forms only check input; every write goes through :mod:`buurtteam.organisation.services`. Choice
fields over tenant data are scoped with ``visible_to(actor)``, so an id of another organisation is an
invalid choice, not a leak.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from buurtteam.core.forms import StyledForm
from buurtteam.organisation.models import Discipline, Location, Neighbourhood, Organisation, Provider, Team
from buurtteam.organisation.validators import normalise_postcode

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet

    from buurtteam.core.actor import Actor
    from buurtteam.core.gate import GatedQuerySet

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()\-]{5,28}$",
    _("Vul een geldig telefoonnummer in, bijvoorbeeld 073 123 45 67."),
)
REQUIRED = {"required": _("Dit veld is verplicht.")}
EMAIL_ERRORS = {"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld team@voorbeeld.nl.")}


def scope_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to ``queryset`` (for tenant data: one scoped with ``visible_to``)."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


def _is_taken(qs: GatedQuerySet[Any], instance: Model | None, **lookup: Any) -> bool:
    if instance is not None and instance.pk is not None:
        qs = qs.exclude(pk=instance.pk)
    return qs.filter(**lookup).exists()


# --- Organisation -----------------------------------------------------------------------------
class OrganisationForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(label=_("Soort organisatie"), choices=Organisation.Kind.choices)
    email = forms.EmailField(
        label=_("Algemeen e-mailadres"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    phone = forms.CharField(
        label=_("Algemeen telefoonnummer"), max_length=30, required=False, validators=[phone_validator]
    )
    # How the teams work: defaults from practice, each changeable here.
    bsn_enabled = forms.BooleanField(
        label=_("BSN vastleggen"),
        required=False,
        help_text=_(
            "Alleen aanzetten als de organisatie een wettelijke grondslag heeft om het BSN te verwerken."
        ),
    )
    intake_conversation_limit = forms.IntegerField(
        label=_("Aantal gesprekken voor vraagverheldering"), min_value=1, max_value=10
    )
    pickup_target_working_days = forms.IntegerField(
        label=_("Complexe vragen oppakken binnen (werkdagen)"), min_value=1, max_value=60
    )
    reopen_window_days = forms.IntegerField(
        label=_("Heropenen kan tot (dagen na afsluiten)"), min_value=0, max_value=730
    )
    stuck_after_weeks = forms.IntegerField(
        label=_("Op de agenda van het casusoverleg na (weken zonder contact)"), min_value=1, max_value=52
    )
    map_stale_after_months = forms.IntegerField(
        label=_("Sociale kaart: controleren na (maanden)"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=_(
            "Een vermelding op de sociale kaart die langer niet is gecontroleerd, komt op de lijst "
            "‘Te controleren’. Leeg laten: blijft zoals het is."
        ),
        error_messages={
            "invalid": _("Vul een aantal maanden in."),
            "min_value": _("Vul een aantal maanden van 1 tot 60 in."),
            "max_value": _("Vul een aantal maanden van 1 tot 60 in."),
        },
    )

    map_public = forms.BooleanField(
        label=_("Sociale kaart openbaar maken"),
        required=False,
        help_text=_(
            "De kaart (organisaties, locaties, activiteiten; nooit personen) is dan zonder inloggen te lezen "
            "via de openbare HSDS-API."
        ),
    )

    SETTINGS = (
        "bsn_enabled",
        "intake_conversation_limit",
        "pickup_target_working_days",
        "reopen_window_days",
        "stuck_after_weeks",
        "map_stale_after_months",
        "map_public",
    )

    def clean_map_stale_after_months(self) -> int:
        value = self.cleaned_data.get("map_stale_after_months")
        return int(value or self.initial.get("map_stale_after_months") or 12)

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "email": organisation.email,
            "phone": organisation.phone,
            **{name: getattr(organisation, name) for name in OrganisationForm.SETTINGS},
        }


# --- Teams ------------------------------------------------------------------------------------
class NeighbourhoodMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Buurten with their wijk, and the team that already serves them."""

    taken_by: dict[int, str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.taken_by = {}

    def label_from_instance(self, obj: Neighbourhood) -> str:
        label = f"{obj.name} ({obj.district.name})"
        team = self.taken_by.get(obj.pk)
        if team:
            return str(_("%(label)s — nu bij %(team)s") % {"label": label, "team": team})
        return label


class TeamForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages=REQUIRED)
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"), max_length=30, required=False, validators=[phone_validator]
    )
    is_active = forms.BooleanField(
        label=_("Actief"),
        required=False,
        initial=True,
        help_text=_("Een niet-actief team staat niet meer in de teamlijst en houdt geen buurten bezet."),
    )
    neighbourhoods = NeighbourhoodMultipleChoiceField(
        label=_("Buurten"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een buurt hoort bij hooguit één actief team."),
        error_messages={
            "invalid_choice": _("Kies alleen buurten uit uw eigen gemeente."),
            "invalid_pk_value": _("Kies alleen buurten uit uw eigen gemeente."),
        },
    )
    locations = forms.ModelMultipleChoiceField(
        label=_("Locaties"),
        queryset=Location.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen locaties van uw eigen organisatie."),
            "invalid_pk_value": _("Kies alleen locaties van uw eigen organisatie."),
        },
    )
    providers = forms.ModelMultipleChoiceField(
        label=_("Aanbieders"),
        queryset=Provider.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De aanbieders waarvan medewerkers in dit team werken."),
        error_messages={
            "invalid_choice": _("Kies alleen aanbieders van uw eigen organisatie."),
            "invalid_pk_value": _("Kies alleen aanbieders van uw eigen organisatie."),
        },
    )

    def __init__(
        self, *args: Any, actor: Actor, municipality_id: int, team: Team | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.team = team
        neighbourhoods = self.fields["neighbourhoods"]
        assert isinstance(neighbourhoods, NeighbourhoodMultipleChoiceField)
        neighbourhoods.queryset = (
            Neighbourhood.objects.filter(district__municipality_id=municipality_id)
            .select_related("district")
            .order_by("district__cbs_code", "name")
        )
        others = Team.objects.visible_to(actor).filter(is_active=True, neighbourhoods__isnull=False)
        if team is not None:
            others = others.exclude(pk=team.pk)
        neighbourhoods.taken_by = dict(others.values_list("neighbourhoods", "name"))
        scope_choices(self, "locations", Location.objects.visible_to(actor).order_by("name"))
        scope_choices(self, "providers", Provider.objects.visible_to(actor).order_by("name"))

    @staticmethod
    def initial_for(team: Team) -> dict[str, Any]:
        return {
            "name": team.name,
            "email": team.email,
            "phone": team.phone,
            "is_active": team.is_active,
            "neighbourhoods": [n.pk for n in team.neighbourhoods.all()],
            "locations": [loc.pk for loc in team.locations.all()],
            "providers": [p.pk for p in team.providers.all()],
        }

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"])
        if _is_taken(Team.objects.visible_to(self.actor), self.team, name__iexact=name):
            raise ValidationError(_("Er is al een team met deze naam."), code="unique")
        return name

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "is_active": data["is_active"],
            "neighbourhoods": list(data["neighbourhoods"]),
            "locations": list(data["locations"]),
            "providers": list(data["providers"]),
        }


# --- Locations --------------------------------------------------------------------------------
class NeighbourhoodChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Neighbourhood) -> str:
        return f"{obj.name} ({obj.district.name})"


class LocationForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(
        label=_("Soort locatie"),
        choices=[("", _("— Kies een soort —")), *Location.Kind.choices],
        error_messages=REQUIRED,
    )
    street = forms.CharField(label=_("Straat"), max_length=200, error_messages=REQUIRED)
    house_number = forms.CharField(
        label=_("Huisnummer"),
        max_length=12,
        error_messages=REQUIRED,
        help_text=_("Met eventuele toevoeging, bijvoorbeeld 12a."),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        error_messages=REQUIRED,
        help_text=_("Bijvoorbeeld 5211 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(label=_("Plaats"), max_length=100, error_messages=REQUIRED)
    neighbourhood = NeighbourhoodChoiceField(
        label=_("Buurt"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("— Geen buurt —"),
        error_messages={"invalid_choice": _("Kies een buurt uit uw eigen gemeente.")},
    )
    opening_hours = forms.CharField(
        label=_("Openingstijden"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: maandag tot en met vrijdag 9.00 tot 17.00 uur."),
    )

    def __init__(
        self, *args: Any, actor: Actor, municipality_id: int, location: Location | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.location = location
        scope_choices(
            self,
            "neighbourhood",
            Neighbourhood.objects.filter(district__municipality_id=municipality_id)
            .select_related("district")
            .order_by("district__cbs_code", "name"),
        )

    @staticmethod
    def initial_for(location: Location) -> dict[str, Any]:
        return {
            "name": location.name,
            "kind": location.kind,
            "street": location.street,
            "house_number": location.house_number,
            "postcode": location.postcode_display,
            "city": location.city,
            "neighbourhood": location.neighbourhood_id,
            "opening_hours": location.opening_hours,
        }

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"])
        if _is_taken(Location.objects.visible_to(self.actor), self.location, name__iexact=name):
            raise ValidationError(_("Er is al een locatie met deze naam."), code="unique")
        return name

    def clean_postcode(self) -> str:
        return normalise_postcode(str(self.cleaned_data["postcode"]))

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


# --- Providers --------------------------------------------------------------------------------
class ProviderForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200, error_messages=REQUIRED)
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=12,
        required=False,
        help_text=_("Het nummer in het Handelsregister: 8 cijfers."),
    )

    def __init__(self, *args: Any, actor: Actor, provider: Provider | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.provider = provider

    @staticmethod
    def initial_for(provider: Provider) -> dict[str, Any]:
        return {"name": provider.name, "kvk_number": provider.kvk_number}

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"])
        if _is_taken(Provider.objects.visible_to(self.actor), self.provider, name__iexact=name):
            raise ValidationError(_("Er is al een aanbieder met deze naam."), code="unique")
        return name

    def clean_kvk_number(self) -> str:
        value = "".join(str(self.cleaned_data["kvk_number"]).split())
        if value and (len(value) != 8 or not value.isascii() or not value.isdigit()):
            raise ValidationError(_("Een KvK-nummer heeft 8 cijfers."), code="kvk")
        return value

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


# --- Disciplines ------------------------------------------------------------------------------
class DisciplineForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=100, error_messages=REQUIRED)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_(
            "Een vaste korte code met kleine letters, cijfers en streepjes, bijvoorbeeld wijkverpleging. "
            "Laat leeg om de code uit de naam te maken."
        ),
        error_messages={"invalid": _("Gebruik alleen kleine letters, cijfers en streepjes.")},
    )

    def __init__(self, *args: Any, actor: Actor, discipline: Discipline | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.discipline = discipline

    @staticmethod
    def initial_for(discipline: Discipline) -> dict[str, Any]:
        return {"name": discipline.name, "code": discipline.code}

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"])
        if _is_taken(Discipline.objects.visible_to(self.actor), self.discipline, name__iexact=name):
            raise ValidationError(_("Er is al een discipline met deze naam."), code="unique")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "name" not in data:
            return data
        code = str(data.get("code") or "").lower() or slugify(data["name"])[:40].strip("-")
        if not code:
            self.add_error("code", _("Vul een code in met letters of cijfers."))
            return data
        if _is_taken(Discipline.objects.visible_to(self.actor), self.discipline, code=code):
            self.add_error("code", _("Er is al een discipline met deze code."))
            return data
        data["code"] = code
        return data

    def service_kwargs(self) -> dict[str, Any]:
        return {"name": self.cleaned_data["name"], "code": self.cleaned_data["code"]}
