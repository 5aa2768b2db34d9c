"""Forms for map editors: organisations, locations, services (with schedules) and synonyms."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtteam.core.forms import WIDGET_CLASSES, StyledForm
from buurtteam.organisation.forms import EMAIL_ERRORS, REQUIRED, phone_validator
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService, Schedule
from buurtteam.socialmap.schedules import DAY_NAMES, DAYS, ORDINALS

URL_ERRORS = {"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")}
INVALID_CHOICE = {"invalid_choice": _("Kies een van de mogelijkheden uit de lijst.")}
TIME_ERRORS = {"invalid": _("Vul een tijd in als UU:MM, bijvoorbeeld 09:30.")}
AGE_ERRORS = {
    "invalid": _("Vul een leeftijd in jaren in."),
    "min_value": _("Vul een leeftijd van 0 tot 120 in."),
    "max_value": _("Vul een leeftijd van 0 tot 120 in."),
}
NONE_CHOICE = ("", _("— Geen —"))


def _text(label: Any, max_length: int, *, rows: int = 0, **kwargs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(label=label, max_length=max_length, required=False, widget=widget, **kwargs)


def _contact_fields() -> dict[str, forms.Field]:
    return {
        "phone": forms.CharField(
            label=_("Telefoon"), max_length=30, required=False, validators=[phone_validator]
        ),
        "email": forms.EmailField(
            label=_("E-mail"), max_length=254, required=False, error_messages=EMAIL_ERRORS
        ),
    }


class OrganizationForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=300, error_messages=REQUIRED)
    alternate_name = _text(_("Andere naam of afkorting"), 300)
    description = _text(_("Omschrijving"), 4000, rows=4)
    phone = _contact_fields()["phone"]
    email = _contact_fields()["email"]
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https", error_messages=URL_ERRORS
    )

    @staticmethod
    def initial_for(org: MapOrganization) -> dict[str, Any]:
        return {name: getattr(org, name) for name in OrganizationForm.base_fields}

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class LocationForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=300, error_messages=REQUIRED)
    alternate_name = _text(_("Andere naam"), 300)
    kind = forms.ChoiceField(
        label=_("Soort plek"), choices=MapLocation.Kind.choices, error_messages=INVALID_CHOICE
    )
    location_type = forms.ChoiceField(
        label=_("Soort adres"), choices=MapLocation.LocationType.choices, error_messages=INVALID_CHOICE
    )
    map_organization = forms.ChoiceField(
        label=_("Organisatie"), required=False, error_messages=INVALID_CHOICE
    )
    address_1 = _text(_("Straat en huisnummer"), 300)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        required=False,
        help_text=_("Bijvoorbeeld 3581 AB. De buurt en de ligging volgen uit de postcode."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = _text(_("Plaats"), 100)
    # Localised: a Dutch user types a decimal comma (52,0913); a point works too.
    latitude = forms.FloatField(
        label=_("Breedtegraad"),
        required=False,
        localize=True,
        min_value=-90,
        max_value=90,
        help_text=_("Leeg laten: het midden van de postcode. Bijvoorbeeld 52,0913."),
        error_messages={"invalid": _("Vul een getal in, bijvoorbeeld 52,0913.")},
    )
    longitude = forms.FloatField(
        label=_("Lengtegraad"),
        required=False,
        localize=True,
        min_value=-180,
        max_value=180,
        help_text=_("Leeg laten: het midden van de postcode. Bijvoorbeeld 5,1214."),
        error_messages={"invalid": _("Vul een getal in, bijvoorbeeld 5,1214.")},
    )
    description = _text(_("Omschrijving"), 4000, rows=3)
    accessibility = _text(
        _("Toegankelijkheid"),
        2000,
        rows=2,
        help_text=_("Bijvoorbeeld: drempelvrij, invalidentoilet, ringleiding."),
    )
    transportation = _text(
        _("Bereikbaarheid"), 500, help_text=_("Bijvoorbeeld: bushalte Lindeplein, lijn 4.")
    )
    phone = _contact_fields()["phone"]
    email = _contact_fields()["email"]
    url = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https", error_messages=URL_ERRORS
    )

    def __init__(self, *args: Any, organizations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["map_organization"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [NONE_CHOICE, *[(str(pk), name) for pk, name in organizations]]

    @staticmethod
    def initial_for(location: MapLocation) -> dict[str, Any]:
        data = {
            name: getattr(location, name) for name in LocationForm.base_fields if name != "map_organization"
        }
        data["map_organization"] = location.map_organization_id or ""
        return data

    def clean_postcode(self) -> str:
        raw = str(self.cleaned_data.get("postcode") or "").strip()
        return normalise_postcode(raw) if raw else ""

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        org = data.pop("map_organization")
        data["map_organization_id"] = int(org) if org else None
        return data


# --- Services -------------------------------------------------------------------------------------
FREQ_CHOICES = [
    ("", _("— Geen —")),
    ("weekly", _("Elke week")),
    ("biweekly", _("Om de week")),
    ("monthly", _("Eén keer per maand")),
]
DAY_CHOICES = [("", _("— Kies een dag —")), *[(code, DAY_NAMES[code]) for code in DAYS]]
WEEK_CHOICES = [("", _("— Welke week —")), *[(code, ORDINALS[code]) for code in ("1", "2", "3", "4", "-1")]]
MIN_SCHEDULE_ROWS = 3


def _schedule_rows_of(schedules: list[Schedule]) -> list[dict[str, Any]]:
    """Existing schedules as form rows: one row per day."""
    rows: list[dict[str, Any]] = []
    for schedule in schedules:
        for part in [p for p in (schedule.byday or "").split(",") if p]:
            row: dict[str, Any] = {"van": schedule.opens_at, "tot": schedule.closes_at}
            if schedule.freq == Schedule.Freq.MONTHLY:
                row.update(herhaling="monthly", week=part[:-2], dag=part[-2:])
            elif schedule.freq == Schedule.Freq.WEEKLY:
                row.update(herhaling="biweekly" if (schedule.interval or 1) == 2 else "weekly", dag=part)
            else:
                continue
            rows.append(row)
    return rows


class ServiceForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=300, error_messages=REQUIRED)
    alternate_name = _text(_("Andere naam"), 300)
    map_organization = forms.ChoiceField(
        label=_("Organisatie"), required=False, error_messages=INVALID_CHOICE
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=MapService.Kind.choices, error_messages=INVALID_CHOICE)
    status = forms.ChoiceField(
        label=_("Status"), choices=MapService.Status.choices, error_messages=INVALID_CHOICE
    )
    description = _text(
        _("Omschrijving"), 4000, rows=4, help_text=_("Wat het is en wat een inwoner er kan verwachten.")
    )
    eligibility_description = _text(_("Voor wie"), 2000, rows=2)
    life_domains = forms.TypedMultipleChoiceField(
        label=_("Leefgebieden"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=INVALID_CHOICE,
    )
    target_groups = forms.TypedMultipleChoiceField(
        label=_("Doelgroepen"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=INVALID_CHOICE,
    )
    locations = forms.TypedMultipleChoiceField(
        label=_("Locaties"),
        coerce=int,
        required=False,
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om meer locaties te kiezen."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages=INVALID_CHOICE,
    )
    is_free = forms.BooleanField(label=_("Gratis"), required=False)
    fees_description = _text(
        _("Kosten"), 500, help_text=_("Bijvoorbeeld: € 2 per keer, met de stadspas gratis.")
    )
    minimum_age = forms.IntegerField(
        label=_("Minimumleeftijd"), min_value=0, max_value=120, required=False, error_messages=AGE_ERRORS
    )
    maximum_age = forms.IntegerField(
        label=_("Maximumleeftijd"), min_value=0, max_value=120, required=False, error_messages=AGE_ERRORS
    )
    application_process = _text(
        _("Aanmelden"), 2000, rows=2, help_text=_("Bijvoorbeeld: vrije inloop, of bellen met de coördinator.")
    )
    contact_name = _text(_("Contactpersoon"), 200)
    phone = _contact_fields()["phone"]
    email = _contact_fields()["email"]
    url = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https", error_messages=URL_ERRORS
    )
    languages = _text(
        _("Talen"), 200, help_text=_("Codes van twee letters, gescheiden door komma's, bijv. nl,en,ar.")
    )
    interpretation_services = _text(_("Tolk of vertaling"), 500)
    wait_time = _text(_("Wachttijd"), 200)

    def __init__(
        self,
        *args: Any,
        organizations: list[tuple[int, str]],
        locations: list[tuple[int, str]],
        life_domains: list[tuple[int, str]],
        target_groups: list[tuple[int, str]],
        other_term_ids: list[int] | None = None,
        schedule_rows: int = MIN_SCHEDULE_ROWS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.other_term_ids = other_term_ids or []
        self._choices("map_organization", [NONE_CHOICE, *[(str(pk), n) for pk, n in organizations]])
        self._choices("locations", [(str(pk), n) for pk, n in locations])
        self._choices("life_domains", [(str(pk), n) for pk, n in life_domains])
        self._choices("target_groups", [(str(pk), n) for pk, n in target_groups])
        self.schedule_count = max(schedule_rows, MIN_SCHEDULE_ROWS)
        for i in range(1, self.schedule_count + 1):
            self.fields[f"rooster_{i}_herhaling"] = forms.ChoiceField(
                label=_("Hoe vaak"), choices=FREQ_CHOICES, required=False, error_messages=INVALID_CHOICE
            )
            self.fields[f"rooster_{i}_week"] = forms.ChoiceField(
                label=_("Week van de maand"),
                choices=WEEK_CHOICES,
                required=False,
                help_text=_("Alleen bij één keer per maand."),
                error_messages=INVALID_CHOICE,
            )
            self.fields[f"rooster_{i}_dag"] = forms.ChoiceField(
                label=_("Dag"), choices=DAY_CHOICES, required=False, error_messages=INVALID_CHOICE
            )
            self.fields[f"rooster_{i}_van"] = forms.TimeField(
                label=_("Van"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                error_messages=TIME_ERRORS,
            )
            self.fields[f"rooster_{i}_tot"] = forms.TimeField(
                label=_("Tot"),
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                error_messages=TIME_ERRORS,
            )
        # StyledForm styled the fields it saw; style the schedule fields the same way.
        for name, field in self.fields.items():
            if name.startswith("rooster_"):
                for widget_type, css in WIDGET_CLASSES:
                    if isinstance(field.widget, widget_type):
                        field.widget.attrs["class"] = css
                        break
                if field.help_text:
                    field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    def _choices(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    @staticmethod
    def initial_for(
        service: MapService, schedules: list[Schedule], term_ids: set[int], location_ids: list[int]
    ) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: getattr(service, name)
            for name in ServiceForm.base_fields
            if name not in {"map_organization", "life_domains", "target_groups", "locations"}
        }
        data["map_organization"] = service.map_organization_id or ""
        data["life_domains"] = sorted(term_ids)
        data["target_groups"] = sorted(term_ids)
        data["locations"] = location_ids
        for i, row in enumerate(_schedule_rows_of(schedules), start=1):
            for key, value in row.items():
                data[f"rooster_{i}_{key}"] = value
        return data

    @staticmethod
    def rows_needed(schedules: list[Schedule]) -> int:
        return len(_schedule_rows_of(schedules)) + 1

    @property
    def schedule_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        parts = ("herhaling", "week", "dag", "van", "tot")
        return [(i, [self[f"rooster_{i}_{p}"] for p in parts]) for i in range(1, self.schedule_count + 1)]

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("rooster_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, self.schedule_count + 1):
            freq = data.get(f"rooster_{i}_herhaling")
            if not freq:
                continue
            if not data.get(f"rooster_{i}_dag"):
                self.add_error(f"rooster_{i}_dag", _("Kies de dag."))
            if freq == "monthly" and not data.get(f"rooster_{i}_week"):
                self.add_error(f"rooster_{i}_week", _("Kies in welke week van de maand."))
            opens, closes = data.get(f"rooster_{i}_van"), data.get(f"rooster_{i}_tot")
            if opens and closes and closes <= opens:
                self.add_error(f"rooster_{i}_tot", _("De eindtijd moet na de begintijd liggen."))
        return data

    def _schedules(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for i in range(1, self.schedule_count + 1):
            freq = self.cleaned_data.get(f"rooster_{i}_herhaling")
            if not freq:
                continue
            day = self.cleaned_data[f"rooster_{i}_dag"]
            opens: datetime.time | None = self.cleaned_data.get(f"rooster_{i}_van")
            closes: datetime.time | None = self.cleaned_data.get(f"rooster_{i}_tot")
            row: dict[str, Any] = {"opens_at": opens, "closes_at": closes}
            if freq == "monthly":
                row.update(
                    freq=Schedule.Freq.MONTHLY,
                    interval=1,
                    byday=f"{self.cleaned_data[f'rooster_{i}_week']}{day}",
                )
            else:
                row.update(freq=Schedule.Freq.WEEKLY, interval=2 if freq == "biweekly" else 1, byday=day)
            result.append(row)
        return result

    def service_kwargs(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("rooster_")}
        org = data.pop("map_organization")
        data["map_organization_id"] = int(org) if org else None
        data["term_ids"] = sorted(
            {*data.pop("life_domains"), *data.pop("target_groups"), *self.other_term_ids}
        )
        data["location_ids"] = data.pop("locations")
        data["schedules"] = self._schedules()
        return data


class SynonymForm(StyledForm):
    words = forms.CharField(
        label=_("Woorden die hetzelfde betekenen"),
        max_length=500,
        error_messages=REQUIRED,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: voedselpakket, noodpakket, voedselbank."),
    )
