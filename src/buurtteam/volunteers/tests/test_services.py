"""Services of the databank: every write is audited, bad input is refused in Dutch and changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.volunteers import choices
from buurtteam.volunteers.models import HelpRequest, RequestStatus, VogStatus, Volunteer
from buurtteam.volunteers.services import requests, volunteers
from buurtteam.volunteers.tests.factories import help_request, place, volunteer

pytestmark = pytest.mark.django_db


def last(object_type: str) -> AuditEvent:
    event = AuditEvent.objects.filter(object_type=object_type).order_by("-id").first()
    assert event is not None
    return event


def count(model: Any) -> int:
    with system_access("test assertion"):
        return int(model.objects.count())


def test_register_stores_place_codes_tokens_and_audits(tenant: Tenant) -> None:
    area = place(tenant)
    made = volunteer(tenant, postcode=area.postcode.postcode.lower())
    assert made.postcode == area.postcode.postcode
    assert made.neighbourhood_id == area.neighbourhood.pk
    assert made.latitude == pytest.approx(52.0)
    assert made.interests == ",cycling,odd_jobs,"
    assert made.languages == ",nl,"
    assert choices.codes_from_mask(made.availability) == ["1-1", "3-1"]
    assert "fiets" in made.match_tokens.split() and "reparer" in made.match_tokens.split()
    assert made.team_id == tenant.team.pk and made.registered_by_id == tenant.worker.pk
    event = last("volunteer")
    assert event.action == Action.CREATE and event.object_id == str(made.pk)
    assert event.actor_id == tenant.worker.pk and event.subject_id is None
    assert "passions" in event.details["fields"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"postcode": "12345"}, "postcode"),
        ({"interests": ["cycling", "skydiving"]}, "interests"),
        ({"languages": ["klingon"]}, "languages"),
        ({"availability": ["7-0"]}, "availability"),
        ({"availability": ["maandag"]}, "availability"),
        ({"travel_radius_km": 99}, "travel_radius_km"),
        ({"first_name": ""}, "first_name"),
        ({"email": "geen-adres"}, "email"),
    ],
)
def test_register_refuses_bad_input_and_writes_nothing(tenant: Tenant, data: dict, field: str) -> None:
    before, events = count(Volunteer), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        volunteer(tenant, **data)
    assert field in caught.value.message_dict
    assert count(Volunteer) == before and AuditEvent.objects.count() == events


def test_register_from_a_resident_copies_details_once(tenant: Tenant) -> None:
    area = place(tenant)
    resident = resident_in(tenant, area)
    made = volunteers.volunteer_register(
        actor=tenant.worker, resident_id=resident.pk, first_name="", passions="Koken voor de buren"
    )
    assert (made.first_name, made.last_name, made.postcode) == ("Sanne", "de Vries", area.postcode.postcode)
    assert made.resident_id == resident.pk
    event = last("volunteer")
    assert event.subject_type == "resident" and event.subject_id == resident.pk
    assert event.details["from_resident"] is True
    with pytest.raises(ValidationError, match="al als vrijwilliger"):
        volunteers.volunteer_register(actor=tenant.worker, resident_id=resident.pk)


def test_register_from_a_resident_the_actor_cannot_see_is_refused(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    area = place(tenant)
    resident = resident_in(tenant, area)
    with pytest.raises(PermissionError):
        volunteers.volunteer_register(actor=other_tenant.worker, resident_id=resident.pk)
    with pytest.raises(PermissionError):
        volunteers.volunteer_register(actor=tenant.colleague, resident_id=resident.pk)  # other team's area
    assert count(Volunteer) == 0


def test_policy_officer_and_strangers_cannot_write(tenant: Tenant, other_tenant: Tenant) -> None:
    with pytest.raises(PermissionError):
        volunteer(tenant, actor=tenant.policy_officer)
    made = volunteer(tenant)
    with pytest.raises(PermissionError):
        volunteers.volunteer_update(actor=other_tenant.worker, volunteer=made, first_name="Overgenomen")
    with pytest.raises(PermissionError):
        volunteers.volunteer_pause(actor=tenant.policy_officer, volunteer=made)


def test_update_refreshes_tokens_and_lists_changed_fields(tenant: Tenant) -> None:
    made = volunteer(tenant)
    volunteers.volunteer_update(
        actor=tenant.colleague, volunteer=made, passions="Zingen in een koor", interests=["music"]
    )
    with system_access("test assertion"):
        made.refresh_from_db()
    assert "zing" in made.match_tokens.split() and "fiets" not in made.match_tokens.split()
    assert made.interests == ",music,"
    event = last("volunteer")
    assert event.action == Action.UPDATE and event.details["fields"] == ["interests", "passions"]
    assert event.actor_id == tenant.colleague.pk  # the databank is organisation-wide


def test_pause_and_resume(tenant: Tenant) -> None:
    made = volunteer(tenant)
    volunteers.volunteer_pause(actor=tenant.worker, volunteer=made, note="Op reis tot de zomer")
    assert made.status == "paused" and made.pause_note == "Op reis tot de zomer"
    assert last("volunteer").details["status"] == "paused"
    with pytest.raises(ValidationError, match="al gepauzeerd"):
        volunteers.volunteer_pause(actor=tenant.worker, volunteer=made)
    volunteers.volunteer_resume(actor=tenant.worker, volunteer=made)
    assert made.status == "active" and made.pause_note == ""
    with pytest.raises(ValidationError, match="al actief"):
        volunteers.volunteer_resume(actor=tenant.worker, volunteer=made)


def test_vog_valid_for_three_years(tenant: Tenant) -> None:
    made = volunteer(tenant)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        volunteers.volunteer_vog_update(actor=tenant.worker, volunteer=made, vog_status="valid")
    assert "vog_issued_on" in caught.value.message_dict
    with pytest.raises(ValidationError, match="toekomst"):
        volunteers.volunteer_vog_update(
            actor=tenant.worker,
            volunteer=made,
            vog_status="valid",
            vog_issued_on=today + datetime.timedelta(days=1),
        )
    assert made.vog_status == VogStatus.NONE
    issued = datetime.date(2024, 3, 1)
    volunteers.volunteer_vog_update(
        actor=tenant.worker, volunteer=made, vog_status="valid", vog_issued_on=issued
    )
    assert made.vog_valid_until == datetime.date(2027, 3, 1)
    assert made.vog_state(datetime.date(2027, 2, 28)) == "valid"
    assert made.vog_state(datetime.date(2027, 3, 1)) == "expired"
    assert last("volunteer").details["vog_status"] == "valid"
    volunteers.volunteer_vog_update(actor=tenant.worker, volunteer=made, vog_status="requested")
    assert made.vog_issued_on is None


# --- Requests ---------------------------------------------------------------------------------------------
def test_request_general_defaults_and_audit(tenant: Tenant) -> None:
    area = place(tenant)
    made = help_request(tenant, postcode=area.postcode.postcode, kind="buddy", needs_vog=None)
    assert made.origin == "other" and made.case_id is None
    assert made.team_id == tenant.team.pk and made.contact_id == tenant.worker.pk
    assert made.needs_vog is True  # a buddy visits: VOG by default
    assert made.status == RequestStatus.OPEN
    assert "fiets" in made.match_tokens.split()
    event = last("help_request")
    assert event.action == Action.CREATE and event.details["origin"] == "other" and event.subject_id is None


def test_request_from_a_case_needs_full_access_and_takes_its_defaults(tenant: Tenant) -> None:
    area = place(tenant)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    made = help_request(tenant, case=case, kind="paperwork", needs_vog=None)
    assert made.origin == "case" and made.case_id == case.pk
    assert made.postcode == area.postcode.postcode and made.needs_vog is True
    event = last("help_request")
    assert event.subject_type == "resident" and event.subject_id == resident.pk
    # The colleague of another team and the administrator (in the team, not on the case) may not.
    for actor in (tenant.colleague, tenant.administrator):
        with pytest.raises(PermissionError):
            help_request(tenant, actor=actor, case=case)
    assert count(HelpRequest) == 1


def test_request_from_a_buurthuis(tenant: Tenant, other_tenant: Tenant) -> None:
    from buurtteam.socialmap.models import MapLocation

    with system_access("test fixture"):
        mine = MapLocation.objects.create(organisation=tenant.organisation, name="Buurthuis De Linde")
        theirs = MapLocation.objects.create(organisation=other_tenant.organisation, name="Elders")
    made = help_request(tenant, location_id=mine.pk)
    assert made.origin == "location" and made.location_id == mine.pk
    with pytest.raises(ValidationError) as caught:
        help_request(tenant, location_id=theirs.pk)
    assert "location_id" in caught.value.message_dict


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"kind": "vakantie"}, "kind"),
        ({"team_id": None}, "team_id"),
        ({"contact_id": 10**9}, "contact_id"),
        ({"interests": ["onbekend"]}, "interests"),
    ],
)
def test_request_refuses_bad_input(tenant: Tenant, data: dict, field: str) -> None:
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        help_request(tenant, **data)
    assert field in caught.value.message_dict
    assert count(HelpRequest) == 0 and AuditEvent.objects.count() == events


def test_request_team_and_contact_of_another_organisation_are_refused(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    with pytest.raises(ValidationError) as caught:
        help_request(tenant, team_id=other_tenant.team.pk)
    assert "team_id" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        help_request(tenant, contact_id=other_tenant.worker.pk)
    assert "contact_id" in caught.value.message_dict
    with pytest.raises(ValidationError):
        help_request(tenant, contact_id=tenant.policy_officer.pk)


def test_request_update_close_and_reopen(tenant: Tenant) -> None:
    made = help_request(tenant)
    requests.request_update(actor=tenant.worker, help_request=made, title="Fiets en kar repareren")
    assert last("help_request").details["fields"] == ["title"]
    requests.request_close(actor=tenant.worker, help_request=made, note="Buurman hielp al")
    assert made.status == RequestStatus.CLOSED and made.closed_at is not None
    with pytest.raises(ValidationError, match="gesloten"):
        requests.request_update(actor=tenant.worker, help_request=made, title="Anders")
    with pytest.raises(ValidationError, match="al gesloten"):
        requests.request_close(actor=tenant.worker, help_request=made)
    requests.request_reopen(actor=tenant.worker, help_request=made)
    assert made.status == RequestStatus.OPEN and made.closed_at is None
    assert last("help_request").details["status"] == "open"
