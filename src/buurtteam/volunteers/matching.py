"""Rank volunteers for a request for informal help, and explain every score.

A score is 0-100, the sum of four parts:

=================  ======  ==========================================================================
part               points  how
=================  ======  ==========================================================================
passion and talent     45  shared interest tags (half) and shared stemmed words between the request's
                           title, description and wishes and the volunteer's passions, talents and
                           likes (half; three shared words count as full)
distance               25  25 at the same spot, 3 less per km, at least 10 within the volunteer's
                           own travel radius; 10 when a postcode is missing
availability           20  the share of the requested parts of the week the volunteer is free;
                           20 when the request names none
language               10  a shared language when the request names any; 10 when it names none
=================  ======  ==========================================================================

Excluded (never suggested, and a match cannot be proposed): paused volunteers, volunteers beyond their own
travel radius, without a valid VOG when the request needs one, without a shared language when the request
names any, and volunteers already proposed for, matched to or declined for this request.

Speed: the database does the excluding (organisation, active, VOG, language, a box around the request and
the exact radius, earlier matches) and returns only the columns the score needs; the stems are stored on
the rows (``match_tokens``), so scoring is set arithmetic. The explanation texts are built for the top
``limit`` only.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Greatest, Least, Sqrt
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from buurtteam.socialmap.geo import (
    KM_PER_DEGREE_LAT,
    KM_PER_DEGREE_LON_EQUATOR,
    Point,
    bounding_box,
    squared_km_expression,
)
from buurtteam.volunteers import choices, text
from buurtteam.volunteers.models import (
    MAX_TRAVEL_KM,
    UNDER_WAY,
    Match,
    MatchStatus,
    VogStatus,
    Volunteer,
    VolunteerStatus,
    vog_cutoff,
    vog_valid_until,
)
from buurtteam.volunteers.querysets import may_use_databank

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor
    from buurtteam.volunteers.models import HelpRequest

FIT, DISTANCE, AVAILABILITY, LANGUAGE, VOG = "fit", "distance", "availability", "language", "vog"
WEIGHTS = {FIT: 45, DISTANCE: 25, AVAILABILITY: 20, LANGUAGE: 10, VOG: 0}
UNKNOWN_DISTANCE_POINTS = 10
EDGE_SHARE = 0.4  # within their radius a volunteer keeps at least 40 % of the distance points
FALLOFF_KM = 5.0  # ... which they reach at this distance (3 points less per km)
FULL_WORD_MATCH = 3  # this many shared words count as a full word fit
PREFETCH = 4  # the database returns this many times ``limit`` candidates to score exactly
ROUNDING_MARGIN = 2.0  # exact score (sum of rounded parts) minus the database's unrounded score: < 1.5
# A request's stem matches a volunteer's word that starts with it ("fiet" from "fiets" meets "fietsen"); a
# stem of five letters or more also with its last letter dropped ("fiets" meets "fiet"). Stems shorter
# than four letters match whole words only.
PREFIX_FROM = text.FAMILY_LENGTH
# Matches that keep a volunteer out of the suggestions for the same request.
EXCLUDING_MATCHES = (MatchStatus.PROPOSED, MatchStatus.INTRODUCED, MatchStatus.ACTIVE, MatchStatus.DECLINED)
COLUMNS = (
    "id",
    "latitude",
    "longitude",
    "travel_radius_km",
    "match_tokens",
    "interests",
    "availability",
    "languages",
    "vog_status",
    "vog_issued_on",
)


@dataclass(frozen=True)
class Part:
    key: str
    points: int
    max: int
    text: str

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "points": self.points, "max": self.max, "text": self.text}


@dataclass
class Suggestion:
    volunteer_id: int
    score: int
    parts: list[Part]
    distance_km: float | None
    excluded: list[str] = field(default_factory=list)
    volunteer: Any = None  # the Volunteer row, filled for the ranked top
    under_way: int = 0  # the volunteer's matches now under way (any request)

    @property
    def explanation(self) -> list[dict[str, Any]]:
        return [p.as_json() for p in self.parts]


@dataclass(frozen=True)
class Profile:
    """What a request asks, prepared once for scoring many volunteers."""

    stems: tuple[str, ...]
    probes: tuple[tuple[str, str], ...]  # (stem, what to look for in " token token ")
    words: dict[str, str]
    tags: tuple[str, ...]
    slots: int
    languages: tuple[str, ...]
    point: Point | None
    kx: float
    needs_vog: bool
    today: datetime.date

    @classmethod
    def of(cls, request: HelpRequest, today: datetime.date) -> Profile:
        stems = text.tokens(request.title, request.description, request.wanted)
        point = (
            Point(request.latitude, request.longitude)
            if request.latitude is not None and request.longitude is not None
            else None
        )
        kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(point.latitude)) if point else 0.0
        return cls(
            stems=tuple(sorted(stems)),
            probes=tuple((stem, _probe(stem)) for stem in sorted(stems)),
            words=text.surface_words(request.title, request.description, request.wanted),
            tags=tuple(choices.unpack(request.interests)),
            slots=request.availability & choices.ALL_SLOTS,
            languages=tuple(choices.unpack(request.languages)),
            point=point,
            kx=kx,
            needs_vog=request.needs_vog,
            today=today,
        )


def _distinct(stems: list[str]) -> list[str]:
    """One stem per word family ("fiet" and "fiets" count once)."""
    seen: set[str] = set()
    kept = []
    for stem in stems:
        family = stem[:PREFIX_FROM]
        if family not in seen:
            seen.add(family)
            kept.append(stem)
    return kept


def _probe(stem: str) -> str:
    if len(stem) > PREFIX_FROM:
        return f" {stem[:-1]}"
    return f" {stem}" if len(stem) == PREFIX_FROM else f" {stem} "


# --- Scoring ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Numbers:
    """The points of each part (rounded, so the parts add up to the score) and what they rest on."""

    fit: int
    near: int
    free: int
    language: int
    distance: float | None
    stems: list[str]
    tags: list[str]
    common: int

    @property
    def total(self) -> int:
        return min(100, self.fit + self.near + self.free + self.language)


def _distance(profile: Profile, lat: float | None, lon: float | None) -> float | None:
    if profile.point is None or lat is None or lon is None:
        return None
    dx = (lon - profile.point.longitude) * profile.kx
    dy = (lat - profile.point.latitude) * KM_PER_DEGREE_LAT
    return math.sqrt(dx * dx + dy * dy)


def _numbers(profile: Profile, row: tuple[Any, ...]) -> Numbers:
    _id, lat, lon, radius, tokens, interests, slots, languages, _vog, _issued = row
    padded = f" {tokens} "
    stems = _distinct([stem for stem, probe in profile.probes if probe in padded])
    tags = [t for t in profile.tags if f",{t}," in interests]
    tag_share = len(tags) / len(profile.tags) if profile.tags else None
    word_share = min(1.0, len(stems) / min(FULL_WORD_MATCH, len(profile.stems))) if profile.stems else None
    if tag_share is not None and word_share is not None:
        fit = (tag_share + word_share) / 2
    else:
        fit = tag_share if tag_share is not None else (word_share or 0.0)
    distance = _distance(profile, lat, lon)
    if distance is None:
        near = float(UNKNOWN_DISTANCE_POINTS)
    elif distance <= radius:
        near = WEIGHTS[DISTANCE] * max(EDGE_SHARE, 1 - (1 - EDGE_SHARE) * distance / FALLOFF_KM)
    else:
        near = 0.0
    common = slots & profile.slots
    free = (
        WEIGHTS[AVAILABILITY] * common.bit_count() / profile.slots.bit_count()
        if profile.slots
        else float(WEIGHTS[AVAILABILITY])
    )
    shared_language = not profile.languages or any(f",{c}," in languages for c in profile.languages)
    return Numbers(
        fit=round(WEIGHTS[FIT] * fit),
        near=round(near),
        free=round(free),
        language=WEIGHTS[LANGUAGE] if shared_language else 0,
        distance=distance,
        stems=stems,
        tags=tags,
        common=common,
    )


def _km(value: float) -> str:
    return f"{formats.number_format(round(value, 1), 1)} km"


def _names(labels: dict[str, Any], codes: list[str] | tuple[str, ...]) -> str:
    return ", ".join(str(labels.get(c, c)) for c in codes)


def explain(profile: Profile, row: tuple[Any, ...]) -> Suggestion:
    """The score of one volunteer (a row of ``COLUMNS``) with a Dutch line per part, and the reasons the
    volunteer is excluded, if any."""
    n = _numbers(profile, row)
    _id, _lat, _lon, radius, _tokens, _interests, _slots, languages, vog_status, issued_on = row
    excluded: list[str] = []

    lines = []
    if n.stems:
        words = ", ".join(profile.words.get(s, s) for s in n.stems)
        lines.append(_("Passie of talent past: %(words)s") % {"words": words})
    if n.tags:
        lines.append(_("Interesse past: %(tags)s") % {"tags": _names(choices.INTEREST_LABELS, n.tags)})
    if not lines:
        lines.append(
            _("Geen overeenkomst met passies, talenten of interesses")
            if profile.stems or profile.tags
            else _("De hulpvraag noemt geen wensen om mee te vergelijken")
        )
    parts = [Part(FIT, n.fit, WEIGHTS[FIT], "; ".join(lines))]

    if n.distance is None:
        line = _("Afstand onbekend: een postcode ontbreekt")
    else:
        where = {"distance": _km(n.distance), "radius": radius}
        if n.distance <= radius:
            line = _("%(distance)s — binnen reisafstand (%(radius)s km)") % where
        else:
            line = _("%(distance)s — buiten reisafstand (%(radius)s km)") % where
            excluded.append(line)
    parts.append(Part(DISTANCE, n.near, WEIGHTS[DISTANCE], line))

    if not profile.slots:
        line = _("Geen vaste dagdelen nodig")
    elif n.common:
        line = _("Beschikbaar: %(slots)s") % {"slots": ", ".join(choices.labels_from_mask(n.common))}
        if n.common != profile.slots:
            line += " " + _("(%(n)s van de %(total)s gevraagde dagdelen)") % {
                "n": n.common.bit_count(),
                "total": profile.slots.bit_count(),
            }
    else:
        line = _("Niet vrij op de gevraagde dagdelen")
    parts.append(Part(AVAILABILITY, n.free, WEIGHTS[AVAILABILITY], line))

    spoken = [c for c in profile.languages if f",{c}," in languages]
    if not profile.languages:
        line = _("Geen taal gevraagd")
    elif spoken:
        line = _("Spreekt %(languages)s") % {"languages": _names(choices.LANGUAGE_LABELS, spoken)}
    else:
        line = _("Spreekt geen van de gevraagde talen (%(languages)s)") % {
            "languages": _names(choices.LANGUAGE_LABELS, profile.languages)
        }
        excluded.append(line)
    parts.append(Part(LANGUAGE, n.language, WEIGHTS[LANGUAGE], line))

    until = vog_valid_until(issued_on) if vog_status == VogStatus.VALID else None
    if until is not None and until > profile.today:
        line = _("VOG geldig tot %(date)s") % {"date": until.strftime("%m-%Y")}
    elif profile.needs_vog:
        line = _("Geen geldige VOG, en deze hulp vraagt er een")
        excluded.append(line)
    else:
        line = _("VOG niet nodig voor deze hulp")
    parts.append(Part(VOG, 0, 0, line))

    return Suggestion(
        volunteer_id=row[0], score=n.total, parts=parts, distance_km=n.distance, excluded=excluded
    )


def row_of(volunteer: Volunteer) -> tuple[Any, ...]:
    return tuple(getattr(volunteer, "pk" if name == "id" else name) for name in COLUMNS)


def explain_one(
    *, request: HelpRequest, volunteer: Volunteer, today: datetime.date | None = None
) -> Suggestion:
    """Score and explain one volunteer for a request (a proposal checks the exclusions with it)."""
    suggestion = explain(Profile.of(request, today or timezone.localdate()), row_of(volunteer))
    if volunteer.status != VolunteerStatus.ACTIVE:
        suggestion.excluded.insert(0, _("Deze vrijwilliger is gepauzeerd."))
    return suggestion


# --- Ranking ---------------------------------------------------------------------------------------------
def _scored(qs: Any, profile: Profile) -> Any:
    return qs.annotate(**_bit_annotations(profile)).annotate(approx=sql_score(profile))


def candidates(*, actor: Actor, request: HelpRequest, profile: Profile, columns: bool = True) -> Any:
    """The database's part: active volunteers who pass every exclusion (with ``columns``: only the columns
    the score needs)."""
    qs = Volunteer.objects.visible_to(actor).filter(status=VolunteerStatus.ACTIVE)
    if profile.needs_vog:
        qs = qs.filter(vog_status=VogStatus.VALID, vog_issued_on__gt=vog_cutoff(profile.today))
    if profile.languages:
        spoken = Q()
        for code in profile.languages:
            spoken |= Q(languages__contains=f",{code},")
        qs = qs.filter(spoken)
    if profile.point is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(profile.point, MAX_TRAVEL_KM)
        qs = qs.annotate(sq_km=squared_km_expression(profile.point, "latitude", "longitude")).filter(
            Q(latitude__isnull=True)
            | Q(longitude__isnull=True)
            | Q(
                latitude__range=(min_lat, max_lat),
                longitude__range=(min_lon, max_lon),
                sq_km__lte=F("travel_radius_km") * F("travel_radius_km"),
            )
        )
    earlier = Match.objects.visible_to(actor).filter(request_id=request.pk, status__in=EXCLUDING_MATCHES)
    qs = qs.exclude(pk__in=earlier.values("volunteer_id"))
    return qs.values_list(*COLUMNS) if columns else qs


def _count(bits: list[int], column: str) -> Any:
    """SQL: how many of ``bits`` are set in the integer ``column`` (integer arithmetic only)."""
    total: Any = None
    for bit in bits:
        hit = Case(
            When(~Q(**{f"{column}_{bit}": 0}), then=Value(1)), default=Value(0), output_field=IntegerField()
        )
        total = hit if total is None else total + hit
    return Cast(total, FloatField())


def _bit_annotations(profile: Profile) -> dict[str, Any]:
    tags = [choices.INTEREST_BIT[t] for t in profile.tags if t in choices.INTEREST_BIT]
    families = sorted({text.family_bit(text.family(stem)) for stem in profile.stems})
    slots = [1 << i for i in range(choices.SLOT_COUNT) if profile.slots >> i & 1]
    annotations = {f"interest_bits_{b}": F("interest_bits").bitand(b) for b in tags}
    annotations.update({f"token_bits_{b}": F("token_bits").bitand(b) for b in families})
    annotations.update({f"availability_{b}": F("availability").bitand(b) for b in slots})
    return annotations


def sql_score(profile: Profile) -> Any:
    """An upper estimate of the score, as a database expression over ``_bit_annotations``: word families
    and interests compared as bits (a family may share its bit with another, so the fit can only come out
    higher), the other parts as in ``_numbers`` but not rounded. So the exact score is at most this plus
    ``ROUNDING_MARGIN``; ``rank_volunteers`` relies on that."""
    tags = [choices.INTEREST_BIT[t] for t in profile.tags if t in choices.INTEREST_BIT]
    families = sorted({text.family_bit(text.family(stem)) for stem in profile.stems})
    tag_share = _count(tags, "interest_bits") / Value(float(len(profile.tags))) if tags else None
    word_share = None
    if families:
        word_share = Least(
            _count(families, "token_bits") / Value(float(min(FULL_WORD_MATCH, len(profile.stems)))),
            Value(1.0),
            output_field=FloatField(),
        )
    total: Any = Value(float(WEIGHTS[LANGUAGE]))
    if tag_share is not None and word_share is not None:
        total = total + (tag_share + word_share) * Value(WEIGHTS[FIT] / 2)
    elif tag_share is not None or word_share is not None:
        share = tag_share if tag_share is not None else word_share
        assert share is not None
        total = total + share * Value(float(WEIGHTS[FIT]))
    if profile.point is None:
        total = total + Value(float(UNKNOWN_DISTANCE_POINTS))
    else:
        falloff = Value(1.0) - Value((1 - EDGE_SHARE) / FALLOFF_KM) * Sqrt(F("sq_km"))
        near = Value(float(WEIGHTS[DISTANCE])) * Greatest(
            Value(EDGE_SHARE), falloff, output_field=FloatField()
        )
        unknown = Q(latitude__isnull=True) | Q(longitude__isnull=True)
        total = total + Case(
            When(unknown, then=Value(float(UNKNOWN_DISTANCE_POINTS))), default=near, output_field=FloatField()
        )
    if profile.slots:
        slots = [1 << i for i in range(choices.SLOT_COUNT) if profile.slots >> i & 1]
        share = _count(slots, "availability") / Value(float(len(slots)))
        total = total + share * Value(float(WEIGHTS[AVAILABILITY]))
    else:
        total = total + Value(float(WEIGHTS[AVAILABILITY]))
    return ExpressionWrapper(total, output_field=FloatField())


def _ranked(profile: Profile, rows: list[tuple[Any, ...]], limit: int) -> list[tuple[Any, ...]]:
    """Exact scores, best first; ties to the nearer volunteer, then the lower id."""
    scored = []
    for row in rows:
        n = _numbers(profile, row)
        scored.append((-n.total, n.distance if n.distance is not None else math.inf, row[0], row))
    scored.sort(key=lambda item: item[:3])
    return scored[:limit]


def rank_volunteers(
    *, actor: Actor, request: HelpRequest, limit: int = 10, today: datetime.date | None = None
) -> list[Suggestion]:
    """The best ``limit`` volunteers for ``request``, best first, each with the explanation of its score.
    Ties go to the nearer volunteer.

    The database scores every candidate approximately and returns the best ``PREFETCH`` times ``limit``;
    Python scores those exactly. When the last of the top ``limit`` scores more than any candidate left
    behind could (their approximate score plus the rounding margin), the answer is exact; otherwise (rare:
    many near-equal scores) every candidate is scored in Python. Then one query for the top's names.
    """
    if not may_use_databank(actor) or request.organisation_id != actor.organisation_id:
        return []
    profile = Profile.of(request, today or timezone.localdate())
    qs = candidates(actor=actor, request=request, profile=profile, columns=False)
    fetch = limit * PREFETCH
    approx = list(_scored(qs, profile).order_by("-approx", "id").values_list(*COLUMNS, "approx")[:fetch])
    top = _ranked(profile, [row[:-1] for row in approx], limit)
    if len(approx) == fetch and top:
        left_behind = approx[-1][-1] + ROUNDING_MARGIN
        if len(top) < limit or -top[-1][0] <= left_behind:
            top = _ranked(profile, list(qs.values_list(*COLUMNS)), limit)
    suggestions = [explain(profile, item[3]) for item in top]
    if not suggestions:
        return []
    volunteers = (
        Volunteer.objects.visible_to(actor)
        .filter(pk__in=[s.volunteer_id for s in suggestions])
        .select_related("neighbourhood")
        .annotate(under_way=Count("matches", filter=Q(matches__status__in=UNDER_WAY)))
        .only("id", "first_name", "last_name", "neighbourhood__name", "travel_radius_km", "status")
    )
    by_id = {v.pk: v for v in volunteers}
    for suggestion in suggestions:
        suggestion.volunteer = by_id.get(suggestion.volunteer_id)
        suggestion.under_way = getattr(suggestion.volunteer, "under_way", 0)
    return [s for s in suggestions if s.volunteer is not None]
