"""Names a screen reader says for controls that carry their own words elsewhere: a search field
by its placeholder ("Filtrera på text …"), a set of tabs by its tabs' titles. Applied to each
page as it joins the window and to each form dialog as it opens; other controls are named
where they are made (a buddy label, or `accessibleName=`)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QTabWidget, QWidget


def name_unnamed(root: QWidget, title: str = "") -> None:
    """Names for the unnamed search fields and tabs in `root`, and its scroll areas named
    `title` (a page's body that scrolls as a whole is the page)."""
    for field in root.findChildren(QLineEdit):
        placeholder = field.placeholderText().strip(" ….")
        if not field.accessibleName() and placeholder and _no_buddy(field):
            field.setAccessibleName(placeholder)
    for tabs in [root, *root.findChildren(QTabWidget)]:
        if not isinstance(tabs, QTabWidget):
            continue
        if not tabs.accessibleName():
            titles = (tabs.tabText(i).replace("&", "") for i in range(tabs.count()))
            tabs.setAccessibleName(", ".join(titles))
    for scroll in root.findChildren(QScrollArea) if title else ():
        if not scroll.accessibleName():
            scroll.setAccessibleName(title)


def _no_buddy(field: QWidget) -> bool:
    window = field.window()
    return not any(label.buddy() is field for label in window.findChildren(QLabel))
