"""The sociale kaart (community-resource map), shaped after Open Referral HSDS 3.0.

Organisations, locations (buurthuis, MFA, wijkplein, ...), services and activities, where and when they
run, and the taxonomy terms that classify them (life domains, target groups). Every row belongs to one
tenant and carries the HSDS id (a UUID) it is exchanged under; see docs/hsds.md for the field mapping.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Neighbourhood, Organisation
from buurtteam.socialmap.querysets import MapQuerySet


class MapEntry(GatedModel):
    """Common to every row of the map: its tenant, its HSDS id, and when someone last checked it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    hsds_id = models.UUIDField(_("HSDS-id"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CheckedEntry(MapEntry):
    """A map entry that someone keeps up to date (organisation, location, service)."""

    last_checked_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecontroleerd door"),
    )
    # HSDS fields this model has no column for, kept so that an import exports again unchanged.
    hsds_extra = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class Taxonomy(MapEntry):
    """A classification scheme: the life domains, the target groups, or one that came with an import."""

    class Purpose(models.TextChoices):
        LIFE_DOMAINS = "life_domains", _("Leefgebieden")
        TARGET_GROUPS = "target_groups", _("Doelgroepen")
        OTHER = "other", _("Overig")

    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)
    version = models.CharField(_("versie"), max_length=50, blank=True)
    # What the search page offers it as: the life domains, the target groups, or neither (imports).
    purpose = models.CharField(
        _("gebruik"), max_length=20, choices=Purpose.choices, default=Purpose.OTHER, db_index=True
    )

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("taxonomie")
        verbose_name_plural = _("taxonomieën")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_taxonomy_hsds_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(MapEntry):
    """One term of a taxonomy, e.g. the life domain "Financiën" or the target group "Mantelzorgers"."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    term_uri = models.URLField(_("URI"), max_length=500, blank=True)
    # HSDS fields without a column (language, metadata, a parent or taxonomy text the map cannot link),
    # kept so that an import exports again unchanged (see docs/hsds.md).
    hsds_extra = models.JSONField(default=dict, blank=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("termen")
        ordering = ["taxonomy_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_term_hsds_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class MapOrganization(CheckedEntry):
    """An organisation on the map (HSDS organization): a welfare foundation, a church, a sports club."""

    name = models.CharField(_("naam"), max_length=300)
    alternate_name = models.CharField(_("andere naam"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie op de kaart")
        verbose_name_plural = _("organisaties op de kaart")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_org_hsds_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class MapLocation(CheckedEntry):
    """A place where something happens (HSDS location): a buurthuis, an MFA, a wijkplein, a sports hall."""

    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("Fysieke plek")
        POSTAL = "postal", _("Postadres")
        VIRTUAL = "virtual", _("Online")

    class Kind(models.TextChoices):
        COMMUNITY_CENTRE = "community_centre", _("Buurthuis")
        MFA = "mfa", _("Multifunctionele accommodatie (MFA)")
        WIJKPLEIN = "wijkplein", _("Wijkplein")
        LIBRARY = "library", _("Bibliotheek")
        SPORTS = "sports", _("Sportaccommodatie")
        SCHOOL = "school", _("School")
        CARE = "care", _("Zorglocatie")
        WORSHIP = "worship", _("Kerk, moskee of tempel")
        OUTDOORS = "outdoors", _("Buiten")
        OTHER = "other", _("Anders")

    map_organization = models.ForeignKey(
        MapOrganization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organisatie"),
    )
    location_type = models.CharField(
        _("soort adres"), max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    kind = models.CharField(_("soort plek"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("naam"), max_length=300)
    alternate_name = models.CharField(_("andere naam"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    address_1 = models.CharField(_("straat en huisnummer"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    latitude = models.FloatField(
        _("breedtegraad"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("lengtegraad"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    accessibility = models.TextField(_("toegankelijkheid"), max_length=2000, blank=True)
    transportation = models.CharField(_("bereikbaarheid"), max_length=500, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("locatie op de kaart")
        verbose_name_plural = _("locaties op de kaart")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["organisation", "latitude", "longitude"], name="socialmap_location_coords"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_loc_hsds_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class MapService(CheckedEntry):
    """A service or activity (HSDS service): a walking group, a debt-advice consultation hour, a buddy."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Actief")
        INACTIVE = "inactive", _("Niet actief")
        DEFUNCT = "defunct", _("Opgeheven")
        TEMPORARILY_CLOSED = "temporarily closed", _("Tijdelijk gesloten")

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activiteit")
        SERVICE = "service", _("Voorziening of dienst")
        CONSULTATION = "consultation", _("Spreekuur of inloop")
        INFORMAL_HELP = "informal_help", _("Informele hulp")
        COURSE = "course", _("Cursus of training")

    map_organization = models.ForeignKey(
        MapOrganization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("organisatie"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ACTIVITY)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    name = models.CharField(_("naam"), max_length=300)
    alternate_name = models.CharField(_("andere naam"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), max_length=4000, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    is_free = models.BooleanField(_("gratis"), default=False)
    fees_description = models.CharField(_("kosten"), max_length=500, blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    eligibility_description = models.TextField(_("voor wie"), max_length=2000, blank=True)
    application_process = models.TextField(_("aanmelden"), max_length=2000, blank=True)
    interpretation_services = models.CharField(_("tolk of vertaling"), max_length=500, blank=True)
    wait_time = models.CharField(_("wachttijd"), max_length=200, blank=True)
    # ISO 639-1 codes of the languages the service is offered in, comma-separated ("nl,en,ar").
    languages = models.CharField(_("talen"), max_length=200, blank=True)
    terms = models.ManyToManyField(
        TaxonomyTerm, related_name="services", blank=True, verbose_name=_("leefgebieden en doelgroepen")
    )
    locations: models.ManyToManyField[MapLocation, ServiceAtLocation] = models.ManyToManyField(
        MapLocation, through="ServiceAtLocation", related_name="services", verbose_name=_("locaties")
    )
    # Stemmed, lower-cased words of the searchable fields (see search.py); written by the services only.
    search_document = models.TextField(blank=True, editable=False)
    # The stems of the name (and alternate name), and of the terms: they weigh more in the ranking.
    search_name = models.TextField(blank=True, editable=False)
    search_terms = models.TextField(blank=True, editable=False)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit of voorziening")
        verbose_name_plural = _("activiteiten en voorzieningen")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["organisation", "status", "name"], name="socialmap_service_org_status"),
            models.Index(fields=["organisation", "last_checked_on"], name="socialmap_service_checked"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_service_hsds_uniq"),
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(minimum_age__lte=models.F("maximum_age")),
                name="socialmap_service_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(MapEntry):
    """A service offered at a location (HSDS service_at_location)."""

    service = models.ForeignKey(MapService, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(MapLocation, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(_("omschrijving"), max_length=2000, blank=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit op locatie")
        verbose_name_plural = _("activiteiten op locatie")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_sal_hsds_uniq"),
            models.UniqueConstraint(fields=["service", "location"], name="socialmap_sal_once"),
        ]


class ServiceSearchRow(GatedModel):
    """The narrow copy of a service that the search scans and ranks (one row per service).

    Written only by ``search.refresh_search_rows`` (every service write, the HSDS import and the demo
    call it). On PostgreSQL the row also holds the weighted ``search_vector`` with its GIN index (migration
    0006, not part of the model state). With the coordinates of up to two places on the row, the distance
    of nearly every service is plain arithmetic; only a service at three or more places looks them up.
    """

    service = models.OneToOneField(MapService, on_delete=models.CASCADE, primary_key=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    status = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    is_free = models.BooleanField(default=False)
    minimum_age = models.PositiveSmallIntegerField(null=True)
    maximum_age = models.PositiveSmallIntegerField(null=True)
    name = models.CharField(max_length=300)
    # The service's located places: how many, and the coordinates of the first two (by location id).
    place_count = models.PositiveSmallIntegerField(default=0)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    latitude_2 = models.FloatField(null=True)
    longitude_2 = models.FloatField(null=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("zoekregel van de kaart")
        verbose_name_plural = _("zoekregels van de kaart")
        indexes = [models.Index(fields=["organisation", "status", "name"], name="socialmap_searchrow_org")]

    def __str__(self) -> str:
        return self.name


class Schedule(MapEntry):
    """When a service runs or a location is open (HSDS schedule: RFC 5545 recurrence parts)."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("Wekelijks")
        MONTHLY = "MONTHLY", _("Maandelijks")

    service = models.ForeignKey(
        MapService, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        MapLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    freq = models.CharField(_("herhaling"), max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(
        _("elke"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    # RFC 5545 BYDAY, e.g. "MO,WE" or "1TU" (the first Tuesday).
    byday = models.CharField(_("dagen"), max_length=50, blank=True)
    bymonthday = models.CharField(_("dagen van de maand"), max_length=50, blank=True)
    opens_at = models.TimeField(_("van"), null=True, blank=True)
    closes_at = models.TimeField(_("tot"), null=True, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)
    description = models.CharField(_("omschrijving"), max_length=500, blank=True)
    # HSDS fields without a column (dtstart, until, count, wkst, byweekno, byyearday, timezone,
    # schedule_link, attending_type, notes, attributes, metadata), kept so that an import exports again.
    hsds_extra = models.JSONField(default=dict, blank=True)

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("rooster")
        verbose_name_plural = _("roosters")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_schedule_hsds_uniq")
        ]


class SearchSynonym(MapEntry):
    """An organisation's own synonym group for the map search ("voedselpakket, voedselbank, pakket")."""

    words = models.CharField(
        _("woorden"),
        max_length=500,
        help_text=_("Woorden die bij het zoeken hetzelfde betekenen, gescheiden door komma's."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MapQuerySet.as_manager()

    class Meta:
        verbose_name = _("synoniemen")
        verbose_name_plural = _("synoniemen")
        ordering = ["words"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="socialmap_synonym_hsds_uniq")
        ]

    def __str__(self) -> str:
        return self.words
