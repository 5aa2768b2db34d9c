"""Words for the matching: the Dutch stems of a volunteer's passions and a request's wishes.

The stems come from the sociale kaart's search (``socialmap.search.stem_words``), so "fietsen", "fiets"
and "fietst" meet. Services store them on the row (``match_tokens``) whenever the texts change, so ranking
many volunteers is set arithmetic on stored words, not stemming at query time.
"""

from __future__ import annotations

import zlib

from buurtteam.socialmap.search import normalise, stem_words

# Stems that share their first four letters are one word family ("fiet", "fiets", "fietst").
FAMILY_LENGTH = 4
SIGNATURE_BITS = 63  # a signed 64-bit column

# Words that say nothing about what someone likes or is asked to do: they would match every request.
_GENERIC_WORDS = """
    hulp help helpen hulpvraag vraag vragen zoek zoekt zoeken graag iemand mensen mens persoon
    vrijwilliger vrijwilligers vrijwilligerswerk wil willen kan kunnen doen doe ook even keer
    week weken maand samen andere anderen goed leuk fijn heel echt ben bent zijn heeft hebben
    meneer mevrouw buurt wijk per elke soms vaak
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
_GENERIC_STEMS = frozenset(stem for word in GENERIC for stem in stem_words(word))


def tokens(*texts: str) -> set[str]:
    """The meaningful stems of the texts."""
    found: set[str] = set()
    for text in texts:
        found.update(stem_words(text or ""))
    return found - _GENERIC_STEMS


def as_column(stems: set[str]) -> str:
    """The stored form: sorted stems separated by spaces."""
    return " ".join(sorted(stems))


def surface_words(*texts: str) -> dict[str, str]:
    """Each stem of the texts with the first word it came from ("fiets" -> "fietsen"), for explanations."""
    words: dict[str, str] = {}
    for text in texts:
        for word in normalise(text or ""):
            for stem in stem_words(word):
                words.setdefault(stem, word)
    return words


def family(stem: str) -> str:
    return stem[:FAMILY_LENGTH]


def family_bit(name: str) -> int:
    """The bit of a word family in a signature (a stable hash, the same in every process)."""
    return 1 << (zlib.crc32(name.encode()) % SIGNATURE_BITS)


def signature(stems: set[str]) -> int:
    """The word families of the stems as bits: the database compares a request's families with a
    volunteer's by bit arithmetic (an over-estimate: two families may share a bit)."""
    bits = 0
    for stem in stems:
        bits |= family_bit(family(stem))
    return bits
