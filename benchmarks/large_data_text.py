"""Swedish text for the large benchmark database: agenda items, notes, decisions, action
items, activities and follow-ups of realistic length, put together from varied sentences so
that no two meetings read alike (the decision register's search and the protocol's layout see
text like a real group's). Invented names only."""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Anna", "Erik", "Karin", "Lars", "Maria", "Johan", "Eva", "Per", "Sara", "Olof", "Lena",
    "Jonas", "Ingrid", "Magnus", "Helena", "Mats", "Sofia", "Anders", "Maja", "Fredrik",
    "Elin", "Gustav", "Ulrika", "Henrik", "Therese", "Nils", "Camilla", "Björn", "Åsa", "Emil",
)  # fmt: skip
SURNAMES = (
    "Berg", "Lund", "Vik", "Holm", "Fors", "Strand", "Ås", "Nord", "Ek", "Sjö", "Dahl",
    "Åkerlund", "Björk", "Hägg", "Lindqvist", "Rönn", "Moberg", "Sandvik", "Öberg", "Nyström",
)  # fmt: skip
ORGANISATIONS = (
    "Hälsocentralen", "Hemsjukvården", "Socialtjänsten", "Äldreomsorgen", "Psykiatrin",
    "Elevhälsan", "Regionen, primärvården", "Kommunen, LSS", "Anhörigföreningen",
)  # fmt: skip
SUBJECTS = (
    "fast vårdkontakt", "SIP-uppföljningen", "samordnad utskrivning", "läkemedelsgenomgångar",
    "hemsjukvården", "barn och unga med psykisk ohälsa", "anhörigstödet",
    "den palliativa vården", "nutritionsvården", "rehabilitering i hemmet",
    "digitala vårdmöten", "personer med missbruk och beroende", "fallprevention",
    "den gemensamma kompetensutvecklingen", "vårdplaneringen inför hemgång",
    "kontinuiteten i primärvården", "trygg och effektiv utskrivning", "välfärdsteknik",
)  # fmt: skip
AREAS = (
    "Fast vårdkontakt och fast läkarkontakt", "Samordnad individuell plan (SIP)",
    "Trygg och effektiv utskrivning", "Psykisk hälsa hos barn och unga",
    "Äldres hälsa och hemsjukvård", "Kompetensförsörjning", "Digitalisering och välfärdsteknik",
    "Anhörigstöd", "Palliativ vård i livets slutskede", "Förebyggande och hälsofrämjande arbete",
)  # fmt: skip
_VERBS = (
    "Ta fram", "Införa", "Följa upp", "Utvärdera", "Revidera", "Sprida", "Kartlägga",
    "Genomföra", "Utbilda personal i", "Samordna",
)  # fmt: skip
_OBJECTS = (
    "gemensam rutin för {s}", "en kontaktlista för {s}", "arbetssättet kring {s}",
    "ett stödmaterial om {s}", "en checklista för {s}", "statistik om {s}",
    "en gemensam utbildningsdag om {s}", "överenskommelsen om {s}",
    "informationen till invånarna om {s}", "avvikelser som rör {s}",
)  # fmt: skip
SCHEDULES = (
    "Löpande", "Hösten {y}", "Våren {y}", "{y}-{m:02d}-15", "Under {y}",
    "Senast december {y}", "Vid gruppens möte i {mon} {y}",
    "Beroende av nationellt utvecklingsarbete",
)  # fmt: skip
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
_ITEM_TITLES = (
    "Uppföljning av lokal plan: {S}", "Lägesrapport: {S}", "Information från huvudmännen",
    "SIP-uppföljning", "Avvikelser i samverkan", "Rapport från arbetsgruppen för {s}",
    "Verksamhetsuppföljning", "Inför nästa års handlingsplan", "Remiss: {S}",
    "Statistik över utskrivningsklara", "Erfarenheter från ärenden: {s}",
    "Budget och resurser för {s}", "Uppdrag från ledningsgruppen", "Kompetensutveckling",
)  # fmt: skip
_OPENERS = (
    "{p} redogör för läget när det gäller {s}.",
    "{p} från {o} informerar om {s}.",
    "Gruppen går igenom hur arbetet med {s} har gått sedan förra mötet.",
    "Frågan om {s} togs upp på förra mötet och återkommer nu.",
    "{o} har lämnat en skriftlig rapport om {s}, som {p} sammanfattar.",
)  # fmt: skip
_MIDDLES = (
    "Sedan {mon} har {n} ärenden hanterats, jämfört med {m} under samma period förra året.",
    "Rutinen är införd på {n} av {m} enheter; de övriga räknar med att vara klara under {mon}.",
    "Medarbetarna vittnar om att samverkan har blivit tydligare, men att tiden inte räcker.",
    "Det saknas en gemensam bild av vem som ansvarar när patienten skrivs ut en fredag.",
    "Hemsjukvården efterfrågar bättre framförhållning inför hemgång från slutenvården.",
    "{o} har haft svårt att rekrytera och arbetar med hyrpersonal under sommaren.",
    "Det digitala mötesverktyget fungerar bra, men alla enheter har ännu inte tillgång till det.",
    "Invånarna upplever att de får berätta sin historia flera gånger för olika vårdgivare.",
    "Arbetsgruppen har träffats {n} gånger och tagit fram ett utkast som skickats ut på remiss.",
    "Antalet avvikelser har minskat, men de som finns rör ofta läkemedelslistor.",
    "Elevhälsan och barn- och ungdomspsykiatrin har haft gemensamma träffar under terminen.",
    "Anhörigföreningen lyfter att information om stödet inte når fram till alla som behöver den.",
    "Uppföljningen visar att målet för {s} är delvis uppnått.",
    "Det finns en oro för att arbetet stannar av när projektmedlen tar slut vid årsskiftet.",
    "Diskussionen handlar främst om hur kontinuiteten kan säkras för de mest sjuka äldre.",
)  # fmt: skip
_CLOSERS = (
    "Frågan återkommer på nästa möte.",
    "Gruppen konstaterar att arbetet går framåt.",
    "{p} tar med synpunkterna till ledningsgruppen.",
    "Materialet skickas ut med protokollet.",
    "Några av frågorna behöver beredas vidare i arbetsgruppen innan beslut kan fattas.",
    "",
)  # fmt: skip
_DECISIONS = (
    "Gruppen beslutar att notera informationen.",
    "Gruppen godkänner lägesrapporten och lägger den till handlingarna.",
    "Gruppen ger arbetsgruppen i uppdrag att ta fram ett förslag om {s} till mötet i {mon}.",
    "Gruppen ställer sig bakom förslaget och skickar det vidare till ledningsgruppen för beslut.",
    "Gruppen beslutar att rutinen för {s} gäller från och med den 1 {mon}.",
    "Gruppen beslutar att {p} samordnar det fortsatta arbetet med {s}.",
    "Gruppen beslutar att skjuta frågan till nästa möte i väntan på underlag från {o}.",
    "Gruppen beslutar att avsluta aktiviteten, eftersom målet är uppnått.",
    "Gruppen beslutar att följa upp {s} varje kvartal under nästa år.",
    "Gruppen antar yttrandet över remissen med de ändringar som framfördes på mötet.",
)  # fmt: skip
_ACTIONS = (
    "Skicka ut underlaget om {s} till alla enheter",
    "Boka ett uppföljningsmöte med {o}",
    "Sammanställa statistik om {s} inför nästa möte",
    "Uppdatera kontaktlistan på intranätet",
    "Ta fram ett förslag till rutin för {s}",
    "Bjuda in {o} till ett kommande möte",
    "Stämma av med ledningsgruppen om resurser för {s}",
)  # fmt: skip
_FOLLOW_UPS = (
    "Arbetet pågår enligt plan.",
    "Försenat: {o} har inte haft möjlighet att delta i arbetsgruppen.",
    "Klart och infört på alla enheter.",
    "Delvis genomfört; återstår att sprida rutinen till {o}.",
    "Pausat i väntan på nationella riktlinjer.",
    "Följdes upp på mötet i {mon}; {n} av {m} enheter arbetar enligt rutinen.",
)  # fmt: skip


class Writer:
    """Sentences drawn from the pools above with a seeded generator: the same seed, the same
    text."""

    def __init__(self, rng: random.Random, people: list[str]) -> None:
        self.rng = rng
        self.people = people

    def _fill(self, template: str, subject: str | None = None) -> str:
        rng = self.rng
        n = rng.randint(2, 40)
        s = subject or rng.choice(SUBJECTS)
        return template.format(
            p=rng.choice(self.people),
            o=rng.choice(ORGANISATIONS),
            s=s,
            S=s[0].upper() + s[1:],
            mon=rng.choice(MONTHS),
            n=n,
            m=n + rng.randint(1, 20),
        )

    def item_title(self) -> tuple[str, str]:
        """An agenda item's title and the subject its texts are about."""
        subject = self.rng.choice(SUBJECTS)
        return self._fill(self.rng.choice(_ITEM_TITLES), subject), subject

    def notes(self, subject: str) -> str:
        """Two to seven sentences: who presents, what was found, how it ends."""
        rng = self.rng
        sentences = [self._fill(rng.choice(_OPENERS), subject)]
        sentences += [self._fill(m, subject) for m in rng.sample(_MIDDLES, rng.randint(1, 5))]
        sentences.append(self._fill(rng.choice(_CLOSERS), subject))
        return " ".join(s for s in sentences if s)

    def decision(self, subject: str) -> str:
        first = self._fill(self.rng.choice(_DECISIONS), subject)
        if self.rng.random() < 0.3:
            return f"{first} {self._fill(self.rng.choice(_DECISIONS), subject)}"
        return first

    def action(self, subject: str) -> str:
        return self._fill(self.rng.choice(_ACTIONS), subject)

    def activity(self) -> str:
        subject = self.rng.choice(SUBJECTS)
        return f"{self.rng.choice(_VERBS)} {self._fill(self.rng.choice(_OBJECTS), subject)}"

    def follow_up(self) -> str:
        return self._fill(self.rng.choice(_FOLLOW_UPS))

    def schedule(self, year: int, month: int) -> str:
        return self.rng.choice(SCHEDULES).format(y=year, m=month, mon=MONTHS[month - 1])
