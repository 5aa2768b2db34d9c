"""Agreements with network partners on a case: wie doet wat, wanneer, en hoe verder."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, Goal, TimelineEntry
from buurtteam.cases.services.base import CaseStepError, audit, require_full_access, require_open, timeline
from buurtteam.referrals.models import Agreement, PartnerOrganisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def _clean(
    actor: Actor,
    case: Case,
    *,
    partner_id: int | None,
    party: str,
    what: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    afterwards: str,
    goal_id: int | None,
) -> dict[str, object]:
    errors: dict[str, str] = {}
    party, what, afterwards = party.strip(), what.strip(), afterwards.strip()
    partner = None
    if partner_id is not None:
        partner = PartnerOrganisation.objects.visible_to(actor).filter(pk=partner_id).first()
        if partner is None:
            errors["partner"] = _("Kies een netwerkpartner uit de lijst.")
    if not party and partner is not None:
        party = partner.name
    if not party:
        errors["party"] = _("Schrijf wie de afspraak uitvoert.")
    elif len(party) > 200:
        errors["party"] = _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": 200}
    if not what:
        errors["what"] = _("Schrijf wat er is afgesproken.")
    elif len(what) > 2000:
        errors["what"] = _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": 2000}
    if len(afterwards) > 2000:
        errors["afterwards"] = _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": 2000}
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de startdatum.")
    if goal_id is not None and not (
        Goal.objects.visible_to(actor).filter(pk=goal_id, plan__household_id=case.household_id).exists()
    ):
        errors["goal"] = _("Kies een doel uit het plan van dit huishouden.")
    if errors:
        raise ValidationError(errors)
    return {
        "partner": partner,
        "party": party,
        "what": what,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "afterwards": afterwards,
        "goal_id": goal_id,
    }


@transaction.atomic
def agreement_add(
    *,
    actor: Actor,
    case: Case,
    party: str,
    what: str,
    starts_on: datetime.date,
    partner_id: int | None = None,
    ends_on: datetime.date | None = None,
    afterwards: str = "",
    goal_id: int | None = None,
) -> Agreement:
    require_full_access(actor, case)
    require_open(case)
    fields = _clean(
        actor,
        case,
        partner_id=partner_id,
        party=party,
        what=what,
        starts_on=starts_on,
        ends_on=ends_on,
        afterwards=afterwards,
        goal_id=goal_id,
    )
    agreement = Agreement.objects.create(
        case=case, created_by_id=actor.pk, created_at=timezone.now(), **fields
    )
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Afspraak: %(who)s — %(what)s") % {"who": agreement.party, "what": agreement.what},
    )
    audit(actor, Action.CREATE, case, "agreement", agreement.pk)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: Actor,
    agreement: Agreement,
    party: str,
    what: str,
    starts_on: datetime.date,
    partner_id: int | None = None,
    ends_on: datetime.date | None = None,
    afterwards: str = "",
    goal_id: int | None = None,
) -> Agreement:
    case = agreement.case
    require_full_access(actor, case)
    require_open(case)
    agreement = Agreement.objects.select_for_update().full_for(actor).get(pk=agreement.pk)
    if agreement.ended_at is not None:
        raise CaseStepError(_("Deze afspraak is beëindigd en kan niet meer worden gewijzigd."))
    fields = _clean(
        actor,
        case,
        partner_id=partner_id,
        party=party,
        what=what,
        starts_on=starts_on,
        ends_on=ends_on,
        afterwards=afterwards,
        goal_id=goal_id,
    )
    for name, value in fields.items():
        setattr(agreement, name, value)
    agreement.save()
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Afspraak gewijzigd: %(who)s") % {"who": agreement.party},
    )
    audit(actor, Action.UPDATE, case, "agreement", agreement.pk)
    return agreement


@transaction.atomic
def agreement_end(*, actor: Actor, agreement: Agreement) -> Agreement:
    case = agreement.case
    require_full_access(actor, case)
    agreement = Agreement.objects.select_for_update().full_for(actor).get(pk=agreement.pk)
    if agreement.ended_at is not None:
        raise CaseStepError(_("Deze afspraak is al beëindigd."))
    agreement.ended_at = timezone.now()
    agreement.save(update_fields=["ended_at"])
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Afspraak beëindigd: %(who)s") % {"who": agreement.party},
    )
    audit(actor, Action.UPDATE, case, "agreement", agreement.pk, details={"ended": True})
    return agreement
