"""Forms on the case page and the referral page: propose, consent, the steps, bridging and agreements.

They check the input; the services check the step (and say in Dutch why it is not possible). Every form
gets its own prefix on the page, so that the many forms on one page never share an ``id``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.core.forms import StyledForm
from buurtteam.referrals.models import CheckIn, Consent

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import Goal, LifeDomain
    from buurtteam.referrals.models import PartnerOrganisation


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _required(message: str | _StrPromise) -> dict[str, Any]:
    return {"required": message, "invalid_choice": gettext_lazy("Kies een waarde uit de lijst.")}


def _optional_id(value: str) -> int | None:
    return int(value) if value else None


def _set_choices(form: forms.BaseForm, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def partner_choices(partners: list[PartnerOrganisation], *, blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((str(p.pk), p.name) for p in partners)]


def goal_choices(goals: list[Goal]) -> list[tuple[str, str]]:
    return [("", _("Geen doel")), *((str(g.pk), f"{g.domain.name}: {g.description[:80]}") for g in goals)]


def domain_choices(domains: list[LifeDomain]) -> list[tuple[str, str]]:
    return [("", _("Geen leefgebied")), *((str(d.pk), d.name) for d in domains)]


def colleague_choices(colleagues: list[User]) -> list[tuple[str, str]]:
    return [("", _("Kies een teamlid")), *((str(u.pk), u.full_name or u.username) for u in colleagues)]


class StepForm(StyledForm):
    """A step without input (a button); holds the service's error message when the step is refused."""


# --- On the case page -----------------------------------------------------------------------------
class ReferralForm(StyledForm):
    """Verwijzen: to which partner, on which life domain and goal, and what for."""

    partner = forms.ChoiceField(
        label=gettext_lazy("Netwerkpartner"),
        error_messages=_required(gettext_lazy("Kies een netwerkpartner.")),
    )
    domain = forms.ChoiceField(label=gettext_lazy("Leefgebied"), required=False)
    goal = forms.ChoiceField(label=gettext_lazy("Doel uit het plan"), required=False)
    question = forms.CharField(
        label=gettext_lazy("Waarvoor verwijst u"),
        help_text=gettext_lazy("De vraag aan de partner, in woorden die het huishouden herkent."),
        max_length=4000,
        widget=_text(4),
        error_messages=_required(gettext_lazy("Schrijf waarvoor u verwijst.")),
    )

    def __init__(
        self,
        *args: Any,
        partners: list[PartnerOrganisation],
        domains: list[LifeDomain],
        goals: list[Goal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "partner", partner_choices(partners, blank=_("Kies een netwerkpartner")))
        _set_choices(self, "domain", domain_choices(domains))
        _set_choices(self, "goal", goal_choices(goals))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "partner_id": int(data["partner"]),
            "domain_id": _optional_id(data["domain"]),
            "goal_id": _optional_id(data["goal"]),
            "question": data["question"],
        }


class AgreementForm(StyledForm):
    """Wie doet wat, wanneer, en hoe verder."""

    partner = forms.ChoiceField(label=gettext_lazy("Netwerkpartner"), required=False)
    party = forms.CharField(
        label=gettext_lazy("Wie"),
        help_text=gettext_lazy(
            "Persoon of functie, bijvoorbeeld 'wijkagent'. Leeg laten: de naam van de partner."
        ),
        max_length=200,
        required=False,
    )
    what = forms.CharField(
        label=gettext_lazy("Doet wat"),
        max_length=2000,
        widget=_text(3),
        error_messages=_required(gettext_lazy("Schrijf wat er is afgesproken.")),
    )
    starts_on = forms.DateField(
        label=gettext_lazy("Vanaf"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul in vanaf wanneer de afspraak geldt.")),
    )
    ends_on = forms.DateField(label=gettext_lazy("Tot en met"), widget=_date_widget(), required=False)
    afterwards = forms.CharField(
        label=gettext_lazy("En hoe verder"),
        help_text=gettext_lazy("Wat gebeurt er als de afspraak afloopt?"),
        max_length=2000,
        required=False,
        widget=_text(2),
    )
    goal = forms.ChoiceField(label=gettext_lazy("Doel uit het plan"), required=False)

    def __init__(
        self, *args: Any, partners: list[PartnerOrganisation], goals: list[Goal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "partner", partner_choices(partners, blank=_("Geen netwerkpartner")))
        _set_choices(self, "goal", goal_choices(goals))

    @staticmethod
    def initial_for(agreement: Any) -> dict[str, Any]:
        return {
            "partner": str(agreement.partner_id or ""),
            "party": agreement.party,
            "what": agreement.what,
            "starts_on": agreement.starts_on,
            "ends_on": agreement.ends_on,
            "afterwards": agreement.afterwards,
            "goal": str(agreement.goal_id or ""),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("party") or "").strip() and not data.get("partner") and "party" not in self.errors:
            self.add_error("party", _("Schrijf wie de afspraak uitvoert, of kies een netwerkpartner."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts is not None and ends is not None and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt vóór de startdatum."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "partner_id": _optional_id(data["partner"]),
            "party": data["party"],
            "what": data["what"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "afterwards": data["afterwards"],
            "goal_id": _optional_id(data["goal"]),
        }


# --- Consent -------------------------------------------------------------------------------------
class ConsentForm(StyledForm):
    given_by = forms.CharField(
        label=gettext_lazy("Gegeven door"),
        help_text=gettext_lazy("De inwoner zelf, of bijvoorbeeld de ouder of wettelijk vertegenwoordiger."),
        max_length=200,
        error_messages=_required(gettext_lazy("Schrijf wie de toestemming gaf.")),
    )
    purpose = forms.CharField(
        label=gettext_lazy("Waarvoor"),
        help_text=gettext_lazy("Welke gegevens met wie gedeeld mogen worden, en waarom."),
        max_length=1000,
        widget=_text(2),
        error_messages=_required(gettext_lazy("Schrijf waarvoor de toestemming geldt.")),
    )
    form = forms.ChoiceField(label=gettext_lazy("Vorm"), choices=Consent.Form.choices)
    given_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum van de toestemming in.")),
    )


class WithdrawForm(StyledForm):
    withdrawn_on = forms.DateField(
        label=gettext_lazy("Ingetrokken op"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum van het intrekken in.")),
    )
    reason = forms.CharField(
        label=gettext_lazy("Toelichting"), max_length=1000, required=False, widget=_text(2)
    )


# --- The steps -------------------------------------------------------------------------------------
class SendForm(StyledForm):
    """Versturen, with the bridging plan: nobody waits out of sight."""

    contact = forms.ChoiceField(
        label=gettext_lazy("Contactpersoon tijdens het wachten"),
        help_text=gettext_lazy(
            "Wie contact houdt met het huishouden tot de hulp start: iemand die aan de casus werkt."
        ),
        error_messages=_required(gettext_lazy("Kies wie contact houdt tijdens het wachten.")),
    )
    interval_days = forms.IntegerField(
        label=gettext_lazy("Contact elke (dagen)"),
        min_value=1,
        max_value=90,
        initial=14,
        error_messages={
            "required": gettext_lazy("Vul in hoe vaak er contact is."),
            "min_value": gettext_lazy("Kies een contactritme tussen 1 en 90 dagen."),
            "max_value": gettext_lazy("Kies een contactritme tussen 1 en 90 dagen."),
            "invalid": gettext_lazy("Vul een aantal dagen in."),
        },
    )
    support = forms.CharField(
        label=gettext_lazy("Wat doorloopt"),
        help_text=gettext_lazy("Welke steun van het buurtteam loopt door zolang het huishouden wacht?"),
        max_length=2000,
        required=False,
        widget=_text(2),
    )
    expected_start = forms.DateField(
        label=gettext_lazy("Verwachte start"), widget=_date_widget(), required=False
    )

    def __init__(self, *args: Any, colleagues: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "contact", colleague_choices(colleagues))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "contact_id": int(data["contact"]),
            "interval_days": data["interval_days"],
            "support": data["support"],
            "expected_start": data["expected_start"],
        }


class BridgingForm(SendForm):
    """The bridging plan, changed while the resident waits."""

    expected_start = None  # type: ignore[assignment]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "contact_id": int(data["contact"]),
            "interval_days": data["interval_days"],
            "support": data["support"],
        }


class AcceptForm(StyledForm):
    expected_start = forms.DateField(
        label=gettext_lazy("Verwachte start"), widget=_date_widget(), required=False
    )


class RejectForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Reden van afwijzing"),
        max_length=1000,
        widget=_text(2),
        error_messages=_required(gettext_lazy("Schrijf waarom de partner afwees.")),
    )


class WaitForm(AcceptForm):
    pass


class StartForm(StyledForm):
    started_on = forms.DateField(
        label=gettext_lazy("Gestart op"),
        widget=_date_widget(),
        error_messages=_required(gettext_lazy("Vul de datum in waarop de hulp startte.")),
    )


class FinishForm(StyledForm):
    feedback = forms.CharField(
        label=gettext_lazy("Terugkoppeling van de partner"),
        max_length=4000,
        required=False,
        widget=_text(3),
    )


class CancelForm(StyledForm):
    reason = forms.CharField(
        label=gettext_lazy("Reden van annuleren"),
        max_length=1000,
        widget=_text(2),
        error_messages=_required(gettext_lazy("Schrijf waarom u annuleert.")),
    )


class FeedbackForm(StyledForm):
    feedback = forms.CharField(
        label=gettext_lazy("Terugkoppeling van de partner"),
        max_length=4000,
        widget=_text(3),
        error_messages=_required(gettext_lazy("Schrijf de terugkoppeling van de partner.")),
    )


# --- Bridging check-ins ----------------------------------------------------------------------------
class CheckInForm(StyledForm):
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
    mode = forms.ChoiceField(
        label=gettext_lazy("Hoe"),
        choices=CheckIn.Mode.choices,
        error_messages=_required(gettext_lazy("Kies hoe het contact was.")),
    )
    wellbeing = forms.ChoiceField(
        label=gettext_lazy("Hoe gaat het met de inwoner"),
        choices=CheckIn.Wellbeing.choices,
        widget=forms.RadioSelect,
        error_messages=_required(gettext_lazy("Kies hoe het met de inwoner gaat.")),
    )
    note = forms.CharField(label=gettext_lazy("Notitie"), max_length=4000, required=False, widget=_text(3))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("occurred_on"), data.get("occurred_time")
        if day is not None and time is not None:
            moment = timezone.make_aware(datetime.datetime.combine(day, time))
            if moment > timezone.now() + datetime.timedelta(minutes=5):
                self.add_error("occurred_on", _("Een contact kan niet in de toekomst liggen."))
            data["occurred_at"] = moment
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "occurred_at": data["occurred_at"],
            "mode": data["mode"],
            "wellbeing": data["wellbeing"],
            "note": data["note"],
        }
