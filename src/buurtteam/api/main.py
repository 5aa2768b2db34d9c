"""The REST API (``/api/v1/``): the same selectors, services and access gate as the website.

See ``auth.py`` for how a caller is identified and ``errors.py`` for the error shape. The OpenAPI
description is committed as ``docs/openapi.json`` (``manage.py export_openapi``); a test fails when it drifts.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI

from buurtteam.api import errors
from buurtteam.api.auth import SessionAuth, TokenAuth
from buurtteam.api.nul_characters import refuse_nul_characters
from buurtteam.api.routers import (
    agreements,
    bridging,
    cases,
    community,
    dossier,
    hsds,
    partners,
    referrals,
    residents,
    safety,
    socialmap,
    volunteers,
)

DESCRIPTION = """\
The API of buurtteam: residents, households, the case lifecycle, referrals to network partners (with
consent, bridging and agreements) and the meldcode track, for staff of a neighbourhood-team
organisation. Everything goes through the same access rules as the website: you see and change exactly what
you could see and change there, and every read of personal data and every change is in the audit trail.

**Authentication.** A personal API token, made on your account page (`/account/api-tokens/`) and shown once:
`Authorization: Bearer <prefix>.<secret>`. A token is bound to your account: it stops working when it expires,
when you revoke it, or when your account is deactivated. Making a token needs a full log-in, including the
second factor, so the token is the API's second factor. From the website itself the session works too; unsafe
methods then need the `X-CSRFToken` header, and with two-factor authentication required the session must have
passed it.

**Errors** are JSON in Dutch: `{"detail": "...", "errors": {"field": ["message"]}}`. 400: refused by the
rules (nothing was written); 401: not logged in or unusable token; 404: missing or not yours to see (the two
look the same); 409: the resident probably exists already; 422: the request does not match this description
(types, lengths, choices; unknown fields in a body are refused, unknown query parameters are ignored), or
a text (query, path or body) holds a NUL character (U+0000), which no field accepts.

**Texts** (notes, questions) are returned exactly as written, as JSON strings. They are never HTML: escape
them when you show them.
"""


@csrf_exempt
def not_found(request: HttpRequest, **kwargs: object) -> JsonResponse:
    """Any other path under the API: the API's own 404, not the website's page."""
    return JsonResponse({"detail": _("Niet gevonden."), "errors": {}}, status=404)


class BuurtteamAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        """The API answers anonymous callers itself (401 in JSON), so the site's log-in redirect and its
        second-factor redirect (both keyed on ``login_required``) stay out of its way. Unknown paths
        (and the bare root) get a JSON 404."""
        patterns, app_name, namespace = super().urls
        result: list[URLResolver | URLPattern] = []
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and pattern.name == "api-root":
                pattern = URLPattern(pattern.pattern, not_found, name=pattern.name)
            if isinstance(pattern, URLPattern):
                login_not_required(pattern.callback)
            result.append(pattern)
        result.append(re_path(r"^.*$", login_not_required(not_found)))
        return result, app_name, namespace


api = BuurtteamAPI(
    title="buurtteam API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,  # the Swagger page needs a CDN and inline script; the committed OpenAPI file documents it
    openapi_url="/openapi.json",
    auth=[TokenAuth(), SessionAuth()],
)
errors.install(api)
api.add_decorator(refuse_nul_characters, mode="operation")  # a NUL character in any text: 422
api.add_router("", residents.router)
api.add_router("", cases.router)
api.add_router("", dossier.router)
api.add_router("", partners.router)
api.add_router("", referrals.router)
api.add_router("", bridging.router)
api.add_router("", agreements.router)
api.add_router("", safety.router)
api.add_router("", socialmap.router)
api.add_router("", volunteers.router)
api.add_router("", community.router)
api.add_router("", hsds.router)
