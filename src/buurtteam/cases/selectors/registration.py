"""Reads for the registration and resident pages that the other selector modules do not cover.

Every read of a person's data records an audit event; lookups of a resident the actor may *not* see
(break-the-glass) reveal nothing but the responsible team's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Case, CaseAssignment
from buurtteam.cases.selectors.residents import DuplicateCandidate
from buurtteam.core.gate import access_or_404, system_access
from buurtteam.core.roles import Role
from buurtteam.residents.models import BreakGlassAccess, NetworkMember, Resident

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

RESIDENT = "resident"


# --- Break-the-glass ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class BreakGlassTarget:
    """What someone without access may know about a resident: that they exist, and which team has them."""

    resident_id: int
    team_name: str


def break_glass_target(*, actor: Actor, resident_id: int) -> BreakGlassTarget:
    """The break-the-glass prompt's minimal lookup: the resident's team name only. Audited; 404 for a
    resident of another organisation, for a missing one and for a policy officer."""
    if (
        not getattr(actor, "is_authenticated", False)
        or actor.organisation_id is None
        or actor.role == Role.POLICY_OFFICER
    ):
        raise Http404
    with system_access("break the glass: the responsible team's name only"):
        row = (
            Resident.objects.filter(pk=resident_id, organisation_id=actor.organisation_id)
            .values("pk", "team_id", "team__name")
            .first()
        )
    if row is None:
        raise Http404
    record(
        actor=actor,
        action=Action.READ,
        object_type="break_glass_prompt",
        object_id=row["pk"],
        subject_type=RESIDENT,
        subject_id=row["pk"],
        subject_team_id=row["team_id"],
    )
    return BreakGlassTarget(resident_id=row["pk"], team_name=row["team__name"] or "")


def break_glass_grants(*, actor: Actor) -> list[BreakGlassAccess]:
    """A coordinator's review list: emergency accesses of their teams' members, open reviews first.

    The resident is named by id and team only: the coordinator may not be allowed to see the person."""
    # The coordinator's visibility joins team memberships: distinct, or a colleague in two of the
    # coordinator's teams would be listed twice.
    grants = list(
        BreakGlassAccess.objects.visible_to(actor)
        .distinct()
        .select_related("user", "reviewed_by")
        .annotate(resident_team_name=F("resident__team__name"))
        .order_by(F("reviewed_at").asc(nulls_first=True), "-granted_at")[:200]
    )
    record(
        actor=actor,
        action=Action.READ,
        object_type="break_glass_review_list",
        details={"grants": [g.pk for g in grants]},
    )
    return grants


def break_glass_grant_get(*, actor: Actor, grant_id: int) -> BreakGlassAccess:
    # distinct: see break_glass_grants (a duplicate row would make get() fail with a 500).
    grant: BreakGlassAccess = access_or_404(
        BreakGlassAccess.objects.visible_to(actor).distinct(), pk=grant_id
    )
    return grant


# --- Duplicate detection at registration --------------------------------------------------------------
REASON_LABELS = {
    "bsn": _("zelfde BSN"),
    "name+birth_date": _("lijkende naam en zelfde geboortedatum"),
    "name+postcode": _("lijkende naam en zelfde postcode"),
}


@dataclass(frozen=True)
class DuplicateRow:
    """A possible duplicate as the registration screen shows it: details only when the actor may see them."""

    candidate: DuplicateCandidate
    resident: Resident | None
    reasons: tuple[str, ...]


def duplicate_rows(*, actor: Actor, candidates: list[DuplicateCandidate]) -> list[DuplicateRow]:
    """Name, birth date and address of the visible candidates (one query); find_duplicates audited the
    check with the candidates' ids."""
    visible_ids = [c.resident_id for c in candidates if c.visible]
    residents = (
        {r.pk: r for r in Resident.objects.visible_to(actor).filter(pk__in=visible_ids)}
        if visible_ids
        else {}
    )
    return [
        DuplicateRow(
            candidate=c,
            resident=residents.get(c.resident_id) if c.visible else None,
            reasons=tuple(str(REASON_LABELS.get(r, r)) for r in c.reasons),
        )
        for c in candidates
    ]


# --- The resident page --------------------------------------------------------------------------------
def household_cases(*, actor: Actor, household_id: int) -> list[Case]:
    """Summary of the household's cases the actor may see, with the active case lead (``leads``)."""
    return list(
        Case.objects.visible_to(actor)
        .filter(household_id=household_id)
        .select_related("team")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=CaseAssignment.objects.visible_to(actor)
                .filter(is_lead=True, ended_at__isnull=True)
                .select_related("user"),
                to_attr="leads",
            )
        )
        .order_by("-registered_at")[:200]
    )


def visible_resident_ids(*, actor: Actor, resident_ids: list[int]) -> set[int]:
    return set(Resident.objects.visible_to(actor).filter(pk__in=resident_ids).values_list("pk", flat=True))


def may_reveal_bsn(*, actor: Actor, resident: Resident, household_id: int | None) -> bool:
    """The full BSN is for workers with the whole dossier of one of the resident's cases."""
    if not resident.bsn:
        return False
    cases = Q(client_id=resident.pk)
    if household_id is not None:
        cases |= Q(household_id=household_id)
    return bool(Case.objects.full_for(actor).filter(cases).exists())


def resident_bsn(*, actor: Actor, resident: Resident, household_id: int | None) -> str:
    """The full BSN, or "" when the actor may not see it. Showing it is an audited read of its own."""
    if not may_reveal_bsn(actor=actor, resident=resident, household_id=household_id):
        return ""
    record(
        actor=actor,
        action=Action.READ,
        object_type="resident_bsn",
        object_id=resident.pk,
        subject_type=RESIDENT,
        subject_id=resident.pk,
        subject_team_id=resident.team_id,
    )
    return resident.bsn


def network_member_get(*, actor: Actor, household_id: int, member_id: int) -> NetworkMember:
    member: NetworkMember = access_or_404(
        NetworkMember.objects.visible_to(actor).filter(household_id=household_id), pk=member_id
    )
    return member


def team_name(*, actor: Actor, team_id: int | None) -> str:
    """The name of a team of the actor's organisation (for "forwarded to ..." messages)."""
    if team_id is None:
        return ""
    from buurtteam.organisation.models import Team

    name: Any = Team.objects.visible_to(actor).filter(pk=team_id).values_list("name", flat=True).first()
    return str(name or "")
