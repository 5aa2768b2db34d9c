"""The case (casus): the team's work with one household, from registration to closure."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.querysets import AssignmentQuerySet, CaseQuerySet
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Organisation, Team
from buurtteam.residents.models import Household, Resident


class Status(models.TextChoices):
    REGISTERED = "registered", _("Aangemeld")
    INTAKE = "intake", _("Vraagverheldering")
    ASSESSMENT = "assessment", _("Inschatting")
    PLANNING = "planning", _("Plan maken")
    EXECUTION = "execution", _("Uitvoering")
    EVALUATION = "evaluation", _("Evaluatie")
    CLOSED = "closed", _("Afgesloten")


class Channel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    WALK_IN = "walk_in", _("Binnenloop")
    EMAIL = "email", _("E-mail")
    HOME_VISIT = "home_visit", _("Huisbezoek")
    CONSULTATION_HOUR = "consultation_hour", _("Spreekuur in de buurt")


class Referrer(models.TextChoices):
    SELF = "self", _("Inwoner zelf")
    GP = "gp", _("Huisarts")
    FRONT_OFFICE = "front_office", _("Informatiepunt gemeente")
    SCHOOL = "school", _("School")
    POLICE = "police", _("Politie")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    NEIGHBOUR = "neighbour", _("Buren of kennissen")
    COMMUNITY_CENTRE = "community_centre", _("Buurthuis")
    PARTNER = "partner", _("Netwerkpartner")
    OTHER = "other", _("Anders")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normaal")
    URGENT = "urgent", _("Met spoed")
    CRISIS = "crisis", _("Crisis")


class Complexity(models.TextChoices):
    SIMPLE = "simple", _("Enkelvoudig")
    COMPLEX = "complex", _("Complex")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Doelen bereikt")
    HANDLED_IN_TEAM = "handled_in_team", _("Afgehandeld door het team")
    REFERRED = "referred", _("Doorverwezen naar specialistische zorg")
    MOVED = "moved", _("Verhuisd")
    RESIDENT_STOPPED = "resident_stopped", _("Inwoner is gestopt")
    NO_LONGER_NEEDED = "no_longer_needed", _("Niet meer nodig")


class Case(GatedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team"))
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases")
    client = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="cases", verbose_name=_("aanmelder")
    )
    reference = models.CharField(_("kenmerk"), max_length=20)
    status = models.CharField(_("fase"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    status_changed_at = models.DateTimeField()

    # Registration (aanmelding)
    registered_at = models.DateTimeField(_("aangemeld op"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    referrer = models.CharField(_("verwezen door"), max_length=20, choices=Referrer.choices)
    question = models.TextField(_("vraag in eigen woorden"), max_length=4000)
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    complexity = models.CharField(
        _("soort vraag"), max_length=10, choices=Complexity.choices, default=Complexity.COMPLEX
    )
    advice_given = models.TextField(_("tips en advies bij eerste contact"), max_length=4000, blank=True)
    safety_concern = models.BooleanField(_("zorgen over veiligheid"), default=False)
    # Crisis: on top of the team's and the coordinator's lists and the next casusoverleg.
    crisis = models.BooleanField(_("crisis"), default=False)
    crisis_since = models.DateTimeField(_("crisis sinds"), null=True, blank=True)
    crisis_note = models.CharField(_("toelichting crisis"), max_length=500, blank=True)

    # Weighted load: how heavy and how intensive the work is (1-3 each).
    weight_complexity = models.PositiveSmallIntegerField(
        _("zwaarte"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    weight_intensity = models.PositiveSmallIntegerField(
        _("intensiteit"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )

    # Pickup clock and contact rhythm (kept on the case so lists need no timeline scan).
    first_contact_at = models.DateTimeField(_("eerste inhoudelijke contact"), null=True, blank=True)
    last_contact_at = models.DateTimeField(_("laatste contact"), null=True, blank=True)

    # Closure
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closure_reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_note = models.TextField(_("toelichting bij afsluiten"), max_length=4000, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("tevredenheid (1-10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    closed_at_registration = models.BooleanField(default=False)
    reopened_count = models.PositiveSmallIntegerField(default=0)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-registered_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="case_unique_reference"),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(closure_reason=""),
                name="case_closed_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "-registered_at"], name="case_team_status"),
            models.Index(fields=["team", "-registered_at"], name="case_team_registered"),
            models.Index(
                fields=["team", "-crisis", "-registered_at"],
                condition=~models.Q(status="closed"),
                name="case_team_open",
            ),
            models.Index(fields=["household"], name="case_household"),
            models.Index(fields=["client"], name="case_client"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def load_weight(self) -> int:
        return self.weight_complexity * self.weight_intensity


class CaseAssignment(GatedModel):
    """A worker on a case. One active lead (regisseur) per case; more workers for multidisciplinary work."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments"
    )
    is_lead = models.BooleanField(_("regisseur"), default=False)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=500, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(is_lead=True, ended_at__isnull=True),
                name="one_active_lead",
            ),
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_assignment",
            ),
        ]
        indexes = [models.Index(fields=["user", "ended_at"], name="assignment_user_active")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.case_id}"
