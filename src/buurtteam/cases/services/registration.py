"""Registration (aanmelding): one screen, few fields; a simple question can be closed on the spot."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, ClosureReason, Complexity, Status, TimelineEntry, Urgency
from buurtteam.cases.services.base import audit, timeline
from buurtteam.core.gate import grant_of, system_access
from buurtteam.core.roles import Role
from buurtteam.residents.models import HouseholdMember, Resident

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

# Whoever just registered a resident (possibly for another team's area) may register their question.
REGISTRATION_WINDOW = datetime.timedelta(hours=1)


@transaction.atomic
def case_register(
    *,
    actor: Actor,
    client: Resident,
    channel: str,
    referrer: str,
    question: str,
    urgency: str = Urgency.NORMAL,
    complexity: str = Complexity.COMPLEX,
    advice_given: str = "",
    safety_concern: bool = False,
    close_now: bool = False,
) -> Case:
    """Register a question for the client's household, for the team responsible for their address."""
    if actor.role == Role.POLICY_OFFICER or actor.organisation_id != client.organisation_id:
        raise PermissionError("not allowed to register for this resident")
    just_registered = (
        client.created_by_id == actor.pk and timezone.now() - client.created_at < REGISTRATION_WINDOW
    )
    # A client read through the gate in this request (``resident_get``) carries the proof of it.
    seen = just_registered or grant_of(client, actor, level="visible") is not None
    if not seen and not Resident.objects.visible_to(actor).filter(pk=client.pk).exists():
        raise PermissionError("resident not visible")
    with system_access("client's household"):
        member = HouseholdMember.objects.filter(resident=client).select_related("household").first()
    if member is None:
        raise ValidationError(_("Deze inwoner hoort bij geen huishouden."))
    team_id = client.team_id or actor.primary_team_id
    if team_id is None:
        raise ValidationError(_("Er is geen team voor dit adres; kies eerst een team."))
    if close_now:
        complexity = Complexity.SIMPLE  # answered at first contact: by definition not a complex question
    if close_now and not advice_given.strip():
        raise ValidationError(
            {"advice_given": _("Schrijf op welk advies u gaf als u de vraag meteen afsluit.")}
        )
    now = timezone.now()
    # The client's team object when it came with the client (``resident_get``): the answer shows its name.
    team = client.team if team_id == client.team_id and Resident.team.is_cached(client) else None
    case = Case(
        organisation_id=client.organisation_id,
        team_id=team_id,
        household=member.household,
        client=client,
        reference=f"tmp{uuid.uuid4().hex[:16]}",  # replaced by the real reference once the id is known
        status=Status.REGISTERED,
        status_changed_at=now,
        registered_at=now,
        channel=channel,
        referrer=referrer,
        question=question.strip(),
        urgency=urgency,
        complexity=complexity,
        advice_given=advice_given.strip(),
        safety_concern=safety_concern,
        created_by_id=actor.pk,
    )
    # A question registered as a crisis is a crisis from the start: on top of every list and on the next
    # casusoverleg, until a worker lifts it (``crisis.crisis_set``), as if marked on the case page.
    crisis_now = urgency == Urgency.CRISIS and not close_now
    if crisis_now:
        case.crisis, case.crisis_since = True, now
        case.crisis_note = _("Bij de aanmelding als crisis gemeld.")
    if team is not None:
        case.team = team
    # The foreign keys point at rows just read in this transaction (the client, its household, the client's
    # or the actor's team, the actor); full_clean need not read each of them again (5 queries), and the
    # database's foreign keys still guard them. The status is this function's own constant (registered):
    # leaving it out also skips the database round trip of the "closed has a reason" check, which a
    # registered case passes by definition (the database constraint still holds it).
    case.full_clean(
        exclude=["reference", "organisation", "team", "household", "client", "created_by", "status"]
    )
    case.save()
    case.reference = f"{now.year}-{case.pk:07d}"
    if close_now:
        # Answered at first contact: that contact was substantive, and the case ends handled by the team.
        case.status = Status.CLOSED
        case.closed_at = now
        case.closure_reason = ClosureReason.HANDLED_IN_TEAM
        case.closed_at_registration = True
        case.first_contact_at = now
        case.last_contact_at = now
    case.save(
        update_fields=[
            "reference",
            "status",
            "closed_at",
            "closure_reason",
            "closed_at_registration",
            "first_contact_at",
            "last_contact_at",
        ]
    )
    timeline(
        case,
        kind=TimelineEntry.Kind.STATUS,
        actor=actor,
        text=_("Aangemeld: %(q)s") % {"q": case.question[:200]},
    )
    if crisis_now:
        timeline(
            case,
            kind=TimelineEntry.Kind.CRISIS,
            actor=actor,
            text=_("Crisis gemarkeerd: %(note)s") % {"note": case.crisis_note},
        )
    if close_now:
        timeline(
            case,
            kind=TimelineEntry.Kind.CONTACT,
            actor=actor,
            text=case.advice_given,
            is_substantive=True,
            contact_mode="phone" if channel == "phone" else "office",
        )
    audit(
        actor,
        Action.CREATE,
        case,
        "case",
        case.pk,
        details={"closed_at_registration": close_now, "crisis": crisis_now},
    )
    return case
