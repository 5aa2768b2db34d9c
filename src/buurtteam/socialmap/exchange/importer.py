"""Importing an HSDS file into an organisation's sociale kaart: a dry-run report, then one transaction.

Rules (docs/hsds.md): objects are keyed on their HSDS id within the organisation, so importing the same
file again changes nothing; nothing is ever deleted; a file with any rejected object imports nothing,
unless the caller explicitly chose to skip the rejected objects (then the rest is imported, and whatever
refers to a rejected object is rejected too). Each import is one audit event with the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.socialmap.exchange import apply as apply_module
from buurtteam.socialmap.exchange import plan as plan_module
from buurtteam.socialmap.exchange.collect import CORE, collect
from buurtteam.socialmap.exchange.items import Plan
from buurtteam.socialmap.exchange.reader import FileRejected, read_upload
from buurtteam.socialmap.exchange.serialize import PublicReader
from buurtteam.socialmap.rules import can_edit_map
from buurtteam.socialmap.search import refresh_search_documents

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

MAX_LISTED = 500


@dataclass
class Report:
    """What an import would do (dry run) or did."""

    format: str
    counts: dict[str, dict[str, int]]
    problems: list[str]
    warnings: list[str]
    applied: bool = False
    skipped_rejected: bool = False
    kinds: tuple[str, ...] = field(default=CORE)

    @property
    def rejected(self) -> int:
        return sum(row["rejected"] for row in self.counts.values())

    @property
    def changes(self) -> int:
        return sum(row["create"] + row["update"] for row in self.counts.values())

    @property
    def clean(self) -> bool:
        return self.rejected == 0

    def rows(self) -> list[tuple[str, dict[str, int]]]:
        """The counts per object type, the map's types first, then types that only had rejections."""
        ordered = [k for k in CORE if k in self.counts] + sorted(k for k in self.counts if k not in CORE)
        return [(kind, self.counts[kind]) for kind in ordered]


def _reader(actor: Actor | None, organisation_id: int) -> Actor:
    return actor if actor is not None else PublicReader(organisation_id=organisation_id, role="system")


def _plan(reader: Actor, content: bytes, filename: str) -> tuple[str, Plan]:
    try:
        upload = read_upload(content, filename)
        graph = collect(upload)
    except FileRejected as exc:
        raise ValidationError(str(exc), code="file") from exc
    return upload.format, plan_module.build(reader, graph)


def _report(fmt: str, plan: Plan, *, applied: bool = False, skipped: bool = False) -> Report:
    problems = [str(p) for p in plan.problems()]
    if len(problems) > MAX_LISTED:
        more = len(problems) - MAX_LISTED
        problems = [*problems[:MAX_LISTED], _("… en nog %(n)s afwijzingen.") % {"n": more}]
    warnings = plan.warnings[:MAX_LISTED]
    return Report(fmt, plan.counts(), problems, warnings, applied=applied, skipped_rejected=skipped)


def _check(actor: Actor | None, organisation_id: int) -> None:
    if actor is not None and (actor.organisation_id != organisation_id or not can_edit_map(actor)):
        raise PermissionError("only editors of the map import into it")


def import_preview(
    *, actor: Actor | None, organisation_id: int, content: bytes, filename: str = ""
) -> Report:
    """The dry run: what importing the file would create, update, leave unchanged and reject.

    Writes nothing."""
    _check(actor, organisation_id)
    fmt, plan = _plan(_reader(actor, organisation_id), content, filename)
    return _report(fmt, plan)


@transaction.atomic
def import_apply(
    *,
    actor: Actor | None,
    organisation_id: int,
    content: bytes,
    filename: str = "",
    skip_rejected: bool = False,
    username: str = "",
) -> Report:
    """Import the file in one transaction. With rejected objects nothing is written, unless
    ``skip_rejected``: then everything that passed is written."""
    _check(actor, organisation_id)
    reader = _reader(actor, organisation_id)
    fmt, plan = _plan(reader, content, filename)
    report = _report(fmt, plan, applied=True, skipped=skip_rejected)
    if not report.clean and not skip_rejected:
        raise ValidationError(
            _(
                "Het bestand bevat %(n)s afgewezen objecten; er is niets geïmporteerd. Verbeter het bestand, "
                "of kies ervoor de afgewezen objecten over te slaan."
            )
            % {"n": report.rejected},
            code="rejected",
        )
    touched = apply_module.apply(plan, reader=reader, organisation_id=organisation_id)
    if touched:
        refresh_search_documents(touched)
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="map_import",
        object_id=organisation_id,
        details={
            "format": fmt,
            "file": filename[:200],
            "counts": report.counts,
            "skipped_rejected": skip_rejected,
        },
        username=username or ("" if actor is not None else "hsds_import"),
        organisation_id=organisation_id,
    )
    return report
