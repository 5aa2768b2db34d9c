"""``manage.py load_demo``: a fictional municipality with buurtteams and staff, for demos and benchmarks."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from buurtteam.core.roles import Role
from buurtteam.demo.builders import (
    DEMO_PASSWORD,
    MAX_TEAMS,
    DemoConflictError,
    DemoOptions,
    build_demo,
    organisation_exists,
)


class Command(BaseCommand):
    help = "Laad demogegevens: een verzonnen gemeente met buurtteams, locaties en medewerkers."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="Startgetal: dezelfde seed geeft dezelfde gegevens."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Vermenigvuldigt het aantal medewerkers per team en postcodes.",
        )
        parser.add_argument("--teams", type=int, default=9, help=f"Aantal buurtteams (1-{MAX_TEAMS}).")
        parser.add_argument(
            "--staff-per-team",
            type=int,
            default=None,
            help="Vast aantal medewerkers per team (voor benchmarks).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Niets doen als er al een organisatie in de database staat.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and organisation_exists():
            self.stdout.write(_("Er staat al een organisatie in de database; demogegevens niet geladen."))
            return
        demo_options = DemoOptions(
            seed=options["seed"],
            scale=options["scale"],
            teams=options["teams"],
            staff_per_team=options["staff_per_team"],
        )
        try:
            demo_options.validate()
        except ValueError as exc:
            raise CommandError(_("Ongeldige optie: %(error)s") % {"error": exc}) from exc
        started = time.perf_counter()
        try:
            result = build_demo(demo_options)
        except DemoConflictError as exc:
            raise CommandError(
                _("De demogegevens staan (deels) al in de database (%(error)s). Gebruik een lege database.")
                % {"error": exc}
            ) from exc
        elapsed = time.perf_counter() - started

        counts = result.counts
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                _("Demogegevens geladen: gemeente %(name)s (%(code)s), seed %(seed)d, %(seconds).1f s.")
                % {
                    "name": result.municipality.name,
                    "code": result.municipality.cbs_code,
                    "seed": demo_options.seed,
                    "seconds": elapsed,
                }
            )
        )
        write("  " + _("%(districts)d wijken, %(neighbourhoods)d buurten, %(postcodes)d postcodes") % counts)
        write(
            "  "
            + _("%(organisation)s: %(providers)d aanbieders, %(teams)d buurtteams, %(locations)d locaties")
            % {**counts, "organisation": result.organisation.name}
        )
        write("  " + _("%(staff)d medewerkers") % counts)
        write("")
        write(_("Demo-accounts (wachtwoord: %(password)s):") % {"password": DEMO_PASSWORD})
        for account in result.accounts:
            line = f"  {account.username:<12} {Role(account.role).label}"
            if account.team_name:
                line += f", {account.team_name}"
            write(line)
