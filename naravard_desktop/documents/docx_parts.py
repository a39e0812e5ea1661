"""python-docx building blocks for the app's Word documents, and the page both documents
share: A4 with the PDFs' margins, the footer with "Sida X av Y" (no layout of content here).

python-docx starts every document from its own template. What that template carries that is
not ours is removed by `clean_package` and `clean_settings`: the thumbnail, the customXml part,
Word 2010's stylesWithEffects, app.xml naming "Microsoft Macintosh Word" with a stale page
and word count, the template's revision ids and document id.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from naravard_desktop import i18n
from naravard_desktop.documents.typography import keep_together
from naravard_desktop.i18n import _

# The PDFs' page (documents/pdf.build_pdf): A4, 18 mm at the sides and top, 22 mm below.
PAGE_MM = (210, 297)
MARGIN_MM = 18
BOTTOM_MM = 22
TEXT_WIDTH_MM = PAGE_MM[0] - 2 * MARGIN_MM
MUTED = "5A5A5A"  # the PDFs' grey text
RULE = "9A9A9A"  # and their lines
_LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
# An ISO date (2024-06-30), whose hyphens must not end a line.
_ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# Parts of python-docx's template that no document of ours has.
_UNWANTED_RELATIONSHIPS = (
    "/metadata/thumbnail",
    "/relationships/customXml",
    "/relationships/stylesWithEffects",
)
# The order of w:pPr's children (ECMA-376 CT_PPr) up to w:pBdr and what follows it.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_TRPR_ORDER = (
    "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
    "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
    "w:ins", "w:del", "w:trPrChange",
)  # fmt: skip
# docProps/app.xml: the program, and no counts (Pages, Words …) that nothing keeps up to date.
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{application}</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def qn(tag: str) -> str:
    """The Clark name ("{namespace}local") of a "w:…", "w14:…" or "xml:…" tag."""
    from docx.oxml.ns import qn as docx_qn

    if tag.startswith("w14:"):  # not in python-docx's namespace map
        return f"{{{W14}}}{tag[4:]}"
    return str(docx_qn(tag))


def element(tag: str, **attributes: str) -> Any:
    """A new element; attribute names as "w:val" (qualified) or "val" (taken as w:val)."""
    from docx.oxml import OxmlElement

    made = OxmlElement(tag)
    for key, value in attributes.items():
        made.set(qn(key if ":" in key else f"w:{key}"), value)
    return made


def set_fonts_and_language(rpr: Any, font: str, language: str) -> None:
    """`font` for every script (also complex scripts: Arabic, Hebrew) instead of theme fonts,
    and `language` so Word and LibreOffice check the spelling in it. `rpr` is a w:rPr."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = element("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for kind in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{kind}"), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = element("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def document_defaults_rpr(document: Any) -> Any | None:
    """The w:rPr of the document defaults (styles.xml w:docDefaults), made if missing."""
    holder = document.styles.element.find(qn("w:docDefaults"))
    if holder is None:
        return None
    for tag in ("w:rPrDefault", "w:rPr"):
        child = holder.find(qn(tag))
        if child is None:
            child = element(tag)
            holder.insert(0, child)
        holder = child
    return holder


def clean_settings(document: Any, language: str) -> None:
    """Word settings without the template's traces: no preview picture saved on the next
    save, no claim that the spelling was checked, no revision ids or document id of the
    template; theme fonts and field arithmetic in the document's language."""
    settings = document.settings.element
    for tag in ("w:savePreviewPicture", "w:proofState", "w:rsids", "w14:docId"):
        for found in settings.findall(qn(tag)):
            settings.remove(found)
    for found in settings.findall(qn("w:themeFontLang")):
        found.set(qn("w:val"), language)
    comma_decimals = language.split("-")[0] in ("sv", "da", "nb", "nn", "fi", "de", "fr")
    for tag, value in (
        ("w:decimalSymbol", "," if comma_decimals else "."),
        ("w:listSeparator", ";" if comma_decimals else ","),
    ):
        for found in settings.findall(qn(tag)):
            found.set(qn("w:val"), value)


def clean_package(document: Any, application: str) -> None:
    """Drop the template's thumbnail, customXml and stylesWithEffects (a part that nothing
    relates to is not written) and give docProps/app.xml `application` as the program."""
    package = document.part.package
    for part in (package, document.part):
        for rid, relationship in list(part.rels.items()):
            if relationship.reltype.endswith(_UNWANTED_RELATIONSHIPS):
                del part.rels[rid]
    for relationship in package.rels.values():
        if relationship.reltype.endswith("/extended-properties"):
            relationship.target_part._blob = _APP_XML.format(
                application=escape(application)
            ).encode()


def set_up_page(document: Any, font: str) -> str:
    """A4 with the PDFs' margins and footer distance; `font` at 10.5 pt in the current
    language for the document defaults and the Normal style; Word settings cleaned. Returns
    the language tag ("sv-SE") for the document's properties."""
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_MM), Mm(BOTTOM_MM)
    section.header_distance, section.footer_distance = Mm(9), Mm(8)
    language = _LANGUAGE_TAGS.get(i18n.current_language(), "sv-SE")
    defaults = document_defaults_rpr(document)
    if defaults is not None:
        set_fonts_and_language(defaults, font, language)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    set_fonts_and_language(normal.element.get_or_add_rPr(), font, language)
    clean_settings(document, language)
    return language


def margin_paragraph(document: Any, part: Any) -> Any:
    """The one paragraph of a header or footer: its own (not the previous section's), in the
    Normal style, with a right tab stop at the edge of the text."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    part.is_linked_to_previous = False
    paragraph = tight(part.paragraphs[0])
    paragraph.style = document.styles["Normal"]
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    return paragraph


def page_footer(document: Any, footer: Any, label: str) -> None:
    """As the PDFs' footer: `label` left and "Sida X av Y" right (the words from the catalog,
    the numbers as PAGE and NUMPAGES fields, which Word and LibreOffice compute), small and
    grey under a rule."""
    from docx.shared import Pt

    paragraph = margin_paragraph(document, footer)
    border(paragraph, "top", eighths=4, color=RULE, space=4)
    text(paragraph, label, size=Pt(8), color=MUTED).add_tab()
    for piece in re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}")):
        if piece in ("{page}", "{pages}"):
            for part in field_parts("PAGE" if piece == "{page}" else "NUMPAGES"):
                run = paragraph.add_run()
                format_run(run, size=Pt(8), color=MUTED)
                run._r.append(part)
        elif piece:
            format_run(paragraph.add_run(piece), size=Pt(8), color=MUTED)


def picture(paragraph: Any, png: bytes, width_mm: float, title: str, description: str) -> Any:
    """`png` in `paragraph`, `width_mm` wide, with the title and description (alt text) that
    Word's Alt Text pane shows and screen readers say."""
    from docx.shared import Mm

    shape = paragraph.add_run().add_picture(BytesIO(png), width=Mm(width_mm))
    properties = shape._inline.docPr
    properties.set("title", title)
    properties.set("descr", description)
    return shape


def add_line(run: Any, line: str) -> None:
    """`line` (no line breaks) into `run`, with Word's non-breaking hyphen in ISO dates so
    that "2024-06-30" never ends a line at a hyphen. <w:noBreakHyphen/> is what Word itself
    writes for Ctrl+Shift+-: Word draws it with the font's hyphen (the font needs no glyph
    for U+2011) and LibreOffice reads it as its own non-breaking hyphen. "§ 12", "kl. 13.00"
    and "28 maj 2026" get non-breaking spaces (typography.keep_together)."""
    line = keep_together(line)
    start = 0
    for match in _ISO_DATE.finditer(line):
        if match.start() > start:
            run._r.add_t(line[start : match.start()])
        for index, digits in enumerate(match.groups()):
            if index:
                run._r.append(element("w:noBreakHyphen"))
            run._r.add_t(digits)
        start = match.end()
    if start < len(line) or not line:
        run._r.add_t(line[start:])


def text(paragraph: Any, content: str, **formatting: Any) -> Any:
    """Add `content` as runs (control characters removed), its line breaks as real line
    breaks, ISO dates with non-breaking hyphens; `formatting` as for `format_run`. Returns
    the last run."""
    from naravard_desktop.documents.meeting_text import clean

    run = None
    for number, line in enumerate(clean(content).split("\n")):
        run = paragraph.add_run()
        if number:
            run.add_break()
        add_line(run, line)
        format_run(run, **formatting)
    return run


def format_run(run: Any, **formatting: Any) -> None:
    """color="5A5A5A", size=Pt(9), or any run attribute (bold=True, italic=True)."""
    from docx.shared import RGBColor

    for name, value in formatting.items():
        if name == "color":
            run.font.color.rgb = RGBColor.from_string(value)
        elif name == "size":
            run.font.size = value
        else:
            setattr(run, name, value)


def tight(paragraph: Any, after: float = 0) -> Any:
    """No space before the paragraph, `after` points after it."""
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def borderless(table: Any, widths_mm: list[float]) -> None:
    """Fixed column widths (a table without a style has no borders)."""
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def rule(document: Any, color: str, *, space_before: float = 0, space_after: float = 4) -> None:
    """A 1.2 pt line across the text width: a 2 pt high paragraph with a bottom border."""
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing = Pt(2)
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(space_after)
    border(paragraph, "bottom", eighths=10, color=color, space=0)


def border(paragraph: Any, side: str, *, eighths: int, color: str, space: int = 1) -> None:
    """A line along `side` ("top", "bottom") of a paragraph, `eighths` of a point thick."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = _insert_in_order(properties, element("w:pBdr"), _PPR_ORDER)
    line = element(f"w:{side}", val="single", sz=str(eighths), space=str(space), color=color)
    _insert_in_order(borders, line, ("w:top", "w:left", "w:bottom", "w:right", "w:between"))


def cant_split(row: Any) -> None:
    """Keep a table row on one page (w:trPr/w:cantSplit; python-docx has no property)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        _insert_in_order(properties, element("w:cantSplit"), _TRPR_ORDER)


def _insert_in_order(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
    """Insert `child` into `parent` before the first sibling the schema puts after it."""
    tag = next(name for name in order if qn(name) == child.tag)
    later = {qn(name) for name in order[order.index(tag) + 1 :]}
    successor = next((node for node in parent if node.tag in later), None)
    if successor is None:
        parent.append(child)
    else:
        successor.addprevious(child)
    return child


def field_parts(instruction: str) -> list[Any]:
    """The elements of a complex field (begin, instruction, separate, shown value "1", end),
    each for a run of its own: Word and LibreOffice compute the value when they lay out."""
    code = element("w:instrText", **{"xml:space": "preserve"})
    code.text = f" {instruction} "
    shown = element("w:t")
    shown.text = "1"
    return [
        element("w:fldChar", fldCharType="begin"),
        code,
        element("w:fldChar", fldCharType="separate"),
        shown,
        element("w:fldChar", fldCharType="end"),
    ]


# Word's own watermark (Design › Watermark): a VML WordArt shape in the page header, behind
# the text, centred on the page's margins. LibreOffice reads it as its watermark too.
_WATERMARK = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>
<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>
<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>
<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>
<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom"
 o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight"
 xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype><v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{spid}"
 type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:{width}pt;
height:{height}pt;rotation:{rotation};z-index:-251657216;mso-position-horizontal:center;
mso-position-horizontal-relative:margin;mso-position-vertical:center;
mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#{color}" stroked="f">
<v:fill opacity="1"/><v:textpath style="font-family:&quot;{font}&quot;;font-size:1pt;
font-weight:bold" string="{text}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape>
</w:pict></w:r>"""


def watermark(
    paragraph: Any, text: str, *, font: str, color: str, number: int, angle: float
) -> None:
    """`text` as a light diagonal watermark behind every page that shows the header holding
    `paragraph`; `angle` in degrees counter-clockwise, `number` unique in the document."""
    from docx.oxml import parse_xml

    size = 60.0  # points; the shape's box sets the size, its width follows the text
    width = size * 0.56 * max(len(text), 1)  # about Calibri Bold's average advance
    xml = _WATERMARK.format(
        number=number,
        spid=2048 + number,
        width=f"{width:.1f}",
        height=f"{size:.1f}",
        rotation=f"{(360 - angle) % 360:.1f}",
        color=color,
        font=escape(font, {'"': "&quot;"}),
        text=escape(text, {'"': "&quot;"}),
    )
    paragraph._p.append(parse_xml(xml.replace("\n", " ")))
