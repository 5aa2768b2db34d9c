"""Who is calling the API.

Two ways in, tried in this order:

1. **A personal API token**: ``Authorization: Bearer <prefix>.<secret>``. The staff member creates it on
   their account page (``/account/api-tokens/``), where the key is shown once; only a sha256 hash of the
   secret is stored. A token of an inactive account, and a revoked or expired token, is refused with 401.
   An ``Authorization`` header that is present but unusable is always a 401: the API never falls back to
   the session then; every refused token is in the audit trail. A token is a second factor of its own: it
   can only be made after a full log-in (with two-factor authentication where required), it is long and
   random, and it can be revoked at once.
2. **The browser session** (the website's own log-in), for pages that call the API. Unsafe methods need
   the CSRF token (``X-CSRFToken`` header). With ``BUURTTEAM_REQUIRE_2FA`` on, the session must have passed
   the second factor (``request.user.is_verified()``); so must a session of anyone who set up an
   authenticator app, as for the website.

Neither way gives more than the website: every endpoint goes through the same selectors, services and gate.
"""

from __future__ import annotations

import datetime
import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from buurtteam.accounts.models import User
from buurtteam.accounts.services import has_confirmed_device
from buurtteam.api.errors import ApiAuthenticationError
from buurtteam.api.models import PREFIX_LENGTH, ApiToken
from buurtteam.api.services import hash_secret
from buurtteam.audit.models import Action, Outcome
from buurtteam.audit.services import record
from buurtteam.core.gate import system_access

# last_used_at is bookkeeping: written at most once a minute per token, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _refused(reason: str, prefix: str = "", token: ApiToken | None = None) -> None:
    """A refused token is a refused log-in in the audit trail (NEN 7513), without the secret. It is recorded
    as ``login`` / ``denied``, not as ``login_failed``: the website's lock-out counts those per account and
    per address, and a forgotten script with a revoked token must not lock a whole office out of the site."""
    user = token.user if token is not None else None
    record(
        actor=None,
        action=Action.LOGIN,
        outcome=Outcome.DENIED,
        object_type="api_token",
        object_id=token.pk if token is not None else "",
        username=user.username if user is not None else "",
        organisation_id=user.organisation_id if user is not None else None,
        reason=reason,
        details={"prefix": prefix[:PREFIX_LENGTH]},
    )


def user_for_token(key: str) -> User | None:
    """The active staff member behind a usable token, or None (and a failed log-in in the audit trail)."""
    prefix, dot, secret = key.partition(".")
    if not dot or len(prefix) != PREFIX_LENGTH or not secret:
        _refused("malformed token")
        return None
    with system_access("API token authentication"):
        token = ApiToken.objects.filter(prefix=prefix).select_related("user").first()
    if token is None:
        _refused("unknown token", prefix)
        return None
    if not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
        _refused("wrong secret", prefix, token)
        return None
    user: User = token.user
    if token.revoked_at is not None or token.is_expired:
        _refused("revoked token" if token.revoked_at is not None else "expired token", prefix, token)
        return None
    if not user.is_active or user.organisation_id is None:
        _refused("inactive account", prefix, token)
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        with system_access("API token last used"):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <prefix>.<secret>``."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header is None:
            return None  # no token: try the session
        scheme, _space, key = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or not key.strip():
            _refused("malformed Authorization header")
            raise ApiAuthenticationError(_("Gebruik het header Authorization: Bearer <sleutel>."))
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_token(token)
        if user is None:
            raise ApiAuthenticationError(_("Deze API-sleutel is ongeldig, verlopen of ingetrokken."))
        request.user = user
        return user


def second_factor_ok(request: HttpRequest, user: User) -> bool:
    verified = getattr(request.user, "is_verified", None)
    if callable(verified) and verified():
        return True
    if settings.REQUIRE_2FA:
        return False
    return not has_confirmed_device(user)


class SessionAuth(APIKeyCookie):
    """The website's session, with CSRF on unsafe methods and the second factor where it is required."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:
            return None  # anonymous: 401, before any CSRF question
        if (
            self.csrf
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise HttpError(403, "CSRF check failed")
        if not second_factor_ok(request, user):
            raise ApiAuthenticationError(
                _(
                    "Bevestig eerst uw log-in met tweestapsverificatie op de website, "
                    "of gebruik een API-sleutel."
                )
            )
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:  # pragma: no cover
        user = request.user
        return user if isinstance(user, User) else None
