"""Forms for signals: record one (anonymous or about a resident), pick it up, close it; the overview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from buurtteam.community.forms.common import (
    choice_field,
    date_field,
    optional_id,
    set_choices,
    text_area,
    too_long,
)
from buurtteam.community.models import Theme
from buurtteam.community.selectors.aggregates import MONTH, QUARTER
from buurtteam.core.forms import StyledForm

if TYPE_CHECKING:
    from buurtteam.accounts.models import User
    from buurtteam.organisation.models import Neighbourhood, Team


class SignalForm(StyledForm):
    theme = choice_field(
        gettext_lazy("Thema"), missing=gettext_lazy("Kies een thema."), choices=[("", "—"), *Theme.choices]
    )
    neighbourhood = choice_field(gettext_lazy("Buurt"), missing=gettext_lazy("Kies een buurt."))
    noticed_on = date_field(gettext_lazy("Wanneer viel het op?"))
    location = choice_field(gettext_lazy("Plek van de sociale kaart"), required=False)
    place = forms.CharField(
        label=gettext_lazy("Of waar anders"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Bijvoorbeeld: op straat, bij de voedselbank, op het schoolplein."),
        error_messages=too_long(200),
    )
    note = forms.CharField(
        label=gettext_lazy("Wat viel op?"),
        required=False,
        max_length=2000,
        widget=text_area(4),
        error_messages=too_long(2000),
    )
    team = choice_field(gettext_lazy("Team"), missing=gettext_lazy("Kies een team."))
    resident = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(
        self,
        *args: Any,
        neighbourhoods: list[Neighbourhood],
        locations: list[tuple[int, str]],
        teams: list[Team],
        about_person: bool,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"noticed_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "neighbourhood",
            [("", "—"), *((str(n.pk), n.name) for n in neighbourhoods)],
        )
        set_choices(
            self,
            "location",
            [("", _("Geen plek van de kaart")), *((str(pk), name) for pk, name in locations)],
        )
        set_choices(self, "team", [(str(t.pk), t.name) for t in teams])
        note = self.fields["note"]
        if about_person:
            note.help_text = _(
                "Schrijf wat u zag of hoorde. Dit signaal valt onder de toegang tot deze inwoner."
            )
        else:
            note.help_text = _(
                "Anoniem: alleen buurt en thema tellen mee. Schrijf geen naam, adres of andere gegevens "
                "waaraan iemand te herkennen is."
            )
        note.widget.attrs["aria-describedby"] = f"{self['note'].auto_id}_helptext"

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "theme": data["theme"],
            "neighbourhood_id": int(data["neighbourhood"]),
            "noticed_on": data["noticed_on"],
            "location_id": optional_id(data.get("location")),
            "place": data.get("place", ""),
            "note": data.get("note", ""),
            "team_id": int(data["team"]),
            "resident_id": data.get("resident"),
        }


class PickUpForm(StyledForm):
    user = choice_field(gettext_lazy("Wie pakt het op?"), missing=gettext_lazy("Kies een collega."))
    note = forms.CharField(
        label=gettext_lazy("Afspraak of eerste stap"),
        required=False,
        max_length=4000,
        widget=text_area(2),
        error_messages=too_long(4000),
    )

    def __init__(self, *args: Any, colleagues: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "user", [(str(u.pk), u.full_name or u.username) for u in colleagues])


class CloseForm(StyledForm):
    note = forms.CharField(
        label=gettext_lazy("Wat is ermee gedaan?"),
        max_length=4000,
        widget=text_area(3),
        error_messages={
            "required": gettext_lazy("Schrijf kort wat er met het signaal is gedaan."),
            **too_long(4000),
        },
    )


class OverviewForm(StyledForm):
    """The buurt overview's filter (GET)."""

    buurt = choice_field(gettext_lazy("Buurt"), required=False)
    granularity = choice_field(
        gettext_lazy("Per maand of kwartaal"),
        required=False,
        choices=[(MONTH, gettext_lazy("maand")), (QUARTER, gettext_lazy("kwartaal"))],
    )
    periods = choice_field(
        gettext_lazy("Aantal maanden of kwartalen"),
        required=False,
        choices=[("6", "6"), ("8", "8"), ("12", "12"), ("24", "24")],
    )

    def __init__(self, *args: Any, neighbourhoods: list[Neighbourhood], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "buurt", [("", _("Alle buurten")), *((str(n.pk), n.name) for n in neighbourhoods)])
        # What the page shows when nothing is chosen: the last twelve months.
        self.fields["granularity"].initial = MONTH
        self.fields["periods"].initial = "12"

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "neighbourhood_id": optional_id(data.get("buurt")),
            "granularity": data.get("granularity") or MONTH,
            "periods": int(data.get("periods") or 12),
        }
