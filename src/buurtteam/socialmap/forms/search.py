"""The search form of the sociale kaart (GET): free text, terms, buurt, kind, cost, age and distance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtteam.core.forms import StyledForm
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.socialmap.geo import Point, postcode_point
from buurtteam.socialmap.models import MapService

DISTANCES = [("", _("Geen grens")), ("1", "1 km"), ("2", "2 km"), ("5", "5 km"), ("10", "10 km")]
INVALID_CHOICE = {"invalid_choice": _("Kies een van de mogelijkheden uit de lijst.")}


@dataclass
class SearchFilters:
    text: str = ""
    term_ids: list[int] = field(default_factory=list)
    neighbourhood_id: int | None = None
    kind: str = ""
    free_only: bool = False
    age: int | None = None
    near: Point | None = None
    max_km: float | None = None
    include_inactive: bool = False

    def as_kwargs(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @property
    def any(self) -> bool:
        return bool(
            self.text
            or self.term_ids
            or self.neighbourhood_id
            or self.kind
            or self.free_only
            or self.age is not None
            or self.near
        )


class MapSearchForm(StyledForm):
    q = forms.CharField(
        label=_("Zoeken"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: eenzaamheid, schulden, taalcafé, bewegen voor ouderen."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    leefgebied = forms.TypedChoiceField(
        label=_("Leefgebied"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.Select,
    )
    doelgroep = forms.TypedChoiceField(
        label=_("Doelgroep"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.Select,
    )
    buurt = forms.TypedChoiceField(
        label=_("Buurt"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.Select,
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", _("Alle soorten")), *MapService.Kind.choices],
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.Select,
    )
    leeftijd = forms.IntegerField(
        label=_("Leeftijd van de inwoner"),
        min_value=0,
        max_value=120,
        required=False,
        error_messages={
            "invalid": _("Vul een leeftijd in jaren in."),
            "min_value": _("Vul een leeftijd van 0 tot 120 in."),
            "max_value": _("Vul een leeftijd van 0 tot 120 in."),
        },
    )
    postcode = forms.CharField(
        label=_("In de buurt van postcode"),
        max_length=10,
        required=False,
        help_text=_("Bijvoorbeeld 3581 AB. Dichtbij staat dan bovenaan, met de afstand erbij."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    afstand = forms.ChoiceField(
        label=_("Hoogstens"),
        choices=DISTANCES,
        required=False,
        error_messages=INVALID_CHOICE,
        widget=forms.Select,
    )
    gratis = forms.BooleanField(label=_("Alleen gratis"), required=False)
    ook_inactief = forms.BooleanField(label=_("Ook niet-actieve en opgeheven"), required=False)

    def __init__(
        self,
        *args: Any,
        life_domains: list[tuple[int, str]],
        target_groups: list[tuple[int, str]],
        neighbourhoods: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("leefgebied", _("Alle leefgebieden"), life_domains)
        self._set_choices("doelgroep", _("Alle doelgroepen"), target_groups)
        self._set_choices("buurt", _("Alle buurten"), neighbourhoods)
        self.point: Point | None = None

    def _set_choices(self, name: str, empty: Any, choices: list[tuple[int, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", empty), *[(str(pk), label) for pk, label in choices]]

    def clean_postcode(self) -> str:
        raw = str(self.cleaned_data.get("postcode") or "").strip()
        if not raw:
            return ""
        code = normalise_postcode(raw)
        point = postcode_point(code)
        if point is None:
            raise ValidationError(
                _("Van deze postcode kennen we de ligging niet. Probeer een postcode in de gemeente."),
                code="unknown_postcode",
            )
        self.point = point
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("afstand") and not data.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", _("Vul een postcode in om op afstand te zoeken."))
        return data

    def filters(self) -> SearchFilters:
        if not self.is_bound or not self.is_valid():
            return SearchFilters()
        data = self.cleaned_data
        return SearchFilters(
            text=str(data.get("q") or "").strip(),
            term_ids=[pk for pk in (data.get("leefgebied"), data.get("doelgroep")) if pk is not None],
            neighbourhood_id=data.get("buurt"),
            kind=data.get("soort") or "",
            free_only=bool(data.get("gratis")),
            age=data.get("leeftijd"),
            near=self.point,
            max_km=float(data["afstand"]) if data.get("afstand") else None,
            include_inactive=bool(data.get("ook_inactief")),
        )
