"""The forms on the case page, part two: the plan, contacts, notes and tasks, evaluation, closure, reopening
and the timeline filter.

The shared building blocks (widgets, ``StepForm``) and the intake and assessment forms are in ``dossier.py``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.cases.forms.dossier import date_widget, not_in_future, required_error, text_area, user_choices
from buurtteam.cases.models import (
    ClosureReason,
    ContactMode,
    Evaluation,
    Goal,
    PlanAction,
    Task,
    TimelineEntry,
)
from buurtteam.core.forms import StyledForm

if TYPE_CHECKING:
    from buurtteam.accounts.models import User
    from buurtteam.cases.models import LifeDomain


# --- Plan -------------------------------------------------------------------------------------------
class GoalForm(StyledForm):
    domain = forms.ChoiceField(
        label=gettext_lazy("Leefgebied"),
        error_messages=required_error(gettext_lazy("Kies bij welk leefgebied dit doel hoort.")),
    )
    description = forms.CharField(
        label=gettext_lazy("Doel"),
        help_text=gettext_lazy("In de woorden van de inwoner: wat wil het huishouden bereiken?"),
        max_length=2000,
        widget=text_area(2),
        error_messages=required_error(gettext_lazy("Beschrijf het doel.")),
    )
    target_on = forms.DateField(label=gettext_lazy("Streefdatum"), required=False, widget=date_widget())

    def __init__(self, *args: Any, domains: list[LifeDomain], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.domains = {str(d.pk): d for d in domains}
        field = self.fields["domain"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Kies een leefgebied")), *((pk, d.name) for pk, d in self.domains.items())]

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "domain": self.domains[self.cleaned_data["domain"]],
            "description": self.cleaned_data["description"],
            "target_on": self.cleaned_data["target_on"],
        }


class GoalStatusForm(StyledForm):
    status = forms.ChoiceField(label=gettext_lazy("Stand"), choices=Goal.Status.choices)


class ActionForm(StyledForm):
    description = forms.CharField(
        label=gettext_lazy("Actie"),
        max_length=500,
        error_messages=required_error(gettext_lazy("Beschrijf de actie.")),
    )
    owner_kind = forms.ChoiceField(label=gettext_lazy("Wie doet het"), choices=PlanAction.Owner.choices)
    owner_name = forms.CharField(
        label=gettext_lazy("Naam"),
        help_text=gettext_lazy("Wie precies, als het geen teamlid is."),
        required=False,
        max_length=200,
    )
    owner_user = forms.ChoiceField(label=gettext_lazy("Teamlid"), required=False)
    due_on = forms.DateField(label=gettext_lazy("Wanneer"), required=False, widget=date_widget())

    def __init__(self, *args: Any, colleagues: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_user"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = user_choices(colleagues, blank=_("Geen teamlid"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("owner_kind")
        if kind == PlanAction.Owner.TEAM_MEMBER and not data.get("owner_user"):
            self.add_error("owner_user", _("Kies welk teamlid deze actie doet."))
        elif kind and kind != PlanAction.Owner.TEAM_MEMBER and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", _("Schrijf wie deze actie doet."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        team_member = data["owner_kind"] == PlanAction.Owner.TEAM_MEMBER
        return {
            "description": data["description"],
            "owner_kind": data["owner_kind"],
            "owner_name": data["owner_name"],
            "owner_user_id": int(data["owner_user"]) if team_member and data["owner_user"] else None,
            "due_on": data["due_on"],
        }


class PlanAgreeForm(StyledForm):
    agreed_by = forms.CharField(
        label=gettext_lazy("Akkoord van"),
        help_text=gettext_lazy("Wie van het huishouden met het plan instemde."),
        max_length=300,
        error_messages=required_error(gettext_lazy("Schrijf wie van het huishouden akkoord gaf.")),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, max_length=2000, widget=text_area(2)
    )


# --- Execution: contacts, notes, tasks -------------------------------------------------------------
class ContactForm(StyledForm):
    occurred_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=date_widget(),
        error_messages=required_error(gettext_lazy("Vul de datum van het contact in.")),
    )
    occurred_time = forms.TimeField(
        label=gettext_lazy("Tijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages=required_error(gettext_lazy("Vul de tijd van het contact in.")),
    )
    contact_mode = forms.ChoiceField(label=gettext_lazy("Contactvorm"), choices=ContactMode.choices)
    is_substantive = forms.BooleanField(
        label=gettext_lazy("Inhoudelijk contact (telt voor de oppaktermijn)"), required=False, initial=True
    )
    text = forms.CharField(
        label=gettext_lazy("Wat is er besproken of gedaan"),
        max_length=10000,
        widget=text_area(4),
        error_messages=required_error(gettext_lazy("Schrijf kort wat er besproken of gedaan is.")),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("occurred_on"), data.get("occurred_time")
        if day is not None and time is not None:
            moment = timezone.make_aware(datetime.datetime.combine(day, time))
            if moment > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("occurred_on", _("Dit tijdstip ligt in de toekomst."))
            data["occurred_at"] = moment
        return data


class NoteForm(StyledForm):
    text = forms.CharField(
        label=gettext_lazy("Notitie"),
        max_length=10000,
        widget=text_area(3),
        error_messages=required_error(gettext_lazy("Schrijf de notitie.")),
    )


class TaskForm(StyledForm):
    title = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=300,
        error_messages=required_error(gettext_lazy("Beschrijf de taak.")),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Soort"), choices=Task.Kind.choices)
    due_on = forms.DateField(
        label=gettext_lazy("Uiterlijk"),
        widget=date_widget(),
        error_messages=required_error(gettext_lazy("Vul in wanneer de taak klaar moet zijn.")),
    )
    assignee = forms.ChoiceField(
        label=gettext_lazy("Voor"), error_messages=required_error(gettext_lazy("Kies voor wie de taak is."))
    )

    def __init__(self, *args: Any, colleagues: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = user_choices(colleagues, blank=_("Kies een teamlid"))


# --- Evaluation, closure, reopening ---------------------------------------------------------------
class EvaluationStartForm(StyledForm):
    held_on = forms.DateField(
        label=gettext_lazy("Datum van de evaluatie"),
        widget=date_widget(),
        error_messages=required_error(gettext_lazy("Vul de datum van de evaluatie in.")),
    )

    def clean_held_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["held_on"]
        not_in_future(day)
        return day


class EvaluationCompleteForm(StyledForm):
    summary = forms.CharField(
        label=gettext_lazy("Samenvatting"),
        help_text=gettext_lazy("Welke doelen zijn bereikt, wat niet, en wat vindt het huishouden?"),
        max_length=6000,
        widget=text_area(4),
        error_messages=required_error(gettext_lazy("Vat de evaluatie kort samen.")),
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Uitkomst"),
        choices=Evaluation.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=required_error(gettext_lazy("Kies een uitkomst.")),
    )


class CloseForm(StyledForm):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reden van afsluiten"),
        choices=[("", gettext_lazy("Kies een reden")), *ClosureReason.choices],
        error_messages=required_error(gettext_lazy("Kies een reden om de casus af te sluiten.")),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, max_length=4000, widget=text_area(3)
    )
    satisfaction = forms.IntegerField(
        label=gettext_lazy("Rapportcijfer van de inwoner (1-10)"),
        required=False,
        min_value=1,
        max_value=10,
        error_messages={
            "min_value": gettext_lazy("Een rapportcijfer ligt tussen 1 en 10."),
            "max_value": gettext_lazy("Een rapportcijfer ligt tussen 1 en 10."),
            "invalid": gettext_lazy("Vul een heel getal van 1 tot en met 10 in."),
        },
    )


class ReopenForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Waarom gaat de casus weer open"),
        max_length=500,
        widget=text_area(2),
        error_messages=required_error(gettext_lazy("Schrijf waarom de casus weer opengaat.")),
    )


class TimelineFilterForm(forms.Form):
    """The kind filter above the timeline (GET)."""

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[("", gettext_lazy("Alles")), *TimelineEntry.Kind.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
