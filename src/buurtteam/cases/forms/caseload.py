"""Forms for the caseload pages, assignment and the casusoverleg."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Complexity, Status, Urgency
from buurtteam.core.forms import StyledForm

LEAD = "lead"
CO_WORKER = "co_worker"
ROLE_CHOICES = [(LEAD, _("Regisseur")), (CO_WORKER, _("Medewerker naast de regisseur"))]
MEMBER_ERRORS = {
    "invalid_choice": _("Kies een actieve collega uit dit team."),
    "required": _("Kies een collega."),
}


class PhaseFilterForm(StyledForm):
    fase = forms.ChoiceField(label=_("Fase"), required=False)

    def __init__(self, *args: Any, counts: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        total = sum(counts.values())
        choices: list[tuple[str, str]] = [("", _("Alle open fasen (%(n)d)") % {"n": total})]
        choices += [
            (str(value), f"{label} ({counts.get(str(value), 0)})")
            for value, label in Status.choices
            if value != Status.CLOSED
        ]
        self.fields["fase"].choices = choices  # type: ignore[attr-defined]


class _MemberChoiceForm(StyledForm):
    """A form that lets the actor pick one of the team's members, and refuses anyone else."""

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [  # type: ignore[attr-defined]
            ("", _("Kies een collega")),
            *[(m.pk, m.get_full_name() or m.username) for m in members],
        ]


class AssignForm(_MemberChoiceForm):
    user = forms.TypedChoiceField(label=_("Collega"), coerce=int, error_messages=MEMBER_ERRORS)
    role = forms.ChoiceField(
        label=_("Rol op de casus"), choices=ROLE_CHOICES, initial=CO_WORKER, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        help_text=_("Bijvoorbeeld: welke expertise deze collega inbrengt."),
    )


class TransferForm(_MemberChoiceForm):
    user = forms.TypedChoiceField(
        label=_("Draag de regie over aan"), coerce=int, error_messages=MEMBER_ERRORS
    )
    reason = forms.CharField(
        label=_("Waarom draagt u de casus over?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf waarom u de casus overdraagt.")},
        help_text=_("De reden komt in de tijdlijn van de casus."),
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("Schrijf waarom u de casus overdraagt."))
        return reason


class UnassignForm(StyledForm):
    user = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)


class PickupForm(StyledForm):
    case_id = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)


class MeetingCreateForm(StyledForm):
    held_on = forms.DateField(
        label=_("Datum van het overleg"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Kies een datum."), "invalid": _("Vul een geldige datum in.")},
        help_text=_(
            "De agenda wordt gevuld met nieuwe, vastgelopen, te laat opgepakte en zorgelijke casussen."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"held_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class DecisionForm(StyledForm):
    decision = forms.CharField(
        label=_("Besluit"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf het besluit op.")},
        help_text=_("Het besluit komt in de tijdlijn van de casus."),
    )

    def clean_decision(self) -> str:
        decision = str(self.cleaned_data.get("decision") or "").strip()
        if not decision:
            raise forms.ValidationError(_("Schrijf het besluit op."))
        return decision


class AddCaseForm(StyledForm):
    case = forms.CharField(
        label=_("Kenmerk van de casus"),
        max_length=20,
        error_messages={"required": _("Vul het kenmerk van de casus in.")},
        help_text=_("Bijvoorbeeld 2026-0001234. De casus komt op de agenda als ingebracht punt."),
    )


class TriageForm(StyledForm):
    """Severity and intensity (1-3 each) make the weighted load; plus urgency and a safety flag."""

    weight_complexity = forms.TypedChoiceField(
        label=_("Zwaarte"),
        coerce=int,
        choices=[(1, _("1 – licht")), (2, _("2 – gemiddeld")), (3, _("3 – zwaar"))],
    )
    weight_intensity = forms.TypedChoiceField(
        label=_("Intensiteit"),
        coerce=int,
        choices=[
            (1, _("1 – af en toe contact")),
            (2, _("2 – regelmatig contact")),
            (3, _("3 – veel contact")),
        ],
    )
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Urgency.choices)
    complexity = forms.ChoiceField(label=_("Soort vraag"), choices=Complexity.choices)
    safety_concern = forms.BooleanField(label=_("Zorgen over veiligheid"), required=False)
