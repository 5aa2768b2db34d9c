"""``python -m benchmarks generate-cases``: build (or rebuild) a named benchmark database at scale.

PostgreSQL (default ``postgres://postgres@127.0.0.1:5432/buurtteam_bench``): the database is dropped and
created, migrated, given the demo municipality (teams, staff, demo log-ins; no demo cases) and then
filled with generated residents, households, cases and timeline entries through COPY. SQLite (a
``sqlite:///path`` URL) gets the same rows through executemany; meant for the small default.

The database stays afterwards: run the scenarios against it with ``python -m benchmarks --keepdb``
and the HTTP benchmark with ``python -m benchmarks http`` (same ``--database-url``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/buurtteam_bench"
SETTINGS = "buurtteam.config.settings"


def database_url(value: str | None) -> str:
    return value or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks generate-cases", description=__doc__)
    parser.add_argument("--cases", type=int, default=50_000, help="number of cases (default 50,000)")
    parser.add_argument("--residents", type=int, default=None, help="residents (default: 30%% of cases)")
    parser.add_argument("--timeline", type=int, default=None, help="timeline entries (default: 20 per case)")
    parser.add_argument(
        "--teams", type=int, default=None, help="teams (default: one per 10,000 cases, min 9)"
    )
    parser.add_argument("--staff-per-team", type=int, default=12, help="staff per team (default 12)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--database-url",
        default=None,
        help=f"where to build (default: $BENCH_DATABASE_URL or {DEFAULT_URL}); the database is replaced",
    )
    args = parser.parse_args(argv)
    args.residents = args.residents if args.residents is not None else max(100, args.cases * 3 // 10)
    args.timeline = args.timeline if args.timeline is not None else args.cases * 20
    args.teams = args.teams or max(9, math.ceil(args.cases / 10_000))
    if args.cases < 100 or args.timeline < 3 * args.cases:
        parser.error("at least 100 cases and 3 timeline entries per case")
    return args


def recreate_database(url: str) -> None:
    """PostgreSQL: DROP and CREATE the database named in the URL (through the 'postgres' database).
    SQLite: remove the file."""
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = Path(parsed.path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    name = parsed.path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing an unusual database name: {name!r}")
    admin = parsed._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def phase(timings: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    print(f"  {name} ...", flush=True)
    yield
    timings[name] = round(time.perf_counter() - started, 2)
    print(f"  {name}: {timings[name]:.1f} s", flush=True)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    url = database_url(args.database_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    os.environ.setdefault("BUURTTEAM_SECURE_HTTPS", "false")
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    print(f"generating into {url}: {args.cases:,} cases, {args.residents:,} residents, "
          f"{args.timeline:,} timeline entries, {args.teams} teams")  # fmt: skip
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with phase(timings, "create database"):
        recreate_database(url)

    import django

    django.setup()
    from django.core.management import call_command

    with phase(timings, "migrate"):
        call_command("migrate", verbosity=0)
    with phase(timings, "demo structure (municipality, teams, staff)"):
        structure = _structure(args)
    counts, table_timings = _rows(args, structure, timings)
    total = time.perf_counter() - started
    generation = total - timings["create database"] - timings["migrate"]
    print(f"\ngenerated in {generation:.1f} s (total {total:.1f} s with database creation and migrations)")
    for key, value in counts.items():
        print(f"  {key:<20} {value:>12,}")
    report = {
        "database_url": url,
        "arguments": {k: v for k, v in vars(args).items() if k != "database_url"},
        "generation_seconds": round(generation, 1),
        "total_seconds": round(total, 1),
        "phases": timings,
        "copy_seconds_per_table": {k: round(v, 1) for k, v in table_timings.items()},
        "counts": counts,
    }
    name = Path(urlparse(url).path).stem or "bench"
    out = ROOT / "var" / "bench" / f"generate-{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nreport: {out}\nthe database stays; next: python -m benchmarks --keepdb --database-url {url}")
    return 0


def _structure(args: argparse.Namespace) -> dict[str, Any]:
    from buurtteam.accounts.models import TeamMembership, User
    from buurtteam.cases.models import LifeDomain
    from buurtteam.cases.services.domains import default_domain_set
    from buurtteam.core.gate import system_access
    from buurtteam.core.roles import Role
    from buurtteam.demo.builders import DemoOptions, build_demo
    from buurtteam.organisation.models import Postcode

    demo = build_demo(
        DemoOptions(seed=args.seed, teams=args.teams, staff_per_team=args.staff_per_team, cases_per_team=0)
    )
    from benchmarks.bulk import Team

    with system_access("benchmark data"):
        domain_set = default_domain_set(organisation_id=demo.organisation.pk)
        domains = dict(LifeDomain.objects.filter(domain_set=domain_set).values_list("code", "pk"))
        worker = User.objects.get(username="medewerker")
        teams = []
        for team in demo.teams:
            members = list(
                TeamMembership.objects.filter(team=team, user__role__in=[Role.WORKER, Role.COORDINATOR])
                .order_by("user_id")
                .values_list("user_id", flat=True)
            )
            areas = []
            for nb in team.neighbourhoods.all():
                postcodes = list(Postcode.objects.filter(neighbourhood=nb).values_list("postcode", flat=True))
                areas.append((nb.pk, postcodes))
            bench = worker.pk if worker.pk in members else None
            teams.append(Team(team.pk, members, areas, bench_worker=bench))
        from benchmarks.bulk_referrals import PartnerRef
        from buurtteam.referrals.models import PartnerOrganisation

        partners = [
            PartnerRef(p.pk, p.name, p.kind, p.is_specialist, p.usual_wait_weeks)
            for p in PartnerOrganisation.objects.filter(organisation=demo.organisation).order_by("pk")
        ]
    return {
        "organisation_id": demo.organisation.pk,
        "teams": teams,
        "domains": domains,
        "domain_set": domain_set,
        "partners": partners,
    }


def _rows(
    args: argparse.Namespace, structure: dict[str, Any], timings: dict[str, float]
) -> tuple[dict[str, int], dict[str, float]]:
    from django.db import connection

    from benchmarks.bulk import Generator, Sizes
    from benchmarks.bulk_dossier import dossier_parts
    from benchmarks.bulk_referrals import ReferralPlan, agreements
    from benchmarks.bulk_timeline import timeline
    from benchmarks.sinks import PostgresSink, SqliteSink
    from buurtteam.cases.models import (
        Assessment,
        Case,
        CaseAssignment,
        DomainScore,
        Evaluation,
        Goal,
        IntakeConversation,
        PlanAction,
        Problem,
        SupportPlan,
        Task,
        TimelineEntry,
    )
    from buurtteam.core.gate import system_access
    from buurtteam.referrals.models import Agreement, BridgingPlan, CheckIn, Consent, Referral
    from buurtteam.residents.models import Household, HouseholdMember, NetworkMember, Resident

    models = [
        Resident, Household, HouseholdMember, NetworkMember, Case, CaseAssignment, TimelineEntry,
        IntakeConversation, Problem, Assessment, DomainScore, Task, Evaluation, SupportPlan, Goal, PlanAction,
        Referral, Consent, BridgingPlan, CheckIn, Agreement,
    ]  # fmt: skip
    sink: Any = PostgresSink() if connection.vendor == "postgresql" else SqliteSink()
    sizes = Sizes(cases=args.cases, residents=args.residents, timeline=args.timeline, seed=args.seed)
    generator = Generator(
        sink,
        sizes=sizes,
        teams=structure["teams"],
        organisation_id=structure["organisation_id"],
        domain_ids=structure["domains"],
    )
    with system_access("benchmark data"):
        with phase(timings, "drop indexes and constraints"):
            sink.prepare(models)
        with phase(timings, "residents and households"):
            generator.residents_and_households()
        with phase(timings, "cases"):
            generator.cases()
        with phase(timings, "assignments"):
            generator.assignments()
        dossier = _dossier_case(generator)
        with phase(timings, "timeline entries"):
            timeline(generator, dossier)
        referrals = ReferralPlan(generator, structure["partners"])
        with phase(timings, "referrals (drawn)"):
            referrals.build()
        with phase(timings, "intake, assessments, plans, tasks"):
            first_bridging_task = dossier_parts(generator, structure["domain_set"].pk, referrals.tasks)
        with phase(timings, "referrals, consents, bridging plans, check-ins"):
            referrals.write(first_bridging_task)
        with phase(timings, "agreements"):
            agreements(generator, structure["partners"])
        with phase(timings, "indexes, constraints, sequences, vacuum analyze"):
            timings.update({f"  {k}": round(v, 1) for k, v in sink.finish(models).items()})
    generator.counts["dossier_200_case_id"] = dossier
    return generator.counts, sink.timings


def _dossier_case(generator: Any) -> int:
    """An open case in execution, led by the demo worker, that gets exactly 200 timeline entries."""
    worker = next((t.bench_worker for t in generator.teams if t.bench_worker), None)
    for index in range(len(generator.c_team) - 1, -1, -1):
        if generator.c_status[index] == 4 and generator.c_lead[index] == worker:
            return index + 1
    raise SystemExit("no open case led by the demo worker: generate more cases")
