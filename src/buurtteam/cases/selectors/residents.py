"""Finding residents: search within what the actor may see, and duplicate detection at registration."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from rapidfuzz import fuzz

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.selectors.cases import case_grant
from buurtteam.core.gate import access_or_404, grant_after_access, system_access
from buurtteam.core.plans import custom_plans
from buurtteam.core.roles import Role
from buurtteam.residents.models import HouseholdMember, NetworkMember, Resident, search_key
from buurtteam.residents.validators import normalise_bsn

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

SEARCH_LIMIT = 50
FUZZY_THRESHOLD = 85
# What a search result shows (name, birth date, address, masked BSN, team): the rest of a resident's row is
# not read (every search page, the API list and the pickers in other apps show these alone).
LIST_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "team_id",
    "team__name",
)


def _search_filter(query: str) -> Q | None:
    """The filter for ``query``: exact BSN (8-9 digits), a birth date (dd-mm-jjjj) or up to four names."""
    digits = query.replace(".", "").replace(" ", "")
    if digits.isdigit() and len(digits) in (8, 9):
        try:
            return Q(bsn=normalise_bsn(digits))
        except ValidationError:
            return None
    try:
        return Q(birth_date=datetime.datetime.strptime(query, "%d-%m-%Y").date())
    except ValueError:
        pass
    words = search_key(query).split()[:4]
    if not words:
        return None
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    return condition


def resident_search(*, actor: Actor, query: str) -> list[Resident]:
    """Name (any order, accents ignored), exact BSN, or birth date (dd-mm-jjjj).

    Searches residents in the actor's team areas, plus those the actor reaches through current work (an
    open case of the team or a case the actor works on; break-the-glass), both subsets of what the actor may
    see. Two indexed queries instead of one OR across the whole visibility rule: on PostgreSQL the name
    parts use the per-team trigram index ``resident_team_search_trgm``. Only ``LIST_FIELDS`` are read.
    """
    query = (query or "").strip()
    condition = _search_filter(query) if query else None
    if condition is None:
        return []
    order = ("last_name", "first_name", "pk")
    with custom_plans():  # a name's plan depends on the name (see core/plans.py)
        in_area, reached = (
            list(
                scope.filter(condition)
                .select_related("team")
                .only(*LIST_FIELDS)
                .order_by(*order)[:SEARCH_LIMIT]
            )
            for scope in (Resident.objects.in_team_area(actor), Resident.objects.reached_through_work(actor))
        )
    results = sorted(in_area + reached, key=lambda r: (r.last_name, r.first_name, r.pk))[:SEARCH_LIMIT]
    record(
        actor=actor,
        action=Action.SEARCH,
        object_type="resident_search",
        details={"results": [r.pk for r in results]},
    )
    return results


def resident_get(*, actor: Actor, resident_id: int) -> Resident:
    # Most reads are of residents living in the actor's own team areas: that branch of the visibility rule
    # alone is a much simpler query. Anyone else is looked up through the whole rule (404 if not visible).
    scoped = Resident.objects.in_team_area(actor).select_related("team", "neighbourhood")
    found = _first_or_none(scoped, resident_id)
    if found is None:
        scoped = Resident.objects.visible_to(actor).select_related("team", "neighbourhood")
        found = access_or_404(scoped, pk=resident_id)
    resident: Resident = found
    # Proof, for the rest of this request, that ``actor`` may see this resident (``case_register`` takes it).
    grant_after_access(scoped, resident, actor=actor, level="visible")
    record(
        actor=actor,
        action=Action.READ,
        object_type="resident",
        object_id=resident.pk,
        subject_type="resident",
        subject_id=resident.pk,
        subject_team_id=resident.team_id,
    )
    return resident


def _first_or_none(scoped: Any, resident_id: object) -> Resident | None:
    """The resident with this id in ``scoped``; ``None`` when absent or the id is unreadable."""
    try:
        return scoped.filter(pk=resident_id).first()  # type: ignore[no-any-return]
    except (ValueError, TypeError, OverflowError):
        return None


def household_of(
    *, actor: Actor, resident: Resident, household_id: int | None = None, case: Any = None
) -> tuple[Any, list[HouseholdMember], list[NetworkMember]]:
    """The resident's household (or the given one, e.g. a case's), its members and its network."""
    if household_id is not None:
        # The household is known (a case's): its members in one query, the household through any of them.
        grant = case_grant(actor, case) if case is not None else None
        if grant is not None and grant.scope.get("household_id") == household_id:
            members_qs = HouseholdMember.objects.within(grant)  # the case's household, read at full level
            network_qs = NetworkMember.objects.within(grant)
        else:
            members_qs = HouseholdMember.objects.visible_to(actor).filter(household_id=household_id)
            network_qs = NetworkMember.objects.visible_to(actor).filter(household_id=household_id)
        members = list(members_qs.select_related("resident", "household"))
        if not any(m.resident_id == resident.pk for m in members):
            return None, [], []
        household = members[0].household
        return household, members, list(network_qs)
    else:
        member = (
            HouseholdMember.objects.visible_to(actor)
            .filter(resident_id=resident.pk)
            .select_related("household")
            .first()
        )
        if member is None:
            return None, [], []
        household = member.household
        members = list(
            HouseholdMember.objects.visible_to(actor)
            .filter(household_id=household.pk)
            .select_related("resident")
        )
    network = list(NetworkMember.objects.visible_to(actor).filter(household_id=household.pk))
    return household, members, network


@dataclass(frozen=True)
class DuplicateCandidate:
    resident_id: int
    score: int
    reasons: tuple[str, ...]
    visible: bool
    label: str  # full name when visible; only the team's name otherwise
    team_name: str


def find_duplicates(
    *,
    actor: Actor,
    first_name: str,
    last_name: str,
    birth_date: datetime.date | None,
    postcode: str = "",
    bsn: str = "",
) -> list[DuplicateCandidate]:
    """Existing records that are probably the same person: exact BSN, or a similar name with the same
    birth date or postcode. Residents the actor may not see are reported without personal details,
    so that the worker can break the glass or contact the responsible team instead of making a copy."""
    if actor.organisation_id is None or actor.role == Role.POLICY_OFFICER:
        return []
    name = search_key(first_name, last_name)
    filters = Q()
    if bsn:
        filters |= Q(bsn=bsn)
    if birth_date:
        filters |= Q(birth_date=birth_date)
    if postcode:
        filters |= Q(postcode=postcode.replace(" ", "").upper())
    if not filters:
        return []
    with system_access("duplicate detection across the organisation"):
        rows = list(
            Resident.objects.filter(filters, organisation_id=actor.organisation_id)
            .select_related("team")
            .only(
                "pk", "first_name", "last_name", "birth_date", "postcode", "bsn", "search_name", "team__name"
            )[:500]
        )
    visible = set(
        Resident.objects.visible_to(actor).filter(pk__in=[r.pk for r in rows]).values_list("pk", flat=True)
    )
    found: list[DuplicateCandidate] = []
    for row in rows:
        reasons: list[str] = []
        score = 0
        if bsn and row.bsn == bsn:
            reasons.append("bsn")
            score = 100
        similarity = int(fuzz.token_sort_ratio(name, row.search_name))
        if birth_date and row.birth_date == birth_date and similarity >= FUZZY_THRESHOLD:
            reasons.append("name+birth_date")
            score = max(score, similarity)
        if postcode and row.postcode == postcode.replace(" ", "").upper() and similarity >= FUZZY_THRESHOLD:
            reasons.append("name+postcode")
            score = max(score, similarity - 5)
        if reasons:
            seen = row.pk in visible
            found.append(
                DuplicateCandidate(
                    resident_id=row.pk,
                    score=score,
                    reasons=tuple(reasons),
                    visible=seen,
                    label=row.full_name if seen else "",
                    team_name=row.team.name if row.team else "",
                )
            )
    found.sort(key=lambda c: -c.score)
    if found:
        record(
            actor=actor,
            action=Action.SEARCH,
            object_type="duplicate_check",
            details={"candidates": [c.resident_id for c in found[:10]]},
        )
    return found[:10]


def residents_in_team(*, actor: Actor, team_id: int) -> QuerySet[Resident]:
    return (
        Resident.objects.visible_to(actor)
        .filter(team_id=team_id)
        .prefetch_related(Prefetch("memberships", queryset=HouseholdMember.objects.visible_to(actor)))
    )
