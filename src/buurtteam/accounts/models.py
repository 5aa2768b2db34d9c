"""Staff accounts: one personal account per person (no group accounts), in exactly one organisation."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtteam.accounts.querysets import TeamMembershipQuerySet, UserManager
from buurtteam.core.gate import GatedModel, system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Discipline, Organisation, Provider, Team


class User(GatedModel, AbstractBaseUser, PermissionsMixin):
    username = models.CharField(
        _("gebruikersnaam"),
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        error_messages={"unique": _("Deze gebruikersnaam is al in gebruik.")},
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("organisatie"),
        help_text=_("Leeg alleen voor de platformbeheerder, die geen persoonsgegevens ziet."),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("werkgever"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.WORKER)
    disciplines = models.ManyToManyField(
        Discipline, blank=True, related_name="staff", verbose_name=_("disciplines")
    )
    teams: models.ManyToManyField[Team, TeamMembership] = models.ManyToManyField(
        Team, through="TeamMembership", related_name="members", blank=True, verbose_name=_("teams")
    )
    is_staff = models.BooleanField(_("platformbeheer"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("in dienst sinds"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email", "first_name", "last_name"]

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        ordering = ["first_name", "last_name"]
        indexes = [models.Index(fields=["organisation", "is_active"], name="user_org_active")]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name

    # --- Actor protocol: computed once per request ------------------------------------------
    @cached_property
    def _team_rows(self) -> list[tuple[int, str, bool]]:
        with system_access("actor's own teams"):
            return list(
                TeamMembership.objects.filter(user_id=self.pk)
                .order_by("-is_primary", "team__name")
                .values_list("team_id", "team__name", "is_primary")
            )

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(row[0] for row in self._team_rows)

    @property
    def primary_team_id(self) -> int | None:
        return self._team_rows[0][0] if self._team_rows else None

    @property
    def primary_team_name(self) -> str:
        return self._team_rows[0][1] if self._team_rows else ""

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_policy_officer(self) -> bool:
        return self.role == Role.POLICY_OFFICER


class TeamMembership(GatedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    is_primary = models.BooleanField(_("eigen team"), default=True)
    since = models.DateField(_("lid sinds"), default=timezone.localdate)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id}"
