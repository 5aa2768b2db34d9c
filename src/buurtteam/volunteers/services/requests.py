"""Writes of requests for informal help (from a case, from a buurthuis, or otherwise): create, change,
close and reopen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.accounts.models import User
from buurtteam.audit.models import Action
from buurtteam.cases.models import Case
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Team
from buurtteam.socialmap.models import MapLocation
from buurtteam.volunteers import choices, text
from buurtteam.volunteers.models import (
    OPEN_MATCH,
    VOG_BY_DEFAULT,
    HelpRequest,
    Match,
    RequestOrigin,
    RequestStatus,
)
from buurtteam.volunteers.services.base import (
    apply,
    audit_request,
    availability,
    codes,
    place,
    require_databank,
    same_organisation,
)

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PLAIN_FIELDS = ("title", "description", "kind", "wanted", "needs_vog")
ALL_FIELDS = (
    *PLAIN_FIELDS,
    "postcode",
    "interests",
    "languages",
    "availability",
    "team_id",
    "contact_id",
    "location_id",
)


def _team(actor: Actor, team_id: Any) -> int:
    if team_id in (None, ""):
        raise ValidationError({"team_id": _("Kies het team dat de hulpvraag behandelt.")})
    if not Team.objects.visible_to(actor).filter(pk=team_id, is_active=True).exists():
        raise ValidationError({"team_id": _("Kies een team van uw organisatie.")})
    return int(team_id)


def _contact(actor: Actor, contact_id: Any) -> int:
    found = (
        User.objects.visible_to(actor)
        .filter(pk=contact_id, is_active=True)
        .exclude(role=Role.POLICY_OFFICER)
        .exists()
    )
    if contact_id in (None, "") or not found:
        raise ValidationError({"contact_id": _("Kies een collega van uw organisatie als contactpersoon.")})
    return int(contact_id)


def _location(actor: Actor, location_id: Any) -> int | None:
    if location_id in (None, ""):
        return None
    if not MapLocation.objects.visible_to(actor).filter(pk=location_id).exists():
        raise ValidationError({"location_id": _("Kies een plek van de sociale kaart.")})
    return int(location_id)


def _set(actor: Actor, obj: HelpRequest, changes: dict[str, Any]) -> list[str]:
    changes = dict(changes)
    changed: list[str] = []

    def note(name: str, before: Any, after: Any) -> None:
        if before != after:
            changed.append(name)

    if "postcode" in changes:
        before = obj.postcode
        place(obj, changes.pop("postcode"))
        note("postcode", before, obj.postcode)
    if "interests" in changes:
        value = codes("interests", changes.pop("interests"), choices.INTEREST_LABELS)
        note("interests", obj.interests, value)
        obj.interests = value
    if "languages" in changes:
        value = codes("languages", changes.pop("languages"), choices.LANGUAGE_LABELS)
        note("languages", obj.languages, value)
        obj.languages = value
    if "availability" in changes:
        mask = availability(changes.pop("availability"))
        note("availability", obj.availability, mask)
        obj.availability = mask
    if "team_id" in changes:
        team_id = _team(actor, changes.pop("team_id"))
        note("team", obj.team_id, team_id)
        obj.team_id = team_id
    if "contact_id" in changes:
        contact_id = _contact(actor, changes.pop("contact_id"))
        note("contact", obj.contact_id, contact_id)
        obj.contact_id = contact_id
    if "location_id" in changes:
        location_id = _location(actor, changes.pop("location_id"))
        note("location", obj.location_id, location_id)
        obj.location_id = location_id
    changed += apply(obj, changes, PLAIN_FIELDS)
    obj.match_tokens = text.as_column(text.tokens(obj.title, obj.description, obj.wanted))
    return sorted(changed)


@transaction.atomic
def request_create(*, actor: Actor, case: Case | None = None, **fields: Any) -> HelpRequest:
    """A new request. From a case: the actor needs full access to it, and its team and the client's postcode
    are the defaults. ``needs_vog`` left out: needed for a buddy, recurring help and paperwork."""
    organisation_id = require_databank(actor)
    unknown = set(fields) - set(ALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    obj = HelpRequest(
        organisation_id=organisation_id,
        created_by_id=actor.pk,
        created_at=timezone.now(),
        status=RequestStatus.OPEN,
    )
    fields = dict(fields)
    if case is not None:
        client = (
            Case.objects.full_for(actor).filter(pk=case.pk).values_list("team_id", "client__postcode").first()
        )
        if client is None:
            raise PermissionError("no full access to the case")
        obj.case_id = case.pk
        obj.origin = RequestOrigin.CASE
        fields.setdefault("team_id", client[0])
        if not fields.get("postcode"):
            fields["postcode"] = client[1] or ""
    else:
        obj.origin = RequestOrigin.LOCATION if fields.get("location_id") else RequestOrigin.OTHER
    fields.setdefault("team_id", actor.primary_team_id)
    fields.setdefault("contact_id", actor.pk)
    if fields.get("needs_vog") is None:
        fields["needs_vog"] = fields.get("kind") in VOG_BY_DEFAULT
    changed = _set(actor, obj, fields)
    obj.full_clean()
    obj.save()
    audit_request(actor, obj, Action.CREATE, details={"fields": changed, "origin": obj.origin})
    return obj


@transaction.atomic
def request_update(*, actor: Actor, help_request: HelpRequest, **fields: Any) -> HelpRequest:
    require_databank(actor)
    same_organisation(actor, help_request)
    unknown = set(fields) - set(ALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if help_request.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze hulpvraag is gesloten. Open hem opnieuw om hem te wijzigen."))
    if fields.get("needs_vog") is None:
        fields.pop("needs_vog", None)
    if "location_id" in fields and help_request.origin != RequestOrigin.CASE:
        help_request.origin = RequestOrigin.LOCATION if fields["location_id"] else RequestOrigin.OTHER
    changed = _set(actor, help_request, fields)
    help_request.full_clean()
    help_request.save()
    audit_request(actor, help_request, Action.UPDATE, details={"fields": changed})
    return help_request


@transaction.atomic
def request_close(*, actor: Actor, help_request: HelpRequest, note: str = "") -> HelpRequest:
    """Close a request (help found elsewhere, no longer needed). Not while a volunteer is proposed or
    matched: end or decline that match first."""
    require_databank(actor)
    same_organisation(actor, help_request)
    if help_request.status == RequestStatus.CLOSED:
        raise ValidationError(_("Deze hulpvraag is al gesloten."))
    if Match.objects.visible_to(actor).filter(request_id=help_request.pk, status__in=OPEN_MATCH).exists():
        raise ValidationError(
            _(
                "Er loopt nog een match voor deze hulpvraag. Rond die eerst af (beëindigen of afwijzen) "
                "voordat u de hulpvraag sluit."
            )
        )
    help_request.status = RequestStatus.CLOSED
    help_request.closed_at = timezone.now()
    help_request.close_note = (note or "").strip()
    help_request.full_clean()
    help_request.save(update_fields=["status", "closed_at", "close_note"])
    audit_request(actor, help_request, Action.UPDATE, details={"fields": ["status"], "status": "closed"})
    return help_request


@transaction.atomic
def request_reopen(*, actor: Actor, help_request: HelpRequest) -> HelpRequest:
    require_databank(actor)
    same_organisation(actor, help_request)
    if help_request.status != RequestStatus.CLOSED:
        raise ValidationError(_("Deze hulpvraag is niet gesloten."))
    help_request.status = RequestStatus.OPEN
    help_request.closed_at = None
    help_request.close_note = ""
    help_request.save(update_fields=["status", "closed_at", "close_note"])
    audit_request(actor, help_request, Action.UPDATE, details={"fields": ["status"], "status": "open"})
    return help_request
