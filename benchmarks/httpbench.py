"""``python -m benchmarks http``: the production server under load, over loopback, bounded in time.

Starts gunicorn (``--workers 2`` by default, the project's WSGI app, production settings with
BUURTTEAM_DEBUG=false, BUURTTEAM_SECURE_HTTPS=false and BUURTTEAM_REQUIRE_2FA=false) on 127.0.0.1 and a
free port, against the database of ``--database-url`` (default: the one generate-cases made). Log-in:
one session per client thread for the demo worker 'medewerker', made in-process with Django's test
client (same database and secret key as the server), plus a CSRF cookie/header pair for POSTs.

Scenarios, each for ``--duration`` seconds at ``--concurrency`` client threads (http.client, a new
connection per request, as gunicorn's sync workers close them):

* ``list``: ``GET /api/v1/cases?team_id=<team>&limit=100``; without the API, the team's cases page
  (cases:team_cases); skipped when neither exists.
* ``register``: ``POST /api/v1/cases`` for a resident of the team (this adds cases and audit events to
  the database); skipped without the API.

Reported per scenario: requests, req/s (successful responses per second), p50/p95/max in ms, errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKER = "medewerker"


@dataclass
class Request:
    method: str
    path: str
    body: bytes | None = None
    expect: int = 200


@dataclass
class Outcome:
    scenario: str
    target: str
    seconds: float
    requests: int
    ok: int
    errors: int
    req_per_s: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    server_cpu_ms: float | None = None  # gunicorn's CPU time per successful request


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks http", description=__doc__)
    parser.add_argument(
        "--database-url", default=None, help="default: $BENCH_DATABASE_URL or generate-cases'"
    )
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per scenario (default 15)")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds first (default 3)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per gunicorn worker (default 1: sync workers; more: the gthread worker class)",
    )
    parser.add_argument(
        "--scenario", action="append", dest="scenarios", choices=["list", "register"], help="repeatable"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.concurrency <= 64 or not 1 <= args.duration <= 600:
        parser.error("concurrency 1-64 and a duration of at most 600 seconds")
    return args


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "buurtteam.config.settings",
            "BUURTTEAM_DEBUG": "false",
            "BUURTTEAM_SECURE_HTTPS": "false",
            "BUURTTEAM_REQUIRE_2FA": "false",
            "BUURTTEAM_ALLOWED_HOSTS": f"{HOST},localhost,testserver",
            "BUURTTEAM_STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
            "BUURTTEAM_LOG_LEVEL": "WARNING",
        }
    )
    return env


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def call(port: int, request: Request, headers: dict[str, str], timeout: float = 30.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(request.method, request.path, body=request.body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped (exit {server.returncode})")
        try:
            status, _body = call(port, Request("GET", "/accounts/login/"), {}, timeout=2)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


def sessions(count: int) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """Logged-in header sets (cookie + CSRF) for the worker; plus the team and a few of its residents."""
    from django.conf import settings
    from django.test import Client

    from buurtteam.accounts.models import User
    from buurtteam.core.gate import system_access
    from buurtteam.residents.models import Resident

    with system_access("benchmark log-in"):
        user = User.objects.get(username=WORKER)
        team_id = user.primary_team_id
        residents = list(
            Resident.objects.filter(team_id=team_id).order_by("pk").values_list("pk", flat=True)[:200]
        )
    headers = []
    for _n in range(count):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        csrf = secrets.token_hex(16)  # 32 characters: accepted as the unmasked secret, cookie == header
        headers.append(
            {
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
                "X-CSRFToken": csrf,
                "Accept": "application/json",
                "Content-Type": "application/json",
                "Host": HOST,
            }
        )
    return headers, {"team_id": team_id, "residents": residents}


def process_cpu_seconds(root_pid: int) -> float | None:
    """CPU time (user + system) of a process and its children (gunicorn's master and workers), from
    /proc; ``None`` where there is no /proc. On a shared machine this says what the server itself spent,
    whatever else competes for the cores (PostgreSQL's own share is not in it)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == root_pid or ppid == root_pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run_load(
    port: int,
    make: Callable[[random.Random], Request],
    headers: list[dict[str, str]],
    *,
    duration: float,
    warmup: float,
    cpu: Callable[[], float | None] = lambda: None,
) -> tuple[list[float], dict[str, int], float, float | None]:
    """Closed loop: every thread sends its next request when the previous one is answered. Also returns
    the server's CPU seconds over the measured window (``cpu``: a reading, e.g. ``process_cpu_seconds``)."""
    timings: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    start = time.monotonic()
    measure_from = start + warmup
    stop = measure_from + duration
    readings: list[float | None] = []

    def sampler() -> None:
        time.sleep(max(0.0, measure_from - time.monotonic()))
        readings.append(cpu())
        time.sleep(max(0.0, stop - time.monotonic()))
        readings.append(cpu())

    def client(index: int) -> None:
        rng = random.Random(index)
        mine: list[float] = []
        counts: dict[str, int] = {}
        while True:
            request = make(rng)
            began = time.monotonic()
            if began >= stop:
                break
            try:
                status, _body = call(port, request, headers[index])
                key = str(status) if status == request.expect else f"{status} (expected {request.expect})"
            except OSError as exc:
                key = f"error: {type(exc).__name__}"
            ended = time.monotonic()
            if began >= measure_from and ended <= stop:
                counts[key] = counts.get(key, 0) + 1
                if key == str(request.expect):
                    mine.append((ended - began) * 1000)
        with lock:
            timings.extend(mine)
            for key, n in counts.items():
                statuses[key] = statuses.get(key, 0) + n

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(len(headers))]
    threads.append(threading.Thread(target=sampler, daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + warmup + 60)
    first, last = [*readings, None, None][:2]
    used = last - first if first is not None and last is not None else None
    return timings, statuses, duration, used


def summarise(
    scenario: str,
    target: str,
    timings: list[float],
    statuses: dict[str, int],
    seconds: float,
    server_cpu: float | None = None,
) -> Outcome:
    ordered = sorted(timings)
    rank = max(1, round(0.95 * len(ordered))) - 1 if ordered else 0
    total = sum(statuses.values())
    return Outcome(
        scenario=scenario,
        target=target,
        seconds=seconds,
        requests=total,
        ok=len(ordered),
        errors=total - len(ordered),
        req_per_s=round(len(ordered) / seconds, 1),
        p50_ms=round(statistics.median(ordered), 1) if ordered else 0.0,
        p95_ms=round(ordered[rank], 1) if ordered else 0.0,
        max_ms=round(ordered[-1], 1) if ordered else 0.0,
        statuses=statuses,
        server_cpu_ms=(
            round(server_cpu * 1000 / len(ordered), 1) if server_cpu is not None and ordered else None
        ),
    )


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    from benchmarks.generate import database_url

    url = database_url(args.database_url)
    env = server_env(url)
    os.environ.update(
        {k: v for k, v in env.items() if k.startswith(("BUURTTEAM_", "DATABASE_URL", "DJANGO_"))}
    )
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    import django

    django.setup()
    from django.core.management import call_command
    from django.urls import NoReverseMatch, reverse

    print(f"database {url}; collecting static files for the production storage ...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    headers, data = sessions(args.concurrency)
    team_id, residents = data["team_id"], data["residents"]
    port = free_port()
    gunicorn = [
        str(Path(sys.executable).parent / "gunicorn"),
        "buurtteam.config.wsgi:application",
        "--workers", str(args.workers),
        "--threads", str(args.threads),
        "--bind", f"{HOST}:{port}",
        "--pythonpath", src,
        "--log-level", "warning",
        "--timeout", "60",
    ]  # fmt: skip
    print(f"starting gunicorn ({args.workers} workers x {args.threads} threads) on {HOST}:{port}", flush=True)
    server = subprocess.Popen(gunicorn, env=env, cwd=ROOT)  # noqa: S603 - fixed arguments, loopback
    args.server_pid = server.pid
    outcomes: list[Outcome] = []
    try:
        wait_until_up(port, server)
        api_list = f"/api/v1/cases?team_id={team_id}&limit=100"
        status, body = call(port, Request("GET", api_list), headers[0])
        wanted = args.scenarios or ["list", "register"]
        if "list" in wanted:
            target = api_list if status == 200 else ""
            if not target:
                print(f"GET {api_list}: {status} {body[:200]!r}; trying the team's cases page")
                try:
                    target = reverse("cases:team_cases", kwargs={"team_id": team_id})
                except NoReverseMatch:
                    target = ""
            if target:
                outcomes.append(_scenario("list", port, headers, Request("GET", target), args))
            else:
                print("SKIPPED list: neither the API endpoint nor the team's cases page exists")
        if "register" in wanted:
            if status != 200 or not residents:
                print("SKIPPED register: POST /api/v1/cases needs the API (and residents in the team)")
            else:

                def register(rng: random.Random) -> Request:
                    payload = {
                        "client_id": rng.choice(residents),
                        "channel": "phone",
                        "referrer": "self",
                        "question": "Benchmark: ik heb een vraag over de huurtoeslag.",
                    }
                    return Request("POST", "/api/v1/cases", json.dumps(payload).encode(), expect=201)

                probe = register(random.Random(0))
                status_post, body_post = call(port, probe, headers[0])
                if status_post != 201:
                    print(f"SKIPPED register: POST /api/v1/cases answered {status_post}: {body_post[:300]!r}")
                else:
                    outcomes.append(_scenario("register", port, headers, register, args))
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    print()
    columns = ("req/s", "p50 ms", "p95 ms", "max ms", "cpu ms")
    print(f"{'scenario':<10} {'target':<44} " + " ".join(f"{c:>8}" for c in columns) + f" {'errors':>7}")
    for o in outcomes:
        print(
            f"{o.scenario:<10} {o.target[:44]:<44} {o.req_per_s:>8.1f} {o.p50_ms:>8.1f} {o.p95_ms:>8.1f} "
            f"{o.max_ms:>8.1f} {o.server_cpu_ms if o.server_cpu_ms is not None else '-':>8} {o.errors:>7}"
        )
        if o.errors:
            print(f"           statuses: {o.statuses}")
    if args.json is not None:
        payload = {
            "database_url": url,
            "workers": args.workers,
            "threads": args.threads,
            "concurrency": args.concurrency,
            "duration": args.duration,
            "results": [asdict(o) for o in outcomes],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


def _scenario(
    name: str,
    port: int,
    headers: list[dict[str, str]],
    request: Request | Callable[[random.Random], Request],
    args: argparse.Namespace,
) -> Outcome:
    make = request if callable(request) else (lambda _rng: request)
    target = make(random.Random(0)).path.split("?")[0] + (
        "?..." if "?" in make(random.Random(0)).path else ""
    )
    print(
        f"{name}: {args.concurrency} clients, {args.warmup:.0f} s warm-up + {args.duration:.0f} s ...",
        flush=True,
    )
    timings, statuses, seconds, cpu = run_load(
        port,
        make,
        headers,
        duration=args.duration,
        warmup=args.warmup,
        cpu=lambda: process_cpu_seconds(args.server_pid),
    )
    return summarise(name, f"{make(random.Random(0)).method} {target}", timings, statuses, seconds, cpu)
