"""A NUL character (U+0000) in a GET parameter of a page: 400, never a 500, nothing written.

PostgreSQL cannot compare a text with a NUL character; a search page that passed ``?q=%00`` to a query
ended in a 500 there. ``core.middleware.RefuseNulCharactersMiddleware`` answers every page with a NUL in a GET
parameter with the 400 page. The walk below takes every search and list page with a GET form: the names
of its form's fields (read from the page itself) and the parameters views read directly, one request each.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Tenant
from django.conf import settings
from django.test import Client, override_settings

from buurtteam.core.gate import system_access
from buurtteam.core.tests.tables import table_counts

NUL = "\x00"
MIDDLEWARE = "buurtteam.core.middleware.RefuseNulCharactersMiddleware"
# Parameters that views read from request.GET without a form (grep "request.GET" in the views).
RAW = ("q", "zoek", "inwoner", "pagina", "ook", "status", "resident", "toon", "service")
# Pages with a GET form or a GET parameter, and who may open them.
PAGES = [
    ("/sociale-kaart/", "worker"),
    ("/sociale-kaart/organisaties/", "worker"),
    ("/sociale-kaart/locaties/", "worker"),
    ("/sociale-kaart/te-controleren/", "administrator"),
    ("/inwoners/", "worker"),
    ("/aanmelden/", "worker"),
    ("/casussen/", "worker"),
    ("/teams/{team_id}/casussen/", "worker"),
    ("/teams/{team_id}/wachtlijst/", "worker"),
    ("/vrijwilligers/", "worker"),
    ("/vrijwilligers/nieuw/", "worker"),
    ("/hulpvragen/", "worker"),
    ("/netwerkpartners/", "worker"),
    ("/beheer/netwerkpartners/", "administrator"),
    ("/beheer/medewerkers/", "administrator"),
    ("/audit/", "administrator"),
    ("/signalen/", "worker"),
    ("/signalen/nieuw/", "worker"),
    ("/signalen/per-buurt/", "worker"),
    ("/toeleiding/per-activiteit/", "worker"),
    ("/groepen/", "worker"),
]
_GET_FORM = re.compile(r"<form\b(?=[^>]*\bmethod=\"get\")[^>]*>(.*?)</form>", re.S | re.I)
_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.I)


def _form_fields(html: str) -> set[str]:
    return {name for form in _GET_FORM.findall(html) for name in _NAME.findall(form)}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_every_search_page_answers_400(tenant: Tenant) -> None:
    failures: list[tuple[str, str, Any]] = []
    found_fields: set[str] = set()
    for path, who in PAGES:
        url = path.format(team_id=tenant.team.pk)
        client = _client(getattr(tenant, who))
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        fields = _form_fields(page.content.decode())
        found_fields |= fields
        before = table_counts()  # after the page's first view (taxonomies made on first use, audit)
        for name in sorted(fields | set(RAW)):
            response = client.get(url, {name: f"ab{NUL}"})
            if response.status_code != 400 or "Ongeldig verzoek" not in response.content.decode():
                failures.append((url, name, response.status_code))
        if (after := table_counts()) != before:
            failures.append((url, "writes", {t: n for t, n in after.items() if n != before[t]}))
    assert not failures, failures
    assert {"q", "buurt", "postcode", "person"} <= found_fields, found_fields  # the walk reads the forms


@pytest.mark.django_db
def test_the_platform_admin_search(db: None) -> None:
    """Django's admin reads its search (``?q=``) without a form."""
    from django.contrib import admin

    from buurtteam.accounts.models import User

    with system_access("test fixture: a platform account"):
        root = User.objects.create_superuser(username="platform", email="p@example.org", password="x" * 20)
    client = _client(root)
    for model in admin.site._registry:
        url = f"/platformbeheer/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url, {"q": "Utrecht"}).status_code == 200, url
        assert client.get(url, {"q": f"ab{NUL}"}).status_code == 400, url


@pytest.mark.django_db
def test_a_nul_in_a_parameter_name_or_one_of_several_values(tenant: Tenant) -> None:
    client = _client(tenant.worker)
    assert client.get(f"/sociale-kaart/?a{NUL}b=1").status_code == 400
    assert client.get("/sociale-kaart/?term=1&term=2%00").status_code == 400
    assert client.get("/sociale-kaart/?q=eenzaam").status_code == 200


@pytest.mark.django_db
def test_not_logged_in_is_still_sent_to_log_in(tenant: Tenant) -> None:
    response = Client().get("/sociale-kaart/?q=%00")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


@pytest.mark.django_db
def test_the_api_is_left_to_its_own_check(tenant: Tenant) -> None:
    """The API names the field in a 422 of its own (``api/tests/test_nul_characters.py``)."""
    response = Client().get(f"/api/v1/public/{tenant.organisation.pk}/organizations", {"search": NUL})
    assert response.status_code in {404, 422}
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_without_the_middleware_a_form_still_refuses_it(tenant: Tenant) -> None:
    """Django's form ``CharField`` refuses a NUL (``ProhibitNullCharactersValidator``): the pages that read
    their parameters through a form were safe already; the middleware covers the others."""
    middleware = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    with override_settings(MIDDLEWARE=middleware):
        response = _client(tenant.worker).get("/inwoners/", {"q": f"ab{NUL}"})
    assert response.status_code in {200, 400}
    assert "Null-tekens zijn niet toegestaan." in response.content.decode()
