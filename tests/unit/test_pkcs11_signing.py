"""Signing in the app on a smart card (issue 15, point 5): a SoftHSM2 token stands in for a
SITHS card (PKCS#11). The protocol is signed by two signers in turn, one with a PKCS#12 file
and one on the token; `verify` accepts it and it stays PDF/A-2b. Skipped, saying why, when
SoftHSM2 is not installed (`make test` installs it when run as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from naravard_desktop.documents import meeting_files
from naravard_desktop.errors import DomainError
from naravard_desktop.services.meetings import approval, signing
from naravard_desktop.services.meetings import pdf_signatures as pdfsig
from naravard_desktop.services.meetings.verification import verify_file
from naravard_desktop.services.system.database import Database
from tests.unit.approval_setup import approved_meeting, make_group
from tests.unit.test_signed_protocols import _pdfa_2b
from tests.unit.throwaway_ca import Person, ThrowawayCA

MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
MODULE = next((m for m in MODULES if Path(m).exists()), "")
PIN = "246810"

pytestmark = pytest.mark.skipif(
    not MODULE or shutil.which("softhsm2-util") is None,
    reason="SoftHSM2 is not installed (Debian package softhsm2; `make test` installs it as "
    "root): the PKCS#11 signing test needs a token",
)


@pytest.fixture(scope="session")
def card(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ThrowawayCA, Person]]:
    """A token "SITHS-test" holding Hedda Strömberg's key and certificate (label "hedda")."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    before = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(config)
    ca = ThrowawayCA()
    hedda = ca.person("Hedda Strömberg")
    key_file = folder / "hedda.pem"
    key_file.write_bytes(
        hedda.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    util = ["softhsm2-util", "--pin", PIN]
    subprocess.run(
        [*util, "--init-token", "--free", "--label", "SITHS-test", "--so-pin", "13579113"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *util,
            "--import",
            str(key_file),
            "--token",
            "SITHS-test",
            "--label",
            "hedda",
            "--id",
            "01",
        ],
        check=True,
        capture_output=True,
    )
    key_file.unlink()
    token = pkcs11.lib(MODULE).get_token(token_label="SITHS-test")
    session = token.open(rw=True, user_pin=PIN)
    try:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "hedda",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: hedda.certificate.subject.public_bytes(),
                Attribute.VALUE: hedda.certificate.public_bytes(serialization.Encoding.DER),
            }
        )
    finally:
        session.close()
    yield ca, hedda
    if before is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = before


def test_two_signers_one_pkcs12_one_on_the_token_verify_and_stay_pdfa(
    db: Database, card: tuple[ThrowawayCA, Person]
) -> None:
    ca, _hedda = card
    group, people = make_group(db)
    meeting_id = approved_meeting(db, group, people)
    olof = ca.person("Olof Brandt")
    p12 = pdfsig.pkcs12_signer(olof.pkcs12("kod", ca.certificate), "kod")
    meeting_files.sign_protocol(db, meeting_id, "Justerare_1", p12)

    wrong_pin = pdfsig.pkcs11_signer(MODULE, "000000", token_label="SITHS-test")
    with pytest.raises(DomainError, match="PIN"), wrong_pin:
        pass
    with pytest.raises(DomainError, match="lösenordet är fel"):
        pdfsig.pkcs12_signer(olof.pkcs12("kod", ca.certificate), "fel")
    with pdfsig.pkcs11_signer(MODULE, PIN, token_label="SITHS-test", key_label="hedda") as signer:
        status = meeting_files.sign_protocol(db, meeting_id, "Justerare_2", signer)
    assert [s.signer for s in status.signatures] == ["Olof Brandt", "Hedda Strömberg"]
    assert [f.person for f in status.missing] == ["Vera Lindqvist"]  # the chair has not signed

    signed = signing.stored_signed_pdf(db, meeting_id) or b""
    _pdfa_2b(signed, approval.stored_pdf(db, meeting_id) or b"")
    verified = verify_file(db, signed)
    assert verified.ok, verified.lines
    assert any(
        "Justerare_2: Hedda Strömberg" in line and "obruten" in line for line in verified.lines
    )
    with pytest.raises(DomainError, match="redan"):
        meeting_files.sign_protocol(db, meeting_id, "Justerare_2", p12)
