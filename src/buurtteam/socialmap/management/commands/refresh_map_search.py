"""Rewrite the search documents and search rows of the sociale kaart (all organisations, or one)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.socialmap.models import MapService
from buurtteam.socialmap.search import refresh_search_documents

CHUNK = 2000


class Command(BaseCommand):
    help = (
        "Recompute the stems, search rows and (PostgreSQL) weighted vectors of every service on the "
        "sociale kaart. Needed after changing the stemmer or the built-in synonym groups "
        "(socialmap/synonyms.py); ordinary edits keep them up to date by themselves."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, help="only this organisation (id)")

    def handle(self, *args: Any, **options: Any) -> None:
        org_id: int | None = options["organisation"]
        with system_access("manage.py refresh_map_search"):
            if org_id is not None and not Organisation.objects.filter(pk=org_id).exists():
                raise CommandError(f"No organisation with id {org_id}.")
            services = MapService.objects.all()
            if org_id is not None:
                services = services.filter(organisation_id=org_id)
            ids = list(services.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            refresh_search_documents(ids[start : start + CHUNK])
        self.stdout.write(f"{len(ids)} services refreshed.")
