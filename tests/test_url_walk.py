"""Walk every URL pattern of the app: anonymous users are sent to log in, other organisations get 404.

A new URL with an object id needs an entry in OBJECT_KWARGS; the test fails until it has one.

The walk's data (two organisations, one object of every kind) is built once per module, in a transaction
that is rolled back at the module's end; every test runs in its own savepoint inside it (pytest-django's
``django_db``), so what a test writes is undone before the next one, as with data built per test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import Tenant, make_tenant
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.community.tests import walk as community_walk
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Team
from buurtteam.organisation.tests.factories import DisciplineFactory, LocationFactory, ProviderFactory
from buurtteam.socialmap.tests import walk as socialmap_walk
from buurtteam.volunteers.tests import walk as volunteers_walk

WALKS = (socialmap_walk, volunteers_walk, community_walk)

# Public views: they need no log-in, and show nothing of any organisation.
PUBLIC_KWARGS = {"uidb64": "MQ", "token": "abc-123"}
# Django admin: reference data only, tested separately below. The JSON API has its own replay of every
# endpoint (401 anonymous; 404 other organisation, team, policy officer): api/tests/test_access.py.
SKIP_PREFIXES = ("platformbeheer/", "api/v1/")


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
    """One object of every kind, all in ``tenant``'s organisation and team, with a complete case."""
    import datetime

    from django.utils import timezone

    from buurtteam.cases.models import Goal, MeetingItem, PlanAction
    from buurtteam.cases.services import lifecycle, meetings
    from buurtteam.cases.tests.factories import give_area, registered_case, resident_in, walk_to_execution
    from buurtteam.residents.models import HouseholdMember
    from buurtteam.residents.services import break_glass, network_member_save

    area = give_area(tenant.team)
    resident = resident_in(tenant, area)
    case = walk_to_execution(tenant, registered_case(tenant, resident, safety_concern=True))
    task = lifecycle.task_add(
        actor=tenant.worker,
        case=case,
        title="Bellen",
        due_on=timezone.localdate(),
        assignee_id=tenant.worker.pk,
    )
    evaluation = lifecycle.evaluation_start(actor=tenant.worker, case=case, held_on=timezone.localdate())
    meeting = meetings.meeting_create(
        actor=tenant.coordinator, team=tenant.team, held_on=timezone.localdate()
    )
    with system_access("test fixture"):
        household_id = HouseholdMember.objects.get(resident=resident).household_id
        goal = Goal.objects.filter(plan__household_id=household_id).first()
        action = PlanAction.objects.filter(goal=goal).first()
        item = MeetingItem.objects.filter(meeting=meeting).first()
        from buurtteam.residents.models import Household

        household = Household.objects.get(pk=household_id)
    member = network_member_save(
        actor=tenant.worker, household=household, kind="informal", role="neighbour", name="Buurvrouw"
    )
    night_shift = member_of(tenant.other_team)
    grant = break_glass(
        actor=night_shift, resident_id=resident.pk, reason="Crisis in de nacht, geen collega bereikbaar"
    )
    assert goal is not None and action is not None and item is not None
    _ = datetime
    # Issue 4: a partner and contact, a sent referral (consent, bridging), an agreement, a meldcode track.
    from buurtteam.referrals.services import agreements, partners, referrals
    from buurtteam.safety.services import meldcode

    partner = partners.partner_save(
        actor=tenant.administrator, name="Jeugdhulp De Brug", kind="youth_care", usual_wait_weeks=8
    )
    contact = partners.contact_save(actor=tenant.administrator, partner=partner, name="Ilse Kramer")
    referral = referrals.referral_propose(
        actor=tenant.worker, case=case, partner_id=partner.pk, question="Gezinsbegeleiding"
    )
    consent = referrals.consent_record(
        actor=tenant.worker,
        referral=referral,
        given_by="Sanne de Vries",
        purpose="Gegevens delen met De Brug",
        given_on=timezone.localdate(),
    )
    referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=tenant.worker.pk)
    with system_access("test fixture"):
        from buurtteam.referrals.models import BridgingPlan

        plan = BridgingPlan.objects.get(referral=referral)
    agreement = agreements.agreement_add(
        actor=tenant.worker,
        case=case,
        party="Wijkagent",
        what="Loopt wekelijks langs",
        starts_on=timezone.localdate(),
    )
    track = meldcode.track_start(actor=tenant.worker, case=case, concern="Blauwe plekken gezien")
    # Issue 5: each app of the sociale basis makes its own objects (its tests/walk.py).
    issue_5: dict[str, int] = {}
    for walk in WALKS:
        issue_5.update(walk.walk_objects(tenant, case=case, resident=resident, action_id=action.pk))
    return {
        **issue_5,
        "team_id": tenant.team.pk,
        "staff_id": tenant.worker.pk,
        "location_id": LocationFactory.create(organisation=tenant.organisation).pk,
        "provider_id": ProviderFactory.create(organisation=tenant.organisation).pk,
        "discipline_id": DisciplineFactory.create(organisation=tenant.organisation).pk,
        "case_id": case.pk,
        "resident_id": resident.pk,
        "household_id": household_id,
        "meeting_id": meeting.pk,
        "item_id": item.pk,
        "task_id": task.pk,
        "goal_id": goal.pk,
        "action_id": action.pk,
        "evaluation_id": evaluation.pk,
        "member_id": member.pk,
        "grant_id": grant.pk,
        "partner_id": partner.pk,
        "contact_id": contact.pk,
        "referral_id": referral.pk,
        "consent_id": consent.pk,
        "plan_id": plan.pk,
        "agreement_id": agreement.pk,
        "track_id": track.pk,
        "name": "contact",  # cases:case_form (a step form of the case page)
    }


@dataclass(frozen=True)
class WalkData:
    tenant: Tenant
    other_tenant: Tenant
    objects: dict[str, int]


@pytest.fixture(scope="module")
def walk_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[WalkData]:
    """The walk's organisations and objects, built once for the module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        tenant = make_tenant()
        other_tenant = make_tenant()
        yield WalkData(tenant=tenant, other_tenant=other_tenant, objects=_object_kwargs(tenant))
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def tenant(walk_data: WalkData) -> Tenant:
    return walk_data.tenant


@pytest.fixture(scope="module")
def other_tenant(walk_data: WalkData) -> Tenant:
    return walk_data.other_tenant


@pytest.fixture(scope="module")
def objects(walk_data: WalkData) -> dict[str, int]:
    """One object of every kind in ``tenant``'s organisation (see ``_object_kwargs``)."""
    return walk_data.objects


def _url(route: Route, objects: dict[str, Any]) -> str:
    values = {**PUBLIC_KWARGS, **objects}
    missing = [k for k in route.kwarg_names if k not in values]
    assert not missing, f"{route.name}: add {missing} to the URL walk's object kwargs"
    return reverse(route.name, kwargs={k: values[k] for k in route.kwarg_names})


def _body(response: Any) -> str:
    """The text of a page or a download (the map's HSDS exports stream; a ZIP is read as bytes)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return str(response.content.decode())


def _fingerprints(tenant: Tenant) -> list[str]:
    """Strings that must never appear on another organisation's pages."""
    return [
        tenant.team.name,
        tenant.other_team.name,
        tenant.worker.full_name,
        tenant.coordinator.full_name,
        "Sanne de Vries",  # the resident of the walk's case
        "Betalingsachterstanden",  # a problem in that case
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_gets_the_login_page(
    client: Client, tenant: Tenant, objects: dict[str, int], route: Route
) -> None:
    url = _url(route, objects)
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
    client: Client, tenant: Tenant, other_tenant: Tenant, objects: dict[str, int], route: Route, role: str
) -> None:
    url = _url(route, objects)
    client.force_login(getattr(other_tenant, role))
    response = client.get(url)
    if any(k.endswith("_id") for k in route.kwarg_names):
        # 405: a POST-only action refuses GET before any look-up; its POST is checked below.
        assert response.status_code in {404, 405}, f"{role} of another organisation reached {url}"
        if response.status_code == 404:
            assert "Pagina niet gevonden" in response.content.decode()
    else:
        assert response.status_code in {200, 302, 404, 405}, url
    body = _body(response)
    for secret in _fingerprints(tenant):
        assert secret not in body, f"{url} shows {secret!r} to another organisation"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if any(k.endswith("_id") for k in r.kwarg_names)], ids=lambda r: r.name
)
def test_other_organisation_cannot_write(
    client: Client, tenant: Tenant, other_tenant: Tenant, objects: dict[str, int], route: Route
) -> None:
    url = _url(route, objects)
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


# Kwargs of a person's data or a team's meeting: another team of the same organisation gets 404.
TEAM_PRIVATE_KWARGS = set().union(*(walk.TEAM_PRIVATE for walk in WALKS)) | {
    "case_id",
    "resident_id",
    "household_id",
    "meeting_id",
    "item_id",
    "task_id",
    "goal_id",
    "action_id",
    "evaluation_id",
    "member_id",
    "referral_id",
    "consent_id",
    "plan_id",
    "agreement_id",
    "track_id",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if TEAM_PRIVATE_KWARGS & set(r.kwarg_names)], ids=lambda r: r.name
)
@pytest.mark.parametrize("who", ["colleague", "policy_officer"])
def test_worker_of_another_team_gets_404(
    client: Client, tenant: Tenant, objects: dict[str, int], route: Route, who: str
) -> None:
    if route.name == "cases:break_glass" and who == "colleague":
        # Break-the-glass is made for exactly this colleague: it shows only which team is responsible.
        client.force_login(tenant.colleague)
        body = client.get(_url(route, objects)).content.decode()
        assert "Sanne de Vries" not in body and tenant.team.name in body
        return
    url = _url(route, objects)
    # Same organisation: a worker of another team (not on the case), and the policy officer of the team.
    client.force_login(getattr(tenant, who))
    response = client.get(url)
    assert response.status_code in {404, 405}, f"{who} reached {url}"
    if response.status_code == 405:
        assert client.post(url).status_code == 404, url
    assert "Sanne de Vries" not in response.content.decode()
