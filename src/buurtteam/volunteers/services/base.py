"""What the services of the databank share: the role check, places, code lists and the audit subject."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Case
from buurtteam.organisation.models import Postcode
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.residents.models import Resident
from buurtteam.volunteers import choices
from buurtteam.volunteers.querysets import may_use_databank

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor
    from buurtteam.volunteers.models import HelpRequest, Place, Volunteer

RESIDENT = "resident"


def require_databank(actor: Actor) -> int:
    """The actor's organisation id; anyone who may not use the databank gets ``PermissionError`` (404)."""
    if not may_use_databank(actor) or actor.organisation_id is None:
        raise PermissionError("no access to the volunteer databank")
    return actor.organisation_id


def same_organisation(actor: Actor, obj: Any) -> None:
    if getattr(obj, "organisation_id", None) != actor.organisation_id:
        raise PermissionError("object of another organisation")


def place(obj: Place, postcode: str) -> None:
    """Set the postcode, its buurt and the coordinates of its centre (empty when the postcode is unknown)."""
    code = (postcode or "").strip()
    if not code:
        obj.postcode, obj.neighbourhood_id, obj.latitude, obj.longitude = "", None, None, None
        return
    try:
        code = normalise_postcode(code)
    except ValidationError as exc:
        raise ValidationError({"postcode": exc.messages}) from exc
    row = (
        Postcode.objects.filter(postcode=code)
        .values_list("neighbourhood_id", "latitude", "longitude")
        .first()
    )
    obj.postcode = code
    obj.neighbourhood_id, obj.latitude, obj.longitude = row if row else (None, None, None)


def codes(field: str, values: Iterable[str], allowed: dict[str, Any]) -> str:
    values = list(values or [])
    unknown = sorted({v for v in values if v not in allowed})
    if unknown:
        raise ValidationError({field: _("Onbekende keuze: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return choices.pack(values)


def availability(values: Iterable[str]) -> int:
    try:
        return choices.mask_from_codes(values or [])
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {
                "availability": _(
                    "Kies dagdelen uit het rooster (maandag tot en met zondag, ochtend, middag, avond)."
                )
            }
        ) from exc


def resident_subject(actor: Actor, resident_id: int | None) -> dict[str, Any]:
    """Audit subject fields for a resident, only when the actor may see that resident."""
    if resident_id is None:
        return {}
    row = Resident.objects.visible_to(actor).filter(pk=resident_id).values_list("pk", "team_id").first()
    if row is None:
        return {}
    return {"subject_type": RESIDENT, "subject_id": row[0], "subject_team_id": row[1]}


def case_subject(actor: Actor, case_id: int | None) -> dict[str, Any]:
    """Audit subject fields for a request's case: the client, only when the actor sees the case."""
    if case_id is None:
        return {}
    row = Case.objects.visible_to(actor).filter(pk=case_id).values_list("client_id", "team_id").first()
    if row is None:
        return {}
    return {"subject_type": RESIDENT, "subject_id": row[0], "subject_team_id": row[1]}


def audit_volunteer(
    actor: Actor, volunteer: Volunteer, action: Action, *, details: dict[str, Any] | None = None
) -> None:
    record(
        actor=actor,
        action=action,
        object_type="volunteer",
        object_id=volunteer.pk,
        details=details,
        **resident_subject(actor, volunteer.resident_id),
    )


def audit_request(
    actor: Actor,
    help_request: HelpRequest,
    action: Action,
    *,
    object_type: str = "help_request",
    object_id: object = None,
    details: dict[str, Any] | None = None,
) -> None:
    record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=help_request.pk if object_id is None else object_id,
        details=details,
        **case_subject(actor, help_request.case_id),
    )


def apply(obj: Any, changes: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Set the allowed plain fields; return the names of those that changed."""
    allowed = set(allowed)
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = []
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(obj, name) != value:
            changed.append(name)
        setattr(obj, name, value)
    return sorted(changed)
