"""Full-text search of the sociale kaart: Dutch stemming, synonyms, and the stored search documents.

Every searchable text of a service is reduced to stems once, when it is written
(``refresh_search_documents``), and stored as space-separated words with a space at both ends
(`` eenzam ontmoet koffi ``). A query is reduced the same way, so matching is a prefix match on word
starts: on SQLite ``LIKE '% eenzam%'``, on PostgreSQL a GIN-indexed
``to_tsvector('simple', search_document) @@ to_tsquery('simple', 'eenzam:*')``. Both find the same rows,
because both compare the same stems.

The stemmer is Snowball's Porter-style Dutch stemmer (``dutch_porter``): it folds "eenzaam", "eenzame" and
"eenzaamheid" into one stem, and leaves compounds ("schuldhulp") whole, which the prefix match then catches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]
from django.db import connection

from buurtteam.core.gate import system_access
from buurtteam.socialmap.synonyms import BUILT_IN_SYNONYMS

_WORD = re.compile(r"[a-z0-9]+")

# Words that carry no meaning in a search ("hulp bij schulden" searches for "hulp" and "schulden").
_STOP = (
    "aan al alle als bij dan dat de den der des deze die dit door een en er het hier hij hoe "
    "ik in is je jij kan met mij mijn na naar niet nog of om onder ons op over te tegen tot u "
    "uit van veel voor wat we wel wie wij zij zo zonder ze zich"
)
STOP_WORDS = frozenset(_STOP.split(" "))

# Stems this short match whole words only: a prefix of two letters would match half the map.
MIN_PREFIX_STEM = 4


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    return snowballstemmer.stemmer("dutch_porter")


def normalise(text: str) -> list[str]:
    """Lower-cased words without accents or punctuation ("Café Ontmoeting!" -> ["cafe", "ontmoeting"])."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(plain)


@lru_cache(maxsize=20_000)
def _stem(word: str) -> str:
    stem: str = _stemmer().stemWord(word)
    return stem


def stem_words(text: str) -> list[str]:
    """The Dutch stems of ``text``, in order, without stop words or repeats."""
    seen: dict[str, None] = {}
    for word in normalise(text):
        if word in STOP_WORDS or len(word) < 2:
            continue
        seen.setdefault(_stem(word), None)
    return list(seen)


def as_document(stems: Iterable[str]) -> str:
    """The stored form: unique stems separated by spaces, with a space at both ends (or empty)."""
    unique = list(dict.fromkeys(s for s in stems if s))
    return f" {' '.join(unique)} " if unique else ""


# --- Synonyms ----------------------------------------------------------------------------------------
def _group_stems(words: Iterable[str]) -> frozenset[str]:
    stems: set[str] = set()
    for word in words:
        stems.update(stem_words(word))
    return frozenset(stems)


@lru_cache(maxsize=1)
def built_in_groups() -> tuple[frozenset[str], ...]:
    """The built-in synonym groups, as sets of stems."""
    return tuple(_group_stems(group) for group in BUILT_IN_SYNONYMS)


def parse_synonym_words(text: str) -> list[str]:
    """An editor's synonym group "eenzaam, alleen, isolement" -> ["eenzaam", "alleen", "isolement"]."""
    return [w.strip() for w in re.split(r"[,;\n]", text or "") if w.strip()]


def synonym_token(index: int) -> str:
    """The word that marks a document matching built-in synonym group ``index`` in PostgreSQL's vector.

    Stems never look like this (no Dutch word starts with "zzsyn" followed by digits), and it is only
    ever looked up whole, never as a prefix.
    """
    return f"zzsyn{index}"


def synonym_group_pattern(stems: Iterable[str]) -> str:
    """A POSIX regular expression matching a stored document that matches any of ``stems`` (prefix, or
    whole word for short stems, as ``like_fragment``). Stems are [a-z0-9] only: nothing to escape."""
    ordered = sorted(stems)
    if not all(_WORD.fullmatch(stem) for stem in ordered):
        raise ValueError(f"not a stem: {ordered}")
    long = [s for s in ordered if len(s) >= MIN_PREFIX_STEM]
    short = [s for s in ordered if len(s) < MIN_PREFIX_STEM]
    parts = [*([f" ({'|'.join(long)})"] if long else []), *([f" ({'|'.join(short)}) "] if short else [])]
    return "|".join(parts)


@dataclass(frozen=True)
class QueryGroup:
    """One word of the query: its own stem and the stems of its synonyms.

    ``builtin`` are the indexes of the built-in synonym groups the stem belongs to; ``extra`` are the
    synonyms that only the organisation's own groups add. PostgreSQL finds the built-in ones through
    the groups' tokens in the vector (``synonym_token``), the extra ones word by word.
    """

    word: str
    stem: str
    synonyms: tuple[str, ...]
    builtin: tuple[int, ...] = ()
    extra: tuple[str, ...] = ()

    @property
    def stems(self) -> tuple[str, ...]:
        return (self.stem, *self.synonyms)


def expand_query(text: str, *, extra_groups: Sequence[Iterable[str]] = ()) -> list[QueryGroup]:
    """The query's words, each with its synonyms (built-in groups plus ``extra_groups``, all stemmed)."""
    built_in = built_in_groups()
    groups = list(built_in) + [_group_stems(g) for g in extra_groups]
    result: list[QueryGroup] = []
    seen: set[str] = set()
    for word in normalise(text):
        if word in STOP_WORDS or len(word) < 2:
            continue
        stem = _stem(word)
        if stem in seen:
            continue
        seen.add(stem)
        synonyms: dict[str, None] = {}
        for group in groups:
            if stem in group:
                for other in sorted(group):
                    if other != stem and other not in seen:
                        synonyms.setdefault(other, None)
        builtin = tuple(i for i, group in enumerate(built_in) if stem in group)
        covered = set().union(*(built_in[i] for i in builtin))
        result.append(
            QueryGroup(
                word=word,
                stem=stem,
                synonyms=tuple(synonyms),
                builtin=builtin,
                extra=tuple(s for s in synonyms if s not in covered),
            )
        )
    return result


def like_fragment(stem: str) -> str:
    """What ``search_document`` must contain for ``stem`` to match (prefix, or whole word when short)."""
    return f" {stem} " if len(stem) < MIN_PREFIX_STEM else f" {stem}"


def tsquery_part(stem: str) -> str:
    """The PostgreSQL tsquery operand for ``stem`` (stems are [a-z0-9] only, so nothing to escape)."""
    return stem if len(stem) < MIN_PREFIX_STEM else f"{stem}:*"


def document_matches(document: str, stem: str) -> bool:
    """The Python twin of the database match (used to explain a hit)."""
    return like_fragment(stem) in (document or "")


# --- Writing the documents ---------------------------------------------------------------------------
def service_documents(
    *,
    name: str,
    alternate_name: str = "",
    description: str = "",
    eligibility: str = "",
    organization_name: str = "",
    term_names: Iterable[str] = (),
    location_texts: Iterable[str] = (),
) -> tuple[str, str, str]:
    """(search_name, search_terms, search_document) for one service's texts."""
    name_stems = stem_words(f"{name} {alternate_name}")
    term_stems = [s for t in term_names for s in stem_words(t)]
    rest = stem_words(f"{description} {eligibility} {organization_name} {' '.join(location_texts)}")
    return (
        as_document(name_stems),
        as_document(term_stems),
        as_document([*name_stems, *term_stems, *rest]),
    )


def refresh_search_documents(service_ids: Iterable[int]) -> None:
    """Recompute the search fields of these services from the database (in bulk, any tenant)."""
    from buurtteam.socialmap.models import MapService, ServiceAtLocation

    ids = sorted({int(i) for i in service_ids})
    if not ids:
        return
    with system_access("socialmap search documents"):
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            rows = list(
                MapService.objects.filter(pk__in=chunk).values(
                    "pk",
                    "name",
                    "alternate_name",
                    "description",
                    "eligibility_description",
                    "map_organization__name",
                    "map_organization__alternate_name",
                )
            )
            terms: dict[int, list[str]] = {}
            for service_id, term_name in MapService.terms.through.objects.filter(
                mapservice_id__in=chunk
            ).values_list("mapservice_id", "taxonomyterm__name"):
                terms.setdefault(service_id, []).append(term_name or "")
            places: dict[int, list[str]] = {}
            for service_id, loc_name, loc_alt, buurt, wijk, city in ServiceAtLocation.objects.filter(
                service_id__in=chunk
            ).values_list(
                "service_id",
                "location__name",
                "location__alternate_name",
                "location__neighbourhood__name",
                "location__neighbourhood__district__name",
                "location__city",
            ):
                places.setdefault(service_id, []).extend(
                    v or "" for v in (loc_name, loc_alt, buurt, wijk, city)
                )
            changed = []
            for row in rows:
                search_name, search_terms, document = service_documents(
                    name=row["name"],
                    alternate_name=row["alternate_name"],
                    description=row["description"],
                    eligibility=row["eligibility_description"],
                    organization_name=" ".join(
                        filter(None, (row["map_organization__name"], row["map_organization__alternate_name"]))
                    ),
                    term_names=terms.get(row["pk"], ()),
                    location_texts=places.get(row["pk"], ()),
                )
                changed.append(
                    MapService(
                        pk=row["pk"],
                        search_name=search_name,
                        search_terms=search_terms,
                        search_document=document,
                    )
                )
            MapService.objects.bulk_update(
                changed, ["search_name", "search_terms", "search_document"], batch_size=500
            )
    refresh_search_rows(ids)


# --- Writing the narrow search rows ------------------------------------------------------------------
# The search scans one narrow row per service (``ServiceSearchRow``: tenant, status, filters, name, the
# coordinates of its first two located places, and on PostgreSQL the weighted vector). The rows are
# copies, rewritten here for the given services with one INSERT ... SELECT.
def _tokens_sql(column: str) -> str:
    """SQL text: the tokens of the built-in synonym groups that ``column`` (a stored document) matches.

    The patterns come from the built-in synonym list in the code (stems, [a-z0-9] only), never from input.
    """
    cases = ", ".join(
        f"CASE WHEN {column} ~ '{synonym_group_pattern(group)}' THEN '{synonym_token(i)}' END"
        for i, group in enumerate(built_in_groups())
    )
    return f"concat_ws(' ', {column}, {cases})"


def vector_sql() -> str:
    """PostgreSQL's weighted vector of a service (alias ``s``): name (A) over terms (B) over the rest (D),
    each with the tokens of the built-in synonym groups it matches (``synonym_token``), so that a query
    looks up one token per group instead of every word of the group.

    The vectors follow the built-in synonym list: after changing that list, rewrite them with
    ``manage.py refresh_map_search``.
    """
    return (
        f"setweight(to_tsvector('simple'::regconfig, {_tokens_sql('s.search_name')}), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, {_tokens_sql('s.search_terms')}), 'B') || "
        f"setweight(to_tsvector('simple'::regconfig, {_tokens_sql('s.search_document')}), 'D')"
    )


_ROWS_CHUNK = 400


def _rows_sql(*, service_table: str, sal_table: str, location_table: str, row_table: str, marks: str) -> str:
    vector = vector_sql() if connection.vendor == "postgresql" else ""

    def first(k: int, column: str) -> str:
        return f"MAX(CASE WHEN k = {k} THEN {column} END)"

    return (
        f"INSERT INTO {row_table} (service_id, organisation_id, status, kind, is_free, minimum_age, "  # noqa: S608
        "maximum_age, name, place_count, latitude, longitude, latitude_2, longitude_2"
        f"{', search_vector' if vector else ''}) "
        "SELECT s.id, s.organisation_id, s.status, s.kind, s.is_free, s.minimum_age, s.maximum_age, "
        f"s.name, COALESCE(p.n, 0), p.lat1, p.lon1, p.lat2, p.lon2{', ' + vector if vector else ''} "
        f"FROM {service_table} s LEFT JOIN ("
        f"SELECT service_id, COUNT(*) AS n, {first(1, 'latitude')} AS lat1, {first(1, 'longitude')} AS lon1, "
        f"{first(2, 'latitude')} AS lat2, {first(2, 'longitude')} AS lon2 FROM ("
        "SELECT sal.service_id, l.latitude, l.longitude, "
        "ROW_NUMBER() OVER (PARTITION BY sal.service_id ORDER BY l.id) AS k "
        f"FROM {sal_table} sal JOIN {location_table} l ON l.id = sal.location_id "
        f"WHERE sal.service_id IN ({marks}) AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL"
        ") located GROUP BY service_id) p ON p.service_id = s.id "
        f"WHERE s.id IN ({marks})"
    )


def refresh_search_rows(service_ids: Iterable[int]) -> None:
    """Rewrite the search rows of these services from the database (any tenant).

    Called by ``refresh_search_documents`` (so by every write of a service, of a location, organisation or
    term it uses, the HSDS import and the demo); a service that no longer exists loses its row.
    """
    from buurtteam.socialmap.models import MapLocation, MapService, ServiceAtLocation, ServiceSearchRow

    ids = sorted({int(i) for i in service_ids})
    tables = {
        "service_table": MapService._meta.db_table,
        "sal_table": ServiceAtLocation._meta.db_table,
        "location_table": MapLocation._meta.db_table,
        "row_table": ServiceSearchRow._meta.db_table,
    }
    with connection.cursor() as cursor:
        for start in range(0, len(ids), _ROWS_CHUNK):
            chunk = ids[start : start + _ROWS_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {tables['row_table']} WHERE service_id IN ({marks})", chunk)  # noqa: S608
            cursor.execute(_rows_sql(**tables, marks=marks), chunk + chunk)
