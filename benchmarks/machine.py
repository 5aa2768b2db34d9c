"""How fast is this machine? Two fixed reference loads, printed next to every benchmark run.

The speed targets are milliseconds, and the same code measures very differently on different hardware
(the project's figures have come from machines whose plain Python speed differed by a factor of two). With
these two figures next to the results, runs on different machines can be compared: scale a result by the
ratio of the reference figures before concluding that the code got slower or faster.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

ROUNDS = 5


@dataclass(frozen=True)
class MachineSpeed:
    python_ms: float  # the best of ROUNDS runs of a fixed pure-Python loop (2,000,000 additions)
    database_ms: float  # the best of ROUNDS runs of a fixed query (counting 1,000,000 generated rows)

    def describe(self) -> str:
        return (
            f"machine reference: python loop {self.python_ms:.1f} ms, "
            f"database query {self.database_ms:.1f} ms (lower is faster; see benchmarks/README.md)"
        )


def _python_loop() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i
    elapsed = time.perf_counter() - started
    assert total == 1_999_999_000_000
    return elapsed * 1000


def _database_query() -> float:
    from django.db import connection

    if connection.vendor == "postgresql":
        sql = "SELECT count(*) FROM generate_series(1, 1000000)"
    else:
        sql = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
            "SELECT count(*) FROM n"
        )
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql)
        (count,) = cursor.fetchone()
        elapsed = time.perf_counter() - started
    assert count == 1_000_000
    return elapsed * 1000


def measure() -> MachineSpeed:
    return MachineSpeed(
        python_ms=min(_python_loop() for _ in range(ROUNDS)),
        database_ms=min(_database_query() for _ in range(ROUNDS)),
    )
