"""The append-only audit trail (NEN 7513 / BIO logging).

Rows are only ever inserted. The model refuses updates and deletes, the queryset refuses bulk
changes, and a database trigger (see migrations) refuses them even from a raw SQL session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


class Action(models.TextChoices):
    READ = "read", _("Ingezien")
    SEARCH = "search", _("Gezocht")
    CREATE = "create", _("Aangemaakt")
    UPDATE = "update", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    EXPORT = "export", _("Geëxporteerd")
    PRINT = "print", _("Afgedrukt")
    LOGIN = "login", _("Ingelogd")
    LOGOUT = "logout", _("Uitgelogd")
    LOGIN_FAILED = "login_failed", _("Mislukte inlogpoging")
    BREAK_GLASS = "break_glass", _("Noodtoegang")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("Gelukt")
    DENIED = "denied", _("Geweigerd")
    FAILURE = "failure", _("Mislukt")


class ImmutableAuditEventError(RuntimeError):
    """Audit events cannot be changed or removed."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise RuntimeError("audit events are append-only")

    def delete(self) -> NoReturn:
        raise RuntimeError("audit events are append-only")

    def visible_to(self, actor: Actor) -> AuditEventQuerySet:
        """Coordinators see their teams' trail; functional administrators their organisation's."""
        if not getattr(actor, "is_authenticated", False) or actor.organisation_id is None:
            return self.none()
        own = self.filter(organisation_id=actor.organisation_id)
        if actor.role == Role.ADMINISTRATOR:
            return own
        if actor.role == Role.COORDINATOR:
            teams = list(actor.team_ids)
            return own.filter(models.Q(actor_team_id__in=teams) | models.Q(subject_team_id__in=teams))
        return self.none()


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    outcome = models.CharField(
        _("resultaat"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )

    # Who. Copied, not linked: the trail must outlive accounts and team changes.
    organisation_id = models.BigIntegerField(_("organisatie"), null=True, blank=True)
    actor_id = models.BigIntegerField(_("gebruiker"), null=True, blank=True)
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actor_role = models.CharField(_("rol"), max_length=20, blank=True)
    actor_team_id = models.BigIntegerField(_("team"), null=True, blank=True)
    actor_team_name = models.CharField(_("teamnaam"), max_length=200, blank=True)
    on_behalf_of_id = models.BigIntegerField(_("namens gebruiker"), null=True, blank=True)

    # On whose record, and what exactly.
    subject_type = models.CharField(_("soort betrokkene"), max_length=40, blank=True)
    subject_id = models.BigIntegerField(_("betrokkene"), null=True, blank=True)
    subject_team_id = models.BigIntegerField(_("team van betrokkene"), null=True, blank=True)
    object_type = models.CharField(_("soort gegeven"), max_length=60)
    object_id = models.CharField(_("gegeven"), max_length=64, blank=True)

    # From where, and why.
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    session_hash = models.CharField(_("sessie"), max_length=64, blank=True)
    access_point = models.CharField(_("toegangspunt"), max_length=300, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    request_id = models.CharField(_("verzoek"), max_length=32, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("audittrail")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["organisation_id", "-occurred_at"], name="audit_org_time"),
            models.Index(fields=["actor_team_id", "-occurred_at"], name="audit_team_time"),
            models.Index(fields=["subject_type", "subject_id", "-occurred_at"], name="audit_subject_time"),
            models.Index(fields=["action", "actor_username", "occurred_at"], name="audit_login_throttle"),
            models.Index(fields=["action", "ip_address", "occurred_at"], name="audit_ip_throttle"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableAuditEventError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableAuditEventError("audit events are append-only")
