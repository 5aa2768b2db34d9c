"""Personal API tokens: the API's own credential, one per script or integration, shown once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtteam.core.gate import GatedModel, GatedQuerySet

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PREFIX_LENGTH = 8


class ApiTokenQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        """Everyone sees (and manages) only their own tokens."""
        return models.Q(user_id=actor.pk)

    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(GatedModel):
    """``Authorization: Bearer <prefix>.<secret>``: the prefix finds the row; the secret is stored hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("naam"), max_length=100, help_text=_("Waarvoor gebruikt u deze sleutel?"))
    prefix = models.CharField(_("begin van de sleutel"), max_length=PREFIX_LENGTH, unique=True)
    secret_hash = models.CharField(max_length=64)  # sha256 hex digest of the secret part
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    expires_at = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="api_token_user")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired
