from __future__ import annotations

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_coordinator_sees_own_team_in_dutch(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.coordinator)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert tenant.team.name in body
    assert "Uw team" in body
    assert 'lang="nl"' in body


@pytest.mark.django_db
def test_team_page_lists_members(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    response = client.get(reverse("workspace:team_detail", args=[tenant.team.pk]))
    assert response.status_code == 200
    assert tenant.coordinator.full_name in response.content.decode()


@pytest.mark.django_db
def test_other_organisations_team_is_404(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    client.force_login(other_tenant.worker)
    response = client.get(reverse("workspace:team_detail", args=[tenant.team.pk]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.django_db
def test_social_basis_page_lists_what_the_role_uses(client: Client, tenant: Tenant) -> None:
    from buurtteam.accounts.tests.factories import member_of
    from buurtteam.core.gate import system_access
    from buurtteam.organisation.models import Discipline

    client.force_login(tenant.worker)
    body = client.get(reverse("workspace:social_basis")).content.decode()
    assert reverse("socialmap:search") in body
    assert reverse("volunteers:volunteer_list") in body and reverse("community:signal_list") in body
    assert reverse("map_exchange:page") not in body  # only for those who keep the map
    assert 'href="/sociale-basis/"' in body  # the menu entry

    client.force_login(tenant.policy_officer)
    body = client.get(reverse("workspace:social_basis")).content.decode()
    assert reverse("socialmap:search") in body and reverse("community:signal_overview") in body
    assert reverse("volunteers:volunteer_list") not in body  # no persons for a policy officer
    assert f'href="{reverse("community:signal_list")}"' not in body

    lead = member_of(tenant.team)
    with system_access("test fixture"):
        discipline, _ = Discipline.objects.get_or_create(
            organisation=tenant.organisation, code="social-basis-lead", defaults={"name": "Sociale basis"}
        )
    lead.disciplines.add(discipline)
    client.force_login(lead)
    body = client.get(reverse("workspace:social_basis")).content.decode()
    assert reverse("map_exchange:page") in body and reverse("socialmap:stale") in body
