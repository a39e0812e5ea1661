"""`naravard-desktop` and `python -m naravard_desktop`: a command runs headless, none opens
the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# The exit code when the reader of our output went away (`naravard-desktop … | head -1`):
# 141 = 128 + SIGPIPE, what a shell reports for a conventional tool such as `cat` or `yes` that
# the closed pipe ended, so `set -o pipefail` scripts see the same as with those tools.
EXIT_CLOSED_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run, and end quietly with EXIT_CLOSED_PIPE when stdout is a pipe closed by its reader.

    Buffered output meets the closed pipe only when flushed, so stdout is flushed here, where the
    error can still be caught, rather than at interpreter exit (also when argparse exits after
    --help). Unbuffered output (PYTHONUNBUFFERED) meets it in a command's print, which cli.run
    lets through; argparse itself swallows a failed write of its help text, which then ends
    quietly with 0."""
    try:
        try:
            return _main(sys.argv[1:] if argv is None else argv)
        finally:
            if sys.stdout is not None:  # None in a windowed build without a console
                sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can reach the reader; point stdout at devnull so that the interpreter's
        # own flush at exit does not fail again and print "Exception ignored …".
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):  # stdout is no file (replaced in-process): nothing to do
            pass
        return EXIT_CLOSED_PIPE


def _main(argv: Sequence[str]) -> int:
    from naravard_desktop.logging_setup import configure_logging
    from naravard_desktop.paths import set_up_portable

    arguments = list(argv)
    set_up_portable(arguments)  # before the log: in portable mode it is beside the program
    configure_logging()
    window = _window_arguments(arguments)
    if window is not None:
        from naravard_desktop.app import run_gui

        return run_gui(window)

    from naravard_desktop import cli
    from naravard_desktop.i18n import current_language, set_language

    set_language(cli.pre_parse_language(arguments))
    parser = cli.build_parser()
    _add_window_group(parser)
    args = parser.parse_args(arguments)
    if args.command is not None and args.window_group is not None:
        _group_for_command(parser, args)
    if args.lang and args.lang != current_language():
        set_language(args.lang)
    if args.command is not None:
        _interrupt_on_terminate()
        return cli.run(args)
    from naravard_desktop.app import run_gui

    return run_gui(args)


# The options a start of the window takes, and whether each takes a value.
_WINDOW_OPTIONS = {"--database": True, "--lang": True, "--group": True, "--portable": False}


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's start read without building the commands' parser (which imports every
    command module): only --database, --lang, --group and --portable, each well formed.
    Anything else (a command, --help, a mistake) is None and goes to the parser, which
    runs it or explains it."""
    found: dict[str, str] = {}
    words = list(argv)
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=")
        takes_value = _WINDOW_OPTIONS.get(name)
        if takes_value is None or name in found or (equals and not takes_value):
            return None
        if takes_value and not equals:
            if not words or words[0].startswith("-"):
                return None
            value = words.pop(0)
        found[name] = value
    group = found.get("--group")
    if found.get("--lang", "sv") not in ("sv", "en") or (group is not None and not group.isdigit()):
        return None
    return argparse.Namespace(
        database=found.get("--database"),
        lang=found.get("--lang"),
        window_group=int(group) if group is not None else None,
    )


def _add_window_group(parser: argparse.ArgumentParser) -> None:
    """--group ID before any command: the group the window opens on (a command's own
    --group, after its name, is the command's)."""
    from naravard_desktop.cli.core import whole_number
    from naravard_desktop.i18n import _

    parser.add_argument(
        "--group",
        dest="window_group",
        type=whole_number,
        metavar="ID",
        help=_("the group the window opens on (default: the one used last)"),
    )


def _group_for_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`naravard-desktop --group 2 members list` means the command's --group; a command
    that works on no single group refuses it rather than ignore it."""
    from naravard_desktop.i18n import _

    if not hasattr(args, "group"):
        parser.error(
            _("{command} does not work on one group: leave out --group.").format(
                command=args.command
            )
        )
    if args.group is None:
        args.group = args.window_group


def _interrupt_on_terminate() -> None:
    """A command ended with SIGTERM (a closed terminal, a `timeout`) stops as on Ctrl+C, so
    what it was writing is removed (a half backup copy holds names) instead of left behind."""
    import signal

    def interrupt(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


if __name__ == "__main__":
    sys.exit(main())
