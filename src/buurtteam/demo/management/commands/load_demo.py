"""``manage.py load_demo``: a fictional municipality with buurtteams, staff, residents and cases."""

from __future__ import annotations

import datetime
import time
from argparse import ArgumentParser, ArgumentTypeError
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

SOCIAL_COUNTS = (
    "kaart-organisaties",
    "kaart-locaties",
    "kaart-activiteiten",
    "volunteers",
    "help_requests",
    "matches",
    "service_links",
    "groups",
    "group_participants",
    "signals",
)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ArgumentTypeError(_("Geef een datum als JJJJ-MM-DD.")) from exc


class Command(BaseCommand):
    help = (
        "Laad demogegevens: een verzonnen gemeente met buurtteams, locaties, medewerkers, netwerkpartners, "
        "inwoners, huishoudens en enkele duizenden casussen per team met verwijzingen en afspraken."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="Startgetal: dezelfde seed geeft dezelfde gegevens."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Vermenigvuldigt het aantal medewerkers, postcodes en casussen per team.",
        )
        parser.add_argument("--teams", type=int, default=9, help=f"Aantal buurtteams (1-{MAX_TEAMS}).")
        parser.add_argument(
            "--staff-per-team",
            type=int,
            default=None,
            help="Vast aantal medewerkers per team (voor benchmarks).",
        )
        parser.add_argument(
            "--cases-per-team",
            type=int,
            default=None,
            help="Vast aantal casussen per team (standaard 2.000-3.000 x scale; 0 = geen casussen).",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="De datum waar de casussen naartoe lopen (JJJJ-MM-DD); standaard vandaag.",
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
            cases_per_team=options["cases_per_team"],
            today=options["today"],
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
        write("  " + _("%(partners)d netwerkpartners met %(partner_contacts)d contactpersonen") % counts)
        social = {**dict.fromkeys(SOCIAL_COUNTS, 0), **counts}
        write(
            "  "
            + _(
                "Sociale kaart: %(kaart-organisaties)d organisaties, %(kaart-locaties)d locaties, "
                "%(kaart-activiteiten)d activiteiten en voorzieningen"
            )
            % social
        )
        write(
            "  "
            + _("%(volunteers)d vrijwilligers, %(help_requests)d hulpvragen, %(matches)d matches") % social
        )
        write(
            "  "
            + _(
                "%(service_links)d keer toegeleid naar een activiteit, %(groups)d groepen met "
                "%(group_participants)d deelnemers, %(signals)d signalen"
            )
            % social
        )
        if counts.get("cases"):
            write(
                "  "
                + _("%(residents)d inwoners in %(households)d huishoudens, %(network_members)d netwerkleden")
                % counts
            )
            write(
                "  "
                + _(
                    "%(cases)d casussen (%(open_cases)d open), %(timeline_entries)d tijdlijnregels, "
                    "%(tasks)d taken, %(case_meetings)d casusoverleggen"
                )
                % counts
            )
            write(
                "  "
                + _(
                    "%(referrals)d verwijzingen (%(waiting_referrals)d wachtend), %(bridging_plans)d "
                    "overbruggingsplannen met %(check_ins)d contacten, %(agreements)d afspraken met partners"
                )
                % counts
            )
            write(
                "  "
                + _(
                    "%(meldcode_tracks)d meldcodetrajecten (%(veilig_thuis_reports)d meldingen bij Veilig "
                    "Thuis), %(crisis_cases)d casussen in crisis"
                )
                % counts
            )
        write("")
        write(_("Demo-accounts (wachtwoord: %(password)s):") % {"password": DEMO_PASSWORD})
        for account in result.accounts:
            line = f"  {account.username:<12} {Role(account.role).label}"
            if account.team_name:
                line += f", {account.team_name}"
            write(line)
