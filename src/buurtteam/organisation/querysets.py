from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db import models

from buurtteam.core.gate import GatedQuerySet

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

M = TypeVar("M", bound=models.Model)


class TenantQuerySet(GatedQuerySet[M]):
    """Rows that belong to one organisation (tenant): everyone of that organisation may see them."""

    tenant_field = "organisation_id"

    def visibility_filter(self, actor: Actor) -> models.Q:
        return models.Q(**{self.tenant_field: actor.organisation_id})


class OrganisationQuerySet(TenantQuerySet[M]):
    tenant_field = "pk"
