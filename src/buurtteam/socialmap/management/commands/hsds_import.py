"""Import an Open Referral HSDS 3.0 file (JSON or the tabular ZIP) into an organisation's sociale kaart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.socialmap.exchange.importer import Report, import_apply, import_preview
from buurtteam.socialmap.exchange.items import LABELS


class Command(BaseCommand):
    command_name = "hsds_import"
    help = (
        "Import an HSDS 3.0 file (a service, a list or page of services, an organisation with its services, "
        "the export of this application, or the tabular ZIP) into the sociale kaart of one organisation. "
        "Objects are matched on their HSDS id, so importing a file again changes nothing. Prints the report "
        "(to create, update, unchanged, rejected with reasons). With --dry-run nothing is written; otherwise "
        "a file with rejected objects imports nothing unless --skip-rejected is given. Exit status 1 when "
        "objects were rejected. See docs/hsds.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the file to import (.json or .zip)")
        parser.add_argument("--organisation", type=int, required=True, help="id of the organisation")
        parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
        parser.add_argument(
            "--skip-rejected", action="store_true", help="import the rest when objects are rejected"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        org_id: int = options["organisation"]
        with system_access(f"manage.py {self.command_name}: does the organisation exist"):
            exists = Organisation.objects.filter(pk=org_id).exists()
        if not exists:
            raise CommandError(f"No organisation with id {org_id}.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        content = path.read_bytes()
        try:
            if options["dry_run"]:
                report = import_preview(
                    actor=None, organisation_id=org_id, content=content, filename=path.name
                )
            else:
                report = import_apply(
                    actor=None,
                    organisation_id=org_id,
                    content=content,
                    filename=path.name,
                    skip_rejected=options["skip_rejected"],
                    username="manage.py hsds_import",
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self._print(report, dry_run=options["dry_run"])
        if report.rejected:
            raise CommandError(f"{report.rejected} object(s) rejected.", returncode=1)

    def _print(self, report: Report, *, dry_run: bool) -> None:
        self.stdout.write(f"{'Dry run' if dry_run else 'Imported'} ({report.format}):")
        self.stdout.write(f"  {'type':<24}{'create':>8}{'update':>8}{'unchanged':>11}{'rejected':>10}")
        for kind, row in report.rows():
            self.stdout.write(
                f"  {LABELS.get(kind, kind):<24}{row['create']:>8}{row['update']:>8}"
                f"{row['unchanged']:>11}{row['rejected']:>10}"
            )
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(f"  rejected: {problem}"))
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"  note: {warning}"))
