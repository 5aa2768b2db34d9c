"""The demo's network data without the shared build: same seed, same partners, referrals, bridging,
agreements, meldcode tracks and crisis cases; the command's report."""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from buurtteam.cases.models import Case
from buurtteam.core.gate import system_access
from buurtteam.demo.builders import DemoOptions, build_demo
from buurtteam.referrals.models import (
    Agreement,
    BridgingPlan,
    CheckIn,
    PartnerContact,
    PartnerOrganisation,
    Referral,
)
from buurtteam.safety.models import MeldcodeTrack

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 4)


def test_load_demo_reports_the_network() -> None:
    out = StringIO()
    call_command(
        "load_demo", "--teams", "2", "--scale", "0.3", "--cases-per-team", "60", "--today", "2026-03-04",
        stdout=out,
    )  # fmt: skip
    text = out.getvalue()
    assert "netwerkpartners met" in text and "verwijzingen (" in text
    assert "meldcodetrajecten" in text


def _digest(seed: int) -> str:
    options = DemoOptions(seed=seed, scale=0.3, teams=2, cases_per_team=150, today=TODAY)
    found: list[str] = []
    with transaction.atomic():
        build_demo(options)
        with system_access("test"):
            first_case = Case.objects.order_by("pk").values_list("pk", flat=True).first() or 0
            rows: list[object] = [
                list(PartnerOrganisation.objects.order_by("pk").values_list("name", "phone", "address")),
                list(PartnerContact.objects.order_by("pk").values_list("name", "function", "email")),
                [
                    (case_id - first_case, *rest)
                    for case_id, *rest in Referral.objects.order_by("pk").values_list(
                        "case_id", "partner__name", "status", "proposed_at", "sent_at", "actual_start"
                    )
                ],
                list(CheckIn.objects.order_by("pk").values_list("occurred_at", "mode", "wellbeing", "note")),
                list(BridgingPlan.objects.order_by("pk").values_list("interval_days", "next_due", "active")),
                list(Agreement.objects.order_by("pk").values_list("party", "starts_on", "ends_on")),
                list(MeldcodeTrack.objects.order_by("pk").values_list("status", "started_at")),
                list(
                    Case.objects.filter(crisis=True).order_by("pk").values_list("crisis_since", "crisis_note")
                ),
            ]
        found.append(hashlib.sha256(repr(rows).encode()).hexdigest())
        transaction.set_rollback(True)
    return found[0]


def test_same_seed_gives_the_same_network() -> None:
    first = _digest(4)
    assert _digest(4) == first
    assert _digest(5) != first
