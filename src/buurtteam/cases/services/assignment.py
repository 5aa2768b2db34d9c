"""Who works on a case: assignment, transfer with a reason, and a suggestion that explains itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, CaseAssignment, TimelineEntry
from buurtteam.cases.rules import may_assign
from buurtteam.cases.services.base import audit, require_open, timeline
from buurtteam.core.gate import system_access

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def same_organisation_user(actor: Actor, user_id: int) -> None:
    """Work can only go to an active colleague of the same organisation."""
    from django.contrib.auth import get_user_model

    with system_access("is the colleague in the same organisation"):
        ok = (
            get_user_model()
            ._default_manager.filter(pk=user_id, organisation_id=actor.organisation_id, is_active=True)
            .exclude(role="policy_officer")
            .exists()
        )
    if not ok:
        raise ValidationError({"user": _("Kies een actieve collega van uw eigen organisatie.")})


def _active(case: Case) -> list[CaseAssignment]:
    with system_access("current assignments inside the service"):
        return list(CaseAssignment.objects.filter(case=case, ended_at__isnull=True))


def _user_name(user_id: int) -> str:
    from django.contrib.auth import get_user_model

    with system_access("colleague's name for the timeline"):
        user = get_user_model()._default_manager.filter(pk=user_id).only("first_name", "last_name").first()
    return user.get_full_name() if user is not None else "?"


@transaction.atomic
def case_assign(
    *, actor: Actor, case: Case, user_id: int, as_lead: bool = False, reason: str = ""
) -> CaseAssignment:
    """Add a worker to the case (multidisciplinary), optionally as the case lead (regisseur)."""
    require_open(case)
    current = _active(case)
    lead = next((a for a in current if a.is_lead), None)
    if not may_assign(actor, case, lead_user_id=lead.user_id if lead else None):
        raise PermissionError("not allowed to assign on this case")
    same_organisation_user(actor, user_id)
    now = timezone.now()
    existing = next((a for a in current if a.user_id == user_id), None)
    if existing is not None and (not as_lead or existing.is_lead):
        if not as_lead:
            raise ValidationError({"user": _("Deze collega werkt al aan de casus.")})
        return existing
    if as_lead and lead is not None:  # demote first: one active lead per case
        lead.is_lead = False
        lead.save(update_fields=["is_lead"])
    if existing is not None:
        existing.is_lead = True
        existing.save(update_fields=["is_lead"])
        assignment = existing
    else:
        assignment = CaseAssignment.objects.create(
            case=case,
            user_id=user_id,
            is_lead=as_lead or lead is None,
            started_at=now,
            reason=reason.strip()[:500],
        )
    role = _("regisseur") if assignment.is_lead else _("medewerker")
    timeline(
        case,
        kind=TimelineEntry.Kind.ASSIGNMENT,
        actor=actor,
        text=_("%(name)s is %(role)s. %(reason)s")
        % {"name": _user_name(user_id), "role": role, "reason": reason.strip()},
    )
    audit(
        actor,
        Action.UPDATE,
        case,
        "case_assignment",
        assignment.pk,
        details={"user": user_id, "lead": assignment.is_lead},
    )
    return assignment


@transaction.atomic
def case_transfer(*, actor: Actor, case: Case, to_user_id: int, reason: str) -> CaseAssignment:
    """Hand the case lead to a colleague; the reason is required and kept in the timeline."""
    require_open(case)
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom u de casus overdraagt.")})
    current = _active(case)
    lead = next((a for a in current if a.is_lead), None)
    if not may_assign(actor, case, lead_user_id=lead.user_id if lead else None):
        raise PermissionError("not allowed to transfer this case")
    same_organisation_user(actor, to_user_id)
    if lead is not None and lead.user_id == to_user_id:
        raise ValidationError({"user": _("Deze collega is al de regisseur.")})
    if lead is not None:
        lead.ended_at = timezone.now()
        lead.reason = reason.strip()[:500]
        lead.save(update_fields=["ended_at", "reason"])
    assignment = case_assign(actor=actor, case=case, user_id=to_user_id, as_lead=True, reason=reason)
    if lead is not None:  # the old lead's open tasks move along, or nobody would see them
        from buurtteam.cases.models import Task

        with system_access("hand over open tasks with the case"):
            Task.objects.filter(case=case, assignee_id=lead.user_id, done_at__isnull=True).update(
                assignee_id=to_user_id
            )
    return assignment


@transaction.atomic
def case_unassign(*, actor: Actor, case: Case, user_id: int, reason: str = "") -> None:
    require_open(case)
    current = _active(case)
    lead = next((a for a in current if a.is_lead), None)
    if not may_assign(actor, case, lead_user_id=lead.user_id if lead else None) and user_id != actor.pk:
        raise PermissionError("not allowed to change who works on this case")
    target = next((a for a in current if a.user_id == user_id), None)
    if target is None:
        raise ValidationError({"user": _("Deze collega werkt niet aan de casus.")})
    if target.is_lead and len(current) > 1:
        raise ValidationError({"user": _("Draag eerst de regie over aan een collega.")})
    target.ended_at = timezone.now()
    target.reason = reason.strip()[:500]
    target.save(update_fields=["ended_at", "reason"])
    timeline(
        case,
        kind=TimelineEntry.Kind.ASSIGNMENT,
        actor=actor,
        text=_("%(name)s werkt niet meer aan de casus.") % {"name": _user_name(user_id)},
    )
    audit(actor, Action.UPDATE, case, "case_assignment", target.pk, details={"ended": True})


TRIAGE_FIELDS = ("urgency", "complexity", "safety_concern", "weight_complexity", "weight_intensity")


@transaction.atomic
def case_triage(*, actor: Actor, case: Case, **changes: object) -> Case:
    """Set how heavy and urgent a case is (weighted load = severity x intensity); flag safety concerns."""
    require_open(case)
    current = _active(case)
    lead = next((a for a in current if a.is_lead), None)
    if not may_assign(actor, case, lead_user_id=lead.user_id if lead else None) and not any(
        a.user_id == actor.pk for a in current
    ):
        raise PermissionError("not allowed to change this case's weight")
    unknown = set(changes) - set(TRIAGE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = sorted(k for k, v in changes.items() if getattr(case, k) != v)
    for name, value in changes.items():
        setattr(case, name, value)
    case.full_clean()
    case.save(update_fields=list(changes))
    if changed:
        timeline(
            case,
            kind=TimelineEntry.Kind.NOTE,
            actor=actor,
            text=_("Zwaarte %(c)d × intensiteit %(i)d%(safety)s")
            % {
                "c": case.weight_complexity,
                "i": case.weight_intensity,
                "safety": _("; zorgen over veiligheid") if case.safety_concern else "",
            },
        )
    audit(actor, Action.UPDATE, case, "case_triage", case.pk, details={"fields": changed})
    return case
