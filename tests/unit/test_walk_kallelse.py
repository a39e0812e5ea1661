"""The kallelse of a meeting made from the standard agenda, as exported walking the
secretary's day under Xvfb (issue 10)."""

from __future__ import annotations

from dataclasses import replace

from naravard_desktop.documents.kallelse_pdf import kallelse_pdf
from tests.unit.test_protocol_documents import _items, _meeting, _pages


def test_a_kallelse_without_planned_minutes_does_not_start_every_item_at_13() -> None:
    """The standard agenda has no minutes, so every item's planned start is the meeting's:
    the kallelse listed 13.00 beside all nine items, as if they all began at once. Without
    minutes the time column is left empty; the heading and the end row keep their times."""
    items = tuple(
        replace(item, planned_minutes=None, planned_start=_items()[0].planned_start)
        for item in _items()
    )
    text = "\n".join(_pages(kallelse_pdf(_meeting(items=items))))
    assert "kl. 13.00–15.30" in text
    assert text.count("13.00") == 1
    assert "Mötet slutar\n 15.30" in text
    timed = "\n".join(_pages(kallelse_pdf(_meeting())))
    assert "13.05" in timed  # with minutes the times are there as before
