"""After a team's cases are simulated: agreements with partners (wie doet wat), meldcode tracks on cases
with safety concerns, one or two crisis cases, and bridging work on the demo worker's own list.

Plain data on the stories; network_rows.py writes it. The rules of the services hold: an agreement ends
on or after its start; one open meldcode track per case, its steps in order on ascending dates, a report
to Veilig Thuis only after step 5 decided to report (and always when step 4 found unsafety); a crisis
only on an open case.
"""

from __future__ import annotations

import datetime
import random

from buurtteam.cases.models import Complexity, Status, TimelineEntry, Urgency
from buurtteam.demo.builders import network_texts as nt
from buurtteam.demo.builders.cases import TeamCases
from buurtteam.demo.builders.partners import Directory
from buurtteam.demo.builders.story import (
    LEAD,
    LOCAL,
    Calendar,
    PartnerAgreementRow,
    ReportRow,
    StepRow,
    Story,
    TrackRow,
    moment,
)

Kind = TimelineEntry.Kind
MINUTE, DAY = datetime.timedelta(minutes=1), datetime.timedelta(days=1)
AGREEMENT_SHARE = 0.34  # of the running cases (an agreed plan, still open)
CLOSED_AGREEMENT_SHARE = 0.08
WORKING = (Status.INTAKE, Status.ASSESSMENT, Status.PLANNING, Status.EXECUTION, Status.EVALUATION)


def _fill(story: Story, text: str) -> str:
    children = story.household.children
    return text.format(
        name=story.client.first_name,
        child=("zoon" if children[0].is_male else "dochter") if children else "kind",
    )


def has_active_bridging(story: Story) -> bool:
    return any(r.bridging is not None and r.bridging.active for r in story.referrals)


class NetworkPass:
    def __init__(
        self, rng: random.Random, network: Directory, calendar: Calendar, now: datetime.datetime
    ) -> None:
        self.rng, self.network, self.cal, self.now = rng, network, calendar, now
        self.today = now.astimezone(LOCAL).date()

    def add_team(self, team: TeamCases) -> None:
        self._agreements(team.stories)
        self._meldcode(team.stories)
        self._crisis(team.stories)

    def _at(self, day: datetime.date) -> datetime.datetime:
        return moment(self.rng, day)

    # --- agreements ---------------------------------------------------------------------------------
    def _agreements(self, stories: list[Story]) -> None:
        rng = self.rng
        for story in stories:
            if story.complexity != Complexity.COMPLEX or not story.agreements:
                continue
            share = AGREEMENT_SHARE if story.is_open else CLOSED_AGREEMENT_SHARE
            if rng.random() >= share:
                continue
            fitting = [t for t in nt.AGREEMENTS if set(t[4]) & set(story.domains)]
            if not fitting:
                fitting = [t for t in nt.AGREEMENTS if not t[0] or t[0].startswith("Stichting Welzijn")]
            for template in rng.sample(fitting, k=min(len(fitting), 1 if rng.random() < 0.7 else 2)):
                self._agreement(story, template)

    def _agreement(self, story: Story, template: tuple[str, str, str, str, tuple[str, ...]]) -> None:
        rng = self.rng
        kind, party, what, afterwards, _domains = template
        first = story.agreements[0]
        last = self.today if story.closed_at is None else story.closed_at.astimezone(LOCAL).date()
        span = (last - first).days
        if span < 10:
            return
        starts = self.cal.on_or_after(first + DAY * rng.randint(0, min(90, span - 5)))
        created = min(self._at(starts), self.now - MINUTE * 30)
        if story.closed_at is not None and created >= story.closed_at - MINUTE * 30:
            return
        ends = None if rng.random() < 0.5 else starts + DAY * rng.randint(28, 180)
        partner = self.network.named_or_kind(rng, kind) if kind else None
        row = PartnerAgreementRow(
            partner.pk if partner else None, party, what, starts, ends, afterwards, created
        )
        story.partner_agreements.append(row)
        story.note(Kind.REFERRAL, created, f"Afspraak: {party} — {what}")
        if story.closed_at is not None:
            row.ended_at = story.closed_at - MINUTE * 10
        elif ends is not None and ends < self.today and rng.random() < 0.6:
            row.ended_at = max(created + MINUTE, min(self._at(self.cal.on_or_after(ends)), self.now - MINUTE))
        if row.ended_at is not None:
            story.note(Kind.REFERRAL, row.ended_at, f"Afspraak beëindigd: {party}")

    # --- meldcode -----------------------------------------------------------------------------------
    def _meldcode(self, stories: list[Story]) -> None:
        """Per team: two or three open tracks (at step 2 or 3), one decided with a report on an open case,
        and on closed cases one decided (with or without a report) and now and then one stopped."""
        rng = self.rng
        safety = [
            s
            for s in stories
            if s.safety and s.complexity == Complexity.COMPLEX and s.first_contact_at is not None
        ]
        running = [s for s in safety if s.is_open and s.status in WORKING]
        closed = [s for s in safety if s.closed_at is not None]
        rng.shuffle(running)
        rng.shuffle(closed)
        opened = rng.randint(2, 3)
        for story in running[:opened]:
            self._track(story, steps=rng.choice((2, 3)), report=False)
        for story in running[opened : opened + 1]:
            self._track(story, steps=5, report=True)
        for index, story in enumerate(closed[:3]):
            if index == 2 and rng.random() < 0.5:
                self._track(story, steps=3, report=False, stop=True)
            else:
                self._track(story, steps=5, report=index == 0 or rng.random() < 0.5)

    def _track(self, story: Story, *, steps: int, report: bool, stop: bool = False) -> None:
        rng, cal = self.rng, self.cal
        assert story.first_contact_at is not None
        limit = self.now if story.closed_at is None else story.closed_at - DAY
        earliest = story.first_contact_at + DAY
        if story.closed_at is None:  # a decided track needs a few weeks for its five steps
            back = rng.randint(50, 120) if steps == 5 else rng.randint(10, 60)
            earliest = max(earliest, self.now - DAY * back)
        started = self._at(cal.on_or_after(earliest.date() + DAY * rng.randint(0, 6)))
        started = max(started, earliest)
        if started + DAY * 2 * steps > limit:
            return
        track = TrackRow(_fill(story, rng.choice(nt.CONCERNS)), started)
        previous_day, previous_at = started.date(), started
        for number in range(1, steps + 1):
            day = previous_day if number == 1 else cal.add(previous_day, rng.randint(1, 5))
            at = previous_at + MINUTE * rng.randint(20, 180) if number == 1 else self._at(day)
            if at > limit or at.astimezone(LOCAL).date() != day:
                break
            track.steps.append(self._step(story, number, day, at, report))
            previous_day, previous_at = day, at
        if not track.steps:
            return
        last = track.steps[-1]
        if last.number == 5:
            track.status, track.ended_at = "decided", last.signed_at
            if report:
                reported_on = last.done_on if rng.random() < 0.6 else cal.add(last.done_on, 1)
                recorded = max(self._at(reported_on), last.signed_at + MINUTE * 15)
                if recorded <= limit:
                    informed = rng.random() < 0.85
                    track.report = ReportRow(
                        reported_on,
                        f"VT-{reported_on.year}-{rng.randint(10_000, 99_999)}",
                        informed,
                        "" if informed else nt.NOT_INFORMED,
                        rng.choice(nt.REPORT_NOTES),
                        recorded,
                    )
        elif stop:
            track.status, track.stop_reason = "stopped", nt.STOPPED
            track.ended_at = min(last.signed_at + DAY, limit)
        story.meldcode.append(track)

    def _step(
        self, story: Story, number: int, day: datetime.date, at: datetime.datetime, report: bool
    ) -> StepRow:
        rng = self.rng
        answers: dict[str, object] = {}
        notes = nt.STEP_NOTES[number]
        note = notes[0]
        if number == 2:
            advice = rng.random() < 0.6
            answers = {
                "consulted": rng.choice(nt.CONSULTED),
                "advice_veilig_thuis": advice,
                "advice_anonymous": advice and rng.random() < 0.7,
            }
            note = notes[1] if advice else notes[0]
        elif number == 3:
            if rng.random() < 0.1:
                answers = {"no_talk_reason": nt.NO_TALK}
            else:
                answers = {"talked_with": _fill(story, rng.choice(nt.TALKED_WITH))}
            note = rng.choice(notes)
        elif number == 4:
            answers = {
                "suspicion": True,
                "unsafety": report,
                "can_help": True,
                "accepts_help": rng.random() < 0.7,
                "lasting_safety": not report and rng.random() < 0.6,
            }
            note = rng.choice(notes)
        elif number == 5:
            answers = {"report_necessary": report, "help_possible": True}
            note = notes[0] if report else notes[1]
        else:
            note = rng.choice(notes)
        return StepRow(number, day, at, _fill(story, note), answers)

    # --- crisis -------------------------------------------------------------------------------------
    def _crisis(self, stories: list[Story]) -> None:
        rng = self.rng
        candidates = [
            s
            for s in stories
            if s.is_open
            and s.status in WORKING
            and s.complexity == Complexity.COMPLEX
            and s.lead_now() is not None
            and s.crisis_since is None
        ]
        if not candidates:
            return
        ranked = sorted(
            candidates,
            key=lambda s: (s.urgency != Urgency.CRISIS, not s.safety, not has_active_bridging(s)),
        )
        pool = ranked[: max(4, len(ranked) // 10)]
        for story in rng.sample(pool, k=min(len(pool), rng.randint(1, 2))):
            day = self.cal.on_or_after(self.today - DAY * rng.randint(1, 12))
            at = min(self._at(day), self.now - MINUTE * rng.randint(30, 240))
            at = max(at, story.registered_at + MINUTE * 60)
            story.crisis_since = at
            story.crisis_note = _fill(story, rng.choice(nt.CRISIS_NOTES))[:500]
            story.note(Kind.CRISIS, at, f"Crisis gemarkeerd: {story.crisis_note}")

    # --- the demo worker ----------------------------------------------------------------------------
    def demo_waitlist(self, team: TeamCases, username: str = "medewerker") -> None:
        """'medewerker' keeps contact with a few waiting residents, one check-in overdue."""
        worker = next((w for w in team.workers if w.username == username), None)
        if worker is None:
            return

        def overdue(story: Story) -> bool:
            return any(
                r.bridging is not None and r.bridging.active and r.bridging.next_due < self.today
                for r in story.referrals
            )

        def lead_id(story: Story) -> int | None:
            lead = story.lead_now()
            return lead.user_id if lead is not None else None

        waiting = [s for s in team.stories if s.is_open and has_active_bridging(s)]
        mine = [s for s in waiting if lead_id(s) == worker.user_id]
        others = [
            s
            for s in waiting
            if lead_id(s) not in (None, worker.user_id)
            and all(span.user_id != worker.user_id for span in s.spans if span.end is None)
        ]
        others.sort(key=lambda s: not overdue(s))
        if any(overdue(s) for s in mine):
            others = [s for s in others if not overdue(s)]
        for story in others:
            if len(mine) >= 3 and any(overdue(s) for s in mine):
                break
            lead = story.lead_now()
            assert lead is not None and lead.role == LEAD
            lead.user_id = worker.user_id
            mine.append(story)
