"""Simulate one case from registration to closure, cut off at 'now'.

The shape follows the domain brief: about a third of questions is simple and answered at the first
contact; complex questions are picked up mostly within ten working days, clarified in one to three
conversations, assessed on the domains that matter, planned, carried out for weeks to a year, evaluated
and closed; about one in five questions ends with a referral to specialist care.
"""

from __future__ import annotations

import datetime

from buurtteam.cases.models import (
    Assessment,
    Channel,
    ClosureReason,
    Complexity,
    ContactMode,
    Referrer,
    Status,
    TimelineEntry,
    Urgency,
)
from buurtteam.demo.builders import distributions as mix
from buurtteam.demo.builders import texts
from buurtteam.demo.builders.people import HouseholdPlan, Person
from buurtteam.demo.builders.referrals import ReferralSteps
from buurtteam.demo.builders.story import (
    CO,
    LEAD,
    REGISTRAR,
    ActionRow,
    ConversationRow,
    GoalRow,
    Span,
    Story,
)

Kind = TimelineEntry.Kind
DAY = datetime.timedelta(days=1)


class Simulator(ReferralSteps):
    """Registration, intake, assessment and plan; the rest of the case is in execution.Steps, the
    referrals in referrals.ReferralSteps."""

    def _domains(self, household: HouseholdPlan) -> list[str]:
        rng = self.rng
        if household.kind == "elderly":
            table = mix.ELDERLY
        elif household.has_children:
            table = mix.YOUTH
        else:
            table = mix.ADULT
        chosen = [table.draw(rng)]
        for _extra in range(mix.EXTRA_DOMAINS.draw(rng)):
            rest = table.without(chosen)
            if "finances" not in chosen and rng.random() < 0.3:
                chosen.append("finances")
            elif rest is not None:
                chosen.append(rest.draw(rng))
        return chosen

    # --- the story ----------------------------------------------------------------------------------
    def run(
        self, household: HouseholdPlan, client: Person, registered_at: datetime.datetime, registrar_id: int
    ) -> Story:
        rng = self.rng
        simple_roll = rng.random()
        domains = self._domains(household)
        roll = rng.random()
        safety = (
            (domains[0] == "safety" and roll < 0.9)
            or ("safety" in domains[1:] and roll < 0.3)
            or roll > 0.997
        )
        story = Story(
            household=household,
            client=client,
            registered_at=registered_at,
            registrar_id=registrar_id,
            channel=mix.CHANNELS.draw(rng),
            referrer=(mix.SAFETY_REFERRERS if safety else mix.REFERRERS).draw(rng),
            urgency=mix.URGENCY.draw(rng),
            complexity=Complexity.COMPLEX,
            question="",
            domains=domains,
            safety=safety,
            status_changed_at=registered_at,
        )
        if story.referrer == Referrer.SELF and story.channel == Channel.HOME_VISIT:
            story.channel = Channel.PHONE
        if safety and story.urgency == Urgency.NORMAL and rng.random() < 0.5:
            story.urgency = Urgency.URGENT
        if not safety and simple_roll < 0.38:
            self._simple(story, closed_on_the_spot=simple_roll < 0.33)
            return story
        questions = [self._fill(rng.choice(texts.QUESTIONS[d]), household, client) for d in domains[:2]]
        story.question = " ".join(questions if rng.random() < 0.4 else questions[:1])
        story.weight_complexity = min(3, (1 if len(domains) == 1 else 2 if len(domains) <= 2 else 3) + safety)
        story.weight_intensity = mix.INTENSITY.draw(rng)
        story.note(Kind.STATUS, registered_at, f"Aangemeld: {story.question[:200]}", REGISTRAR)
        self._complex(story)
        return story

    def _simple(self, story: Story, *, closed_on_the_spot: bool) -> None:
        rng = self.rng
        options = [s for s in texts.SIMPLE if "{child}" not in s[1] or story.household.has_children]
        domain, question, advice = rng.choice(options)
        story.complexity = Complexity.SIMPLE
        story.domains = [domain]
        story.question = self._fill(question, story.household, story.client)
        story.advice = advice
        story.weight_complexity = story.weight_intensity = 1
        at = story.registered_at
        story.note(Kind.STATUS, at, f"Aangemeld: {story.question[:200]}", REGISTRAR)
        if closed_on_the_spot:
            mode = ContactMode.PHONE if story.channel == Channel.PHONE else ContactMode.OFFICE
            story.note(Kind.CONTACT, at, advice, REGISTRAR, mode=mode, substantive=True)
            story.status, story.closed_at_registration = Status.CLOSED, True
            story.closed_at, story.closure_reason = at, ClosureReason.HANDLED_IN_TEAM
            story.contact(at)
            return
        # A simple question with a short follow-up: one conversation, then closed.
        day = self._later(at.date(), 1, 6)
        when = self._at(day)
        if when > self.now:
            return
        story.spans.append(Span(LEAD, when - datetime.timedelta(minutes=30), None, "Korte vraag"))
        self._conversation(story, when, 1)
        close = self._at(self._later(day, 1, 8))
        if close > self.now:
            return
        if rng.random() < 0.15:  # handed over to the social basis; closed once that help has started
            row = self._light_referral(story, when + datetime.timedelta(minutes=rng.randint(30, 90)))
            if row.actual_start is None:
                return
            close = max(close, self._at(self._later(row.actual_start, 1, 3)))
            if close > self.now:
                return
        self._close(story, close, ClosureReason.HANDLED_IN_TEAM)

    def _conversation(self, story: Story, at: datetime.datetime, number: int) -> None:
        rng = self.rng
        mode = mix.INTAKE_MODES.draw(rng)
        household, client = story.household, story.client
        who = [client.first_name]
        partner = next((p for p in household.adults if p is not client), None)
        if partner is not None and rng.random() < 0.5:
            who.append(partner.first_name)
        if household.children and rng.random() < 0.3:
            who.append(household.children[0].first_name)
        participants = " en ".join(who)
        note = self._fill(rng.choice(texts.CONVERSATION_NOTES), household, client)
        story.conversations.append(ConversationRow(number, at.date(), at, mode, participants, note))
        if story.status == Status.REGISTERED:
            story.move(Status.INTAKE, at)
        label = ContactMode(mode).label
        story.note(
            Kind.CONVERSATION,
            at,
            f"Gesprek {number} ({label}) met {participants}",
            mode=mode,
            substantive=True,
        )
        story.contact(at)

    def _complex(self, story: Story) -> None:
        rng, cal, now = self.rng, self.cal, self.now
        reg_day = story.registered_at.date()
        story.pickup_deadline = cal.add(reg_day, self.pickup_days)
        if story.urgency == Urgency.CRISIS:
            delay = 0
        elif story.urgency == Urgency.URGENT:
            delay = rng.randint(0, 2)
        else:
            low, high = mix.PICKUP_DELAY.draw(rng)
            delay = rng.randint(low, high)
        first_day = cal.add(reg_day, delay) if delay else reg_day
        first = (
            self._at(first_day)
            if delay
            else story.registered_at + datetime.timedelta(hours=rng.randint(1, 5))
        )
        # The lead is usually assigned within a few days, sometimes only when someone picks the case up.
        if rng.random() < 0.7 and delay > 0:
            assigned = (
                self._at(cal.add(reg_day, rng.randint(0, min(delay, 3))))
                if delay > 1
                else story.registered_at
            )
            assigned = min(max(assigned, story.registered_at + datetime.timedelta(minutes=20)), first)
        else:
            assigned = first - datetime.timedelta(minutes=rng.randint(5, 120))
        assigned = max(assigned, story.registered_at + datetime.timedelta(minutes=1))
        if assigned <= now:
            story.spans.append(Span(LEAD, assigned, None, "Toegewezen na aanmelding"))
        if first > now:
            return

        # Intake: one to three conversations.
        when, day = first, first_day
        for number in range(1, mix.CONVERSATIONS.draw(rng) + 1):
            if number > 1:
                day = self._later(day, 2, 10)
                when = self._at(day)
            if when > now:
                return
            self._conversation(story, when, number)
        story.problems = [(d, rng.choice(texts.PROBLEMS[d])) for d in story.domains]
        if rng.random() < 0.15:
            at, reason = self._at(self._later(day, 1, 10)), mix.EARLY_EXIT.draw(rng)
            if reason == ClosureReason.REFERRED:
                self._refer_and_close(story, at, evaluate=False)
            else:
                self._close(story, at, reason)
            return
        done = self._at(self._later(day, 0, 3))
        if done > now:
            return
        story.move(Status.ASSESSMENT, done)
        day = self._later(done.date(), 1, 5)
        if self._at(day) > now:
            return
        self._assess(story, Assessment.Kind.INTAKE, day)
        story.move(Status.PLANNING, story.assessments[-1].at)
        if rng.random() < 0.25 and len(story.domains) > 1:
            story.spans.append(Span(CO, self._at(day), None, "Multidisciplinair: tweede leefgebied"))
        if rng.random() < 0.06:
            self._refer_and_close(story, self._at(self._later(day, 2, 12)), evaluate=False)
            return
        if not self._plan(story, day):
            return
        self._execute(story)

    def _plan(self, story: Story, day: datetime.date) -> bool:
        """Goals and actions, then the household's agreement. False when 'now' comes first."""
        rng = self.rng
        for domain in story.domains[:3]:
            day = self._later(day, 0, 3)
            at = self._at(day)
            if at > self.now:
                return False
            description = rng.choice(texts.GOALS.get(domain) or texts.GOALS["finances"])
            chosen = [rng.choice(texts.ACTIONS.get(domain, texts.GENERIC_ACTIONS))]
            if rng.random() < 0.4:
                chosen.append(rng.choice(texts.GENERIC_ACTIONS))
            actions = [
                ActionRow(text, kind, self._owner_name(story, kind), self._later(day, 5, 40), None)
                for kind, text in chosen
            ]
            story.goals.append(GoalRow(domain, description, self._later(day, 40, 160), actions))
            story.note(Kind.PLAN, at, f"Doel ({_domain_name(domain)}): {description}")
        day = self._later(day, 1, 8)
        at = self._at(day)
        if at > self.now:
            return False
        story.agreements.append(day)
        story.move(Status.EXECUTION, at, reason="Plan afgesproken met het huishouden.")
        return True

    def _owner_name(self, story: Story, kind: str) -> str:
        if kind == "team_member":
            return ""
        if kind == "resident":
            return story.client.resident.full_name
        if kind == "network":
            informal = [m for m in story.household.network if m.kind == "informal"]
            return informal[0].name if informal else "familie"
        if kind == "volunteer":
            return "vrijwilliger Vrijwilligerscentrale"
        return self.rng.choice(["GGZ Waardland", "Schuldhulpverlening Lindewaard", "gemeente Lindewaard"])


def _domain_name(code: str) -> str:
    from buurtteam.cases.services.domains import DEFAULT_DOMAINS

    return next((name for c, name, *_rest in DEFAULT_DOMAINS if c == code), code)
