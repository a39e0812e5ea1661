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
import re
from collections.abc import Iterator
from functools import cache
from importlib.resources import files
from io import BytesIO
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from naravard_desktop.documents.pdf import PdfInfo

PRODUCER = "naravard-desktop (ReportLab, pikepdf)"


def to_pdfa(data: bytes, info: PdfInfo) -> bytes:
    """`data` (a PDF from ReportLab) as PDF/A-2b with the title, author, subject, keywords,
    language, CreateDate and CreatorTool of `info`, in the XMP and the document info alike.

    A document with something pikepdf's PDF/A preparation would have to repair or refuse
    (a font not embedded, a TrueType font that is not symbolic, an annotation, an image to
    interpolate) goes through pikepdf.pdfa: prepared, written and validated, raising
    pikepdf.pdfa.PdfaError when it does not pass."""
    import pikepdf

    created = (info.created or dt.datetime.now()).replace(microsecond=0)
    if created.tzinfo is None:
        created = created.astimezone()  # local time, with its offset
    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:  # ReportLab writes an empty /Trans on every page
                del page.obj["/Trans"]
        out = BytesIO()
        if _only_what_we_draw(pdf):
            _describe(pdf, info, created)
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
            _describe(pdf, info, created)
            _save_validated(pdf, out)
        return out.getvalue()


def _describe(pdf: Any, info: PdfInfo, created: dt.datetime) -> None:
    """The XMP packet, written out here (the PDF/A identification as `<pdfaid:part>2<`, the
    shape a signer's rewrite is checked for in services/meetings/pdf_updates.py), and the
    document info agreeing with it, as PDF/A requires."""
    import pikepdf

    from naravard_desktop.documents.pdf import creator_tool

    fields = {
        "/Title": info.title,
        "/Author": info.author,
        "/Subject": info.subject,
        "/Keywords": info.keywords,
        "/Creator": creator_tool(),
        "/Producer": PRODUCER,
    }
    when = created.strftime("D:%Y%m%d%H%M%S") + _offset(created, "'")
    for key, value in fields.items():
        if value:
            pdf.docinfo[key] = pikepdf.String(_plain(value))
        elif key in pdf.docinfo:
            del pdf.docinfo[key]
    pdf.docinfo["/CreationDate"] = pikepdf.String(when)
    pdf.docinfo["/ModDate"] = pikepdf.String(when)
    pdf.Root.Metadata = pdf.make_stream(
        _xmp(info, created), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
    )


def _offset(moment: dt.datetime, separator: str) -> str:
    """+01:00 (XMP) or +01'00 (PDF date) from the moment's UTC offset."""
    minutes = int((moment.utcoffset() or dt.timedelta()).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{separator}{rest:02d}"


def _plain(text: str) -> str:
    """Text XML 1.0 can hold (no control characters), the same in the document info."""
    return _NOT_XML.sub("", text)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xmp(info: PdfInfo, created: dt.datetime) -> bytes:
    from naravard_desktop.documents.pdf import creator_tool

    def text(value: str) -> str:
        return escape(_plain(value))

    moment = created.strftime("%Y-%m-%dT%H:%M:%S") + _offset(created, ":")
    lines = [f"<dc:title>{_alt(text(info.title))}</dc:title>"]
    if info.author:
        lines.append(
            f"<dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if info.subject:
        lines.append(f"<dc:description>{_alt(text(info.subject))}</dc:description>")
    lines.append(
        f"<dc:language><rdf:Bag><rdf:li>{text(info.language)}</rdf:li></rdf:Bag></dc:language>"
    )
    if info.keywords:
        lines.append(f"<pdf:Keywords>{text(info.keywords)}</pdf:Keywords>")
    lines += [
        f"<pdf:Producer>{text(PRODUCER)}</pdf:Producer>",
        f"<xmp:CreatorTool>{text(creator_tool())}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{moment}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{moment}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{moment}</xmp:MetadataDate>",
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
    ]
    body = "\n      ".join(lines)
    return (_XMP_HEAD + body + _XMP_TAIL).encode("utf-8")


def _alt(value: str) -> str:
    return f'<rdf:Alt><rdf:li xml:lang="x-default">{value}</rdf:li></rdf:Alt>'


_XMP_HEAD = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
        xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      """
_XMP_TAIL = """
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


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
    # When collection is paused (the window renders on a worker thread, ui/background.py),
    # it stays paused: no collection on this thread, none turned back on.
    enabled = gc.isenabled()
    if enabled:
        gc.collect()
        gc.disable()
    try:
        pdfa.save(pdf, out, "2b")
    finally:
        if enabled:
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
