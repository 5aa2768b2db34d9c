"""The forms on the case page: one per lifecycle step. They check the input; the services check the step.

Every form has its own prefix, so that the many forms on one page never share an ``id``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.cases.models import (
    Assessment,
    ClosureReason,
    ContactMode,
    Evaluation,
    Goal,
    PlanAction,
    Task,
    TimelineEntry,
)
from buurtteam.core.forms import StyledForm, StyledFormMixin

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import LifeDomain, Problem

MAX_PROBLEMS = 12
EMPTY_PROBLEM_ROWS = 2

# The Zelfredzaamheid-Matrix levels, in words a worker recognises.
SCORE_LEVELS = [
    ("1", gettext_lazy("1 · Acuut probleem")),
    ("2", gettext_lazy("2 · Niet zelfredzaam")),
    ("3", gettext_lazy("3 · Beperkt zelfredzaam")),
    ("4", gettext_lazy("4 · Voldoende zelfredzaam")),
    ("5", gettext_lazy("5 · Volledig zelfredzaam")),
]
NOT_SCORED = ("", gettext_lazy("Niet scoren"))


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _required(message: str | _StrPromise) -> dict[str, Any]:
    return {"required": message}


def _not_in_future(day: datetime.date | None) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."))


def user_choices(users: list[User], *, blank: str = "") -> list[tuple[str, str]]:
    choices = [("", blank)] if blank else []
    return choices + [(str(u.pk), u.full_name or u.username) for u in users]


class _AddFields:
    """Adds ``extra_fields()`` right after Django builds ``self.fields``, so StyledForm styles them too."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(self.extra_fields())

    def extra_fields(self) -> dict[str, forms.Field]:
        return {}


class RowsForm(StyledFormMixin, _AddFields, forms.Form):
    """A StyledForm whose fields depend on data (domains, problems)."""


class StepForm(StyledForm):
    """A step without input (a button); holds the service's error message when the step is refused."""


# --- Intake -------------------------------------------------------------------------------------
class ConversationForm(StyledForm):
    held_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum van het gesprek in.")),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Waar"),
        choices=[c for c in ContactMode.choices if c[0] != ContactMode.OUTREACH],
        initial=ContactMode.HOME_VISIT,
    )
    participants = forms.CharField(
        label=gettext_lazy("Wie waren erbij"),
        max_length=500,
        error_messages=_required(gettext_lazy("Schrijf op wie er bij het gesprek waren.")),
    )
    note = forms.CharField(label=gettext_lazy("Verslag"), required=False, max_length=10000, widget=_text(4))

    def clean_held_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["held_on"]
        _not_in_future(day)
        return day


class ProblemListForm(RowsForm):
    """The 'kluwen': problems on life domains, the most pressing first."""

    def __init__(self, *args: Any, domains: list[LifeDomain], problems: list[Problem], **kwargs: Any) -> None:
        self.domains = {str(d.pk): d for d in domains}
        self.problems = problems
        data = args[0] if args else kwargs.get("data")
        if data is not None:  # as many rows as were shown
            prefix = f"{kwargs['prefix']}-" if kwargs.get("prefix") else ""
            posted = sum(1 for i in range(MAX_PROBLEMS) if f"{prefix}domain_{i}" in data)
            self.row_count = max(posted, 1)
        else:
            self.row_count = min(max(len(problems) + EMPTY_PROBLEM_ROWS, 3), MAX_PROBLEMS)
        super().__init__(*args, **kwargs)

    def extra_fields(self) -> dict[str, forms.Field]:
        choices = [("", _("Kies een leefgebied")), *((pk, d.name) for pk, d in self.domains.items())]
        fields: dict[str, forms.Field] = {}
        for i in range(self.row_count):
            existing = self.problems[i] if i < len(self.problems) else None
            fields[f"domain_{i}"] = forms.ChoiceField(
                label=_("Leefgebied"),
                choices=choices,
                required=False,
                initial=str(existing.domain_id) if existing else "",
            )
            fields[f"description_{i}"] = forms.CharField(
                label=_("Omschrijving"),
                required=False,
                max_length=2000,
                widget=_text(2),
                initial=existing.description if existing else "",
            )
        return fields

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"number": i + 1, "domain": self[f"domain_{i}"], "description": self[f"description_{i}"]}
            for i in range(self.row_count)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        found = 0
        for i in range(self.row_count):
            domain, text = data.get(f"domain_{i}", ""), (data.get(f"description_{i}") or "").strip()
            if domain and not text:
                self.add_error(f"description_{i}", _("Beschrijf het probleem kort."))
            elif text and not domain:
                self.add_error(f"domain_{i}", _("Kies bij welk leefgebied dit probleem hoort."))
            elif domain:
                found += 1
        if not found and not self.errors:
            raise ValidationError(_("Noem minstens één probleem op een leefgebied."))
        return data

    def problem_list(self) -> list[tuple[LifeDomain, str]]:
        result = []
        for i in range(self.row_count):
            domain = self.cleaned_data.get(f"domain_{i}", "")
            if domain:
                result.append((self.domains[domain], self.cleaned_data[f"description_{i}"].strip()))
        return result


# --- Assessment -----------------------------------------------------------------------------------
class AssessmentForm(RowsForm):
    """One row per life domain; every domain is optional, and a scored domain needs a reason."""

    kind = forms.ChoiceField(label=gettext_lazy("Moment"), choices=Assessment.Kind.choices)
    assessed_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum van de inschatting in.")),
    )
    strengths = forms.CharField(
        label=gettext_lazy("Krachten"),
        help_text=gettext_lazy("Wat gaat goed, wie en wat helpt al?"),
        required=False,
        max_length=4000,
        widget=_text(3),
    )

    def __init__(self, *args: Any, domains: list[LifeDomain], kinds: list[str], **kwargs: Any) -> None:
        self.domains = domains
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [c for c in Assessment.Kind.choices if c[0] in kinds]
        if kinds:
            kind_field.initial = kinds[0]

    def extra_fields(self) -> dict[str, forms.Field]:
        fields: dict[str, forms.Field] = {}
        for d in self.domains:
            fields[f"score_{d.code}"] = forms.ChoiceField(
                label=_("Score"),
                choices=[NOT_SCORED, *SCORE_LEVELS],
                required=False,
                initial="",
                widget=forms.RadioSelect,
            )
            fields[f"reason_{d.code}"] = forms.CharField(
                label=_("Waarom dit leefgebied"),
                help_text=_("Verplicht als u dit leefgebied scoort."),
                required=False,
                max_length=500,
            )
            fields[f"note_{d.code}"] = forms.CharField(
                label=_("Toelichting"), required=False, max_length=2000, widget=_text(2)
            )
            fields[f"involved_{d.code}"] = forms.CharField(
                label=_("Wie is betrokken"), required=False, max_length=500
            )
        return fields

    def domain_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "domain": d,
                "score": self[f"score_{d.code}"],
                "reason": self[f"reason_{d.code}"],
                "note": self[f"note_{d.code}"],
                "involved": self[f"involved_{d.code}"],
                "has_errors": self.is_bound
                and any(self.has_error(f"{f}_{d.code}") for f in ("score", "reason", "note", "involved")),
            }
            for d in self.domains
        ]

    def clean_assessed_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["assessed_on"]
        _not_in_future(day)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scored = 0
        for d in self.domains:
            score = data.get(f"score_{d.code}", "")
            reason = (data.get(f"reason_{d.code}") or "").strip()
            if score:
                scored += 1
                if not reason:
                    self.add_error(
                        f"reason_{d.code}",
                        _("Schrijf bij %(domain)s waarom u dit leefgebied scoort.") % {"domain": d.name},
                    )
            elif reason or (data.get(f"note_{d.code}") or "").strip():
                self.add_error(
                    f"score_{d.code}",
                    _("Kies een score voor %(domain)s, of maak de toelichting leeg.") % {"domain": d.name},
                )
        if not scored and not self.errors:
            raise ValidationError(_("Score minstens één leefgebied dat bij de vraag hoort."))
        return data

    def scores(self) -> list[dict[str, Any]]:
        rows = []
        for d in self.domains:
            score = self.cleaned_data.get(f"score_{d.code}", "")
            if score:
                rows.append(
                    {
                        "domain": d,
                        "score": int(score),
                        "reason": self.cleaned_data[f"reason_{d.code}"].strip(),
                        "note": self.cleaned_data[f"note_{d.code}"].strip(),
                        "involved": self.cleaned_data[f"involved_{d.code}"].strip(),
                    }
                )
        return rows


# --- Plan -------------------------------------------------------------------------------------------
class GoalForm(StyledForm):
    domain = forms.ChoiceField(
        label=gettext_lazy("Leefgebied"),
        error_messages=_required(gettext_lazy("Kies bij welk leefgebied dit doel hoort.")),
    )
    description = forms.CharField(
        label=gettext_lazy("Doel"),
        help_text=gettext_lazy("In de woorden van de inwoner: wat wil het huishouden bereiken?"),
        max_length=2000,
        widget=_text(2),
        error_messages=_required(gettext_lazy("Beschrijf het doel.")),
    )
    target_on = forms.DateField(label=gettext_lazy("Streefdatum"), required=False, widget=_date_widget())

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
        error_messages=_required(gettext_lazy("Beschrijf de actie.")),
    )
    owner_kind = forms.ChoiceField(label=gettext_lazy("Wie doet het"), choices=PlanAction.Owner.choices)
    owner_name = forms.CharField(
        label=gettext_lazy("Naam"),
        help_text=gettext_lazy("Wie precies, als het geen teamlid is."),
        required=False,
        max_length=200,
    )
    owner_user = forms.ChoiceField(label=gettext_lazy("Teamlid"), required=False)
    due_on = forms.DateField(label=gettext_lazy("Wanneer"), required=False, widget=_date_widget())

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
        error_messages=_required(gettext_lazy("Schrijf wie van het huishouden akkoord gaf.")),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, max_length=2000, widget=_text(2)
    )


# --- Execution: contacts, notes, tasks -------------------------------------------------------------
class ContactForm(StyledForm):
    occurred_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum van het contact in.")),
    )
    occurred_time = forms.TimeField(
        label=gettext_lazy("Tijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages=_required(gettext_lazy("Vul de tijd van het contact in.")),
    )
    contact_mode = forms.ChoiceField(label=gettext_lazy("Contactvorm"), choices=ContactMode.choices)
    is_substantive = forms.BooleanField(
        label=gettext_lazy("Inhoudelijk contact (telt voor de oppaktermijn)"), required=False, initial=True
    )
    text = forms.CharField(
        label=gettext_lazy("Wat is er besproken of gedaan"),
        max_length=10000,
        widget=_text(4),
        error_messages=_required(gettext_lazy("Schrijf kort wat er besproken of gedaan is.")),
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
        widget=_text(3),
        error_messages=_required(gettext_lazy("Schrijf de notitie.")),
    )


class TaskForm(StyledForm):
    title = forms.CharField(
        label=gettext_lazy("Omschrijving"),
        max_length=300,
        error_messages=_required(gettext_lazy("Beschrijf de taak.")),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Soort"), choices=Task.Kind.choices)
    due_on = forms.DateField(
        label=gettext_lazy("Uiterlijk"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul in wanneer de taak klaar moet zijn.")),
    )
    assignee = forms.ChoiceField(
        label=gettext_lazy("Voor"), error_messages=_required(gettext_lazy("Kies voor wie de taak is."))
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
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum van de evaluatie in.")),
    )

    def clean_held_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["held_on"]
        _not_in_future(day)
        return day


class EvaluationCompleteForm(StyledForm):
    summary = forms.CharField(
        label=gettext_lazy("Samenvatting"),
        help_text=gettext_lazy("Welke doelen zijn bereikt, wat niet, en wat vindt het huishouden?"),
        max_length=6000,
        widget=_text(4),
        error_messages=_required(gettext_lazy("Vat de evaluatie kort samen.")),
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Uitkomst"),
        choices=Evaluation.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("Kies een uitkomst.")),
    )


class CloseForm(StyledForm):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reden van afsluiten"),
        choices=[("", gettext_lazy("Kies een reden")), *ClosureReason.choices],
        error_messages=_required(gettext_lazy("Kies een reden om de casus af te sluiten.")),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, max_length=4000, widget=_text(3)
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
        widget=_text(2),
        error_messages=_required(gettext_lazy("Schrijf waarom de casus weer opengaat.")),
    )


class TimelineFilterForm(forms.Form):
    """The kind filter above the timeline (GET)."""

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        required=False,
        choices=[("", gettext_lazy("Alles")), *TimelineEntry.Kind.choices],
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
