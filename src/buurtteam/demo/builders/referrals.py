"""Referrals in the simulated cases: to specialist care (how a 'referred' case really ends), and to the
other network partners (debt counselling, housing, welfare, ...) while the team keeps working.

A referral goes the way the services take it: proposed, the resident's consent, sent (which starts a
bridging plan with an open check-in task for the case lead), the partner's answer (accepted, on the
waiting list, or rejected with a reason), and after weeks to months the start of the help; sometimes it
is cancelled with a reason. While the resident waits, the lead checks in about every ``interval`` days;
each check-in closes the open task and opens the next one. A case closes as 'referred' only after its
specialist referral has started, so cases whose wait is not over yet are open and on the team's waitlist.
Ids and users are resolved when the rows are written (network_rows.py).
"""

from __future__ import annotations

import datetime
import functools

from buurtteam.cases.models import ClosureReason, TimelineEntry, Urgency
from buurtteam.demo.builders import network_texts as nt
from buurtteam.demo.builders.distributions import Weighted
from buurtteam.demo.builders.execution import Steps
from buurtteam.demo.builders.partners import Partner
from buurtteam.demo.builders.story import BridgingRow, CheckInRow, ConsentRow, ReferralRow, Story, TaskRow
from buurtteam.referrals.models import CheckIn, PartnerKind, ReferralStatus

K, S = PartnerKind, ReferralStatus
REFERRAL = TimelineEntry.Kind.REFERRAL
MINUTE, DAY = datetime.timedelta(minutes=1), datetime.timedelta(days=1)

INTERVALS = Weighted({14: 76, 7: 10, 21: 9, 28: 5})
MODES = Weighted({"phone": 58, "home_visit": 16, "office": 8, "video": 5, "message": 13})
WELLBEING = Weighted({"stable": 55, "better": 15, "worse": 15, "no_contact": 15})
CONSENT_FORMS = Weighted({"verbal": 55, "written": 35, "digital": 10})
REJECT_SHARE = 0.08
OVERDUE_SHARE = 0.15  # active bridging plans whose last check-in slipped
WITHDRAWN_SHARE = 0.2  # of the cancellations: the resident withdrew consent
FINISHED_SHARE = 0.8  # of the referrals whose help has run its course: recorded as finished
DROP_OUT_SHARE = 0.06  # of the residents waiting for specialist care: the referral is cancelled
HELP_DAYS: dict[str, tuple[int, int]] = {  # how long the partner's help lasts
    K.YOUTH_CARE: (90, 300),
    K.MENTAL_HEALTH: (90, 360),
    K.ADDICTION: (90, 240),
    K.DISABILITY: (120, 400),
    K.DEBT: (120, 540),
    K.HOUSING: (30, 120),
}
YOUTH_DOMAINS = ("parenting", "child-development", "school", "parents-relationship", "safety")
# (problem domain, partner kind, chance) for referrals next to the team's own work.
NETWORK_NEEDS: tuple[tuple[str, str, float], ...] = (
    ("finances", K.DEBT, 0.24),
    ("housing", K.HOUSING, 0.3),
    ("work-education", K.INCOME, 0.2),
    ("social-network", "Vrijwilligerscentrale Lindewaard", 0.2),
    ("instrumental-adl", K.HOME_CARE, 0.2),
    ("basic-adl", K.HOME_CARE, 0.25),
)
# Where a simple question is handed over to: for money matters, else (partner names or kinds).
LIGHT_MONEY = ("Voedselbank Lindewaard", K.INCOME, "Vrijwilligerscentrale Lindewaard")
LIGHT_OTHER = ("Stichting Welzijn Lindewaard", "Vrijwilligerscentrale Lindewaard", K.MEE, K.FRONT_OFFICE)


@functools.cache
def mode_label(value: str) -> str:
    return str(CheckIn.Mode(value).label)


@functools.cache
def wellbeing_label(value: str) -> str:
    return str(CheckIn.Wellbeing(value).label)


def task_title(partner: Partner) -> str:
    return f"Overbruggingscontact (wacht op {partner.name})"


class ReferralSteps(Steps):
    overdue_done = False  # the team has an overdue check-in; reset per team by CaseBuilder

    # --- which partner ------------------------------------------------------------------------------
    def _specialist(self, story: Story) -> tuple[str, str]:
        """(partner kind, problem domain) of the specialist care a case is referred to."""
        domains, children = story.domains, story.household.has_children
        if "substance-use" in domains:
            return K.ADDICTION, "substance-use"
        youth = next((d for d in domains if d in YOUTH_DOMAINS), None)
        if children and youth is not None:
            return K.YOUTH_CARE, youth
        if "mental-health" in domains:
            return K.MENTAL_HEALTH, "mental-health"
        adl = next((d for d in domains if d in ("basic-adl", "instrumental-adl")), None)
        if adl is not None and story.household.kind != "elderly":
            return K.DISABILITY, adl
        return (K.YOUTH_CARE if children else K.MENTAL_HEALTH), domains[0]

    def _partner(self, key: str, *, exclude: tuple[Partner, ...] = ()) -> Partner:
        """A partner by name, else of that kind (another than ``exclude`` when there is one)."""
        partner = next((p for p in self.network.partners if p.name == key), None)
        partner = (
            partner or self.network.pick(self.rng, key, exclude=exclude) or self.network.pick(self.rng, key)
        )
        if partner is None:
            partner = self.network.partners[0]
        return partner

    def _wait_days(self, partner: Partner, story: Story) -> int:
        days = (partner.wait_weeks or 1) * 7 * self.rng.uniform(0.55, 1.45)
        if story.urgency == Urgency.URGENT:
            days *= 0.5
        elif story.urgency == Urgency.CRISIS:
            days *= 0.25
        return max(3, round(days))

    # --- one referral -------------------------------------------------------------------------------
    def _referral(
        self,
        story: Story,
        partner: Partner,
        at: datetime.datetime,
        *,
        domain: str | None,
        deadline: datetime.datetime | None = None,
        may_reject: bool = True,
    ) -> ReferralRow:
        """Propose at ``at`` and follow the referral up to now. With a ``deadline`` (the case closes then),
        a referral still waiting by then is cancelled. Callers leave at least two weeks before it."""
        rng, now = self.rng, self.now
        name = partner.name
        question = self._fill(rng.choice(nt.questions_for(name, partner.kind)), story.household, story.client)
        row = ReferralRow(partner.pk, name, partner.specialist, domain, question, at, status_changed_at=at)
        story.referrals.append(row)
        story.note(REFERRAL, at, f"Verwijzing voorgesteld naar {name}: {question}")

        given = at.date() if rng.random() < 0.7 else self._later(at.date(), 1, 3)
        recorded = at + MINUTE * rng.randint(5, 60) if given == at.date() else self._at(given)
        if recorded > now:
            return row
        given_by = story.client.resident.full_name
        row.consent = ConsentRow(
            given_by, nt.PURPOSE.format(partner=name), CONSENT_FORMS.draw(rng), given, recorded
        )
        story.note(
            REFERRAL,
            recorded,
            f"Toestemming vastgelegd voor verwijzing naar {name} (gegeven door {given_by})",
        )
        if rng.random() < 0.6:
            sent = recorded + MINUTE * rng.randint(10, 120)
        else:
            sent = self._at(self._later(given, 1, 3))
        if sent > now:
            return row
        row.status, row.sent_at, row.status_changed_at = S.SENT, sent, sent
        story.note(REFERRAL, sent, f"Verwijzing verstuurd naar {name}")
        interval = INTERVALS.draw(rng)
        task = TaskRow("bridging", task_title(partner), sent, sent.date() + DAY * interval)
        story.tasks.append(task)
        plan = BridgingRow(sent, interval, rng.choice(nt.SUPPORT), task, task.due_on)
        row.bridging = plan

        answered = self._at(self._later(sent.date(), 2, 8))
        start_day = self.cal.on_or_after(sent.date() + DAY * self._wait_days(partner, story))
        if start_day <= answered.date():
            start_day = self._later(answered.date(), 1, 3)
        outcome = S.REJECTED if may_reject and rng.random() < REJECT_SHARE else S.STARTED
        end_at = answered if outcome == S.REJECTED else self._at(start_day)
        if deadline is not None and end_at > deadline:
            outcome = S.CANCELLED
            end_at = max(
                sent + datetime.timedelta(hours=2), deadline - datetime.timedelta(hours=rng.randint(2, 30))
            )
        self._bridge(story, partner, plan, min(end_at, now), active=end_at > now)

        if outcome != S.REJECTED and answered < end_at and answered <= now:
            row.status, row.answered_at, row.status_changed_at = S.ACCEPTED, answered, answered
            if rng.random() < 0.6:
                row.expected_start = max(
                    answered.date(), self.cal.on_or_after(start_day - DAY * rng.randint(0, 21))
                )
            story.note(REFERRAL, answered, f"{name} heeft de verwijzing geaccepteerd")
            queued = answered + MINUTE * rng.randint(5, 90)
            if (start_day - answered.date()).days > 28 and queued < end_at and queued <= now:
                row.status, row.status_changed_at = S.WAITING, queued
                text = f"Op de wachtlijst bij {name}"
                if row.expected_start:
                    text += f" (verwachte start {row.expected_start:%d-%m-%Y})"
                story.note(REFERRAL, queued, text)
        if end_at > now:
            return row
        self._end(story, partner, row, outcome, end_at, start_day)
        return row

    def _end(
        self,
        story: Story,
        partner: Partner,
        row: ReferralRow,
        outcome: str,
        at: datetime.datetime,
        start_day: datetime.date,
    ) -> None:
        rng, name = self.rng, partner.name
        if outcome == S.REJECTED:
            row.answered_at = row.ended_at = at
            row.rejection_reason = rng.choice(nt.REJECTIONS)
            story.note(REFERRAL, at, f"{name} heeft de verwijzing afgewezen: {row.rejection_reason}")
        elif outcome == S.CANCELLED:
            consent = row.consent
            if consent is not None and rng.random() < WITHDRAWN_SHARE:
                consent.withdrawn_on = max(consent.given_on, (at - MINUTE * 30).date())
                consent.withdrawn_reason = self._fill(nt.WITHDRAWN, story.household, story.client)
                story.note(REFERRAL, at - MINUTE * 30, f"Toestemming ingetrokken voor verwijzing naar {name}")
                row.cancel_reason = nt.WITHDRAWN_CANCEL
            else:
                row.cancel_reason = self._fill(rng.choice(nt.CANCELS), story.household, story.client)
            row.ended_at = at
            story.note(REFERRAL, at, f"Verwijzing naar {name} geannuleerd: {row.cancel_reason}")
        else:
            row.actual_start = start_day
            story.note(REFERRAL, at, f"Hulp bij {name} gestart op {start_day:%d-%m-%Y}")
        row.status, row.status_changed_at = outcome, at
        plan = row.bridging
        if plan is not None:
            plan.active = False
            if plan.task.done_at is None:
                plan.task.done_at = at

    def _bridge(
        self, story: Story, partner: Partner, plan: BridgingRow, stop: datetime.datetime, *, active: bool
    ) -> None:
        """Check-ins about every ``interval`` days from sending until ``stop``; now and then (and at least
        once per team) an active plan's last check-in slipped, so that it is overdue."""
        rng, cal, interval = self.rng, self.cal, plan.interval
        times: list[datetime.datetime] = []
        last = plan.created_at
        while True:
            day = cal.on_or_after(last.date() + DAY * (interval + rng.randint(-3, 1)))
            if day <= last.date():
                day = cal.add(last.date(), 1)
            at = self._at(day)
            if at >= stop:
                break
            times.append(at)
            last = at
        if active and (not self.overdue_done or rng.random() < OVERDUE_SHARE):
            for keep in range(len(times) - 1, -1, -1):
                base = times[keep - 1].date() if keep else plan.created_at.date()
                if base + DAY * interval < self.today:
                    del times[keep:]
                    self.overdue_done = True
                    break
        task = plan.task
        for at in times:
            wellbeing = WELLBEING.draw(rng)
            mode = rng.choice(("phone", "message")) if wellbeing == "no_contact" else MODES.draw(rng)
            note = self._fill(rng.choice(nt.CHECK_IN_NOTES[wellbeing]), story.household, story.client)
            plan.check_ins.append(CheckInRow(at, mode, wellbeing, note))
            task.done_at = at
            task = TaskRow("bridging", task_title(partner), at, at.date() + DAY * interval)
            story.tasks.append(task)
            text = f"Overbruggingscontact ({mode_label(mode)}): {wellbeing_label(wellbeing)}. {note}"
            story.note(REFERRAL, at, text)
            if wellbeing != "no_contact":
                story.contact(at, substantive=False)
        plan.task, plan.next_due = task, task.due_on
        plan.last_check_in_at = times[-1] if times else None

    def _finish(self, story: Story, partner: Partner, row: ReferralRow) -> None:
        """The partner's help has run its course: finished, mostly with their feedback."""
        rng = self.rng
        if row.status != S.STARTED or row.actual_start is None:
            return
        low, high = HELP_DAYS.get(partner.kind, (30, 150))
        at = self._at(self.cal.on_or_after(row.actual_start + DAY * rng.randint(low, high)))
        if at > self.now or rng.random() >= FINISHED_SHARE:
            return
        row.status, row.status_changed_at, row.ended_at = S.FINISHED, at, at
        story.note(REFERRAL, at, f"Hulp bij {partner.name} afgerond")
        if rng.random() < 0.75:
            texts = nt.FEEDBACK.get(partner.kind) or nt.FEEDBACK["default"]
            row.feedback = self._fill(rng.choice(texts), story.household, story.client)
            row.feedback_at = at + MINUTE * rng.randint(5, 60)
            story.note(REFERRAL, row.feedback_at, f"Terugkoppeling van {partner.name} vastgelegd")

    # --- where the case simulation calls in ---------------------------------------------------------
    def _refer_and_close(self, story: Story, at: datetime.datetime, *, evaluate: bool) -> None:
        """'Referred to specialist care': refer at ``at``; close only after the help has started."""
        if at > self.now:
            return
        rng = self.rng
        kind, domain = self._specialist(story)
        partner = self._partner(kind)
        # Now and then the resident drops out while waiting: cancelled, and the case closes otherwise.
        deadline = at + DAY * rng.randint(25, 90) if rng.random() < DROP_OUT_SHARE else None
        if deadline is not None and deadline > self.now:
            deadline = None
        row = self._referral(story, partner, at, domain=domain, deadline=deadline)
        if row.status == S.CANCELLED and row.ended_at is not None:
            stopped = "geen hulp" in row.cancel_reason or row.cancel_reason == nt.WITHDRAWN_CANCEL
            reason = ClosureReason.RESIDENT_STOPPED if stopped else ClosureReason.NO_LONGER_NEEDED
            self._close(story, self._at(self._later(row.ended_at.date(), 1, 5)), reason)
            return
        if row.status == S.REJECTED and row.ended_at is not None:
            again = self._at(self._later(row.ended_at.date(), 1, 6))
            if again > self.now:
                return
            partner = self._partner(kind, exclude=(partner,))
            row = self._referral(story, partner, again, domain=domain, may_reject=False)
        if row.sent_at is not None:  # the team's own tasks are wrapped up; bridging takes over
            for task in story.tasks:
                if task.done_at is None and task.kind != "bridging" and task.created_at <= row.sent_at:
                    task.done_at = row.sent_at
        if row.actual_start is None or row.status_changed_at is None:
            return
        if evaluate:
            held = max(self._at(self._later(row.actual_start, 1, 5)), row.status_changed_at + MINUTE * 30)
            if held > self.now or not self._evaluate(story, held, final=True):
                return
            closing = self._at(self._later(held.date(), 0, 5))
        else:
            closing = self._at(self._later(row.actual_start, 1, 8))
        closing = max(closing, (story.status_changed_at or at) + MINUTE * 30)
        if closing > self.now:
            return
        self._close(story, closing, ClosureReason.REFERRED)
        story.closure_note = self._fill(
            rng.choice(nt.REFERRED_CLOSURE).replace("{partner}", partner.name), story.household, story.client
        )
        self._finish(story, partner, row)

    def _network_referrals(self, story: Story, start: datetime.datetime, end: datetime.datetime) -> None:
        """Referrals next to the team's own work (debt counselling, housing, ...), at most two a case.
        When the case will close (``end`` before now), only referrals that can start in time, mostly."""
        rng, now = self.rng, self.now
        deadline = end - DAY if end <= now else None
        made: set[str] = set()
        for domain, kind, share in NETWORK_NEEDS:
            if len(made) >= 2 or kind in made or domain not in story.domains or rng.random() >= share:
                continue
            at = self._at(self.cal.on_or_after(start.date() + DAY * rng.randint(3, 45)))
            if at > now or (deadline is not None and at + DAY * 16 > deadline):
                continue
            partner = self._partner(kind)
            if deadline is not None:
                needed = (partner.wait_weeks or 1) * 7 * 1.3 + 10
                if (deadline - at).days < needed and rng.random() < 0.85:
                    continue
            row = self._referral(story, partner, at, domain=domain, deadline=deadline)
            self._finish(story, partner, row)
            made.add(kind)

    def _light_referral(self, story: Story, at: datetime.datetime) -> ReferralRow:
        """A simple question handed over to the social basis (welfare, client support, the front office)."""
        partner = self._partner(
            self.rng.choice(LIGHT_MONEY if story.domains[0] == "finances" else LIGHT_OTHER)
        )
        return self._referral(story, partner, at, domain=story.domains[0], may_reject=False)
