"""The API's choice lists and text limits follow the models."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from django.db import models

from buurtteam.api import schemas as s
from buurtteam.cases.models import (
    Assessment,
    Case,
    Channel,
    ClosureReason,
    Complexity,
    ContactMode,
    DomainScore,
    Evaluation,
    Goal,
    IntakeConversation,
    PlanAction,
    Referrer,
    Status,
    Task,
    TimelineEntry,
    Urgency,
)
from buurtteam.residents.models import Gender, NetworkMember, Relation, Resident


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (s.GenderValue, Gender),
        (s.ChannelValue, Channel),
        (s.ReferrerValue, Referrer),
        (s.UrgencyValue, Urgency),
        (s.ComplexityValue, Complexity),
        (s.StatusValue, Status),
        (s.ClosureReasonValue, ClosureReason),
        (s.ContactModeValue, ContactMode),
        (s.AssessmentKindValue, Assessment.Kind),
        (s.TaskKindValue, Task.Kind),
        (s.OutcomeValue, Evaluation.Outcome),
        (s.OwnerKindValue, PlanAction.Owner),
        (s.GoalStatusValue, Goal.Status),
        (s.NetworkKindValue, NetworkMember.Kind),
        (s.NetworkRoleValue, NetworkMember.Role),
        (s.RelationValue, Relation),
        (s.TimelineKindValue, TimelineEntry.Kind),
    ],
    ids=lambda v: getattr(v, "__name__", "literal"),
)
def test_choice_lists_match_the_models(literal: Any, choices: type[models.TextChoices]) -> None:
    assert list(get_args(literal)) == list(choices.values)


@pytest.mark.parametrize(
    ("schema", "field", "model"),
    [
        (s.ResidentIn, "last_name", Resident),
        (s.ContactIn, "text", TimelineEntry),
        (s.ConversationIn, "note", IntakeConversation),
        (s.CaseRegisterIn, "question", Case),
        (s.ScoreIn, "reason", DomainScore),
        (s.TaskIn, "title", Task),
        (s.EvaluationCompleteIn, "summary", Evaluation),
    ],
)
def test_text_limits_come_from_the_models(schema: Any, field: str, model: type[models.Model]) -> None:
    limit = schema.model_json_schema()["properties"][field]["maxLength"]
    assert limit == getattr(model._meta.get_field(field), "max_length", None)
