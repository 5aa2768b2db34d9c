"""Forms of registration (aanmelding): the resident block and the question block.

Registration is one screen with few fields: only the name and the question must be typed; everything
else is optional or has a sensible default. The forms only check input; every write goes through the
services (``residents.services``, ``cases.services.registration``), which validate again and audit.
The forms of the resident pages (search, editing, household, network, break-the-glass) are in
``residents.py``; the shared field builders in ``fields.py``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.forms.fields import DATE_INPUT_FORMATS, date_field, no_html, text_field, textarea_field
from buurtteam.cases.models import Channel, Complexity, Referrer, Urgency
from buurtteam.core.forms import StyledForm
from buurtteam.organisation.forms import phone_validator
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.residents.models import Gender
from buurtteam.residents.validators import normalise_bsn

# What a worker must type to register a question of a new resident: first name, last name, the
# question. Everything else is optional or pre-filled (channel: phone, referrer: the resident, urgency:
# normal, kind of question: complex). For a resident picked from the search it is only the question.
REQUIRED_FIELD_COUNT = 3

QUESTION_MAX_LENGTH = 4000


# --- The resident block -------------------------------------------------------------------------------
class ResidentForm(StyledForm):
    """A new resident: name, birth date, address, phone; BSN only where the organisation records it."""

    first_name = text_field(
        _("Voornaam"), 100, required=True, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    last_name = text_field(
        _("Achternaam"),
        150,
        required=True,
        help_text=_("Met tussenvoegsel, bijvoorbeeld van Dijk."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = date_field(_("Geboortedatum"))
    postcode = text_field(
        _("Postcode"),
        10,
        help_text=_("Bepaalt welk buurtteam de vraag oppakt, bijvoorbeeld 5211 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
    )
    house_number = text_field(
        _("Huisnummer"), 12, widget=forms.TextInput(attrs={"autocomplete": "off", "size": 6})
    )
    street = text_field(_("Straat"), 200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    city = text_field(_("Plaats"), 100, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = text_field(
        _("Telefoonnummer"),
        30,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    bsn = text_field(
        _("BSN"),
        11,
        help_text=_("Alleen als de inwoner het zelf geeft: 9 cijfers."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "size": 11}),
    )
    gender = forms.ChoiceField(
        label=_("Geslacht"), choices=Gender.choices, required=False, initial=Gender.UNKNOWN
    )
    new_anyway = forms.BooleanField(
        label=_("Dit is een andere persoon: maak een nieuwe inwoner aan"), required=False
    )

    # Shown in the resident block, in this order (new_anyway appears only next to possible duplicates).
    block_fields: tuple[str, ...] = (
        "first_name",
        "last_name",
        "birth_date",
        "postcode",
        "house_number",
        "street",
        "city",
        "phone",
        "bsn",
        "gender",
    )

    def __init__(self, *args: Any, bsn_enabled: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bsn_enabled = bsn_enabled
        if not bsn_enabled:
            del self.fields["bsn"]

    @property
    def visible_fields_in_order(self) -> list[forms.BoundField]:
        return [self[name] for name in self.block_fields if name in self.fields]

    def clean_first_name(self) -> str:
        value = str(self.cleaned_data["first_name"]).strip()
        no_html(value)
        return value

    def clean_last_name(self) -> str:
        value = str(self.cleaned_data["last_name"]).strip()
        no_html(value)
        return value

    def clean_birth_date(self) -> datetime.date | None:
        value: datetime.date | None = self.cleaned_data.get("birth_date")
        if value is None:
            return None
        if value > timezone.localdate():
            raise ValidationError(_("De geboortedatum ligt in de toekomst."), code="future")
        if value < datetime.date(1900, 1, 1):
            raise ValidationError(_("Controleer de geboortedatum: die ligt voor 1900."), code="too_old")
        return value

    def clean_postcode(self) -> str:
        value = str(self.cleaned_data["postcode"]).strip()
        return normalise_postcode(value) if value else ""

    def clean_bsn(self) -> str:
        value = str(self.cleaned_data["bsn"]).strip()
        return normalise_bsn(value) if value else ""

    def clean_gender(self) -> str:
        return str(self.cleaned_data.get("gender") or Gender.UNKNOWN)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("street", "house_number", "city"):
            if name in data:
                try:
                    no_html(str(data[name]))
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``residents.services.resident_create``."""
        names = [n for n in self.block_fields if n in self.fields]
        return {name: self.cleaned_data[name] for name in names}

    def duplicate_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``selectors.residents.find_duplicates``."""
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "birth_date": data.get("birth_date"),
            "postcode": data.get("postcode") or "",
            "bsn": data.get("bsn") or "",
        }


def duplicate_check_kwargs(data: Any, *, bsn_enabled: bool) -> dict[str, Any] | None:
    """The half-filled resident block (htmx, on leaving a field) as arguments for find_duplicates.

    Unreadable values are left out rather than reported: the full check runs again on submit."""
    first_name = str(data.get("first_name", ""))[:100].strip()
    last_name = str(data.get("last_name", ""))[:150].strip()
    birth_date: datetime.date | None = None
    raw_date = str(data.get("birth_date", "")).strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            birth_date = datetime.datetime.strptime(raw_date, fmt).date()
            break
        except ValueError:
            continue
    postcode = ""
    try:
        postcode = normalise_postcode(str(data.get("postcode", ""))) if data.get("postcode") else ""
    except ValidationError:
        postcode = ""
    bsn = ""
    if bsn_enabled and data.get("bsn"):
        try:
            bsn = normalise_bsn(str(data.get("bsn", "")))
        except ValidationError:
            bsn = ""
    named = bool(first_name or last_name)
    if not bsn and not (named and (birth_date or postcode)):
        return None
    return {
        "first_name": first_name,
        "last_name": last_name,
        "birth_date": birth_date,
        "postcode": postcode,
        "bsn": bsn,
    }


# --- The question block -------------------------------------------------------------------------------
class QuestionForm(StyledForm):
    """The question: channel, referrer, the resident's own words, urgency, and what was already done."""

    question = textarea_field(
        _("Vraag in de woorden van de inwoner"),
        QUESTION_MAX_LENGTH,
        required=True,
        validators=[no_html],
    )
    channel = forms.ChoiceField(
        label=_("Kanaal"), choices=Channel.choices, required=False, initial=Channel.PHONE
    )
    referrer = forms.ChoiceField(
        label=_("Verwezen door"), choices=Referrer.choices, required=False, initial=Referrer.SELF
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Urgency.choices,
        required=False,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    complexity = forms.ChoiceField(
        label=_("Soort vraag"),
        choices=Complexity.choices,
        required=False,
        initial=Complexity.COMPLEX,
        widget=forms.RadioSelect,
        help_text=_("Enkelvoudig: één korte vraag. Complex: meer vragen tegelijk of meer hulp nodig."),
    )
    advice_given = textarea_field(
        _("Tips en advies bij het eerste contact"), QUESTION_MAX_LENGTH, validators=[no_html]
    )
    safety_concern = forms.BooleanField(label=_("Er zijn zorgen over de veiligheid"), required=False)
    close_now = forms.BooleanField(
        label=_("Vraag is meteen beantwoord: sluit de aanmelding nu af"),
        required=False,
        help_text=_("Alleen voor een enkelvoudige vraag. Schrijf dan op welk advies u gaf."),
    )

    def clean_channel(self) -> str:
        return str(self.cleaned_data.get("channel") or Channel.PHONE)

    def clean_referrer(self) -> str:
        return str(self.cleaned_data.get("referrer") or Referrer.SELF)

    def clean_urgency(self) -> str:
        return str(self.cleaned_data.get("urgency") or Urgency.NORMAL)

    def clean_complexity(self) -> str:
        return str(self.cleaned_data.get("complexity") or Complexity.COMPLEX)

    def clean_question(self) -> str:
        return str(self.cleaned_data["question"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("close_now"):
            # A question answered at first contact is a simple one by definition.
            data["complexity"] = Complexity.SIMPLE
            if "advice_given" in data and not str(data["advice_given"]).strip():
                self.add_error(
                    "advice_given", _("Schrijf op welk advies u gaf als u de vraag meteen afsluit.")
                )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``cases.services.registration.case_register``."""
        data = self.cleaned_data
        return {
            "channel": data["channel"],
            "referrer": data["referrer"],
            "question": data["question"],
            "urgency": data["urgency"],
            "complexity": data["complexity"],
            "advice_given": data["advice_given"],
            "safety_concern": bool(data["safety_concern"]),
            "close_now": bool(data["close_now"]),
        }


def required_field_count(*, bsn_enabled: bool = True) -> int:
    """Fields a worker must fill in for a new resident (required and not pre-filled)."""
    forms_ = [ResidentForm(bsn_enabled=bsn_enabled), QuestionForm()]
    return sum(
        1
        for form in forms_
        for name, field in form.fields.items()
        if field.required and form.get_initial_for_field(field, name) in (None, "")
    )


__all__ = [
    "QUESTION_MAX_LENGTH",
    "REQUIRED_FIELD_COUNT",
    "QuestionForm",
    "ResidentForm",
    "duplicate_check_kwargs",
    "required_field_count",
]
