"""Writes concerning staff accounts and sessions. Each runs in a transaction and leaves an audit event."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import login, logout
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.audit import context
from buurtteam.audit.models import Action, Outcome
from buurtteam.audit.services import record
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Discipline, Provider, Team

STAFF = "staff"


# --- Sessions -------------------------------------------------------------------------------
@transaction.atomic
def login_user(*, request: HttpRequest, user: User) -> None:
    login(request, user, backend="buurtteam.accounts.backends.StaffBackend")
    context.refresh_session(request)
    record(actor=user, action=Action.LOGIN, object_type="session", subject_type=STAFF, subject_id=user.pk)


@transaction.atomic
def record_failed_login(*, username: str, throttled: bool) -> None:
    with system_access("failed log-in"):
        known = User.objects.filter(username=username[:150]).values_list("organisation_id", flat=True).first()
    record(
        actor=None,
        action=Action.LOGIN_FAILED,
        outcome=Outcome.DENIED if throttled else Outcome.FAILURE,
        object_type="session",
        username=username,
        organisation_id=known,
        reason="throttled" if throttled else "",
    )


@transaction.atomic
def logout_user(*, request: HttpRequest, reason: str = "") -> None:
    user = request.user
    if user.is_authenticated:
        record(
            actor=user,
            action=Action.LOGOUT,
            object_type="session",
            subject_type=STAFF,
            subject_id=user.pk,
            reason=reason,
        )
    logout(request)


# --- Two-factor authentication ---------------------------------------------------------------
def has_confirmed_device(user: AbstractBaseUser) -> bool:
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())


@transaction.atomic
def otp_start_setup(*, actor: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for the actor (replacing an earlier unconfirmed one)."""
    TOTPDevice.objects.filter(user_id=actor.pk, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name="authenticator", confirmed=False)


@transaction.atomic
def otp_confirm_setup(*, request: HttpRequest, actor: User, token: str) -> bool:
    device = TOTPDevice.objects.filter(user_id=actor.pk, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user_id=actor.pk, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="two_factor",
        subject_type=STAFF,
        subject_id=actor.pk,
        details={"change": "authenticator confirmed"},
    )
    return True


@transaction.atomic
def otp_verify(*, request: HttpRequest, actor: User, token: str) -> bool:
    device = TOTPDevice.objects.filter(user_id=actor.pk, confirmed=True).first()
    if device is not None and device.verify_token(token):
        otp_login(request, device)
        return True
    record(
        actor=actor,
        action=Action.LOGIN_FAILED,
        outcome=Outcome.FAILURE,
        object_type="two_factor",
        subject_type=STAFF,
        subject_id=actor.pk,
    )
    return False


# --- Staff administration (functional administrator) ----------------------------------------
def _team_id_for(user: User) -> int | None:
    return user.primary_team_id


def _check_same_tenant(actor: User, objects: Iterable[Team | Discipline | Provider | None]) -> None:
    for obj in objects:
        if obj is not None and obj.organisation_id != actor.organisation_id:
            raise PermissionError("object of another organisation")


def _require_administrator(actor: User) -> None:
    if actor.role != Role.ADMINISTRATOR or actor.organisation_id is None:
        raise PermissionError("only a functional administrator manages staff")


def _set_teams(user: User, teams: list[Team], primary: Team | None) -> None:
    with system_access("membership sync inside staff service"):
        TeamMembership.objects.filter(user=user).exclude(team__in=teams).delete()
        existing = set(TeamMembership.objects.filter(user=user).values_list("team_id", flat=True))
        for team in teams:
            if team.pk not in existing:
                TeamMembership.objects.create(user=user, team=team, is_primary=False)
        TeamMembership.objects.filter(user=user).update(is_primary=False)
        chosen = primary if primary in teams else (teams[0] if teams else None)
        if chosen is not None:
            TeamMembership.objects.filter(user=user, team=chosen).update(is_primary=True)
    user.__dict__.pop("_team_rows", None)


@transaction.atomic
def administrator_bootstrap(
    *, organisation_id: int, username: str, first_name: str, last_name: str, email: str
) -> User:
    """The first functional administrator of a new organisation, created by the platform (command line)."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=Role.ADMINISTRATOR,
        organisation_id=organisation_id,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    record(
        actor=None,
        action=Action.CREATE,
        object_type=STAFF,
        object_id=user.pk,
        subject_type=STAFF,
        subject_id=user.pk,
        organisation_id=organisation_id,
        username="system",
        details={"role": Role.ADMINISTRATOR, "bootstrap": True},
    )
    return user


@transaction.atomic
def staff_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    role: str = Role.WORKER,
    provider: Provider | None = None,
    disciplines: list[Discipline] | None = None,
    teams: list[Team] | None = None,
    primary_team: Team | None = None,
) -> User:
    _require_administrator(actor)
    disciplines, teams = disciplines or [], teams or []
    _check_same_tenant(actor, [provider, *disciplines, *teams, primary_team])
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        role=role,
        provider=provider,
        organisation_id=actor.organisation_id,
    )
    user.set_unusable_password()  # the new colleague sets a password through the reset link
    user.full_clean()
    user.save()
    with system_access("many-to-many update inside staff service"):
        user.disciplines.set(disciplines)
    _set_teams(user, teams, primary_team)
    record(
        actor=actor,
        action=Action.CREATE,
        object_type=STAFF,
        object_id=user.pk,
        subject_type=STAFF,
        subject_id=user.pk,
        subject_team_id=user.primary_team_id,
        details={"role": role, "teams": sorted(t.pk for t in teams)},
    )
    return user


STAFF_FIELDS = ("first_name", "last_name", "email", "phone", "role", "provider", "is_active")


@transaction.atomic
def staff_update(
    *,
    actor: User,
    staff: User,
    disciplines: list[Discipline] | None = None,
    teams: list[Team] | None = None,
    primary_team: Team | None = None,
    **changes: Any,
) -> User:
    _require_administrator(actor)
    if staff.organisation_id != actor.organisation_id:
        raise PermissionError("staff member of another organisation")
    unknown = set(changes) - set(STAFF_FIELDS)
    if unknown:
        raise TypeError(f"unknown staff fields: {sorted(unknown)}")
    if staff.pk == actor.pk and changes.get("role", actor.role) != actor.role:
        raise PermissionError("an administrator cannot change their own role")
    _check_same_tenant(actor, [changes.get("provider"), *(disciplines or []), *(teams or []), primary_team])
    changed = sorted(name for name, value in changes.items() if getattr(staff, name) != value)
    for name, value in changes.items():
        setattr(staff, name, value)
    staff.full_clean()
    staff.save(update_fields=[*changes.keys()] if changes else None)
    if disciplines is not None:
        with system_access("many-to-many update inside staff service"):
            staff.disciplines.set(disciplines)
        changed.append("disciplines")
    if teams is not None:
        _set_teams(staff, teams, primary_team)
        changed.append("teams")
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type=STAFF,
        object_id=staff.pk,
        subject_type=STAFF,
        subject_id=staff.pk,
        subject_team_id=staff.primary_team_id,
        details={"fields": changed},
    )
    return staff


@transaction.atomic
def staff_reset_two_factor(*, actor: User, staff: User) -> None:
    """For a lost phone: the colleague sets up a new authenticator at the next log-in."""
    _require_administrator(actor)
    if staff.organisation_id != actor.organisation_id:
        raise PermissionError("staff member of another organisation")
    TOTPDevice.objects.filter(user_id=staff.pk).delete()
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="two_factor",
        object_id=staff.pk,
        subject_type=STAFF,
        subject_id=staff.pk,
        subject_team_id=staff.primary_team_id,
        details={"change": "authenticator removed"},
    )


@transaction.atomic
def staff_password_link_sent(*, actor: User, staff: User) -> None:
    """Record that an administrator sent a colleague a (new) link to set their password."""
    _require_administrator(actor)
    if staff.organisation_id != actor.organisation_id:
        raise PermissionError("staff member of another organisation")
    if not staff.is_active:
        raise PermissionError("inactive account")
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="password_link",
        object_id=staff.pk,
        subject_type=STAFF,
        subject_id=staff.pk,
        subject_team_id=staff.primary_team_id,
    )


@transaction.atomic
def password_changed(*, actor: User | None, staff: User) -> None:
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="password",
        object_id=staff.pk,
        subject_type=STAFF,
        subject_id=staff.pk,
        username=staff.username,
        organisation_id=staff.organisation_id,
    )
