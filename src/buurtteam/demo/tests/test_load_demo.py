from __future__ import annotations

import hashlib
import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.demo.builders import DEMO_PASSWORD, DemoOptions, build_demo
from buurtteam.organisation.models import District, Location, Municipality, Neighbourhood, Postcode, Team
from buurtteam.organisation.validators import validate_postcode

pytestmark = pytest.mark.django_db

POSTCODE = re.compile(r"^[1-9][0-9]{3}(?!SA|SD|SS)[A-Z]{2}$")


def load(*args: str) -> str:
    """The command without cases unless asked for (the case data has its own tests: test_demo_cases.py)."""
    out = StringIO()
    if "--cases-per-team" not in args:
        args = (*args, "--cases-per-team", "0")
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_builds_a_complete_municipality_on_an_empty_database() -> None:
    output = load("--scale", "0.3")
    assert "Demo-accounts" in output
    assert "coordinator" in output
    with system_access("test"):
        municipality = Municipality.objects.get()
        assert re.fullmatch(r"GM99\d\d", municipality.cbs_code)
        digits = municipality.cbs_code[2:]
        districts = list(District.objects.all())
        assert len(districts) >= 5
        for district in districts:
            assert re.fullmatch(rf"WK{digits}\d\d", district.cbs_code)
        neighbourhoods = list(Neighbourhood.objects.select_related("district"))
        for nb in neighbourhoods:
            assert re.fullmatch(rf"BU{nb.district.cbs_code[2:]}\d\d", nb.cbs_code)
        assert min(Counter(nb.district_id for nb in neighbourhoods).values()) >= 4
        assert max(Counter(nb.district_id for nb in neighbourhoods).values()) <= 6

        for code in Postcode.objects.values_list("postcode", flat=True):
            assert POSTCODE.match(code), code
            validate_postcode(code)

        teams = list(Team.objects.prefetch_related("neighbourhoods"))
        assert len(teams) == 9
        assert all(team.name.startswith("Buurtteam ") for team in teams)
        served = Counter(nb.pk for team in teams for nb in team.neighbourhoods.all())
        assert set(served) == {nb.pk for nb in neighbourhoods}
        assert set(served.values()) == {1}, "every buurt is served by exactly one team"

        for team in teams:
            roles = Counter(TeamMembership.objects.filter(team=team).values_list("user__role", flat=True))
            assert roles[Role.COORDINATOR] == 1
            assert roles[Role.WORKER] >= 2
            locations = list(team.locations.all())
            assert 1 <= len(locations) <= 3
            area = {nb.pk for nb in team.neighbourhoods.all()}
            for location in locations:
                location.full_clean()
                assert location.neighbourhood_id in area
                assert Postcode.objects.get(postcode=location.postcode).neighbourhood_id in area
            team.full_clean()

        assert User.objects.filter(role=Role.ADMINISTRATOR).count() == 1
        assert 1 <= User.objects.filter(role=Role.POLICY_OFFICER).count() <= 2
        usernames = list(User.objects.values_list("username", flat=True))
        assert len(usernames) == len(set(usernames))
        for user in User.objects.order_by("pk")[:30]:
            user.full_clean(exclude=["password"])
            assert user.email.endswith(".example")


def test_team_sizes_and_disciplines_at_full_scale() -> None:
    result = build_demo(DemoOptions(seed=3, cases_per_team=0))
    with system_access("test"):
        for team in result.teams:
            members = User.objects.filter(memberships__team=team).exclude(role=Role.ADMINISTRATOR)
            assert 8 <= members.count() <= 17
            codes = Counter(members.values_list("disciplines__code", flat=True))
            assert codes["social-work"] >= 1
            assert codes["youth-family"] >= 1
            assert codes["safety-lead"] == 1
            assert codes["social-basis-lead"] == 1
            assert codes["social-work"] == max(codes.values())


def test_benchmark_sizes() -> None:
    load("--teams", "3", "--staff-per-team", "5", "--scale", "0.3")
    with system_access("test"):
        assert Team.objects.count() == 3
        sizes = Counter(
            TeamMembership.objects.exclude(user__role=Role.ADMINISTRATOR).values_list("team_id", flat=True)
        )
        assert set(sizes.values()) == {5}


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("coordinator", Role.COORDINATOR),
        ("medewerker", Role.WORKER),
        ("beheerder", Role.ADMINISTRATOR),
        ("beleid", Role.POLICY_OFFICER),
    ],
)
def test_demo_accounts_log_in_through_the_login_view(client: Client, username: str, role: str) -> None:
    result = build_demo(DemoOptions(scale=0.3, cases_per_team=0))
    response = client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:home")
    assert client.get(reverse("workspace:home")).status_code == 200
    user = result.user(username)
    assert user.role == role
    if role != Role.POLICY_OFFICER:
        assert user.primary_team_id == result.teams[0].pk
    if username == "medewerker":
        with system_access("test"):
            assert "social-work" in user.disciplines.values_list("code", flat=True)


def test_generated_staff_cannot_log_in(client: Client) -> None:
    build_demo(DemoOptions(scale=0.3, cases_per_team=0))
    with system_access("test"):
        other = User.objects.exclude(
            username__in=["coordinator", "medewerker", "beheerder", "beleid"]
        ).first()
    assert other is not None
    assert not other.has_usable_password()
    response = client.post(reverse("accounts:login"), {"username": other.username, "password": DEMO_PASSWORD})
    assert response.status_code == 400


def _digest() -> str:
    with system_access("test"):
        rows: list[object] = [
            list(District.objects.order_by("pk").values_list("cbs_code", "name")),
            list(Neighbourhood.objects.order_by("pk").values_list("cbs_code", "name")),
            list(Postcode.objects.order_by("pk").values_list("postcode", "neighbourhood__cbs_code")),
            list(Team.objects.order_by("pk").values_list("name", "email", "phone")),
            list(Location.objects.order_by("pk").values_list("name", "street", "house_number", "postcode")),
            list(
                User.objects.order_by("pk").values_list(
                    "username", "first_name", "last_name", "email", "phone", "role", "date_joined"
                )
            ),
            list(TeamMembership.objects.order_by("pk").values_list("user__username", "team__name")),
            list(
                User.disciplines.through.objects.order_by("pk").values_list(
                    "user__username", "discipline__code"
                )
            ),
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


class _Rollback(Exception):
    pass


def _digest_of_fresh_build(seed: int) -> str:
    found: list[str] = []
    try:
        with transaction.atomic():
            build_demo(DemoOptions(seed=seed, scale=0.3, cases_per_team=0))
            found.append(_digest())
            raise _Rollback
    except _Rollback:
        pass
    return found[0]


def test_same_seed_gives_the_same_data() -> None:
    first = _digest_of_fresh_build(7)
    again = _digest_of_fresh_build(7)
    other = _digest_of_fresh_build(8)
    assert first == again
    assert first != other


def test_if_empty_does_nothing_the_second_time() -> None:
    load("--scale", "0.3", "--if-empty")
    with system_access("test"):
        before = User.objects.count()
    output = load("--scale", "0.3", "--if-empty")
    assert "niet geladen" in output
    with system_access("test"):
        assert User.objects.count() == before
    with pytest.raises(CommandError, match="al in de database"):
        load("--scale", "0.3")


def test_bad_options_give_a_command_error() -> None:
    with pytest.raises(CommandError):
        load("--scale", "0")
    with pytest.raises(CommandError):
        load("--staff-per-team", "1")
    with pytest.raises(CommandError):
        load("--cases-per-team", "-1")
