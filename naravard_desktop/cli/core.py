"""Parser, registration and running of the headless commands.

Conventions for every command: a problem is one readable line on stderr and a non-zero exit,
never a traceback; list commands print one row per line starting with the id, or a JSON list
of objects with at least `id` with `--json`; `--group` may be left out when the database holds
one group; `--database` and `--lang` are accepted before or after the command.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from naravard_desktop.cli import argparse_words
from naravard_desktop.errors import DomainError
from naravard_desktop.i18n import _

if TYPE_CHECKING:
    from naravard_desktop.services.system.database import Database

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_ERROR = 2

Handler = Callable[[argparse.Namespace, TextIO], int]
Row = TypeVar("Row")


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """--database and --lang, accepted before or after the subcommand."""
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--database",
        metavar=_("PATH_OR_URL"),
        default=default,
        help=_("database file or URL (default: NARAVARD_DATABASE or the user data folder)"),
    )
    parser.add_argument(
        "--lang", choices=["sv", "en"], default=default, help=_("language (sv or en)")
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        default=default,
        help=_(
            "keep the database, settings, backups and log in a folder “data” beside the "
            "program, e.g. on a USB stick (a file portable.txt there does the same)"
        ),
    )


def whole_number(text: str) -> int:
    """`type=` of number options: a Swedish reason instead of argparse's "invalid int value"."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a whole number").format(value=text)
        ) from None


def add_group_option(command: argparse.ArgumentParser) -> None:
    """--group ID, the same for every command that works on one group."""
    command.add_argument(
        "--group",
        type=whole_number,
        metavar="ID",
        help=_("the group's id (needed when the database holds more than one group)"),
    )


def out_file_help() -> str:
    return _("the file to write; its ending chooses the format")


def add_out_option(command: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """--out FILE, required: where an export or a backup is written."""
    command.add_argument("--out", type=Path, required=True, metavar=_("FILE"), help=help_text)


def add_file_argument(command: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """FILE, the file a command reads (an import, a PDF to verify, an export to audit)."""
    command.add_argument("file", type=Path, metavar=_("FILE"), help=help_text)


def add_json_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--json", action="store_true", help=_("print JSON"))


def add_list_options(command: argparse.ArgumentParser) -> None:
    """--group ID and --json, which every list of a group's things takes."""
    add_group_option(command)
    add_json_option(command)


class Commands:
    """What a capability's `register()` receives: adds commands, and the shared
    `export …` / `import …` groups, all with the global options."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.common = argparse.ArgumentParser(add_help=False)
        _global_options(self.common, suppress=True)
        self._commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
        self._groups: dict[str, Any] = {}

    def add(self, name: str, help_text: str, handler: Handler | None = None) -> Any:
        command = self._commands.add_parser(name, parents=[self.common], help=help_text)
        if handler is not None:
            command.set_defaults(handler=handler)
        return command

    def add_to_group(
        self,
        group: str,
        name: str,
        help_text: str,
        handler: Handler,
        group_help: str | None = None,
    ) -> Any:
        """A second-level command: `export protocol`, `import plan`, `members list` …

        The first command of a group creates it, with `group_help` (or the help text)."""
        subcommands = self._groups.get(group)
        if subcommands is None:
            shared = {
                "export": _("write a file (PDF, DOCX, XLSX, CSV)"),
                "import": _("read a file (dry run unless --apply)"),
            }
            parent = self.add(group, shared.get(group) or group_help or help_text)
            subcommands = parent.add_subparsers(dest="action", required=True, metavar=_("WHAT"))
            self._groups[group] = subcommands
        command = subcommands.add_parser(name, parents=[self.common], help=help_text)
        command.set_defaults(handler=handler)
        return command


def _registrars() -> list[Callable[[Commands], None]]:
    """Each capability's command module; add a line here to add a capability's commands."""
    from naravard_desktop.cli import actions, basic, meetings, plans, region, report, server, sip

    return [
        basic.register,
        plans.register,
        meetings.register,
        actions.register,
        sip.register,
        report.register,
        server.register,
        region.register,
    ]


def build_parser() -> argparse.ArgumentParser:
    argparse_words.install()
    parser = argparse.ArgumentParser(
        prog="naravard-desktop",
        description=_(
            "Local plan, SIP follow-up, meetings and protocols for local collaboration groups. "
            "Without a command, the desktop window opens."
        ),
    )
    parser.add_argument("--version", action=_VersionAction)
    _global_options(parser, suppress=False)
    commands = Commands(parser)
    for register in _registrars():
        register(commands)
    return parser


class _VersionAction(argparse.Action):
    """--version, reading the installed version only when asked (it costs ~25 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help=_("show the version and exit"))

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from naravard_desktop import __version__

        print(f"naravard-desktop {__version__}")
        parser.exit()


def pre_parse_language(argv: Sequence[str]) -> str | None:
    """The --lang value, read before the parser is built so its help text is translated."""
    pre = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    pre.add_argument("--lang")
    try:
        known, _rest = pre.parse_known_args(list(argv))
    except argparse.ArgumentError:  # "--lang" without a value: the real parser reports it
        return None
    return known.lang  # type: ignore[no-any-return]


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run a parsed command; domain errors become one line on stderr."""
    handler: Handler = args.handler
    try:
        return handler(args, out)
    except DomainError as error:
        print(_("Error: {message}").format(message=error.message), file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(_("Interrupted."), file=err)
        return EXIT_ERROR
    except BrokenPipeError:  # the reader of our output went away: __main__ ends quietly
        raise
    except Exception as error:  # a bug: log the traceback, still print one line
        from naravard_desktop.services.system.database_errors import describe_failure

        # A file or database that failed under the command (a memory stick pulled out):
        # a sentence in the user's language, SQLite's or the system's own words in the log.
        failure = describe_failure(error)
        if failure is not None:
            log.warning("command %s failed: %r", args.command, error)
            print(_("Error: {message}").format(message=failure), file=err)
            return EXIT_ERROR
        log.exception("command %s failed", args.command)
        print(
            _(
                "Unexpected error ({kind}): {message}. Details are in the log file; send it to "
                "your support contact if it happens again."
            ).format(kind=type(error).__name__, message=error),
            file=err,
        )
        return EXIT_ERROR


@contextmanager
def open_db(args: argparse.Namespace, *, create: bool = True) -> Iterator[Database]:
    """The database named by --database (or the default), disposed of afterwards. Commands
    that only look at a database (`check`, `verify`) pass `create=False`: a mistyped path is
    reported instead of becoming a new, empty database."""
    from naravard_desktop.cli.login import open_prompting

    db = open_prompting(args.database, create=create, migrate_server=False)  # `migrate` does
    try:
        yield db
    finally:
        db.dispose()


def print_json(payload: object, out: TextIO) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2), file=out)


def print_rows(
    rows: Sequence[Row],
    out: TextIO,
    json_output: bool,
    as_line: Callable[[Row], str],
    as_object: Callable[[Row], dict[str, object]],
) -> int:
    """A list command's output: one line a row, starting with its id (tab-separated), or
    with --json one list of objects, each with at least `id`."""
    if json_output:
        print_json([as_object(row) for row in rows], out)
    else:
        for row in rows:
            print(as_line(row), file=out)
    return EXIT_OK


def refuse(message: str) -> int:
    """A refusal by the rules (not a failure of the command): one line on stderr, exit 1."""
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return EXIT_PROBLEM
