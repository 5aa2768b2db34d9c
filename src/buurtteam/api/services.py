"""Writes of personal API tokens: created and revoked by their owner, audited like every other write."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.api.models import PREFIX_LENGTH, ApiToken
from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

OBJECT_TYPE = "api_token"
MAX_ACTIVE_TOKENS = 10
MAX_VALID_DAYS = 366
DEFAULT_VALID_DAYS = 90


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def may_use_api(actor: Actor) -> bool:
    """The API serves person-level data: staff of an organisation, never a policy officer."""
    return actor.organisation_id is not None and actor.role != Role.POLICY_OFFICER


def _new_prefix() -> str:
    with system_access("unique API token prefix"):
        for _attempt in range(10):
            prefix = secrets.token_hex(PREFIX_LENGTH // 2)
            if not ApiToken.objects.filter(prefix=prefix).exists():
                return prefix
    raise RuntimeError("could not find a free API token prefix")  # pragma: no cover


@transaction.atomic
def token_create(
    *, actor: Actor, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for the actor. Returns the token and the full key, which is shown once and never stored.

    Every token expires: after ``expires_at`` (at most a year ahead), or after 90 days when none is given.
    """
    if not may_use_api(actor):
        raise PermissionError("this actor has no API access")
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Geef de sleutel een naam, bijvoorbeeld het script dat hem gebruikt.")}
        )
    now = timezone.now()
    if expires_at is None:
        expires_at = now + datetime.timedelta(days=DEFAULT_VALID_DAYS)
    if expires_at <= now:
        raise ValidationError({"expires_at": _("De vervaldatum moet in de toekomst liggen.")})
    if expires_at > now + datetime.timedelta(days=MAX_VALID_DAYS):
        raise ValidationError({"expires_at": _("Een sleutel is hoogstens een jaar geldig.")})
    if ApiToken.objects.visible_to(actor).usable().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("U heeft al %(n)d geldige sleutels. Trek eerst een sleutel in die u niet meer gebruikt.")
            % {"n": MAX_ACTIVE_TOKENS}
        )
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=actor.pk,
        name=name,
        prefix=_new_prefix(),
        secret_hash=hash_secret(secret),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    record(
        actor=actor,
        action=Action.CREATE,
        object_type=OBJECT_TYPE,
        object_id=token.pk,
        subject_type="staff",
        subject_id=actor.pk,
        details={"prefix": token.prefix, "expires_at": expires_at.isoformat()},
    )
    return token, f"{token.prefix}.{secret}"


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    if token.user_id != actor.pk:
        raise PermissionError("not the owner of this token")
    if token.revoked_at is not None:
        raise ValidationError(_("Deze sleutel is al ingetrokken."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type=OBJECT_TYPE,
        object_id=token.pk,
        subject_type="staff",
        subject_id=actor.pk,
        details={"prefix": token.prefix, "revoked": True},
    )
    return token
