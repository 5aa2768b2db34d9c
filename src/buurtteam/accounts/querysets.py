from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models

from buurtteam.core.gate import GatedQuerySet, system_access
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.accounts.models import User
    from buurtteam.core.actor import Actor

STAFF_READERS = {Role.WORKER, Role.COORDINATOR, Role.ADMINISTRATOR}


class UserQuerySet(GatedQuerySet["User"]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        """Colleagues of the same organisation; a policy officer sees only their own account."""
        if actor.role in STAFF_READERS:
            return models.Q(organisation_id=actor.organisation_id)
        return models.Q(pk=actor.pk)

    def active(self) -> UserQuerySet:
        return self.filter(is_active=True)

    def in_team(self, team_id: int) -> UserQuerySet:
        return self.filter(memberships__team_id=team_id)


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    use_in_migrations = False

    def get_by_natural_key(self, username: str | None) -> User:
        # Authentication must find the account before anyone is known: a named system path.
        with system_access("authentication"):
            return super().get_by_natural_key(username)  # type: ignore[no-any-return]

    def _create_user(self, username: str, email: str | None, password: str | None, **extra: Any) -> User:
        with system_access("account creation"):
            return super()._create_user(username, email, password, **extra)  # type: ignore[no-any-return]


class TeamMembershipQuerySet(GatedQuerySet[Any]):
    def visibility_filter(self, actor: Actor) -> models.Q:
        if actor.role in STAFF_READERS:
            return models.Q(user__organisation_id=actor.organisation_id)
        return models.Q(user_id=actor.pk)
