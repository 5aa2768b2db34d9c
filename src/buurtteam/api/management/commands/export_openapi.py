"""Write the API's OpenAPI description to docs/openapi.json (or check that it is up to date)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from buurtteam.api.openapi import committed_path, schema_text


class Command(BaseCommand):
    help = "Write the API's OpenAPI description to docs/openapi.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", default="", help="Another file to write (default: docs/openapi.json)."
        )
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail when the file differs from the API."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"]) if options["output"] else committed_path()
        text = schema_text()
        if options["check"]:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                raise CommandError(f"{path} is out of date: run manage.py export_openapi")
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))
