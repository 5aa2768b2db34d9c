"""Helpers of the case page tests: URLs, a snapshot of everything a step could change, and posting a step
that must succeed (``ok``) or be refused (``refused``)."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import (
    Assessment,
    Case,
    Evaluation,
    Goal,
    IntakeConversation,
    PlanAction,
    Problem,
    Task,
    TimelineEntry,
)
from buurtteam.cases.tests.factories import domain
from buurtteam.core.gate import system_access

TODAY = timezone.localdate


def url(name: str, case: Case, **kwargs: int) -> str:
    return reverse(f"cases:{name}", kwargs={"case_id": case.pk, **kwargs})


def page(case: Case) -> str:
    return url("case_detail", case)


def fresh(case: Case) -> Case:
    with system_access("test assertion"):
        return Case.objects.get(pk=case.pk)


def snapshot(case: Case) -> dict[str, Any]:
    """Everything a step could change."""
    with system_access("test assertion"):
        row = Case.objects.filter(pk=case.pk).values().get()
        return {
            "case": row,
            "conversations": IntakeConversation.objects.filter(case=case).count(),
            "problems": list(Problem.objects.filter(case=case).values_list("description", flat=True)),
            "assessments": Assessment.objects.filter(case=case).count(),
            "goals": list(
                Goal.objects.filter(plan__household_id=case.household_id).values_list("status", flat=True)
            ),
            "actions": list(
                PlanAction.objects.filter(goal__plan__household_id=case.household_id).values_list(
                    "done_on", flat=True
                )
            ),
            "timeline": TimelineEntry.objects.filter(case=case).count(),
            "tasks": list(Task.objects.filter(case=case).values_list("done_at", flat=True)),
            "evaluations": list(Evaluation.objects.filter(case=case).values_list("completed_at", flat=True)),
            "writes": AuditEvent.objects.filter(
                action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]
            ).count(),
        }


def refused(client: Client, target: str, data: dict[str, Any], case: Case, message: str) -> str:
    """POST a step that must be refused: 400, the Dutch message on the page, nothing changed."""
    before = snapshot(case)
    response = client.post(target, data)
    body = response.content.decode()
    assert response.status_code == 400, (target, response.status_code)
    assert message in body, f"{message!r} not on the page"
    assert "Er is niets opgeslagen." in body
    assert snapshot(case) == before
    return body


def ok(client: Client, target: str, data: dict[str, Any] | None = None, anchor: str = "") -> None:
    response = client.post(target, data or {})
    assert response.status_code == 302, response.content.decode()[:3000]
    if anchor:
        assert response["Location"].endswith(f"#{anchor}")


def conversation_data(
    day: datetime.date | None = None, extra: dict[str, str] | None = None
) -> dict[str, Any]:
    return {
        "conversation-held_on": (day or TODAY()).isoformat(),
        "conversation-mode": "home_visit",
        "conversation-participants": "moeder en zoon",
        "conversation-note": "We spraken over de post.",
        **(extra or {}),
    }


def scores(
    tenant: Tenant, values: dict[str, int], *, kind: str, reason: str = "Hoort bij de vraag"
) -> dict[str, Any]:
    data: dict[str, Any] = {"assessment-kind": kind, "assessment-assessed_on": TODAY().isoformat()}
    for code, score in values.items():
        data[f"assessment-score_{code}"] = str(score)
        data[f"assessment-reason_{code}"] = reason
    return data


def to_assessment(tenant: Tenant, client: Client, case: Case) -> None:
    ok(client, url("conversation_add", case), conversation_data())
    fin = domain(tenant, "finances")
    ok(
        client,
        url("problems_set", case),
        {"problems-domain_0": fin.pk, "problems-description_0": "Schulden", "problems-domain_1": ""},
    )
    ok(client, url("intake_finish", case))
