"""The forms on the case page, part one: the shared building blocks, intake and assessment.

One form per lifecycle step. They check the input; the services check the step. Every form has its own
prefix, so that the many forms on one page never share an ``id``. The forms of the plan and after (contacts,
notes, tasks, evaluation, closure, reopening, the timeline filter) are in ``dossier_plan.py``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.cases.models import Assessment, ContactMode
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


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def text_area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def required_error(message: str | _StrPromise) -> dict[str, Any]:
    return {"required": message}


def not_in_future(day: datetime.date | None) -> None:
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
        widget=date_widget(),
        error_messages=required_error(gettext_lazy("Vul de datum van het gesprek in.")),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Waar"),
        choices=[c for c in ContactMode.choices if c[0] != ContactMode.OUTREACH],
        initial=ContactMode.HOME_VISIT,
    )
    participants = forms.CharField(
        label=gettext_lazy("Wie waren erbij"),
        max_length=500,
        error_messages=required_error(gettext_lazy("Schrijf op wie er bij het gesprek waren.")),
    )
    note = forms.CharField(
        label=gettext_lazy("Verslag"), required=False, max_length=10000, widget=text_area(4)
    )

    def clean_held_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["held_on"]
        not_in_future(day)
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
                widget=text_area(2),
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
        widget=date_widget(),
        error_messages=required_error(gettext_lazy("Vul de datum van de inschatting in.")),
    )
    strengths = forms.CharField(
        label=gettext_lazy("Krachten"),
        help_text=gettext_lazy("Wat gaat goed, wie en wat helpt al?"),
        required=False,
        max_length=4000,
        widget=text_area(3),
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
                label=_("Toelichting"), required=False, max_length=2000, widget=text_area(2)
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
        not_in_future(day)
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
