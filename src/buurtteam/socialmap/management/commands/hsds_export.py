"""Export an organisation's sociale kaart as Open Referral HSDS 3.0 (JSON or the tabular ZIP)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.socialmap.exchange import export
from buurtteam.socialmap.exchange.serialize import PublicReader


class Command(BaseCommand):
    command_name = "hsds_export"
    help = (
        "Write the whole sociale kaart of one organisation as Open Referral HSDS 3.0: --format json (one "
        "document with organizations, locations, taxonomies, taxonomy_terms and full services) or --format "
        "tabular (a ZIP with datapackage.json and one CSV file per table). Streams: memory stays flat. "
        "See docs/hsds.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", type=int, required=True, help="id of the organisation")
        parser.add_argument("--format", choices=["json", "tabular"], default="json")
        parser.add_argument(
            "--output", required=True, help="file to write ('-' for standard output, JSON only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        org_id: int = options["organisation"]
        with system_access(f"manage.py {self.command_name}: does the organisation exist"):
            exists = Organisation.objects.filter(pk=org_id).exists()
        if not exists:
            raise CommandError(f"No organisation with id {org_id}.")
        reader = PublicReader(organisation_id=org_id, role="system")
        output: str = options["output"]
        if options["format"] == "json":
            if output == "-":
                for chunk in export.json_chunks(reader):
                    sys.stdout.write(chunk)
                return
            with Path(output).open("w", encoding="utf-8") as handle:
                for chunk in export.json_chunks(reader):
                    handle.write(chunk)
        else:
            if output == "-":
                raise CommandError("The tabular export is a ZIP file: give --output a file name.")
            with Path(output).open("wb") as handle:
                export.write_tabular(reader, handle)
        self.stdout.write(self.style.SUCCESS(f"Written: {output}"), ending="\n")
