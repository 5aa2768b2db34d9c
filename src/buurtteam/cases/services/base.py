"""What every case service shares: the full-access check, the audit record and the timeline line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Case, Status, TimelineEntry
from buurtteam.cases.rules import STEP_HINTS, can_transition

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

RESIDENT = "resident"


class CaseStepError(ValidationError):
    """A lifecycle step that is not possible now. The message says why, in Dutch."""


def require_full_access(actor: Actor, case: Case) -> None:
    """Writes inside a case need full access to it, checked against the database, not the caller."""
    if not Case.objects.full_for(actor).filter(pk=case.pk).exists():
        raise PermissionError("no full access to this case")


def require_open(case: Case) -> None:
    if case.status == Status.CLOSED:
        raise CaseStepError(_("Deze casus is afgesloten. Heropen de casus eerst."))


def audit(
    actor: Actor, action: Action, case: Case, object_type: str, object_id: object, **extra: Any
) -> None:
    record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject_type=RESIDENT,
        subject_id=case.client_id,
        subject_team_id=case.team_id,
        **extra,
    )


def timeline(
    case: Case, *, kind: str, actor: Actor | None, text: str, occurred_at: Any = None, **extra: Any
) -> TimelineEntry:
    return TimelineEntry.objects.create(
        case=case,
        kind=kind,
        occurred_at=occurred_at or timezone.now(),
        author_id=actor.pk if actor is not None else None,
        text=text,
        **extra,
    )


def move(case: Case, target: str, *, actor: Actor, reason: str = "") -> None:
    """Change the phase, or refuse with a Dutch explanation. Saved by the caller's transaction."""
    if not can_transition(case.status, target):
        raise CaseStepError(str(STEP_HINTS.get(target, _("Deze stap is nu niet mogelijk."))))
    previous = case.get_status_display()
    case.status = target
    case.status_changed_at = timezone.now()
    case.save(update_fields=["status", "status_changed_at"])
    text = _("Fase: %(old)s → %(new)s") % {"old": previous, "new": case.get_status_display()}
    timeline(case, kind=TimelineEntry.Kind.STATUS, actor=actor, text=f"{text}. {reason}".strip())
