"""One plan per household (1 gezin, 1 plan, 1 regisseur): goals per life domain and who does what."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models.domains import LifeDomain
from buurtteam.cases.querysets import PlanActionQuerySet, PlanPartQuerySet, PlanQuerySet
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Organisation
from buurtteam.residents.models import Household


class SupportPlan(GatedModel):
    household = models.OneToOneField(Household, on_delete=models.PROTECT, related_name="plan")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regisseur"),
    )
    version = models.PositiveIntegerField(default=1)
    agreed_on = models.DateField(_("afgesproken op"), null=True, blank=True)
    agreed_by = models.CharField(_("akkoord van"), max_length=300, blank=True)
    agreement_note = models.TextField(_("toelichting akkoord"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")

    def __str__(self) -> str:
        return f"plan {self.household_id} v{self.version}"

    @property
    def is_agreed(self) -> bool:
        return self.agreed_on is not None


class Goal(GatedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Loopt")
        REACHED = "reached", _("Bereikt")
        PARTLY = "partly", _("Deels bereikt")
        NOT_REACHED = "not_reached", _("Niet bereikt")

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        LifeDomain, on_delete=models.PROTECT, related_name="+", verbose_name=_("leefgebied")
    )
    description = models.TextField(_("doel"), max_length=2000)
    status = models.CharField(_("stand"), max_length=12, choices=Status.choices, default=Status.OPEN)
    target_on = models.DateField(_("streefdatum"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class PlanAction(GatedModel):
    class Owner(models.TextChoices):
        RESIDENT = "resident", _("Inwoner zelf")
        NETWORK = "network", _("Iemand uit het netwerk")
        VOLUNTEER = "volunteer", _("Vrijwilliger")
        TEAM_MEMBER = "team_member", _("Teamlid")
        PARTNER = "partner", _("Partnerorganisatie")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=500)
    owner_kind = models.CharField(_("wie"), max_length=12, choices=Owner.choices)
    owner_name = models.CharField(_("naam"), max_length=200, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("wanneer"), null=True, blank=True)
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)

    objects = PlanActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["goal", "due_on", "id"]

    def __str__(self) -> str:
        return self.description
