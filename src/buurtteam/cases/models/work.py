"""The work inside a case: intake, the problem list, assessments, timeline, tasks and evaluations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models.case import Case
from buurtteam.cases.models.domains import DomainSet, LifeDomain
from buurtteam.cases.querysets import CasePartQuerySet, ScoreQuerySet
from buurtteam.core.gate import GatedModel

AUTHOR = {"on_delete": models.PROTECT, "related_name": "+", "null": True, "blank": True}


class ContactMode(models.TextChoices):
    HOME_VISIT = "home_visit", _("Huisbezoek")
    OFFICE = "office", _("Op kantoor of wijkplein")
    PHONE = "phone", _("Telefoon")
    VIDEO = "video", _("Beeldbellen")
    OUTREACH = "outreach", _("In de buurt")


class IntakeConversation(GatedModel):
    """One of the (by default three) conversations that clarify the question (vraagverheldering)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="conversations")
    number = models.PositiveSmallIntegerField(_("gesprek"))
    held_on = models.DateField(_("datum"))
    mode = models.CharField(_("waar"), max_length=12, choices=ContactMode.choices)
    participants = models.CharField(_("wie waren erbij"), max_length=500)
    note = models.TextField(_("verslag"), max_length=10000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("gesprek vraagverheldering")
        verbose_name_plural = _("gesprekken vraagverheldering")
        ordering = ["case", "number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="conversation_unique_number")]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.number}"


class Problem(GatedModel):
    """One strand of the 'kluwen': a problem on a life domain, in order of priority."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="problems")
    domain = models.ForeignKey(
        LifeDomain, on_delete=models.PROTECT, related_name="+", verbose_name=_("leefgebied")
    )
    rank = models.PositiveSmallIntegerField(_("volgorde"))
    description = models.TextField(_("omschrijving"), max_length=2000)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("probleem")
        verbose_name_plural = _("problemen")
        ordering = ["case", "rank"]

    def __str__(self) -> str:
        return self.description[:60]


class Assessment(GatedModel):
    class Kind(models.TextChoices):
        INTAKE = "intake", _("Bij de start")
        EVALUATION = "evaluation", _("Bij evaluatie")
        CLOSING = "closing", _("Bij afsluiten")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(_("moment"), max_length=12, choices=Kind.choices)
    domain_set = models.ForeignKey(DomainSet, on_delete=models.PROTECT, related_name="+")
    instrument = models.CharField(_("instrument"), max_length=100)  # copied: the set may change later
    instrument_version = models.CharField(_("versie"), max_length=20)
    assessed_on = models.DateField(_("datum"))
    strengths = models.TextField(_("krachten"), max_length=4000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]

    objects = CasePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschatting")
        verbose_name_plural = _("inschattingen")
        ordering = ["case", "assessed_on", "id"]

    def __str__(self) -> str:
        return f"{self.instrument} {self.assessed_on}"


class DomainScore(GatedModel):
    """A score on one domain. Only domains that matter for the question are scored, each with a reason."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(LifeDomain, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reason = models.CharField(_("waarom dit leefgebied"), max_length=500)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    involved = models.CharField(_("wie is betrokken"), max_length=500, blank=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="score_unique_domain")]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.score}"


class TimelineEntry(GatedModel):
    """Everything that happened in a case, in time order: contacts, notes, phase changes, decisions."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        NOTE = "note", _("Notitie")
        STATUS = "status", _("Fase")
        ASSIGNMENT = "assignment", _("Toewijzing")
        CONVERSATION = "conversation", _("Gesprek vraagverheldering")
        ASSESSMENT = "assessment", _("Inschatting")
        PLAN = "plan", _("Plan")
        TASK = "task", _("Taak")
        EVALUATION = "evaluation", _("Evaluatie")
        DECISION = "decision", _("Besluit casusoverleg")
        REFERRAL = "referral", _("Verwijzing en overbrugging")
        CRISIS = "crisis", _("Crisis")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("tijdstip"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    text = models.TextField(_("tekst"), max_length=10000)
    contact_mode = models.CharField(_("contactvorm"), max_length=12, choices=ContactMode.choices, blank=True)
    is_substantive = models.BooleanField(_("inhoudelijk contact"), default=False)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijn")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at", "-id"], name="timeline_case_time")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.occurred_at:%Y-%m-%d}"


class Task(GatedModel):
    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Herinnering")
        EVALUATION = "evaluation", _("Evaluatiemoment")
        CHECK_IN = "check_in", _("Even bellen")
        BRIDGING = "bridging", _("Overbruggingscontact")
        OTHER = "other", _("Overig")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.REMINDER)
    title = models.CharField(_("omschrijving"), max_length=300)
    due_on = models.DateField(_("uiterlijk"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_tasks", verbose_name=_("voor")
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]

    objects = CasePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"], name="task_assignee_open")]

    def __str__(self) -> str:
        return self.title


class Evaluation(GatedModel):
    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("Doorgaan met het plan")
        ADJUST = "adjust", _("Plan bijstellen")
        CLOSE = "close", _("Afsluiten")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("datum"))
    summary = models.TextField(_("samenvatting"), max_length=6000)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, blank=True)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = CasePartQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["case", "held_on"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.held_on}"
