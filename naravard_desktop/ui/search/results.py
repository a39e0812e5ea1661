"""The search box's list: a heading for each kind of hit, then its hits, each drawn as its
title over a line of the text around the match, with the date and § (or the plan) on the
right. Headings can be neither selected nor reached with the arrow keys."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from naravard_desktop.i18n import _, format_date, format_iso_date, pgettext
from naravard_desktop.services.search.read_models import Found, FoundGroup, FoundKind

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the Heading or Found of a row
MARGIN = 8  # px around a row's texts
GAP = 16  # px between the title and the text on the right


@dataclass(frozen=True)
class Heading:
    kind: FoundKind
    more: bool  # more of this kind were found than are listed


Row = Heading | Found


def title_of(found: Found) -> str:
    if found.kind is FoundKind.MEETING and found.held_on is not None:
        return _("Meeting {date}").format(date=format_date(found.held_on))
    return found.title


def snippet_of(found: Found) -> str:
    if found.kind is FoundKind.MEETING:
        return found.title  # the place
    if found.kind is FoundKind.ACTION and found.snippet:
        return _("Responsible: {who}").format(who=found.snippet)
    return found.snippet


def where_of(found: Found) -> str:
    """The date and § of an agenda item's hit, an activity's plan."""
    if found.kind is FoundKind.ACTIVITY:
        return found.plan_title
    if found.kind is FoundKind.MEETING or found.held_on is None:
        return ""
    if found.paragraph is None:
        return format_iso_date(found.held_on)
    return f"{format_iso_date(found.held_on)} § {found.paragraph}"


def heading_text(heading: Heading) -> str:
    return {
        FoundKind.MEETING: pgettext("search heading", "Meetings"),
        FoundKind.ITEM: pgettext("search heading", "Agenda items"),
        FoundKind.DECISION: pgettext("search heading", "Decisions"),
        FoundKind.ACTION: pgettext("search heading", "Action items"),
        FoundKind.ACTIVITY: pgettext("search heading", "Activities"),
        FoundKind.MEMBER: pgettext("search heading", "Members"),
    }[heading.kind]


def spoken_kind(found: Found) -> str:
    """What a screen reader says before a hit: the kind of thing it is."""
    return {
        FoundKind.MEETING: pgettext("search hit", "Meeting"),
        FoundKind.ITEM: pgettext("search hit", "Agenda item"),
        FoundKind.DECISION: pgettext("search hit", "Decision"),
        FoundKind.ACTION: pgettext("search hit", "Action item"),
        FoundKind.ACTIVITY: pgettext("search hit", "Activity"),
        FoundKind.MEMBER: pgettext("search hit", "Member"),
    }[found.kind]


class ResultsModel(QAbstractListModel):
    """Headings and hits in one list."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_groups(self, groups: list[FoundGroup]) -> None:
        self.beginResetModel()
        self._rows = []
        for group in groups:
            self._rows.append(Heading(group.kind, group.more))
            self._rows.extend(group.hits)
        self.endResetModel()

    def hits(self) -> list[Found]:
        return [row for row in self._rows if isinstance(row, Found)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if isinstance(self._row(index), Found):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self._row(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if isinstance(row, Heading):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return heading_text(row)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return title_of(row)
        if role == Qt.ItemDataRole.ToolTipRole:  # both lines whole, however narrow the box
            return "\n".join(text for text in (title_of(row), snippet_of(row)) if text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [spoken_kind(row), title_of(row), where_of(row), snippet_of(row)]
            return ", ".join(part for part in parts if part)
        return None

    def _row(self, index: Index) -> Row | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]


class ResultDelegate(QStyledItemDelegate):
    """A hit as two lines (title; the text around the match, smaller and dimmer) with its
    date and § on the right; a heading as a small bold caption with air above it, and "more
    found" on the right when the kind has more hits than are shown."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        if not isinstance(index.data(ROW_ROLE), Found):
            return QSize(200, line + MARGIN + 6)
        return QSize(200, 2 * line + 2 * MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = index.data(ROW_ROLE)
        painter.save()
        if isinstance(row, Heading):
            self._paint_heading(painter, option.rect, option.palette, option.font, row)
        elif isinstance(row, Found):
            self._paint_hit(painter, option, row)
        painter.restore()

    def _paint_hit(self, painter: QPainter, option: QStyleOptionViewItem, found: Found) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        font: QFont = option.font
        widget: QWidget | None = option.widget
        # The row's background (selected, hovered) as the style draws it; the texts are ours.
        # Not initStyleOption and CE_ItemViewItem: they ask the model for a dozen roles.
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        inner = rect.adjusted(MARGIN + 8, MARGIN, -MARGIN, -MARGIN)
        metrics = QFontMetrics(font)
        line = metrics.height()

        where = where_of(found)
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        small_metrics = QFontMetrics(small)
        where_width = small_metrics.horizontalAdvance(where) if where else 0
        # Each text drawn at its baseline: a rectangle with alignment flags lays it out
        # again (a third slower, and a search paints some thirty lines).
        small_raise = (line - small_metrics.height()) // 2 + small_metrics.ascent()
        painter.setFont(small)
        painter.setPen(palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText))
        if where:
            painter.drawText(QPoint(inner.right() - where_width, inner.top() + small_raise), where)
        snippet = snippet_of(found)
        if snippet:
            shown = small_metrics.elidedText(snippet, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(QPoint(inner.left(), inner.top() + line + small_raise), shown)
        painter.setFont(font)
        painter.setPen(palette.color(text_role))
        title_width = inner.width() - (where_width + GAP if where else 0)
        title = metrics.elidedText(title_of(found), Qt.TextElideMode.ElideRight, title_width)
        painter.drawText(QPoint(inner.left(), inner.top() + metrics.ascent()), title)

    def _paint_heading(
        self, painter: QPainter, rect: QRect, palette: QPalette, font: QFont, heading: Heading
    ) -> None:
        bold = QFont(font)
        bold.setBold(True)
        area = rect.adjusted(MARGIN, 6, -MARGIN, 0)
        painter.setFont(bold)
        # A heading is a row that cannot be chosen, which Qt greys: drawn as active text.
        painter.setPen(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(area, left, heading_text(heading))
        if heading.more:
            painter.setFont(font)
            painter.setPen(
                palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
            )
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _("More found: type more words"),
            )
