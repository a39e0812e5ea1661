"""Paragraphs of escaped text without ReportLab's HTML parser.

Typed text reaches a PDF as markup that holds no tag but <br/> and no entity but &amp; &lt;
&gt; (meeting_pdf.markup). ReportLab reads every paragraph's markup with Python's
HTMLParser, about a fifth of laying out a protocol; this module splits such markup itself
and hands the pieces to ReportLab's own paragraph parser in the order its HTMLParser would,
so the fragments are the same (tests/unit/test_escaped_text.py compares them)."""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from naravard_desktop.documents.pdf import Para

_PIECES = re.compile(r"(<br/>|&amp;|&lt;|&gt;)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}


def escaped_paragraph(markup: str, style: Any, bullet_text: str | None = None) -> Para:
    """`Para(markup, style, bullet_text)` for markup of escaped text and line breaks."""
    text = cleanBlockQuotedText(markup)  # what Paragraph does to markup before parsing it
    parser = ParaParser()
    parser.caseSensitive = 1  # as Paragraph's
    parser._setup_for_parse(style)
    parser.start_para({})
    for piece in _PIECES.split(text):
        if piece == "<br/>":
            parser.start_br({})
            parser.end_br()
        elif piece:
            parser.handle_data(_ENTITIES.get(piece, piece))
    parser.end_para()
    parsed_style, frags, _bullet = parser._complete_parse()
    if frags is None:  # never for such markup; ReportLab's own path says why
        return Para(markup, style, bullet_text)
    textTransformFrags(frags, parsed_style)
    return Para(text, parsed_style, bullet_text, frags=frags)
