"""Give every running bridging plan its open check-in task (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from buurtteam.referrals.services import bridging


class Command(BaseCommand):
    help = (
        "Make sure every active bridging plan (a resident waiting for a network partner, on an open case) "
        "has an open check-in task for its contact person, due on the plan's next check-in date. Plans that "
        "already have an open task are left alone, so running it again makes nothing new. Each task made "
        "is recorded in the audit trail. Prints how many tasks were made. Run it daily, e.g. from cron."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        made = bridging.ensure_check_in_tasks()
        self.stdout.write(self.style.SUCCESS(f"Bridging check-in tasks made: {made}"))
