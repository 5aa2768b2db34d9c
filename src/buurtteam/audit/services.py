"""The one write path of the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from buurtteam.audit import context
from buurtteam.audit.models import Action, AuditEvent, Outcome

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def record(
    *,
    actor: Actor | None,
    action: Action,
    object_type: str,
    object_id: object = "",
    subject_type: str = "",
    subject_id: int | None = None,
    subject_team_id: int | None = None,
    outcome: Outcome = Outcome.SUCCESS,
    reason: str = "",
    details: dict[str, Any] | None = None,
    username: str = "",
    organisation_id: int | None = None,
) -> AuditEvent:
    """Append one audit event, inside the caller's transaction so that it stands or falls with the change."""
    ctx = context.current()
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        action=action,
        outcome=outcome,
        organisation_id=actor.organisation_id if authenticated and actor else organisation_id,
        actor_id=actor.pk if authenticated and actor else None,
        actor_username=(actor.username if authenticated and actor else username)[:150],
        actor_role=actor.role if authenticated and actor else "",
        actor_team_id=actor.primary_team_id if authenticated and actor else None,
        actor_team_name=(actor.primary_team_name if authenticated and actor else "")[:200],
        subject_type=subject_type,
        subject_id=subject_id,
        subject_team_id=subject_team_id,
        object_type=object_type,
        object_id=str(object_id)[:64],
        ip_address=ctx.ip_address,
        session_hash=ctx.session_hash,
        access_point=ctx.access_point,
        user_agent=ctx.user_agent,
        request_id=ctx.request_id,
        reason=reason,
        details=details or {},
    )
    # One INSERT: inside the caller's transaction it stands or falls with the change; outside one (an
    # audited read) it commits on its own, without an extra BEGIN/COMMIT round trip.
    event.save(force_insert=True)
    return event
