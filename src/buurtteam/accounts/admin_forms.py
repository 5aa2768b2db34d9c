"""Forms of the functional administrator's staff screens ("Medewerkers" under Beheer).

The forms only check input; writes go through :mod:`buurtteam.accounts.services`. Every choice of tenant
data (teams, disciplines, employer) is scoped with ``visible_to(actor)``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from buurtteam.accounts.forms import PasswordResetForm
from buurtteam.accounts.models import User
from buurtteam.core.forms import StyledForm
from buurtteam.core.roles import Role
from buurtteam.organisation.forms import EMAIL_ERRORS, REQUIRED, phone_validator, scope_choices
from buurtteam.organisation.models import Discipline, Provider, Team


class StaffFilterForm(StyledForm):
    q = forms.CharField(
        label=_("Zoek op naam"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
        help_text=_("Voornaam, achternaam of gebruikersnaam."),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Alle teams"),
        error_messages={"invalid_choice": _("Kies een team uit de lijst.")},
    )
    inactive = forms.BooleanField(label=_("Ook niet-actieve medewerkers tonen"), required=False)

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_choices(self, "team", Team.objects.visible_to(actor).order_by("name"))


class TeamsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Team) -> str:
        return obj.name if obj.is_active else str(_("%(name)s (niet actief)") % {"name": obj.name})


OWN_ROLE = _("U kunt uw eigen rol niet wijzigen. Vraag dat zo nodig aan een andere functioneel beheerder.")
PERSONAL_FIELDS = ("username", "first_name", "last_name", "email", "phone")


class StaffForm(StyledForm):
    """Create (with username) or change (with active/not active) a staff account."""

    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("Hiermee logt de medewerker in. Letters, cijfers en . @ + - _, zonder spaties."),
        error_messages={
            **REQUIRED,
            "invalid": _("Gebruik alleen letters, cijfers en . @ + - _ (geen spaties)."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=100, error_messages=REQUIRED)
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        error_messages=REQUIRED,
        help_text=_("Met tussenvoegsel, bijvoorbeeld van den Berg."),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het werkadres. Hierheen gaat de link om een wachtwoord in te stellen."),
        error_messages={**REQUIRED, **EMAIL_ERRORS},
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"), max_length=30, required=False, validators=[phone_validator]
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Role.choices,
        initial=Role.WORKER,
        help_text=_("De rol bepaalt welke soort gegevens iemand mag zien; de teams bepalen van wie."),
    )
    provider = forms.ModelChoiceField(
        label=_("Werkgever"),
        queryset=Provider.objects.none(),
        required=False,
        empty_label=_("— Geen aanbieder gekozen —"),
        error_messages={"invalid_choice": _("Kies een aanbieder van uw eigen organisatie.")},
    )
    disciplines = forms.ModelMultipleChoiceField(
        label=_("Disciplines"),
        queryset=Discipline.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen disciplines van uw eigen organisatie."),
            "invalid_pk_value": _("Kies alleen disciplines van uw eigen organisatie."),
        },
    )
    teams = TeamsField(
        label=_("Teams"),
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen teams van uw eigen organisatie."),
            "invalid_pk_value": _("Kies alleen teams van uw eigen organisatie."),
        },
    )
    primary_team = forms.ModelChoiceField(
        label=_("Eigen team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("— Het eerste gekozen team —"),
        help_text=_("Het team waarvoor de medewerker vooral werkt: een van de aangevinkte teams."),
        error_messages={"invalid_choice": _("Kies een team van uw eigen organisatie.")},
    )
    is_active = forms.BooleanField(
        label=_("Actief"),
        required=False,
        help_text=_("Een niet-actieve medewerker kan niet meer inloggen. De gegevens blijven bewaard."),
    )

    def __init__(self, *args: Any, actor: User, staff: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.staff = staff
        self.is_self = staff is not None and staff.pk == actor.pk
        if staff is None:
            del self.fields["is_active"]
        else:
            del self.fields["username"]
        if self.is_self:
            self.fields["role"].help_text = OWN_ROLE
            self.fields["is_active"].help_text = _("U kunt uw eigen account niet op niet-actief zetten.")
        teams = Team.objects.visible_to(actor).order_by("-is_active", "name")
        scope_choices(self, "provider", Provider.objects.visible_to(actor).order_by("name"))
        scope_choices(self, "disciplines", Discipline.objects.visible_to(actor).order_by("name"))
        scope_choices(self, "teams", teams)
        scope_choices(self, "primary_team", teams)

    def personal_fields(self) -> list[BoundField]:
        return [self[name] for name in self.fields if name in PERSONAL_FIELDS]

    def work_fields(self) -> list[BoundField]:
        return [self[name] for name in self.fields if name not in PERSONAL_FIELDS]

    @staticmethod
    def initial_for(staff: User) -> dict[str, Any]:
        """Initial values from a staff member read with ``selectors.staff_get`` (memberships prefetched)."""
        memberships = list(staff.memberships.all())
        return {
            "first_name": staff.first_name,
            "last_name": staff.last_name,
            "email": staff.email,
            "phone": staff.phone,
            "role": staff.role,
            "provider": staff.provider_id,
            "disciplines": [d.pk for d in staff.disciplines.all()],
            "teams": [m.team_id for m in memberships],
            "primary_team": next((m.team_id for m in memberships if m.is_primary), None),
            "is_active": staff.is_active,
        }

    def clean_role(self) -> str:
        role = str(self.cleaned_data["role"])
        if self.is_self and self.staff is not None and role != self.staff.role:
            raise ValidationError(OWN_ROLE, code="own_role")
        return role

    def clean_is_active(self) -> bool:
        active = bool(self.cleaned_data["is_active"])
        if self.is_self and not active:
            raise ValidationError(
                _("U kunt uw eigen account niet op niet-actief zetten."), code="own_account"
            )
        return active

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        primary = data.get("primary_team")
        if primary is not None and "teams" in data and primary not in data["teams"]:
            self.add_error("primary_team", _("Kies als eigen team een van de aangevinkte teams."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "email": data["email"],
            "phone": data["phone"],
            "role": data["role"],
            "provider": data["provider"],
            "disciplines": list(data["disciplines"]),
            "teams": list(data["teams"]),
            "primary_team": data["primary_team"],
        }
        if "username" in self.fields:
            kwargs["username"] = data["username"]
        if "is_active" in self.fields:
            kwargs["is_active"] = data["is_active"]
        return kwargs


class WelcomeMailForm(PasswordResetForm):
    """Sends one new colleague the link to set a first password.

    Django's reset form skips accounts without a usable password, which is exactly what a new account
    is, so this form names its one recipient instead of searching by e-mail address. The link is an
    ordinary password-reset token (django.contrib.auth), valid for PASSWORD_RESET_TIMEOUT.
    """

    def __init__(self, *, staff: User) -> None:
        super().__init__(data={"email": staff.email})
        self.staff = staff

    def get_users(self, email: str) -> list[User]:
        return [self.staff] if self.staff.is_active and self.staff.email else []
