"""Skriv ut…: our own PDF (the same bytes an export writes, from documents/*_files.py) printed
through the system's print dialog, so paper and file never differ. Each page is rendered by
QtPdf at the printer's resolution (at most MAX_DPI) in bands, so a 600 dpi page never needs
one 140 MB image, and painted on the QPrinter at its true size."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QProgressDialog, QWidget

from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _
from naravard_desktop.ui.errors import show_error
from naravard_desktop.ui.meetings.view_tools import busy_cursor

MAX_DPI = 600  # finer than print needs; a printer of 1200 dpi gets 600, each pixel drawn 2×2
BAND_PIXELS = 4_000_000  # pixels rendered at a time (16 MB)
PROGRESS_FROM_PAGES = 4  # a longer print shows how far it has come, with Avbryt
POINTS_PER_INCH = 72


def print_pdf(parent: QWidget, title: str, make: Callable[[], bytes]) -> bool:
    """Make the PDF (busy cursor), let the user choose printer and pages in the system's
    dialog, print them. True when printed; False when cancelled or failed (the user was
    told why)."""
    try:
        with busy_cursor():
            data = make()
    except DomainError as error:
        show_error(parent, error, title)
        return False
    document = pdf_document(data)
    if document is None:
        show_error(
            parent,
            _(
                "The document could not be prepared for printing. Export it as PDF and print "
                "the file instead."
            ),
            title,
        )
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(True)  # our PDF has its margins: paint on the whole sheet
    printer.setPageLayout(_layout_of(document.pagePointSize(0)))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    option = QAbstractPrintDialog.PrintDialogOption
    dialog.setOptions(
        option.PrintToFile | option.PrintPageRange | option.PrintShowPageSize
        | option.PrintCollateCopies
    )  # fmt: skip
    dialog.setMinMax(1, document.pageCount())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return print_pages(parent, title, document, printer, chosen_pages(printer, document))


def pdf_document(data: bytes) -> QPdfDocument | None:
    """The PDF read by QtPdf (from memory: nothing is written to disk), or None if it
    cannot be read."""
    document = QPdfDocument()
    buffer = QBuffer(document)  # lives as long as the document reads from it
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        return None
    return document


def _layout_of(points: QSizeF) -> QPageLayout:
    """The first page's paper (A4 portrait or landscape), offered first in the dialog."""
    landscape = points.width() > points.height()
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    turn = QPageLayout.Orientation
    orientation = turn.Landscape if landscape else turn.Portrait
    size = QPageSize(portrait, QPageSize.Unit.Point)
    return QPageLayout(size, orientation, QMarginsF())


def chosen_pages(printer: QPrinter, document: QPdfDocument) -> list[int]:
    """The pages (0-based) to print in order: the range chosen in the dialog, its order, and
    the copies when the printer does not make them itself."""
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = min(printer.fromPage(), count)
        last = max(first, min(printer.toPage() or count, count))
    pages = list(range(first - 1, last))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    if printer.collateCopies():
        return pages * copies
    return [page for page in pages for _copy in range(copies)]


def print_pages(
    parent: QWidget, title: str, document: QPdfDocument, printer: QPrinter, pages: list[int]
) -> bool:
    """Paint `pages` of `document` on the printer; True when all were sent."""
    painter = QPainter()
    if not painter.begin(printer):
        show_error(
            parent,
            _("The printer could not be started. Check the printer and try again."),
            title,
        )
        return False
    progress = _progress(parent, title, len(pages))
    finished = False
    try:
        for number, page in enumerate(pages):
            if number and not printer.newPage():
                break
            _paint_page(painter, printer, document, page)
            if progress is not None:
                progress.setValue(number + 1)
                if progress.wasCanceled():
                    printer.abort()
                    return False
        finished = len(pages) > 0 and printer.printerState() != QPrinter.PrinterState.Error
    finally:
        sent = painter.end()
        if progress is not None:
            progress.close()
    if not (finished and sent):
        show_error(
            parent,
            _(
                "The printing stopped with an error from the printer. Check the printer and "
                "try again."
            ),
            title,
        )
        return False
    return True


def _progress(parent: QWidget, title: str, pages: int) -> QProgressDialog | None:
    if pages < PROGRESS_FROM_PAGES:
        return None
    progress = QProgressDialog(_("Printing…"), _("Cancel"), 0, pages, parent)
    progress.setObjectName("print_progress")
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(0)  # shown now, before the first page
    return progress


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """One page at its true size (shrunk only to fit smaller paper), centred, rendered at the
    printer's resolution in whole steps so that the bands meet without a seam."""
    resolution = printer.resolution()
    step = math.ceil(resolution / MAX_DPI)  # device pixels per rendered pixel
    sheet = printer.pageLayout().fullRectPixels(resolution)
    points = document.pagePointSize(page)
    scale = min(
        resolution / POINTS_PER_INCH,
        sheet.width() / points.width(),
        sheet.height() / points.height(),
    )
    width = max(1, int(points.width() * scale / step))  # in rendered pixels
    height = max(1, int(points.height() * scale / step))
    left = (sheet.width() - width * step) / 2
    top = (sheet.height() - height * step) / 2
    band = max(1, BAND_PIXELS // width)
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    options.setScaledSize(QSize(width, height))
    for y in range(0, height, band):
        rows = min(band, height - y)
        options.setScaledClipRect(QRect(0, y, width, rows))
        image = _on_white(document.render(page, QSize(width, rows), options))
        target = QRectF(left, top + y * step, width * step, rows * step)
        painter.drawImage(target, image)


def _on_white(image: QImage) -> QImage:
    """QtPdf leaves the paper transparent; printers and PDF files take plain white better."""
    white = QImage(image.size(), QImage.Format.Format_RGB32)
    white.fill(Qt.GlobalColor.white)
    painter = QPainter(white)
    painter.drawImage(0, 0, image)
    painter.end()
    return white
