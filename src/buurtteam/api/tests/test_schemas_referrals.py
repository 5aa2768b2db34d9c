"""The choice lists and text limits of the issue 4 schemas follow the models."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from django.db import models

from buurtteam.api import schemas_referrals as r
from buurtteam.api import schemas_safety as m
from buurtteam.cases.models import Case
from buurtteam.referrals.models import (
    Agreement,
    CheckIn,
    Consent,
    PartnerKind,
    PartnerOrganisation,
    Referral,
    ReferralStatus,
)
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, StepNumber, VeiligThuisReport


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (r.PartnerKindValue, PartnerKind),
        (r.ReferralStatusValue, ReferralStatus),
        (r.ConsentFormValue, Consent.Form),
        (r.CheckInModeValue, CheckIn.Mode),
        (r.WellbeingValue, CheckIn.Wellbeing),
        (m.TrackStatusValue, MeldcodeTrack.Status),
        (m.StepNumberValue, StepNumber),
    ],
    ids=lambda v: getattr(v, "__name__", "literal"),
)
def test_choice_lists_match_the_models(literal: Any, choices: type[models.Choices]) -> None:
    assert list(get_args(literal)) == list(choices.values)


@pytest.mark.parametrize(
    ("schema", "field", "model", "model_field"),
    [
        (r.PartnerIn, "name", PartnerOrganisation, "name"),
        (r.PartnerIn, "notes", PartnerOrganisation, "notes"),
        (r.ReferralProposeIn, "question", Referral, "question"),
        (r.ConsentIn, "purpose", Consent, "purpose"),
        (r.ConsentWithdrawIn, "reason", Consent, "withdrawn_reason"),
        (r.CancelIn, "reason", Referral, "cancel_reason"),
        (r.AnswerIn, "reason", Referral, "rejection_reason"),
        (r.FeedbackIn, "feedback", Referral, "feedback"),
        (r.CheckInIn, "note", CheckIn, "note"),
        (r.AgreementIn, "what", Agreement, "what"),
        (m.TrackStartIn, "concern", MeldcodeTrack, "concern"),
        (m.StepIn, "note", MeldcodeStep, "note"),
        (m.StepIn, "consulted", MeldcodeStep, "consulted"),
        (m.StepIn, "no_talk_reason", MeldcodeStep, "no_talk_reason"),
        (m.ReportIn, "not_informed_reason", VeiligThuisReport, "not_informed_reason"),
        (m.CrisisMarkIn, "note", Case, "crisis_note"),
    ],
)
def test_text_limits_come_from_the_models(
    schema: Any, field: str, model: type[models.Model], model_field: str
) -> None:
    prop = schema.model_json_schema()["properties"][field]
    limit = prop.get("maxLength") or next(p["maxLength"] for p in prop["anyOf"] if "maxLength" in p)
    assert limit == getattr(model._meta.get_field(model_field), "max_length", None)
