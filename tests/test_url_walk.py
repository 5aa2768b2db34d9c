"""Walk every URL pattern of the app: anonymous users are sent to log in, other organisations get 404.

A new URL with an object id needs an entry in OBJECT_KWARGS; the test fails until it has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import Tenant
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Team
from buurtteam.organisation.tests.factories import DisciplineFactory, LocationFactory, ProviderFactory

# Public views: they need no log-in, and show nothing of any organisation.
PUBLIC_KWARGS = {"uidb64": "MQ", "token": "abc-123"}
SKIP_PREFIXES = ("platformbeheer/",)  # Django admin: reference data only, tested separately below


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwarg_names: tuple[str, ...]
    callback: Callable[..., Any]

    @property
    def public(self) -> bool:
        return not getattr(self.callback, "login_required", True)


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {})
            yield Route(f"{namespace}{entry.name}", route, tuple(converters), entry.callback)


ROUTES = [r for r in _walk(get_resolver().url_patterns) if not r.route.startswith(SKIP_PREFIXES)]


def test_the_walk_finds_the_app() -> None:
    names = {r.name for r in ROUTES}
    assert {"workspace:home", "workspace:team_detail", "accounts:login", "audit:trail"} <= names
    assert len(ROUTES) >= 15


def _object_kwargs(tenant: Tenant) -> dict[str, int]:
    return {
        "team_id": tenant.team.pk,
        "staff_id": tenant.worker.pk,
        "location_id": LocationFactory.create(organisation=tenant.organisation).pk,
        "provider_id": ProviderFactory.create(organisation=tenant.organisation).pk,
        "discipline_id": DisciplineFactory.create(organisation=tenant.organisation).pk,
    }


def _url(route: Route, objects: dict[str, Any]) -> str:
    values = {**PUBLIC_KWARGS, **objects}
    missing = [k for k in route.kwarg_names if k not in values]
    assert not missing, f"{route.name}: add {missing} to the URL walk's object kwargs"
    return reverse(route.name, kwargs={k: values[k] for k in route.kwarg_names})


def _fingerprints(tenant: Tenant) -> list[str]:
    """Strings that must never appear on another organisation's pages."""
    return [tenant.team.name, tenant.other_team.name, tenant.worker.full_name, tenant.coordinator.full_name]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_gets_the_login_page(client: Client, tenant: Tenant, route: Route) -> None:
    url = _url(route, _object_kwargs(tenant))
    response = client.get(url)
    if route.public:
        assert response.status_code in {200, 302, 405}, url
        body = response.content.decode()
        for secret in _fingerprints(tenant):
            assert secret not in body
    else:
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), url


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ["worker", "coordinator", "administrator", "policy_officer"])
def test_other_organisation_gets_404(
    client: Client, tenant: Tenant, other_tenant: Tenant, route: Route, role: str
) -> None:
    url = _url(route, _object_kwargs(tenant))
    client.force_login(getattr(other_tenant, role))
    response = client.get(url)
    if any(k.endswith("_id") for k in route.kwarg_names):
        # 405: a POST-only action refuses GET before any look-up; its POST is checked below.
        assert response.status_code in {404, 405}, f"{role} of another organisation reached {url}"
        if response.status_code == 404:
            assert "Pagina niet gevonden" in response.content.decode()
    else:
        assert response.status_code in {200, 302, 404, 405}, url
    body = response.content.decode()
    for secret in _fingerprints(tenant):
        assert secret not in body, f"{url} shows {secret!r} to another organisation"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if any(k.endswith("_id") for k in r.kwarg_names)], ids=lambda r: r.name
)
def test_other_organisation_cannot_write(
    client: Client, tenant: Tenant, other_tenant: Tenant, route: Route
) -> None:
    url = _url(route, _object_kwargs(tenant))
    client.force_login(other_tenant.administrator)
    writes_before = AuditEvent.objects.filter(
        action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]
    ).count()
    get_status = client.get(url).status_code
    response = client.post(
        url, {"name": "Overgenomen", "first_name": "X", "last_name": "Y", "email": "x@example.org"}
    )
    # Either the POST is refused as not found, or the view takes no POST at all and its GET was a 404.
    assert response.status_code == 404 or (response.status_code == 405 and get_status == 404), url
    assert (
        AuditEvent.objects.filter(action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]).count()
        == writes_before
    )
    with system_access("test assertion"):
        assert Team.objects.get(pk=tenant.team.pk).name == tenant.team.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/teams/abc/", "/teams/99999999999999999999/", "/medewerkers/-1/", "/bestaat-niet/"]
)
def test_malformed_urls_give_dutch_404(client: Client, tenant: Tenant, path: str) -> None:
    client.force_login(tenant.worker)
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_huge_id_gives_404_not_500(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    response = client.get(f"/teams/{2**70}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_platform_admin_is_closed_to_staff_and_has_no_personal_data(client: Client, tenant: Tenant) -> None:
    from django.contrib import admin

    registered = {m._meta.label for m in admin.site._registry}
    assert registered <= {
        "organisation.Municipality",
        "organisation.District",
        "organisation.Neighbourhood",
        "organisation.Postcode",
    }
    client.force_login(tenant.administrator)  # a functional administrator is not a platform administrator
    response = client.get("/platformbeheer/")
    assert response.status_code == 302 and "/platformbeheer/login/" in response["Location"]
