"""Registration (aanmelding) on one screen: minimal input, duplicates, bad input, one transaction, access."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.forms.registration import REQUIRED_FIELD_COUNT, required_field_count
from buurtteam.cases.models import Case, Complexity, Status
from buurtteam.cases.tests.factories import Area, give_area, resident_in
from buurtteam.cases.views import registration as registration_views
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.organisation.tests.factories import PostcodeFactory
from buurtteam.residents.models import Household, HouseholdMember, Resident

pytestmark = pytest.mark.django_db

URL = "/aanmelden/"
VALID_BSN = "111222333"


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


@pytest.fixture
def other_area(tenant: Tenant) -> Area:
    return give_area(tenant.other_team)


@pytest.fixture
def worker(client: Client, tenant: Tenant) -> Client:
    client.force_login(tenant.worker)
    return client


def _enable_bsn(tenant: Tenant) -> None:
    with system_access("test set-up"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(bsn_enabled=True)


def _counts() -> tuple[int, int, int, int, int]:
    with system_access("test assertion"):
        return (
            Resident.objects.count(),
            Case.objects.count(),
            Household.objects.count(),
            HouseholdMember.objects.count(),
            AuditEvent.objects.filter(action__in=[Action.CREATE, Action.UPDATE]).count(),
        )


def _new(area: Area, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "birth_date": "02-07-1979",
        "postcode": area.postcode.postcode,
        "house_number": "12",
        "street": "Berkenstraat",
        "city": "Teststad",
        "phone": "06 12345678",
        "question": "Ik kan de huur niet meer betalen en weet niet waar ik moet beginnen.",
        "channel": "walk_in",
        "referrer": "gp",
        "urgency": "urgent",
        "complexity": "complex",
    }
    data.update(overrides)
    return data


def _only_case() -> Case:
    with system_access("test assertion"):
        case = Case.objects.select_related("client").get()
    return case


# --- The screen ---------------------------------------------------------------------------------------
def test_required_field_count() -> None:
    assert REQUIRED_FIELD_COUNT == 3
    assert required_field_count(bsn_enabled=False) == REQUIRED_FIELD_COUNT
    assert required_field_count(bsn_enabled=True) == REQUIRED_FIELD_COUNT


def test_page_renders_with_defaults_and_no_bsn_by_default(worker: Client) -> None:
    response = worker.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nieuwe aanmelding" in body
    assert "3 velden zijn verplicht" in body
    assert 'name="first_name"' in body and "autofocus" in body
    assert 'name="bsn"' not in body
    assert '<option value="phone" selected>' in body
    assert 'hx-post="/aanmelden/dubbelen/"' in body


def test_bsn_field_only_when_the_organisation_records_it(worker: Client, tenant: Tenant) -> None:
    _enable_bsn(tenant)
    assert 'name="bsn"' in worker.get(URL).content.decode()


def test_minimal_input_registers_with_defaults(worker: Client, tenant: Tenant) -> None:
    before = _counts()
    response = worker.post(
        URL, {"first_name": "Piet", "last_name": "Jansen", "question": "Mijn post stapelt zich op."}
    )
    assert response.status_code == 302
    after = _counts()
    assert after[:4] == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    case = _only_case()
    assert (case.channel, case.referrer, case.urgency, case.complexity) == (
        "phone",
        "self",
        "normal",
        "complex",
    )
    assert case.client.full_name == "Piet Jansen"
    assert case.team_id == tenant.team.pk  # no address: the registering worker's team
    assert case.status == Status.REGISTERED
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert messages == [f"Aanmelding {case.reference} is vastgelegd."]


def test_full_registration_in_own_area(worker: Client, tenant: Tenant, area: Area) -> None:
    _enable_bsn(tenant)
    response = worker.post(
        URL, _new(area, bsn=VALID_BSN, gender="female", safety_concern="on", advice_given="Budgetcoach")
    )
    assert response.status_code == 302
    case = _only_case()
    resident = case.client
    assert (resident.first_name, resident.last_name, resident.bsn) == ("Fatima", "El Amrani", VALID_BSN)
    assert resident.birth_date == datetime.date(1979, 7, 2)
    assert resident.team_id == tenant.team.pk and resident.gender == "female"
    assert case.safety_concern and case.urgency == "urgent" and case.channel == "walk_in"
    assert case.advice_given == "Budgetcoach"
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="case")
    assert event.subject_id == resident.pk and event.actor_id == tenant.worker.pk


def test_close_on_the_spot(worker: Client, area: Area) -> None:
    response = worker.post(URL, _new(area, close_now="on", advice_given="Verwezen naar de formulierenhulp."))
    assert response.status_code == 302
    case = _only_case()
    assert case.status == Status.CLOSED and case.closed_at_registration
    assert case.complexity == Complexity.SIMPLE
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert "meteen afgesloten" in messages[0]


def test_close_on_the_spot_needs_the_advice(worker: Client, area: Area) -> None:
    before = _counts()
    response = worker.post(URL, _new(area, close_now="on"))
    assert response.status_code == 400
    assert "Schrijf op welk advies u gaf" in response.content.decode()
    assert _counts() == before


def test_address_in_another_area_is_forwarded(worker: Client, tenant: Tenant, other_area: Area) -> None:
    response = worker.post(URL, _new(other_area))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:register")
    case = _only_case()
    assert case.team_id == tenant.other_team.pk and case.client.team_id == tenant.other_team.pk
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert f"doorgezet naar {tenant.other_team.name}" in messages[0]


def test_existing_resident_from_the_search(worker: Client, tenant: Tenant, area: Area) -> None:
    resident = resident_in(tenant, area)
    response = worker.get(f"{URL}?resident={resident.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sanne de Vries" in body and 'name="first_name"' not in body
    assert AuditEvent.objects.filter(action=Action.READ, object_type="resident", object_id=resident.pk)
    before = _counts()
    response = worker.post(URL, {"resident": resident.pk, "question": "Hulp bij de administratie."})
    assert response.status_code == 302
    after = _counts()
    assert after[0] == before[0] and after[1] == before[1] + 1
    assert _only_case().client_id == resident.pk


@pytest.mark.parametrize("value", ["abc", "0", "-3", str(2**70)])
def test_unreadable_resident_id_is_404(worker: Client, value: str) -> None:
    assert worker.get(f"{URL}?resident={value}").status_code == 404


# --- Duplicate detection ------------------------------------------------------------------------------
def test_fuzzy_name_and_birth_date_offers_the_existing_resident(
    worker: Client, tenant: Tenant, area: Area
) -> None:
    existing = resident_in(tenant, area)  # Sanne de Vries, 14-03-1985
    before = _counts()
    data = _new(area, first_name="Sane", last_name="de Vries", birth_date="14-03-1985", postcode="")
    response = worker.post(URL, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Is dit iemand die al bekend is?" in body
    assert "Sanne de Vries" in body and "14-03-1985" in body and "Lindelaan 4" in body
    assert f'name="resident" value="{existing.pk}"' in body
    assert "Deze inwoner gebruiken" in body
    assert 'name="new_anyway"' in body
    assert _counts() == before
    assert AuditEvent.objects.filter(action=Action.SEARCH, object_type="duplicate_check").exists()

    # "Deze inwoner gebruiken": the question goes to the existing resident, no copy is made.
    response = worker.post(URL, {**data, "resident": existing.pk})
    assert response.status_code == 302
    assert _counts()[0] == before[0]
    assert _only_case().client_id == existing.pk


def test_new_resident_anyway(worker: Client, tenant: Tenant, area: Area) -> None:
    resident_in(tenant, area)
    before = _counts()
    data = _new(area, first_name="Sanne", last_name="de Vries", birth_date="14-03-1985")
    response = worker.post(URL, {**data, "new_anyway": "on"})
    assert response.status_code == 302
    assert _counts()[0] == before[0] + 1


def test_same_bsn_is_always_the_same_person(worker: Client, tenant: Tenant, area: Area) -> None:
    _enable_bsn(tenant)
    existing = resident_in(tenant, area, bsn=VALID_BSN)
    before = _counts()
    for extra in ({}, {"new_anyway": "on"}):
        response = worker.post(URL, _new(area, bsn=VALID_BSN, **extra))
        assert response.status_code == 400
        body = response.content.decode()
        assert "Er is al een inwoner met dit BSN" in body
        assert f'name="resident" value="{existing.pk}"' in body
        assert 'name="new_anyway"' not in body
    assert _counts() == before


def test_invisible_duplicate_shows_only_the_team(worker: Client, tenant: Tenant, other_area: Area) -> None:
    hidden = resident_in(tenant, other_area, actor=tenant.colleague, street="Eikenlaan")
    before = _counts()
    response = worker.post(
        URL, _new(other_area, first_name="Sanne", last_name="de Vries", birth_date="14-03-1985")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Er bestaat al een dossier bij {tenant.other_team.name}." in body
    assert reverse("cases:break_glass", kwargs={"resident_id": hidden.pk}) in body
    assert "Eikenlaan" not in body
    assert f'name="resident" value="{hidden.pk}"' not in body
    assert _counts() == before


def test_htmx_duplicate_check_on_leaving_a_field(worker: Client, tenant: Tenant, area: Area) -> None:
    existing = resident_in(tenant, area)
    url = reverse("cases:register_duplicates")
    assert worker.get(url).status_code == 405
    response = worker.post(
        url,
        {"first_name": "Sanne", "last_name": "de Vries", "birth_date": "14-03-1985"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "Deze inwoner gebruiken" in body
    assert f'value="{existing.pk}"' in body
    # Not enough to compare yet, or unreadable input: nothing shown, no error.
    for data in (
        {"first_name": "Sanne"},
        {"first_name": "Sanne", "birth_date": "99-99-9999", "postcode": "x"},
    ):
        response = worker.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "Deze inwoner gebruiken" not in response.content.decode()


# --- Bad input ----------------------------------------------------------------------------------------
def _future() -> str:
    return (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d-%m-%Y")


BAD_INPUT: list[tuple[str, dict[str, Any], str]] = [
    ("bsn_checksum", {"bsn": "999998620"}, "elfproef"),
    ("bsn_format", {"bsn": "12345"}, "Een BSN bestaat uit 9 cijfers."),
    ("future_birth", {"birth_date": "FUTURE"}, "De geboortedatum ligt in de toekomst."),
    ("bad_date", {"birth_date": "31-02-1980"}, "Vul een datum in als dd-mm-jjjj"),
    ("postcode_format", {"postcode": "12345"}, "Vul een geldige postcode in"),
    ("postcode_elsewhere", {"postcode": "ELSEWHERE"}, "ligt niet in de gemeente"),
    ("question_too_long", {"question": "x" * 4001}, "maximaal 4000 tekens"),
    ("question_missing", {"question": "  "}, "Dit veld is verplicht."),
    ("name_missing", {"first_name": ""}, "Dit veld is verplicht."),
    ("html_question", {"question": "<script>alert('x')</script> help"}, "Gebruik geen HTML-code"),
    ("html_advice", {"advice_given": "<b>bel</b>"}, "Gebruik geen HTML-code"),
    ("bad_phone", {"phone": "bel maar"}, "geldig telefoonnummer"),
    ("bad_channel", {"channel": "fax"}, "Selecteer een geldige keuze"),
]


@pytest.mark.parametrize(("label", "overrides", "message"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_gives_dutch_errors_and_changes_nothing(
    worker: Client, tenant: Tenant, area: Area, label: str, overrides: dict[str, Any], message: str
) -> None:
    _enable_bsn(tenant)
    if overrides.get("birth_date") == "FUTURE":
        overrides = {"birth_date": _future()}
    if overrides.get("postcode") == "ELSEWHERE":
        overrides = {"postcode": PostcodeFactory.create().postcode}  # another municipality
    before = _counts()
    response = worker.post(URL, _new(area, **overrides))
    assert response.status_code == 400, label
    body = response.content.decode()
    assert message in body, label
    assert "er is nog niets opgeslagen" in body
    assert _counts() == before


def test_html_in_the_question_is_shown_escaped(worker: Client, area: Area) -> None:
    response = worker.post(URL, _new(area, question="<script>alert('x')</script>"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "&lt;script&gt;" in body
    assert "<script>alert" not in body


def test_a_failing_case_registration_rolls_back_the_new_resident(
    worker: Client, area: Area, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**kwargs: Any) -> Case:
        raise ValidationError({"question": "Deze vraag kan niet worden vastgelegd."})

    monkeypatch.setattr(registration_views, "case_register", refuse)
    before = _counts()
    response = worker.post(URL, _new(area))
    assert response.status_code == 400
    assert "Deze vraag kan niet worden vastgelegd." in response.content.decode()
    assert _counts() == before


# --- Access -------------------------------------------------------------------------------------------
def test_anonymous_is_sent_to_log_in(client: Client) -> None:
    for url in (URL, reverse("cases:register_duplicates")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    before = _counts()
    assert client.post(URL, {"first_name": "A", "last_name": "B", "question": "c"}).status_code == 302
    assert _counts() == before


def test_policy_officer_gets_404(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.policy_officer)
    before = _counts()
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"first_name": "A", "last_name": "B", "question": "Een vraag"}).status_code == 404
    assert client.post(reverse("cases:register_duplicates"), {"first_name": "A"}).status_code == 404
    assert _counts() == before


def test_other_organisation_cannot_use_our_resident(
    client: Client, tenant: Tenant, other_tenant: Tenant, area: Area
) -> None:
    resident = resident_in(tenant, area)
    client.force_login(other_tenant.worker)
    response = client.get(f"{URL}?resident={resident.pk}")
    assert response.status_code == 404
    assert "Sanne de Vries" not in response.content.decode()
    before = _counts()
    response = client.post(URL, {"resident": resident.pk, "question": "Overgenomen vraag"})
    assert response.status_code == 404
    assert _counts() == before


def test_other_organisation_sees_no_duplicates_of_ours(
    client: Client, tenant: Tenant, other_tenant: Tenant, area: Area
) -> None:
    resident_in(tenant, area)
    client.force_login(other_tenant.worker)
    response = client.post(
        reverse("cases:register_duplicates"),
        {"first_name": "Sanne", "last_name": "de Vries", "birth_date": "14-03-1985"},
    )
    assert response.status_code == 200
    assert "dossier" not in response.content.decode()


def test_colleague_of_another_team_cannot_pick_a_resident_they_may_not_see(
    client: Client, tenant: Tenant, area: Area
) -> None:
    resident = resident_in(tenant, area)
    client.force_login(tenant.colleague)
    assert client.get(f"{URL}?resident={resident.pk}").status_code == 404
