"""PAdES signatures on an approved protocol's PDF, with pyHanko: empty named signature fields
over the lines of the signature block, a signature in one of them (PKCS#12 file or PKCS#11
token such as a SITHS card), and what the signatures in a file say. Everything is an
incremental update, so the approved PDF stays, byte for byte, the start of the signed file
(and stays PDF/A-2b: only signature fields and signatures are added, the appearance text in
the embedded DejaVu font, drawn by documents/signature_stamp.py). No database here:
services/meetings/signing.py uses this."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _

if TYPE_CHECKING:
    from pyhanko.sign.signers import Signer

# The field names portals and viewers show; ASCII, one per role of the signature block.
SECRETARY_FIELD = "Sekreterare"
CHAIR_FIELD = "Ordforande"
ADJUSTER_FIELDS = ("Justerare_1", "Justerare_2")
FIELD_WIDTH = 200  # points: the signature line is about 207 wide

# (width, height) in points → a one-page PDF of that size: the visible signature.
StampRenderer = Callable[[int, int], bytes]


@dataclass(frozen=True)
class FieldPlace:
    name: str
    page: int
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class SignatureInfo:
    """One signature in a file, as `verify` and the import report it."""

    field: str
    signer: str  # the certificate's common name, "Vera Lindqvist"
    subject: str  # the whole subject, "Common Name: Vera Lindqvist, Organization: …"
    signed_at: dt.datetime | None
    intact: bool  # the signed bytes are unchanged and the signature is mathematically valid
    trusted: bool  # the issuing CA is known here (offline: usually not; reported only)
    whole_file: bool  # covers the file up to its end
    only_signatures_after: bool  # any later update only adds signatures or fills fields
    signed_length: int  # bytes of the file this signature covers


def _words(text: str) -> str:
    return " ".join(text.split())


def field_places(pdf: bytes, labels: Sequence[tuple[str, str]], heading: str) -> list[FieldPlace]:
    """Where each signature goes: above the line under each role label of the signature
    block (the labels after the last `heading`, "Underskrifter"), in the order given.
    `labels` pairs a field name with its role label; a label may appear more than once
    (two adjusters), each occurrence used in reading order."""
    from pypdf import PdfReader

    runs: list[tuple[int, float, float, str]] = []
    reader = PdfReader(BytesIO(pdf))
    for index, page in enumerate(reader.pages):

        def visit(
            text: str, cm: Any, tm: Any, _font: Any, _size: Any, page_index: int = index
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + cm[4]
                y = tm[5] * cm[3] + cm[5]
                runs.append((page_index, x, y, _words(text)))

        page.extract_text(visitor_text=visit)
    starts = [i for i, run in enumerate(runs) if run[3] == heading]
    if not starts:
        return []
    block = runs[starts[-1] + 1 :]
    block.sort(key=lambda r: (r[0], -round(r[2]), r[1]))
    places: list[FieldPlace] = []
    used: set[int] = set()
    for name, label in labels:
        for i, (page_index, x, y, text) in enumerate(block):
            if i not in used and text == label:
                used.add(i)
                box = (int(x), int(y - 42), int(x + FIELD_WIDTH), int(y - 4))
                places.append(FieldPlace(name, page_index, box))
                break
    return places


def add_fields(pdf: bytes, places: Sequence[FieldPlace]) -> bytes:
    """The PDF with empty signature fields, as one incremental update."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    for place in places:
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(sig_field_name=place.name, on_page=place.page, box=place.box),
        )
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def empty_fields(pdf: bytes) -> list[str]:
    """The names of the file's signature fields that are not signed yet."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields

    reader = PdfFileReader(BytesIO(pdf))
    return [
        name
        for name, value, _ref in fields.enumerate_sig_fields(reader, filled_status=False)
        if value is None
    ]


def claimed_signers(pdf: bytes) -> dict[str, str]:
    """Field name → the common name in its signature's certificate, read without checking
    the signature (for display; `verify` checks)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(BytesIO(pdf), strict=False)
    return {
        str(embedded.field_name): str(embedded.signer_cert.subject.native.get("common_name", ""))
        for embedded in reader.embedded_signatures
    }


def _stamp_style(box: tuple[int, int, int, int] | None, render: StampRenderer) -> Any:
    import tempfile

    from pyhanko.pdf_utils import layout
    from pyhanko.stamp import StaticStampStyle

    width, height = (box[2] - box[0], box[3] - box[1]) if box else (200, 38)
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as handle:
        handle.write(render(width, height))
    fill = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MIN,
        y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins(0, 0, 0, 0),
        inner_content_scaling=layout.InnerScaling.NO_SCALING,
    )
    style = StaticStampStyle.from_pdf_file(handle.name, border_width=0, background_layout=fill)
    return style, handle.name


def _field_box(pdf: bytes, field: str) -> tuple[int, int, int, int] | None:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields

    reader = PdfFileReader(BytesIO(pdf))
    for name, _value, ref in fields.enumerate_sig_fields(reader):
        if name == field:
            rect = ref.get_object().get("/Rect")
            if rect is not None:
                x1, y1, x2, y2 = (int(float(v)) for v in rect)
                return x1, y1, x2, y2
    return None


def signer_name(signer: Signer) -> str:
    """The common name of the signer's certificate ("Vera Lindqvist")."""
    certificate = signer.signing_cert
    if certificate is None:
        return ""
    return str(certificate.subject.native.get("common_name", "")) or str(
        certificate.subject.human_friendly
    )


def sign(pdf: bytes, field: str, signer: Signer, stamp: StampRenderer) -> bytes:
    """Sign the empty field `field` (PAdES-B-B; no timestamp server, offline), appended as an
    incremental update; `stamp(width, height)` renders what the field shows (a one-page PDF
    of that size, made by the documents layer)."""
    import os

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    style, stamp_file = _stamp_style(_field_box(pdf, field), stamp)
    try:
        pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
        out = pdf_signer.sign_pdf(writer, in_place=False)
    finally:
        os.unlink(stamp_file)
    return bytes(out.getvalue())


def pkcs12_signer(data: bytes, passphrase: str) -> Signer:
    """A signer from a PKCS#12 file's bytes; DomainError when it cannot be opened."""
    from pyhanko.sign import signers

    try:
        signer: Signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=(), passphrase=passphrase.encode("utf-8") if passphrase else None
        )
    except (ValueError, TypeError) as error:
        raise DomainError(
            _(
                "The certificate file could not be opened: the password is wrong or the file "
                "is not a PKCS#12 file (.p12, .pfx). Type the password again or choose "
                "another file."
            )
        ) from error
    return signer


@contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    logger = logging.getLogger("pyhanko")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def read_signatures(data: bytes) -> list[SignatureInfo]:
    """Every signature in the file, oldest first, checked offline (trust reported only)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(data), strict=False)
    found: list[SignatureInfo] = []
    for embedded in reader.embedded_signatures:
        context = ValidationContext(trust_roots=[], allow_fetching=False)
        with _quiet_pyhanko():  # an unknown issuer is reported below, not logged as an error
            status = validate_pdf_signature(embedded, context)
        level = status.modification_level
        found.append(
            SignatureInfo(
                field=embedded.field_name,
                signer=str(status.signing_cert.subject.native.get("common_name", "")),
                subject=status.signing_cert.subject.human_friendly,
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact and status.valid),
                trusted=bool(status.trusted),
                whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
                only_signatures_after=level is not None
                and level <= ModificationLevel.FORM_FILLING
                and bool(status.docmdp_ok is not False),
                signed_length=int(embedded.byte_range[2]) + int(embedded.byte_range[3]),
            )
        )
    return found


@contextmanager
def pkcs11_signer(
    module: str, pin: str, token_label: str | None = None, key_label: str | None = None
) -> Iterator[Signer]:
    """A signer on a PKCS#11 token (a SITHS card through its module, e.g. Net iD's or
    SoftHSM2's .so/.dll): the first token, or the one labelled `token_label`; the key and
    certificate labelled `key_label`, or the only ones there. The session is closed after."""
    from pkcs11.exceptions import PinIncorrect, PinLenRange, PKCS11Error
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign import pkcs11

    try:
        session = pkcs11.open_pkcs11_session(
            module,
            token_criteria=TokenCriteria(label=token_label) if token_label else None,
            user_pin=pin,
        )
    except (PinIncorrect, PinLenRange) as error:
        raise DomainError(_("The card did not accept the PIN. Type the PIN again.")) from error
    except (PKCS11Error, OSError, RuntimeError) as error:
        raise DomainError(
            _(
                "The card could not be opened through {module} ({reason}). Check that the card "
                "is in the reader and that the module path is the card software's."
            ).format(module=module, reason=str(error) or type(error).__name__)
        ) from error
    try:
        yield pkcs11.PKCS11Signer(session, cert_label=key_label, key_label=key_label)
    finally:
        session.close()
