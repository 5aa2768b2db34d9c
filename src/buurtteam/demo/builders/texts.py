"""Dutch text for the demo cases, written for this project: questions, problems, goals, notes.

Placeholders: {child} (zoon or dochter), {name} (the resident's first name), {partner} (first name).
Everything is fictional and deliberately ordinary; no sentence comes from a real file.
"""

from __future__ import annotations

# Per life domain: the question in the resident's words, the worker's problem description, goals,
# plan actions (owner kind, text), why the domain is scored, and domain-specific contact notes.
QUESTIONS: dict[str, list[str]] = {
    "finances": [
        "Ik krijg steeds meer rekeningen en kan ze niet meer betalen.",
        "Er komt een deurwaarder aan de deur en ik weet niet wat ik moet doen.",
        "Ik overzie mijn post niet meer, er liggen stapels ongeopende brieven.",
        "Sinds mijn scheiding kom ik elke maand geld tekort.",
        "Ik moet toeslag terugbetalen en heb daar het geld niet voor.",
    ],
    "parenting": [
        "Mijn {child} luistert niet meer en thuis is het elke dag ruzie.",
        "Ik weet niet hoe ik met de driftbuien van mijn {child} om moet gaan.",
        "Sinds de scheiding gaat het thuis niet goed met de kinderen.",
        "Mijn {child} zit alleen maar op de telefoon en komt zijn kamer niet meer uit.",
        "Ik sta er alleen voor met drie kinderen en het wordt me te veel.",
    ],
    "parents-relationship": [
        "Mijn ex en ik krijgen steeds ruzie over de omgang met de kinderen.",
        "We gaan uit elkaar en willen dat de kinderen er zo min mogelijk last van hebben.",
        "Thuis is veel spanning tussen mij en {partner}, de kinderen merken het.",
    ],
    "school": [
        "Mijn {child} wil niet meer naar school en zit al weken thuis.",
        "School belt steeds over het gedrag van mijn {child}.",
        "De leerplichtambtenaar heeft een brief gestuurd en ik schrik ervan.",
    ],
    "safety": [
        "Ik voel me thuis niet veilig meer.",
        "De politie is langs geweest na een ruzie en verwees ons naar jullie.",
        "Ik maak me zorgen over hoe het met de kinderen gaat als mijn partner drinkt.",
    ],
    "child-development": [
        "Mijn {child} praat nog weinig voor zijn leeftijd, wat kan ik doen?",
        "Het consultatiebureau zei dat ik jullie moest bellen over de ontwikkeling van mijn {child}.",
        "Mijn {child} heeft weinig vriendjes en wordt gepest.",
    ],
    "housing": [
        "Ik heb een huurachterstand en krijg misschien een ontruiming.",
        "Mijn huis is te klein en vochtig, de kinderen worden steeds ziek.",
        "Ik moet uit mijn huis en weet niet waar ik heen kan.",
    ],
    "mental-health": [
        "Ik slaap slecht en pieker de hele dag, ik weet niet meer waar ik moet beginnen.",
        "Sinds het overlijden van mijn man kom ik de deur niet meer uit.",
        "Ik sta op de wachtlijst bij de GGZ en red het thuis niet in de tussentijd.",
    ],
    "social-network": [
        "Ik ben veel alleen en heb niemand om mee te praten.",
        "Mijn familie woont ver weg en ik ken hier niemand.",
    ],
    "time-use": [
        "Ik zit de hele dag thuis en wil graag iets zinnigs doen.",
        "Sinds ik gestopt ben met werken heb ik geen ritme meer.",
    ],
    "work-education": [
        "Ik ben mijn baan kwijt en weet niet hoe ik verder moet.",
        "Ik wil graag een opleiding doen maar weet niet hoe ik dat betaal.",
    ],
    "physical-health": [
        "Ik kan door mijn rug het huishouden niet meer goed doen.",
        "Na mijn operatie heb ik hulp nodig, maar ik weet niet bij wie.",
    ],
    "basic-adl": [
        "Mijn moeder kan zichzelf niet meer goed verzorgen.",
        "Ik heb hulp nodig bij het douchen en aankleden.",
    ],
    "instrumental-adl": [
        "Boodschappen doen en koken lukt me niet meer alleen.",
        "Ik kan de formulieren van de gemeente niet invullen.",
    ],
    "substance-use": [
        "Ik drink meer dan goed voor me is en wil daarmee stoppen.",
        "Mijn {child} blowt elke dag en ik weet niet wat ik moet doen.",
    ],
    "domestic-relations": [
        "Er is veel ruzie in huis en ik weet niet hoe het verder moet.",
        "Mijn volwassen zoon woont weer thuis en dat gaat niet goed.",
    ],
    "participation": [
        "Ik wil graag meedoen in de buurt maar weet niet waar ik moet beginnen.",
        "Ik spreek de taal nog niet goed en voel me buitengesloten.",
    ],
    "justice": [
        "Ik kom binnenkort vrij en heb geen woning en geen inkomen.",
        "Ik heb een boete gekregen die ik niet kan betalen en moet misschien de cel in.",
    ],
}

PROBLEMS: dict[str, list[str]] = {
    "finances": [
        "Betalingsachterstanden bij energie en zorgverzekering; geen overzicht over de post.",
        "Problematische schulden, deurwaarder betrokken; inkomen onder bijstandsniveau.",
        "Terugvordering toeslagen; inkomsten en uitgaven niet in balans.",
    ],
    "parenting": [
        "Ouder voelt zich machteloos bij het gedrag van het kind; veel conflicten thuis.",
        "Opvoedingsvragen na de scheiding; ouder staat er alleen voor.",
        "Weinig structuur in de dag; ouder is overbelast.",
    ],
    "parents-relationship": [
        "Ouders communiceren alleen nog via de kinderen; conflict over omgang.",
        "Spanningen tussen ouders lopen op; kinderen staan ertussen.",
    ],
    "school": [
        "Langdurig verzuim; school en leerplicht zijn betrokken.",
        "Gedragsproblemen op school; dreigende schorsing.",
    ],
    "safety": [
        "Signalen van huiselijk geweld; meldcode gestart.",
        "Onveilige thuissituatie door alcoholgebruik van een ouder.",
    ],
    "child-development": [
        "Vertraagde taalontwikkeling; nog geen onderzoek gedaan.",
        "Kind is sociaal geïsoleerd en wordt gepest.",
    ],
    "housing": [
        "Huurachterstand; corporatie dreigt met ontruiming.",
        "Woning is te klein en heeft vochtproblemen.",
    ],
    "mental-health": [
        "Somberheid en slaapproblemen; wachtlijst GGZ.",
        "Rouwverwerking; inwoner trekt zich terug.",
    ],
    "social-network": ["Klein netwerk, weinig steun van familie of buren."],
    "time-use": ["Geen dagbesteding; weinig ritme en structuur."],
    "work-education": ["Werkloos sinds kort; geen zicht op een nieuwe baan."],
    "physical-health": ["Lichamelijke beperkingen maken het huishouden zwaar."],
    "basic-adl": ["Zelfverzorging lukt niet meer zonder hulp."],
    "instrumental-adl": ["Boodschappen, koken en administratie lukken niet zelfstandig."],
    "substance-use": ["Alcoholgebruik loopt uit de hand; wil hulp."],
    "domestic-relations": ["Veel spanning tussen gezinsleden; geen afspraken in huis."],
    "participation": ["Weinig contact met de buurt; taal is een drempel."],
    "justice": ["Openstaande boetes; contact met reclassering."],
}

GOALS: dict[str, list[str]] = {
    "finances": [
        "Overzicht in de post en de vaste lasten.",
        "Geen nieuwe schulden; aanmelding bij schuldhulpverlening.",
        "Een sluitende begroting en een leefgeld per week.",
    ],
    "parenting": [
        "Minder ruzie thuis; vaste afspraken over bedtijd en schermtijd.",
        "Ouder weet hoe te reageren op driftbuien.",
    ],
    "parents-relationship": ["Een ouderschapsplan waar beide ouders achter staan."],
    "school": ["Kind gaat weer elke dag naar school.", "Een passend plan met school en ouders."],
    "safety": ["Een veiligheidsplan dat iedereen in huis kent.", "Geen geweld meer in huis."],
    "child-development": ["Onderzoek naar de ontwikkeling van het kind is gestart."],
    "housing": ["De huurachterstand is geregeld en de ontruiming van de baan.", "Een passende woning."],
    "mental-health": ["Inwoner heeft steun tot de behandeling start.", "Weer een dagritme."],
    "social-network": ["Inwoner heeft wekelijks contact met iemand uit de buurt."],
    "time-use": ["Twee dagdelen per week zinvolle dagbesteding."],
    "work-education": ["Inwoner is aangemeld bij een werkcoach."],
    "physical-health": ["Passende hulp in het huishouden."],
    "basic-adl": ["Dagelijkse verzorging is geregeld."],
    "instrumental-adl": ["Hulp bij boodschappen en administratie is geregeld."],
    "substance-use": ["Inwoner is in contact met verslavingszorg."],
    "domestic-relations": ["Afspraken in huis die iedereen nakomt."],
    "participation": ["Inwoner doet mee aan een activiteit in het buurthuis."],
    "justice": ["Een betalingsregeling voor de boetes."],
}

ACTIONS: dict[str, list[tuple[str, str]]] = {
    "finances": [
        ("resident", "Alle post in één map bewaren en elke week samen doornemen"),
        ("team_member", "Aanmelding schuldhulpverlening samen invullen"),
        ("volunteer", "Thuisadministratie-vrijwilliger komt wekelijks langs"),
        ("partner", "Bewindvoering aanvragen bij de rechtbank"),
    ],
    "parenting": [
        ("resident", "Weekschema met vaste tijden op de koelkast hangen"),
        ("team_member", "Drie gesprekken over opvoeden met beide ouders"),
        ("network", "Oma past twee middagen per week op"),
    ],
    "parents-relationship": [
        ("partner", "Aanmelding bij mediation voor het ouderschapsplan"),
        ("team_member", "Gezamenlijk gesprek met beide ouders plannen"),
    ],
    "school": [
        ("team_member", "Overleg met de intern begeleider en de leerplichtambtenaar"),
        ("resident", "Elke ochtend samen naar school fietsen"),
    ],
    "safety": [
        ("team_member", "Veiligheidsplan opstellen met het gezin"),
        ("partner", "Afstemming met Veilig Thuis over de vervolgstappen"),
    ],
    "housing": [
        ("team_member", "Betalingsregeling met de woningcorporatie afspreken"),
        ("resident", "Inschrijving woningzoekende verlengen"),
    ],
    "mental-health": [
        ("team_member", "Wekelijks belmoment tot de behandeling start"),
        ("partner", "Huisarts vraagt POH-GGZ om een tussentijds gesprek"),
    ],
    "social-network": [
        ("volunteer", "Maatje via de vrijwilligerscentrale"),
        ("network", "Buurvrouw gaat mee naar de koffieochtend"),
    ],
}
GENERIC_ACTIONS: list[tuple[str, str]] = [
    ("resident", "Zelf bellen en een afspraak maken"),
    ("team_member", "Uitzoeken welke regeling past en terugkoppelen"),
    ("network", "Familie helpt bij het regelen"),
    ("partner", "Aanvraag bij de gemeente indienen"),
]

SCORE_REASONS: list[str] = [
    "Hoofdvraag van de aanmelding.",
    "Kwam in het tweede gesprek naar voren.",
    "Hangt samen met de hoofdvraag.",
    "Genoemd door de verwijzer.",
    "Nodig om het plan op af te stemmen.",
]
STRENGTH_REASONS: list[str] = [
    "Kracht om op te bouwen.",
    "Steun die het plan kan dragen.",
]

INVOLVED: dict[str, list[str]] = {
    "finances": ["schuldhulpverlening", "bewindvoerder", "vrijwilliger thuisadministratie"],
    "parenting": ["jeugd- en gezinswerker", "oma"],
    "school": ["intern begeleider", "leerplichtambtenaar", "mentor"],
    "safety": ["Veilig Thuis", "aandachtsfunctionaris"],
    "housing": ["woningcorporatie"],
    "mental-health": ["huisarts", "POH-GGZ"],
    "physical-health": ["huisarts", "wijkverpleegkundige"],
}

STRENGTHS: list[str] = [
    "Wil graag dat het beter gaat en komt afspraken na.",
    "Heeft een zus die dichtbij woont en wil helpen.",
    "Goed contact met de school van de kinderen.",
    "Vraagt zelf om hulp en staat open voor advies.",
    "Heeft werk en een vaste dagindeling.",
    "Betrokken buren die een oogje in het zeil houden.",
]

CONVERSATION_NOTES: list[str] = [
    "Kennismaking. {name} vertelde over de situatie thuis en wat het zwaarst weegt.",
    "Samen de vraag scherper gemaakt; wat moet als eerste anders?",
    "Doorgesproken wie er al betrokken zijn en wat daar uit kwam.",
    "Ingezoomd op de geldzaken en de brieven die nog open liggen.",
    "Gesproken over de kinderen en hoe de ochtenden verlopen.",
    "Afgesproken om de volgende keer samen de prioriteiten te kiezen.",
]

CONTACT_NOTES: list[str] = [
    "Huisbezoek: post doorgenomen, twee brieven beantwoord.",
    "Gebeld: het gaat iets beter, de afspraken lopen.",
    "Samen naar het loket van de gemeente geweest.",
    "Kort contact; {name} heeft de afspraak met de huisarts gemaakt.",
    "Gesprek met {name} over hoe de week is gegaan.",
    "Telefonisch: vraag over de brief van de belastingdienst.",
    "Thuis geweest: sfeer was rustig, kinderen waren op school.",
    "Afspraak verzet op verzoek van {name}.",
    "Voortgang besproken; volgende stap is de aanvraag afronden.",
    "Gebeld om te horen of de wachtlijst al opschiet (stut en steun).",
    "{name} belde zelf: spanning thuis opgelopen, morgen langsgaan.",
    "Samen de begroting bijgewerkt.",
]

NOTES: list[str] = [
    "Overleg met school gehad; zij zien verbetering.",
    "Afstemming met de huisarts over de verwijzing.",
    "Brief van de woningcorporatie ontvangen: regeling akkoord.",
    "Collega van schuldhulp gebeld over de intake.",
    "Terugkoppeling van de vrijwilliger: wekelijkse afspraak loopt goed.",
    "Intervisie: casus besproken, advies om het netwerk meer te betrekken.",
    "Wachtlijst specialistische hulp: nog ongeveer zes weken.",
]

TASKS: list[tuple[str, str]] = [
    ("check_in", "Even bellen hoe het gaat"),
    ("reminder", "Navragen of de aanvraag is ingediend"),
    ("reminder", "Brief van de corporatie nabellen"),
    ("check_in", "Bellen na de afspraak bij de huisarts"),
    ("other", "Overdracht voorbereiden"),
    ("reminder", "Terugbellen over de wachtlijst"),
]

EVALUATION_SUMMARIES: dict[str, list[str]] = {
    "continue": [
        "Doelen lopen; de afspraken werken. Plan ongewijzigd voortzetten.",
        "Eerste stappen gezet, nog niet stabiel. Nog een periode doorgaan.",
    ],
    "adjust": [
        "Een doel blijkt niet haalbaar; plan bijstellen met het gezin.",
        "Nieuwe vraag naar voren gekomen; een doel toevoegen.",
    ],
    "close": [
        "Doelen grotendeels bereikt; inwoner kan verder zonder ons.",
        "Situatie stabiel en het netwerk draagt; afronden.",
    ],
}

CLOSURE_NOTES: dict[str, list[str]] = {
    "goals_reached": ["Doelen bereikt; afgesproken dat {name} ons weer belt als het nodig is."],
    "handled_in_team": ["Vraag binnen het team afgehandeld.", "Met advies en een paar gesprekken verder."],
    "referred": [
        "Overgedragen aan specialistische jeugdhulp; warme overdracht gedaan.",
        "Doorverwezen naar de GGZ; behandeling gestart.",
        "Aangemeld bij schuldhulpverlening; traject loopt daar.",
    ],
    "moved": ["Verhuisd naar een andere gemeente; informatie overgedragen met toestemming."],
    "resident_stopped": ["{name} wil op dit moment geen hulp meer; de deur blijft open."],
    "no_longer_needed": ["De vraag is zich vanzelf gaan oplossen."],
}

REOPEN_REASONS: list[str] = [
    "Terugval: {name} belde opnieuw.",
    "Nieuwe brief van de deurwaarder; korte ondersteuning nodig.",
]

TRANSFER_REASONS: list[str] = [
    "Overdracht wegens zwangerschapsverlof.",
    "Andere discipline past beter bij de vraag.",
    "Werkverdeling in het team.",
]

MEETING_DECISIONS: list[str] = [
    "Collega jeugd en gezin sluit aan; over vier weken terug op de agenda.",
    "Aandachtsfunctionaris consulteren en Veilig Thuis raadplegen.",
    "Doorgaan met stut en steun tot de specialistische hulp start.",
    "Regisseur belt deze week; bij geen contact huisbezoek.",
    "Opschalen naar specialistische jeugdhulp.",
]

# Simple questions answered at the first contact: (domain, question, advice given).
SIMPLE: list[tuple[str, str, str]] = [
    (
        "finances",
        "Heb ik recht op huurtoeslag?",
        "Uitgelegd hoe huurtoeslag werkt en samen de proefberekening gedaan.",
    ),
    (
        "finances",
        "Hoe vraag ik een uitstel van betaling aan?",
        "Voorbeeldbrief meegegeven en het telefoonnummer van de schuldeiser opgezocht.",
    ),
    (
        "finances",
        "Ik wil weten of ik kwijtschelding van gemeentelijke belastingen kan krijgen.",
        "Formulier kwijtschelding samen ingevuld.",
    ),
    (
        "parenting",
        "Waar kan ik terecht met vragen over zindelijkheid?",
        "Tips gegeven en verwezen naar het CJG.",
    ),
    (
        "parenting",
        "Mijn {child} slaapt slecht, hebben jullie tips?",
        "Tips over slaapritme gegeven; folder meegegeven.",
    ),
    ("housing", "Hoe schrijf ik me in als woningzoekende?", "Inschrijving samen online gedaan."),
    (
        "instrumental-adl",
        "Wie kan me helpen met een formulier van de gemeente?",
        "Formulier samen ingevuld en opgestuurd.",
    ),
    (
        "social-network",
        "Zijn er activiteiten in de buurt voor ouderen?",
        "Programma van het buurthuis meegegeven.",
    ),
    ("time-use", "Ik zoek vrijwilligerswerk in de wijk.", "Doorverwezen naar de vrijwilligerscentrale."),
    (
        "school",
        "Hoe werkt de aanvraag voor leerlingenvervoer?",
        "Uitgelegd waar en hoe de aanvraag moet; link gestuurd.",
    ),
    (
        "physical-health",
        "Kan ik een rolstoel lenen?",
        "Uitleenpunt hulpmiddelen gebeld en afspraak gemaakt.",
    ),
    (
        "participation",
        "Waar kan ik Nederlandse les volgen?",
        "Taalcafé in het buurthuis en de bibliotheek genoemd.",
    ),
]
