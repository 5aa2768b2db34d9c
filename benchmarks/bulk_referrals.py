"""Referrals, consents, bridging plans, check-ins and agreements for the generated database.

Drawn per case from the arrays of bulk.Generator, like the rest, and kept in compact arrays between the
tables. About a fifth of the cases gets a referral:

* every case closed as 'referred' has a specialist referral that started before the closing date
  (sometimes after a rejection by another partner), later often finished with the partner's feedback;
* open cases wait for a partner (sent, accepted or on the waiting list) with the resident's consent, an
  active bridging plan held by the case lead, the lead's open check-in task, and a check-in about every
  ``interval`` days since sending -- for some of them the last one slipped, so they are overdue;
* some non-specialist referrals (debt counselling, housing) started or finished next to the team's work,
  and some cancelled ones.

A bridging plan that ended keeps its recorded check-ins (part of the intervals) but no task. Agreements
(wie doet wat) go on about 30% of the running cases and a few closed ones. The partners are the demo
directory's (``build_demo`` creates it with the structure).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.bulk import DAY, Generator
from buurtteam.demo.builders import network_texts as nt
from buurtteam.demo.builders.distributions import Weighted
from buurtteam.referrals.models import Agreement, BridgingPlan, CheckIn, Consent, Referral

STATUSES = ("proposed", "sent", "accepted", "waiting", "started", "finished", "rejected", "cancelled")
SENT, ACCEPTED, WAITING, STARTED, FINISHED, REJECTED, CANCELLED = range(1, 8)
ACTIVE = (SENT, ACCEPTED, WAITING)
WAITING_SHARE = 0.15  # of the open cases past registration: waiting for a partner now
OPEN_STARTED_SHARE = 0.04  # of the open cases: a non-specialist referral has started
CLOSED_NETWORK_SHARE = 0.02  # of the other closed complex cases: a debt/housing referral
CLOSED_CANCELLED_SHARE = 0.01
REJECTED_FIRST = 0.06  # of the referred closures: another partner rejected first
OVERDUE_SHARE = 0.15  # of the active plans: the last check-in slipped
RECORDED = 0.45  # of the intervals of a finished wait: a check-in on record
RUNNING_AGREEMENTS = 0.3  # of the cases in execution or evaluation
CLOSED_AGREEMENTS = 0.04
INTERVALS = Weighted({14: 78, 7: 8, 21: 9, 28: 5})
MODES = Weighted({"phone": 58, "home_visit": 16, "office": 8, "video": 5, "message": 13})
WELLBEING = Weighted({"stable": 55, "better": 15, "worse": 15, "no_contact": 15})
FORMS = Weighted({"verbal": 55, "written": 35, "digital": 10})
DOMAIN_BY_KIND = {
    "youth_care": "parenting",
    "mental_health": "mental-health",
    "addiction": "substance-use",
    "disability": "instrumental-adl",
    "debt": "finances",
    "housing": "housing",
}


def _plain(text: str) -> str:
    return text.replace("{name}", "de inwoner").replace("{child}", "kind").replace("{partner}", "de partner")


@dataclass(frozen=True)
class PartnerRef:
    pk: int
    name: str
    kind: str
    specialist: bool
    wait_weeks: int | None


class ReferralPlan:
    """Draws the referrals (arrays), then writes the tables. ``tasks`` are the open check-in tasks of the
    active plans, written with the case tasks (bulk_dossier.dossier_parts) so that the plans can point at
    them: ``write(first_task_id)``."""

    def __init__(self, gen: Generator, partners: Sequence[PartnerRef]) -> None:
        self.gen, self.partners = gen, list(partners)
        self.specialist = [i for i, p in enumerate(self.partners) if p.specialist]
        self.network = [i for i, p in enumerate(self.partners) if p.kind in ("debt", "housing")]
        if not self.specialist or not self.network:
            raise SystemExit("the demo directory has no specialist, debt or housing partners")
        self.case = array("q")
        self.partner = array("h")
        self.status = array("b")
        self.proposed = array("q")
        self.sent = array("q")  # -1: not sent
        self.answered = array("q")
        self.start = array("q")  # the help started (minute), -1: not
        self.ended = array("q")  # rejected, cancelled or finished (minute), -1: not
        self.interval = array("b")
        self.check_ins = array("h")
        self.next_due = array("q")  # minute of the day the next check-in is due
        self.feedback = array("b")
        self.task = array("q")  # index into tasks, -1: none
        self.tasks: list[tuple[Any, ...]] = []

    # --- drawing ------------------------------------------------------------------------------------
    def build(self) -> None:
        gen, rng = self.gen, self.gen.rng
        for i in range(len(gen.c_team)):
            if gen.c_simple[i]:
                continue
            status, reg, end = gen.c_status[i], gen.c_reg[i], gen.c_end[i]
            if status < 0:
                if gen.c_referred[i]:
                    self._referred(i, reg, end)
                    continue
                roll = rng.random()
                if roll < CLOSED_NETWORK_SHARE:
                    self._started(i, reg + rng.randint(5, 30) * DAY, until=end - DAY)
                elif roll < CLOSED_NETWORK_SHARE + CLOSED_CANCELLED_SHARE:
                    self._cancelled(i, reg, end)
            elif status >= 1:
                roll = rng.random()
                if roll < WAITING_SHARE:
                    self._waiting(i, reg)
                elif roll < WAITING_SHARE + OPEN_STARTED_SHARE:
                    self._started(i, reg + rng.randint(5, 20) * DAY, until=self.gen.clock.now)

    def _pick(self, pool: list[int], exclude: int = -1) -> int:
        rng = self.gen.rng
        choice = pool[int(rng.random() * len(pool))]
        if choice == exclude and len(pool) > 1:
            choice = pool[(pool.index(choice) + 1) % len(pool)]
        return choice

    def _wait(self, partner: int) -> int:
        weeks = self.partners[partner].wait_weeks or 1
        return int(weeks * 7 * self.gen.rng.uniform(0.55, 1.45) * DAY)

    def _add(
        self,
        i: int,
        partner: int,
        status: int,
        proposed: int,
        sent: int,
        answered: int = -1,
        start: int = -1,
        ended: int = -1,
        *,
        interval: int = 14,
        check_ins: int = 0,
        task: int = -1,
    ) -> None:
        base = sent + check_ins * interval * DAY if check_ins else sent
        self.case.append(i)
        self.partner.append(partner)
        self.status.append(status)
        self.proposed.append(proposed)
        self.sent.append(sent)
        self.answered.append(answered)
        self.start.append(start)
        self.ended.append(ended)
        self.interval.append(interval)
        self.check_ins.append(check_ins)
        self.next_due.append((base // DAY + interval) * DAY)
        self.feedback.append(status == FINISHED and self.gen.rng.random() < 0.75)
        self.task.append(task)

    def _historic(self, sent: int, until: int, interval: int) -> int:
        """Check-ins on record for a wait that is over: part of the intervals."""
        possible = max(0, (until - sent) // (interval * DAY))
        return min(possible, int(possible * RECORDED + self.gen.rng.random()))

    def _referred(self, i: int, reg: int, end: int) -> None:
        """Specialist care that started a few days before the closing (and may have finished since)."""
        rng, now = self.gen.rng, self.gen.clock.now
        partner = self._pick(self.specialist)
        start = max(reg + 4 * DAY, end - rng.randint(1, 10) * DAY)
        if start // DAY >= end // DAY:
            start = reg + (end - reg) // 2
        sent = max(reg + 3 * DAY + rng.randint(0, 300), start - self._wait(partner))
        sent = min(sent, start - 120)
        proposed = max(reg + 30, sent - rng.randint(0, 2) * DAY - rng.randint(15, 240))
        if rng.random() < REJECTED_FIRST and proposed - reg > 25 * DAY:
            other = self._pick(self.specialist, exclude=partner)
            first_sent = reg + 3 * DAY
            answered = first_sent + rng.randint(3, 10) * DAY
            if answered < proposed:
                self._add(i, other, REJECTED, first_sent - 60, first_sent, answered, ended=answered)
        answered = min(sent + rng.randint(2, 10) * DAY, start - 60)
        interval = INTERVALS.draw(rng)
        check_ins = self._historic(sent, start, interval)
        finished = start + rng.randint(90, 360) * DAY
        if finished <= now and rng.random() < 0.8:
            self._add(i, partner, FINISHED, proposed, sent, answered, start, finished, interval=interval,
                      check_ins=check_ins)  # fmt: skip
        else:
            self._add(
                i, partner, STARTED, proposed, sent, answered, start, interval=interval, check_ins=check_ins
            )

    def _started(self, i: int, sent: int, *, until: int) -> None:
        """Debt counselling or housing: started before ``until`` (the closing, or now)."""
        rng = self.gen.rng
        partner = self._pick(self.network)
        start = sent + max(DAY, self._wait(partner))
        if start >= until - DAY or sent >= self.gen.clock.now:
            return
        interval = INTERVALS.draw(rng)
        answered = min(sent + rng.randint(2, 8) * DAY, start - 60)
        finished = start + rng.randint(60, 400) * DAY
        check_ins = self._historic(sent, start, interval)
        proposed = sent - rng.randint(15, 240)
        if finished <= self.gen.clock.now and rng.random() < 0.8:
            self._add(i, partner, FINISHED, proposed, sent, answered, start, finished, interval=interval,
                      check_ins=check_ins)  # fmt: skip
        else:
            self._add(
                i, partner, STARTED, proposed, sent, answered, start, interval=interval, check_ins=check_ins
            )

    def _cancelled(self, i: int, reg: int, end: int) -> None:
        rng = self.gen.rng
        partner = self._pick(self.specialist)
        sent = reg + rng.randint(5, 20) * DAY
        cancelled = min(sent + rng.randint(10, 60) * DAY, end - DAY)
        if cancelled <= sent + DAY:
            return
        interval = INTERVALS.draw(rng)
        self._add(i, partner, CANCELLED, sent - 90, sent, ended=cancelled, interval=interval,
                  check_ins=self._historic(sent, cancelled, interval))  # fmt: skip

    def _waiting(self, i: int, reg: int) -> None:
        """Waiting now: sent, accepted or on the waiting list; an active plan with the lead's open task."""
        gen, rng, clock = self.gen, self.gen.rng, self.gen.clock
        now = clock.now
        if reg + 3 * DAY >= now:
            return
        partner = self._pick(self.specialist if rng.random() < 0.75 else self.network)
        sent = min(max(reg + 3 * DAY, now - rng.randint(1, 200) * DAY + rng.randint(-240, 0)), now - 60)
        proposed = max(reg + 30, sent - rng.randint(0, 2) * DAY - rng.randint(15, 240))
        elapsed = now - sent
        status = (
            SENT if elapsed < 5 * DAY else ACCEPTED if elapsed < 30 * DAY or rng.random() < 0.3 else WAITING
        )
        answered = sent + rng.randint(2, 4) * DAY if status != SENT else -1
        interval = INTERVALS.draw(rng)
        recorded = elapsed // (interval * DAY)
        if recorded and rng.random() < OVERDUE_SHARE:
            recorded -= 1  # the last check-in slipped: due before today
        base = sent + recorded * interval * DAY
        lead = gen.c_lead[i] or gen.teams[gen.c_team[i]].members[0]
        due = clock.date((base // DAY + interval) * DAY)
        title = f"Overbruggingscontact (wacht op {self.partners[partner].name})"
        self.tasks.append((i + 1, "bridging", title, due, lead, None, None))
        self._add(i, partner, status, proposed, sent, answered, interval=interval, check_ins=recorded,
                  task=len(self.tasks) - 1)  # fmt: skip

    # --- writing ------------------------------------------------------------------------------------
    def write(self, first_task_id: int) -> None:
        gen = self.gen
        names = [
            "id", "case_id", "partner_id", "domain_id", "question", "is_specialist", "status",
            "status_changed_at", "proposed_at", "sent_at", "answered_at", "rejection_reason",
            "expected_start", "actual_start", "ended_at", "cancel_reason", "feedback", "feedback_at",
            "created_by_id",
        ]  # fmt: skip
        gen.counts["referrals"] = gen.sink.copy(Referral, names, self._referrals())
        gen.counts["waiting_referrals"] = sum(1 for s in self.status if s in ACTIVE)
        names = [
            "id", "referral_id", "given_by", "purpose", "form", "given_on", "recorded_by_id", "recorded_at",
            "withdrawn_on", "withdrawn_reason",
        ]  # fmt: skip
        gen.counts["consents"] = gen.sink.copy(Consent, names, self._consents())
        names = [
            "id", "referral_id", "contact_id", "interval_days", "support", "next_due", "last_check_in_at",
            "active", "task_id", "created_at",
        ]  # fmt: skip
        gen.counts["bridging_plans"] = gen.sink.copy(BridgingPlan, names, self._plans(first_task_id))
        gen.counts["overdue_check_ins"] = sum(
            1
            for r in range(len(self.status))
            if self.status[r] in ACTIVE and self.next_due[r] < gen.clock.now // DAY * DAY
        )
        names = ["id", "plan_id", "occurred_at", "mode", "wellbeing", "note", "author_id"]
        gen.counts["check_ins"] = gen.sink.copy(CheckIn, names, self._check_ins())

    def _lead(self, r: int) -> int:
        gen = self.gen
        i = self.case[r]
        return gen.c_lead[i] or gen.teams[gen.c_team[i]].members[0]

    def _referrals(self) -> Iterator[tuple[Any, ...]]:
        gen, rng, clock = self.gen, self.gen.rng, self.gen.clock
        ts, date = clock.ts, clock.date
        questions = [_plain(nt.questions_for(p.name, p.kind)[0]) for p in self.partners]
        domains = {kind: gen.domain_ids.get(code) for kind, code in DOMAIN_BY_KIND.items()}
        feedback = [_plain(t) for texts in nt.FEEDBACK.values() for t in texts]
        for r in range(len(self.status)):
            p = self.partners[self.partner[r]]
            status, sent, answered = self.status[r], self.sent[r], self.answered[r]
            start, ended = self.start[r], self.ended[r]
            changed = max(self.proposed[r], sent, answered, start, ended)
            if status == WAITING:
                changed = answered + 30
            expected = date(sent + self._wait(self.partner[r])) if status == WAITING else None
            yield (
                r + 1,
                self.case[r] + 1,
                p.pk,
                domains.get(p.kind),
                questions[self.partner[r]],
                p.specialist,
                STATUSES[status],
                ts(changed),
                ts(self.proposed[r]),
                ts(sent),
                ts(answered) if answered >= 0 else None,
                rng.choice(nt.REJECTIONS) if status == REJECTED else "",
                expected if expected is not None and expected >= date(answered) else None,
                date(start) if start >= 0 else None,
                ts(ended) if ended >= 0 else None,
                _plain(rng.choice(nt.CANCELS)) if status == CANCELLED else "",
                rng.choice(feedback) if self.feedback[r] else "",
                ts(min(ended + 30, clock.now)) if self.feedback[r] else None,
                self._lead(r),
            )

    def _consents(self) -> Iterator[tuple[Any, ...]]:
        rng, clock = self.gen.rng, self.gen.clock
        for r in range(len(self.status)):
            name = self.partners[self.partner[r]].name
            recorded = min(self.proposed[r] + 10, self.sent[r])
            yield (
                r + 1,
                r + 1,
                "de inwoner",
                nt.PURPOSE.format(partner=name),
                FORMS.draw(rng),
                clock.date(recorded),
                self._lead(r),
                clock.ts(recorded),
                None,
                "",
            )

    def _plans(self, first_task_id: int) -> Iterator[tuple[Any, ...]]:
        clock = self.gen.clock
        supports = [s for s in nt.SUPPORT if s]
        for r in range(len(self.status)):
            sent, interval, n = self.sent[r], self.interval[r], self.check_ins[r]
            task = self.task[r]
            yield (
                r + 1,
                r + 1,
                self._lead(r),
                interval,
                supports[r % len(supports)],
                clock.date(self.next_due[r]),
                clock.ts(sent + n * interval * DAY) if n else None,
                self.status[r] in ACTIVE,
                first_task_id + task if task >= 0 else None,
                clock.ts(sent),
            )

    def _check_ins(self) -> Iterator[tuple[Any, ...]]:
        rng, clock = self.gen.rng, self.gen.clock
        notes = {k: [_plain(t) for t in v] for k, v in nt.CHECK_IN_NOTES.items()}
        pk = 0
        for r in range(len(self.status)):
            sent, step, author = self.sent[r], self.interval[r] * DAY, self._lead(r)
            for k in range(1, self.check_ins[r] + 1):
                pk += 1
                wellbeing = WELLBEING.draw(rng)
                mode = "phone" if wellbeing == "no_contact" else MODES.draw(rng)
                note = notes[wellbeing][pk % len(notes[wellbeing])]
                yield (pk, r + 1, clock.ts(sent + k * step), mode, wellbeing, note, author)


def agreements(gen: Generator, partners: Sequence[PartnerRef]) -> None:
    """'Wie doet wat' on about 30% of the running cases (execution, evaluation) and 4% of the closed
    complex ones (ended at the closing)."""
    rng, clock = gen.rng, gen.clock
    now = clock.now
    by_key: dict[str, int] = {}
    for p in partners:
        by_key.setdefault(p.kind, p.pk)
        by_key[p.name] = p.pk
    templates = [
        (by_key.get(key) if key else None, party, what, after)
        for key, party, what, after, _d in nt.AGREEMENTS
    ]

    def rows() -> Iterator[tuple[Any, ...]]:
        pk = 0
        for i in range(len(gen.c_team)):
            status, end = gen.c_status[i], gen.c_end[i]
            if gen.c_simple[i]:
                continue
            running = status in (4, 5) and rng.random() < RUNNING_AGREEMENTS
            if not running and not (end >= 0 and rng.random() < CLOSED_AGREEMENTS):
                continue
            reg = gen.c_reg[i]
            last = end if end >= 0 else now
            if last - reg < 40 * DAY:
                continue
            partner, party, what, after = templates[int(rng.random() * len(templates))]
            created = reg + rng.randint(25, (last - reg) // DAY - 5) * DAY + rng.randint(0, 300)
            created = min(created, last - 60)
            starts = created // DAY * DAY
            ends = starts + rng.randint(28, 180) * DAY if rng.random() < 0.5 else -1
            ended = end - 10 if end >= 0 else -1
            pk += 1
            yield (
                pk,
                i + 1,
                partner,
                party,
                what,
                clock.date(starts),
                clock.date(ends) if ends >= 0 else None,
                after,
                clock.ts(ended) if ended >= 0 else None,
                gen.c_lead[i] or gen.teams[gen.c_team[i]].members[0],
                clock.ts(created),
            )

    names = [
        "id", "case_id", "partner_id", "party", "what", "starts_on", "ends_on", "afterwards", "ended_at",
        "created_by_id", "created_at",
    ]  # fmt: skip
    gen.counts["agreements"] = gen.sink.copy(Agreement, names, rows())
