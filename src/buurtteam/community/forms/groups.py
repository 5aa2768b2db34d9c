"""Forms for groups: the group, a participant, a session with attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.community.forms.common import (
    INVALID_CHOICE,
    choice_field,
    date_field,
    optional_id,
    set_choices,
    text_area,
    too_long,
)
from buurtteam.core.forms import StyledForm

if TYPE_CHECKING:
    from buurtteam.accounts.models import User
    from buurtteam.community.models import Group, GroupParticipant
    from buurtteam.organisation.models import Team


def _options(rows: list[tuple[int, str]], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((str(pk), name) for pk, name in rows)]


class GroupForm(StyledForm):
    name = forms.CharField(
        label=gettext_lazy("Naam van de groep"),
        max_length=200,
        error_messages={"required": gettext_lazy("Geef de groep een naam."), **too_long(200)},
    )
    description = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        required=False,
        max_length=2000,
        widget=text_area(3),
        error_messages=too_long(2000),
    )
    team = choice_field(gettext_lazy("Team"), missing=gettext_lazy("Kies een team."))
    location = choice_field(gettext_lazy("Vaste plek"), required=False)
    service = choice_field(gettext_lazy("Activiteit op de sociale kaart"), required=False)
    leaders = forms.MultipleChoiceField(
        label=gettext_lazy("Begeleiders"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    active = forms.BooleanField(label=gettext_lazy("De groep is actief"), required=False, initial=True)

    def __init__(
        self,
        *args: Any,
        teams: list[Team],
        locations: list[tuple[int, str]],
        services: list[tuple[int, str]],
        leaders: list[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "team", [(str(t.pk), t.name) for t in teams])
        set_choices(self, "location", _options(locations, _("Geen vaste plek")))
        set_choices(self, "service", _options(services, _("Geen activiteit")))
        field = self.fields["leaders"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(u.pk), u.full_name or u.username) for u in leaders]

    @staticmethod
    def initial_for(group: Group) -> dict[str, Any]:
        return {
            "name": group.name,
            "description": group.description,
            "team": str(group.team_id),
            "location": str(group.location_id or ""),
            "service": str(group.service_id or ""),
            "leaders": [str(u.pk) for u in group.leaders.all()],
            "active": group.active,
        }

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data.get("description", ""),
            "location_id": optional_id(data.get("location")),
            "service_id": optional_id(data.get("service")),
            "leader_ids": [int(pk) for pk in data.get("leaders", [])],
        }


class ResidentSearchForm(StyledForm):
    """Find a resident (GET) to add as participant or to record a signal about."""

    q = forms.CharField(
        label=gettext_lazy("Zoek een inwoner"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Naam, geboortedatum (dd-mm-jjjj) of postcode."),
        error_messages=too_long(100),
    )


class ParticipantResidentForm(StyledForm):
    resident = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": gettext_lazy("Kies een inwoner."),
            "invalid": gettext_lazy("Kies een inwoner."),
        },
    )
    joined_on = date_field(gettext_lazy("Doet mee sinds"))


class ParticipantNameForm(StyledForm):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=200,
        help_text=gettext_lazy("Voor iemand die geen cliënt is: alleen de naam."),
        error_messages={"required": gettext_lazy("Schrijf de naam van de deelnemer."), **too_long(200)},
    )
    joined_on = date_field(gettext_lazy("Doet mee sinds"))


class LeaveForm(StyledForm):
    left_on = date_field(gettext_lazy("Gestopt op"))


class SessionForm(StyledForm):
    held_on = date_field(gettext_lazy("Datum"))
    activity = forms.CharField(
        label=gettext_lazy("Wat deden jullie?"),
        max_length=2000,
        widget=text_area(3),
        error_messages={"required": gettext_lazy("Schrijf wat u deed."), **too_long(2000)},
    )
    location = choice_field(gettext_lazy("Plek"), required=False)
    place = forms.CharField(
        label=gettext_lazy("Of een andere plek"),
        required=False,
        max_length=200,
        error_messages=too_long(200),
    )
    present = forms.MultipleChoiceField(
        label=gettext_lazy("Wie was er?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Kies alleen deelnemers van de groep.")},
    )
    guests = forms.IntegerField(
        label=gettext_lazy("Andere aanwezigen (zonder naam)"),
        min_value=0,
        max_value=500,
        initial=0,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Vul een geheel getal in."),
            "min_value": gettext_lazy("Vul een aantal tussen 0 en 500 in."),
            "max_value": gettext_lazy("Vul een aantal tussen 0 en 500 in."),
        },
    )
    notes = forms.CharField(
        label=gettext_lazy("Bijzonderheden"),
        required=False,
        max_length=4000,
        widget=text_area(3),
        error_messages=too_long(4000),
    )

    def __init__(
        self,
        *args: Any,
        participants: list[GroupParticipant],
        locations: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"held_on": timezone.localdate(), "guests": 0})
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(p.pk), p.display_name) for p in participants]
        set_choices(self, "location", _options(locations, _("Geen plek van de kaart")))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "held_on": data["held_on"],
            "activity": data["activity"],
            "place": data.get("place", ""),
            "location_id": optional_id(data.get("location")),
            "guests": data.get("guests") or 0,
            "notes": data.get("notes", ""),
            "present_ids": [int(pk) for pk in data.get("present", [])],
        }
