from __future__ import annotations

from typing import Any

import factory

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.tests.factories import OrganisationFactory, TeamFactory

PASSWORD = "een-lang-testwachtwoord"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Jansen"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.WORKER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def team(self: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        """``UserFactory.create(team=t)`` makes the user a (primary) member of team ``t``."""
        if create and extracted is not None:
            TeamMembership.objects.create(user=self, team=extracted, is_primary=True)

    @factory.post_generation
    def disciplines(self: User, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            with system_access("test factory"):
                self.disciplines.set(extracted)


def member_of(team: Any, *, role: str = Role.WORKER, **kwargs: Any) -> User:
    """A user of the team's organisation who is a member of the team."""
    return UserFactory.create(organisation=team.organisation, team=team, role=role, **kwargs)


def team_with_org(**kwargs: Any) -> Any:
    return TeamFactory.create(organisation=OrganisationFactory.create(), **kwargs)
