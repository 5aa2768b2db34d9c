"""Write the referrals, consents, bridging plans, check-ins, agreements and meldcode tracks of the stories.

Runs after rows.RowWriter, which has given every story its case id and every task its id. Users are
resolved here, as for the rest of the case: the lead at the moment of each step; an active bridging plan
belongs to the case lead now (who also holds its open check-in task).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.story import LEAD, Story
from buurtteam.referrals.models import (
    WAITING_STATUSES,
    Agreement,
    BridgingPlan,
    CheckIn,
    Consent,
    Referral,
)
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport

STEP_FIELDS = (
    "consulted",
    "advice_veilig_thuis",
    "advice_anonymous",
    "talked_with",
    "no_talk_reason",
    "suspicion",
    "unsafety",
    "can_help",
    "accepts_help",
    "lasting_safety",
    "report_necessary",
    "help_possible",
)
STEP_DEFAULTS: dict[str, object] = {
    "consulted": "",
    "advice_veilig_thuis": False,
    "advice_anonymous": False,
    "talked_with": "",
    "no_talk_reason": "",
}


def _user(story: Story, at: Any) -> int:
    user = story.author(LEAD, at)
    assert user is not None
    return user


class NetworkWriter:
    def __init__(self, inserter: Inserter, *, domains: dict[str, int]) -> None:
        self.ins = inserter
        self.domains = domains
        self.counts: dict[str, int] = {}

    def _add(self, key: str, model: Any, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> range:
        self.counts[key] = self.counts.get(key, 0) + len(rows)
        return self.ins.add(model, names, rows)

    def write(self, stories: list[Story]) -> dict[str, int]:
        self._referrals(stories)
        self._agreements(stories)
        self._meldcode(stories)
        self.counts["crisis_cases"] = sum(1 for s in stories if s.crisis_since is not None)
        return self.counts

    def _referrals(self, stories: list[Story]) -> None:
        pairs = [(story, r) for story in stories for r in story.referrals]
        rows = [
            (
                story.case_id,
                r.partner_id,
                self.domains.get(r.domain) if r.domain else None,
                r.question,
                r.specialist,
                r.status,
                r.status_changed_at or r.proposed_at,
                r.proposed_at,
                r.sent_at,
                r.answered_at,
                r.rejection_reason,
                r.expected_start,
                r.actual_start,
                r.ended_at,
                r.cancel_reason,
                r.feedback,
                r.feedback_at,
                _user(story, r.proposed_at),
            )
            for story, r in pairs
        ]
        names: Sequence[str] = (
            "case_id",
            "partner_id",
            "domain_id",
            "question",
            "is_specialist",
            "status",
            "status_changed_at",
            "proposed_at",
            "sent_at",
            "answered_at",
            "rejection_reason",
            "expected_start",
            "actual_start",
            "ended_at",
            "cancel_reason",
            "feedback",
            "feedback_at",
            "created_by_id",
        )
        ids = self._add("referrals", Referral, names, rows)
        self.counts["waiting_referrals"] = sum(1 for _s, r in pairs if r.status in WAITING_STATUSES)
        consents, plans, plan_rows = [], [], []
        for pk, (story, r) in zip(ids, pairs, strict=True):
            c = r.consent
            if c is not None:
                consents.append(
                    (
                        pk,
                        c.given_by,
                        c.purpose,
                        c.form,
                        c.given_on,
                        _user(story, c.recorded_at),
                        c.recorded_at,
                        c.withdrawn_on,
                        c.withdrawn_reason,
                    )
                )
            p = r.bridging
            if p is not None:
                lead = story.lead_now() if p.active else None
                contact = lead.user_id if lead is not None and lead.user_id else _user(story, p.created_at)
                plans.append(
                    (
                        pk,
                        contact,
                        p.interval,
                        p.support,
                        p.next_due,
                        p.last_check_in_at,
                        p.active,
                        p.task.pk,
                        p.created_at,
                    )
                )
                plan_rows.append((story, p))
        names = (
            "referral_id",
            "given_by",
            "purpose",
            "form",
            "given_on",
            "recorded_by_id",
            "recorded_at",
            "withdrawn_on",
            "withdrawn_reason",
        )
        self._add("consents", Consent, names, consents)
        names = (
            "referral_id",
            "contact_id",
            "interval_days",
            "support",
            "next_due",
            "last_check_in_at",
            "active",
            "task_id",
            "created_at",
        )
        plan_ids = self._add("bridging_plans", BridgingPlan, names, plans)
        check_ins = [
            (plan_id, c.at, c.mode, c.wellbeing, c.note, _user(story, c.at))
            for plan_id, (story, p) in zip(plan_ids, plan_rows, strict=True)
            for c in p.check_ins
        ]
        names = ("plan_id", "occurred_at", "mode", "wellbeing", "note", "author_id")
        self._add("check_ins", CheckIn, names, check_ins)

    def _agreements(self, stories: list[Story]) -> None:
        rows = [
            (
                story.case_id,
                a.partner_id,
                a.party,
                a.what,
                a.starts_on,
                a.ends_on,
                a.afterwards,
                a.ended_at,
                _user(story, a.created_at),
                a.created_at,
            )
            for story in stories
            for a in story.partner_agreements
        ]
        names: Sequence[str] = (
            "case_id",
            "partner_id",
            "party",
            "what",
            "starts_on",
            "ends_on",
            "afterwards",
            "ended_at",
            "created_by_id",
            "created_at",
        )
        self._add("agreements", Agreement, names, rows)

    def _meldcode(self, stories: list[Story]) -> None:
        pairs = [(story, t) for story in stories for t in story.meldcode]
        rows = [
            (
                story.case_id,
                t.status,
                t.concern,
                t.started_at,
                _user(story, t.started_at),
                t.ended_at,
                t.stop_reason,
            )
            for story, t in pairs
        ]
        names: Sequence[str] = (
            "case_id",
            "status",
            "concern",
            "started_at",
            "started_by_id",
            "ended_at",
            "stop_reason",
        )
        ids = self._add("meldcode_tracks", MeldcodeTrack, names, rows)
        steps, reports = [], []
        for pk, (story, t) in zip(ids, pairs, strict=True):
            for s in t.steps:
                values = [s.answers.get(name, STEP_DEFAULTS.get(name)) for name in STEP_FIELDS]
                steps.append(
                    (pk, s.number, s.done_on, s.note, _user(story, s.signed_at), s.signed_at, *values)
                )
            r = t.report
            if r is not None:
                reports.append(
                    (
                        pk,
                        r.reported_on,
                        _user(story, r.recorded_at),
                        r.reference,
                        r.resident_informed,
                        r.not_informed_reason,
                        r.note,
                        r.recorded_at,
                    )
                )
        names = ("track_id", "number", "done_on", "note", "signed_by_id", "signed_at", *STEP_FIELDS)
        self._add("meldcode_steps", MeldcodeStep, names, steps)
        names = (
            "track_id",
            "reported_on",
            "reported_by_id",
            "reference",
            "resident_informed",
            "not_informed_reason",
            "note",
            "recorded_at",
        )
        self._add("veilig_thuis_reports", VeiligThuisReport, names, reports)
