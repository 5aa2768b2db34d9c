from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from buurtteam.accounts.models import User
from buurtteam.audit.models import AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role

ARGS = [
    "--name=Stichting Buurtteams Teststad",
    "--municipality=GM9988",
    "--municipality-name=Teststad",
    "--admin-username=fb.jansen",
    "--admin-email=fb@example.org",
    "--admin-first-name=Fien",
    "--admin-last-name=Jansen",
]


@pytest.mark.django_db
def test_creates_organisation_and_first_administrator_who_sets_a_password(client: Client) -> None:
    out = StringIO()
    call_command("create_organisation", *ARGS, stdout=out)
    with system_access("test assertion"):
        admin = User.objects.get(username="fb.jansen")
    assert admin.role == Role.ADMINISTRATOR and not admin.has_usable_password()
    assert AuditEvent.objects.filter(object_type="staff", subject_id=admin.pk, action="create").exists()
    link = next(line.strip() for line in out.getvalue().splitlines() if "/wachtwoord-instellen/" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    password = "een-heel-sterk-wachtwoord-7"
    assert client.post(form_url, {"new_password1": password, "new_password2": password}).status_code == 302
    assert client.post("/inloggen/", {"username": "fb.jansen", "password": password}).status_code == 302


@pytest.mark.django_db
def test_bad_input_changes_nothing() -> None:
    with pytest.raises(CommandError, match="gemeente"):
        call_command("create_organisation", *[a for a in ARGS if "municipality-name" not in a])
    bad = [a if not a.startswith("--admin-email") else "--admin-email=geen-adres" for a in ARGS]
    with pytest.raises(CommandError, match="email"):
        call_command("create_organisation", *bad)
    with system_access("test assertion"):
        assert not User.objects.exists()
    assert not AuditEvent.objects.exists()
