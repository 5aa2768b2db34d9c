"""Toeleiding, groups and signals for the demo municipality (after the cases and the sociale kaart).

* **Links**: a share of the plan actions of cases with an agreed plan get a link to an activity of the map
  (preferably one for the goal's life domain), with an outcome that depends on how long ago it was made;
  open links of open cases carry their follow-up task.
* **Groups**: two to four per team, led by members of the team, meeting at a place in the team's area,
  with residents of the area and a few people who are not clients, and weekly or fortnightly sessions.
* **Signals**: a few hundred over the last two years; loneliness and money worries most frequent, each
  buurt with its own accent, loneliness peaking in winter; about one in seven about a resident.

Everything is bulk-inserted (``fastinsert``) inside the caller's ``system_access``; the same seed gives
the same rows. Without map services nothing is linked and groups have no place on the map.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from typing import Any

from django.utils import timezone

from buurtteam.accounts.models import TeamMembership
from buurtteam.cases.models import Case, CaseAssignment, PlanAction, Task
from buurtteam.community.models import (
    Attendance,
    Group,
    GroupParticipant,
    GroupSession,
    LinkStatus,
    ServiceLink,
    Signal,
    SignalStatus,
    Theme,
)
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.organisation.models import Organisation, Team
from buurtteam.residents.models import Resident
from buurtteam.socialmap.models import MapLocation, MapService

LINK_SHARE = 0.18  # of the plan actions of cases with an agreed plan
SIGNALS_PER_TEAM = 45  # over two years, at scale 1
PERSON_SHARE = 0.14

THEME_WEIGHTS: dict[str, float] = {
    Theme.LONELINESS: 30,
    Theme.MONEY: 25,
    Theme.HEALTH: 11,
    Theme.HOUSING: 10,
    Theme.PARENTING: 8,
    Theme.NEGLECT: 6,
    Theme.DOMESTIC_TENSION: 5,
    Theme.OTHER: 5,
}

NOTES: dict[str, tuple[str, ...]] = {
    Theme.LONELINESS: (
        "Oudere bewoner blijft na de koffieochtend lang hangen; krijgt weinig bezoek.",
        "Bij de bibliotheek zei iemand dat de dagen lang zijn sinds het overlijden van de partner.",
        "Op het bankje bij het winkelcentrum zitten vaak dezelfde mensen alleen.",
        "Nieuwe bewoner in de flat kent nog niemand en vroeg waar je andere mensen kunt ontmoeten.",
    ),
    Theme.MONEY: (
        "Bij de voedselbank vertelden meerdere mensen over achterstand met de huur.",
        "Ouders bij het schoolplein praten over het niet kunnen betalen van het schoolreisje.",
        "Iemand vroeg bij het formulierenspreekuur hoe je een betalingsregeling aanvraagt.",
        "Stapel ongeopende post gezien bij een bewoner die hulp vroeg met een formulier.",
    ),
    Theme.HEALTH: (
        "Bewoner vergeet afspraken en raakte de weg kwijt op weg naar het buurthuis.",
        "Buurman maakt zich zorgen: de bewoner naast hem eet slecht en valt vaak.",
        "Bij het wandelclubje viel op dat iemand erg kortademig is en niet naar de huisarts wil.",
    ),
    Theme.HOUSING: (
        "Vochtplekken en schimmel in meerdere woningen in het portiek.",
        "Iemand slaapt al weken op de bank bij een kennis en zoekt woonruimte.",
        "Klachten over geluidsoverlast tussen buren lopen hoog op.",
    ),
    Theme.PARENTING: (
        "Moeder bij de peuterochtend vertelt dat ze het niet meer trekt met drie jonge kinderen.",
        "Kinderen spelen laat op straat zonder toezicht, ouders lijken overbelast.",
        "Vader vroeg bij de inloop om tips: zoon gaat niet meer naar school.",
    ),
    Theme.NEGLECT: (
        "Tuin en balkon vol afval; buren melden stankoverlast.",
        "Bewoner ziet er onverzorgd uit en de gordijnen blijven dicht.",
    ),
    Theme.DOMESTIC_TENSION: (
        "Buren horen vaak harde ruzies 's avonds.",
        "Jongere bij de sportactiviteit vertelt liever niet naar huis te gaan.",
    ),
    Theme.OTHER: (
        "Zorgen over jongeren die 's avonds rond het speelveld hangen.",
        "Bewoner vraagt of er vervoer is naar de markt voor mensen die slecht ter been zijn.",
    ),
}

FOLLOW_UPS = (
    "Besproken in het teamoverleg; buurtwerker gaat langs.",
    "Doorverwezen naar het spreekuur in het buurthuis.",
    "Samen met de wijkagent opgepakt.",
    "Uitgenodigd voor de koffieochtend; komt inmiddels wekelijks.",
    "Geen verdere actie nodig, wel in de gaten houden.",
)

GROUP_SPECS = (
    ("Wandelgroep {d}", "Elke week samen een uur wandelen door de buurt, met koffie na afloop."),
    ("Koffieochtend {d}", "Inloop voor wie even onder de mensen wil zijn."),
    ("Moestuinclub", "Samen zaaien, wieden en oogsten in de buurtmoestuin."),
    ("Vrouwengroep Samen Sterk", "Ontmoeting, taal oefenen en uitwisselen over opvoeden en werk."),
    ("Mannen in de werkplaats", "Samen klussen en repareren voor de buurt."),
    ("Breicafé", "Handwerken en bijpraten; beginners welkom."),
    ("Bewegen voor ouderen", "Oefeningen op de stoel en samen sporten op eigen tempo."),
)
ACTIVITIES = (
    "Rondje park en koffie",
    "Nieuwe route langs de singel",
    "Samen soep gemaakt",
    "Kennismaking met twee nieuwe deelnemers",
    "Uitleg over de voedselbank en het formulierenspreekuur",
    "Spelletjesmiddag",
    "Plannen gemaakt voor de zomer",
)
OUTSIDERS = ("Truus", "Henk", "Fatma", "Joop", "Mila", "Ahmed", "Ria", "Kees", "Yvonne", "Bas", "Nora", "Wim")
DAY = datetime.timedelta(days=1)


def _aware(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _link_status(rng: random.Random, age_days: int) -> str:
    if age_days < 14:
        return LinkStatus.PROPOSED
    if age_days < 35:
        return rng.choices(
            [LinkStatus.PROPOSED, LinkStatus.REGISTERED, LinkStatus.ATTENDING, LinkStatus.NOT_GONE],
            [2, 3, 4, 1],
        )[0]
    return rng.choices(
        [LinkStatus.ATTENDING, LinkStatus.STOPPED, LinkStatus.NOT_GONE, LinkStatus.REGISTERED],
        [45, 22, 25, 8],
    )[0]


FOLLOW_UP_NOTES: dict[str, str] = {
    LinkStatus.REGISTERED: "Aangemeld; de eerste keer is volgende week.",
    LinkStatus.ATTENDING: "Gaat elke week en heeft er contacten opgedaan.",
    LinkStatus.STOPPED: "Ging een paar keer, maar het paste niet goed; gestopt.",
    LinkStatus.NOT_GONE: "Is er niet heen gegaan; zag er tegenop om alleen te gaan.",
}


def _services(organisation: Organisation) -> tuple[list[tuple[int, str]], dict[str, list[tuple[int, str]]]]:
    """Active services, and per life-domain code the services for it."""
    services = list(
        MapService.objects.filter(organisation=organisation, status=MapService.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", "name")
    )
    by_domain: dict[str, list[tuple[int, str]]] = defaultdict(list)
    names = dict(services)
    through = MapService.terms.through
    for service_id, code in (
        through.objects.filter(mapservice__organisation=organisation, taxonomyterm__code__gt="")
        .order_by("mapservice_id", "taxonomyterm_id")
        .values_list("mapservice_id", "taxonomyterm__code")
    ):
        if service_id in names:
            by_domain[code].append((service_id, names[service_id]))
    return services, by_domain


def _build_links(
    rng: random.Random, ins: Inserter, organisation: Organisation, today: datetime.date
) -> dict[str, int]:
    services, by_domain = _services(organisation)
    if not services:
        return {"service_links": 0}
    cases: dict[int, list[tuple[int, int, str, datetime.datetime]]] = defaultdict(list)
    for pk, household_id, team_id, status, registered in (
        Case.objects.filter(organisation=organisation)
        .exclude(status__in=["registered", "intake", "assessment"])
        .order_by("pk")
        .values_list("pk", "household_id", "team_id", "status", "registered_at")
    ):
        cases[household_id].append((pk, team_id, status, registered))
    leads = dict(
        CaseAssignment.objects.filter(case__organisation=organisation, is_lead=True)
        .order_by("case_id", "started_at")
        .values_list("case_id", "user_id")
    )
    actions = list(
        PlanAction.objects.filter(goal__plan__organisation=organisation, goal__plan__agreed_on__isnull=False)
        .order_by("pk")
        .values_list("pk", "goal__plan__household_id", "goal__domain__code", "goal__plan__agreed_on")
    )
    rows: list[list[Any]] = []
    tasks: list[tuple[Any, ...]] = []
    for action_id, household_id, code, agreed_on in actions:
        if rng.random() >= LINK_SHARE or not cases.get(household_id):
            continue
        case_id, team_id, status, _registered = cases[household_id][-1]
        pool = by_domain.get(code) or services
        service_id, name = pool[rng.randrange(len(pool))]
        latest = today - DAY if status != "closed" else agreed_on + datetime.timedelta(days=60)
        span = max((min(latest, today) - agreed_on).days, 0)
        linked_on = agreed_on + datetime.timedelta(days=rng.randint(0, min(span, 120)))
        age = (today - linked_on).days
        link_status = _link_status(rng, age)
        if status == "closed" and link_status in (LinkStatus.PROPOSED, LinkStatus.REGISTERED):
            link_status = LinkStatus.NOT_GONE
        followed = link_status != LinkStatus.PROPOSED
        changed = (
            linked_on + datetime.timedelta(days=min(age, 14 + rng.randint(0, 10))) if followed else linked_on
        )
        user_id = leads.get(case_id)
        task_id = None
        if not followed and status != "closed" and user_id is not None:
            tasks.append(
                (
                    case_id,
                    Task.Kind.CHECK_IN,
                    f"Nagaan hoe het ging bij {name}"[:300],
                    linked_on + datetime.timedelta(days=14),
                    user_id,
                )
            )
            task_id = len(tasks)  # replaced by the real id below
        rows.append(
            [
                organisation.pk,
                case_id,
                team_id,
                action_id,
                service_id,
                name,
                link_status,
                rng.choice(
                    ("", "", "Gaat de eerste keer samen met een vrijwilliger.", "Dochter brengt haar.")
                ),
                FOLLOW_UP_NOTES.get(link_status, ""),
                task_id,
                user_id,
                _aware(linked_on),
                _aware(changed),
                _aware(changed, 15) if followed else None,
            ]
        )
    task_ids = (
        ins.add(Task, ["case_id", "kind", "title", "due_on", "assignee_id"], tasks) if tasks else range(0)
    )
    for row in rows:
        if row[9] is not None:
            row[9] = task_ids[row[9] - 1]
    ins.add(
        ServiceLink,
        [
            "organisation_id",
            "case_id",
            "team_id",
            "action_id",
            "service_id",
            "service_name",
            "status",
            "note",
            "follow_up_note",
            "follow_up_task_id",
            "linked_by_id",
            "linked_at",
            "status_changed_at",
            "followed_up_at",
        ],
        rows,
    )
    return {"service_links": len(rows), "service_link_tasks": len(tasks)}


def _team_staff(organisation: Organisation) -> dict[int, list[int]]:
    staff: dict[int, list[int]] = defaultdict(list)
    for team_id, user_id in (
        TeamMembership.objects.filter(team__organisation=organisation, user__is_active=True)
        .exclude(user__role=Role.POLICY_OFFICER)
        .order_by("team_id", "user_id")
        .values_list("team_id", "user_id")
    ):
        staff[team_id].append(user_id)
    return staff


def _build_groups(
    rng: random.Random, ins: Inserter, organisation: Organisation, teams: list[Team], today: datetime.date
) -> dict[str, int]:
    staff = _team_staff(organisation)
    places: dict[int, list[int]] = defaultdict(list)
    area = Team.neighbourhoods.through.objects.filter(team__in=teams).values_list(
        "neighbourhood_id", "team_id"
    )
    team_of_buurt = dict(area)
    for pk, buurt in (
        MapLocation.objects.filter(organisation=organisation, neighbourhood__isnull=False)
        .order_by("pk")
        .values_list("pk", "neighbourhood_id")
    ):
        if buurt in team_of_buurt:
            places[team_of_buurt[buurt]].append(pk)
    counts = {"groups": 0, "group_participants": 0, "group_sessions": 0, "attendance": 0}
    for team in teams:
        residents = list(Resident.objects.filter(team=team).order_by("pk").values_list("pk", flat=True)[:400])
        specs = rng.sample(GROUP_SPECS, rng.randint(2, 4))
        team_places = places.get(team.pk, [])
        for name, description in specs:
            created = today - datetime.timedelta(days=rng.randint(120, 500))
            location = rng.choice(team_places) if team_places else None
            group_id = ins.add(
                Group,
                ["organisation_id", "team_id", "name", "description", "location_id", "active", "created_at"],
                [
                    (
                        organisation.pk,
                        team.pk,
                        name.format(d=team.name.split()[-1]),
                        description,
                        location,
                        True,
                        _aware(created),
                    )
                ],
            )[0]
            leaders = rng.sample(staff.get(team.pk, []), min(2, len(staff.get(team.pk, []))))
            ins.add(Group.leaders.through, ["group_id", "user_id"], [(group_id, u) for u in leaders])
            people: list[tuple[Any, ...]] = []
            for resident in rng.sample(residents, min(len(residents), rng.randint(4, 10))):
                people.append((group_id, resident, "", created + datetime.timedelta(days=rng.randint(0, 90))))
            for outsider in rng.sample(OUTSIDERS, rng.randint(2, 5)):
                people.append(
                    (group_id, None, outsider, created + datetime.timedelta(days=rng.randint(0, 90)))
                )
            left = [
                (p[3] + datetime.timedelta(days=rng.randint(30, 200))) if rng.random() < 0.2 else None
                for p in people
            ]
            left = [d if d is None or d < today else None for d in left]
            participant_ids = ins.add(
                GroupParticipant,
                ["group_id", "resident_id", "name", "joined_on", "left_on"],
                [(*p, leave) for p, leave in zip(people, left, strict=True)],
            )
            step = rng.choice((7, 14))
            day = created + datetime.timedelta(days=7)
            sessions: list[tuple[Any, ...]] = []
            present: list[list[int]] = []
            while day < today:
                if rng.random() < 0.9:  # holidays and cancelled weeks
                    here = [
                        pid
                        for pid, p, leave in zip(participant_ids, people, left, strict=True)
                        if p[3] <= day and (leave is None or leave >= day) and rng.random() < 0.65
                    ]
                    guests = rng.choice((0, 0, 0, 1, 2))
                    sessions.append(
                        (
                            group_id,
                            day,
                            location,
                            "",
                            rng.choice(ACTIVITIES),
                            guests,
                            len(here) + guests,
                            "",
                            _aware(day, 16),
                        )
                    )
                    present.append(here)
                day += datetime.timedelta(days=step)
            session_ids = ins.add(
                GroupSession,
                [
                    "group_id",
                    "held_on",
                    "location_id",
                    "place",
                    "activity",
                    "guests",
                    "attendance_count",
                    "notes",
                    "recorded_at",
                ],
                sessions,
            )
            attendance = [(sid, pid) for sid, here in zip(session_ids, present, strict=True) for pid in here]
            ins.add(Attendance, ["session_id", "participant_id"], attendance)
            counts["groups"] += 1
            counts["group_participants"] += len(people)
            counts["group_sessions"] += len(sessions)
            counts["attendance"] += len(attendance)
    return counts


def _build_signals(
    rng: random.Random,
    ins: Inserter,
    organisation: Organisation,
    teams: list[Team],
    today: datetime.date,
    scale: float,
) -> dict[str, int]:
    staff = _team_staff(organisation)
    themes = list(THEME_WEIGHTS)
    rows: list[tuple[Any, ...]] = []
    start = today - datetime.timedelta(days=730)
    for team in teams:
        buurten = list(team.neighbourhoods.order_by("pk").values_list("pk", flat=True))
        members = staff.get(team.pk, [])
        if not buurten or not members:
            continue
        residents: dict[int, list[int]] = defaultdict(list)
        for pk, buurt in (
            Resident.objects.filter(team=team, neighbourhood_id__in=buurten)
            .order_by("pk")
            .values_list("pk", "neighbourhood_id")[:3000]
        ):
            residents[buurt].append(pk)
        accent = {b: {t: rng.uniform(0.5, 1.8) for t in themes} for b in buurten}
        for _i in range(max(1, round(SIGNALS_PER_TEAM * scale))):
            buurt = rng.choice(buurten)
            day = start + datetime.timedelta(days=rng.randint(0, 730))
            winter = 1.5 if day.month in (11, 12, 1, 2) else 1.0
            weights = [
                THEME_WEIGHTS[t] * accent[buurt][t] * (winter if t == Theme.LONELINESS else 1) for t in themes
            ]
            theme = rng.choices(themes, weights)[0]
            about = residents.get(buurt) if rng.random() < PERSON_SHARE else None
            resident = rng.choice(about) if about else None
            age = (today - day).days
            status = (
                SignalStatus.CLOSED
                if age > 60 or rng.random() < 0.3
                else rng.choice((SignalStatus.OPEN, SignalStatus.PICKED_UP))
            )
            recorder = rng.choice(members)
            picker = rng.choice(members) if status != SignalStatus.OPEN else None
            rows.append(
                (
                    organisation.pk,
                    team.pk,
                    theme,
                    buurt,
                    day,
                    "",
                    rng.choice(NOTES[theme]),
                    resident,
                    status,
                    picker,
                    rng.choice(FOLLOW_UPS) if status == SignalStatus.CLOSED else "",
                    recorder,
                    _aware(day, 14),
                    _aware(min(day + datetime.timedelta(days=rng.randint(1, 30)), today), 11),
                )
            )
    ins.add(
        Signal,
        [
            "organisation_id",
            "team_id",
            "theme",
            "neighbourhood_id",
            "noticed_on",
            "place",
            "note",
            "resident_id",
            "status",
            "picked_up_by_id",
            "follow_up_note",
            "recorded_by_id",
            "recorded_at",
            "status_changed_at",
        ],
        rows,
    )
    return {"signals": len(rows), "person_signals": sum(1 for r in rows if r[7] is not None)}


def build_community(
    *, organisation: Organisation, today: datetime.date, rng: random.Random, scale: float
) -> dict[str, int]:
    """Links, groups and signals for ``organisation``; returns the counts to print."""
    ins = Inserter()
    with system_access("demo data: community"), ins.tuned():
        teams = list(Team.objects.filter(organisation=organisation, is_active=True).order_by("pk"))
        counts = _build_links(rng, ins, organisation, today)
        counts.update(_build_groups(rng, ins, organisation, teams, today))
        counts.update(_build_signals(rng, ins, organisation, teams, today, scale))
        ins.finish()
    return counts
