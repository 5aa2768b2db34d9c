"""The account page for personal API tokens: make one (the key is shown once) and revoke it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from buurtteam.accounts.models import User
from buurtteam.api import selectors, services
from buurtteam.api.forms import TokenCreateForm
from buurtteam.core.forms import add_service_errors


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
@require_http_methods(["GET", "POST"])
def api_tokens_view(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    allowed = services.may_use_api(actor)
    form = TokenCreateForm()
    new_key = ""
    if request.method == "POST":
        if not allowed:
            raise Http404
        action = request.POST.get("action", "")
        if action == "revoke":
            token = selectors.token_get(actor=actor, token_id=request.POST.get("token", ""))
            try:
                services.token_revoke(actor=actor, token=token)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("De sleutel %(name)s is ingetrokken.") % {"name": token.name})
            return redirect("api_tokens")
        if action != "create":
            raise Http404
        form = TokenCreateForm(request.POST)
        if form.is_valid():
            try:
                _token, new_key = services.token_create(
                    actor=actor,
                    name=form.cleaned_data["name"],
                    expires_at=timezone.now() + datetime.timedelta(days=form.cleaned_data["valid_days"]),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                form = TokenCreateForm()
    tokens = list(selectors.tokens_of(actor=actor)) if allowed else []
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key, "allowed": allowed, "now": timezone.now()},
        status=400 if form.errors else 200,
    )
