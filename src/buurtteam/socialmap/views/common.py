"""What the map's pages share: the acting user, the editor check, choice lists, paging."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.db.models import Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.organisation.models import Neighbourhood, Organisation
from buurtteam.socialmap import services
from buurtteam.socialmap.models import MapLocation, MapOrganization, Taxonomy, TaxonomyTerm
from buurtteam.socialmap.rules import can_edit_map

if TYPE_CHECKING:
    from buurtteam.accounts.models import User


def reader(request: HttpRequest) -> User:
    return cast("User", request.user)


def editor(request: HttpRequest) -> User:
    """The acting map editor; anyone else gets the ordinary 404, as on other management screens."""
    user = reader(request)
    if not can_edit_map(user):
        raise Http404
    return user


def mark_checked(request: HttpRequest, actor: User, entry: Any, back_url: str) -> HttpResponse:
    """Stamp ``entry`` as checked; back to the stale list when the button was there, else ``back_url``."""
    try:
        services.entry_mark_checked(actor=actor, entry=entry)
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(
        request,
        _("%(name)s is gemarkeerd als gecontroleerd op %(day)s.")
        % {"name": entry.name, "day": timezone.localdate().strftime("%d-%m-%Y")},
    )
    return redirect(reverse("socialmap:stale") if request.POST.get("next") == "stale" else back_url)


def root_crumbs(*more: tuple[str, str]) -> list[tuple[str, str]]:
    """Breadcrumbs below "Sociale basis": the map's search page, then ``more``."""
    return [(reverse("socialmap:search"), str(_("Sociale kaart"))), *more]


def data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def neighbourhood_choices(actor: User) -> list[tuple[int, str]]:
    """The buurten of the organisation's municipality (reference data), as "Buurt (wijk)"; one query."""
    own = Organisation.objects.visible_to(actor).filter(pk=actor.organisation_id or 0)
    municipality = own.values("municipality_id")[:1]
    rows = (
        Neighbourhood.objects.filter(district__municipality_id=Subquery(municipality))
        .order_by("name", "pk")
        .values_list("pk", "name", "district__name")
    )
    return [(pk, f"{name} ({district})") for pk, name, district in rows]


def term_lists(actor: User) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(life domains, target groups) as (id, name) choices, in one query; on an organisation's first visit
    the default taxonomies are made first (``services.ensure_taxonomies``)."""
    wanted = (Taxonomy.Purpose.LIFE_DOMAINS, Taxonomy.Purpose.TARGET_GROUPS)
    for attempt in range(2):
        rows = list(
            TaxonomyTerm.objects.visible_to(actor)
            .filter(taxonomy__purpose__in=wanted)
            .order_by("name", "pk")
            .values_list("pk", "name", "taxonomy__purpose")
        )
        found = {purpose for _pk, _name, purpose in rows}
        if attempt or len(found) == len(wanted) or not services.ensure_taxonomies(actor=actor):
            break
    life_domains = [(pk, name) for pk, name, purpose in rows if purpose == Taxonomy.Purpose.LIFE_DOMAINS]
    target_groups = [(pk, name) for pk, name, purpose in rows if purpose == Taxonomy.Purpose.TARGET_GROUPS]
    return life_domains, target_groups


def organization_choices(actor: User) -> list[tuple[int, str]]:
    return list(MapOrganization.objects.visible_to(actor).order_by("name", "pk").values_list("pk", "name"))


def location_choices(actor: User) -> list[tuple[int, str]]:
    rows = MapLocation.objects.visible_to(actor).order_by("name", "pk").values_list("pk", "name", "address_1")
    return [(pk, f"{name}, {address}" if address else name) for pk, name, address in rows]


@dataclass(frozen=True)
class Pager:
    """What the pagination links need, for a total counted elsewhere."""

    number: int
    per_page: int
    total: int

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


def page_number(request: HttpRequest) -> int:
    raw = request.GET.get("pagina", "1")
    try:
        return max(1, min(int(raw), 10_000))
    except ValueError:
        return 1


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()
