"""The team case meeting (casusoverleg): an agenda of cases that need the team, and decisions per case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models.case import Case
from buurtteam.cases.querysets import MeetingItemQuerySet, MeetingQuerySet
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Organisation, Team


class CaseMeeting(GatedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="case_meetings")
    held_on = models.DateField(_("datum"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.team_id} {self.held_on}"


class MeetingItem(GatedModel):
    class Reason(models.TextChoices):
        CRISIS = "crisis", _("Crisis")
        NEW = "new", _("Nieuw")
        STUCK = "stuck", _("Geen contact")
        OVERDUE = "overdue", _("Niet op tijd opgepakt")
        SAFETY = "safety", _("Zorgen over veiligheid")
        REQUESTED = "requested", _("Ingebracht")

    meeting = models.ForeignKey(CaseMeeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meeting_items")
    reasons = models.JSONField(_("waarom op de agenda"), default=list)
    position = models.PositiveSmallIntegerField(default=0)
    decision = models.TextField(_("besluit"), max_length=4000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = MeetingItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="meeting_item_unique_case")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.case_id}"
