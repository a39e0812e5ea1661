"""The demo group's plan: the five strategies of Jämtland Härjedalen's common plan (seed 003)
holding the activities of the Handlingsplan 2024 (seed 000) with their Tidsplan as written,
plus the strategies' prioritised activities. Responsible people are invented (the demo
members); organisations such as Fredagsgruppen are kept."""

from __future__ import annotations

import datetime as dt

from naravard_desktop.db.enums import ActivityStatus, PlanState, Principal
from naravard_desktop.services.group.read_models import GroupData
from naravard_desktop.services.plan import follow_ups, plan_items, plans
from naravard_desktop.services.plan.read_models import ActivityInput, FollowUpInput, PlanInput
from naravard_desktop.services.system.database import Database

_N, _P, _D, _S = (
    ActivityStatus.NOT_STARTED,
    ActivityStatus.IN_PROGRESS,
    ActivityStatus.DONE,
    ActivityStatus.PAUSED,
)
_R, _K, _G = Principal.REGION, Principal.MUNICIPALITY, Principal.JOINT

# Strategy number → (title, responsible, principal, Tidsplan as written, status, progress)
DEMO_ACTIVITIES: dict[int, list[tuple[str, str, Principal, str, ActivityStatus, int]]] = {
    1: [
        (
            "Utbildningsinsatser för personal om dokumenterad överenskommelse",
            "Fredagsgruppen, Anna Berg",
            _G,
            "Hösten 2025",
            _P,
            40,
        ),
        (
            "Ta fram gemensamma sökord för dokumenterad överenskommelse",
            "Fredagsgruppen",
            _G,
            "2024-05-17 vid Fredagsgruppens möte",
            _D,
            100,
        ),
        (
            "Skapa digital tillgång till dokumenterad överenskommelse för individen",
            "Ansvarig för verksamhet och IT-stöd hos respektive huvudman",
            _G,
            "Beroende av nationellt utvecklingsarbete",
            _S,
            10,
        ),
        ("Utveckla arbetssätt och metodstöd SIP", "Maja Fors", _K, "Löpande", _P, 50),
    ],
    2: [
        (
            "Skapa gemensamma rutiner och tydliggöra uppdraget för fasta kontakter",
            "Fredagsgruppen Partsammansatt arbetsgrupp",
            _G,
            "2024-12-31",
            _P,
            70,
        ),
        (
            "Överenskommelse gällande fasta kontakter i samverkan",
            "Fredagsgruppen",
            _G,
            "2024-12-31",
            _D,
            100,
        ),
        (
            "Implementering av överenskommelse gällande fasta kontakter i samverkan",
            "Fredagsgruppen, Erik Lund",
            _G,
            "2025",
            _P,
            30,
        ),
        (
            "Översyn av medarbetares tillgång till information om den fasta kontakter",
            "Ansvarig för verksamhet och IT-stöd hos respektive huvudman",
            _G,
            "2022-12-31 Delvis Fast vårdkontakt finns 2024-12-31",
            _P,
            60,
        ),
        ("Punktmätning av fasta kontakter", "Per Ek", _R, "Hösten 2022", _D, 100),
    ],
    3: [
        (
            "Information till berörda individer om namngivna fasta kontakter",
            "Respektive verksamhet",
            _G,
            "Löpande",
            _P,
            50,
        ),
        (
            "Information till medborgarna om fasta kontakter. Gemensam för regionen och "
            "kommunerna.",
            "Fredagsgruppen, Lisa Nord",
            _G,
            "2024-12-31",
            _N,
            0,
        ),
        (
            "Strukturera samverkan kring personer boende i SÄBO, korttidsboende samt personer "
            "med kommunal hälso- och sjukvård i ordinärt boende",
            "Karin Vik",
            _K,
            "Q2 {next}",
            _N,
            0,
        ),
    ],
    4: [
        (
            "Säkerställa att lokala samverkansnätverk för barn och unga finns i alla kommuner",
            "Olof Strand och Elin Dahl",
            _G,
            "Våren {next}",
            _P,
            20,
        ),
        (
            "Utveckla arbetssätt för tidig upptäckt och tidiga samordnade insatser",
            "Elin Dahl",
            _R,
            "Löpande",
            _N,
            0,
        ),
    ],
    5: [
        (
            "Uppföljning: ”de 7 frågorna”",
            "Fredagsgruppen",
            _G,
            "November 2024 vid Fredagsgruppens möte",
            _N,
            0,
        ),
        (
            "Ta fram förslag på utformning och struktur för träning av icke tekniska "
            "färdigheter t.ex. SIP.",
            "Fredagsgruppen, Sara Holm",
            _G,
            "",
            _N,
            0,
        ),
        ("Överenskommelse för säkra digitala möten i samverkan", "Jonas Ås", _G, "{year}", _P, 60),
    ],
}


def add_demo_plan(db: Database, group: GroupData, today: dt.date) -> None:
    """One adopted plan with its revision history, activities and a few follow-ups."""
    with db.session():
        plan = plans.create_plan(
            db,
            group.id,
            PlanInput(
                title=f"Lokal samverkansplan {today.year - 1}–{today.year + 1}",
                valid_from=dt.date(today.year - 1, 1, 1),
                valid_to=dt.date(today.year + 1, 12, 31),
                state=PlanState.ADOPTED,
            ),
            template_key="jamtland-harjedalen",
        )
        plans.add_revision(db, plan.id, dt.date(today.year - 1, 3, 14), "Första versionen")
        plans.add_revision(
            db, plan.id, dt.date(today.year, 2, 9), "Beslut i den lokala samverkansgruppen"
        )
        areas = plan_items.load_tree(db, plan.id).areas
        for number, rows in DEMO_ACTIVITIES.items():
            area = areas[number - 1]
            for title, responsible, principal, schedule, status, progress in rows:
                activity = plan_items.add_activity(
                    db,
                    area.id,
                    ActivityInput(
                        title=title,
                        responsible=responsible,
                        responsible_principal=principal,
                        schedule_text=schedule.format(year=today.year, next=today.year + 1),
                        status=status,
                        progress=progress,
                        follow_up_method="Avrapportering i samverkansgruppen",
                    ),
                )
                if status is not _N:
                    follow_ups.add_follow_up(
                        db,
                        activity.id,
                        FollowUpInput(
                            today - dt.timedelta(days=60),
                            status,
                            progress,
                            "Följdes upp på samverkansgruppens möte.",
                        ),
                    )
