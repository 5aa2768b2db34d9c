"""Reads of the databank. Every read takes ``actor``, starts from ``visible_to`` and is audited.

What a request says about its case is read separately (``case_refs``), through the case's own rule: only
someone who sees the case summary gets the case reference and the client's name. A volunteer's link to a
resident is never read here, except by the case page (``volunteer_of_client``), whose reader sees the case.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Case as DbCase
from django.db.models import F, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Case
from buurtteam.core.gate import access_or_404
from buurtteam.organisation.models import Neighbourhood
from buurtteam.volunteers import choices
from buurtteam.volunteers.models import (
    HelpRequest,
    Match,
    RequestStatus,
    VogStatus,
    Volunteer,
    VolunteerStatus,
    vog_cutoff,
)
from buurtteam.volunteers.services.base import audit_request, audit_volunteer, case_subject

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PAGE_SIZE = 25
VOLUNTEER_LIST_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "postcode",
    "neighbourhood__name",
    "travel_radius_km",
    "interests",
    "languages",
    "availability",
    "vog_status",
    "vog_issued_on",
    "status",
    "passions",
    "talents",
)


@dataclass(frozen=True)
class CaseRef:
    """What a reader who sees the case summary learns about a request's case."""

    case_id: int
    reference: str
    client_name: str

    @property
    def url(self) -> str:
        return reverse("cases:case_detail", kwargs={"case_id": self.case_id})


@dataclass(frozen=True)
class VolunteerFilters:
    query: str = ""
    neighbourhood_id: int | None = None
    interest: str = ""
    slot: str = ""
    vog: str = ""
    language: str = ""
    status: str = VolunteerStatus.ACTIVE

    @property
    def active(self) -> bool:
        return (
            bool(
                self.query or self.neighbourhood_id or self.interest or self.slot or self.vog or self.language
            )
            or self.status != VolunteerStatus.ACTIVE
        )


def _page(qs: Any, number: Any) -> Page[Any]:
    return Paginator(qs, PAGE_SIZE).get_page(number)


# --- Volunteers --------------------------------------------------------------------------------------------
def volunteer_queryset(*, actor: Actor, filters: VolunteerFilters, today: datetime.date) -> QuerySet[Any]:
    qs = Volunteer.objects.visible_to(actor)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.query:
        for word in filters.query.split()[:5]:
            qs = qs.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(passions__icontains=word)
                | Q(talents__icontains=word)
                | Q(likes__icontains=word)
            )
    if filters.neighbourhood_id:
        qs = qs.filter(neighbourhood_id=filters.neighbourhood_id)
    if filters.interest:
        qs = qs.filter(interests__contains=f",{filters.interest},")
    if filters.language:
        qs = qs.filter(languages__contains=f",{filters.language},")
    if filters.slot:
        bit = choices.mask_from_codes([filters.slot])
        qs = qs.annotate(free_then=F("availability").bitand(bit)).filter(free_then__gt=0)
    cutoff = vog_cutoff(today)
    if filters.vog == VogStatus.VALID:
        qs = qs.filter(vog_status=VogStatus.VALID, vog_issued_on__gt=cutoff)
    elif filters.vog == VogStatus.EXPIRED:
        qs = qs.filter(
            Q(vog_status=VogStatus.EXPIRED) | Q(vog_status=VogStatus.VALID, vog_issued_on__lte=cutoff)
        )
    elif filters.vog:
        qs = qs.filter(vog_status=filters.vog)
    return qs.order_by("last_name", "first_name", "id")


def volunteer_page(
    *, actor: Actor, filters: VolunteerFilters, page: Any = 1, today: datetime.date
) -> Page[Any]:
    """One page of the databank (25, by name), in two queries plus the audit event of what was shown."""
    qs = volunteer_queryset(actor=actor, filters=filters, today=today).select_related("neighbourhood")
    found = _page(qs.only(*VOLUNTEER_LIST_COLUMNS), page)
    record(
        actor=actor,
        action=Action.SEARCH if filters.active else Action.READ,
        object_type="volunteer_list",
        details={"results": [v.pk for v in found.object_list], "page": found.number},
    )
    return found


def volunteer_slice(
    *, actor: Actor, filters: VolunteerFilters, offset: int, limit: int, today: datetime.date
) -> tuple[int, list[Volunteer]]:
    """The API's page: the total and ``limit`` volunteers from ``offset``, by name. Audited."""
    qs = volunteer_queryset(actor=actor, filters=filters, today=today).select_related("neighbourhood")
    total = qs.count()
    items = list(qs[offset : offset + limit])
    record(
        actor=actor,
        action=Action.SEARCH if filters.active else Action.READ,
        object_type="volunteer_list",
        details={"results": [v.pk for v in items], "offset": offset},
    )
    return total, items


def volunteer_get(*, actor: Actor, volunteer_id: int) -> Volunteer:
    volunteer: Volunteer = access_or_404(
        Volunteer.objects.visible_to(actor).select_related("neighbourhood", "team", "registered_by"),
        pk=volunteer_id,
    )
    audit_volunteer(actor, volunteer, Action.READ)
    return volunteer


def volunteer_for_write(*, actor: Actor, volunteer_id: int) -> Volunteer:
    """The volunteer a form posts to; not audited as a read (the service records the write)."""
    return access_or_404(Volunteer.objects.visible_to(actor), pk=volunteer_id)  # type: ignore[no-any-return]


def volunteer_matches(*, actor: Actor, volunteer: Volunteer) -> list[Match]:
    """The volunteer's matches with the request's title and buurt (never its case)."""
    return list(
        Match.objects.visible_to(actor)
        .filter(volunteer_id=volunteer.pk)
        .select_related("request", "request__neighbourhood")
        .only(
            "id",
            "status",
            "score",
            "proposed_at",
            "started_on",
            "ended_on",
            "request__id",
            "request__title",
            "request__kind",
            "request__status",
            "request__neighbourhood__name",
        )
        .order_by("-proposed_at", "-id")[:100]
    )


def neighbourhood_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """The buurten of the organisation's teams (for the filter), by name."""
    from buurtteam.organisation.models import Team

    served = Team.objects.visible_to(actor).values("neighbourhoods")
    return list(Neighbourhood.objects.filter(pk__in=served).order_by("name").values_list("pk", "name"))


def volunteer_of_client(*, actor: Actor, case: Case) -> Volunteer | None:
    """For the case page only (its reader sees the case): is the client also a volunteer?"""
    return (
        Volunteer.objects.visible_to(actor)
        .filter(resident_id=case.client_id)
        .only("id", "first_name", "last_name", "status")
        .first()
    )


# --- Requests ----------------------------------------------------------------------------------------------
def case_refs(*, actor: Actor, case_ids: list[int]) -> dict[int, CaseRef]:
    """The cases among ``case_ids`` that the actor sees (at summary level), in one query."""
    ids = sorted({i for i in case_ids if i})
    if not ids:
        return {}
    rows = (
        Case.objects.visible_to(actor)
        .filter(pk__in=ids)
        .values_list("pk", "reference", "client__first_name", "client__last_name")
    )
    return {pk: CaseRef(pk, ref, f"{first} {last}".strip()) for pk, ref, first, last in rows}


def _status_order() -> DbCase:
    return DbCase(
        When(status=RequestStatus.OPEN, then=Value(0)),
        When(status=RequestStatus.MATCHED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def _requests(actor: Actor, *, status: str, kind: str, team_id: int | None, query: str) -> QuerySet[Any]:
    qs = HelpRequest.objects.visible_to(actor)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if team_id:
        qs = qs.filter(team_id=team_id)
    if query:
        for word in query.split()[:5]:
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return (  # type: ignore[no-any-return]
        qs.select_related("neighbourhood", "team", "contact", "location")
        .annotate(status_order=_status_order())
        .order_by("status_order", "-created_at", "-id")
    )


def request_slice(
    *, actor: Actor, status: str = "", kind: str = "", query: str = "", offset: int = 0, limit: int = 50
) -> tuple[int, list[HelpRequest], dict[int, CaseRef]]:
    """The API's page of requests (open first) with the cases the actor sees. Audited."""
    qs = _requests(actor, status=status, kind=kind, team_id=None, query=query)
    total = qs.count()
    items = list(qs[offset : offset + limit])
    refs = case_refs(actor=actor, case_ids=[r.case_id for r in items if r.case_id])
    record(
        actor=actor,
        action=Action.SEARCH if (status or kind or query) else Action.READ,
        object_type="help_request_list",
        details={"results": [r.pk for r in items], "offset": offset},
    )
    return total, items, refs


def request_page(
    *,
    actor: Actor,
    status: str = "",
    kind: str = "",
    team_id: int | None = None,
    query: str = "",
    page: Any = 1,
) -> tuple[Page[Any], dict[int, CaseRef]]:
    """Requests, open first, then matched, then closed; newest first within each. Audited per page."""
    qs = _requests(actor, status=status, kind=kind, team_id=team_id, query=query)
    found = _page(qs.defer("description", "wanted", "match_tokens", "close_note"), page)
    refs = case_refs(actor=actor, case_ids=[r.case_id for r in found.object_list if r.case_id])
    record(
        actor=actor,
        action=Action.SEARCH if (status or kind or team_id or query) else Action.READ,
        object_type="help_request_list",
        details={"results": [r.pk for r in found.object_list], "page": found.number},
    )
    return found, refs


def request_get(*, actor: Actor, help_request_id: int) -> tuple[HelpRequest, CaseRef | None]:
    """A request, and its case only for a reader who sees that case. Audited (with the client as subject
    only for that reader)."""
    help_request: HelpRequest = access_or_404(
        HelpRequest.objects.visible_to(actor).select_related(
            "neighbourhood", "team", "contact", "location", "created_by"
        ),
        pk=help_request_id,
    )
    refs = case_refs(actor=actor, case_ids=[help_request.case_id] if help_request.case_id else [])
    audit_request(actor, help_request, Action.READ)
    return help_request, refs.get(help_request.case_id or 0)


def request_for_write(*, actor: Actor, help_request_id: int) -> HelpRequest:
    return access_or_404(HelpRequest.objects.visible_to(actor), pk=help_request_id)  # type: ignore[no-any-return]


def request_matches(*, actor: Actor, help_request: HelpRequest) -> list[Match]:
    return list(
        Match.objects.visible_to(actor)
        .filter(request_id=help_request.pk)
        .select_related("volunteer", "volunteer__neighbourhood")
        .order_by("-proposed_at", "-id")
    )


def case_requests(*, actor: Actor, case: Case) -> list[HelpRequest]:
    """The requests made from a case (for its page, whose reader sees the case)."""
    return list(
        HelpRequest.objects.visible_to(actor)
        .filter(case_id=case.pk)
        .select_related("contact")
        .defer("match_tokens")
        .order_by("-created_at", "-id")
    )


# --- Matches ---------------------------------------------------------------------------------------------
def match_get(*, actor: Actor, match_id: int) -> tuple[Match, CaseRef | None]:
    match: Match = access_or_404(
        Match.objects.visible_to(actor).select_related(
            "request",
            "request__neighbourhood",
            "request__team",
            "request__contact",
            "volunteer",
            "volunteer__neighbourhood",
        ),
        pk=match_id,
    )
    refs = case_refs(actor=actor, case_ids=[match.request.case_id] if match.request.case_id else [])
    record(
        actor=actor,
        action=Action.READ,
        object_type="match",
        object_id=match.pk,
        **case_subject(actor, match.request.case_id),
    )
    return match, refs.get(match.request.case_id or 0)


def match_for_write(*, actor: Actor, match_id: int) -> Match:
    return access_or_404(  # type: ignore[no-any-return]
        Match.objects.visible_to(actor).select_related("request"), pk=match_id
    )


# --- Choices for the request form --------------------------------------------------------------------------
def request_form_choices(*, actor: Actor) -> dict[str, list[tuple[int, str]]]:
    """Teams, colleagues and buurthuizen of the organisation (three queries)."""
    from buurtteam.accounts.models import User
    from buurtteam.core.roles import Role
    from buurtteam.organisation.models import Team
    from buurtteam.socialmap.models import MapLocation

    teams = Team.objects.visible_to(actor).filter(is_active=True).order_by("name").values_list("pk", "name")
    staff = (
        User.objects.visible_to(actor)
        .filter(is_active=True)
        .exclude(role=Role.POLICY_OFFICER)
        .order_by("first_name", "last_name")
        .values_list("pk", "first_name", "last_name")
    )
    places = (
        MapLocation.objects.visible_to(actor)
        .filter(location_type=MapLocation.LocationType.PHYSICAL)
        .order_by("name")
        .values_list("pk", "name")[:500]
    )
    return {
        "teams": list(teams),
        "colleagues": [(pk, f"{first} {last}".strip()) for pk, first, last in staff],
        "locations": list(places),
    }
