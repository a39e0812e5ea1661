"""A paragraph of typed text is split without ReportLab's HTML parser
(documents/escaped_text.py); its fragments (text, font, size, colour, line breaks) are the
ones ReportLab's parser makes of the same markup, for any text: spaces, tabs, blank lines,
non-breaking spaces, & < >, Swedish letters, characters the font lacks, a bullet."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from naravard_desktop.documents.escaped_text import escaped_paragraph
from naravard_desktop.documents.meeting_pdf import markup, meeting_styles

STYLES = meeting_styles()
TYPED = st.text(
    alphabet=st.sampled_from(list("ab xÅäö§1 2.;–\u00a0\u202f\t\n\r&<>\U0001f600\u0627")),
    max_size=40,
)


def _fragments(paragraph: Any) -> list[list[tuple[str, str]]]:
    return [sorted((k, repr(v)) for k, v in vars(frag).items()) for frag in paragraph.frags]


@given(text=TYPED, style=st.sampled_from(["text", "body", "item_title", "bullet", "note"]))
def test_the_fragments_are_those_reportlabs_parser_makes(text: str, style: str) -> None:
    chosen = STYLES[style]
    bullet = "•" if style == "bullet" else None
    escaped = markup(text, chosen.fontName)
    ours = escaped_paragraph(escaped, chosen, bullet)
    theirs = Paragraph(escaped, chosen, bullet)
    assert _fragments(ours) == _fragments(theirs)
    assert (ours.text, ours.bulletText) == (theirs.text, theirs.bulletText)
    assert ours.style is theirs.style


def test_line_breaks_and_escaped_characters_reach_the_page() -> None:
    typed = markup("Beslut: A & B <1>\nrad två", "DejaVuSans")
    paragraph = escaped_paragraph(typed, STYLES["text"])
    assert [frag.text for frag in paragraph.frags] == [
        "Beslut: A ", "&", " B ", "<", "1", ">", "", "rad två",
    ]  # fmt: skip
    assert [bool(getattr(frag, "lineBreak", False)) for frag in paragraph.frags].count(True) == 1
