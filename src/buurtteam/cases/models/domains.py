"""Life-domain instruments as data: the Zelfredzaamheid-Matrix (ZRM) and youth domains by default."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.querysets import LifeDomainQuerySet, TenantConfigQuerySet
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Organisation


class DomainSet(GatedModel):
    """An instrument and its version, e.g. ZRM 2017 with scale 1-5. Stored with every assessment."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domain_sets")
    instrument = models.CharField(_("instrument"), max_length=100)
    version = models.CharField(_("versie"), max_length=20)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=5)
    is_default = models.BooleanField(_("standaard"), default=False)

    objects = TenantConfigQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "instrument", "version"], name="domain_set_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.version}"


class LifeDomain(GatedModel):
    class Group(models.TextChoices):
        ADULT = "adult", _("Volwassenen")
        YOUTH = "youth", _("Jeugd en gezin")

    domain_set = models.ForeignKey(DomainSet, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=100)
    plain_label = models.CharField(_("naam voor inwoners"), max_length=100, blank=True)
    group = models.CharField(_("groep"), max_length=10, choices=Group.choices, default=Group.ADULT)
    position = models.PositiveSmallIntegerField(default=0)
    disciplines = models.JSONField(
        _("passende disciplines"),
        default=list,
        blank=True,
        help_text=_("Codes van disciplines, voor toewijzing."),
    )

    objects = LifeDomainQuerySet.as_manager()

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["domain_set", "position"]
        constraints = [models.UniqueConstraint(fields=["domain_set", "code"], name="life_domain_unique")]

    def __str__(self) -> str:
        return self.name
