"""Failed log-in throttling, counted from the audit trail itself: one source of truth for all workers."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent

IP_FACTOR = 4  # an office behind one NAT address has many users


def _window_start() -> datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked_out(*, username: str, ip_address: str | None) -> bool:
    """True when this account, or this address, had too many failed log-ins within the window."""
    since = _window_start()
    failures = AuditEvent.objects.filter(action=Action.LOGIN_FAILED, occurred_at__gte=since)
    if username and failures.filter(actor_username=username[:150]).count() >= settings.LOGIN_FAILURE_LIMIT:
        return True
    if ip_address is not None:
        return failures.filter(ip_address=ip_address).count() >= settings.LOGIN_FAILURE_LIMIT * IP_FACTOR
    return False
