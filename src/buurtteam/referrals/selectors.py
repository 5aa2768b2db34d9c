"""Reads for partners, referrals, the waitlist, bridging and agreements. Every read takes ``actor``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Case as DbCase
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Goal, LifeDomain
from buurtteam.cases.selectors.cases import case_grant
from buurtteam.core.gate import access_or_404
from buurtteam.referrals.models import (
    WAITING_STATUSES,
    Agreement,
    BridgingPlan,
    CheckIn,
    Consent,
    PartnerContact,
    PartnerOrganisation,
    Referral,
    ReferralStatus,
)

if TYPE_CHECKING:
    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor

RESIDENT = "resident"
WAITLIST_LIMIT = 500
WAITLIST_DEFERRED = (
    "question",
    "rejection_reason",
    "cancel_reason",
    "feedback",
    "case__question",
    "case__advice_given",
    "case__closure_note",
    "case__client__bsn",
    "case__client__email",
    "case__client__phone",
    "bridging__support",
)


def _staff(actor: Actor) -> Any:
    from buurtteam.accounts.models import User

    return User.objects.visible_to(actor).only("id", "first_name", "last_name")


def _audit_case_read(actor: Actor, case: Case, object_type: str, object_id: object) -> None:
    record(
        actor=actor,
        action=Action.READ,
        object_type=object_type,
        object_id=object_id,
        subject_type=RESIDENT,
        subject_id=case.client_id,
        subject_team_id=case.team_id,
    )


# --- Partners (tenant data, no persons) ------------------------------------------------------------
def partner_list(
    *, actor: Actor, query: str = "", kind: str = "", active_only: bool = False
) -> QuerySet[Any]:
    qs = PartnerOrganisation.objects.visible_to(actor)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(offer__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    if active_only:
        qs = qs.filter(active=True)
    return qs.order_by("name")


def partner_get(*, actor: Actor, partner_id: int) -> PartnerOrganisation:
    return access_or_404(  # type: ignore[no-any-return]
        PartnerOrganisation.objects.visible_to(actor).prefetch_related(
            Prefetch("contacts", queryset=PartnerContact.objects.visible_to(actor).order_by("name"))
        ),
        pk=partner_id,
    )


def contact_get(*, actor: Actor, partner: PartnerOrganisation, contact_id: int) -> PartnerContact:
    return access_or_404(  # type: ignore[no-any-return]
        PartnerContact.objects.visible_to(actor).filter(partner_id=partner.pk), pk=contact_id
    )


# --- Referrals on a case (full access) -------------------------------------------------------------
def case_referrals(*, actor: Actor, case: Case) -> list[Referral]:
    """All referrals of a case with consents and bridging (the caller has read the case at full level)."""
    grant = case_grant(actor, case)
    referrals = (
        Referral.objects.within(grant) if grant else Referral.objects.full_for(actor).filter(case_id=case.pk)
    )
    consents = Consent.objects.within(grant) if grant else Consent.objects.full_for(actor)
    return list(
        referrals.select_related("partner", "domain", "goal", "bridging", "bridging__contact")
        .prefetch_related(Prefetch("consents", queryset=consents.order_by("-given_on", "-id")))
        .order_by("-proposed_at")
    )


def referral_get(*, actor: Actor, referral_id: int) -> Referral:
    """One referral with everything in it: full access to its case, else 404. Audited."""
    referral: Referral = access_or_404(
        Referral.objects.full_for(actor)
        .select_related(
            "case", "case__client", "case__team", "partner", "domain", "goal", "bridging", "bridging__contact"
        )
        .prefetch_related(
            Prefetch("consents", queryset=Consent.objects.full_for(actor).order_by("-given_on", "-id"))
        ),
        pk=referral_id,
    )
    _audit_case_read(actor, referral.case, "referral", referral.pk)
    return referral


def referral_for_write(*, actor: Actor, case: Case, referral_id: int) -> Referral:
    """The referral a step form posts to: in this case, full access, 404 otherwise. Not audited as a read;
    the service that writes records the event."""
    return access_or_404(  # type: ignore[no-any-return]
        Referral.objects.full_for(actor)
        .filter(case_id=case.pk)
        .select_related("case", "partner", "bridging"),
        pk=referral_id,
    )


def life_domains(*, actor: Actor, case: Case) -> list[LifeDomain]:
    """The domains of the organisation's default instrument, in their order (one query)."""
    return list(
        LifeDomain.objects.visible_to(actor)
        .filter(domain_set__organisation_id=case.organisation_id, domain_set__is_default=True)
        .order_by("position", "id")
    )


def plan_goals(*, actor: Actor, case: Case) -> list[Goal]:
    """The goals of the plan of the case's household (for the referral and agreement forms; one query)."""
    return list(
        Goal.objects.visible_to(actor)
        .filter(plan__household_id=case.household_id)
        .select_related("domain")
        .order_by("position", "id")
    )


def consent_get(*, actor: Actor, referral: Referral, consent_id: int) -> Consent:
    return access_or_404(  # type: ignore[no-any-return]
        Consent.objects.full_for(actor).filter(referral_id=referral.pk), pk=consent_id
    )


def check_ins(*, actor: Actor, plan: BridgingPlan, limit: int = 50) -> list[CheckIn]:
    return list(
        CheckIn.objects.full_for(actor)
        .filter(plan_id=plan.pk)
        .select_related("author")
        .order_by("-occurred_at")[:limit]
    )


def case_agreements(*, actor: Actor, case: Case, include_ended: bool = True) -> list[Agreement]:
    grant = case_grant(actor, case)
    qs = (
        Agreement.objects.within(grant)
        if grant
        else Agreement.objects.full_for(actor).filter(case_id=case.pk)
    )
    qs = qs.select_related("partner", "goal")
    if not include_ended:
        qs = qs.filter(ended_at__isnull=True)
    return list(qs.order_by("starts_on", "id"))


def agreement_get(*, actor: Actor, case: Case, agreement_id: int) -> Agreement:
    return access_or_404(  # type: ignore[no-any-return]
        Agreement.objects.full_for(actor).filter(case_id=case.pk).select_related("case", "partner"),
        pk=agreement_id,
    )


def case_workers(*, actor: Actor, case: Case) -> list[Any]:
    """Who can keep contact while the resident waits: the staff working on the case and the team's
    coordinators (they can read the whole dossier and record the contacts)."""
    from buurtteam.accounts.models import User
    from buurtteam.cases.models import CaseAssignment
    from buurtteam.core.roles import Role

    on_case = CaseAssignment.objects.visible_to(actor).filter(case_id=case.pk, ended_at__isnull=True)
    return list(
        User.objects.visible_to(actor)
        .active()
        .filter(
            Q(pk__in=on_case.values("user_id")) | Q(role=Role.COORDINATOR, memberships__team_id=case.team_id)
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def has_started_specialist_referral(*, actor: Actor, case: Case) -> bool:
    return bool(
        Referral.objects.full_for(actor)
        .filter(
            case_id=case.pk, is_specialist=True, status__in=[ReferralStatus.STARTED, ReferralStatus.FINISHED]
        )
        .exists()
    )


def waiting_referral_count(*, actor: Actor, case: Case) -> int:
    return int(Referral.objects.full_for(actor).filter(case_id=case.pk, status__in=WAITING_STATUSES).count())


# --- The team's waitlist (summary level: every member of the team) ---------------------------------
def _open_team_case_ids(actor: Actor, team_id: int) -> Any:
    from buurtteam.cases.models import Case

    return Case.objects.visible_to(actor).open().filter(team_id=team_id).values("pk")


@dataclass(frozen=True)
class WaitlistRow:
    referral: Referral
    waiting_days: int
    overdue_days: int  # days past the agreed check-in (0: on time)
    no_plan: bool

    @property
    def overdue(self) -> bool:
        return self.no_plan or self.overdue_days > 0


def _waiting(actor: Actor, team_id: int) -> Any:
    # Driven by the team's open cases (a waiting referral keeps its case open: the close guard), so the
    # database starts from the open-case index instead of every waiting referral.
    return Referral.objects.visible_to(actor).filter(
        case_id__in=_open_team_case_ids(actor, team_id), status__in=WAITING_STATUSES
    )


def _overdue_condition(today: datetime.date) -> Q:
    """Overdue: the check-in is past due, or nobody keeps contact (no active bridging plan)."""
    return Q(bridging__isnull=True) | Q(bridging__active=False) | Q(bridging__next_due__lt=today)


def _rows(actor: Actor, qs: Any) -> Any:
    return (
        # Fewer joins in the main query (planning a many-way join costs more than running it); the few
        # partners and contact persons come in two small queries.
        qs.select_related("case", "case__client", "bridging")
        .prefetch_related(
            Prefetch("partner", queryset=PartnerOrganisation.objects.visible_to(actor)),
            Prefetch("bridging__contact", queryset=_staff(actor)),
        )
        # A list of names and dates: leave the long texts in the database.
        .defer(*WAITLIST_DEFERRED)
    )


def _row(r: Referral, today: datetime.date) -> WaitlistRow:
    plan: BridgingPlan | None = getattr(r, "bridging", None)
    sent = timezone.localdate(r.sent_at) if r.sent_at else timezone.localdate(r.proposed_at)
    overdue = (today - plan.next_due).days if plan is not None and plan.active else 0
    return WaitlistRow(
        referral=r,
        waiting_days=(today - sent).days,
        overdue_days=max(overdue, 0),
        no_plan=plan is None or not plan.active,
    )


def _audit_waitlist(actor: Actor, team_id: int, rows: list[WaitlistRow]) -> None:
    if rows:
        record(
            actor=actor,
            action=Action.READ,
            object_type="waitlist",
            object_id=team_id,
            subject_team_id=team_id,
            details={"referrals": [row.referral.pk for row in rows]},
        )


def waitlist(*, actor: Actor, team_id: int, today: datetime.date | None = None) -> list[WaitlistRow]:
    """Everyone of the team waiting for a partner (at most ``WAITLIST_LIMIT``): overdue check-ins first,
    then the longest waiting.

    ``visible_to`` keeps it to the teams the actor belongs to (another team's id gives an empty list). One
    query, bounded; the listing is audited as one read with the referral ids.
    """
    today = today or timezone.localdate()
    rows = list(
        _rows(actor, _waiting(actor, team_id)).order_by("bridging__next_due", "sent_at")[:WAITLIST_LIMIT]
    )
    result = [_row(r, today) for r in rows]
    result.sort(key=lambda row: (not row.overdue, -row.overdue_days, -row.waiting_days))
    _audit_waitlist(actor, team_id, result)
    return result


@dataclass(frozen=True)
class WaitlistSummary:
    total: int
    overdue: int
    no_plan: int
    longest_days: int


def waitlist_summary(*, actor: Actor, team_id: int, today: datetime.date | None = None) -> WaitlistSummary:
    """The counts above the waitlist, in one aggregate query (no persons)."""
    today = today or timezone.localdate()
    no_plan = Q(bridging__isnull=True) | Q(bridging__active=False)
    found = _waiting(actor, team_id).aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=_overdue_condition(today)),
        no_plan=Count("pk", filter=no_plan),
        first_sent=Min(Coalesce("sent_at", "proposed_at")),
    )
    first = found["first_sent"]
    return WaitlistSummary(
        total=found["total"],
        overdue=found["overdue"],
        no_plan=found["no_plan"],
        longest_days=(today - timezone.localdate(first)).days if first is not None else 0,
    )


def waitlist_page(
    *,
    actor: Actor,
    team_id: int,
    page: str | int | None,
    per_page: int,
    today: datetime.date | None = None,
    total: int | None = None,
) -> Page[WaitlistRow]:
    """One page of the waitlist, sorted in the database the same way as ``waitlist``: overdue first (the
    most overdue first), then the longest waiting. ``total`` (from ``waitlist_summary``) saves the count.
    Audited with the referral ids on the page."""
    today = today or timezone.localdate()
    qs = (
        _waiting(actor, team_id)
        .annotate(
            is_overdue=DbCase(When(_overdue_condition(today), then=Value(1)), default=Value(0)),
            waiting_since=Coalesce("sent_at", "proposed_at"),
        )
        .order_by("-is_overdue", F("bridging__next_due").asc(nulls_first=True), "waiting_since", "pk")
    )
    paginator = Paginator(_rows(actor, qs), per_page)
    if total is not None:  # known from waitlist_summary: no second count
        paginator.count = total
    result = paginator.get_page(page)
    rows = [_row(r, today) for r in result.object_list]
    result.object_list = rows
    _audit_waitlist(actor, team_id, rows)
    return result


def overdue_check_ins(
    *,
    actor: Actor,
    team_id: int | None = None,
    contact_id: int | None = None,
    today: datetime.date | None = None,
) -> list[BridgingPlan]:
    """Active bridging plans whose check-in is past due: of a team, or of one contact person."""
    today = today or timezone.localdate()
    qs = BridgingPlan.objects.visible_to(actor).filter(active=True, next_due__lt=today)
    if team_id is not None:
        qs = qs.filter(referral__case_id__in=_open_team_case_ids(actor, team_id))
    if contact_id is not None:
        qs = qs.filter(contact_id=contact_id)
    return list(
        qs.select_related(
            "referral", "referral__case", "referral__case__client", "referral__partner", "contact"
        ).order_by("next_due")[:200]
    )
