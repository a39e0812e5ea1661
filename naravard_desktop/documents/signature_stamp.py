"""The visible part of an e-signature in a protocol's signature field."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from naravard_desktop.documents.pdf import FONT, INK, register_fonts


def signature_stamp(width: int, height: int, lines: Sequence[str]) -> bytes:
    """A one-page PDF of `width` × `height` points: the signer and the time in the protocol's
    embedded font (the text stamps of pyHanko would use a font that is not embedded, which
    PDF/A forbids)."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    out = BytesIO()
    canvas = Canvas(out, pagesize=(width, height), initialFontName=FONT, initialFontSize=7.5)
    canvas.setFillColor(INK)
    canvas.setFont(FONT, 7.5)
    y = height - 11.0
    for line in lines:
        canvas.drawString(4, y, line)
        y -= 9.5
    canvas.showPage()
    canvas.save()
    return out.getvalue()
