"""Searching the sociale kaart: text (stems and synonyms), terms, buurt, distance, kind, cost and age.

The map holds no personal data, so searches are not audited; every query is scoped to the actor's
organisation through ``visible_to``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from buurtteam.socialmap.geo import Point, squared_km_sql
from buurtteam.socialmap.models import (
    MapLocation,
    MapService,
    Schedule,
    SearchSynonym,
    ServiceAtLocation,
    ServiceSearchRow,
    TaxonomyTerm,
)
from buurtteam.socialmap.search import (
    QueryGroup,
    document_matches,
    expand_query,
    like_fragment,
    parse_synonym_words,
    synonym_token,
    tsquery_part,
)
from buurtteam.socialmap.staleness import is_stale, stale_cutoff

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

MAX_LIMIT = 100
MAX_KM = 100.0
# Weights of a match of one query word: the word itself, or one of its synonyms (less).
WEIGHT_NAME, WEIGHT_TERMS, WEIGHT_TEXT = 3.0, 2.0, 1.0
SYNONYM_FACTOR = 0.6
# Nearby entries rank a little higher: at the spot half a description match, a quarter at 1 km, a tenth
# at 2 km (a description match weighs 1.0 on SQLite, about 0.06 in PostgreSQL's ts_rank).
NEAR_BOOST = 0.5
NEAR_BOOST_POSTGRESQL = 0.03


@dataclass(frozen=True)
class ServiceHit:
    service: MapService
    score: float
    distance_km: float | None
    stale: bool
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SearchResult:
    hits: list[ServiceHit]
    total: int


def _organisation_synonyms(actor: Actor) -> list[list[str]]:
    rows = SearchSynonym.objects.visible_to(actor).values_list("words", flat=True)
    return [parse_synonym_words(words) for words in rows]


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(stems: Sequence[str]) -> str:
    return " | ".join(tsquery_part(stem) for stem in stems)


def _synonym_parts(group: QueryGroup) -> list[str]:
    """PostgreSQL: the tsquery operands of a group's synonyms — one token per built-in synonym group
    (the vector carries it when the service matches any word of that group), and the organisation's
    own synonyms word by word."""
    return [synonym_token(i) for i in group.builtin] + [tsquery_part(stem) for stem in group.extra]


def _text_filter(groups: Sequence[QueryGroup]) -> Q | RawSQL:
    if _postgresql():
        # The narrow rows' weighted vector (migration 0006), through its GIN index.
        parts = [part for g in groups for part in (tsquery_part(g.stem), *_synonym_parts(g))]
        return RawSQL(
            "socialmap_servicesearchrow.search_vector @@ to_tsquery('simple'::regconfig, %s)",
            (" | ".join(dict.fromkeys(parts)),),
            output_field=BooleanField(),
        )
    condition = Q()
    for stem in (stem for group in groups for stem in group.stems):
        condition |= Q(service__search_document__contains=like_fragment(stem))
    return condition


def _text_score(groups: Sequence[QueryGroup]) -> Any:
    """Name (A, 1.0) over terms (B, 0.4) over the rest (D, 0.1) on PostgreSQL with ts_rank; the same order
    with fixed weights on SQLite. A synonym counts for ``SYNONYM_FACTOR`` of the word itself."""
    if not _postgresql():
        return sum((_group_score(g) for g in groups[1:]), _group_score(groups[0]))
    own = [g.stem for g in groups]
    synonyms = list(dict.fromkeys(part for g in groups for part in _synonym_parts(g)))
    rank = "ts_rank(socialmap_servicesearchrow.search_vector, to_tsquery('simple'::regconfig, %s))"
    sql = rank
    params: list[Any] = [_tsquery(own)]
    if synonyms:
        sql += f" + %s * {rank}"
        params += [SYNONYM_FACTOR, " | ".join(synonyms)]
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611 - fixed SQL, values as parameters


def _any(field_name: str, stems: Sequence[str]) -> Q:
    condition = Q()
    for stem in stems:
        condition |= Q(**{f"service__{field_name}__contains": like_fragment(stem)})
    return condition


def _group_score(group: QueryGroup) -> Case:
    own = [group.stem]
    whens = [
        When(_any("search_name", own), then=Value(WEIGHT_NAME)),
        When(_any("search_terms", own), then=Value(WEIGHT_TERMS)),
    ]
    if group.synonyms:
        whens += [
            When(_any("search_name", group.synonyms), then=Value(WEIGHT_NAME * SYNONYM_FACTOR)),
            When(_any("search_terms", group.synonyms), then=Value(WEIGHT_TERMS * SYNONYM_FACTOR)),
        ]
    whens.append(When(_any("search_document", own), then=Value(WEIGHT_TEXT)))
    if group.synonyms:
        whens.append(When(_any("search_document", group.synonyms), then=Value(WEIGHT_TEXT * SYNONYM_FACTOR)))
    return Case(*whens, default=Value(0.0), output_field=FloatField())


def _term_filters(actor: Actor, term_ids: Sequence[int]) -> list[Q] | None:
    """One condition per taxonomy (any of its chosen terms); ``None`` when a term is not on this map."""
    wanted = {int(t) for t in term_ids}
    rows = list(TaxonomyTerm.objects.visible_to(actor).filter(pk__in=wanted).values_list("pk", "taxonomy_id"))
    if len(rows) != len(wanted):
        return None
    by_taxonomy: dict[int, list[int]] = {}
    for pk, taxonomy_id in rows:
        by_taxonomy.setdefault(taxonomy_id, []).append(pk)
    through = MapService.terms.through.objects
    return [
        Q(Exists(through.filter(mapservice_id=OuterRef("pk"), taxonomyterm_id__in=ids)))
        for ids in by_taxonomy.values()
    ]


def _places(actor: Actor) -> QuerySet[Any]:
    return ServiceAtLocation.objects.visible_to(actor)


# What a hit never shows: bookkeeping columns whose values cost the most to load (timestamps, uuids, JSON).
_BOOKKEEPING = ("created_at", "updated_at", "hsds_id")
_CHECKED_BOOKKEEPING = (*_BOOKKEEPING, "hsds_extra", "checked_by")


def _lean(*, checked: Sequence[str] = (), plain: Sequence[str] = ()) -> list[str]:
    """``defer()`` arguments leaving out the bookkeeping of the model at each given relation path
    (``""`` is the model itself; ``checked`` paths are checked entries, ``plain`` ones are not)."""

    def at(path: str, names: Sequence[str]) -> list[str]:
        return [f"{path}__{name}" if path else name for name in names]

    return [
        *(n for path in checked for n in at(path, _CHECKED_BOOKKEEPING)),
        *(n for path in plain for n in at(path, _BOOKKEEPING)),
    ]


def _display_prefetches(actor: Actor, *, with_terms: bool) -> list[Prefetch[Any]]:
    prefetches = [
        Prefetch(
            "service_at_locations",
            queryset=_places(actor)
            .select_related("location", "location__neighbourhood")
            .defer(
                *_lean(checked=["location"], plain=[""]),
                "description",
                "location__description",
                "location__accessibility",
                "location__transportation",
            )
            .order_by("location__name", "pk"),
        ),
        Prefetch(
            "schedules",
            queryset=Schedule.objects.visible_to(actor)
            .defer(*_lean(plain=[""]), "hsds_extra")
            .order_by("freq", "byday", "opens_at", "pk"),
        ),
    ]
    if with_terms:
        prefetches.append(
            Prefetch(
                "terms",
                queryset=TaxonomyTerm.objects.visible_to(actor)
                .select_related("taxonomy")
                .defer(*_lean(plain=["", "taxonomy"]), "hsds_extra", "description", "taxonomy__description")
                .order_by("taxonomy__name", "name"),
            )
        )
    return prefetches


def _reasons(service: MapService, groups: Sequence[QueryGroup], distance: float | None) -> list[str]:
    reasons: list[str] = []
    for group in groups:
        if document_matches(service.search_name, group.stem):
            reasons.append(_("“%(word)s” in de naam") % {"word": group.word})
        elif document_matches(service.search_terms, group.stem):
            reasons.append(_("“%(word)s” als leefgebied of doelgroep") % {"word": group.word})
        elif document_matches(service.search_document, group.stem):
            reasons.append(_("“%(word)s” in de omschrijving") % {"word": group.word})
        elif any(document_matches(service.search_document, s) for s in group.synonyms):
            reasons.append(_("verwant aan “%(word)s”") % {"word": group.word})
    if distance is not None:
        reasons.append(_("op %(km)s km") % {"km": f"{distance:.1f}".replace(".", ",")})
    return reasons


def _with_distance(actor: Actor, qs: QuerySet[Any], near: Point, max_km: float | None) -> QuerySet[Any]:
    """``distance_sq``: the squared distance to the service's nearest located place (``None``: none).

    The search row carries the coordinates of a service's first two places, so for nearly every service
    this is arithmetic on the row; only a service at three or more places looks its places up (in the
    actor's organisation). ``max_km`` keeps the services whose nearest place lies within the radius.
    Written as SQL text: the same expression through Django's expressions took a few milliseconds of
    Python on every search.
    """
    row = ServiceSearchRow._meta.db_table
    first, first_params = squared_km_sql(near, f"{row}.latitude", f"{row}.longitude")
    second, second_params = squared_km_sql(near, f"{row}.latitude_2", f"{row}.longitude_2")
    place, place_params = squared_km_sql(near, "l.latitude", "l.longitude")
    least = "LEAST" if _postgresql() else "MIN"  # SQLite's MIN of several arguments
    sal, location = ServiceAtLocation._meta.db_table, MapLocation._meta.db_table
    places = f"{sal} sal JOIN {location} l ON l.id = sal.location_id"
    # Table and column names and fixed text only; every value is a parameter.
    sql = (
        f"CASE WHEN {row}.place_count = 1 THEN {first} "  # noqa: S608
        f"WHEN {row}.place_count = 2 THEN {least}({first}, {second}) "
        f"WHEN {row}.place_count > 2 THEN (SELECT MIN({place}) FROM {places} "
        f"WHERE sal.service_id = {row}.service_id AND sal.organisation_id = %s "
        "AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL) ELSE NULL END"
    )
    params = [*first_params, *first_params, *second_params, *place_params, actor.organisation_id]
    qs = qs.annotate(distance_sq=RawSQL(sql, params, output_field=FloatField()))  # noqa: S611 - values as parameters
    if max_km is not None:
        radius = max(0.0, min(float(max_km), MAX_KM))
        qs = qs.filter(distance_sq__lte=radius * radius)
    return qs


def _ranked(
    qs: QuerySet[Any], order: list[Any], *, scored: bool, near: bool, indexed: bool, offset: int, limit: int
) -> list[Any]:
    """The ranked pass: ``(pk, found, [score], [distance_sq])`` of the page's rows, best first, where
    ``found`` counts every match (a window count), so one query both ranks and counts.

    On PostgreSQL the match is computed in a subquery that returns narrow rows (id, name, score,
    distance; ``OFFSET 0`` keeps the planner from merging it into the outer query): the window count then
    buffers those rather than the rows the score was computed from, which hold the whole text vector and
    spilled to disk on a broad word.

    A text search reads the matches through the GIN index. A broad word matches a sixth of a large map,
    and the planner would then rather test every row's vector than read the matches through the index —
    three to five times slower, as the narrow table is small and cached. ``SET LOCAL enable_seqscan =
    off`` goes with the query in the same round trip (one simple-query message is one implicit
    transaction, so the setting ends with it; inside a transaction it ends with that transaction). Under
    server-side binding (prepared statements) the settings go first in a transaction of their own, together
    with ``plan_cache_mode = force_custom_plan``: a generic plan for any word is slower than one for these.
    """
    extra = [*(["score"] if scored else []), *(["distance_sq"] if near else [])]
    if not _postgresql():
        return list(
            qs.annotate(found=Window(Count("*")))
            .order_by(*order)
            .values_list("pk", "found", *extra)[offset : offset + limit]
        )
    inner_sql, inner_params = qs.order_by().values_list("pk", "name", *extra).query.sql_with_params()
    columns = ", ".join(["pk", "name", *extra])
    ordering = ", ".join(
        [
            *(["m.score DESC"] if scored else []),
            *(["m.distance_sq ASC NULLS LAST"] if near else []),
            "m.name",
            "m.pk",
        ]
    )
    # Fixed column names and the subquery Django compiled; every value is a parameter.
    sql = (
        f"SELECT m.pk, COUNT(*) OVER (){''.join(f', m.{c}' for c in extra)} "  # noqa: S608
        f"FROM ({inner_sql} OFFSET 0) AS m ({columns}) ORDER BY {ordering} LIMIT %s OFFSET %s"
    )
    params = (*inner_params, limit, offset)
    if not indexed:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    if connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        # Server-side binding sends one statement per message: the settings go first, in a transaction. A
        # prepared statement is planned for the words at hand (a generic plan for any word is much slower).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), "
                "set_config('plan_cache_mode', 'force_custom_plan', true)"
            )
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL enable_seqscan = off; {sql}", params)
        cursor.nextset()  # past the SET's result
        return list(cursor.fetchall())


def service_search(
    *,
    actor: Actor,
    text: str = "",
    term_ids: Sequence[int] = (),
    neighbourhood_id: int | None = None,
    near: Point | None = None,
    max_km: float | None = None,
    kind: str = "",
    free_only: bool = False,
    age: int | None = None,
    include_inactive: bool = False,
    with_terms: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Services and activities on the actor's map matching every given filter, best first.

    The matching, ranking and counting run on the narrow search rows (``ServiceSearchRow``, one per
    service); the page's services are read by id afterwards, with their terms only when ``with_terms`` is
    true (none of the search page, the API and the toeleiding shows them: a query and some 150 model
    instances less).
    """
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    qs: QuerySet[Any] = ServiceSearchRow.objects.visible_to(actor)
    if not include_inactive:
        qs = qs.filter(status=MapService.Status.ACTIVE)
    if kind:
        qs = qs.filter(kind=kind)
    if free_only:
        qs = qs.filter(is_free=True)
    if age is not None:
        qs = qs.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
        )
    if neighbourhood_id is not None:
        qs = qs.filter(
            Exists(
                _places(actor).filter(service_id=OuterRef("pk"), location__neighbourhood_id=neighbourhood_id)
            )
        )
    if term_ids:
        conditions = _term_filters(actor, term_ids)
        if conditions is None:
            return SearchResult(hits=[], total=0)
        for condition in conditions:
            qs = qs.filter(condition)

    groups: list[QueryGroup] = []
    if text.strip():
        groups = expand_query(text, extra_groups=_organisation_synonyms(actor))
        if not groups:  # only stop words or punctuation: nothing to look for
            return SearchResult(hits=[], total=0)
        qs = qs.filter(_text_filter(groups))

    if near is not None:
        qs = _with_distance(actor, qs, near, max_km)

    if limit == 0:
        return SearchResult(hits=[], total=qs.count())

    order: list[Any] = []
    if groups:
        score: Any = _text_score(groups)
        if near is not None:
            score = score + Coalesce(
                Value(NEAR_BOOST_POSTGRESQL if _postgresql() else NEAR_BOOST)
                / (Value(1.0) + F("distance_sq")),
                Value(0.0),
                output_field=FloatField(),
            )
        qs = qs.annotate(score=score)
        order.append(F("score").desc())
    if near is not None:
        order.append(F("distance_sq").asc(nulls_last=True))
    order += ["name", "pk"]
    # One narrow pass ranks every match and counts them (a window count over id, score and distance
    # only); the page's rows are read in full afterwards, by id.
    ranked = _ranked(
        qs,
        order,
        scored=bool(groups),
        near=near is not None,
        indexed=bool(groups),
        offset=offset,
        limit=limit,
    )
    total = int(ranked[0][1]) if ranked else (qs.count() if offset else 0)
    if not ranked:
        return SearchResult(hits=[], total=total)
    extra = {row[0]: row[2:] for row in ranked}
    rows = (
        MapService.objects.visible_to(actor)
        .filter(pk__in=list(extra))
        .select_related("map_organization")
        .defer(*_lean(checked=["", "map_organization"]), "map_organization__description")
        .prefetch_related(*_display_prefetches(actor, with_terms=with_terms))
        .in_bulk()
    )
    page = []
    for pk, values in extra.items():
        service = rows[pk]
        values = list(values)
        service.score = values.pop(0) if groups else 0.0
        service.distance_sq = values.pop(0) if near else None
        page.append(service)
    cutoff = stale_cutoff(actor)
    hits = []
    for service in page:
        sq = getattr(service, "distance_sq", None)
        distance = math.sqrt(sq) if sq is not None else None
        hits.append(
            ServiceHit(
                service=service,
                score=float(getattr(service, "score", 0.0) or 0.0),
                distance_km=distance,
                stale=is_stale(service.last_checked_on, cutoff),
                reasons=_reasons(service, groups, distance),
            )
        )
    return SearchResult(hits=hits, total=total)
