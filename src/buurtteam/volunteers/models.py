"""The databank of volunteers, requests for informal help, and the matches between them.

In the spirit of the Bronmethodiek: a volunteer is described by passions, talents and what they like to
do, not by a vacancy. A request for informal help comes from a case (a worker asks for a buddy, help with
paperwork, someone to fix a bike) or from a buurthuis. A match proposes a volunteer for a request and
walks proposed -> introduced -> active -> ended (or declined), keeping the score and why it was suggested.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Case
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Neighbourhood, Organisation, Team
from buurtteam.organisation.validators import validate_postcode
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation
from buurtteam.volunteers.querysets import HelpRequestQuerySet, MatchQuerySet, VolunteerQuerySet

# A certificate of conduct (VOG) counts as valid for this many years after it was issued.
VOG_VALID_YEARS = 3
# The largest travel radius a volunteer can give; the ranking's database pre-filter uses it.
MAX_TRAVEL_KM = 25

AUTHOR = {"on_delete": models.SET_NULL, "related_name": "+", "null": True, "blank": True}


def vog_valid_until(issued_on: datetime.date | None) -> datetime.date | None:
    if issued_on is None:
        return None
    try:
        return issued_on.replace(year=issued_on.year + VOG_VALID_YEARS)
    except ValueError:  # 29 February
        return issued_on.replace(year=issued_on.year + VOG_VALID_YEARS, day=28)


def vog_cutoff(today: datetime.date) -> datetime.date:
    """A VOG issued on or after this date is still valid today."""
    try:
        return today.replace(year=today.year - VOG_VALID_YEARS)
    except ValueError:
        return today.replace(year=today.year - VOG_VALID_YEARS, day=28)


class Place(GatedModel):
    """Where someone lives or where help is needed: the postcode, its buurt and a coordinate snapshot."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    postcode = models.CharField(_("postcode"), max_length=6, blank=True, validators=[validate_postcode])
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    # Comma-delimited codes (choices.pack): interests and languages.
    interests = models.CharField(_("interesses"), max_length=400, blank=True)
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    # Bit mask of the weekly grid (choices.slot_bit): day x morning/afternoon/evening.
    availability = models.PositiveIntegerField(_("beschikbaarheid"), default=0)
    # Stemmed words of the texts (text.tokens), written by the services; the matching compares them.
    match_tokens = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


class VogStatus(models.TextChoices):
    NONE = "none", _("Geen VOG")
    REQUESTED = "requested", _("Aangevraagd")
    VALID = "valid", _("Afgegeven")
    EXPIRED = "expired", _("Verlopen")


class VolunteerStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    PAUSED = "paused", _("Gepauzeerd")


class Volunteer(Place):
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingeschreven door team"),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), max_length=200, blank=True)
    travel_radius_km = models.PositiveSmallIntegerField(
        _("reisafstand (km)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(MAX_TRAVEL_KM)]
    )
    passions = models.TextField(_("passies"), max_length=2000, blank=True)
    talents = models.TextField(_("talenten"), max_length=2000, blank=True)
    likes = models.TextField(_("wat doet hij of zij graag"), max_length=2000, blank=True)
    vog_status = models.CharField(_("VOG"), max_length=10, choices=VogStatus.choices, default=VogStatus.NONE)
    vog_issued_on = models.DateField(_("VOG afgegeven op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VolunteerStatus.choices, default=VolunteerStatus.ACTIVE
    )
    pause_note = models.CharField(_("toelichting pauze"), max_length=500, blank=True)
    # "Everyone has talents": a resident (perhaps a client) can be a volunteer. Never shown on the
    # volunteer's own pages or in the API; only the case page tells its readers.
    resident = models.OneToOneField(
        Resident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    # For the ranking's database pass: the interests and the stems' word families as bits (services).
    interest_bits = models.PositiveIntegerField(default=0, editable=False)
    token_bits = models.BigIntegerField(default=0, editable=False)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    registered_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("vrijwilliger")
        verbose_name_plural = _("vrijwilligers")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            # The databank's list: by name within a status.
            models.Index(
                fields=["organisation", "status", "last_name", "first_name", "id"], name="volunteer_org_name"
            ),
            # The ranking's pre-filter: active volunteers of the organisation in a box around the request.
            models.Index(
                fields=["organisation", "latitude", "longitude"],
                condition=models.Q(status="active"),
                name="volunteer_active_place",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(vog_status="valid") | models.Q(vog_issued_on__isnull=False),
                name="volunteer_vog_valid_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def vog_valid_until(self) -> datetime.date | None:
        return vog_valid_until(self.vog_issued_on) if self.vog_status == VogStatus.VALID else None

    def vog_state(self, today: datetime.date) -> str:
        """The status as it is today: a VOG issued too long ago has expired."""
        until = self.vog_valid_until
        if self.vog_status == VogStatus.VALID and until is not None and until <= today:
            return VogStatus.EXPIRED
        return str(self.vog_status)

    def vog_is_valid(self, today: datetime.date) -> bool:
        return self.vog_state(today) == VogStatus.VALID


class RequestKind(models.TextChoices):
    ONE_OFF = "one_off", _("Eenmalig klusje")
    BUDDY = "buddy", _("Maatje")
    RECURRING = "recurring", _("Terugkerende hulp")
    TRANSPORT = "transport", _("Vervoer")
    PAPERWORK = "paperwork", _("Administratie")
    OTHER = "other", _("Anders")


# Kinds where the volunteer meets someone alone or at home: a VOG is asked for by default.
VOG_BY_DEFAULT = frozenset({RequestKind.BUDDY, RequestKind.RECURRING, RequestKind.PAPERWORK})


class RequestOrigin(models.TextChoices):
    CASE = "case", _("Uit een casus")
    LOCATION = "location", _("Uit een buurthuis")
    OTHER = "other", _("Anders")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Gematcht")
    CLOSED = "closed", _("Gesloten")


class HelpRequest(Place):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(
        _("omschrijving"),
        max_length=3000,
        help_text=_("Geschreven voor de vrijwilliger: wat is er nodig? Geen gegevens uit het dossier."),
    )
    kind = models.CharField(_("soort hulp"), max_length=12, choices=RequestKind.choices)
    wanted = models.TextField(_("gezochte vaardigheden of interesses"), max_length=1000, blank=True)
    needs_vog = models.BooleanField(_("VOG nodig"), default=True)
    origin = models.CharField(_("herkomst"), max_length=10, choices=RequestOrigin.choices)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    location = models.ForeignKey(
        MapLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurthuis"),
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contactpersoon"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    close_note = models.CharField(_("toelichting sluiten"), max_length=1000, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status", "-created_at"], name="helprequest_org_status"),
            models.Index(fields=["case"], name="helprequest_case"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(origin="case") | models.Q(case__isnull=False),
                name="helprequest_case_origin_has_case",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    INTRODUCED = "introduced", _("Kennisgemaakt")
    ACTIVE = "active", _("Loopt")
    ENDED = "ended", _("Beëindigd")
    DECLINED = "declined", _("Afgewezen")


OPEN_MATCH = (MatchStatus.PROPOSED, MatchStatus.INTRODUCED, MatchStatus.ACTIVE)
# At most one match per request is under way (introduced or running) at a time.
UNDER_WAY = (MatchStatus.INTRODUCED, MatchStatus.ACTIVE)


class EndReason(models.TextChoices):
    DONE = "done", _("De hulp is klaar")
    REQUESTER_STOPPED = "requester", _("De hulpvrager stopt")
    VOLUNTEER_STOPPED = "volunteer", _("De vrijwilliger stopt")
    NO_CLICK = "no_click", _("Het klikte niet")
    MOVED = "moved", _("Verhuisd")
    OTHER = "other", _("Anders")


class Match(GatedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(
        _("status"), max_length=12, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    # The score's parts at proposal time: [{"key", "points", "max", "text"}, ...] (matching.Explanation).
    explanation = models.JSONField(default=list, blank=True)
    note = models.CharField(_("toelichting"), max_length=1000, blank=True)
    proposed_at = models.DateTimeField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    introduced_on = models.DateField(_("kennismaking op"), null=True, blank=True)
    introduced_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    started_on = models.DateField(_("gestart op"), null=True, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    end_reason = models.CharField(_("reden"), max_length=12, choices=EndReason.choices, blank=True)
    evaluation = models.TextField(_("hoe ging het"), max_length=3000, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("waardering (1-5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    declined_on = models.DateField(_("afgewezen op"), null=True, blank=True)
    declined_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    decline_reason = models.CharField(_("reden van afwijzen"), max_length=1000, blank=True)
    status_changed_at = models.DateTimeField()

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["request", "status"], name="match_request_status"),
            models.Index(fields=["volunteer", "status"], name="match_volunteer_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status__in=["introduced", "active"]),
                name="match_one_under_way_per_request",
            ),
            models.UniqueConstraint(
                fields=["request", "volunteer"],
                condition=models.Q(status__in=["proposed", "introduced", "active"]),
                name="match_volunteer_once_per_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ended") | models.Q(ended_on__isnull=False),
                name="match_ended_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"match {self.request_id} / {self.volunteer_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_MATCH
