"""argparse's own words ("usage:", "options", "invalid choice" …) through our catalog.

argparse translates with module-level `_` and `ngettext` (`from gettext import gettext as _,
ngettext` in its source), looked up when each message is made. `install()` points them at the
translations below, so the Swedish CLI says "användning:" and "flaggor" like the rest of it.

Each word is an English key exactly as Python 3.11's argparse passes it, mapped to a literal
`_()` call the extractor sees; words argparse uses only for a programmer's mistake (conflicting
options, a missing dest …) are left out, and any word not listed (a newer argparse's) stays as
argparse wrote it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from naravard_desktop.i18n import _, ngettext


def _words() -> dict[str, str]:
    return {
        "usage: ": _("usage: "),
        "positional arguments": _("positional arguments"),
        "options": _("options"),
        "show this help message and exit": _("show this help message and exit"),
        "%(prog)s: error: %(message)s\n": _("%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": _("argument %(argument_name)s: %(message)s"),
        "the following arguments are required: %s": _("the following arguments are required: %s"),
        "one of the arguments %s is required": _("one of the arguments %s is required"),
        "not allowed with argument %s": _("not allowed with argument %s"),
        "unrecognized arguments: %s": _("unrecognized arguments: %s"),
        "invalid choice: %(value)r (choose from %(choices)s)": _(
            "invalid choice: %(value)r (choose from %(choices)s)"
        ),
        "unknown parser %(parser_name)r (choices: %(choices)s)": _(
            "unknown parser %(parser_name)r (choices: %(choices)s)"
        ),
        "invalid %(type)s value: %(value)r": _("invalid %(type)s value: %(value)r"),
        "expected one argument": _("expected one argument"),
        "expected at most one argument": _("expected at most one argument"),
        "expected at least one argument": _("expected at least one argument"),
        "ambiguous option: %(option)s could match %(matches)s": _(
            "ambiguous option: %(option)s could match %(matches)s"
        ),
        "ignored explicit argument %r": _("ignored explicit argument %r"),
        "unexpected option string: %s": _("unexpected option string: %s"),
    }


def _plurals() -> dict[tuple[str, str], Callable[[int], str]]:
    return {
        ("expected %s argument", "expected %s arguments"): lambda n: ngettext(
            "expected %s argument", "expected %s arguments", n
        ),
    }


def translate(message: str | None) -> str | None:
    """argparse's `_`: it also passes None (a subparser group without a description)."""
    if not message:
        return message
    return _words().get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """argparse's `ngettext`."""
    forms = _plurals().get((singular, plural))
    if forms is not None:
        return forms(n)
    return singular if n == 1 else plural


def install() -> None:
    """Make argparse speak the current language (set_language may change it afterwards: each
    message is translated when argparse makes it)."""
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
