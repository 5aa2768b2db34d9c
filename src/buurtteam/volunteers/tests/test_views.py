"""The pages: lists, forms (bad input gives Dutch errors and changes nothing, HTML is shown escaped),
the request page with its explained suggestions, the match steps, and the case page's section."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import AuditEvent
from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.volunteers.models import HelpRequest, Match, MatchStatus, Volunteer
from buurtteam.volunteers.services import matches
from buurtteam.volunteers.tests.factories import help_request, place, volunteer

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def count(model: Any) -> int:
    with system_access("test assertion"):
        return int(model.objects.count())


def page(client: Client, name: str, status: int = 200, **kwargs: Any) -> str:
    response = client.get(reverse(f"volunteers:{name}", kwargs=kwargs))
    assert response.status_code == status, response.content.decode()[:500]
    return response.content.decode()


VOLUNTEER_POST = {
    "first_name": "Fatima",
    "last_name": "El Amrani",
    "phone": "0611111111",
    "email": "fatima@example.org",
    "postcode": "",
    "travel_radius_km": "4",
    "passions": "Koken voor grote groepen",
    "talents": "Geduld, Arabisch en Nederlands",
    "likes": "Samen boodschappen doen",
    "interests": ["cooking", "shopping"],
    "languages": ["nl", "ar"],
    "availability": ["0-0", "2-1"],
}


def test_register_a_volunteer(tenant: Tenant) -> None:
    client = login(tenant.worker)
    assert "Vrijwilliger inschrijven" in page(client, "volunteer_create")
    response = client.post(reverse("volunteers:volunteer_create"), VOLUNTEER_POST)
    assert response.status_code == 302
    with system_access("test assertion"):
        made = Volunteer.objects.get()
    assert made.languages == ",ar,nl," and made.travel_radius_km == 4
    body = client.get(response["Location"]).content.decode()
    assert "Fatima El Amrani" in body and "Koken voor grote groepen" in body and "Arabisch" in body
    assert "Woensdag" in body  # the availability table


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"first_name": ""}, "Dit veld is verplicht."),
        ({"postcode": "99"}, "Vul een geldige postcode in"),
        ({"travel_radius_km": "100"}, "Hoogstens 25 km."),
        ({"travel_radius_km": "veel"}, "Vul een heel getal in."),
        ({"languages": ["xx"]}, "Kies alleen uit de lijst."),
        ({"passions": "<script>alert(1)</script>"}, "Gebruik geen HTML-code"),
    ],
)
def test_register_refuses_bad_input_in_dutch(tenant: Tenant, change: dict, message: str) -> None:
    client = login(tenant.worker)
    response = client.post(reverse("volunteers:volunteer_create"), {**VOLUNTEER_POST, **change})
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert "<script>alert(1)</script>" not in body
    assert count(Volunteer) == 0


def test_text_is_shown_escaped(tenant: Tenant) -> None:
    made = volunteer(tenant, likes="Taart <b>bakken</b> & delen")
    body = page(login(tenant.worker), "volunteer_detail", volunteer_id=made.pk)
    assert "Taart &lt;b&gt;bakken&lt;/b&gt; &amp; delen" in body


def test_list_filters(tenant: Tenant) -> None:
    volunteer(tenant, first_name="Fietser", interests=["cycling"], languages=["nl"])
    volunteer(tenant, first_name="Kok", passions="Koken", talents="", interests=["cooking"], languages=["tr"])
    client = login(tenant.colleague)
    body = page(client, "volunteer_list")
    assert "Fietser" in body and "Kok" in body and "2 actieve vrijwilligers" in body
    response = client.get(reverse("volunteers:volunteer_list"), {"taal": "tr"})
    assert "Kok" in response.content.decode() and "Fietser" not in response.content.decode()
    response = client.get(reverse("volunteers:volunteer_list"), {"interesse": "cycling", "dagdeel": "1-1"})
    assert "Fietser" in response.content.decode() and "Kok Smit" not in response.content.decode()
    response = client.get(reverse("volunteers:volunteer_list"), {"dagdeel": "9-9"})
    assert response.status_code == 400 and "Selecteer een geldige keuze" in response.content.decode()
    assert AuditEvent.objects.filter(object_type="volunteer_list", actor_id=tenant.colleague.pk).exists()


def test_register_from_a_resident(tenant: Tenant) -> None:
    area = place(tenant)
    resident = resident_in(tenant, area)
    client = login(tenant.worker)
    body = client.get(reverse("volunteers:volunteer_create"), {"zoek": "Sanne"}).content.decode()
    assert f"?inwoner={resident.pk}" in body
    body = client.get(reverse("volunteers:volunteer_create"), {"inwoner": resident.pk}).content.decode()
    assert 'value="Sanne"' in body
    url = reverse("volunteers:volunteer_create") + f"?inwoner={resident.pk}"
    response = client.post(url, {**VOLUNTEER_POST, "first_name": "Sanne", "last_name": "de Vries"})
    assert response.status_code == 302
    with system_access("test assertion"):
        assert Volunteer.objects.get().resident_id == resident.pk
    # A resident the actor cannot see: 404, nothing made.
    assert login(tenant.colleague).get(url).status_code == 404


def test_vog_pause_and_resume_pages(tenant: Tenant) -> None:
    made = volunteer(tenant)
    client = login(tenant.worker)
    url = reverse("volunteers:volunteer_vog", kwargs={"volunteer_id": made.pk})
    response = client.post(url, {"vog-vog_status": "valid", "vog-vog_issued_on": ""})
    assert (
        response.status_code == 400
        and "Vul de datum in waarop de VOG is afgegeven." in response.content.decode()
    )
    response = client.post(url, {"vog-vog_status": "valid", "vog-vog_issued_on": "01-02-2025"})
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "VOG geldig tot 02-2028" in body
    response = client.post(
        reverse("volunteers:volunteer_pause", kwargs={"volunteer_id": made.pk}), {"pause-note": "Ziek"}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("volunteers:volunteer_pause", kwargs={"volunteer_id": made.pk}), {"pause-note": ""}
    )
    assert response.status_code == 400 and "al gepauzeerd" in response.content.decode()
    assert (
        client.post(reverse("volunteers:volunteer_resume", kwargs={"volunteer_id": made.pk})).status_code
        == 302
    )


REQUEST_POST = {
    "title": "Maatje om te wandelen",
    "kind": "buddy",
    "description": "Een vrouw van 80 wil graag weer naar buiten en zoekt iemand om mee te wandelen.",
    "wanted": "wandelen, gezelligheid",
    "interests": ["walking", "company"],
    "availability": ["1-1"],
    "postcode": "",
    "needs_vog": "",
}


def test_create_a_request_and_see_why_volunteers_are_suggested(tenant: Tenant) -> None:
    area = place(tenant)
    walker = volunteer(
        tenant,
        first_name="Wim",
        passions="Wandelen in het park",
        interests=["walking"],
        postcode=area.postcode.postcode,
        vog=True,
    )
    client = login(tenant.worker)
    body = page(client, "request_create")
    assert "Nieuwe hulpvraag" in body
    data = {
        **REQUEST_POST,
        "postcode": area.postcode.postcode,
        "team_id": tenant.team.pk,
        "contact_id": tenant.worker.pk,
    }
    response = client.post(reverse("volunteers:request_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with system_access("test assertion"):
        made = HelpRequest.objects.get()
    assert made.needs_vog is True and made.origin == "other"
    body = client.get(response["Location"]).content.decode()
    assert "Wim Smit" in body and "Waarom voorgesteld" in body
    assert "Passie of talent past: buiten, wandelen" in body and "Interesse past: Wandelen en bewegen" in body
    assert "0,0 km — binnen reisafstand (5 km)" in body and "Beschikbaar: di-middag" in body
    assert "VOG geldig tot" in body and 'max="100"' in body
    # Propose Wim, then the match walks through its steps.
    response = client.post(
        reverse("volunteers:match_propose", kwargs={"help_request_id": made.pk}),
        {f"voorstel-{walker.pk}-volunteer_id": walker.pk, f"voorstel-{walker.pk}-note": "Past"},
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        match = Match.objects.get()
    body = client.get(response["Location"]).content.decode()
    assert "Match met Wim Smit" in body and "Passie of talent past: buiten, wandelen" in body
    today = timezone.localdate().strftime("%d-%m-%Y")
    step = reverse("volunteers:match_start", kwargs={"match_id": match.pk})
    response = client.post(step, {"start-started_on": today})
    assert response.status_code == 400 and "U kunt deze match niet starten" in response.content.decode()
    step = reverse("volunteers:match_introduce", kwargs={"match_id": match.pk})
    assert client.post(step, {"kennismaking-introduced_on": "gisteren"}).status_code == 400
    assert client.post(step, {"kennismaking-introduced_on": today}).status_code == 302
    step = reverse("volunteers:match_start", kwargs={"match_id": match.pk})
    assert client.post(step, {"start-started_on": today}).status_code == 302
    step = reverse("volunteers:match_end", kwargs={"match_id": match.pk})
    response = client.post(
        step, {"einde-ended_on": today, "einde-end_reason": "done", "einde-evaluation": ""}
    )
    assert response.status_code == 400 and "Dit veld is verplicht." in response.content.decode()
    with system_access("test assertion"):
        assert Match.objects.get().status == MatchStatus.ACTIVE
    end = {
        "einde-ended_on": today,
        "einde-end_reason": "done",
        "einde-rating": "5",
        "einde-close_request": "on",
    }
    response = client.post(step, {**end, "einde-evaluation": "Ze wandelen <b>elke</b> week"})
    assert response.status_code == 400 and "Gebruik geen HTML-code" in response.content.decode()
    response = client.post(step, {**end, "einde-evaluation": "Ze wandelen elke week & drinken koffie"})
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Ze wandelen elke week &amp; drinken koffie" in body and "Waardering: 5 van 5" in body
    with system_access("test assertion"):
        assert HelpRequest.objects.get().status == "closed"


def test_request_form_errors_change_nothing(tenant: Tenant, other_tenant: Tenant) -> None:
    client = login(tenant.worker)
    data = {**REQUEST_POST, "title": "", "team_id": other_tenant.team.pk, "contact_id": tenant.worker.pk}
    response = client.post(reverse("volunteers:request_create"), data)
    body = response.content.decode()
    assert (
        response.status_code == 400
        and "Dit veld is verplicht." in body
        and "Kies een waarde uit de lijst." in body
    )
    assert count(HelpRequest) == 0


def test_proposing_a_volunteer_who_does_not_fit_says_why(tenant: Tenant) -> None:
    area = place(tenant)
    made = help_request(tenant, postcode=area.postcode.postcode, needs_vog=True)
    without = volunteer(tenant, postcode=area.postcode.postcode)
    client = login(tenant.worker)
    response = client.post(
        reverse("volunteers:match_propose", kwargs={"help_request_id": made.pk}),
        {"voorstel-volunteer_id": without.pk},
    )
    assert response.status_code == 400
    assert "Geen geldige VOG, en deze hulp vraagt er een" in response.content.decode()
    assert count(Match) == 0


def test_request_from_a_case_shows_the_case_only_to_who_sees_it(tenant: Tenant) -> None:
    area = place(tenant)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    worker = login(tenant.worker)
    url = reverse("volunteers:request_create_for_case", kwargs={"case_id": case.pk})
    assert "Informele hulp aanvragen" in worker.get(url).content.decode()
    data = {**REQUEST_POST, "team_id": tenant.team.pk, "contact_id": tenant.worker.pk}
    response = worker.post(url, data)
    assert response.status_code == 302
    with system_access("test assertion"):
        made = HelpRequest.objects.get()
    assert made.case_id == case.pk and made.postcode == area.postcode.postcode
    mine = worker.get(
        reverse("volunteers:request_detail", kwargs={"help_request_id": made.pk})
    ).content.decode()
    assert case.reference in mine and "Sanne de Vries" in mine
    # A colleague of another team sees the request, not its case; also not in the list.
    for view, kwargs in (("request_detail", {"help_request_id": made.pk}), ("request_list", {})):
        body = page(login(tenant.colleague), view, **kwargs)
        assert "Maatje om te wandelen" in body
        assert case.reference not in body and "Sanne" not in body and "de Vries" not in body
    # The case page has the section with the request.
    body = worker.get(reverse("cases:case_detail", kwargs={"case_id": case.pk})).content.decode()
    assert "Informele hulp en vrijwilligers" in body and "Maatje om te wandelen" in body
    # Someone without full access to the case cannot ask from it.
    assert login(tenant.colleague).get(url).status_code == 404
    assert login(tenant.administrator).post(url, data).status_code == 404
    assert count(HelpRequest) == 1


def test_policy_officer_and_other_organisation_get_404(tenant: Tenant, other_tenant: Tenant) -> None:
    made = volunteer(tenant)
    request = help_request(tenant)
    match = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=made)
    urls = [
        ("volunteer_list", {}),
        ("volunteer_create", {}),
        ("request_list", {}),
        ("request_create", {}),
        ("volunteer_detail", {"volunteer_id": made.pk}),
        ("volunteer_edit", {"volunteer_id": made.pk}),
        ("request_detail", {"help_request_id": request.pk}),
        ("request_edit", {"help_request_id": request.pk}),
        ("match_detail", {"match_id": match.pk}),
    ]
    for name, kwargs in urls:
        assert page(login(tenant.policy_officer), name, 404, **kwargs)
        if kwargs:
            assert "Joke" not in page(login(other_tenant.worker), name, 404, **kwargs)
    # The administrator keeps the databank; a colleague of another team works with it too.
    for user in (tenant.administrator, tenant.colleague, tenant.coordinator):
        assert "Joke Smit" in page(login(user), "volunteer_detail", volunteer_id=made.pk)
