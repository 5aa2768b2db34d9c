"""The match lifecycle: proposed -> introduced -> active -> ended (or declined), with guards and audit."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.volunteers.models import HelpRequest, Match, MatchStatus, RequestStatus
from buurtteam.volunteers.services import matches, requests, volunteers
from buurtteam.volunteers.tests.factories import help_request, place, volunteer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def snapshot(match: Match) -> dict[str, object]:
    with system_access("test assertion"):
        row: dict[str, object] = dict(Match.objects.values().get(pk=match.pk))
        row["request_status"] = HelpRequest.objects.get(pk=match.request_id).status
    return row


def last_match_event() -> AuditEvent:
    event = AuditEvent.objects.filter(object_type="match").order_by("-id").first()
    assert event is not None
    return event


@pytest.fixture
def proposed(tenant: Tenant) -> Match:
    area = place(tenant)
    request = help_request(tenant, postcode=area.postcode.postcode)
    return matches.match_propose(
        actor=tenant.worker,
        help_request=request,
        volunteer=volunteer(tenant, postcode=area.postcode.postcode),
        note="Past goed",
    )


def test_propose_keeps_score_and_explanation_and_audits(tenant: Tenant, proposed: Match) -> None:
    assert proposed.status == MatchStatus.PROPOSED and proposed.score > 0
    keys = [p["key"] for p in proposed.explanation]
    assert keys == ["fit", "distance", "availability", "language", "vog"]
    assert sum(p["points"] for p in proposed.explanation) == proposed.score
    event = last_match_event()
    assert event.action == Action.CREATE and event.object_id == str(proposed.pk)
    assert event.details["score"] == proposed.score and event.subject_id is None


def test_the_whole_lifecycle(tenant: Tenant, proposed: Match) -> None:
    today = TODAY()
    match = matches.match_introduce(actor=tenant.worker, match=proposed, introduced_on=today)
    assert (
        match.status == MatchStatus.INTRODUCED and snapshot(match)["request_status"] == RequestStatus.MATCHED
    )
    match = matches.match_start(actor=tenant.colleague, match=match, started_on=today)
    assert match.status == MatchStatus.ACTIVE and match.started_by_id == tenant.colleague.pk
    match = matches.match_end(
        actor=tenant.worker,
        match=match,
        ended_on=today,
        end_reason="done",
        evaluation="Fiets rijdt weer, meneer is blij.",
        rating=5,
        close_request=True,
    )
    assert match.status == MatchStatus.ENDED and match.rating == 5
    assert snapshot(match)["request_status"] == RequestStatus.CLOSED
    statuses = [e.details["status"] for e in AuditEvent.objects.filter(object_type="match").order_by("id")]
    assert statuses == ["proposed", "introduced", "active", "ended"]


def test_end_without_closing_opens_the_request_again(tenant: Tenant, proposed: Match) -> None:
    match = matches.match_introduce(actor=tenant.worker, match=proposed, introduced_on=TODAY())
    match = matches.match_end(
        actor=tenant.worker, match=match, ended_on=TODAY(), end_reason="no_click", evaluation="Klikte niet"
    )
    assert snapshot(match)["request_status"] == RequestStatus.OPEN


def test_decline(tenant: Tenant, proposed: Match) -> None:
    with pytest.raises(ValidationError) as caught:
        matches.match_decline(actor=tenant.worker, match=proposed, reason=" ")
    assert "reason" in caught.value.message_dict
    match = matches.match_decline(actor=tenant.worker, match=proposed, reason="Geen tijd meer")
    assert match.status == MatchStatus.DECLINED and match.declined_on == TODAY()
    assert snapshot(match)["request_status"] == RequestStatus.OPEN
    with pytest.raises(ValidationError, match="eerder afgewezen"):
        matches.match_propose(actor=tenant.worker, help_request=match.request, volunteer=match.volunteer)


@pytest.mark.parametrize(
    ("step", "kwargs"),
    [
        (matches.match_start, {"started_on": datetime.date(2020, 1, 1)}),
        (
            matches.match_end,
            {"ended_on": datetime.date(2020, 1, 1), "end_reason": "done", "evaluation": "Goed"},
        ),
    ],
)
def test_steps_out_of_order_change_nothing(
    tenant: Tenant, proposed: Match, step: object, kwargs: dict
) -> None:
    before, events = snapshot(proposed), AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="U kunt deze match niet"):
        step(actor=tenant.worker, match=proposed, **kwargs)  # type: ignore[operator]
    assert snapshot(proposed) == before and AuditEvent.objects.count() == events


def test_ended_match_takes_no_more_steps(tenant: Tenant, proposed: Match) -> None:
    match = matches.match_decline(actor=tenant.worker, match=proposed, reason="Nee")
    with pytest.raises(ValidationError, match="is afgewezen"):
        matches.match_introduce(actor=tenant.worker, match=match, introduced_on=TODAY())


def test_dates_are_checked(tenant: Tenant, proposed: Match) -> None:
    with pytest.raises(ValidationError, match="toekomst"):
        matches.match_introduce(
            actor=tenant.worker, match=proposed, introduced_on=TODAY() + datetime.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="vóór het voorstel"):
        matches.match_introduce(
            actor=tenant.worker, match=proposed, introduced_on=TODAY() - datetime.timedelta(days=3)
        )
    match = matches.match_introduce(actor=tenant.worker, match=proposed, introduced_on=TODAY())
    before = snapshot(match)
    with pytest.raises(ValidationError) as caught:
        matches.match_end(actor=tenant.worker, match=match, ended_on=TODAY(), end_reason="x", evaluation="a")
    assert "end_reason" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        matches.match_end(
            actor=tenant.worker, match=match, ended_on=TODAY(), end_reason="done", evaluation=""
        )
    assert "evaluation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        matches.match_end(
            actor=tenant.worker, match=match, ended_on=TODAY(), end_reason="done", evaluation="a", rating=6
        )
    assert "rating" in caught.value.message_dict
    assert snapshot(match) == before


def test_one_match_under_way_per_request(tenant: Tenant, proposed: Match) -> None:
    second = matches.match_propose(
        actor=tenant.worker,
        help_request=proposed.request,
        volunteer=volunteer(tenant, first_name="Kees", postcode=proposed.request.postcode),
    )
    matches.match_introduce(actor=tenant.worker, match=proposed, introduced_on=TODAY())
    before = snapshot(second)
    with pytest.raises(ValidationError, match="één match tegelijk"):
        matches.match_introduce(actor=tenant.worker, match=second, introduced_on=TODAY())
    assert snapshot(second) == before


def test_propose_guards(tenant: Tenant, proposed: Match, other_tenant: Tenant) -> None:
    with pytest.raises(ValidationError, match="al voorgesteld"):
        matches.match_propose(
            actor=tenant.worker, help_request=proposed.request, volunteer=proposed.volunteer
        )
    needy = help_request(tenant, postcode=proposed.request.postcode, needs_vog=True)
    with pytest.raises(ValidationError, match="Geen geldige VOG"):
        matches.match_propose(actor=tenant.worker, help_request=needy, volunteer=proposed.volunteer)
    paused = volunteer(tenant, first_name="Pien", postcode=proposed.request.postcode)
    volunteers.volunteer_pause(actor=tenant.worker, volunteer=paused)
    with pytest.raises(ValidationError, match="gepauzeerd"):
        matches.match_propose(actor=tenant.worker, help_request=proposed.request, volunteer=paused)
    closed = help_request(tenant)
    requests.request_close(actor=tenant.worker, help_request=closed)
    with pytest.raises(ValidationError, match="gesloten"):
        matches.match_propose(actor=tenant.worker, help_request=closed, volunteer=paused)
    with pytest.raises(PermissionError):
        matches.match_propose(actor=other_tenant.worker, help_request=proposed.request, volunteer=paused)
    with pytest.raises(PermissionError):
        matches.match_introduce(actor=tenant.policy_officer, match=proposed, introduced_on=TODAY())


def test_request_with_an_open_match_cannot_close(tenant: Tenant, proposed: Match) -> None:
    with pytest.raises(ValidationError, match="loopt nog een match"):
        requests.request_close(actor=tenant.worker, help_request=proposed.request)


def test_match_audit_names_the_client_only_for_who_sees_the_case(tenant: Tenant) -> None:
    area = place(tenant)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident))
    request = help_request(tenant, case=case)
    helper = volunteer(tenant, postcode=area.postcode.postcode)
    match = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=helper)
    assert last_match_event().subject_id == resident.pk
    matches.match_decline(actor=tenant.colleague, match=match, reason="Geen tijd")  # other team
    event = last_match_event()
    assert event.actor_id == tenant.colleague.pk and event.subject_id is None and event.subject_type == ""
