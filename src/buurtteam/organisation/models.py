"""CBS geography (reference data) and the tenant structure: organisation, providers, teams, locations."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.core.gate import GatedModel
from buurtteam.organisation import validators
from buurtteam.organisation.querysets import OrganisationQuerySet, TenantQuerySet


# --- Geography: public CBS reference data, shared by all tenants ---------------------------------
class Municipality(models.Model):
    cbs_code = models.CharField(
        _("CBS-code"), max_length=6, unique=True, validators=[validators.municipality_code]
    )
    name = models.CharField(_("naam"), max_length=100)
    cbs_year = models.PositiveSmallIntegerField(_("CBS-jaar"))

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="districts")
    cbs_code = models.CharField(
        _("CBS-code"), max_length=8, unique=True, validators=[validators.district_code]
    )
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["cbs_code"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="neighbourhoods")
    cbs_code = models.CharField(
        _("CBS-code"), max_length=10, unique=True, validators=[validators.neighbourhood_code]
    )
    name = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["cbs_code"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """A six-position postcode area and the buurt it lies in."""

    postcode = models.CharField(
        _("postcode"), max_length=6, unique=True, validators=[validators.validate_postcode]
    )
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="postcodes")
    # The centre of the postcode area (WGS84), for distances on the sociale kaart; empty when unknown.
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["postcode"]

    def __str__(self) -> str:
        return f"{self.postcode[:4]} {self.postcode[4:]}"


# --- The tenant ---------------------------------------------------------------------------------
class Organisation(GatedModel):
    """The tenant: the body that runs buurtteams, alone or as a partnership of providers."""

    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Eén aanbieder")
        PARTNERSHIP = "partnership", _("Samenwerkingsverband")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PROVIDER)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("gemeente")
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    # How this organisation works: defaults from the domain, changeable by the functional administrator.
    bsn_enabled = models.BooleanField(
        _("BSN vastleggen"),
        default=False,
        help_text=_(
            "Alleen aanzetten als de organisatie een wettelijke grondslag heeft om het BSN te verwerken."
        ),
    )
    intake_conversation_limit = models.PositiveSmallIntegerField(
        _("gesprekken voor vraagverheldering"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    pickup_target_working_days = models.PositiveSmallIntegerField(
        _("oppakken binnen (werkdagen)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reopen_window_days = models.PositiveSmallIntegerField(
        _("heropenen binnen (dagen)"), default=90, validators=[MinValueValidator(0), MaxValueValidator(730)]
    )
    stuck_after_weeks = models.PositiveSmallIntegerField(
        _("vastgelopen na (weken zonder contact)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    map_stale_after_months = models.PositiveSmallIntegerField(
        _("sociale kaart: controleren na (maanden)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Een vermelding op de sociale kaart die langer niet is gecontroleerd, wordt gemarkeerd."),
    )

    map_public = models.BooleanField(
        _("sociale kaart openbaar"),
        default=False,
        help_text=_(
            "Publiceer de sociale kaart (nooit personen) via de openbare HSDS-API, zonder inloggen, "
            "zodat bijvoorbeeld de gemeentelijke website of een landelijke wegwijzer haar kan tonen."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Provider(GatedModel):
    """A provider organisation that takes part in the tenant (e.g. a welfare foundation, MEE, the GGD)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer heeft 8 cijfers."))],
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="provider_unique_name")]

    def __str__(self) -> str:
        return self.name


class Discipline(GatedModel):
    """A professional background in the team (social work, MEE consultant, community nurse, ...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="disciplines")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=100)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="discipline_unique_code"),
            models.UniqueConstraint(fields=["organisation", "name"], name="discipline_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Location(GatedModel):
    """A place the team works from: wijkplein, health centre, brede school, buurthuis."""

    class Kind(models.TextChoices):
        WIJKPLEIN = "wijkplein", _("Wijkplein")
        HEALTH_CENTRE = "health_centre", _("Gezondheidscentrum")
        COMMUNITY_SCHOOL = "community_school", _("Brede school")
        COMMUNITY_CENTRE = "community_centre", _("Buurthuis")
        MULTI_PURPOSE = "multi_purpose", _("Multifunctionele accommodatie (MFA)")
        OFFICE = "office", _("Kantoor")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort locatie"), max_length=20, choices=Kind.choices)
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.CharField(_("huisnummer"), max_length=12)
    postcode = models.CharField(_("postcode"), max_length=6, validators=[validators.validate_postcode])
    city = models.CharField(_("plaats"), max_length=100)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    opening_hours = models.CharField(_("openingstijden"), max_length=200, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="location_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def postcode_display(self) -> str:
        return f"{self.postcode[:4]} {self.postcode[4:]}"


class Team(GatedModel):
    """A buurtteam: serves a set of neighbourhoods and works from one or more locations."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="teams", blank=True, verbose_name=_("buurten")
    )
    locations = models.ManyToManyField(Location, related_name="teams", blank=True, verbose_name=_("locaties"))
    providers = models.ManyToManyField(
        Provider, related_name="teams", blank=True, verbose_name=_("aanbieders")
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name
