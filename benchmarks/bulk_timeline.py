"""The big table: exactly ``Sizes.timeline`` timeline entries, skewed over the cases (two for a simple
question, a long tail for the rest) with one case of exactly 200 for the dossier benchmark. On
PostgreSQL the rows go out as ready-made COPY text, the fastest path Python has to the server."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

from benchmarks.bulk import Generator
from buurtteam.cases.models import TimelineEntry
from buurtteam.demo.builders import texts

# (kind, text, contact mode, substantive) with weights: what a timeline mostly holds.
ENTRY_KINDS: list[tuple[tuple[str, str, str, bool], int]] = [
    *((("contact", note.replace("{name}", "de inwoner"), "phone", True), 3) for note in texts.CONTACT_NOTES),
    *(
        (("contact", note.replace("{name}", "de inwoner"), "home_visit", True), 2)
        for note in texts.CONTACT_NOTES
    ),
    *((("note", note, "", False), 2) for note in texts.NOTES),
    (("status", "Fase: Uitvoering → Evaluatie.", "", False), 2),
    (("status", "Fase: Evaluatie → Uitvoering.", "", False), 2),
    (("task", "Taak: Even bellen hoe het gaat", "", False), 3),
    (("task", "Taak gedaan: Even bellen hoe het gaat", "", False), 3),
    (("evaluation", texts.EVALUATION_SUMMARIES["continue"][0], "", False), 1),
    (("plan", "Doel (Financiën): Overzicht in de post en de vaste lasten.", "", False), 1),
]


def entry_counts(gen: Generator, dossier_case: int) -> array[int]:
    """Entries per case: 2 for a simple question, a skewed number for the others, summing exactly."""
    rng, n = gen.rng, len(gen.c_team)
    counts = array("i", [2] * n)
    complex_ids = [i for i in range(n) if not gen.c_simple[i]]
    budget = gen.sizes.timeline - 2 * (n - len(complex_ids)) - 200
    mean = max(3.0, budget / max(1, len(complex_ids) - 1))
    for i in complex_ids:
        counts[i] = max(3, int(rng.expovariate(1 / (mean - 2))) + 2)
    counts[dossier_case - 1] = 200
    difference = gen.sizes.timeline - sum(counts)
    step = 1 if difference > 0 else -1
    while difference:
        i = complex_ids[rng.randrange(len(complex_ids))]
        if i != dossier_case - 1 and (step > 0 or counts[i] > 3):
            counts[i] += step
            difference -= step
    return counts


def timeline(gen: Generator, dossier_case: int) -> None:
    counts = entry_counts(gen, dossier_case)
    clock, rng = gen.clock, gen.rng
    pool = [f"{k}\t{t}\t{m}\t{'t' if s else 'f'}" for (k, t, m, s), w in ENTRY_KINDS for _ in range(w)]
    raw = [(k, t, m, s) for (k, t, m, s), w in ENTRY_KINDS for _ in range(w)]
    now = clock.now
    text = gen.sink.ts_suffix != ""

    def lines() -> Iterator[str]:
        pk = 0
        for i in range(len(counts)):
            n, reg, end = counts[i], gen.c_reg[i], gen.c_end[i]
            stop = end if end >= 0 else now
            author = gen.c_lead[i] or gen.teams[gen.c_team[i]].members[0]
            step = max(1, (stop - reg) // n)
            case_id = i + 1
            minute = reg
            chunk = []
            for _e in range(n):
                pk += 1
                chunk.append(
                    f"{pk}\t{case_id}\t{clock.ts(minute)}\t{author}\t{pool[int(rng.random() * len(pool))]}\n"
                )
                minute += rng.randint(1, 2 * step) if minute < stop else 1
            yield "".join(chunk)

    def rows() -> Iterator[tuple[Any, ...]]:
        pk = 0
        for i in range(len(counts)):
            n, reg, end = counts[i], gen.c_reg[i], gen.c_end[i]
            stop = end if end >= 0 else now
            author = gen.c_lead[i] or gen.teams[gen.c_team[i]].members[0]
            step = max(1, (stop - reg) // n)
            minute = reg
            for _e in range(n):
                pk += 1
                k, t, m, s = raw[int(rng.random() * len(raw))]
                yield (pk, i + 1, clock.ts(minute), author, k, t, m, s)
                minute += rng.randint(1, 2 * step) if minute < stop else 1

    names = [
        "id",
        "case_id",
        "occurred_at",
        "author_id",
        "kind",
        "text",
        "contact_mode",
        "is_substantive",
    ]
    if text:
        gen.counts["timeline_entries"] = gen.sink.copy_lines(TimelineEntry, names, lines())
    else:
        gen.counts["timeline_entries"] = gen.sink.copy(TimelineEntry, names, rows())
