from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from buurtteam.accounts import services

LAST_SEEN_KEY = "buurtteam_last_seen"
LAST_SEEN_GRANULARITY = 30  # seconds: how stale the "last seen" stamp may get before it is written again
TWO_FACTOR_EXEMPT = {"accounts:logout", "accounts:otp_verify", "accounts:otp_setup", "set_language"}


class IdleTimeoutMiddleware:
    """Log out a session that has been idle longer than the configured number of minutes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, (int, float)) and now - last_seen > settings.IDLE_TIMEOUT_MINUTES * 60:
                services.logout_user(request=request, reason="idle timeout")
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("Niet ingelogd."), "errors": {}}, status=401)
                messages.info(request, _("U bent automatisch uitgelogd omdat u een tijd niet actief was."))
                return HttpResponseRedirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
            if not isinstance(last_seen, (int, float)) or now - last_seen >= LAST_SEEN_GRANULARITY:
                request.session[LAST_SEEN_KEY] = now  # marks the session modified: saved, expiry renewed
        return self.get_response(request)


class TwoFactorMiddleware:
    """After the password, a second factor: required for everyone when BUURTTEAM_REQUIRE_2FA is on,
    and always for staff who have set up an authenticator app."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_EXEMPT:
            return None
        if getattr(user, "is_verified", lambda: False)():
            return None
        if services.has_confirmed_device(user):
            return HttpResponseRedirect(reverse("accounts:otp_verify") + f"?next={request.path}")
        if settings.REQUIRE_2FA:
            return HttpResponseRedirect(reverse("accounts:otp_setup"))
        return None
