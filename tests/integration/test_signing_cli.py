"""Issue 15 end to end through the command line: `check` reports the forgery of the issue
(exit 1), `verify` rejects the forged PDF and accepts a portal-signed one with its signers,
`import signed` checks (dry run), stores with --apply and refuses a tampered file, `chain`
prints the head's code."""

from __future__ import annotations

import json
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from naravard_desktop.documents.protocol_pdf import protocol_pdf
from naravard_desktop.services.meetings import approval, signing
from naravard_desktop.services.meetings.protocol import protocol_data
from naravard_desktop.services.system.database import Database
from tests.cli_run import run_cli
from tests.db_backends import target_of
from tests.unit.approval_setup import approved_meeting, make_group, raw
from tests.unit.throwaway_ca import ThrowawayCA

pytestmark = pytest.mark.slow


def test_check_verify_import_signed_and_chain(tmp_path: Path, db: Database) -> None:
    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return run_cli(tmp_path, "--database", target_of(db), *args)

    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    exported = signing.export_for_signing(db, meeting_id)
    genuine = approval.stored_pdf(db, meeting_id) or b""
    db.dispose()

    ca = ThrowawayCA()
    vera = ca.person("Vera Lindqvist")
    signer = signers.SimpleSigner.load_pkcs12_data(
        vera.pkcs12("portal", ca.certificate), other_certs=(), passphrase=b"portal"
    )
    meta = signers.PdfSignatureMetadata(
        field_name="Ordforande", subfilter=fields.SigSeedSubFilter.PADES
    )
    signed = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(exported)), meta, signer=signer)
    portal = tmp_path / "underskrivet.pdf"
    portal.write_bytes(signed.getvalue())
    tampered = tmp_path / "ändrat.pdf"
    data = portal.read_bytes()
    spot = genuine.rindex(b"stream\n") - 400  # inside the compressed page content
    tampered.write_bytes(data[:spot] + bytes([data[spot] ^ 0x01]) + data[spot + 1 :])

    chain = run("chain", "--json")
    assert chain.returncode == 0, chain.stderr
    head = json.loads(chain.stdout)
    assert head["approvals"] == 1 and head["meeting"] == meeting_id and len(head["code"]) == 19

    dry = run("import", "signed", portal)
    assert dry.returncode == 0, dry.stderr
    assert "kör igen med --apply" in dry.stdout and "Vera Lindqvist" in dry.stdout
    stored = run("import", "signed", portal, "--apply")
    assert stored.returncode == 0, stored.stderr
    assert "är sparat" in stored.stdout
    assert "Inte underskrivet ännu: Justerare Olof Brandt" in stored.stdout

    verified = run("verify", portal)
    assert verified.returncode == 0, verified.stdout
    assert "Underskrift i fältet Ordforande: Vera Lindqvist" in verified.stdout
    assert "obruten; omfattar hela filen" in verified.stdout

    refused = run("import", "signed", tampered, "--apply")
    assert refused.returncode == 1 and refused.stderr.startswith("Fel:")

    # The forgery of the issue: a decision changed, the PDF re-rendered, its hash stored.
    raw(db, "UPDATE agenda_items SET decision = 'Gruppen avslår planen.' WHERE decision <> ''")
    forged = protocol_pdf(protocol_data(db, meeting_id))
    db.dispose()
    raw(
        db,
        "UPDATE protocol_revisions SET pdf = :pdf, sha256 = :sha256",
        pdf=forged,
        sha256=approval.sha256_of(forged),
    )
    forged_file = tmp_path / "förfalskat.pdf"
    forged_file.write_bytes(forged)

    check = run("check")
    assert check.returncode == 1
    assert "stämmer inte längre med det justerade protokollet" in check.stdout
    rejected = run("verify", forged_file)
    assert rejected.returncode == 1 and "INTE det justerade protokollet" in rejected.stdout
    assert genuine and not forged.startswith(genuine)
