"""The lists of issue 4 cost the same number of queries for a few rows as for many."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buurtteam.api.tests.helpers import Caller, as_token, ok
from buurtteam.api.tests.referral_helpers import case_in_execution, partner, sent_referral
from buurtteam.cases.models import Case
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import BridgingPlan, PartnerOrganisation
from buurtteam.referrals.services import agreements, bridging, partners, referrals
from buurtteam.safety.services import meldcode


def _queries(caller: Caller, path: str, **query: Any) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        body = ok(caller.get(path, **query))
    return len(ctx.captured_queries), body


@pytest.mark.django_db
def test_partner_list_and_partner_query_counts(tenant: Tenant) -> None:
    api = as_token(tenant.worker)
    ok(api.get("/partners"))  # warm up: last-used bookkeeping

    def add(n: int, start: int) -> PartnerOrganisation:
        made = [partner(tenant, name=f"Partner {start + i:03d}", kind="welfare") for i in range(n)]
        for p in made:
            for j in range(2):
                partners.contact_save(actor=tenant.administrator, partner=p, name=f"Contact {j}")
        return made[0]

    first = add(2, 0)
    few, body = _queries(api, "/partners")
    few_one, _ = _queries(api, f"/partners/{first.pk}")
    assert body["count"] == 2
    add(18, 2)
    many, body = _queries(api, "/partners", limit=100)
    assert body["count"] == 20 and len(body["items"]) == 20
    partners.contact_save(actor=tenant.administrator, partner=first, name="Nog een")
    many_one, one = _queries(api, f"/partners/{first.pk}")
    assert len(one["contacts"]) == 3
    assert few == many and few_one == many_one, (few, many, few_one, many_one)


def _fill_case(tenant: Tenant, case: Case, n: int, start: int) -> None:
    """``n`` referrals (each with consent and a bridging plan with a check-in), agreements and tracks."""
    today = timezone.localdate()
    for i in range(n):
        referral = sent_referral(tenant, case, partner(tenant, name=f"Partner {start + i}"))
        with system_access("test: the plan under test"):
            plan = BridgingPlan.objects.get(referral_id=referral.pk)
        bridging.check_in_record(
            actor=tenant.worker, plan=plan, occurred_at=timezone.now(), mode="phone", wellbeing="stable"
        )
        agreements.agreement_add(
            actor=tenant.worker, case=case, party=f"Buur {start + i}", what="Boodschappen", starts_on=today
        )
        track = meldcode.track_start(actor=tenant.worker, case=case, concern="Zorgen")
        meldcode.step_record(actor=tenant.worker, track=track, number=1, done_on=today, note="Gezien")
        meldcode.track_stop(actor=tenant.worker, track=track, reason="Niet bevestigd")
    with system_access("test: overdue check-ins"):
        BridgingPlan.objects.update(next_due=today - datetime.timedelta(days=2))


@pytest.mark.django_db
def test_case_lists_query_counts_are_constant(tenant: Tenant) -> None:
    case = case_in_execution(tenant)
    api = as_token(tenant.worker)
    ok(api.get(f"/cases/{case.pk}"))  # warm up
    _fill_case(tenant, case, 1, 0)
    with system_access("test"):
        plan_id = BridgingPlan.objects.order_by("pk").values_list("pk", flat=True)[0]
    paths: dict[str, Callable[[], tuple[str, dict[str, Any]]]] = {
        "referrals": lambda: (f"/cases/{case.pk}/referrals", {}),
        "agreements": lambda: (f"/cases/{case.pk}/agreements", {}),
        "tracks": lambda: (f"/cases/{case.pk}/meldcode-tracks", {}),
        "waitlist": lambda: (f"/teams/{tenant.team.pk}/waitlist", {}),
        "overdue_team": lambda: ("/check-ins/overdue", {"team_id": tenant.team.pk}),
        "overdue_mine": lambda: ("/check-ins/overdue", {}),
        "check_ins": lambda: (f"/bridging-plans/{plan_id}/check-ins", {}),
        "consents": lambda: (f"/referrals/{_first_referral(plan_id)}/consents", {}),
    }
    few = {}
    for name, make in paths.items():
        path, query = make()
        few[name] = _queries(api, path, **query)
    _more_check_ins_and_consents(tenant, plan_id)
    _fill_case(tenant, case, 5, 1)  # ends with every plan overdue
    failures = []
    for name, make in paths.items():
        path, query = make()
        count, body = _queries(api, path, **query)
        if count != few[name][0]:
            failures.append((name, few[name][0], count))
        if name in {"referrals", "agreements", "tracks", "waitlist", "overdue_team", "overdue_mine"}:
            assert len(body) == 6, (name, len(body))
        if name in {"check_ins", "consents"}:
            assert len(body) == 3, (name, len(body))
    assert not failures, failures
    print("queries per list:", {name: count for name, (count, _body) in few.items()})


def _first_referral(plan_id: int) -> int:
    with system_access("test"):
        return int(BridgingPlan.objects.get(pk=plan_id).referral_id)


def _more_check_ins_and_consents(tenant: Tenant, plan_id: int) -> None:
    with system_access("test"):
        plan = BridgingPlan.objects.select_related("referral").get(pk=plan_id)
    for _ in range(2):
        bridging.check_in_record(
            actor=tenant.worker, plan=plan, occurred_at=timezone.now(), mode="video", wellbeing="better"
        )
        referrals.consent_record(
            actor=tenant.worker,
            referral=plan.referral,
            given_by="Sanne",
            purpose="Delen",
            given_on=timezone.localdate(),
        )
