"""A large sociale kaart for the map-search benchmark: 50,000 services (or ``--services``) with
organisations, locations, terms, schedules and search documents.

```sh
.venv/bin/python -m benchmarks.bulk_socialmap --services 50000 \
    --database-url postgres://postgres@127.0.0.1:5432/bt_map_bench --fresh
.venv/bin/python -m benchmarks --keepdb --database-url postgres://postgres@127.0.0.1:5432/bt_map_bench \
    --scenario map_search --scenario sel_map_search
```

``--fresh`` drops and creates the database, migrates it and builds the demo structure (municipality,
teams, the demo log-ins; no cases). Without it the services are added to an existing benchmark database
(e.g. one made by ``generate-cases``), after removing the organisation's map. Written with the demo
builders' fast inserter (executemany with explicit ids); the texts are the demo map's
(``demo/builders/socialmap_texts.py``), spread over every postcode of the municipality, and the search
documents are computed once per distinct text, as the services would store them.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "buurtteam.config.settings_test"
SERVICES_PER_ORGANIZATION = 20
SERVICES_PER_LOCATION = 10
KM_PER_DEGREE_LAT = 110.574
# Analysed after the load: without statistics the planner reads a new table by tenant, not by service.
MAP_TABLES = (
    "socialmap_maporganization",
    "socialmap_maplocation",
    "socialmap_mapservice",
    "socialmap_mapservice_terms",
    "socialmap_serviceatlocation",
    "socialmap_schedule",
    "socialmap_servicesearchrow",
)
PLACE_KINDS = ("Buurthuis", "Wijkcentrum", "MFA", "Sporthal", "Kerkzaal", "Buurtkamer")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_socialmap", description=__doc__)
    parser.add_argument("--services", type=int, default=50_000, help="map services (default 50,000)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/buurtteam_bench"),
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop, create, migrate, build the demo structure"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.services < 1:
        parser.error("--services must be at least 1")
    return args


def generate_map(*, organisation: Any, services: int, seed: int = 1) -> dict[str, int]:
    """Replace ``organisation``'s map with ``services`` generated services; returns the counts."""
    from django.utils import timezone

    from buurtteam.core.gate import system_access
    from buurtteam.demo.builders import names
    from buurtteam.demo.builders.fastinsert import Inserter
    from buurtteam.demo.builders.socialmap_places import PLACE_SERVICES
    from buurtteam.demo.builders.socialmap_texts import ORGANISATIONS
    from buurtteam.demo.builders.socialmap_wijk import WIJK_SERVICES
    from buurtteam.organisation.models import Postcode
    from buurtteam.socialmap.models import (
        MapLocation,
        MapOrganization,
        MapService,
        Schedule,
        SearchSynonym,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )
    from buurtteam.socialmap.search import as_document, refresh_search_rows, stem_words
    from buurtteam.socialmap.services.taxonomy import taxonomy_defaults

    all_services = (*WIJK_SERVICES, *PLACE_SERVICES)
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    ins = Inserter()
    with system_access("benchmark data: sociale kaart"), ins.tuned():
        for model in (Schedule, ServiceAtLocation, MapService, MapLocation, MapOrganization, SearchSynonym):
            model.objects.filter(organisation=organisation).delete()
        Taxonomy.objects.filter(organisation=organisation).delete()
        life, targets = taxonomy_defaults(organisation)
        term_rows = TaxonomyTerm.objects.filter(taxonomy__in=[life, targets]).values_list(
            "pk", "taxonomy_id", "code", "name"
        )
        terms = {(tax, code): (pk, name) for pk, tax, code, name in term_rows}
        places = list(
            Postcode.objects.filter(neighbourhood__district__municipality_id=organisation.municipality_id)
            .exclude(latitude=None)
            .values_list("postcode", "neighbourhood_id", "neighbourhood__name", "latitude", "longitude")
        )
        if not places:
            raise SystemExit("the municipality has no postcodes with coordinates")

        def entry(pk_fields: tuple[Any, ...]) -> tuple[Any, ...]:
            return (organisation.pk, uuid.UUID(int=rng.getrandbits(128)), now, now, *pk_fields)

        def checked() -> datetime.date | None:
            roll = rng.random()
            if roll < 0.04:
                return None
            return today - datetime.timedelta(
                days=rng.randint(400, 1200) if roll < 0.17 else rng.randint(0, 300)
            )

        base = ("organisation_id", "hsds_id", "created_at", "updated_at")
        checked_cols = ("last_checked_on", "hsds_extra")

        n_orgs = max(1, services // SERVICES_PER_ORGANIZATION)
        org_specs = [ORGANISATIONS[i % len(ORGANISATIONS)] for i in range(n_orgs)]
        org_names = [
            spec.name if i < len(ORGANISATIONS) else f"{spec.name} {i}" for i, spec in enumerate(org_specs)
        ]
        org_ids = ins.add(
            MapOrganization,
            (*base, *checked_cols, "name", "alternate_name", "description", "email", "website", "phone"),
            [
                entry((checked(), {}, name, spec.alternate_name, spec.description, "", "", ""))
                for name, spec in zip(org_names, org_specs, strict=True)
            ],
        )

        n_locations = max(1, services // SERVICES_PER_LOCATION)
        location_rows = []
        location_text: list[str] = []
        for i in range(n_locations):
            code, nb, buurt, centre_lat, centre_lon = rng.choice(places)
            lat = (centre_lat or 0.0) + rng.gauss(0, 0.3) / KM_PER_DEGREE_LAT
            lon = (centre_lon or 0.0) + rng.gauss(0, 0.3) / (KM_PER_DEGREE_LAT * 0.62)
            name = f"{rng.choice(PLACE_KINDS)} {buurt} {i}"
            location_rows.append(
                entry(
                    (checked(), {}, org_ids[i % len(org_ids)], "physical", "community_centre", name, "",
                     "", f"Buurtstraat {i % 200 + 1}", code, names.MUNICIPALITY_NAME, nb, lat, lon,
                     "", "", "", "", "")
                )
            )  # fmt: skip
            location_text.append(as_document(stem_words(f"{name} {buurt} {names.MUNICIPALITY_NAME}")))
        location_ids = ins.add(
            MapLocation,
            (*base, *checked_cols, "map_organization_id", "location_type", "kind", "name", "alternate_name",
             "description", "address_1", "postcode", "city", "neighbourhood_id", "latitude", "longitude",
             "accessibility", "transportation", "phone", "email", "url"),
            location_rows,
        )  # fmt: skip

        # Stems of each spec's own texts, once.
        spec_docs = []
        for spec in all_services:
            term_names = [terms[(life.pk, c)][1] for c in spec.domains] + [
                terms[(targets.pk, c)][1] for c in spec.groups
            ]
            spec_docs.append(
                (
                    stem_words(spec.name),
                    [s for t in term_names for s in stem_words(t)],
                    stem_words(f"{spec.description} {spec.eligibility}"),
                    [terms[(life.pk, c)][0] for c in spec.domains]
                    + [terms[(targets.pk, c)][0] for c in spec.groups],
                )
            )
        org_stems = [stem_words(name) for name in org_names]

        service_rows, link_rows, schedule_specs, term_links = [], [], [], []
        for i in range(services):
            s_index = rng.randrange(len(all_services))
            spec = all_services[s_index]
            name_stems, term_stems, text_stems, term_ids = spec_docs[s_index]
            org = i % len(org_ids)
            places_of = sorted({rng.randrange(n_locations) for _ in range(1 if rng.random() < 0.8 else 2)})
            place_stems = " ".join(location_text[p] for p in places_of).split()
            document = as_document([*name_stems, *term_stems, *text_stems, *org_stems[org], *place_stems])
            status = (
                "active" if rng.random() > 0.05 else rng.choice(("inactive", "defunct", "temporarily closed"))
            )
            service_rows.append(
                entry(
                    (checked(), {}, org_ids[org], spec.kind, status, spec.name, "", spec.description,
                     "", "", "", "", not spec.fees, spec.fees, spec.min_age, spec.max_age,
                     spec.eligibility, spec.application, "", "", spec.languages, document,
                     as_document(name_stems), as_document(term_stems))
                )
            )  # fmt: skip
            link_rows.append(places_of)
            schedule_specs.append(spec)
            term_links.append(term_ids)
        service_ids = ins.add(
            MapService,
            (*base, *checked_cols, "map_organization_id", "kind", "status", "name", "alternate_name",
             "description", "url", "email", "phone", "contact_name", "is_free", "fees_description",
             "minimum_age", "maximum_age", "eligibility_description", "application_process",
             "interpretation_services", "wait_time", "languages", "search_document", "search_name",
             "search_terms"),
            service_rows,
        )  # fmt: skip
        links = ins.add(
            ServiceAtLocation,
            (*base, "service_id", "location_id", "description"),
            [
                entry((sid, location_ids[p], ""))
                for sid, ps in zip(service_ids, link_rows, strict=True)
                for p in ps
            ],
        )
        days = ("MO", "TU", "WE", "TH", "FR")
        schedules = [
            entry((sid, None, None, "MONTHLY" if spec.freq == "MONTHLY" else "WEEKLY",
                   2 if spec.freq == "BIWEEKLY" else 1,
                   f"1{rng.choice(days)}" if spec.freq == "MONTHLY" else rng.choice(days),
                   "", datetime.time.fromisoformat(spec.hours[0]), datetime.time.fromisoformat(spec.hours[1]),
                   None, None, "", {}))
            for sid, spec in zip(service_ids, schedule_specs, strict=True)
            if spec.freq
        ]  # fmt: skip
        ins.add(
            Schedule,
            (*base, "service_id", "location_id", "service_at_location_id", "freq", "interval", "byday",
             "bymonthday", "opens_at", "closes_at", "valid_from", "valid_to", "description", "hsds_extra"),
            schedules,
        )  # fmt: skip
        through = MapService.terms.through
        ins.add(
            through,
            ("mapservice_id", "taxonomyterm_id"),
            [(sid, t) for sid, ids in zip(service_ids, term_links, strict=True) for t in ids],
        )
        ins.finish()
        # The narrow search rows and places, as every service write leaves them.
        refresh_search_rows(service_ids)
    return {
        "organisations": len(org_ids),
        "locations": len(location_ids),
        "services": len(service_ids),
        "service_locations": len(links),
        "schedules": len(schedules),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    os.environ.setdefault("BUURTTEAM_SECURE_HTTPS", "false")
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    started = time.perf_counter()
    if args.fresh:
        from benchmarks.generate import recreate_database

        recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from buurtteam.core.gate import system_access
    from buurtteam.demo.builders import DemoOptions, build_demo, names
    from buurtteam.organisation.models import Organisation

    if args.fresh:
        call_command("migrate", verbosity=0)
        build_demo(DemoOptions(seed=args.seed, cases_per_team=0))
        print(f"  database, migrations and demo structure: {time.perf_counter() - started:.1f} s", flush=True)
    with system_access("benchmark"):
        organisation = Organisation.objects.get(name=names.ORGANISATION_NAME)
    generating = time.perf_counter()
    counts = generate_map(organisation=organisation, services=args.services, seed=args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in MAP_TABLES:
                cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"  sociale kaart: {time.perf_counter() - generating:.1f} s")
    for key, value in counts.items():
        print(f"  {key:<20} {value:>10,}")
    print(
        f"\nnext: .venv/bin/python -m benchmarks --keepdb --database-url {args.database_url} "
        "--scenario map_search --scenario sel_map_search"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
