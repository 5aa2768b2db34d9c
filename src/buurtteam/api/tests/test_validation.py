"""Bad input and impossible steps: a Dutch message on the field, a 400 or 422, and nothing written."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.api.tests.helpers import Caller, as_token, ok, writes
from buurtteam.cases.models import Case
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.residents.models import Resident


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


@pytest.fixture
def api(tenant: Tenant) -> Caller:
    return as_token(tenant.worker)


def _counts() -> tuple[int, int, int]:
    with system_access("test assertion"):
        return Resident.objects.count(), Case.objects.count(), writes()


def _refused(response: Any, status: int, field: str, fragment: str) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    body: dict[str, Any] = response.json()
    assert set(body) == {"detail", "errors"}, body
    messages = " ".join(body["errors"].get(field, []))
    assert fragment in messages, (field, body)
    return body


def _person(**extra: Any) -> dict[str, Any]:
    return {"first_name": "Kees", "last_name": "Bos", **extra}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "status", "field", "fragment"),
    [
        ({"bsn": "123456789"}, 400, "bsn", "elfproef"),
        ({"bsn": "12ab"}, 400, "bsn", "9 cijfers"),
        ({"birth_date": "2999-01-01"}, 400, "birth_date", "toekomst"),
        ({"birth_date": "1850-01-01"}, 400, "birth_date", "Controleer"),
        ({"birth_date": "2020-02-30"}, 422, "birth_date", "bestaande datum"),
        ({"birth_date": "14-03-1985"}, 422, "birth_date", "JJJJ-MM-DD"),
        ({"birth_date": 1700000000}, 422, "birth_date", "JJJJ-MM-DD"),
        ({"postcode": "9999ZZ"}, 400, "postcode", "ligt niet in de gemeente"),
        ({"postcode": "12345"}, 400, "postcode", "geldige postcode"),
        ({"email": "geen-adres"}, 400, "email", "e-mailadres"),
        ({"first_name": "x" * 101}, 422, "first_name", "hoogstens 100 tekens"),
        ({"first_name": ""}, 422, "first_name", "Vul dit veld in"),
        ({"first_name": 42}, 422, "first_name", "Vul tekst in"),
        ({"interpreter_needed": "ja"}, 422, "interpreter_needed", "true of false"),
        ({"interpreter_needed": 1}, 422, "interpreter_needed", "true of false"),
        ({"gender": "x"}, 422, "gender", "Kies een van"),
        ({"nickname": "Kees"}, 422, "nickname", "Onbekend veld"),
    ],
)
def test_bad_resident_input(
    api: Caller, area: Area, data: dict[str, Any], status: int, field: str, fragment: str
) -> None:
    before = _counts()
    _refused(api.post("/residents", _person(**data)), status, field, fragment)
    assert _counts() == before


@pytest.mark.django_db
def test_missing_fields_and_broken_json(api: Caller) -> None:
    before = _counts()
    body = _refused(api.post("/residents", {}), 422, "first_name", "verplicht")
    assert "last_name" in body["errors"]
    broken = api.post("/residents", raw="{niet: json")
    assert broken.status_code == 400 and broken.json() == {
        "detail": "De inhoud van het verzoek is geen geldige JSON.",
        "errors": {},
    }
    _refused(api.post("/residents", raw="[1, 2]"), 422, "__all__", "object")
    assert _counts() == before


@pytest.mark.django_db
def test_bsn_is_refused_when_the_organisation_does_not_keep_it(tenant: Tenant, api: Caller) -> None:
    _refused(api.post("/residents", _person(bsn="111222333")), 400, "bsn", "legt geen BSN vast")
    with system_access("test: switch BSN on"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(bsn_enabled=True)
    created = ok(api.post("/residents", _person(bsn="1112.22.333")), 201)
    # The full number is only shown to case workers with the whole dossier; a new resident has no case yet.
    assert created["bsn"] == "" and created["masked_bsn"] == "******333"
    listed = ok(api.get("/residents", q="111222333"))
    assert listed[0]["masked_bsn"] == "******333" and "bsn" not in listed[0]


@pytest.mark.django_db
def test_patch_refuses_null_and_bad_values(tenant: Tenant, api: Caller, area: Area) -> None:
    resident = resident_in(tenant, area)
    before = _counts()
    _refused(api.patch(f"/residents/{resident.pk}", {"first_name": None}), 422, "first_name", "niet leeg")
    _refused(
        api.patch(f"/residents/{resident.pk}", {"birth_date": "2999-01-01"}), 400, "birth_date", "toekomst"
    )
    _refused(api.patch(f"/residents/{resident.pk}", {"id": 5}), 422, "id", "Onbekend veld")
    assert _counts() == before
    with system_access("test assertion"):
        assert Resident.objects.get(pk=resident.pk).birth_date == datetime.date(1985, 3, 14)


@pytest.mark.django_db
def test_duplicates_are_offered_instead_of_a_second_record(tenant: Tenant, api: Caller, area: Area) -> None:
    existing = resident_in(tenant, area)
    person = {"first_name": "Sanne", "last_name": "de Vries", "birth_date": "1985-03-14"}
    before = _counts()
    response = api.post("/residents", person)
    assert response.status_code == 409
    body = response.json()
    assert body["duplicates"][0]["resident_id"] == existing.pk and body["duplicates"][0]["visible"] is True
    assert "bestaande inwoner" in body["detail"]
    assert _counts()[:2] == before[:2]
    question = {"channel": "phone", "referrer": "self", "question": "Hulp bij post"}
    assert api.post("/cases", {"resident": person, **question}).status_code == 409
    assert _counts()[:2] == before[:2]
    ok(api.post("/residents", {**person, "allow_duplicate": True}), 201)


@pytest.mark.django_db
def test_registration_is_all_or_nothing(api: Caller, area: Area) -> None:
    before = _counts()
    person = _person(postcode=area.postcode.postcode)
    both = api.post(
        "/cases",
        {"resident": person, "client_id": 1, "channel": "phone", "referrer": "self", "question": "x"},
    )
    _refused(both, 422, "__all__", "niet allebei")
    neither = api.post("/cases", {"channel": "phone", "referrer": "self", "question": "x"})
    _refused(neither, 422, "__all__", "niet allebei")
    # The resident is valid, the question is not: neither is kept.
    blank = api.post(
        "/cases", {"resident": person, "channel": "phone", "referrer": "self", "question": "   "}
    )
    _refused(blank, 400, "question", "")
    bad_resident = api.post(
        "/cases",
        {"resident": _person(postcode="9999ZZ"), "channel": "phone", "referrer": "self", "question": "x"},
    )
    _refused(bad_resident, 400, "resident.postcode", "ligt niet in de gemeente")
    wrong_channel = api.post(
        "/cases", {"resident": person, "channel": "fax", "referrer": "self", "question": "x"}
    )
    _refused(wrong_channel, 422, "channel", "Kies een van: 'phone'")
    closing_without_advice = api.post(
        "/cases",
        {"resident": person, "channel": "phone", "referrer": "self", "question": "x", "close_now": True},
    )
    _refused(closing_without_advice, 400, "advice_given", "advies")
    assert _counts() == before


@pytest.mark.django_db
def test_invalid_steps_give_a_dutch_reason_and_change_nothing(
    tenant: Tenant, other_tenant: Tenant, api: Caller, area: Area
) -> None:
    case = registered_case(tenant, resident_in(tenant, area))
    ok(api.post(f"/cases/{case.pk}/assign", {"user_id": tenant.worker.pk, "as_lead": True}))
    before = _counts()
    early_goal = api.post(f"/cases/{case.pk}/plan/goals", {"domain": "finances", "description": "Te vroeg"})
    assert early_goal.status_code == 400 and "Eerst de vraag verhelderen" in early_goal.json()["detail"]
    early_finish = api.post(f"/cases/{case.pk}/finish-intake")
    assert early_finish.status_code == 400 and "vraagverheldering" in early_finish.json()["detail"]
    _refused(api.post(f"/cases/{case.pk}/close", {}), 422, "reason", "verplicht")
    _refused(api.post(f"/cases/{case.pk}/close", {"reason": "klaar"}), 422, "reason", "Kies een van")
    _refused(
        api.post(f"/cases/{case.pk}/close", {"reason": "moved", "satisfaction": 11}),
        422,
        "satisfaction",
        "10",
    )
    _refused(
        api.post(f"/cases/{case.pk}/transfer", {"to_user_id": other_tenant.worker.pk, "reason": "Verhuisd"}),
        400,
        "user",
        "eigen organisatie",
    )
    _refused(
        api.post(f"/cases/{case.pk}/transfer", {"to_user_id": tenant.coordinator.pk}),
        422,
        "reason",
        "verplicht",
    )
    future = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    conversation = {"held_on": future, "mode": "phone", "participants": "moeder"}
    _refused(api.post(f"/cases/{case.pk}/conversations", conversation), 400, "held_on", "toekomst")
    long_note = {**conversation, "held_on": timezone.localdate().isoformat(), "note": "x" * 10_001}
    _refused(api.post(f"/cases/{case.pk}/conversations", long_note), 422, "note", "hoogstens 10000")
    _refused(
        api.put(f"/cases/{case.pk}/problems", {"problems": [{"domain": "astrologie", "description": "x"}]}),
        400,
        "problems.0.domain",
        "Onbekend leefgebied",
    )
    _refused(api.put(f"/cases/{case.pk}/problems", {"problems": []}), 422, "problems", "minstens 1")
    scores = {
        "kind": "intake",
        "assessed_on": "2020-01-01",
        "scores": [{"domain": "finances", "score": "2", "reason": ""}],
    }
    body = _refused(api.post(f"/cases/{case.pk}/assessments", scores), 422, "scores.0.score", "geheel getal")
    assert "scores.0.reason" in body["errors"]
    assert _counts() == before
    case.refresh_from_db()
    assert case.status == "registered"


@pytest.mark.django_db
def test_ids_and_query_parameters_are_checked(api: Caller) -> None:
    assert api.get("/cases/999999").json() == {"detail": "Niet gevonden.", "errors": {}}
    _refused(api.get("/cases/abc"), 422, "case_id", "geheel getal")
    _refused(api.get(f"/cases/{10**30}"), 422, "case_id", "hoogstens")
    _refused(api.get("/cases/0"), 422, "case_id", "minstens 1")
    _refused(api.get("/cases", limit=101), 422, "limit", "hoogstens 100")
    _refused(api.get("/cases", status="weg"), 422, "status", "Kies een van")
    _refused(api.get("/residents", q="x" * 101), 422, "q", "hoogstens 100")
    assert ok(api.get("/cases", unknown="ignored"))["count"] == 0  # unknown query parameters are ignored
    assert api.call("DELETE", "/cases/1").status_code == 405
    for path in ("/bestaat-niet", "/cases/", "/", "/docs"):  # the API's own 404, never the website's page
        assert api.get(path).json() == {"detail": "Niet gevonden.", "errors": {}}, path
