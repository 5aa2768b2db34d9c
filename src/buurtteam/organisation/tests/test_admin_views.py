"""The functional administrator's screens: organisation, teams, locations, providers and disciplines."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Discipline, Location, Neighbourhood, Organisation, Provider, Team
from buurtteam.organisation.tests.factories import (
    DisciplineFactory,
    LocationFactory,
    NeighbourhoodFactory,
    ProviderFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

LIST_AND_CREATE = [
    "organisation:admin_home",
    "organisation:team_admin_list",
    "organisation:team_admin_create",
    "organisation:location_admin_list",
    "organisation:location_admin_create",
    "organisation:provider_admin_list",
    "organisation:provider_admin_create",
    "organisation:discipline_admin_list",
    "organisation:discipline_admin_create",
]
EDIT = ["team", "location", "provider", "discipline"]


def _objects(tenant: Tenant) -> dict[str, Any]:
    return {
        "team": tenant.team,
        "location": LocationFactory.create(organisation=tenant.organisation),
        "provider": ProviderFactory.create(organisation=tenant.organisation),
        "discipline": DisciplineFactory.create(organisation=tenant.organisation),
    }


def _edit_url(kind: str, obj: Any) -> str:
    return reverse(f"organisation:{kind}_admin_edit", kwargs={f"{kind}_id": obj.pk})


def _all_urls(tenant: Tenant) -> list[str]:
    objects = _objects(tenant)
    return [reverse(name) for name in LIST_AND_CREATE] + [_edit_url(k, objects[k]) for k in EDIT]


def _writes() -> int:
    return AuditEvent.objects.filter(action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]).count()


def _count(model: Any) -> int:
    with system_access("test assertion"):
        return int(model.objects.count())


def _neighbourhood(tenant: Tenant, **kwargs: Any) -> Neighbourhood:
    return NeighbourhoodFactory.create(district__municipality=tenant.organisation.municipality, **kwargs)


def _team_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "Buurtteam Noord", "email": "noord@example.org", "phone": "073 123 45 67"}
    data["is_active"] = "on"
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client: Client, tenant: Tenant) -> Client:
    client.force_login(tenant.administrator)
    return client


# --- Access ---------------------------------------------------------------------------------------
def test_every_page_renders_for_the_administrator(admin_client: Client, tenant: Tenant) -> None:
    for url in _all_urls(tenant):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert 'lang="nl"' in body
        assert "Beheer" in body


@pytest.mark.parametrize("role", ["worker", "coordinator", "policy_officer"])
def test_other_roles_of_the_same_organisation_get_404(client: Client, tenant: Tenant, role: str) -> None:
    client.force_login(getattr(tenant, role))
    for url in _all_urls(tenant):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Pagina niet gevonden" in response.content.decode()
    writes = _writes()
    response = client.post(reverse("organisation:team_admin_create"), _team_data())
    assert response.status_code == 404
    assert _writes() == writes


def test_administrator_of_another_organisation_cannot_reach_objects(
    client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    objects = _objects(tenant)
    client.force_login(other_tenant.administrator)
    writes = _writes()
    for kind in EDIT:
        url = _edit_url(kind, objects[kind])
        assert client.get(url).status_code == 404, url
        response = client.post(url, {"name": "Overgenomen", "code": "overgenomen"})
        assert response.status_code == 404, url
        assert "Pagina niet gevonden" in response.content.decode()
    assert _writes() == writes
    with system_access("test assertion"):
        assert Team.objects.get(pk=tenant.team.pk).name == tenant.team.name


def test_overview_counts_only_own_organisation(
    admin_client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    response = admin_client.get(reverse("organisation:admin_home"))
    body = response.content.decode()
    assert "2 teams, waarvan 2 actief" in body
    assert "5 actieve medewerkers" in body
    assert other_tenant.organisation.name not in body


def test_navigation_shows_beheer_only_to_administrators(client: Client, tenant: Tenant) -> None:
    url = reverse("organisation:admin_home")
    client.force_login(tenant.administrator)
    assert f'href="{url}"' in client.get(reverse("workspace:home")).content.decode()
    client.force_login(tenant.coordinator)
    assert f'href="{url}"' not in client.get(reverse("workspace:home")).content.decode()


# --- Organisation ---------------------------------------------------------------------------------
def test_administrator_updates_the_organisation(admin_client: Client, tenant: Tenant) -> None:
    response = admin_client.post(
        reverse("organisation:admin_home"),
        {
            "name": "Buurtteams Oost",
            "kind": "partnership",
            "email": "info@example.org",
            "phone": "073 1234567",
            "bsn_enabled": "on",
            "intake_conversation_limit": "4",
            "pickup_target_working_days": "8",
            "reopen_window_days": "60",
            "stuck_after_weeks": "3",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Opgeslagen." in response.content.decode()
    with system_access("test assertion"):
        org = Organisation.objects.get(pk=tenant.organisation.pk)
    assert (org.name, org.kind, org.email) == ("Buurtteams Oost", "partnership", "info@example.org")
    assert org.bsn_enabled and org.intake_conversation_limit == 4 and org.pickup_target_working_days == 8
    assert (org.reopen_window_days, org.stuck_after_weeks) == (60, 3)
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="organisation")
    assert event.object_id == str(org.pk)
    assert event.actor_id == tenant.administrator.pk


def test_organisation_form_rejects_bad_input(admin_client: Client, tenant: Tenant) -> None:
    writes = _writes()
    response = admin_client.post(
        reverse("organisation:admin_home"), {"name": "", "kind": "provider", "email": "geen-adres"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dit veld is verplicht." in body
    assert "Vul een geldig e-mailadres in" in body
    assert _writes() == writes


# --- Teams ----------------------------------------------------------------------------------------
def test_create_team_with_neighbourhoods_locations_and_providers(
    admin_client: Client, tenant: Tenant
) -> None:
    buurt = _neighbourhood(tenant)
    location = LocationFactory.create(organisation=tenant.organisation)
    provider = ProviderFactory.create(organisation=tenant.organisation)
    response = admin_client.post(
        reverse("organisation:team_admin_create"),
        _team_data(neighbourhoods=[buurt.pk], locations=[location.pk], providers=[provider.pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organisation:team_admin_list")
    with system_access("test assertion"):
        team = Team.objects.get(organisation=tenant.organisation, name="Buurtteam Noord")
        assert list(team.neighbourhoods.all()) == [buurt]
        assert list(team.locations.all()) == [location]
        assert list(team.providers.all()) == [provider]
    assert team.is_active and team.email == "noord@example.org"
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="team")
    assert event.object_id == str(team.pk)
    assert event.actor_id == tenant.administrator.pk
    assert event.organisation_id == tenant.organisation.pk
    assert "Opgeslagen." in admin_client.get(response["Location"]).content.decode()


def test_edit_team(admin_client: Client, tenant: Tenant) -> None:
    buurt = _neighbourhood(tenant)
    url = _edit_url("team", tenant.team)
    assert tenant.team.name in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"name": "Team Zuid", "neighbourhoods": [buurt.pk]})  # is_active off
    assert response.status_code == 302
    with system_access("test assertion"):
        team = Team.objects.get(pk=tenant.team.pk)
        assert list(team.neighbourhoods.all()) == [buurt]
    assert team.name == "Team Zuid"
    assert not team.is_active
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="team")
    assert (event.object_id, event.actor_id) == (str(team.pk), tenant.administrator.pk)
    assert set(event.details["fields"]) == {"name", "is_active"}


def _assert_team_rejected(client: Client, url: str, data: dict[str, Any], message: str) -> None:
    teams, writes = _count(Team), _writes()
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body, body
    assert "er is nog niets opgeslagen" in body
    assert _count(Team) == teams
    assert _writes() == writes


def test_team_needs_a_name(admin_client: Client) -> None:
    url = reverse("organisation:team_admin_create")
    _assert_team_rejected(admin_client, url, _team_data(name=""), "Dit veld is verplicht.")


def test_team_name_must_be_unique_in_the_organisation(admin_client: Client, tenant: Tenant) -> None:
    url = reverse("organisation:team_admin_create")
    data = _team_data(name=tenant.team.name.upper())
    _assert_team_rejected(admin_client, url, data, "Er is al een team met deze naam.")


def test_same_team_name_in_another_organisation_is_fine(
    admin_client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    response = admin_client.post(
        reverse("organisation:team_admin_create"), _team_data(name=other_tenant.team.name)
    )
    assert response.status_code == 302


def test_buurt_of_another_active_team_is_refused(admin_client: Client, tenant: Tenant) -> None:
    buurt = _neighbourhood(tenant, name="Hintham")
    with system_access("test setup"):
        tenant.other_team.neighbourhoods.add(buurt)
    url = reverse("organisation:team_admin_create")
    form_page = admin_client.get(url).content.decode()
    assert f"Hintham ({buurt.district.name}) — nu bij {tenant.other_team.name}" in form_page
    data = _team_data(neighbourhoods=[buurt.pk])
    _assert_team_rejected(
        admin_client, url, data, f"Buurt Hintham hoort al bij team {tenant.other_team.name}."
    )
    # Editing an existing team: the change is rolled back as a whole.
    edit = _edit_url("team", tenant.team)
    _assert_team_rejected(admin_client, edit, _team_data(neighbourhoods=[buurt.pk]), "hoort al bij team")
    with system_access("test assertion"):
        assert Team.objects.get(pk=tenant.team.pk).name == tenant.team.name


def test_buurt_of_another_municipality_is_refused(admin_client: Client, other_tenant: Tenant) -> None:
    elsewhere = _neighbourhood(other_tenant)
    url = reverse("organisation:team_admin_create")
    data = _team_data(neighbourhoods=[elsewhere.pk])
    _assert_team_rejected(admin_client, url, data, "Kies alleen buurten uit uw eigen gemeente.")


def test_location_of_another_organisation_is_refused(admin_client: Client, other_tenant: Tenant) -> None:
    foreign = LocationFactory.create(organisation=other_tenant.organisation)
    url = reverse("organisation:team_admin_create")
    data = _team_data(locations=[foreign.pk])
    _assert_team_rejected(admin_client, url, data, "Kies alleen locaties van uw eigen organisatie.")
    foreign_provider = ProviderFactory.create(organisation=other_tenant.organisation)
    data = _team_data(providers=[foreign_provider.pk])
    _assert_team_rejected(admin_client, url, data, "Kies alleen aanbieders van uw eigen organisatie.")


def test_team_form_lists_only_own_choices(admin_client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    own = _neighbourhood(tenant, name="Eigen buurt")
    _neighbourhood(other_tenant, name="Vreemde buurt")
    LocationFactory.create(organisation=other_tenant.organisation, name="Vreemd wijkplein")
    body = admin_client.get(reverse("organisation:team_admin_create")).content.decode()
    assert own.name in body
    assert "Vreemde buurt" not in body
    assert "Vreemd wijkplein" not in body
    assert '<fieldset class="utrecht-form-fieldset' in body
    assert "<legend" in body


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_team(tenant: Tenant, n: int) -> None:
    team = TeamFactory.create(organisation=tenant.organisation)
    member_of(team)
    with system_access("test setup"):
        team.locations.add(LocationFactory.create(organisation=tenant.organisation, name=f"Plek {n}"))
        team.neighbourhoods.add(_neighbourhood(tenant))


def test_team_list_query_count_does_not_grow_with_rows(admin_client: Client, tenant: Tenant) -> None:
    url = reverse("organisation:team_admin_list")
    admin_client.get(url)  # warm up
    for n in range(3):
        _add_team(tenant, n)
    few = _queries(admin_client, url)
    for n in range(3, 30):
        _add_team(tenant, n)
    many = _queries(admin_client, url)
    assert few == many
    assert "Plek 29" in admin_client.get(url).content.decode()


@pytest.mark.parametrize("kind", ["location", "provider", "discipline"])
def test_other_lists_query_count_does_not_grow(admin_client: Client, tenant: Tenant, kind: str) -> None:
    factories: dict[str, Any] = {
        "location": LocationFactory,
        "provider": ProviderFactory,
        "discipline": DisciplineFactory,
    }
    factory = factories[kind]
    url = reverse(f"organisation:{kind}_admin_list")
    factory.create_batch(3, organisation=tenant.organisation)
    admin_client.get(url)  # warm up: the first request after log-in stamps the session
    few = _queries(admin_client, url)
    factory.create_batch(27, organisation=tenant.organisation)
    assert _queries(admin_client, url) == few


# --- Locations ------------------------------------------------------------------------------------
def _location_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Wijkplein De Kruiskamp",
        "kind": "wijkplein",
        "street": "Zuid-Willemsvaart",
        "house_number": "10a",
        "postcode": "5211 ab",
        "city": "'s-Hertogenbosch",
        "opening_hours": "ma-vr 9-17",
    }
    data.update(overrides)
    return data


def test_create_and_edit_location(admin_client: Client, tenant: Tenant) -> None:
    buurt = _neighbourhood(tenant)
    response = admin_client.post(
        reverse("organisation:location_admin_create"), _location_data(neighbourhood=buurt.pk)
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        location = Location.objects.get(organisation=tenant.organisation, name="Wijkplein De Kruiskamp")
    assert location.postcode == "5211AB"
    assert location.neighbourhood == buurt
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="location")
    assert (created.object_id, created.actor_id) == (str(location.pk), tenant.administrator.pk)

    url = _edit_url("location", location)
    assert "5211 AB" in admin_client.get(url).content.decode()
    response = admin_client.post(url, _location_data(postcode="5211AB", house_number="12", neighbourhood=""))
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.house_number == "12"
    assert location.neighbourhood_id is None
    updated = AuditEvent.objects.get(action=Action.UPDATE, object_type="location")
    assert updated.object_id == str(location.pk)
    assert set(updated.details["fields"]) == {"house_number", "neighbourhood"}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"postcode": "12345"}, "Vul een geldige postcode in, bijvoorbeeld 5211 AB."),
        ({"postcode": "0123 AB"}, "Vul een geldige postcode in"),
        ({"name": ""}, "Dit veld is verplicht."),
        ({"kind": ""}, "Dit veld is verplicht."),
    ],
)
def test_location_rejects_bad_input(admin_client: Client, overrides: dict[str, Any], message: str) -> None:
    locations, writes = _count(Location), _writes()
    response = admin_client.post(reverse("organisation:location_admin_create"), _location_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _count(Location) == locations
    assert _writes() == writes


def test_location_refuses_neighbourhood_of_another_municipality(
    admin_client: Client, other_tenant: Tenant
) -> None:
    elsewhere = _neighbourhood(other_tenant)
    locations, writes = _count(Location), _writes()
    response = admin_client.post(
        reverse("organisation:location_admin_create"), _location_data(neighbourhood=elsewhere.pk)
    )
    assert response.status_code == 400
    assert "Kies een buurt uit uw eigen gemeente." in response.content.decode()
    assert (_count(Location), _writes()) == (locations, writes)


def test_location_name_must_be_unique(admin_client: Client, tenant: Tenant) -> None:
    LocationFactory.create(organisation=tenant.organisation, name="Wijkplein De Kruiskamp")
    locations = _count(Location)
    response = admin_client.post(reverse("organisation:location_admin_create"), _location_data())
    assert response.status_code == 400
    assert "Er is al een locatie met deze naam." in response.content.decode()
    assert _count(Location) == locations


# --- Providers ------------------------------------------------------------------------------------
def test_create_and_edit_provider(admin_client: Client, tenant: Tenant) -> None:
    response = admin_client.post(
        reverse("organisation:provider_admin_create"),
        {"name": "Stichting Welzijn", "kvk_number": "1234 5678"},
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        provider = Provider.objects.get(organisation=tenant.organisation, name="Stichting Welzijn")
    assert provider.kvk_number == "12345678"
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="provider")
    assert (created.object_id, created.actor_id) == (str(provider.pk), tenant.administrator.pk)

    response = admin_client.post(_edit_url("provider", provider), {"name": "MEE", "kvk_number": ""})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.kvk_number) == ("MEE", "")
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, object_type="provider", object_id=str(provider.pk)
    ).exists()


def test_provider_rejects_bad_kvk_number_and_duplicates(admin_client: Client, tenant: Tenant) -> None:
    existing = ProviderFactory.create(organisation=tenant.organisation)
    providers, writes = _count(Provider), _writes()
    url = reverse("organisation:provider_admin_create")
    response = admin_client.post(url, {"name": "Nieuw", "kvk_number": "1234"})
    assert response.status_code == 400
    assert "Een KvK-nummer heeft 8 cijfers." in response.content.decode()
    response = admin_client.post(url, {"name": existing.name, "kvk_number": ""})
    assert response.status_code == 400
    assert "Er is al een aanbieder met deze naam." in response.content.decode()
    assert (_count(Provider), _writes()) == (providers, writes)


# --- Disciplines ----------------------------------------------------------------------------------
def test_create_and_edit_discipline(admin_client: Client, tenant: Tenant) -> None:
    response = admin_client.post(reverse("organisation:discipline_admin_create"), {"name": "Jongerenwerk"})
    assert response.status_code == 302
    with system_access("test assertion"):
        discipline = Discipline.objects.get(organisation=tenant.organisation, name="Jongerenwerk")
    assert discipline.code == "jongerenwerk"
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="discipline")
    assert (created.object_id, created.actor_id) == (str(discipline.pk), tenant.administrator.pk)

    url = _edit_url("discipline", discipline)
    response = admin_client.post(url, {"name": "Jongerenwerker", "code": "jongerenwerk"})
    assert response.status_code == 302
    discipline.refresh_from_db()
    assert discipline.name == "Jongerenwerker"
    updated = AuditEvent.objects.get(action=Action.UPDATE, object_type="discipline")
    assert updated.details["fields"] == ["name"]


def test_discipline_rejects_duplicates_and_bad_codes(admin_client: Client, tenant: Tenant) -> None:
    existing = DisciplineFactory.create(organisation=tenant.organisation, code="wijkverpleging")
    disciplines, writes = _count(Discipline), _writes()
    url = reverse("organisation:discipline_admin_create")
    response = admin_client.post(url, {"name": "Anders", "code": "wijkverpleging"})
    assert response.status_code == 400
    assert "Er is al een discipline met deze code." in response.content.decode()
    response = admin_client.post(url, {"name": existing.name})
    assert "Er is al een discipline met deze naam." in response.content.decode()
    response = admin_client.post(url, {"name": "Met spatie", "code": "met spatie"})
    assert "Gebruik alleen kleine letters, cijfers en streepjes." in response.content.decode()
    assert (_count(Discipline), _writes()) == (disciplines, writes)
