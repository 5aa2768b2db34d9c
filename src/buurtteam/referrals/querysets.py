"""Who may see what of the partner directory, referrals, bridging and agreements.

* partners (``PartnerOrganisation``, ``PartnerContact``): tenant data, every member of the organisation;
* a referral's summary (partner, status, dates, bridging contact): the members of the case's team, as
  for the case itself (``visible_to``), so the team's waitlist page works for everyone in the team;
* everything inside it (consent, question, feedback, check-ins, agreements): full access to the case
  (``full_for``), exactly as the rest of the dossier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from buurtteam.core.gate import GatedQuerySet, Grant

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


class PartnerQuerySet(GatedQuerySet[Any]):
    tenant_field = "organisation_id"

    def visibility_filter(self, actor: Actor) -> models.Q:
        return models.Q(**{self.tenant_field: actor.organisation_id})


class PartnerContactQuerySet(PartnerQuerySet):
    tenant_field = "partner__organisation_id"


class CaseLinkedQuerySet(GatedQuerySet[Any]):
    """Rows that belong to a case, reached through ``case_field``."""

    case_field = "case_id"
    needs_full_access = True

    def _cases(self, actor: Actor, *, full: bool) -> Any:
        case_model = apps.get_model("cases", "Case")
        return case_model.objects.full_for(actor) if full else case_model.objects.visible_to(actor)

    def visibility_filter(self, actor: Actor) -> models.Q:
        cases = self._cases(actor, full=self.needs_full_access)
        return models.Q(**{f"{self.case_field}__in": cases.values("pk")})

    def grant_filter(self, grant: Grant) -> models.Q | None:
        """Full access to a case opens everything of it here."""
        if grant.kind != "Case" or grant.level != "full":
            return None
        return models.Q(**{self.case_field: grant.object_id})

    def full_for(self, actor: Actor) -> Any:
        """Only the rows inside cases the actor has full access to."""
        if not getattr(actor, "is_authenticated", False):
            return self.none()._mark_scoped()
        cases = self._cases(actor, full=True)
        return self.filter(**{f"{self.case_field}__in": cases.values("pk")})._mark_scoped()


class ReferralQuerySet(CaseLinkedQuerySet):
    needs_full_access = False  # the summary (the waitlist); details via full_for()


class ConsentQuerySet(CaseLinkedQuerySet):
    case_field = "referral__case_id"


class BridgingPlanQuerySet(CaseLinkedQuerySet):
    case_field = "referral__case_id"
    needs_full_access = False  # who keeps contact and when is part of the waitlist


class CheckInQuerySet(CaseLinkedQuerySet):
    case_field = "plan__referral__case_id"


class AgreementQuerySet(CaseLinkedQuerySet):
    pass
