"""Residents (inwoners), their households and the network around a household."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Neighbourhood, Organisation, Team
from buurtteam.organisation.validators import validate_postcode
from buurtteam.residents.querysets import (
    BreakGlassQuerySet,
    HouseholdPartQuerySet,
    HouseholdQuerySet,
    ResidentQuerySet,
)
from buurtteam.residents.validators import mask_bsn, validate_bsn

# Letters that have no accent to strip but are written without them on a Dutch keyboard.
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d"})


def search_key(*parts: str) -> str:
    """Lower case without accents: 'Özil, Ünal' and 'ozil unal', 'Yılmaz' and 'yilmaz' find each other."""
    text = " ".join(p for p in parts if p).lower().translate(_PLAIN_LETTERS)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


class Gender(models.TextChoices):
    FEMALE = "female", _("Vrouw")
    MALE = "male", _("Man")
    OTHER = "other", _("Anders")
    UNKNOWN = "unknown", _("Onbekend")


class Resident(GatedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="residents")
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(
        _("achternaam"), max_length=150, help_text=_("Met tussenvoegsel, bijv. van Dijk.")
    )
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    gender = models.CharField(_("geslacht"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validate_bsn])
    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=12, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True, validators=[validate_postcode])
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("verantwoordelijk team"),
        help_text=_("Volgt uit de buurt van het adres."),
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    preferred_language = models.CharField(_("voorkeurstaal"), max_length=40, default="Nederlands")
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    search_name = models.CharField(max_length=260, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "bsn"], condition=~models.Q(bsn=""), name="resident_unique_bsn"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "team", "last_name"], name="resident_team_name"),
            models.Index(fields=["organisation", "birth_date"], name="resident_birth"),
            models.Index(fields=["organisation", "postcode"], name="resident_postcode"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = search_key(self.first_name, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)

    @property
    def postcode_display(self) -> str:
        return f"{self.postcode[:4]} {self.postcode[4:]}" if self.postcode else ""

    @property
    def address(self) -> str:
        line = f"{self.street} {self.house_number}".strip()
        place = f"{self.postcode_display} {self.city}".strip()
        return ", ".join(p for p in (line, place) if p)


class Household(GatedModel):
    """A household (gezin): one plan, one case lead, whatever the number of members."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="households")
    name = models.CharField(_("naam"), max_length=200)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="households",
        verbose_name=_("team"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "team"], name="household_team")]

    def __str__(self) -> str:
        return self.name


class Relation(models.TextChoices):
    SELF = "self", _("Aanmelder")
    PARTNER = "partner", _("Partner")
    CHILD = "child", _("Kind")
    FOSTER_CHILD = "foster_child", _("Pleegkind")
    PARENT = "parent", _("Ouder")
    SIBLING = "sibling", _("Broer of zus")
    GRANDPARENT = "grandparent", _("Grootouder")
    OTHER_FAMILY = "other_family", _("Ander familielid")
    HOUSEMATE = "housemate", _("Huisgenoot")


class HouseholdMember(GatedModel):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="memberships")
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices)
    is_contact = models.BooleanField(_("contactpersoon"), default=False)

    objects = HouseholdPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        constraints = [
            models.UniqueConstraint(fields=["household", "resident"], name="household_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.resident_id} in {self.household_id}"


class NetworkMember(GatedModel):
    """Someone around the household: family, a neighbour, the GP, the school, a partner organisation."""

    class Kind(models.TextChoices):
        INFORMAL = "informal", _("Informeel")
        FORMAL = "formal", _("Formeel")

    class Role(models.TextChoices):
        FAMILY = "family", _("Familie")
        NEIGHBOUR = "neighbour", _("Buur")
        INFORMAL_CARER = "informal_carer", _("Mantelzorger")
        FRIEND = "friend", _("Vriend(in)")
        VOLUNTEER = "volunteer", _("Vrijwilliger")
        GP = "gp", _("Huisarts")
        SCHOOL = "school", _("School")
        PARTNER_ORGANISATION = "partner_organisation", _("Partnerorganisatie")
        GUARDIAN = "guardian", _("Bewindvoerder of voogd")
        OTHER = "other", _("Anders")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="network")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)
    name = models.CharField(_("naam"), max_length=200)
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)

    objects = HouseholdPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("netwerklid")
        verbose_name_plural = _("netwerk")
        ordering = ["kind", "role", "name"]

    def __str__(self) -> str:
        return self.name


class BreakGlassAccess(GatedModel):
    """Emergency access to a resident outside the actor's area: reason required, time-limited, reviewed."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="break_glass_grants")
    reason = models.TextField(_("reden"), max_length=2000)
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("beoordeling"), max_length=2000, blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="break_glass_active")]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.resident_id}"
