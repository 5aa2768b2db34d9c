"""Built-in Dutch synonym groups for searching the sociale kaart.

A query word that belongs to a group also finds the other words of the group ("geldzorgen" finds
"schuldhulp"). Words are stemmed before comparing, so one form of each word is enough. Organisations add
their own groups (``SearchSynonym``); these are the ones every organisation starts with.
"""

from __future__ import annotations

BUILT_IN_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("eenzaam", "alleen", "isolement", "contact", "ontmoeting", "gezelligheid", "inloop", "koffieochtend"),
    (
        "schulden",
        "geldzorgen",
        "geld",
        "financien",
        "betalingsachterstand",
        "budget",
        "rondkomen",
        "schuldhulp",
        "armoede",
    ),
    ("administratie", "thuisadministratie", "formulieren", "post", "belastingaangifte", "toeslagen"),
    ("dementie", "geheugen", "alzheimer", "vergeetachtig", "geheugenproblemen"),
    ("sporten", "bewegen", "sport", "fitness", "wandelen", "gym", "zwemmen", "fietsen"),
    ("opvoeding", "ouders", "kinderen", "opvoedondersteuning", "ouderschap", "gezin", "peuters"),
    ("mantelzorg", "mantelzorger", "respijt", "ontlasten", "overbelast"),
    ("taal", "nederlands", "taalcafe", "taalmaatje", "laaggeletterd", "lezen", "schrijven"),
    ("werk", "baan", "vrijwilligerswerk", "dagbesteding", "participatie", "solliciteren"),
    ("voedsel", "voedselbank", "eten", "maaltijd", "boodschappen", "kledingbank"),
    ("wonen", "huisvesting", "woning", "huur", "dakloos", "verhuizen"),
    ("somber", "depressie", "psychisch", "stress", "burn-out", "angst"),
    ("jongeren", "tieners", "jeugd", "pubers", "jongerenwerk", "hangplek"),
    ("ouderen", "senioren", "65plus", "bejaarden", "pensioen"),
    ("nieuwkomers", "statushouders", "vluchtelingen", "inburgering", "migranten"),
    ("beperking", "handicap", "rolstoel", "toegankelijk", "lvb", "gehandicapt"),
    ("digitaal", "computer", "internet", "digid", "smartphone", "tablet"),
    ("gezondheid", "leefstijl", "afvallen", "gezond", "voeding", "roken"),
    ("rouw", "verlies", "overlijden", "rouwverwerking", "nabestaanden"),
    ("vervoer", "rijden", "vervoersdienst", "boodschappenhulp", "ritten"),
    ("buren", "burenhulp", "klussen", "klusdienst", "tuin", "buurtbemiddeling", "overlast"),
    ("huiselijk", "geweld", "mishandeling", "veiligheid", "vrouwenopvang"),
    ("verslaving", "alcohol", "drugs", "gokken", "middelengebruik"),
)
