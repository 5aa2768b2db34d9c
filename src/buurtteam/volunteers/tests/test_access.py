"""Who sees what of the databank, and what a volunteer record never tells.

* Volunteers, requests and matches: workers, coordinators and the administrator of the organisation;
  the policy officer sees no person; another organisation nothing.
* A request from a case shows the case (and the client's name) only to who sees that case.
* A volunteer who is also a resident-client: no page of the databank reveals the case or that they are a
  client; only the case page says so, to those who read the case.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse

from buurtteam.audit.models import AuditEvent
from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.volunteers import selectors
from buurtteam.volunteers.models import HelpRequest, Match, Volunteer
from buurtteam.volunteers.services import matches, volunteers
from buurtteam.volunteers.tests.factories import help_request, place, volunteer

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_querysets_by_role_and_organisation(tenant: Tenant, other_tenant: Tenant) -> None:
    made = volunteer(tenant)
    request = help_request(tenant)
    matches.match_propose(actor=tenant.worker, help_request=request, volunteer=made)
    for user in (tenant.worker, tenant.colleague, tenant.coordinator, tenant.administrator):
        assert Volunteer.objects.visible_to(user).count() == 1
        assert HelpRequest.objects.visible_to(user).count() == 1
        assert Match.objects.visible_to(user).count() == 1
    for user in (tenant.policy_officer, other_tenant.worker, other_tenant.administrator):
        assert Volunteer.objects.visible_to(user).count() == 0
        assert HelpRequest.objects.visible_to(user).count() == 0
        assert Match.objects.visible_to(user).count() == 0


@pytest.fixture
def client_volunteer(tenant: Tenant) -> dict[str, Any]:
    """Sanne is a client of the tenant's team (a case the worker works on) and also a volunteer."""
    area = place(tenant)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    made = volunteers.volunteer_register(
        actor=tenant.worker, resident_id=resident.pk, passions="Fietsen repareren", interests=["cycling"]
    )
    request = help_request(tenant, postcode=area.postcode.postcode)
    match = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=made)
    return {"case": case, "resident": resident, "volunteer": made, "request": request, "match": match}


def test_a_volunteer_record_of_a_client_does_not_reveal_the_case(
    tenant: Tenant, client_volunteer: dict
) -> None:
    case, made = client_volunteer["case"], client_volunteer["volunteer"]
    pages = [
        reverse("volunteers:volunteer_list"),
        reverse("volunteers:volunteer_detail", kwargs={"volunteer_id": made.pk}),
        reverse("volunteers:volunteer_edit", kwargs={"volunteer_id": made.pk}),
        reverse("volunteers:request_detail", kwargs={"help_request_id": client_volunteer["request"].pk}),
        reverse("volunteers:match_detail", kwargs={"match_id": client_volunteer["match"].pk}),
    ]
    # Not even the worker on the case learns it there; nor a colleague of another team.
    for user in (tenant.worker, tenant.colleague, tenant.coordinator):
        client = login(user)
        for url in pages:
            response = client.get(url)
            body = response.content.decode()
            assert response.status_code == 200 and "Sanne de Vries" in body
            resident_url = reverse("cases:resident_detail", kwargs={"resident_id": case.client_id})
            case_url = reverse("cases:case_detail", kwargs={"case_id": case.pk})
            for secret in (case.reference, case_url, resident_url, "cliënt", "Casus "):
                assert secret not in body, (user, url, secret)


def test_the_case_page_tells_its_readers_that_the_client_volunteers(
    tenant: Tenant, client_volunteer: dict
) -> None:
    case, made = client_volunteer["case"], client_volunteer["volunteer"]
    body = (
        login(tenant.worker).get(reverse("cases:case_detail", kwargs={"case_id": case.pk})).content.decode()
    )
    assert "Deze inwoner is ook vrijwilliger" in body
    assert reverse("volunteers:volunteer_detail", kwargs={"volunteer_id": made.pk}) in body
    # The colleague of another team sees neither the case page nor the link.
    response = login(tenant.colleague).get(reverse("cases:case_detail", kwargs={"case_id": case.pk}))
    assert response.status_code == 404


def test_volunteers_never_see_case_data_in_a_request(tenant: Tenant, client_volunteer: dict) -> None:
    """A request made from a case: its text for everyone in the databank, the case only for its readers."""
    case = client_volunteer["case"]
    request = help_request(tenant, case=case, title="Hulp met de post", description="Brieven sorteren.")
    _found, worker_case = selectors.request_get(actor=tenant.worker, help_request_id=request.pk)
    assert worker_case is not None and worker_case.reference == case.reference
    assert worker_case.client_name == "Sanne de Vries"
    for user in (tenant.colleague, tenant.administrator):  # the administrator is in the team: summary level
        found, case_ref = selectors.request_get(actor=user, help_request_id=request.pk)
        assert found.pk == request.pk
        assert (case_ref is not None) == (user == tenant.administrator)
    colleague = login(tenant.colleague)
    for url in (
        reverse("volunteers:request_detail", kwargs={"help_request_id": request.pk}),
        reverse("volunteers:request_list"),
    ):
        body = colleague.get(url).content.decode()
        assert "Hulp met de post" in body
        assert (
            case.reference not in body
            and reverse("cases:case_detail", kwargs={"case_id": case.pk}) not in body
        )
        assert "Casus " not in body


def test_reads_are_audited_with_the_subject_only_for_who_sees_it(
    tenant: Tenant, client_volunteer: dict
) -> None:
    made = client_volunteer["volunteer"]
    selectors.volunteer_get(actor=tenant.worker, volunteer_id=made.pk)
    event = AuditEvent.objects.filter(object_type="volunteer", actor_id=tenant.worker.pk).latest("id")
    assert event.action == "read" and event.subject_id == client_volunteer["resident"].pk
    selectors.volunteer_get(actor=tenant.colleague, volunteer_id=made.pk)
    event = AuditEvent.objects.filter(object_type="volunteer", actor_id=tenant.colleague.pk).latest("id")
    assert event.action == "read" and event.subject_id is None
    selectors.match_get(actor=tenant.colleague, match_id=client_volunteer["match"].pk)
    assert AuditEvent.objects.filter(
        object_type="match", action="read", actor_id=tenant.colleague.pk
    ).exists()
    selectors.request_page(actor=tenant.colleague)
    event = AuditEvent.objects.filter(object_type="help_request_list").latest("id")
    assert event.details["results"] == [client_volunteer["request"].pk]
