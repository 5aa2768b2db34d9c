"""Forms of toeleiding: search the map for a plan action, confirm the link, record the follow-up."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from buurtteam.community.forms.common import choice_field, date_field, set_choices, text_area, too_long
from buurtteam.community.models import LinkStatus
from buurtteam.community.rules import LINK_TRANSITIONS
from buurtteam.core.forms import StyledForm

DISTANCES = [
    ("", gettext_lazy("Elke afstand")),
    ("1", gettext_lazy("Binnen 1 km")),
    ("2", gettext_lazy("Binnen 2 km")),
    ("5", gettext_lazy("Binnen 5 km")),
    ("10", gettext_lazy("Binnen 10 km")),
]


class ActivitySearchForm(StyledForm):
    """The search on the "Activiteit zoeken" page (GET): what, which life domain, how far, free only."""

    q = forms.CharField(
        label=gettext_lazy("Waar zoekt u iets voor?"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld: eenzaamheid, schulden, bewegen, taal."),
        error_messages=too_long(200),
    )
    term = choice_field(gettext_lazy("Leefgebied"), required=False)
    max_km = choice_field(
        gettext_lazy("Afstand tot het adres van de inwoner"), required=False, choices=DISTANCES
    )
    free_only = forms.BooleanField(label=gettext_lazy("Alleen gratis activiteiten"), required=False)

    def __init__(self, *args: Any, terms: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "term",
            [("", str(gettext_lazy("Alle leefgebieden"))), *((str(pk), name) for pk, name in terms)],
        )

    def search_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "term_ids": [int(data["term"])] if data.get("term") else [],
            "max_km": float(data["max_km"]) if data.get("max_km") else None,
            "free_only": bool(data.get("free_only")),
        }


class LinkForm(StyledForm):
    """Confirm the link: the chosen activity and an optional note."""

    service = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": gettext_lazy("Kies een activiteit."),
            "invalid": gettext_lazy("Kies een activiteit."),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Toelichting"),
        required=False,
        max_length=2000,
        widget=text_area(3),
        help_text=gettext_lazy(
            "Bijvoorbeeld: met wie de inwoner de eerste keer gaat, of wat er is afgesproken."
        ),
        error_messages=too_long(2000),
    )


FOLLOW_UP_LABELS = {
    LinkStatus.PROPOSED: gettext_lazy("Nog niet aangemeld (blijft voorgesteld)"),
    LinkStatus.REGISTERED: gettext_lazy("Aangemeld, nog niet geweest"),
    LinkStatus.ATTENDING: gettext_lazy("Gegaan: gaat erheen"),
    LinkStatus.STOPPED: gettext_lazy("Gestopt"),
    LinkStatus.NOT_GONE: gettext_lazy("Niet gegaan"),
}


class FollowUpForm(StyledForm):
    """Terugkoppeling: did the resident go, and how did it go?"""

    status = choice_field(
        gettext_lazy("Is de inwoner gegaan?"),
        missing=gettext_lazy("Kies hoe het staat."),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Hoe ging het?"),
        max_length=4000,
        widget=text_area(4),
        error_messages={"required": gettext_lazy("Schrijf kort hoe het ging."), **too_long(4000)},
    )
    next_check_on = date_field(
        gettext_lazy("Opnieuw nagaan op"),
        required=False,
        help_text=gettext_lazy("Maakt een nieuwe taak voor u. Leeg laten als dat niet nodig is."),
    )

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = LINK_TRANSITIONS.get(current, frozenset())
        set_choices(
            self,
            "status",
            [(str(s), str(FOLLOW_UP_LABELS[LinkStatus(s)])) for s in LinkStatus.values if s in allowed],
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        next_check: datetime.date | None = data.get("next_check_on")
        return {"status": data["status"], "note": data["note"], "next_check_on": next_check}
