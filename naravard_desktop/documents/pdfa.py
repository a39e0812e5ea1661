"""PDF/A-2b for every PDF the app writes (documents/pdf.py `build_pdfa` calls `to_pdfa`).

Made with pikepdf alone: an sRGB output intent and the conformance declared in the XMP with
the document's metadata, saved as PDF/A asks. pikepdf.pdfa, which can do the same and
validate the result, is imported only for a document that needs more (below): importing it
takes longer than making a protocol, and its validation as long again, so the tests validate
every kind of document we write (tests/unit/test_pdfa_documents.py) instead of each export.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from io import BytesIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from naravard_desktop.documents.pdf import PdfInfo

PRODUCER = "naravard-desktop (ReportLab, pikepdf)"


def to_pdfa(data: bytes, info: PdfInfo) -> bytes:
    """`data` (a PDF from ReportLab) as PDF/A-2b with the title, author, subject, language,
    CreateDate and CreatorTool of `info`.

    A document with something pikepdf's PDF/A preparation would have to repair or refuse
    (a font not embedded, a TrueType font that is not symbolic, an annotation, an image to
    interpolate) goes through pikepdf.pdfa: prepared, written and validated, raising
    pikepdf.pdfa.PdfaError when it does not pass."""
    import pikepdf

    from naravard_desktop.documents.pdf import creator_tool

    created = (info.created or dt.datetime.now()).replace(microsecond=0)
    if created.tzinfo is None:
        created = created.astimezone()  # local time, with its offset
    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:  # ReportLab writes an empty /Trans on every page
                del page.obj["/Trans"]
        plain = _only_what_we_draw(pdf)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = info.title
            if info.author:
                meta["dc:creator"] = [info.author]
            if info.subject:
                meta["dc:description"] = info.subject
            meta["dc:language"] = [info.language]
            if info.keywords:
                meta["pdf:Keywords"] = info.keywords
            meta["xmp:CreateDate"] = created.isoformat()
            meta["xmp:ModifyDate"] = created.isoformat()
            meta["xmp:CreatorTool"] = creator_tool()
            meta["pdf:Producer"] = PRODUCER
            if plain:
                meta["pdfaid:part"] = "2"
                meta["pdfaid:conformance"] = "B"
        out = BytesIO()
        if plain:
            pdf.Root.OutputIntents = pikepdf.Array([_srgb_intent(pdf)])
            pdf.save(
                out,
                compress_streams=True,
                recompress_flate=False,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
                fix_metadata_version=False,
            )
        else:
            _save_validated(pdf, out)
        return out.getvalue()


@cache
def _srgb_profile() -> bytes:
    """The sRGB ICC profile pikepdf ships for PDF/A (read as data: pikepdf.pdfa not imported)."""
    return (files("pikepdf") / "pdfa" / "data" / "sRGB.icc").read_bytes()


def _srgb_intent(pdf: Any) -> Any:
    import pikepdf

    profile = pikepdf.Stream(pdf, _srgb_profile())
    profile.N = 3
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name("/GTS_PDFA1"),
            OutputConditionIdentifier=pikepdf.String("sRGB"),
            Info=pikepdf.String("sRGB"),
            DestOutputProfile=profile,
        )
    )


def _save_validated(pdf: Any, out: BytesIO) -> None:
    """pikepdf's PDF/A save: prepares, writes, validates; raises PdfaError if it fails."""
    from pikepdf import pdfa

    # pikepdf counts any Python warning raised while it parses a content stream as a
    # fault of the PDF; a garbage collection in that moment can raise one for an
    # unrelated object (an unclosed database connection): collect before, not during.
    gc.collect()
    gc.disable()
    try:
        pdfa.save(pdf, out, "2b")
    finally:
        gc.enable()


def _only_what_we_draw(pdf: Any) -> bool:
    """Nothing pikepdf's PDF/A preparation would repair, nor a font left out: embedded,
    symbolic fonts (ReportLab's TrueType subsets), no annotations, no interpolated images,
    no output intent or JavaScript of its own."""
    if "/OutputIntents" in pdf.Root or "/Names" in pdf.Root:
        return False
    if any("/Annots" in page.obj for page in pdf.pages):
        return False
    fonts, images = _resources(pdf)
    return all(_embedded_symbolic(font) for font in fonts) and not any(
        image.get("/Interpolate") for image in images
    )


def _resources(pdf: Any) -> tuple[list[Any], list[Any]]:
    """Every font and image a page can use: its own and those of the forms it draws."""
    fonts: list[Any] = []
    images: list[Any] = []
    seen: set[tuple[int, int]] = set()
    pending = [page.obj.get("/Resources") for page in pdf.pages]
    while pending:
        resources = pending.pop()
        if resources is None:
            continue
        fonts.extend((resources.get("/Font") or {}).values())
        for xobject in _xobjects(resources):
            if xobject.objgen in seen:
                continue
            seen.add(xobject.objgen)
            if xobject.get("/Subtype") == "/Form":
                pending.append(xobject.get("/Resources"))
            else:
                images.append(xobject)
    return fonts, images


def _xobjects(resources: Any) -> Iterator[Any]:
    yield from (resources.get("/XObject") or {}).values()


def _embedded_symbolic(font: Any) -> bool:
    described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None:
        return False
    if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
        return False
    symbolic = int(descriptor.get("/Flags", 0)) & 4
    return font.get("/Subtype") != "/TrueType" or bool(symbolic)
