"""Forms of registration (aanmelding), resident search and the resident pages.

Registration is one screen with few fields: only the name and the question must be typed; everything
else is optional or has a sensible default. The forms only check input; every write goes through the
services (``residents.services``, ``cases.services.registration``), which validate again and audit.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Channel, Complexity, Referrer, Urgency
from buurtteam.core.forms import StyledForm
from buurtteam.organisation.forms import EMAIL_ERRORS, REQUIRED, phone_validator
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.residents.models import Gender, NetworkMember, Relation, Resident
from buurtteam.residents.validators import mask_bsn, normalise_bsn

# What a worker must type to register a question of a new resident: first name, last name, the
# question. Everything else is optional or pre-filled (channel: phone, referrer: the resident, urgency:
# normal, kind of question: complex). For a resident picked from the search it is only the question.
REQUIRED_FIELD_COUNT = 3

QUESTION_MAX_LENGTH = 4000
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d%m%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 14-03-1985.")}
TOO_LONG = _("Dit is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")

# Anything that looks like an HTML tag: "<b>", "</p>", "<script src=...>", "<!-- -->". A lone "<" as in
# "kind < 4 jaar" is fine.
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")


def no_html(value: str) -> None:
    if _HTML_TAG.search(value or ""):
        raise ValidationError(
            _("Gebruik geen HTML-code zoals <b> of <script>; schrijf gewone tekst."), code="html"
        )


def _text(label: Any, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={**REQUIRED, "max_length": TOO_LONG},
        **kwargs,
    )


def _textarea(label: Any, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    return _text(label, max_length, required=required, widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=_("dd-mm-jjjj"),
        widget=forms.DateInput(
            format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}
        ),
    )


def relabel(form: forms.BaseForm, name: str, *, label: Any = None, help_text: Any = None) -> None:
    """Change a field's label or help text after the form was built (StyledForm already bound it)."""
    field, bound = form.fields[name], form[name]
    if label is not None:
        field.label = bound.label = label
    if help_text is not None:
        field.help_text = bound.help_text = help_text


# --- The resident block -------------------------------------------------------------------------------
class ResidentForm(StyledForm):
    """A new resident: name, birth date, address, phone; BSN only where the organisation records it."""

    first_name = _text(
        _("Voornaam"), 100, required=True, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    last_name = _text(
        _("Achternaam"),
        150,
        required=True,
        help_text=_("Met tussenvoegsel, bijvoorbeeld van Dijk."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = _date_field(_("Geboortedatum"))
    postcode = _text(
        _("Postcode"),
        10,
        help_text=_("Bepaalt welk buurtteam de vraag oppakt, bijvoorbeeld 5211 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
    )
    house_number = _text(
        _("Huisnummer"), 12, widget=forms.TextInput(attrs={"autocomplete": "off", "size": 6})
    )
    street = _text(_("Straat"), 200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    city = _text(_("Plaats"), 100, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = _text(
        _("Telefoonnummer"),
        30,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    bsn = _text(
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

    question = _textarea(
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
    advice_given = _textarea(
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


# --- Search -------------------------------------------------------------------------------------------
class ResidentSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Zoek een inwoner"),
        max_length=100,
        required=False,
        help_text=_("Naam, BSN of geboortedatum (dd-mm-jjjj)."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
        error_messages={"max_length": TOO_LONG},
    )


# --- Editing a resident -------------------------------------------------------------------------------
class ResidentEditForm(ResidentForm):
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    preferred_language = _text(_("Voorkeurstaal"), 40, required=True, initial="Nederlands")
    interpreter_needed = forms.BooleanField(label=_("Tolk nodig"), required=False)

    block_fields = (
        *ResidentForm.block_fields,
        "email",
        "preferred_language",
        "interpreter_needed",
    )

    def __init__(self, *args: Any, resident: Resident, bsn_enabled: bool, **kwargs: Any) -> None:
        super().__init__(*args, bsn_enabled=bsn_enabled, **kwargs)
        del self.fields["new_anyway"]
        if "bsn" in self.fields:
            # The full number is not put in the page: leave empty to keep the current one.
            relabel(
                self,
                "bsn",
                label=_("Nieuw BSN"),
                help_text=(
                    _("Nu: %(bsn)s. Laat leeg om het niet te wijzigen.") % {"bsn": mask_bsn(resident.bsn)}
                    if resident.bsn
                    else None
                ),
            )

    @staticmethod
    def initial_for(resident: Resident) -> dict[str, Any]:
        return {
            "first_name": resident.first_name,
            "last_name": resident.last_name,
            "birth_date": resident.birth_date,
            "postcode": resident.postcode_display,
            "house_number": resident.house_number,
            "street": resident.street,
            "city": resident.city,
            "phone": resident.phone,
            "gender": resident.gender,
            "email": resident.email,
            "preferred_language": resident.preferred_language,
            "interpreter_needed": resident.interpreter_needed,
        }

    def clean_preferred_language(self) -> str:
        value = str(self.cleaned_data["preferred_language"]).strip()
        no_html(value)
        return value

    def service_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``residents.services.resident_update`` (an empty BSN keeps the old one)."""
        changes = super().service_kwargs()
        if not changes.get("bsn"):
            changes.pop("bsn", None)
        return changes


# --- The household and its network --------------------------------------------------------------------
MEMBER_RELATIONS = [(value, label) for value, label in Relation.choices if value != Relation.SELF]


class HouseholdMemberForm(ResidentForm):
    """A new person in the household: their relation and the resident block."""

    relation = forms.ChoiceField(
        label=_("Relatie tot het huishouden"),
        choices=[("", _("— Kies een relatie —")), *MEMBER_RELATIONS],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een relatie uit de lijst.")},
    )

    block_fields = ("relation", *ResidentForm.block_fields)

    def __init__(self, *args: Any, bsn_enabled: bool, **kwargs: Any) -> None:
        super().__init__(*args, bsn_enabled=bsn_enabled, **kwargs)
        del self.fields["new_anyway"]

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        kwargs.pop("relation")
        return kwargs


class ExistingMemberForm(StyledForm):
    """An existing resident (found with the search) joins the household."""

    existing = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    relation = forms.ChoiceField(
        label=_("Relatie"),
        choices=[("", _("— Kies een relatie —")), *MEMBER_RELATIONS],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een relatie uit de lijst.")},
    )


class NetworkMemberForm(StyledForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=NetworkMember.Kind.choices,
        initial=NetworkMember.Kind.INFORMAL,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies informeel of formeel.")},
        help_text=_("Informeel: familie, buren, vrienden. Formeel: huisarts, school, organisaties."),
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("— Kies een rol —")), *NetworkMember.Role.choices],
        error_messages={**REQUIRED, "invalid_choice": _("Kies een rol uit de lijst.")},
    )
    name = _text(_("Naam"), 200, required=True)
    organisation_name = _text(_("Organisatie"), 200)
    phone = _text(_("Telefoonnummer"), 30, validators=[phone_validator])
    email = forms.EmailField(
        label=_("E-mailadres"), max_length=254, required=False, error_messages=EMAIL_ERRORS
    )
    note = _textarea(_("Toelichting"), 2000)

    @staticmethod
    def initial_for(member: NetworkMember) -> dict[str, Any]:
        return {
            "kind": member.kind,
            "role": member.role,
            "name": member.name,
            "organisation_name": member.organisation_name,
            "phone": member.phone,
            "email": member.email,
            "note": member.note,
        }

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


# --- Break-the-glass ----------------------------------------------------------------------------------
BREAK_GLASS_MIN_REASON = 10


class BreakGlassForm(StyledForm):
    reason = _textarea(
        _("Waarom heeft u deze gegevens nu nodig?"),
        2000,
        required=True,
        help_text=_(
            "Bijvoorbeeld: crisis buiten kantooruren, het eigen team is niet bereikbaar. "
            "Uw reden wordt vastgelegd en door uw coördinator beoordeeld."
        ),
    )

    def clean_reason(self) -> str:
        value = str(self.cleaned_data["reason"]).strip()
        if len(value) < BREAK_GLASS_MIN_REASON:
            raise ValidationError(
                _("Beschrijf waarom u deze gegevens nu nodig heeft (minstens %(n)d tekens).")
                % {"n": BREAK_GLASS_MIN_REASON},
                code="too_short",
            )
        return value


class BreakGlassReviewForm(StyledForm):
    note = _textarea(
        _("Beoordeling"),
        2000,
        help_text=_("Bijvoorbeeld: terecht gebruikt, of wat er anders moet."),
    )


__all__ = [
    "REQUIRED_FIELD_COUNT",
    "BreakGlassForm",
    "BreakGlassReviewForm",
    "ExistingMemberForm",
    "HouseholdMemberForm",
    "NetworkMemberForm",
    "QuestionForm",
    "ResidentEditForm",
    "ResidentForm",
    "ResidentSearchForm",
    "duplicate_check_kwargs",
    "required_field_count",
]
