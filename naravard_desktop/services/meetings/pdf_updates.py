"""Whether the updates appended to an approved PDF add only signature fields and signatures
(and keep it PDF/A-2b): checked object by object up to the first signature, and by pyHanko's
difference analysis after it (which needs the form to exist already)."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any


def revisions_in(pdf: bytes) -> int:
    """How many revisions (xref sections) a PDF has: the approved PDF is one."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(BytesIO(pdf), strict=False).xrefs.total_revisions)


def _raw(value: Any) -> object:
    """A value compared as stored: an indirect reference by its number, not its content."""
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.IndirectObject | generic.Reference):
        return ("ref", value.idnum, value.generation)
    if isinstance(value, generic.ArrayObject):
        return tuple(_raw(v) for v in value)
    if isinstance(value, generic.DictionaryObject):
        return tuple(sorted((str(k), _raw(value.raw_get(k))) for k in value))
    return repr(value)


# What an update that adds signature fields or signatures may change in objects that were
# already there: the catalog gets /AcroForm (and /Perms), a page its /Annots, the form its
# fields, an empty signature field its value and appearance.
# The signing tool's name and time in the document information (pyHanko keeps it and the XMP
# metadata in step, as PDF/A asks), the PDF version and the declared extensions (ESIC for
# PAdES) may change too.
_MAY_CHANGE = frozenset(
    {
        "/AcroForm",
        "/Perms",
        "/Annots",
        "/Fields",
        "/SigFlags",
        "/DR",
        "/DA",
        "/ModDate",
        "/Producer",
        "/Version",
        "/Extensions",
    }
)


def _still_pdfa(stream: Any) -> bool:
    """The rewritten XMP metadata still says PDF/A-2b."""
    xmp = bytes(stream.data)
    return bool(
        re.search(rb"pdfaid:part(>|=\")2", xmp) and re.search(rb"pdfaid:conformance(>|=\")B", xmp)
    )


def _is_signature_field(obj: Any) -> bool:
    return bool(obj.get("/FT") == "/Sig" or obj.get("/Subtype") == "/Widget")


def _revision_adds_only_fields(reader: Any, revision: int) -> bool:
    from pyhanko.pdf_utils import generic

    before = reader.get_historical_resolver(revision - 1)
    after = reader.get_historical_resolver(revision)
    for ref in reader.xrefs.explicit_refs_in_revision(revision):
        if reader.xrefs.get_introducing_revision(ref) >= revision:
            continue  # a new object: reachable only through what is checked here
        old = before(ref)
        if isinstance(old, generic.NullObject):
            continue
        new = after(ref)
        if not isinstance(new, generic.DictionaryObject) or not isinstance(
            old, generic.DictionaryObject
        ):
            return False  # a changed value
        if isinstance(old, generic.StreamObject):
            metadata = old.get("/Type") == "/Metadata"
            if metadata and isinstance(new, generic.StreamObject) and _still_pdfa(new):
                continue
            return False  # a changed stream: page content, font, image
        if _is_signature_field(old):
            continue  # an empty field gets its signature value and appearance
        for key in set(old) | set(new):
            if key in _MAY_CHANGE:
                continue
            if _raw(old.raw_get(key) if key in old else None) != _raw(
                new.raw_get(key) if key in new else None
            ):
                return False
        for annot in new.get("/Annots", ()) if "/Annots" in new else ():
            if annot.get_object().get("/Subtype") != "/Widget":
                return False
    return True


def only_forms_added(data: bytes, base_revisions: int) -> bool:
    """Whether every update after the first `base_revisions` revisions only adds signature
    fields, signatures or form values: nothing a reader sees in the approved pages changed.
    Up to the first signature each update is checked object by object here; after it,
    pyHanko's difference analysis judges (it needs the form to exist already)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel

    reader = PdfFileReader(BytesIO(data), strict=False)
    total = int(reader.xrefs.total_revisions)
    if total <= base_revisions:
        return True
    signed = [int(s.signed_revision) for s in reader.embedded_signatures]
    first = min(signed) if signed else total - 1
    for revision in range(base_revisions, first + 1):
        if not _revision_adds_only_fields(reader, revision):
            return False
    if first >= total - 1:
        return True
    result = DEFAULT_DIFF_POLICY.review_file(reader, first)
    return (
        isinstance(result, DiffResult)
        and result.modification_level <= ModificationLevel.FORM_FILLING
    )
