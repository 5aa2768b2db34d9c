"""HSDS export benchmark: the whole sociale kaart of one organisation as JSON and as the tabular ZIP.

    .venv/bin/python -m benchmarks.hsds_export --database-url postgres://postgres@127.0.0.1:5432/bt_hsds \\
        --generate 10000 --generate 50000
    .venv/bin/python -m benchmarks.hsds_export --database-url ... --organisation ID

``--generate N`` adds an organisation with a map of N services (N/10 locations, N/50 map organisations,
two taxonomies of 12 terms, two terms, one location and one schedule per service, a schedule per location)
and exports that; ``--organisation ID`` exports an existing organisation's map (e.g. one filled by
``benchmarks/bulk_socialmap.py``). The database must be migrated (``manage.py migrate``).

Each export runs in a fresh child process (so the generation's memory does not count); the parent prints
the export's wall time, the size written and the child's peak resident memory (``os.wait4`` rusage,
Django included), so runs at two sizes show whether memory grows with the number of services.
Target: 50,000 services in at most 60 s per format, with flat memory.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/buurtteam_bench"
BATCH = 5000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hsds_export", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL)
    parser.add_argument(
        "--organisation", type=int, action="append", default=[], help="export this organisation"
    )
    parser.add_argument(
        "--generate", type=int, action="append", default=[], help="generate a map of N services"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--export-only", nargs=3, metavar=("ORG", "FORMAT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.organisation and not args.generate and not args.export_only:
        parser.error("give --organisation ID or --generate N")
    return args


def _setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtteam.config.settings")
    os.environ.setdefault("BUURTTEAM_SECURE_HTTPS", "false")
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    import django

    django.setup()


def generate(size: int, seed: int) -> int:
    """A new organisation with a map of ``size`` services; returns its id."""
    from buurtteam.core.gate import system_access
    from buurtteam.organisation.models import Municipality, Organisation
    from buurtteam.socialmap.models import (
        MapLocation,
        MapOrganization,
        MapService,
        Schedule,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    with system_access("benchmark data"):
        municipality = Municipality.objects.first() or Municipality.objects.create(
            cbs_code="GM9999", name="Benchmarkstad", cbs_year=2024
        )
        org = Organisation.objects.create(
            name=f"HSDS-benchmark {size} {time.time_ns()}", municipality=municipality
        )
        today = datetime.date(2026, 6, 1)

        def bulk(model: Any, rows: list[Any]) -> list[Any]:
            return list(model.objects.bulk_create(rows, batch_size=BATCH))

        taxonomies = bulk(
            Taxonomy, [Taxonomy(organisation=org, name=n) for n in ("Leefgebieden", "Doelgroepen")]
        )
        terms = bulk(
            TaxonomyTerm,
            [
                TaxonomyTerm(organisation=org, taxonomy=t, name=f"{t.name} {i}")
                for t in taxonomies
                for i in range(12)
            ],
        )
        orgs = bulk(
            MapOrganization,
            [
                MapOrganization(
                    organisation=org,
                    name=f"Stichting {i}",
                    email=f"info{i}@voorbeeld.nl",
                    last_checked_on=today,
                )
                for i in range(max(1, size // 50))
            ],
        )
        kinds = list(MapLocation.Kind.values)
        locations = bulk(
            MapLocation,
            [
                MapLocation(
                    organisation=org,
                    map_organization=rng.choice(orgs),
                    name=f"Buurthuis {i}",
                    kind=rng.choice(kinds),
                    address_1=f"Dorpsstraat {i}",
                    postcode=f"{1000 + i % 8999} AB",
                    city="Benchmarkstad",
                    latitude=52 + rng.random() / 10,
                    longitude=5 + rng.random() / 10,
                    phone="030 123 45 67",
                    accessibility="Toegankelijk met een rolstoel.",
                    last_checked_on=today,
                )
                for i in range(max(1, size // 10))
            ],
        )
        services: list[MapService] = []
        for start in range(0, size, BATCH):
            services += bulk(
                MapService,
                [
                    MapService(
                        organisation=org,
                        map_organization=rng.choice(orgs),
                        name=f"Activiteit {i}",
                        description="Samen iets doen in de buurt: koffie, een praatje, een wandeling. " * 3,
                        kind=rng.choice(MapService.Kind.values),
                        phone="06 12345678",
                        contact_name="Sanne",
                        email="activiteit@voorbeeld.nl",
                        languages="nl,en",
                        is_free=rng.random() < 0.6,
                        minimum_age=18,
                        last_checked_on=today,
                    )
                    for i in range(start, min(size, start + BATCH))
                ],
            )
        through = MapService.terms.through
        bulk(
            through,
            [
                through(mapservice_id=s.pk, taxonomyterm_id=t.pk)
                for s in services
                for t in (rng.choice(terms[:12]), rng.choice(terms[12:]))
            ],
        )
        sals = bulk(
            ServiceAtLocation,
            [
                ServiceAtLocation(organisation=org, service=s, location=rng.choice(locations))
                for s in services
            ],
        )
        bulk(
            Schedule,
            [
                Schedule(
                    organisation=org,
                    service_at_location=sal,
                    freq="WEEKLY",
                    byday=rng.choice(["MO", "TU", "WE", "TH", "FR"]),
                    opens_at=datetime.time(10),
                    closes_at=datetime.time(12),
                )
                for sal in sals
            ]
            + [
                Schedule(organisation=org, location=loc, freq="WEEKLY", byday="MO,TU,WE,TH,FR")
                for loc in locations
            ],
        )
    print(
        f"generated organisation {org.pk}: {size:,} services in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return int(org.pk)


def _export(organisation_id: int, fmt: str, target: str) -> None:
    from buurtteam.socialmap.exchange import export
    from buurtteam.socialmap.exchange.serialize import PublicReader

    reader = PublicReader(organisation_id=organisation_id, role="system")
    if fmt == "json":
        with open(target, "w", encoding="utf-8") as handle:
            for chunk in export.json_chunks(reader):
                handle.write(chunk)
    else:
        with open(target, "wb") as handle:
            export.write_tabular(reader, handle)


def measure(url: str, organisation_id: int, fmt: str) -> dict[str, Any]:
    """Export in a fresh child process; the export's wall time, the output size and the child's peak RSS."""
    with tempfile.TemporaryDirectory(prefix="hsds-bench-") as directory:
        target = f"{directory}/export.{'json' if fmt == 'json' else 'zip'}"
        command = [sys.executable, "-m", "benchmarks.hsds_export", "--database-url", url]
        command += ["--export-only", str(organisation_id), fmt, target]
        child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)  # noqa: S603 - our own module
        _pid, status, usage = os.wait4(child.pid, 0)
        output = child.stdout.read() if child.stdout else ""
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"the {fmt} export of organisation {organisation_id} failed")
        size = os.path.getsize(target)
    return {
        "format": fmt,
        "seconds": round(float(output.strip().splitlines()[-1]), 1),
        "mb": round(size / 1e6, 1),
        "peak_rss_mb": usage.ru_maxrss // 1024,
    }


def export_only(organisation_id: int, fmt: str, target: str) -> None:
    """The child: Django is set up; time the export alone and print the seconds."""
    started = time.perf_counter()
    _export(organisation_id, fmt, target)
    print(f"{time.perf_counter() - started:.3f}", flush=True)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    _setup(args.database_url)
    if args.export_only:
        organisation, fmt, target = args.export_only
        export_only(int(organisation), fmt, target)
        return 0
    from buurtteam.core.gate import system_access
    from buurtteam.socialmap.models import MapService

    targets = list(args.organisation) + [generate(size, args.seed) for size in args.generate]
    print(
        f"\n{'organisation':>12} {'services':>9} {'format':>8} {'seconds':>8} {'MB':>7} {'peak RSS MB':>12}"
    )
    for organisation_id in targets:
        with system_access("benchmark count"):
            count = MapService.objects.filter(organisation_id=organisation_id).count()
        for fmt in ("json", "tabular"):
            result = measure(args.database_url, organisation_id, fmt)
            print(
                f"{organisation_id:>12} {count:>9,} {fmt:>8} {result['seconds']:>8} {result['mb']:>7} "
                f"{result['peak_rss_mb']:>12}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
