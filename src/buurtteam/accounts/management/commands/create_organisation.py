"""Set up a real tenant: its municipality, the organisation and its first functional administrator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from buurtteam.accounts import services
from buurtteam.organisation.models import Municipality, Organisation
from buurtteam.organisation.services import organisation_create


class Command(BaseCommand):
    help = "Maak een organisatie aan met haar eerste functioneel beheerder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="Naam van de organisatie")
        parser.add_argument("--kind", choices=[k.value for k in Organisation.Kind], default="provider")
        parser.add_argument("--municipality", required=True, help="CBS-code van de gemeente, bijv. GM0796")
        parser.add_argument("--municipality-name", help="Naam van de gemeente (als die nog niet bestaat)")
        parser.add_argument("--cbs-year", type=int, default=2026)
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-first-name", required=True)
        parser.add_argument("--admin-last-name", required=True)
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Adres van de app, voor de link"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                municipality = Municipality.objects.filter(cbs_code=options["municipality"]).first()
                if municipality is None:
                    if not options["municipality_name"]:
                        raise CommandError("Onbekende gemeente: geef ook --municipality-name op.")
                    municipality = Municipality(
                        cbs_code=options["municipality"],
                        name=options["municipality_name"],
                        cbs_year=options["cbs_year"],
                    )
                    municipality.full_clean()
                    municipality.save()
                organisation = organisation_create(
                    name=options["name"], municipality=municipality, kind=options["kind"]
                )
                admin = services.administrator_bootstrap(
                    organisation_id=organisation.pk,
                    username=options["admin_username"],
                    first_name=options["admin_first_name"],
                    last_name=options["admin_last_name"],
                    email=options["admin_email"],
                )
        except ValidationError as exc:
            raise CommandError(
                "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.message_dict.items())
            ) from exc
        uid = urlsafe_base64_encode(force_bytes(admin.pk))
        token = default_token_generator.make_token(admin)
        path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        self.stdout.write(f"Organisatie '{organisation.name}' aangemaakt in {municipality.name}.")
        self.stdout.write(
            f"Functioneel beheerder {admin.username} stelt een wachtwoord in via (1 uur geldig):"
        )
        self.stdout.write(f"  {options['base_url'].rstrip('/')}{path}")
