"""PDF building blocks shared by protocols, plans and SIP reports (ReportLab, no Qt).

Embedded DejaVu fonts (å ä ö é § – extract as text), Swedish-friendly styles, a footer with
"Sida X av Y" on every page, document metadata, and conversion to PDF/A-2b for archiving.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from naravard_desktop.i18n import _
from naravard_desktop.paths import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9a9a9a")
ACCENT = colors.HexColor("#1f5f8b")

PageCallback = Callable[[Canvas, Any], None]


@dataclass(frozen=True)
class PdfInfo:
    """Document metadata; `language` is a BCP 47 tag such as "sv" or "en"."""

    title: str
    author: str = ""
    subject: str = ""
    language: str = "sv"
    keywords: str = ""


def register_fonts() -> None:
    """Register the bundled DejaVu fonts once per process."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


def stylesheet() -> dict[str, ParagraphStyle]:
    """The styles every document uses; `body` wraps, `cell` is for table cells. Registers the
    fonts, since a Paragraph resolves its font when it is created."""
    register_fonts()
    base = ParagraphStyle(
        "body", fontName=FONT, fontSize=10, leading=13.5, textColor=INK, alignment=TA_LEFT
    )
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=17, leading=21),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, textColor=MUTED),
        "heading": ParagraphStyle(
            "heading", base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8
        ),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, fontSize=9.5, leading=13),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=11.5),
        "cell_bold": ParagraphStyle(
            "cell_bold", base, fontName=FONT_BOLD, fontSize=9, leading=11.5
        ),
    }


def _numbered_canvas(footer_left: str) -> type[Canvas]:
    """A canvas that knows the page count when it draws each footer ("Sida 2 av 5")."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(18 * mm, 14 * mm, width - 18 * mm, 14 * mm)
            if footer_left:
                self.drawString(18 * mm, 9.5 * mm, footer_left)
            self.drawRightString(
                width - 18 * mm,
                9.5 * mm,
                _("Page {page} of {pages}").format(page=self._pageNumber, pages=total),
            )
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    story: list[Flowable],
    info: PdfInfo,
    *,
    pagesize: tuple[float, float] = A4,
    footer_left: str = "",
    on_page: PageCallback | None = None,
    margins_mm: tuple[float, float, float, float] = (18, 18, 18, 22),
) -> bytes:
    """Lay out `story` and return the PDF bytes. `on_page(canvas, doc)` may draw a header;
    the footer with `footer_left` and "Sida X av Y" is drawn on every page."""
    register_fonts()
    left, right, top, bottom = (value * mm for value in margins_mm)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=info.keywords,
        creator="naravard-desktop",
        lang=info.language,
        initialFontName=FONT,  # otherwise every page also selects non-embedded Helvetica
        displayDocTitle=1,
    )
    callback = on_page or _no_header
    document.build(
        story,
        onFirstPage=callback,
        onLaterPages=callback,
        canvasmaker=_numbered_canvas(footer_left),
    )
    return buffer.getvalue()


def _no_header(_canvas: Canvas, _doc: Any) -> None:
    return None


def to_pdfa(data: bytes, info: PdfInfo) -> bytes:
    """Convert to PDF/A-2b (sRGB output intent, XMP metadata) and validate; raises if the
    result does not pass. Used for what municipalities archive: protocols and kallelser."""
    import pikepdf
    from pikepdf import pdfa

    with pikepdf.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/Trans" in page.obj:  # ReportLab writes an empty /Trans on every page
                del page.obj["/Trans"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = info.title
            if info.author:
                meta["dc:creator"] = [info.author]
            if info.subject:
                meta["dc:description"] = info.subject
            meta["dc:language"] = [info.language]
            meta["pdf:Producer"] = "naravard-desktop (ReportLab, pikepdf)"
        out = BytesIO()
        pdfa.save(pdf, out, "2b")
        return out.getvalue()
