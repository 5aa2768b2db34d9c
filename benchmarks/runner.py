"""Time the registered scenarios in-process: on a throw-away database with demo data (default), or on a
kept, generated one (``--keepdb``; see benchmarks/generate.py). Subcommands: ``generate-cases`` and
``http`` (benchmarks/httpbench.py)."""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SETTINGS = "buurtteam.config.settings_test"
# Modules whose import registers scenarios. Later issues add theirs here.
SCENARIO_MODULES = [
    "benchmarks.scenarios",
    "benchmarks.scenarios_cases",
    "benchmarks.scenarios_referrals",
    "benchmarks.scenarios_socialmap",
    "benchmarks.scenarios_volunteers",
    "benchmarks.scenarios_community",
]


NOTED = ("team_id", "case_id", "added_entries", "query", "matches_in_team", "waiting", "overdue", "url")


class BenchmarkError(RuntimeError):
    """A scenario did not answer as expected."""


@dataclass
class Result:
    scenario: str
    user: str
    n: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    min_ms: float
    mean_ms: float
    queries: int  # median number of SQL queries per request
    queries_max: int
    timings_ms: list[float]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="demo data scale (staff per team, postcodes)"
    )
    parser.add_argument("--teams", type=int, default=9, help="number of buurtteams (default 9)")
    parser.add_argument(
        "--staff-per-team", type=int, default=None, help="fixed team size (overrides --scale)"
    )
    parser.add_argument("--seed", type=int, default=1, help="demo data seed (default 1)")
    parser.add_argument(
        "--cases-per-team",
        type=int,
        default=200,
        help="demo cases per team in the throw-away database (default 200; quick)",
    )
    parser.add_argument(
        "--keepdb",
        action="store_true",
        help="use the existing database of --database-url (made by generate-cases) instead of a fresh one",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="with --keepdb: the database (default: $BENCH_DATABASE_URL or the generate-cases default)",
    )
    parser.add_argument(
        "--scenario",
        action="append",
        dest="scenarios",
        metavar="NAME",
        help="run only this scenario (repeatable)",
    )
    parser.add_argument(
        "--iterations", type=int, default=50, help="measured requests per scenario (default 50)"
    )
    parser.add_argument(
        "--warmup", type=int, default=5, help="unmeasured requests per scenario first (default 5)"
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="PATH", help="also write the results as JSON"
    )
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of each scenario's last request"
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="after the measurement, run N more calls under cProfile and print where the time goes",
    )
    args = parser.parse_args(argv)
    if args.iterations < 1 or args.warmup < 0:
        parser.error("--iterations must be at least 1 and --warmup at least 0")
    return args


def configure_django(database_url: str | None = None) -> None:
    """Settings from the environment (test settings by default; DATABASE_URL is respected), then setup."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    import django

    django.setup()
    for module in SCENARIO_MODULES:
        importlib.import_module(module)


def uninstrument_templates() -> None:
    """setup_test_environment() makes every template render send a signal that the test client answers
    by copying the whole context -- test bookkeeping that can double a page's time. Undo that part, so
    the numbers are the application's (the allowed host 'testserver' and in-memory e-mail stay)."""
    from django.template import Template
    from django.test import utils

    original = getattr(utils._TestState, "saved_data", None)
    if original is not None and hasattr(original, "template_render"):
        Template._render = original.template_render  # type: ignore[attr-defined]


@contextmanager
def test_database() -> Iterator[str]:
    """A fresh, migrated test database (test_<name>), destroyed afterwards. SQLite uses a temporary file."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    uninstrument_templates()
    with tempfile.TemporaryDirectory(prefix="buurtteam-bench-") as tmp:
        if connection.vendor == "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(Path(tmp) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, keepdb=False, serialize=False
        )
        try:
            yield str(connection.settings_dict["NAME"])
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
            teardown_test_environment()


@contextmanager
def existing_database() -> Iterator[str]:
    """The database of DATABASE_URL as it is (made by generate-cases); nothing is created or dropped."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()  # the test client's host name, in-memory mail
    uninstrument_templates()
    try:
        yield str(connection.settings_dict["NAME"])
    finally:
        teardown_test_environment()


def existing_demo() -> Any:
    """The DemoResult of a generated database: organisation, teams (by id) and row counts (estimates
    on PostgreSQL, where counting twenty million rows would take a while)."""
    from django.db import connection

    from buurtteam.core.gate import system_access
    from buurtteam.demo.builders import DemoOptions, DemoResult, names
    from buurtteam.organisation.models import Organisation, Team

    with system_access("benchmark"):
        organisation = Organisation.objects.select_related("municipality").get(name=names.ORGANISATION_NAME)
        teams = list(Team.objects.filter(organisation=organisation).order_by("pk"))
    tables = [
        "cases_case",
        "residents_resident",
        "cases_timelineentry",
        "referrals_referral",
        "referrals_checkin",
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT relname, reltuples::bigint FROM pg_class WHERE relname = ANY(%s)", [tables]
            )
            counts = dict(cursor.fetchall())
        else:
            counts = {}
            for table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed table names
                counts[table] = cursor.fetchone()[0]
    return DemoResult(
        options=DemoOptions(),
        municipality=organisation.municipality,
        organisation=organisation,
        teams=teams,
        accounts=[],
        counts={"teams": len(teams), **counts},
    )


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def run_scenario(
    name: str,
    demo: Any,
    *,
    iterations: int,
    warmup: int,
    show_queries: bool = False,
    profile: int = 0,
) -> Result | None:
    """Time one scenario; None (with a message) when its setup says it cannot run here."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.registry import SCENARIOS, BenchContext, SkipScenario

    scenario = SCENARIOS[name]
    client = Client()
    client.force_login(demo.user(scenario.user))
    ctx = BenchContext(demo=demo, client=client)
    if scenario.setup is not None:
        try:
            ctx.params = scenario.setup(ctx)
        except SkipScenario as exc:
            print(f"SKIPPED {name}: {exc}")
            return None
        notes = {k: v for k, v in ctx.params.items() if k in NOTED and v not in (None, "")}
        if notes:
            print(f"{name}: " + ", ".join(f"{k}={v}" for k, v in notes.items()))

    last_sql: list[str] = []

    def once() -> tuple[float, int]:
        # Count the statements with a bare execute wrapper. Django's query log (CaptureQueriesContext,
        # DEBUG) would also format every statement with its values, which with server-side binding on
        # PostgreSQL means a client-side mogrify per query: work the application never does in
        # production (about 2 ms on the case page). --show-queries logs one extra call instead.
        statements: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            started = time.perf_counter()
            response = scenario.func(ctx)
            elapsed = time.perf_counter() - started
        if scenario.expected_status is not None and response.status_code != scenario.expected_status:
            raise BenchmarkError(
                f"scenario {name!r}: status {response.status_code}, expected {scenario.expected_status}"
            )
        return elapsed * 1000, len(statements)

    def logged() -> None:
        # The query log is a bounded deque (9,000 entries): once full, CaptureQueriesContext's slice is
        # empty. Start with an empty log.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            scenario.func(ctx)
        last_sql[:] = [query["sql"] for query in captured.captured_queries]

    for _ in range(warmup):
        once()
    timings, queries = [], []
    for _ in range(iterations):
        elapsed_ms, query_count = once()
        timings.append(elapsed_ms)
        queries.append(query_count)
    if profile:
        profile_calls(name, once, profile)
    if show_queries:
        logged()
        print(f"--- {name}: {len(last_sql)} queries (one more call, logged)")
        for number, sql in enumerate(last_sql, 1):
            print(f"{number:>3}. {sql}")
    ordered = sorted(timings)
    return Result(
        scenario=name,
        user=scenario.user,
        n=iterations,
        p50_ms=statistics.median(ordered),
        p95_ms=percentile(ordered, 0.95),
        max_ms=ordered[-1],
        min_ms=ordered[0],
        mean_ms=statistics.fmean(ordered),
        queries=round(statistics.median(queries)),
        queries_max=max(queries),
        timings_ms=[round(t, 3) for t in timings],
    )


def profile_calls(name: str, once: Any, calls: int) -> None:
    """Run ``calls`` more calls under cProfile; print the functions with the most own and cumulative time
    and how much of the wall time the database took (the query log's own timings)."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sql_seconds = 0.0
    profiler = cProfile.Profile()
    last: list[dict[str, str]] = []
    started = time.perf_counter()
    for _ in range(calls):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            profiler.enable()
            once()
            profiler.disable()
        last = captured.captured_queries
        sql_seconds += sum(float(query["time"]) for query in last)
    wall_ms = (time.perf_counter() - started) * 1000 / calls
    print(
        f"--- profile of {name}: {calls} calls, {wall_ms:.1f} ms each under the profiler and query log, "
        f"{sql_seconds * 1000 / calls:.1f} ms of it in SQL (as the query log measures it)"
    )
    slowest = sorted(last, key=lambda query: -float(query["time"]))[:8]
    print("slowest queries of the last call:")
    for query in slowest:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def format_table(results: Sequence[Result]) -> str:
    header = f"{'scenario':<20} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'queries':>8}"
    lines = [header, "-" * len(header)]
    for r in results:
        queries = str(r.queries) if r.queries == r.queries_max else f"{r.queries}-{r.queries_max}"
        lines.append(
            f"{r.scenario:<20} {r.n:>5} {r.p50_ms:>9.2f} {r.p95_ms:>9.2f} {r.max_ms:>9.2f} {queries:>8}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "generate-cases":
        from benchmarks import generate

        return generate.main(argv[1:])
    if argv and argv[0] == "http":
        from benchmarks import httpbench

        return httpbench.main(argv[1:])
    args = parse_args(argv)
    database_url = None
    if args.keepdb:
        from benchmarks.generate import database_url as generated_database

        database_url = generated_database(args.database_url)
    configure_django(database_url)

    import django
    from django.conf import settings
    from django.db import connection

    from benchmarks.machine import measure as measure_machine
    from benchmarks.registry import SCENARIOS
    from buurtteam.demo.builders import DemoOptions, build_demo

    if args.list:
        for scenario in SCENARIOS.values():
            print(f"{scenario.name:<20} as {scenario.user:<12} {scenario.description}")
        return 0
    names = args.scenarios or list(SCENARIOS)
    unknown = [name for name in names if name not in SCENARIOS]
    if unknown:
        print(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(SCENARIOS)}", file=sys.stderr)
        return 2
    options = DemoOptions(
        seed=args.seed,
        scale=args.scale,
        teams=args.teams,
        staff_per_team=args.staff_per_team,
        cases_per_team=args.cases_per_team,
    )
    try:
        options.validate()
    except ValueError as exc:
        print(f"invalid options: {exc}", file=sys.stderr)
        return 2

    print(f"settings {settings.SETTINGS_MODULE}, database {connection.vendor}, Django {django.get_version()}")
    results: list[Result] = []
    skipped: list[str] = []
    generation_s: float | None = None
    with existing_database() if args.keepdb else test_database() as db_name:
        if args.keepdb:
            demo = existing_demo()
            print(f"existing database {db_name}: " + ", ".join(f"{v:,} {k}" for k, v in demo.counts.items()))
        else:
            started = time.perf_counter()
            demo = build_demo(options)
            generation_s = time.perf_counter() - started
            counts = ", ".join(f"{value} {key}" for key, value in demo.counts.items())
            print(f"data generation: {generation_s:.2f} s ({counts})")
        machine = measure_machine()
        print(machine.describe())
        try:
            for name in names:
                result = run_scenario(
                    name,
                    demo,
                    iterations=args.iterations,
                    warmup=args.warmup,
                    show_queries=args.show_queries,
                    profile=args.profile,
                )
                if result is None:
                    skipped.append(name)
                else:
                    results.append(result)
        except BenchmarkError as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
    print()
    print(format_table(results))

    if args.json is not None:
        payload = {
            "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "settings": settings.SETTINGS_MODULE,
            "database": {"vendor": connection.vendor, "name": db_name},
            "python": platform.python_version(),
            "django": django.get_version(),
            "options": asdict(options),
            "iterations": args.iterations,
            "warmup": args.warmup,
            "generation_seconds": round(generation_s, 3) if generation_s is not None else None,
            "machine": asdict(machine),
            "skipped": skipped,
            "counts": demo.counts,
            "results": [asdict(r) for r in results],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"\nwritten: {args.json}")
    return 0
