"""Writes of the volunteer databank: register, change, pause and resume, the VOG."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.core.gate import system_access
from buurtteam.residents.models import Resident
from buurtteam.volunteers import choices, text
from buurtteam.volunteers.models import VogStatus, Volunteer, VolunteerStatus
from buurtteam.volunteers.services.base import (
    apply,
    audit_volunteer,
    availability,
    codes,
    place,
    require_databank,
    same_organisation,
)

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PLAIN_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "travel_radius_km",
    "passions",
    "talents",
    "likes",
)
ALL_FIELDS = (*PLAIN_FIELDS, "postcode", "interests", "languages", "availability")


def _refresh_tokens(volunteer: Volunteer) -> None:
    stems = text.tokens(volunteer.passions, volunteer.talents, volunteer.likes)
    volunteer.match_tokens = text.as_column(stems)
    volunteer.token_bits = text.signature(stems)
    volunteer.interest_bits = choices.interest_bits(volunteer.interests)


def _set(volunteer: Volunteer, changes: dict[str, Any]) -> list[str]:
    changes = dict(changes)
    special: list[str] = []
    if "postcode" in changes:
        before = volunteer.postcode
        place(volunteer, changes.pop("postcode"))
        special += ["postcode"] if volunteer.postcode != before else []
    if "interests" in changes:
        value = codes("interests", changes.pop("interests"), choices.INTEREST_LABELS)
        special += ["interests"] if value != volunteer.interests else []
        volunteer.interests = value
    if "languages" in changes:
        value = codes("languages", changes.pop("languages"), choices.LANGUAGE_LABELS)
        special += ["languages"] if value != volunteer.languages else []
        volunteer.languages = value
    if "availability" in changes:
        mask = availability(changes.pop("availability"))
        special += ["availability"] if mask != volunteer.availability else []
        volunteer.availability = mask
    changed = apply(volunteer, changes, PLAIN_FIELDS)
    _refresh_tokens(volunteer)
    return sorted(changed + special)


@transaction.atomic
def volunteer_register(*, actor: Actor, resident_id: int | None = None, **fields: Any) -> Volunteer:
    """Add a volunteer; from a resident the actor can see, their name and contact details are the default."""
    organisation_id = require_databank(actor)
    volunteer = Volunteer(
        organisation_id=organisation_id,
        team_id=actor.primary_team_id,
        registered_by_id=actor.pk,
        registered_at=timezone.now(),
    )
    if resident_id is not None:
        resident = Resident.objects.visible_to(actor).filter(pk=resident_id).first()
        if resident is None:
            raise PermissionError("resident not visible")
        with system_access("one volunteer record per resident"):
            if Volunteer.objects.filter(resident_id=resident.pk).exists():
                raise ValidationError(_("Deze inwoner staat al als vrijwilliger ingeschreven."))
        volunteer.resident_id = resident.pk
        defaults = {
            "first_name": resident.first_name,
            "last_name": resident.last_name,
            "phone": resident.phone,
            "email": resident.email,
            "postcode": resident.postcode,
        }
        fields = {**defaults, **{k: v for k, v in fields.items() if v not in ("", None)}}
    changed = _set(volunteer, fields)
    volunteer.full_clean()
    volunteer.save()
    audit_volunteer(
        actor, volunteer, Action.CREATE, details={"fields": changed, "from_resident": resident_id is not None}
    )
    return volunteer


@transaction.atomic
def volunteer_update(*, actor: Actor, volunteer: Volunteer, **fields: Any) -> Volunteer:
    require_databank(actor)
    same_organisation(actor, volunteer)
    unknown = set(fields) - set(ALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = _set(volunteer, fields)
    volunteer.full_clean()
    volunteer.save()
    audit_volunteer(actor, volunteer, Action.UPDATE, details={"fields": changed})
    return volunteer


@transaction.atomic
def volunteer_pause(*, actor: Actor, volunteer: Volunteer, note: str = "") -> Volunteer:
    """A paused volunteer is not suggested for new requests; running matches go on."""
    require_databank(actor)
    same_organisation(actor, volunteer)
    if volunteer.status == VolunteerStatus.PAUSED:
        raise ValidationError(_("Deze vrijwilliger is al gepauzeerd."))
    volunteer.status = VolunteerStatus.PAUSED
    volunteer.pause_note = (note or "").strip()
    volunteer.full_clean()
    volunteer.save(update_fields=["status", "pause_note", "updated_at"])
    audit_volunteer(actor, volunteer, Action.UPDATE, details={"fields": ["status"], "status": "paused"})
    return volunteer


@transaction.atomic
def volunteer_resume(*, actor: Actor, volunteer: Volunteer) -> Volunteer:
    require_databank(actor)
    same_organisation(actor, volunteer)
    if volunteer.status == VolunteerStatus.ACTIVE:
        raise ValidationError(_("Deze vrijwilliger is al actief."))
    volunteer.status = VolunteerStatus.ACTIVE
    volunteer.pause_note = ""
    volunteer.save(update_fields=["status", "pause_note", "updated_at"])
    audit_volunteer(actor, volunteer, Action.UPDATE, details={"fields": ["status"], "status": "active"})
    return volunteer


@transaction.atomic
def volunteer_vog_update(
    *, actor: Actor, volunteer: Volunteer, vog_status: str, vog_issued_on: datetime.date | None = None
) -> Volunteer:
    """Record the screening: none, requested, issued on a date (valid for ``VOG_VALID_YEARS``), expired."""
    require_databank(actor)
    same_organisation(actor, volunteer)
    if vog_status not in VogStatus.values:
        raise ValidationError({"vog_status": _("Kies een VOG-status uit de lijst.")})
    if vog_status == VogStatus.VALID:
        if vog_issued_on is None:
            raise ValidationError({"vog_issued_on": _("Vul de datum in waarop de VOG is afgegeven.")})
        if vog_issued_on > timezone.localdate():
            raise ValidationError(
                {"vog_issued_on": _("De datum van afgifte kan niet in de toekomst liggen.")}
            )
    elif vog_status != VogStatus.EXPIRED:
        vog_issued_on = None
    volunteer.vog_status = vog_status
    volunteer.vog_issued_on = vog_issued_on
    volunteer.full_clean()
    volunteer.save(update_fields=["vog_status", "vog_issued_on", "updated_at"])
    audit_volunteer(
        actor,
        volunteer,
        Action.UPDATE,
        details={"fields": ["vog_status", "vog_issued_on"], "vog_status": vog_status},
    )
    return volunteer
