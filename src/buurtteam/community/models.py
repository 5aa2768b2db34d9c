"""Toeleiding (a resident linked to an activity of the sociale kaart), groups and early signals."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Case, PlanAction, Task
from buurtteam.community.querysets import (
    AttendanceQuerySet,
    GroupPartQuerySet,
    GroupQuerySet,
    ServiceLinkQuerySet,
    SignalQuerySet,
)
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Neighbourhood, Organisation, Team
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation, MapService

AUTHOR = {"on_delete": models.PROTECT, "related_name": "+", "null": True, "blank": True}


# --- Toeleiding ---------------------------------------------------------------------------------------
class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    REGISTERED = "registered", _("Aangemeld")
    ATTENDING = "attending", _("Gaat erheen")
    STOPPED = "stopped", _("Gestopt")
    NOT_GONE = "not_gone", _("Niet gegaan")


# The resident went at least once (counted as "went"); and the statuses that end the link.
WENT_STATUSES = (LinkStatus.ATTENDING, LinkStatus.STOPPED)
ENDED_LINK_STATUSES = (LinkStatus.STOPPED, LinkStatus.NOT_GONE)


class ServiceLink(GatedModel):
    """A resident linked to an activity or service of the sociale kaart, from an action in the plan."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="service_links")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")  # the case's, for counts
    action = models.ForeignKey(
        PlanAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_links",
        verbose_name=_("actie"),
    )
    service = models.ForeignKey(
        MapService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
        verbose_name=_("activiteit"),
    )
    # Kept when the map entry is removed later: the dossier still says where the resident went.
    service_name = models.CharField(_("activiteit"), max_length=300)
    status = models.CharField(
        _("status"), max_length=12, choices=LinkStatus.choices, default=LinkStatus.PROPOSED
    )
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    follow_up_note = models.TextField(_("hoe ging het"), max_length=4000, blank=True)
    follow_up_task = models.ForeignKey(
        Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    linked_at = models.DateTimeField()
    status_changed_at = models.DateTimeField()
    followed_up_at = models.DateTimeField(null=True, blank=True)

    objects = ServiceLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("toeleiding")
        verbose_name_plural = _("toeleidingen")
        ordering = ["-linked_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-linked_at"], name="service_link_case"),
            models.Index(fields=["organisation", "service", "status"], name="service_link_counts"),
        ]

    def __str__(self) -> str:
        return self.service_name

    @property
    def is_open(self) -> bool:
        return self.status not in ENDED_LINK_STATUSES


# --- Groups -------------------------------------------------------------------------------------------
class Group(GatedModel):
    """Collective work: a group that meets (a walking group, a women's group, a men's shed)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    service = models.ForeignKey(
        MapService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("activiteit op de sociale kaart"),
    )
    location = models.ForeignKey(
        MapLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vaste plek"),
    )
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("begeleiders")
    )
    active = models.BooleanField(_("actief"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    created_at = models.DateTimeField()

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "team", "active"], name="community_group_team")]

    def __str__(self) -> str:
        return self.name


class GroupParticipant(GatedModel):
    """Someone who takes part: a resident the team can see, or (not a client) only a name."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="participants")
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("inwoner")
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    joined_on = models.DateField(_("doet mee sinds"))
    left_on = models.DateField(_("gestopt op"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]

    objects = GroupPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["group", "left_on", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(resident__isnull=True) & ~models.Q(name=""))
                | (models.Q(resident__isnull=False) & models.Q(name="")),
                name="group_participant_resident_or_name",
            ),
            models.UniqueConstraint(
                fields=["group", "resident"],
                condition=models.Q(resident__isnull=False, left_on__isnull=True),
                name="group_participant_once",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        resident = self.resident
        return resident.full_name if resident is not None else self.name

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class GroupSession(GatedModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("datum"))
    location = models.ForeignKey(
        MapLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plek"),
    )
    place = models.CharField(_("plek (vrij)"), max_length=200, blank=True)
    activity = models.TextField(_("wat we deden"), max_length=2000)
    guests = models.PositiveSmallIntegerField(
        _("andere aanwezigen"), default=0, validators=[MaxValueValidator(500)]
    )
    attendance_count = models.PositiveSmallIntegerField(_("aantal aanwezigen"), default=0)
    notes = models.TextField(_("bijzonderheden"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    recorded_at = models.DateTimeField()

    objects = GroupPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["group", "-held_on"], name="community_session_group")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.held_on}"


class Attendance(GatedModel):
    """Who came to a session."""

    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendance")
    participant = models.ForeignKey(GroupParticipant, on_delete=models.CASCADE, related_name="attendance")

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="community_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.participant_id}"


# --- Signals (vroegsignalering) ---------------------------------------------------------------------------
class Theme(models.TextChoices):
    LONELINESS = "loneliness", _("Eenzaamheid")
    MONEY = "money", _("Geldzorgen")
    NEGLECT = "neglect", _("Verwaarlozing of vervuiling")
    PARENTING = "parenting", _("Opvoedzorgen")
    DOMESTIC_TENSION = "domestic_tension", _("Spanning in huis")
    HEALTH = "health", _("Gezondheid of geheugen")
    HOUSING = "housing", _("Wonen")
    OTHER = "other", _("Anders")


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PICKED_UP = "picked_up", _("Opgepakt")
    CLOSED = "closed", _("Afgesloten")


class Signal(GatedModel):
    """Something a worker picked up informally: anonymous (buurt and theme) or about a resident."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="+", verbose_name=_("buurt")
    )
    noticed_on = models.DateField(_("datum"))
    location = models.ForeignKey(
        MapLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plek"),
    )
    place = models.CharField(_("waar (vrij)"), max_length=200, blank=True)
    note = models.TextField(_("wat viel op"), max_length=2000, blank=True)
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("inwoner")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SignalStatus.choices, default=SignalStatus.OPEN
    )
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgepakt door"),
    )
    follow_up_note = models.TextField(_("opvolging"), max_length=4000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    recorded_at = models.DateTimeField()
    status_changed_at = models.DateTimeField()

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-noticed_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "noticed_on"], name="signal_overview"),
            models.Index(fields=["team", "status", "-noticed_on"], name="signal_team"),
            models.Index(
                fields=["resident"], condition=models.Q(resident__isnull=False), name="signal_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_theme_display()} {self.noticed_on}"

    @property
    def is_anonymous(self) -> bool:
        return self.resident_id is None
