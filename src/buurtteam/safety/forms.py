"""The forms of the meldcode track and the crisis flag. They check the input; the services check the step.

Each form has its own prefix, so that the forms on one page never share an ``id``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.core.forms import StyledForm
from buurtteam.safety.models import StepNumber

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

YES, NO, UNKNOWN = "ja", "nee", "onbekend"
YES_NO = [(YES, gettext_lazy("Ja")), (NO, gettext_lazy("Nee"))]
YES_NO_UNKNOWN = [*YES_NO, (UNKNOWN, gettext_lazy("Weet ik (nog) niet"))]
ANSWERS: dict[str, bool | None] = {YES: True, NO: False, UNKNOWN: None}


def _answer(value: str) -> bool | None:
    return ANSWERS.get(value)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _not_in_future(day: datetime.date) -> datetime.date:
    if day > timezone.localdate():
        raise ValidationError(_("Deze datum ligt in de toekomst."))
    return day


def _answer_field(
    label: str | _StrPromise, *, unknown: bool = True, help_text: str | _StrPromise = ""
) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO_UNKNOWN if unknown else YES_NO,
        coerce=_answer,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Kies een antwoord."),
            "invalid_choice": gettext_lazy("Kies een van de antwoorden."),
        },
    )


# --- The case page ------------------------------------------------------------------------------
class TrackStartForm(StyledForm):
    concern = forms.CharField(
        label=gettext_lazy("Aanleiding"),
        help_text=gettext_lazy("Welke signalen of zorgen zijn de reden om de meldcode te volgen?"),
        max_length=4000,
        widget=_text(3),
        error_messages={"required": gettext_lazy("Schrijf kort wat de aanleiding is.")},
    )


class CrisisForm(StyledForm):
    """Mark a crisis (a note is required) or lift it (a note is optional). ``crisis`` says which."""

    crisis = forms.ChoiceField(choices=[("1", "1"), ("0", "0")], widget=forms.HiddenInput)
    note = forms.CharField(max_length=500, widget=_text(2))

    def __init__(self, *args: Any, mark: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark = mark
        self.fields["crisis"].initial = "1" if mark else "0"
        note = self.fields["note"]
        if mark:
            note.label = _("Wat is er aan de hand")
            note.error_messages["required"] = _("Schrijf kort wat er aan de hand is.")
        else:
            note.label = _("Toelichting bij het opheffen")
            note.required = False

    @staticmethod
    def wants_mark(data: Any, prefix: str) -> bool:
        return str(data.get(f"{prefix}-crisis", "1")) != "0"


# --- The steps of the meldcode ------------------------------------------------------------------
class StepForm(StyledForm):
    """What every step has: which step (hidden), the date and what was done. Subclasses add the rest."""

    number: int = 0
    stap = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=5)
    done_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=_date_widget(),
        error_messages={
            "required": gettext_lazy("Vul de datum van deze stap in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Vastlegging"),
        help_text=gettext_lazy("Feiten en waarnemingen; vermeld de bron als iets van een ander komt."),
        max_length=4000,
        widget=_text(4),
        error_messages={"required": gettext_lazy("Leg vast wat u deed en zag in deze stap.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stap"].initial = self.number
        self.fields["done_on"].initial = timezone.localdate()

    def clean_done_on(self) -> datetime.date:
        return _not_in_future(self.cleaned_data["done_on"])

    def answers(self) -> dict[str, Any]:
        """The step's own fields, for ``meldcode.step_record(**answers)``."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in ("stap", "done_on", "note")
        }


class SignalsForm(StepForm):
    number = StepNumber.SIGNALS


class ConsultForm(StepForm):
    number = StepNumber.CONSULT
    consulted = forms.CharField(
        label=gettext_lazy("Overlegd met"),
        help_text=gettext_lazy("Bijvoorbeeld een collega of de aandachtsfunctionaris huiselijk geweld."),
        required=False,
        max_length=300,
    )
    advice_veilig_thuis = forms.BooleanField(
        label=gettext_lazy("Ik heb advies gevraagd aan Veilig Thuis"), required=False
    )
    advice_anonymous = forms.BooleanField(
        label=gettext_lazy("Het advies is anoniem gevraagd (zonder de naam van de betrokkene)"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("advice_anonymous") and not data.get("advice_veilig_thuis"):
            self.add_error(
                "advice_anonymous",
                _("Anoniem advies kan alleen als u advies vroeg aan Veilig Thuis. Vink dat ook aan."),
            )
        return data


class ConversationForm(StepForm):
    number = StepNumber.CONVERSATION
    talked_with = forms.CharField(
        label=gettext_lazy("Gesproken met"),
        help_text=gettext_lazy("Met wie heeft u de signalen besproken?"),
        required=False,
        max_length=300,
    )
    no_talk_reason = forms.CharField(
        label=gettext_lazy("Of: waarom een gesprek (nog) niet kon"),
        help_text=gettext_lazy(
            "Bijvoorbeeld omdat een gesprek de veiligheid van de betrokkene of van u in gevaar brengt."
        ),
        required=False,
        max_length=1000,
        widget=_text(2),
    )


class WeighForm(StepForm):
    number = StepNumber.WEIGH
    suspicion = _answer_field(
        gettext_lazy("1. Is er een vermoeden van huiselijk geweld of kindermishandeling?"), unknown=False
    )
    unsafety = _answer_field(
        gettext_lazy("2. Is er sprake van acute of structurele onveiligheid?"), unknown=False
    )
    can_help = _answer_field(gettext_lazy("3. Kan ik effectieve hulp bieden of organiseren?"))
    accepts_help = _answer_field(gettext_lazy("4. Aanvaarden de betrokkenen die hulp en werken zij mee?"))
    lasting_safety = _answer_field(gettext_lazy("5. Leidt de hulp tot duurzame veiligheid?"))


class DecideForm(StepForm):
    number = StepNumber.DECIDE
    report_necessary = _answer_field(
        gettext_lazy("Beslissing 1: is melden bij Veilig Thuis noodzakelijk?"),
        unknown=False,
        help_text=gettext_lazy(
            "Bij acute of structurele onveiligheid (stap 4) is melden altijd noodzakelijk."
        ),
    )
    help_possible = _answer_field(
        gettext_lazy("Beslissing 2: is hulp bieden of organiseren (ook) mogelijk?"), unknown=False
    )


STEP_FORMS: dict[int, type[StepForm]] = {
    form.number: form for form in (SignalsForm, ConsultForm, ConversationForm, WeighForm, DecideForm)
}
STEP_PREFIX = "stap"


def posted_step(data: Any) -> int | None:
    """The step number a POST says it records, or ``None`` when it is missing or not a step."""
    try:
        number = int(str(data.get(f"{STEP_PREFIX}-stap", "")))
    except ValueError:
        return None
    return number if number in STEP_FORMS else None


def step_form(number: int, data: Any = None, *, initial: dict[str, Any] | None = None) -> StepForm:
    return STEP_FORMS[number](data, prefix=STEP_PREFIX, initial=initial)


class StopForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Waarom stopt het traject"),
        help_text=gettext_lazy("Bijvoorbeeld: het vermoeden is na overleg en gesprek weggenomen."),
        max_length=1000,
        widget=_text(2),
        error_messages={"required": gettext_lazy("Schrijf waarom het traject stopt.")},
    )


class ReportForm(StyledForm):
    reported_on = forms.DateField(
        label=gettext_lazy("Gemeld op"),
        widget=_date_widget(),
        error_messages={
            "required": gettext_lazy("Vul de datum van de melding in."),
            "invalid": gettext_lazy("Vul een geldige datum in."),
        },
    )
    reference = forms.CharField(
        label=gettext_lazy("Kenmerk bij Veilig Thuis"), required=False, max_length=100
    )
    resident_informed = _answer_field(gettext_lazy("Is de betrokkene vooraf geïnformeerd?"), unknown=False)
    not_informed_reason = forms.CharField(
        label=gettext_lazy("Reden om de betrokkene niet te informeren"),
        help_text=gettext_lazy("Verplicht als de betrokkene vooraf niet is geïnformeerd."),
        required=False,
        max_length=1000,
        widget=_text(2),
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"), required=False, max_length=4000, widget=_text(3)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reported_on"].initial = timezone.localdate()
        self.fields["resident_informed"].initial = YES

    def clean_reported_on(self) -> datetime.date:
        return _not_in_future(self.cleaned_data["reported_on"])
