"""Case meetings (casusoverleg) for the demo teams: one held last week with decisions, one coming up."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from buurtteam.cases.models import Complexity, MeetingItem, Status, TimelineEntry
from buurtteam.demo.builders import texts
from buurtteam.demo.builders.story import Calendar, Entry, Story, moment

NEW_WITHIN = datetime.timedelta(days=14)
STUCK_AFTER = datetime.timedelta(weeks=4)
ORDER: dict[str, int] = {"crisis": 0, "safety": 1, "overdue": 2, "stuck": 3}


@dataclass
class Item:
    story: Story
    reasons: list[str]
    decision: str = ""
    decided_at: datetime.datetime | None = None


@dataclass
class MeetingPlan:
    held_on: datetime.date
    chair_id: int | None
    closed_at: datetime.datetime | None = None
    items: list[Item] = field(default_factory=list)


def _open_at(story: Story, at: datetime.datetime) -> bool:
    return story.registered_at < at and (story.closed_at is None or story.closed_at > at)


def past_meeting(
    rng: random.Random,
    stories: list[Story],
    *,
    calendar: Calendar,
    today: datetime.date,
    chair_id: int | None,
) -> MeetingPlan:
    held_on = calendar.add(today - datetime.timedelta(days=rng.randint(9, 13)), 0)
    start = moment(rng, held_on, start=9.5, end=10.0)
    meeting = MeetingPlan(held_on, chair_id, closed_at=start + datetime.timedelta(hours=2))
    open_then = [s for s in stories if _open_at(s, start) and s.complexity == Complexity.COMPLEX]
    safety = [s for s in open_then if s.safety][:3]
    rest = [s for s in open_then if not s.safety and s.status != Status.REGISTERED]
    chosen: list[tuple[Story, list[str]]] = [(s, [MeetingItem.Reason.SAFETY.value]) for s in safety]
    requested = rng.sample(rest, k=min(len(rest), 6 - len(chosen)))
    chosen += [(s, [MeetingItem.Reason.REQUESTED.value]) for s in requested]
    for position, (story, reasons) in enumerate(chosen):
        decided = start + datetime.timedelta(minutes=10 * (position + 1))
        decision = rng.choice(texts.MEETING_DECISIONS)
        meeting.items.append(Item(story, reasons, decision, decided))
        text = f"Casusoverleg {held_on:%d-%m-%Y}: {decision}"
        story.timeline.append(Entry(TimelineEntry.Kind.DECISION, decided, text, None, user_id=chair_id))
    return meeting


def next_meeting(
    rng: random.Random,
    stories: list[Story],
    *,
    calendar: Calendar,
    today: datetime.date,
    now: datetime.datetime,
    chair_id: int | None,
) -> MeetingPlan:
    """The agenda the team would get today: safety-flagged, overdue, stuck and new cases."""
    held_on = calendar.add(today, rng.randint(2, 5))
    meeting = MeetingPlan(held_on, chair_id)
    found: dict[int, Item] = {}

    def add(story: Story, reason: str) -> None:
        found.setdefault(id(story), Item(story, [])).reasons.append(reason)

    open_now = [s for s in stories if s.is_open]
    for story in open_now:
        if story.crisis_since is not None:
            add(story, MeetingItem.Reason.CRISIS.value)
        if story.safety:
            add(story, MeetingItem.Reason.SAFETY.value)
        deadline = story.pickup_deadline
        if story.first_contact_at is None and deadline is not None and deadline < today:
            add(story, MeetingItem.Reason.OVERDUE.value)
        last = story.last_contact_at or story.registered_at
        if story.status != Status.REGISTERED and now - last > STUCK_AFTER:
            add(story, MeetingItem.Reason.STUCK.value)
        if now - story.registered_at < NEW_WITHIN and story.lead_now() is None:
            add(story, MeetingItem.Reason.NEW.value)
    items = sorted(found.values(), key=lambda i: min(ORDER.get(r, 9) for r in i.reasons))
    meeting.items = items[:12]
    return meeting
