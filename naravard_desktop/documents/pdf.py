"""PDF building blocks shared by protocols, plans and SIP reports (ReportLab, no Qt).

Embedded DejaVu fonts (å ä ö é § – extract as text), Swedish-friendly styles, a footer with
"Sida X av Y" on every page, document metadata, and conversion to PDF/A-2b for archiving:
every PDF the app writes goes through `to_pdfa` (documents/pdfa.py) or `build_pdfa`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    FrameBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Table,
)

from naravard_desktop.documents.pdfa import to_pdfa
from naravard_desktop.i18n import _
from naravard_desktop.paths import resource_path

# Streams deflated only: ReportLab also wraps them in ASCII85 by default, in pure Python
# (about 5% of laying out a protocol), and pikepdf takes that off again as it saves.
rl_config.useA85 = 0

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
PageCallback = Callable[[Canvas, Any], None]


@dataclass(frozen=True)
class PdfInfo:
    """Document metadata; `language` is a BCP 47 tag such as "sv" or "en". `created` is
    when the document was made (now if None); it becomes the XMP CreateDate."""

    title: str
    author: str = ""
    subject: str = ""
    language: str = "sv"
    keywords: str = ""
    created: dt.datetime | None = None


@cache
def creator_tool() -> str:
    """ "naravard-desktop 1.2.0": the program that made the document (XMP CreatorTool)."""
    from naravard_desktop import APP_NAME, __version__

    return f"{APP_NAME} {__version__}"


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
        "body",
        fontName=FONT,
        bulletFontName=FONT,  # ReportLab's default is the non-embedded Helvetica
        fontSize=10,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
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


class Para(Paragraph):  # type: ignore[misc]  # ReportLab has no type hints
    """A Paragraph that breaks its lines once per width. Platypus asks a paragraph its size
    several times at one width (a § measured to keep it together, the KeepTogether, the
    frame, a table cell) and ReportLab's breaks the lines anew each time: about a quarter
    of laying out a protocol. The lines depend on the width alone (style and text are set)."""

    _wrapped: tuple[float, Any, Any, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth:
            _width, self._wrapWidths, self.blPara, self.height, self._width_max = wrapped
            self.width = availWidth
            return availWidth, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        if "blPara" in self.__dict__ and size == (availWidth, self.height):
            self._wrapped = (
                availWidth, self._wrapWidths, self.blPara, self.height, self._width_max
            )  # fmt: skip
        return size


class KeptTogether(KeepTogether):  # type: ignore[misc]  # ReportLab has no type hints
    """A KeepTogether measured without copying the page's frame. ReportLab's copies the
    whole frame each time it measures what it holds (platypus also makes one of these for
    every heading kept with what follows), to catch content that flowables generate as they
    are measured; ours generate none. A tenth of laying out a protocol."""

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        canvas = self.canv
        template = canvas._doctemplate
        canvas._doctemplate = None  # no template, no frame to copy
        try:
            size: tuple[float, float] = super().wrap(aW, aH)
        finally:
            canvas._doctemplate = template
        return size


class HeadedTable(KeepTogether):  # type: ignore[misc]  # ReportLab has no type hints
    """A heading (one or more flowables, without keepWithNext) and the table under it.

    When the whole fits on a page it is kept together (moved to the next page if need be).
    A table longer than a page starts where it stands as long as the heading and the table's
    first rows fit there, and splits across pages; give the table repeatRows=1 so its header
    row is repeated. `continued()` makes what stands above each further part ("2 a Barn och
    unga (forts.)"). (A plain KeepTogether would first move a long table to a new page,
    which can leave a page all but empty.)"""

    def __init__(
        self,
        heading: list[Flowable],
        table: Table,
        rows_with_heading: int = 3,
        continued: Callable[[], list[Flowable]] | None = None,
    ) -> None:
        super().__init__([*heading, table])
        self._heading = list(heading)
        self._table = table
        self._rows_with_heading = rows_with_heading
        self._continued = continued

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (avail_width, avail_height):
            self.wrap(avail_width, avail_height)
        frame = getattr(self, "_frame", None)
        if frame is None:
            return list(super().split(avail_width, avail_height))
        page_room = frame._height - frame._topPadding - frame._bottomPadding
        whole_height: float = self._H  # measured by wrap()
        if whole_height <= page_room:
            return list(super().split(avail_width, avail_height))
        heading_height = self._heading_height(avail_width)
        at_top = bool(getattr(frame, "_atTop", 0))
        if heading_height + self._rows_height(avail_width) > avail_height and not at_top:
            again = HeadedTable(
                self._heading, self._table, self._rows_with_heading, continued=self._continued
            )
            return [FrameBreak(), again]  # laid out afresh at the top of the next page
        if self._continued is None:
            return list(self._content)
        parts = self._table.split(avail_width, avail_height - heading_height)
        if len(parts) != 2:
            return list(self._content)
        first, rest = parts
        more = HeadedTable(
            self._continued(), rest, self._rows_with_heading, continued=self._continued
        )
        return [*self._heading, first, more]

    def _heading_height(self, width: float) -> float:
        height = 0.0
        for flowable in self._heading:
            height += flowable.wrap(width, 0xFFFFFF)[1]
            height += flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return height

    def _rows_height(self, width: float) -> float:
        """The height of the header row and the first rows."""
        self._table.wrap(width, 0xFFFFFF)
        rows = self._table._rowHeights[: 1 + self._rows_with_heading]
        return float(sum(rows))


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
        creator=creator_tool(),
        lang=info.language,
        initialFontName=FONT,  # otherwise every page also selects non-embedded Helvetica
        displayDocTitle=1,
    )
    document.keepTogetherClass = KeptTogether  # what keepWithNext makes
    callback = on_page or _no_header
    document.build(
        story,
        onFirstPage=callback,
        onLaterPages=callback,
        canvasmaker=_numbered_canvas(footer_left),
    )
    return buffer.getvalue()


def build_pdfa(story: list[Flowable], info: PdfInfo, **options: Any) -> bytes:
    """`build_pdf` and then `to_pdfa`: the archival PDF every document of the app is."""
    return to_pdfa(build_pdf(story, info, **options), info)


def _no_header(_canvas: Canvas, _doc: Any) -> None:
    return None
