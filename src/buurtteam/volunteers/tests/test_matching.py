"""Ranking volunteers for a request: every part of the score, the exclusions and the Dutch explanation."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.volunteers.matching import WEIGHTS, Suggestion, rank_volunteers
from buurtteam.volunteers.models import vog_valid_until
from buurtteam.volunteers.services import matches, volunteers
from buurtteam.volunteers.tests.factories import help_request, place, postcode_at, volunteer

pytestmark = pytest.mark.django_db


def parts(suggestion: Suggestion) -> dict[str, tuple[int, str]]:
    return {p.key: (p.points, p.text) for p in suggestion.parts}


def only(tenant: Tenant, request: object, **kwargs: object) -> Suggestion:
    found = rank_volunteers(actor=tenant.worker, request=request, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def test_a_perfect_fit_scores_100_with_every_line(tenant: Tenant) -> None:
    area = place(tenant)
    volunteer(tenant, postcode=area.postcode.postcode, vog=True, languages=["nl", "ar"])
    request = help_request(
        tenant,
        postcode=area.postcode.postcode,
        languages=["ar"],
        needs_vog=True,
        wanted="Repareren en sleutelen",
    )
    best = only(tenant, request)
    assert best.score == 100 == sum(p.points for p in best.parts)
    lines = parts(best)
    assert lines["fit"] == (
        45,
        "Passie of talent past: fiets, repareren, sleutelen; Interesse past: Fietsen en fietsreparatie",
    )
    assert lines["distance"] == (25, "0,0 km — binnen reisafstand (5 km)")
    assert lines["availability"] == (20, "Beschikbaar: di-middag")
    assert lines["language"] == (10, "Spreekt Arabisch")
    assert lines["vog"][1].startswith("VOG geldig tot ")
    assert best.volunteer.first_name == "Joke" and best.under_way == 0


def test_fit_counts_shared_words_and_tags(tenant: Tenant) -> None:
    area = place(tenant)
    pc = area.postcode.postcode
    volunteer(tenant, postcode=pc, passions="Koken", talents="", likes="", interests=["cycling"])
    request = help_request(tenant, postcode=pc)
    lines = parts(only(tenant, request))
    # Tags fully shared (half of 45), no shared words (the other half).
    assert lines["fit"] == (round(WEIGHTS["fit"] / 2), "Interesse past: Fietsen en fietsreparatie")


def test_no_overlap_is_said_so(tenant: Tenant) -> None:
    area = place(tenant)
    pc = area.postcode.postcode
    volunteer(tenant, postcode=pc, passions="Zingen", talents="", likes="", interests=["music"])
    lines = parts(only(tenant, help_request(tenant, postcode=pc)))
    assert lines["fit"] == (0, "Geen overeenkomst met passies, talenten of interesses")


def test_distance_falls_off_and_the_radius_excludes(tenant: Tenant) -> None:
    area = place(tenant)
    near = volunteer(tenant, first_name="Dichtbij", postcode=postcode_at(area, 1.0), travel_radius_km=5)
    edge = volunteer(tenant, first_name="Rand", postcode=postcode_at(area, 4.0), travel_radius_km=5)
    volunteer(tenant, first_name="Ver", postcode=postcode_at(area, 6.0), travel_radius_km=5)
    far_but_willing = volunteer(
        tenant, first_name="Reiziger", postcode=postcode_at(area, 6.0), travel_radius_km=10
    )
    request = help_request(tenant, postcode=area.postcode.postcode)
    ranked = rank_volunteers(actor=tenant.worker, request=request)
    assert [s.volunteer_id for s in ranked] == [near.pk, edge.pk, far_but_willing.pk]
    by_id = {s.volunteer_id: parts(s)["distance"] for s in ranked}
    assert by_id[near.pk] == (22, "1,0 km — binnen reisafstand (5 km)")  # 25 * (1 - 0.6 * 1/5)
    assert by_id[edge.pk] == (13, "4,0 km — binnen reisafstand (5 km)")
    assert by_id[far_but_willing.pk] == (10, "6,0 km — binnen reisafstand (10 km)")


def test_unknown_place_gets_middle_points(tenant: Tenant) -> None:
    area = place(tenant)
    volunteer(tenant, postcode="")
    lines = parts(only(tenant, help_request(tenant, postcode=area.postcode.postcode)))
    assert lines["distance"] == (10, "Afstand onbekend: een postcode ontbreekt")


def test_availability_share(tenant: Tenant) -> None:
    area = place(tenant)
    pc = area.postcode.postcode
    volunteer(tenant, postcode=pc, availability=["1-1", "5-0"])
    request = help_request(tenant, postcode=pc, availability=["1-1", "3-1"])
    assert parts(only(tenant, request))["availability"] == (
        10,
        "Beschikbaar: di-middag (1 van de 2 gevraagde dagdelen)",
    )
    none_asked = help_request(tenant, postcode=pc, availability=[])
    assert parts(only(tenant, none_asked))["availability"] == (20, "Geen vaste dagdelen nodig")
    evening = help_request(tenant, postcode=pc, availability=["6-2"])
    assert parts(only(tenant, evening))["availability"] == (0, "Niet vrij op de gevraagde dagdelen")


def test_language_is_required_when_asked(tenant: Tenant) -> None:
    area = place(tenant)
    pc = area.postcode.postcode
    speaker = volunteer(tenant, postcode=pc, languages=["nl", "tr"])
    volunteer(tenant, postcode=pc, first_name="Anna", languages=["nl"])
    request = help_request(tenant, postcode=pc, languages=["tr", "ar"])
    best = only(tenant, request)
    assert best.volunteer_id == speaker.pk
    assert parts(best)["language"] == (10, "Spreekt Turks")
    assert parts(rank_volunteers(actor=tenant.worker, request=help_request(tenant, postcode=pc))[0])[
        "language"
    ] == (10, "Geen taal gevraagd")


def test_vog_needed_excludes_missing_and_expired(tenant: Tenant) -> None:
    area = place(tenant)
    pc = area.postcode.postcode
    today = timezone.localdate()
    valid = volunteer(tenant, postcode=pc, vog=today - datetime.timedelta(days=400))
    volunteer(tenant, postcode=pc, first_name="Verlopen", vog=today - datetime.timedelta(days=3 * 366))
    volunteer(tenant, postcode=pc, first_name="Zonder")
    needs = help_request(tenant, postcode=pc, needs_vog=True)
    best = only(tenant, needs)
    assert best.volunteer_id == valid.pk
    until = vog_valid_until(today - datetime.timedelta(days=400))
    assert until is not None
    assert parts(best)["vog"][1] == "VOG geldig tot " + until.strftime("%m-%Y")
    without = help_request(tenant, postcode=pc, needs_vog=False)
    ranked = rank_volunteers(actor=tenant.worker, request=without)
    assert len(ranked) == 3
    assert "VOG niet nodig voor deze hulp" in [parts(s)["vog"][1] for s in ranked]


def test_paused_and_earlier_matches_are_excluded(tenant: Tenant) -> None:
    area = place(tenant)
    pc = area.postcode.postcode
    paused = volunteer(tenant, postcode=pc, first_name="Pauze")
    volunteers.volunteer_pause(actor=tenant.worker, volunteer=paused)
    proposed = volunteer(tenant, postcode=pc, first_name="Voorgesteld")
    declined = volunteer(tenant, postcode=pc, first_name="Nee")
    free = volunteer(tenant, postcode=pc, first_name="Vrij")
    request = help_request(tenant, postcode=pc)
    matches.match_propose(actor=tenant.worker, help_request=request, volunteer=proposed)
    no = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=declined)
    matches.match_decline(actor=tenant.worker, match=no, reason="Geen tijd")
    assert [s.volunteer_id for s in rank_volunteers(actor=tenant.worker, request=request)] == [free.pk]


def test_ranking_order_limit_and_ties(tenant: Tenant) -> None:
    area = place(tenant)
    made = [
        volunteer(tenant, first_name=f"V{i}", postcode=postcode_at(area, i * 0.5), travel_radius_km=10)
        for i in range(6)
    ]
    request = help_request(tenant, postcode=area.postcode.postcode)
    ranked = rank_volunteers(actor=tenant.worker, request=request, limit=3)
    assert [s.volunteer_id for s in ranked] == [v.pk for v in made[:3]]
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)


def test_ranking_is_empty_for_policy_officer_and_other_organisation(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    area = place(tenant)
    volunteer(tenant, postcode=area.postcode.postcode)
    request = help_request(tenant, postcode=area.postcode.postcode)
    assert rank_volunteers(actor=tenant.policy_officer, request=request) == []
    assert rank_volunteers(actor=other_tenant.worker, request=request) == []
    assert len(rank_volunteers(actor=tenant.colleague, request=request)) == 1


@pytest.mark.parametrize("prefetch", [1, 4])
def test_the_database_pass_gives_the_exact_ranking(
    tenant: Tenant, prefetch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database scores approximately and hands over a few; the result equals scoring everyone exactly
    (with ``PREFETCH`` 1 the bound often fails and the full pass runs: the same answer)."""
    import random

    from buurtteam.volunteers import matching

    rng = random.Random(11)
    area = place(tenant)
    words = ["fietsen", "koken", "wandelen", "tuinieren", "repareren", "zingen", "lezen", "rekenen"]
    tags = ["cycling", "cooking", "walking", "gardening", "odd_jobs", "music", "language"]
    for i in range(40):
        volunteer(
            tenant,
            first_name=f"V{i}",
            postcode=postcode_at(area, rng.random() * 6),
            travel_radius_km=rng.choice([2, 5, 10]),
            passions=" ".join(rng.sample(words, 2)),
            talents="",
            likes="",
            interests=rng.sample(tags, 2),
            availability=rng.sample(["0-0", "1-1", "2-2", "3-1", "4-0", "5-1"], 3),
        )
    request = help_request(
        tenant,
        postcode=area.postcode.postcode,
        description="Wandelen en samen koken",
        wanted="fietsen repareren",
        interests=["walking", "cooking"],
        availability=["1-1", "3-1"],
    )
    monkeypatch.setattr(matching, "PREFETCH", prefetch)
    ranked = rank_volunteers(actor=tenant.worker, request=request, limit=8)
    profile = matching.Profile.of(request, timezone.localdate())
    rows = list(matching.candidates(actor=tenant.worker, request=request, profile=profile))
    exact = [item[2] for item in matching._ranked(profile, rows, 8)]
    assert [s.volunteer_id for s in ranked] == exact
    assert len(ranked) == 8
