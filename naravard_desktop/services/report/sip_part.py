"""The report's SIP part kept between readings: working it out (the SIP export's small-number
suppression) is most of a large group's report, and the Årsuppföljning page reads the year
each time it is shown. What the part is made from is fingerprinted first (the adoption's
check, adoption.sip_inputs); while that is unchanged the part is taken as it was."""

from __future__ import annotations

from dataclasses import replace

from naravard_desktop.services.report.adoption import sip_inputs
from naravard_desktop.services.report.annual import annual_report
from naravard_desktop.services.report.read_models import AnnualReport, SipPart
from naravard_desktop.services.system.database import Database


def with_sip(
    db: Database, report: AnnualReport, known: SipPart | None = None
) -> tuple[AnnualReport, SipPart]:
    """`report` (read without its SIP part) with it: `known` when it is of the same group and
    year and made from the same counts and settings, else worked out afresh."""
    group_id, year = report.group.id, report.year
    with db.session() as session:  # before the work: a change meanwhile shows next time
        inputs = sip_inputs(session, group_id, year)
    if known is None or (known.group_id, known.year, known.inputs) != (group_id, year, inputs):
        full = annual_report(db, group_id, year, today=report.as_of)
        known = SipPart(group_id, year, inputs, full.sip, full.sip_brief)
    return replace(report, sip=known.sip, sip_brief=known.brief), known
